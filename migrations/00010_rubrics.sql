-- Rubric assessments: QA sampling of calls and chats, and managers'
-- observation. A rubric is a set of weighted criteria, each tied to one
-- competency and describing, level by level of the framework's scale, what
-- performance at that level looks like. A scorecard is one assessor's
-- scoring of one employee against a published rubric, optionally of one
-- sampled interaction; each of its items also becomes competency evidence
-- (source RUBRIC, written by package rubric in the same transaction).
--
-- Why criteria store the scale they were written against (rubrics.max_level):
-- a later framework version may change the scale, and a rubric whose
-- descriptors no longer cover it must not be scored until revised.

-- +goose Up
CREATE TABLE rubrics (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The code names the rubric in evidence (competency_evidence.instrument),
    -- so it follows that column's pattern and never changes.
    code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,39}$'),
    name_en        text NOT NULL CHECK (btrim(name_en) <> '' AND length(name_en) <= 200),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> '' AND length(name_zh) <= 200),
    description_en text NOT NULL DEFAULT '' CHECK (length(description_en) <= 4000),
    description_zh text NOT NULL DEFAULT '' CHECK (length(description_zh) <= 4000),
    purpose        text NOT NULL CHECK (purpose IN ('QA_SAMPLING', 'OBSERVATION')),
    status         text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    owner_id       bigint NOT NULL REFERENCES employees (id),
    -- The top level of the scale the criteria were written against; NULL
    -- until criteria are set.
    max_level      smallint CHECK (max_level BETWEEN 2 AND 9),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    published_at   timestamptz,
    archived_at    timestamptz,
    -- A published rubric was published at some time; an archived one may
    -- have been a draft that never was.
    CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL),
    CHECK (status <> 'DRAFT' OR published_at IS NULL),
    CHECK ((status = 'ARCHIVED') = (archived_at IS NOT NULL)),
    CHECK (status <> 'PUBLISHED' OR max_level IS NOT NULL)
);
CREATE INDEX rubrics_owner_idx ON rubrics (owner_id);

CREATE TABLE rubric_criteria (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rubric_id     bigint NOT NULL REFERENCES rubrics (id) ON DELETE CASCADE,
    competency_id bigint NOT NULL REFERENCES competencies (id),
    -- Relative weight: weights need not sum to 100, the score normalises.
    weight        numeric(6, 2) NOT NULL CHECK (weight > 0),
    position      integer NOT NULL CHECK (position >= 0),
    name_en       text NOT NULL CHECK (btrim(name_en) <> '' AND length(name_en) <= 200),
    name_zh       text NOT NULL CHECK (btrim(name_zh) <> '' AND length(name_zh) <= 200),
    UNIQUE (rubric_id, position),
    -- One criterion per competency: two would count the same evidence twice.
    UNIQUE (rubric_id, competency_id),
    -- Target of scorecard_items' foreign key, which keeps an item's
    -- criterion within its scorecard's rubric.
    UNIQUE (rubric_id, id)
);
CREATE INDEX rubric_criteria_competency_idx ON rubric_criteria (competency_id);

-- What performance at one level of one criterion looks like.
CREATE TABLE rubric_level_descriptors (
    criterion_id bigint NOT NULL REFERENCES rubric_criteria (id) ON DELETE CASCADE,
    level        smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    text_en      text NOT NULL CHECK (btrim(text_en) <> '' AND length(text_en) <= 2000),
    text_zh      text NOT NULL CHECK (btrim(text_zh) <> '' AND length(text_zh) <= 2000),
    PRIMARY KEY (criterion_id, level)
);

CREATE TABLE scorecards (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rubric_id       bigint NOT NULL REFERENCES rubrics (id),
    employee_id     bigint NOT NULL REFERENCES employees (id),
    assessor_id     bigint NOT NULL REFERENCES employees (id),
    -- The framework version in force when scored: the evidence's.
    framework_id    bigint NOT NULL REFERENCES frameworks (id),
    -- The interaction sampled, when there is one (QA sampling); an
    -- observation may name none.
    channel         text CHECK (channel IN ('CALL', 'CHAT', 'EMAIL', 'OTHER')),
    interaction_ref text CHECK (btrim(interaction_ref) <> '' AND length(interaction_ref) <= 200),
    interaction_on  date,
    comment         text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
    -- Percent: sum(weight × level / max_level) / sum(weight) × 100.
    weighted_score  numeric(5, 2) NOT NULL CHECK (weighted_score BETWEEN 0 AND 100),
    scored_at       timestamptz NOT NULL,
    -- Nobody scores themself.
    CHECK (assessor_id <> employee_id),
    UNIQUE (rubric_id, id)
);
-- An assessor scores one interaction for one employee at most once; two
-- assessors scoring the same interaction is calibration.
CREATE UNIQUE INDEX scorecards_interaction_key ON scorecards (rubric_id, employee_id, assessor_id, interaction_ref)
    WHERE interaction_ref IS NOT NULL;
CREATE INDEX scorecards_employee_idx ON scorecards (employee_id, scored_at DESC, id DESC);
CREATE INDEX scorecards_assessor_idx ON scorecards (assessor_id);
CREATE INDEX scorecards_calibration_idx ON scorecards (rubric_id, interaction_ref) WHERE interaction_ref IS NOT NULL;

CREATE TABLE scorecard_items (
    scorecard_id bigint NOT NULL,
    -- Repeated from the scorecard so both foreign keys below can require
    -- the criterion to belong to the scorecard's rubric.
    rubric_id    bigint NOT NULL,
    criterion_id bigint NOT NULL,
    level        smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    comment      text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
    PRIMARY KEY (scorecard_id, criterion_id),
    FOREIGN KEY (rubric_id, scorecard_id) REFERENCES scorecards (rubric_id, id) ON DELETE CASCADE,
    FOREIGN KEY (rubric_id, criterion_id) REFERENCES rubric_criteria (rubric_id, id)
);
CREATE INDEX scorecard_items_criterion_idx ON scorecard_items (criterion_id);

-- +goose Down
DELETE FROM competency_evidence WHERE source = 'RUBRIC';
DROP TABLE scorecard_items;
DROP TABLE scorecards;
DROP TABLE rubric_level_descriptors;
DROP TABLE rubric_criteria;
DROP TABLE rubrics;
