-- Promotion reviews: a nomination of an employee for a position, the
-- readiness it was made on (frozen at that moment), the panel's votes, HR's
-- decision and an appeal against a rejection. Every step is also written to
-- promotion_audit, which nobody can change afterwards: a promotion decision
-- must be explainable years later from the record as it was.

-- +goose Up
CREATE TABLE promotion_reviews (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id       bigint NOT NULL REFERENCES employees (id),
    -- The position they hold when nominated, and the one they are nominated for.
    from_position_id  bigint NOT NULL REFERENCES positions (id),
    position_id       bigint NOT NULL REFERENCES positions (id),
    nominated_by      bigint NOT NULL REFERENCES employees (id),
    justification     text NOT NULL CHECK (btrim(justification) <> ''),
    status            text NOT NULL DEFAULT 'NOMINATED' CHECK (status IN (
        'NOMINATED', 'IN_PANEL', 'APPROVED', 'REJECTED', 'APPEALED', 'UPHELD', 'OVERTURNED', 'WITHDRAWN')),
    -- Readiness when nominated ({score, status, lines}); never updated, so
    -- later evidence does not rewrite what the decision was based on.
    snapshot          jsonb NOT NULL CHECK (jsonb_typeof(snapshot) = 'object'),
    decided_by        bigint REFERENCES employees (id),
    decided_at        timestamptz,
    decision_reason   text NOT NULL DEFAULT '',
    appeal_statement  text NOT NULL DEFAULT '',
    appealed_at       timestamptz,
    appeal_decided_by bigint REFERENCES employees (id),
    appeal_decided_at timestamptz,
    appeal_reason     text NOT NULL DEFAULT '',
    withdrawn_by      bigint REFERENCES employees (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (employee_id <> nominated_by),
    CHECK (from_position_id <> position_id),
    -- The appeal is heard by someone other than the first decision's author.
    CHECK (appeal_decided_by IS NULL OR appeal_decided_by <> decided_by)
);
-- One open review per person and position: a second nomination while one
-- is under way would split the panel's and HR's attention.
CREATE UNIQUE INDEX promotion_reviews_open_key ON promotion_reviews (employee_id, position_id)
    WHERE status IN ('NOMINATED', 'IN_PANEL', 'APPEALED');
CREATE INDEX promotion_reviews_employee_idx ON promotion_reviews (employee_id, id);
CREATE INDEX promotion_reviews_nominator_idx ON promotion_reviews (nominated_by, id);
CREATE INDEX promotion_reviews_status_idx ON promotion_reviews (status, id);

-- The panel HR names, and each member's vote (NULL until cast). A
-- confidential comment is for HR: the nominee never sees it.
CREATE TABLE promotion_panel (
    review_id    bigint NOT NULL REFERENCES promotion_reviews (id),
    reviewer_id  bigint NOT NULL REFERENCES employees (id),
    vote         text CHECK (vote IN ('SUPPORT', 'OPPOSE', 'ABSTAIN')),
    comment      text NOT NULL DEFAULT '',
    confidential boolean NOT NULL DEFAULT false,
    voted_at     timestamptz,
    PRIMARY KEY (review_id, reviewer_id),
    CHECK ((vote IS NULL) = (voted_at IS NULL))
);
CREATE INDEX promotion_panel_reviewer_idx ON promotion_panel (reviewer_id);

-- Every step of every review: who, when, what, and the review (or vote)
-- before and after. Append-only, like view_log.
CREATE TABLE promotion_audit (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    review_id    bigint NOT NULL REFERENCES promotion_reviews (id),
    actor_id     bigint NOT NULL REFERENCES employees (id),
    action       text NOT NULL CHECK (action IN (
        'NOMINATE', 'SET_PANEL', 'VOTE', 'APPROVE', 'REJECT', 'APPEAL', 'UPHOLD', 'OVERTURN', 'WITHDRAW')),
    from_status  text,
    to_status    text NOT NULL,
    before       jsonb,
    after        jsonb,
    -- A confidential vote's row: the nominee sees that it happened, not what it said.
    confidential boolean NOT NULL DEFAULT false,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX promotion_audit_review_idx ON promotion_audit (review_id, id);

-- +goose StatementBegin
CREATE FUNCTION promotion_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the promotion audit is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
-- +goose StatementEnd
CREATE TRIGGER promotion_audit_append_only BEFORE UPDATE OR DELETE ON promotion_audit
    FOR EACH ROW EXECUTE FUNCTION promotion_audit_append_only();
-- TRUNCATE skips row triggers; refuse it too.
CREATE TRIGGER promotion_audit_no_truncate BEFORE TRUNCATE ON promotion_audit
    FOR EACH STATEMENT EXECUTE FUNCTION promotion_audit_append_only();

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
    'COURSE_ASSIGNED', 'DUE_SOON', 'OVERDUE', 'SESSION_CHANGED', 'SESSION_CANCELLED',
    'WAITLIST_PROMOTED', 'ASSIGNMENT_REOPENED', 'ASSESSMENT_ASSIGNED',
    'PROMOTION_NOMINATED', 'PROMOTION_PANEL', 'PROMOTION_DECIDED', 'PROMOTION_APPEALED',
    'PROMOTION_APPEAL_DECIDED'));

-- +goose Down
DELETE FROM notifications WHERE kind LIKE 'PROMOTION\_%';
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
    'COURSE_ASSIGNED', 'DUE_SOON', 'OVERDUE', 'SESSION_CHANGED', 'SESSION_CANCELLED',
    'WAITLIST_PROMOTED', 'ASSIGNMENT_REOPENED', 'ASSESSMENT_ASSIGNED'));
DROP TRIGGER promotion_audit_no_truncate ON promotion_audit;
DROP TRIGGER promotion_audit_append_only ON promotion_audit;
DROP FUNCTION promotion_audit_append_only();
DROP TABLE promotion_audit;
DROP TABLE promotion_panel;
DROP TABLE promotion_reviews;
