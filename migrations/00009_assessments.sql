-- Knowledge tests: assessments with their question banks, the competencies
-- and levels they certify, and learners' attempts with the questions drawn
-- for each and the answers given.
--
-- An assessment hangs off a course (and may be that course's FINAL test,
-- which must be passed before the course completes) or stands alone for a
-- competency (course_id NULL). Its bank is replaced whole while nobody has
-- attempted it; once attempts point at its questions the foreign keys
-- below keep them.

-- +goose Up
CREATE TABLE assessments (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,39}$'),
    title_en           text NOT NULL CHECK (btrim(title_en) <> '' AND length(title_en) <= 200),
    title_zh           text NOT NULL CHECK (btrim(title_zh) <> '' AND length(title_zh) <= 200),
    description_en     text NOT NULL DEFAULT '' CHECK (length(description_en) <= 4000),
    description_zh     text NOT NULL DEFAULT '' CHECK (length(description_zh) <= 4000),
    -- NULL: a standalone assessment of competencies.
    course_id          bigint REFERENCES courses (id),
    is_final           boolean NOT NULL DEFAULT false,
    -- The percentage of the attempt's points needed to pass.
    pass_mark          smallint NOT NULL CHECK (pass_mark BETWEEN 1 AND 100),
    time_limit_minutes integer CHECK (time_limit_minutes BETWEEN 1 AND 600),
    max_attempts       integer CHECK (max_attempts BETWEEN 1 AND 20),
    -- Draw this many questions at random from the bank for each attempt;
    -- NULL: every question, in the bank's order. Publish checks it against
    -- the bank's size.
    draw_count         integer CHECK (draw_count >= 1),
    status             text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    -- The trainer who owns the assessment, writes it and grades it (the
    -- TRAINER role is checked by the code: a CHECK cannot read user_roles).
    owner_id           bigint NOT NULL REFERENCES employees (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    published_at       timestamptz,
    archived_at        timestamptz,
    CHECK (NOT is_final OR course_id IS NOT NULL),
    CHECK (status = 'DRAFT' OR published_at IS NOT NULL),
    CHECK ((status = 'ARCHIVED') = (archived_at IS NOT NULL))
);
-- At most one final test per course; an archived one makes room for its
-- successor.
CREATE UNIQUE INDEX assessments_one_final ON assessments (course_id) WHERE is_final AND status <> 'ARCHIVED';
CREATE INDEX assessments_course_idx ON assessments (course_id) WHERE course_id IS NOT NULL;
CREATE INDEX assessments_owner_idx ON assessments (owner_id);

-- The competencies an assessment certifies, and at which level: passing
-- writes ASSESSMENT evidence at that level.
CREATE TABLE assessment_competencies (
    assessment_id bigint NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    competency_id bigint NOT NULL REFERENCES competencies (id),
    level         smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    PRIMARY KEY (assessment_id, competency_id)
);
CREATE INDEX assessment_competencies_competency_idx ON assessment_competencies (competency_id);

CREATE TABLE questions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id  bigint NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position       integer NOT NULL CHECK (position >= 1),
    kind           text NOT NULL CHECK (kind IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'SHORT_ANSWER')),
    text_en        text NOT NULL CHECK (btrim(text_en) <> '' AND length(text_en) <= 4000),
    text_zh        text NOT NULL CHECK (btrim(text_zh) <> '' AND length(text_zh) <= 4000),
    points         numeric(6, 2) NOT NULL CHECK (points > 0 AND points <= 1000),
    -- Shown to the learner only after they submit.
    explanation_en text NOT NULL DEFAULT '' CHECK (length(explanation_en) <= 4000),
    explanation_zh text NOT NULL DEFAULT '' CHECK (length(explanation_zh) <= 4000),
    CONSTRAINT questions_position_key UNIQUE (assessment_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    -- Target of attempt_questions' check that a drawn question is of the
    -- attempt's assessment.
    UNIQUE (assessment_id, id)
);

-- How many options each kind has and how many are correct spans rows, so
-- the code checks it (assessment/edit.go), not a CHECK.
CREATE TABLE question_options (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question_id bigint NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    position    integer NOT NULL CHECK (position >= 1),
    text_en     text NOT NULL CHECK (btrim(text_en) <> '' AND length(text_en) <= 1000),
    text_zh     text NOT NULL CHECK (btrim(text_zh) <> '' AND length(text_zh) <= 1000),
    correct     boolean NOT NULL DEFAULT false,
    UNIQUE (question_id, position)
);

