-- The course catalogue: courses, their ordered modules, the competencies
-- each develops, prerequisites between courses, and learners' feedback.
-- Positions may now require a course or a certification (a course whose
-- completion certifies and may expire).

-- +goose Up
-- Trigram search over both languages: Debian ships no Chinese segmenter, so
-- text search is substring matching (ILIKE), which a trigram index speeds
-- up for terms of three characters or more. pg_trgm is a trusted extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE courses (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,39}$'),
    title_en        text NOT NULL CHECK (btrim(title_en) <> '' AND length(title_en) <= 200),
    title_zh        text NOT NULL CHECK (btrim(title_zh) <> '' AND length(title_zh) <= 200),
    summary_en      text NOT NULL DEFAULT '' CHECK (length(summary_en) <= 4000),
    summary_zh      text NOT NULL DEFAULT '' CHECK (length(summary_zh) <= 4000),
    format          text NOT NULL CHECK (format IN ('E_LEARNING', 'CLASSROOM', 'COACHING', 'ON_THE_JOB')),
    estimated_hours numeric(5, 1) NOT NULL CHECK (estimated_hours > 0 AND estimated_hours <= 1000),
    -- The trainer who owns the course and manages it.
    owner_id        bigint NOT NULL REFERENCES employees (id),
    status          text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    -- A certification is a course whose completion certifies the learner;
    -- positions may require it. validity_months, when set, is how long a
    -- completion counts before it expires (and a recurring assignment
    -- re-opens).
    certification   boolean NOT NULL DEFAULT false,
    validity_months integer CHECK (validity_months BETWEEN 1 AND 120),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    archived_at     timestamptz,
    -- Everything text search looks at, lower-cased, in one column.
    search_text     text GENERATED ALWAYS AS (
        lower(code || ' ' || title_en || ' ' || title_zh || ' ' || summary_en || ' ' || summary_zh)) STORED,
    CHECK ((status = 'DRAFT') OR published_at IS NOT NULL),
    CHECK ((status = 'ARCHIVED') = (archived_at IS NOT NULL))
);
CREATE INDEX courses_search_trgm ON courses USING gin (search_text gin_trgm_ops);
CREATE INDEX courses_owner_idx ON courses (owner_id);
CREATE INDEX courses_status_idx ON courses (status, format);

-- Ordered modules (lessons) of a course. The position is unique per course;
-- the constraint is deferrable so a reorder can swap positions in one
-- transaction.
CREATE TABLE course_modules (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id         bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 1),
    title_en          text NOT NULL CHECK (btrim(title_en) <> '' AND length(title_en) <= 200),
    title_zh          text NOT NULL CHECK (btrim(title_zh) <> '' AND length(title_zh) <= 200),
    summary_en        text NOT NULL DEFAULT '' CHECK (length(summary_en) <= 4000),
    summary_zh        text NOT NULL DEFAULT '' CHECK (length(summary_zh) <= 4000),
    estimated_minutes integer NOT NULL DEFAULT 30 CHECK (estimated_minutes BETWEEN 1 AND 6000),
    CONSTRAINT course_modules_position_key UNIQUE (course_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

-- The competencies a course develops: from an entry level the learner should
-- already have (0: none) up to the target level the course brings them to.
CREATE TABLE course_competencies (
    course_id     bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    competency_id bigint NOT NULL REFERENCES competencies (id),
    -- The framework version the link was set against.
    framework_id  bigint NOT NULL REFERENCES frameworks (id),
    entry_level   smallint NOT NULL DEFAULT 0 CHECK (entry_level BETWEEN 0 AND 9),
    target_level  smallint NOT NULL CHECK (target_level BETWEEN 1 AND 9),
    PRIMARY KEY (course_id, competency_id),
    CHECK (target_level > entry_level)
);
CREATE INDEX course_competencies_competency_idx ON course_competencies (competency_id, target_level);

-- Prerequisites form a DAG (checked by the code under a table lock, which
-- names the cycle a new edge would close). An enforced prerequisite blocks
-- starting the course until it is completed; an advisory one only warns.
CREATE TABLE course_prerequisites (
    course_id       bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    prerequisite_id bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    enforced        boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (course_id, prerequisite_id),
    CHECK (course_id <> prerequisite_id)
);
CREATE INDEX course_prerequisites_prereq_idx ON course_prerequisites (prerequisite_id);

-- A learner's rating and comment after completing a course; one per learner
-- and course, editable.
CREATE TABLE course_feedback (
    course_id   bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    employee_id bigint NOT NULL REFERENCES employees (id),
    rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment     text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (course_id, employee_id)
);

-- Positions may require a course (completed at least once) or a
-- certification (a completion still within its validity).
ALTER TABLE position_requirements ADD COLUMN course_id bigint REFERENCES courses (id);
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_kind_check;
ALTER TABLE position_requirements ADD CONSTRAINT position_requirements_kind_check
    CHECK (kind IN ('COMPETENCY', 'MONTHS_IN_POSITION', 'PERFORMANCE_RATING', 'COURSE', 'CERTIFICATION'));
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_check;
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
DROP INDEX position_requirements_kind_key;
CREATE UNIQUE INDEX position_requirements_kind_key ON position_requirements (position_id, kind)
    WHERE kind IN ('MONTHS_IN_POSITION', 'PERFORMANCE_RATING');
CREATE UNIQUE INDEX position_requirements_course_key ON position_requirements (position_id, course_id)
    WHERE kind IN ('COURSE', 'CERTIFICATION');

-- +goose Down
DROP INDEX position_requirements_course_key;
DELETE FROM position_requirements WHERE kind IN ('COURSE', 'CERTIFICATION');
DROP INDEX position_requirements_kind_key;
CREATE UNIQUE INDEX position_requirements_kind_key ON position_requirements (position_id, kind) WHERE kind <> 'COMPETENCY';
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_shape;
ALTER TABLE position_requirements DROP CONSTRAINT position_requirements_kind_check;
ALTER TABLE position_requirements ADD CONSTRAINT position_requirements_kind_check
    CHECK (kind IN ('COMPETENCY', 'MONTHS_IN_POSITION', 'PERFORMANCE_RATING'));
ALTER TABLE position_requirements DROP COLUMN course_id;
ALTER TABLE position_requirements ADD CONSTRAINT position_requirements_check CHECK (CASE kind
    WHEN 'COMPETENCY' THEN competency_id IS NOT NULL AND min_level IS NOT NULL AND framework_id IS NOT NULL
                           AND min_months IS NULL AND min_rating IS NULL
    WHEN 'MONTHS_IN_POSITION' THEN min_months IS NOT NULL AND competency_id IS NULL AND min_level IS NULL AND min_rating IS NULL
    WHEN 'PERFORMANCE_RATING' THEN min_rating IS NOT NULL AND competency_id IS NULL AND min_level IS NULL AND min_months IS NULL
END);
DROP TABLE course_feedback;
DROP TABLE course_prerequisites;
DROP TABLE course_competencies;
DROP TABLE course_modules;
DROP TABLE courses;
