-- Evidence from assessments, rubric scorecards and KPIs joins ratings and
-- course completions. Each such row names the instrument it came from (the
-- assessment's, rubric's or KPI's code), the score behind the level and the
-- record it was made from (an attempt, a scorecard, a KPI record), so the
-- proficiency rule can explain a level and achievement criteria can test
-- "rubric average over the last three sampled calls".

-- +goose Up
ALTER TABLE competency_evidence
    ADD COLUMN instrument text CHECK (instrument ~ '^[A-Z][A-Z0-9_-]{1,39}$'),
    ADD COLUMN score      numeric(8, 2),
    ADD COLUMN ref_id     bigint;
ALTER TABLE competency_evidence DROP CONSTRAINT competency_evidence_source_check;
ALTER TABLE competency_evidence ADD CONSTRAINT competency_evidence_source_check
    CHECK (source IN ('SELF', 'MANAGER', 'TRAINER', 'HR', 'COURSE', 'ASSESSMENT', 'RUBRIC', 'KPI'));
ALTER TABLE competency_evidence ADD CONSTRAINT competency_evidence_instrument_shape
    CHECK ((source IN ('ASSESSMENT', 'RUBRIC', 'KPI')) = (instrument IS NOT NULL AND ref_id IS NOT NULL));
CREATE INDEX competency_evidence_instrument_idx ON competency_evidence (employee_id, competency_id, instrument, observed_on DESC)
    WHERE instrument IS NOT NULL;

-- +goose Down
DELETE FROM competency_evidence WHERE source IN ('ASSESSMENT', 'RUBRIC', 'KPI');
DROP INDEX competency_evidence_instrument_idx;
ALTER TABLE competency_evidence DROP CONSTRAINT competency_evidence_instrument_shape;
ALTER TABLE competency_evidence DROP CONSTRAINT competency_evidence_source_check;
ALTER TABLE competency_evidence ADD CONSTRAINT competency_evidence_source_check
    CHECK (source IN ('SELF', 'MANAGER', 'TRAINER', 'HR', 'COURSE'));
ALTER TABLE competency_evidence DROP COLUMN ref_id, DROP COLUMN score, DROP COLUMN instrument;
