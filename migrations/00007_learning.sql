-- Assignments, enrolments and learners' progress, and course completions as
-- competency evidence.
--
-- One enrolment row per learner and course: it moves ASSIGNED ->
-- IN_PROGRESS -> COMPLETED (or WITHDRAWN) and, when a completion expires
-- under a recurring assignment, back to ASSIGNED with the next cycle. Every
-- change is kept in enrollment_events; module ticks of the current cycle
-- live in module_progress.

-- +goose Up
-- A trainer's or HR's decision that people take a course. EMPLOYEES names
-- its people once (their enrolments point back at it); TEAM and POSITION
-- are standing rules that also reach whoever joins later, until ended.
CREATE TABLE assignments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id         bigint NOT NULL REFERENCES courses (id),
    scope             text NOT NULL CHECK (scope IN ('EMPLOYEES', 'TEAM', 'POSITION')),
    team_id           bigint REFERENCES teams (id),
    position_id       bigint REFERENCES positions (id),
    due_on            date NOT NULL,
    -- Days a later joiner gets from the day they join.
    joiner_due_days   integer NOT NULL DEFAULT 30 CHECK (joiner_due_days BETWEEN 1 AND 365),
    -- A recurring assignment re-opens each completion after this many
    -- months (yearly compliance: 12); the course's validity applies too.
    recurrence_months integer CHECK (recurrence_months BETWEEN 1 AND 120),
    reason            text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    assigned_by       bigint REFERENCES employees (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    ended_at          timestamptz,
    CHECK (CASE scope
        WHEN 'EMPLOYEES' THEN team_id IS NULL AND position_id IS NULL
        WHEN 'TEAM' THEN team_id IS NOT NULL AND position_id IS NULL
        WHEN 'POSITION' THEN position_id IS NOT NULL AND team_id IS NULL
    END)
);
CREATE INDEX assignments_course_idx ON assignments (course_id);
CREATE INDEX assignments_team_idx ON assignments (team_id) WHERE team_id IS NOT NULL AND ended_at IS NULL;
CREATE INDEX assignments_position_idx ON assignments (position_id) WHERE position_id IS NOT NULL AND ended_at IS NULL;

CREATE TABLE enrollments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id       bigint NOT NULL REFERENCES employees (id),
    course_id         bigint NOT NULL REFERENCES courses (id),
    -- NULL: the learner enrolled themself.
    assignment_id     bigint REFERENCES assignments (id),
    status            text NOT NULL CHECK (status IN ('ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'WITHDRAWN')),
    cycle             integer NOT NULL DEFAULT 1 CHECK (cycle >= 1),
    due_on            date,
    started_at        timestamptz,
    completed_at      timestamptz,
    withdrawn_at      timestamptz,
    -- The latest completion survives a re-open: requirements for a course
    -- or a certification read these two.
    last_completed_at timestamptz,
    valid_until       date,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- No double enrolment.
    UNIQUE (employee_id, course_id),
    CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)),
    CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)),
    CHECK (status NOT IN ('IN_PROGRESS', 'COMPLETED') OR started_at IS NOT NULL),
    CHECK (valid_until IS NULL OR last_completed_at IS NOT NULL)
);
CREATE INDEX enrollments_course_idx ON enrollments (course_id, status);
CREATE INDEX enrollments_assignment_idx ON enrollments (assignment_id);
CREATE INDEX enrollments_open_due_idx ON enrollments (due_on) WHERE status IN ('ASSIGNED', 'IN_PROGRESS');
CREATE INDEX enrollments_expiry_idx ON enrollments (valid_until) WHERE status = 'COMPLETED';

-- Modules ticked in the current cycle of an enrolment.
CREATE TABLE module_progress (
    enrollment_id bigint NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    module_id     bigint NOT NULL REFERENCES course_modules (id) ON DELETE CASCADE,
    completed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrollment_id, module_id)
);

-- Every status change of every enrolment.
CREATE TABLE enrollment_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrollment_id bigint NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    cycle         integer NOT NULL,
    from_status   text,
    to_status     text NOT NULL,
    -- NULL: the system (a standing rule, the re-open job).
    actor_id      bigint REFERENCES employees (id),
    note          text NOT NULL DEFAULT '',
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enrollment_events_enrollment_idx ON enrollment_events (enrollment_id, at, id);

