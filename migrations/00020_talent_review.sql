-- Talent review: one cycle per review period in which every active
-- employee is placed on the 9-box grid (performance LOW/MEDIUM/HIGH ×
-- potential LOW/MEDIUM/HIGH, stored as 1..3), then calibrated by HR and
-- managers, who move people between boxes with a recorded reason.
--
-- A cycle moves OPEN -> CALIBRATING (on the first computation) -> CLOSED.
-- A placement keeps both what the formula said (computed_*) and where the
-- person sits now (performance, potential), plus the formula's inputs as
-- jsonb ("why"), so a calibration meeting sees where everyone sits and why.
-- Every move is an append-only nine_box_moves row; a trigger refuses
-- UPDATE and DELETE so the calibration record cannot be rewritten.

-- +goose Up
CREATE TABLE talent_cycles (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z][0-9A-Z_-]{1,19}$'),
    name_en          text NOT NULL CHECK (btrim(name_en) <> '' AND length(name_en) <= 200),
    name_zh          text NOT NULL CHECK (btrim(name_zh) <> '' AND length(name_zh) <= 200),
    -- One talent review per review period: its ratings are the performance input.
    review_period_id bigint NOT NULL UNIQUE REFERENCES review_periods (id),
    status           text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CALIBRATING', 'CLOSED')),
    opened_by        bigint NOT NULL REFERENCES employees (id),
    opened_at        timestamptz NOT NULL,
    computed_at      timestamptz,
    closed_by        bigint REFERENCES employees (id),
    closed_at        timestamptz,
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL AND closed_by IS NOT NULL)),
    CHECK (status = 'OPEN' OR computed_at IS NOT NULL)
);

CREATE TABLE nine_box_placements (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cycle_id                bigint NOT NULL REFERENCES talent_cycles (id),
    employee_id             bigint NOT NULL REFERENCES employees (id),
    -- Where the person sits now (after calibration): 1 LOW, 2 MEDIUM, 3 HIGH.
    performance             smallint NOT NULL CHECK (performance BETWEEN 1 AND 3),
    potential               smallint NOT NULL CHECK (potential BETWEEN 1 AND 3),
    -- What the placement rule said, kept when people are moved.
    computed_performance    smallint NOT NULL CHECK (computed_performance BETWEEN 1 AND 3),
    computed_potential      smallint NOT NULL CHECK (computed_potential BETWEEN 1 AND 3),
    -- The manager's view of the person's potential; it moves the computed
    -- potential by at most one band.
    manager_potential_input smallint CHECK (manager_potential_input BETWEEN 1 AND 3),
    manager_input_by        bigint REFERENCES employees (id),
    -- The rule's inputs (rating, KPIs against the median, readiness,
    -- aspirations, manager input) and the bands they gave.
    why                     jsonb NOT NULL DEFAULT '{}',
    -- Who put the person in their current box: the HR user who computed,
    -- or the last one to move them.
    placed_by               bigint NOT NULL REFERENCES employees (id),
    placed_at               timestamptz NOT NULL,
    reason                  text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    UNIQUE (cycle_id, employee_id)
);
CREATE INDEX nine_box_placements_employee_idx ON nine_box_placements (employee_id);

-- Calibration history: every move of every placement, only ever inserted.
CREATE TABLE nine_box_moves (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    placement_id     bigint NOT NULL REFERENCES nine_box_placements (id),
    from_performance smallint NOT NULL CHECK (from_performance BETWEEN 1 AND 3),
    from_potential   smallint NOT NULL CHECK (from_potential BETWEEN 1 AND 3),
    to_performance   smallint NOT NULL CHECK (to_performance BETWEEN 1 AND 3),
    to_potential     smallint NOT NULL CHECK (to_potential BETWEEN 1 AND 3),
    moved_by         bigint NOT NULL REFERENCES employees (id),
    reason           text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 2000),
    at               timestamptz NOT NULL
);
CREATE INDEX nine_box_moves_placement_idx ON nine_box_moves (placement_id, id);

-- +goose StatementBegin
CREATE FUNCTION nine_box_moves_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the 9-box move history is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
-- +goose StatementEnd
CREATE TRIGGER nine_box_moves_append_only BEFORE UPDATE OR DELETE ON nine_box_moves
    FOR EACH ROW EXECUTE FUNCTION nine_box_moves_append_only();

-- +goose Down
DROP TRIGGER nine_box_moves_append_only ON nine_box_moves;
DROP FUNCTION nine_box_moves_append_only();
DROP TABLE nine_box_moves;
DROP TABLE nine_box_placements;
DROP TABLE talent_cycles;
