-- Who looked at what: every view of a promotion review, a readiness
-- snapshot or a 9-box placement is recorded here, for HR and admins to
-- read. Rows are only ever inserted; no API path updates or deletes them.

-- +goose Up
CREATE TABLE view_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    viewer_id   bigint NOT NULL REFERENCES employees (id),
    -- What was viewed: PROMOTION_REVIEW, READINESS_SNAPSHOT, NINE_BOX, ...
    object_kind text NOT NULL CHECK (object_kind ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    object_id   bigint NOT NULL,
    -- Whose record it is, when it is about one person.
    subject_id  bigint REFERENCES employees (id),
    viewed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX view_log_object_idx ON view_log (object_kind, object_id, viewed_at DESC);
CREATE INDEX view_log_subject_idx ON view_log (subject_id, viewed_at DESC);

-- +goose StatementBegin
CREATE FUNCTION view_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the view log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
-- +goose StatementEnd
CREATE TRIGGER view_log_append_only BEFORE UPDATE OR DELETE ON view_log
    FOR EACH ROW EXECUTE FUNCTION view_log_append_only();

-- +goose Down
DROP TRIGGER view_log_append_only ON view_log;
DROP FUNCTION view_log_append_only();
DROP TABLE view_log;
