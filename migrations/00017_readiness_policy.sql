-- Promotion readiness: how HR weighs each group of a position's
-- requirements into a score from 0 to 100, and the scores at which someone
-- is READY_NOW or READY_SOON (the formula is in progression/readiness.go).
--
-- One row with position_id NULL is the default policy; a row with a
-- position overrides it for that position (a team-lead role may weigh KPIs
-- more than a specialist one). NULLS NOT DISTINCT makes the default unique,
-- so "the default" is always exactly one row: the migration seeds it and
-- the code never deletes it.

-- +goose Up
CREATE TABLE readiness_policy (
    id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position_id                bigint REFERENCES positions (id) ON DELETE CASCADE,
    -- Weights are relative: only their ratios matter, and a group the
    -- position does not require drops out with its weight.
    weight_competency          numeric(6, 2) NOT NULL CHECK (weight_competency >= 0),
    weight_courses             numeric(6, 2) NOT NULL CHECK (weight_courses >= 0),
    weight_months              numeric(6, 2) NOT NULL CHECK (weight_months >= 0),
    weight_rating              numeric(6, 2) NOT NULL CHECK (weight_rating >= 0),
    weight_kpi                 numeric(6, 2) NOT NULL CHECK (weight_kpi >= 0),
    -- Scores (0..100) from which someone is ready now, and ready soon.
    ready_now_min              numeric(5, 2) NOT NULL CHECK (ready_now_min BETWEEN 0 AND 100),
    ready_soon_min             numeric(5, 2) NOT NULL CHECK (ready_soon_min BETWEEN 0 AND 100),
    -- READY_NOW also asks that every single requirement is met, so a high
    -- score cannot hide a missing certification.
    ready_now_requires_all_met boolean NOT NULL DEFAULT true,
    updated_by                 bigint REFERENCES employees (id),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT readiness_policy_position_key UNIQUE NULLS NOT DISTINCT (position_id),
    CONSTRAINT readiness_policy_some_weight CHECK (
        weight_competency + weight_courses + weight_months + weight_rating + weight_kpi > 0),
    CONSTRAINT readiness_policy_thresholds CHECK (ready_soon_min <= ready_now_min)
);

-- The default: competencies carry half the score, since they are what the
-- job asks day to day; required courses, the performance rating and KPI
-- results a sixth or so each; time in position the least, because it says
-- the least about ability. 90 is ready now, 70 ready soon (within a few
-- months of development).
INSERT INTO readiness_policy (position_id, weight_competency, weight_courses, weight_months, weight_rating, weight_kpi,
                              ready_now_min, ready_soon_min, ready_now_requires_all_met)
VALUES (NULL, 50, 15, 5, 15, 15, 90, 70, true);

-- +goose Down
DROP TABLE readiness_policy;
