-- The competency framework, the evidence of each employee's proficiency,
-- and the ladder's requirements and moves.
--
-- Versioning: a competency is a stable identity (`competencies`, keyed by
-- its code); what it says in each framework version lives in
-- `competency_versions`. Editing a published framework works on a draft
-- copy that becomes the next version when published, so evidence and
-- requirements made against an older version stay valid: they point at the
-- stable competency and record the version they were made against.

-- +goose Up
CREATE TABLE frameworks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version      integer NOT NULL UNIQUE CHECK (version > 0),
    status       text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    -- Number of proficiency levels; the default scale has five.
    max_level    smallint NOT NULL DEFAULT 5 CHECK (max_level BETWEEN 2 AND 9),
    notes        text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   bigint REFERENCES employees (id),
    published_at timestamptz,
    published_by bigint REFERENCES employees (id),
    CHECK ((status = 'DRAFT') = (published_at IS NULL))
);
-- At most one published version and one draft at any time.
CREATE UNIQUE INDEX frameworks_one_published ON frameworks (status) WHERE status = 'PUBLISHED';
CREATE UNIQUE INDEX frameworks_one_draft ON frameworks (status) WHERE status = 'DRAFT';

CREATE TABLE proficiency_levels (
    framework_id   bigint NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    level          smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    name_en        text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> ''),
    description_en text NOT NULL DEFAULT '',
    description_zh text NOT NULL DEFAULT '',
    PRIMARY KEY (framework_id, level)
);

CREATE TABLE competency_categories (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    framework_id bigint NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    code         text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name_en      text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh      text NOT NULL CHECK (btrim(name_zh) <> ''),
    sort_order   integer NOT NULL DEFAULT 0,
    UNIQUE (framework_id, code),
    UNIQUE (framework_id, id)
);

-- The stable identity of a competency across framework versions.
CREATE TABLE competencies (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- What a competency says in one framework version.
CREATE TABLE competency_versions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    competency_id  bigint NOT NULL REFERENCES competencies (id),
    framework_id   bigint NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    category_id    bigint NOT NULL,
    name_en        text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> ''),
    description_en text NOT NULL DEFAULT '',
    description_zh text NOT NULL DEFAULT '',
    sort_order     integer NOT NULL DEFAULT 0,
    archived       boolean NOT NULL DEFAULT false,
    UNIQUE (competency_id, framework_id),
    -- The category must belong to the same framework version.
    FOREIGN KEY (framework_id, category_id) REFERENCES competency_categories (framework_id, id)
);
CREATE INDEX competency_versions_framework_idx ON competency_versions (framework_id);

-- Behavioural indicators of one competency at one level, where they differ
-- from the scale's general description.
CREATE TABLE competency_indicators (
    competency_version_id bigint NOT NULL REFERENCES competency_versions (id) ON DELETE CASCADE,
    level                 smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    indicator_en          text NOT NULL CHECK (btrim(indicator_en) <> ''),
    indicator_zh          text NOT NULL CHECK (btrim(indicator_zh) <> ''),
    PRIMARY KEY (competency_version_id, level)
);

-- Evidence of an employee's level in a competency: ratings and
-- self-assessments now; assessments, course completions and KPIs later.
-- Rows are only ever added: the current level is derived from them at read
-- time (competency/proficiency.go), never stored.
CREATE TABLE competency_evidence (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id   bigint NOT NULL REFERENCES employees (id),
    competency_id bigint NOT NULL REFERENCES competencies (id),
    -- The framework version the evidence was given against.
    framework_id  bigint NOT NULL REFERENCES frameworks (id),
    level         smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    source        text NOT NULL CHECK (source IN ('SELF', 'MANAGER', 'TRAINER', 'HR')),
    assessor_id   bigint REFERENCES employees (id),
    comment       text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
    -- When the behaviour was observed; staleness counts from here.
    observed_on   date NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    -- A self-assessment is by the employee; every other source is by someone else.
    CHECK ((source = 'SELF') = (assessor_id = employee_id))
);
CREATE INDEX competency_evidence_employee_idx ON competency_evidence (employee_id, competency_id, observed_on DESC, id DESC);

