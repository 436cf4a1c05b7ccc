-- Positions may set KPI thresholds as requirements: "CSAT >= 90% over the
-- last two quarters" is kind KPI with the KPI, the threshold (compared in
-- the KPI's direction) and the window in whole months.

-- +goose Up
ALTER TABLE position_requirements
    ADD COLUMN kpi_id        bigint REFERENCES kpi_definitions (id),
    ADD COLUMN kpi_threshold numeric(10, 2) CHECK (kpi_threshold >= 0),
    ADD COLUMN kpi_months    integer CHECK (kpi_months BETWEEN 1 AND 24);
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_kind_check;
ALTER TABLE position_requirements ADD CONSTRAINT position_requirements_kind_check
    CHECK (kind IN ('COMPETENCY', 'MONTHS_IN_POSITION', 'PERFORMANCE_RATING', 'COURSE', 'CERTIFICATION', 'KPI'));
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_shape;
ALTER TABLE position_requirements ADD CONSTRAINT position_requirements_shape CHECK (
    (kind = 'KPI') = (kpi_id IS NOT NULL AND kpi_threshold IS NOT NULL AND kpi_months IS NOT NULL)
    AND (kind = 'KPI' OR (kpi_id IS NULL AND kpi_threshold IS NULL AND kpi_months IS NULL))
    AND CASE kind
    WHEN 'COMPETENCY' THEN competency_id IS NOT NULL AND min_level IS NOT NULL AND framework_id IS NOT NULL
                           AND min_months IS NULL AND min_rating IS NULL AND course_id IS NULL
    WHEN 'MONTHS_IN_POSITION' THEN min_months IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_rating IS NULL AND course_id IS NULL
    WHEN 'PERFORMANCE_RATING' THEN min_rating IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_months IS NULL AND course_id IS NULL
    WHEN 'COURSE' THEN course_id IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_months IS NULL AND min_rating IS NULL
    WHEN 'CERTIFICATION' THEN course_id IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_months IS NULL AND min_rating IS NULL
    WHEN 'KPI' THEN competency_id IS NULL AND min_level IS NULL AND min_months IS NULL
                           AND min_rating IS NULL AND course_id IS NULL
END);
CREATE UNIQUE INDEX position_requirements_kpi_key ON position_requirements (position_id, kpi_id) WHERE kind = 'KPI';

-- +goose Down
DROP INDEX position_requirements_kpi_key;
DELETE FROM position_requirements WHERE kind = 'KPI';
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_shape;
ALTER TABLE position_requirements ADD CONSTRAINT position_requirements_shape CHECK (CASE kind
    WHEN 'COMPETENCY' THEN competency_id IS NOT NULL AND min_level IS NOT NULL AND framework_id IS NOT NULL
                           AND min_months IS NULL AND min_rating IS NULL AND course_id IS NULL
    WHEN 'MONTHS_IN_POSITION' THEN min_months IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_rating IS NULL AND course_id IS NULL
    WHEN 'PERFORMANCE_RATING' THEN min_rating IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_months IS NULL AND course_id IS NULL
    WHEN 'COURSE' THEN course_id IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_months IS NULL AND min_rating IS NULL
    WHEN 'CERTIFICATION' THEN course_id IS NOT NULL AND competency_id IS NULL AND min_level IS NULL
                           AND min_months IS NULL AND min_rating IS NULL
END);
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_kind_check;
ALTER TABLE position_requirements ADD CONSTRAINT position_requirements_kind_check
    CHECK (kind IN ('COMPETENCY', 'MONTHS_IN_POSITION', 'PERFORMANCE_RATING', 'COURSE', 'CERTIFICATION'));
ALTER TABLE position_requirements DROP COLUMN kpi_months, DROP COLUMN kpi_threshold, DROP COLUMN kpi_id;