-- One learner's go at an assessment. IN_PROGRESS until submitted (or
-- closed at its deadline); then GRADED at once when every question scores
-- itself, else AWAITING_GRADING until the owner grades the short answers.
-- score, percent and passed are known only once GRADED.
CREATE TABLE attempts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id bigint NOT NULL REFERENCES assessments (id),
    employee_id   bigint NOT NULL REFERENCES employees (id),
    -- 1, 2, … per learner and assessment.
    number        integer NOT NULL CHECK (number >= 1),
    status        text NOT NULL DEFAULT 'IN_PROGRESS' CHECK (status IN ('IN_PROGRESS', 'AWAITING_GRADING', 'GRADED')),
    started_at    timestamptz NOT NULL,
    -- NULL: no time limit.
    deadline_at   timestamptz,
    submitted_at  timestamptz,
    -- Closed after its deadline: only the answers saved in time counted.
    timed_out     boolean NOT NULL DEFAULT false,
    -- The sum of the drawn questions' points, fixed when drawn.
    max_score     numeric(10, 2) NOT NULL CHECK (max_score > 0),
    score         numeric(10, 2),
    percent       numeric(5, 2) CHECK (percent BETWEEN 0 AND 100),
    passed        boolean,
    -- NULL with graded_at set: graded automatically at submission.
    graded_by     bigint REFERENCES employees (id),
    graded_at     timestamptz,
    UNIQUE (assessment_id, employee_id, number),
    UNIQUE (id, assessment_id),
    CHECK (deadline_at IS NULL OR deadline_at > started_at),
    CHECK ((status = 'IN_PROGRESS') = (submitted_at IS NULL)),
    CHECK (submitted_at IS NULL OR submitted_at >= started_at),
    CHECK (NOT timed_out OR submitted_at IS NOT NULL),
    CHECK ((status = 'GRADED') = (score IS NOT NULL)),
    CHECK ((status = 'GRADED') = (percent IS NOT NULL)),
    CHECK ((status = 'GRADED') = (passed IS NOT NULL)),
    CHECK ((status = 'GRADED') = (graded_at IS NOT NULL)),
    CHECK (graded_by IS NULL OR status = 'GRADED'),
    CHECK (score IS NULL OR score BETWEEN 0 AND max_score)
);
-- One open attempt per learner and assessment: StartAttempt returns it.
CREATE UNIQUE INDEX attempts_one_open ON attempts (assessment_id, employee_id) WHERE status = 'IN_PROGRESS';
CREATE INDEX attempts_employee_idx ON attempts (employee_id, assessment_id);
CREATE INDEX attempts_grading_idx ON attempts (assessment_id, submitted_at) WHERE status = 'AWAITING_GRADING';

-- The questions drawn for an attempt, in the order shown. The composite
-- keys make sure each is a question of the attempt's own assessment, and
-- keep a bank with attempts from being replaced under them.
CREATE TABLE attempt_questions (
    attempt_id    bigint NOT NULL,
    assessment_id bigint NOT NULL,
    question_id   bigint NOT NULL,
    position      integer NOT NULL CHECK (position >= 1),
    PRIMARY KEY (attempt_id, question_id),
    UNIQUE (attempt_id, position),
    FOREIGN KEY (attempt_id, assessment_id) REFERENCES attempts (id, assessment_id) ON DELETE CASCADE,
    FOREIGN KEY (assessment_id, question_id) REFERENCES questions (assessment_id, id)
);

-- The learner's answer to a drawn question (the key makes it one of the
-- attempt's questions). Choices are option ids; whether they belong to the
-- question is checked by the code (an array has no foreign key).
-- points_awarded is NULL until the answer is scored or graded.
CREATE TABLE attempt_answers (
    attempt_id     bigint NOT NULL,
    question_id    bigint NOT NULL,
    option_ids     bigint[] NOT NULL DEFAULT '{}' CHECK (array_position(option_ids, NULL) IS NULL),
    text_answer    text NOT NULL DEFAULT '' CHECK (length(text_answer) <= 4000),
    points_awarded numeric(8, 2) CHECK (points_awarded >= 0),
    grader_comment text NOT NULL DEFAULT '' CHECK (length(grader_comment) <= 2000),
    saved_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (attempt_id, question_id),
    FOREIGN KEY (attempt_id, question_id) REFERENCES attempt_questions (attempt_id, question_id) ON DELETE CASCADE
);

-- +goose Down
DELETE FROM competency_evidence WHERE source = 'ASSESSMENT';
DROP TABLE attempt_answers;
DROP TABLE attempt_questions;
DROP TABLE attempts;
DROP TABLE question_options;
DROP TABLE questions;
DROP TABLE assessment_competencies;
DROP TABLE assessments;