ALTER TABLE tracks ADD COLUMN archived_at timestamptz;
ALTER TABLE positions
    ADD COLUMN responsibilities_en text NOT NULL DEFAULT '',
    ADD COLUMN responsibilities_zh text NOT NULL DEFAULT '',
    ADD COLUMN archived_at timestamptz;

-- What a position asks of whoever moves into it. One row per requirement;
-- `kind` says which columns apply, so later kinds (courses, certifications,
-- KPI thresholds) add columns and CHECK branches, not a new shape.
CREATE TABLE position_requirements (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position_id   bigint NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('COMPETENCY', 'MONTHS_IN_POSITION', 'PERFORMANCE_RATING')),
    competency_id bigint REFERENCES competencies (id),
    min_level     smallint CHECK (min_level BETWEEN 1 AND 9),
    -- The framework version a competency requirement was set against.
    framework_id  bigint REFERENCES frameworks (id),
    min_months    integer CHECK (min_months BETWEEN 0 AND 600),
    min_rating    numeric(3, 2) CHECK (min_rating > 0 AND min_rating <= 5),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (CASE kind
        WHEN 'COMPETENCY' THEN competency_id IS NOT NULL AND min_level IS NOT NULL AND framework_id IS NOT NULL
                               AND min_months IS NULL AND min_rating IS NULL
        WHEN 'MONTHS_IN_POSITION' THEN min_months IS NOT NULL AND competency_id IS NULL AND min_level IS NULL AND min_rating IS NULL
        WHEN 'PERFORMANCE_RATING' THEN min_rating IS NOT NULL AND competency_id IS NULL AND min_level IS NULL AND min_months IS NULL
    END)
);
CREATE UNIQUE INDEX position_requirements_competency_key ON position_requirements (position_id, competency_id) WHERE kind = 'COMPETENCY';
CREATE UNIQUE INDEX position_requirements_kind_key ON position_requirements (position_id, kind) WHERE kind <> 'COMPETENCY';

-- Allowed moves: a directed graph over positions. A promotion rises in
-- level; a lateral move joins equal levels on different tracks (and is
-- stored in both directions by the code that adds it).
CREATE TABLE position_moves (
    from_position_id bigint NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
    to_position_id   bigint NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('PROMOTION', 'LATERAL')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (from_position_id, to_position_id),
    CHECK (from_position_id <> to_position_id)
);
CREATE INDEX position_moves_to_idx ON position_moves (to_position_id);

-- +goose StatementBegin
CREATE FUNCTION position_moves_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    f positions%ROWTYPE;
    t positions%ROWTYPE;
BEGIN
    SELECT * INTO f FROM positions WHERE id = NEW.from_position_id;
    SELECT * INTO t FROM positions WHERE id = NEW.to_position_id;
    IF NEW.kind = 'PROMOTION' AND t.level <= f.level THEN
        RAISE EXCEPTION 'a promotion must rise in level (% is level %, % is level %)', f.code, f.level, t.code, t.level
            USING ERRCODE = 'check_violation', CONSTRAINT = 'position_moves_promotion_rises';
    END IF;
    IF NEW.kind = 'LATERAL' AND (t.level <> f.level OR t.track_id = f.track_id) THEN
        RAISE EXCEPTION 'a lateral move joins equal levels on different tracks (% and %)', f.code, t.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'position_moves_lateral_level';
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER position_moves_check BEFORE INSERT OR UPDATE ON position_moves
    FOR EACH ROW EXECUTE FUNCTION position_moves_check();

-- +goose Down
DROP TRIGGER position_moves_check ON position_moves;
DROP FUNCTION position_moves_check();
DROP TABLE position_moves;
DROP TABLE position_requirements;
ALTER TABLE positions DROP COLUMN responsibilities_en, DROP COLUMN responsibilities_zh, DROP COLUMN archived_at;
ALTER TABLE tracks DROP COLUMN archived_at;
DROP TABLE competency_evidence;
DROP TABLE competency_indicators;
DROP TABLE competency_versions;
DROP TABLE competencies;
DROP TABLE competency_categories;
DROP TABLE proficiency_levels;
DROP TABLE frameworks;
