-- Achievement criteria: what reaching one level of a competency takes,
-- beyond the default proficiency rule, as a JSON expression over the
-- employee's evidence (rubric averages, passed tests, KPI results, a
-- manager's confirmation, combined with all/any). The grammar and its
-- semantics live in competency/criteria.go, which validates every
-- expression before it is stored; the CHECK only keeps non-objects out.
-- Criteria are keyed by the stable competency, so they survive new
-- framework versions; levels above the published scale are ignored.

-- +goose Up
CREATE TABLE competency_level_criteria (
    competency_id bigint NOT NULL REFERENCES competencies (id),
    level         smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    expression    jsonb NOT NULL CHECK (jsonb_typeof(expression) = 'object'),
    -- Who set the expression in force.
    created_by    bigint REFERENCES employees (id),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (competency_id, level)
);

-- +goose Down
DROP TABLE competency_level_criteria;