-- Course completions become competency evidence.
ALTER TABLE competency_evidence ADD COLUMN course_id bigint REFERENCES courses (id);
ALTER TABLE competency_evidence DROP CONSTRAINT competency_evidence_source_check;
ALTER TABLE competency_evidence ADD CONSTRAINT competency_evidence_source_check
    CHECK (source IN ('SELF', 'MANAGER', 'TRAINER', 'HR', 'COURSE'));
ALTER TABLE competency_evidence ADD CONSTRAINT competency_evidence_course_check
    CHECK ((source = 'COURSE') = (course_id IS NOT NULL) AND (source <> 'COURSE' OR assessor_id IS NULL));

-- Standing rules: a TEAM or POSITION assignment also reaches whoever joins
-- that team or position later. It lives here, in the database, so every way
-- an employee is hired, moved or brought back from leave (package people,
-- the seed, plain SQL) picks it up without knowing about learning. For an
-- ACTIVE employee whose team or position is new (or who just became ACTIVE),
-- every active matching rule of a published course enrols them, unless they
-- already have an enrolment in that course; a joiner gets joiner_due_days
-- from today, never less than the rule's own due date. The actor of the
-- event is NULL: the system did it.
-- +goose StatementBegin
CREATE FUNCTION employees_standing_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_team     boolean;
    new_position boolean;
BEGIN
    IF NEW.status <> 'ACTIVE' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' OR OLD.status <> 'ACTIVE' THEN
        new_team := true;
        new_position := true;
    ELSE
        new_team := NEW.team_id IS DISTINCT FROM OLD.team_id;
        new_position := NEW.position_id IS DISTINCT FROM OLD.position_id;
    END IF;
    IF NOT (new_team OR new_position) THEN
        RETURN NULL;
    END IF;
    WITH rules AS (
        -- One rule per course (a team rule and a position rule may both
        -- match): the one due first.
        SELECT DISTINCT ON (a.course_id) a.id AS assignment_id, a.course_id, a.reason,
               greatest(a.due_on, current_date + a.joiner_due_days) AS due_on,
               c.code, c.title_en, c.title_zh
        FROM assignments a
        JOIN courses c ON c.id = a.course_id AND c.status = 'PUBLISHED'
        WHERE a.ended_at IS NULL
          AND ((new_team AND a.scope = 'TEAM' AND a.team_id = NEW.team_id)
            OR (new_position AND a.scope = 'POSITION' AND a.position_id = NEW.position_id))
        ORDER BY a.course_id, greatest(a.due_on, current_date + a.joiner_due_days), a.id
    ), ins AS (
        INSERT INTO enrollments (employee_id, course_id, assignment_id, status, due_on)
        SELECT NEW.id, r.course_id, r.assignment_id, 'ASSIGNED', r.due_on FROM rules r
        ON CONFLICT (employee_id, course_id) DO NOTHING
        RETURNING enrollments.id, enrollments.assignment_id, enrollments.cycle
    ), ev AS (
        INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
        SELECT i.id, i.cycle, NULL, 'ASSIGNED', NULL, 'standing assignment' FROM ins i
    )
    INSERT INTO notifications (recipient_id, kind, params)
    SELECT NEW.id, 'COURSE_ASSIGNED', jsonb_build_object(
        'course_id', r.course_id, 'course_code', r.code,
        'course_title_en', r.title_en, 'course_title_zh', r.title_zh,
        'due_on', r.due_on, 'reason', r.reason,
        'assignment_id', r.assignment_id, 'enrollment_id', i.id)
    FROM ins i JOIN rules r ON r.assignment_id = i.assignment_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER employees_standing_assignments AFTER INSERT OR UPDATE OF team_id, position_id, status ON employees
    FOR EACH ROW EXECUTE FUNCTION employees_standing_assignments();

-- +goose Down
DROP TRIGGER employees_standing_assignments ON employees;
DROP FUNCTION employees_standing_assignments();
DELETE FROM competency_evidence WHERE source = 'COURSE';
ALTER TABLE competency_evidence DROP CONSTRAINT competency_evidence_course_check;
ALTER TABLE competency_evidence DROP CONSTRAINT competency_evidence_source_check;
ALTER TABLE competency_evidence ADD CONSTRAINT competency_evidence_source_check
    CHECK (source IN ('SELF', 'MANAGER', 'TRAINER', 'HR'));
ALTER TABLE competency_evidence DROP COLUMN course_id;
DROP TABLE enrollment_events;
DROP TABLE module_progress;
DROP TABLE enrollments;
DROP TABLE assignments;
