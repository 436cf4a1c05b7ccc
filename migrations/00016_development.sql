-- Development plans: each employee's weekly study budget, the positions they
-- aspire to, the career path they adopted as their plan (its courses in
-- order), SMART goals agreed with their manager, and a 1:1 coaching log.
--
-- Who may read and write these rows is decided in package development (in
-- the SQL that reads them); the tables hold every invariant a row can state
-- on its own, so no code path can leave an incoherent row behind.

-- +goose Up
-- Hours a week an employee can give to study; the estimated finish date of
-- a path divides its hours by this. No row means the default of 3 hours.
CREATE TABLE study_budgets (
    employee_id  bigint PRIMARY KEY REFERENCES employees (id),
    weekly_hours numeric(4, 1) NOT NULL CHECK (weekly_hours BETWEEN 0.5 AND 40),
    updated_by   bigint REFERENCES employees (id),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The positions an employee aspires to, at most three, ranked 1..3. The
-- rank being unique and within 1..3 caps the list at three in the database
-- as well as in the code. Managers and HR see them; the succession board
-- reads them by position.
CREATE TABLE aspirations (
    employee_id bigint NOT NULL REFERENCES employees (id),
    position_id bigint NOT NULL REFERENCES positions (id),
    rank        smallint NOT NULL CHECK (rank BETWEEN 1 AND 3),
    note        text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (employee_id, position_id),
    UNIQUE (employee_id, rank)
);
CREATE INDEX aspirations_position_idx ON aspirations (position_id);

-- A career path the employee adopted as their plan. Adopting another one
-- marks the previous plan REPLACED (kept for the record); the partial unique
-- index allows one ACTIVE plan per employee.
CREATE TABLE development_plans (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id        bigint NOT NULL REFERENCES employees (id),
    target_position_id bigint NOT NULL REFERENCES positions (id),
    status             text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'REPLACED')),
    adopted_at         timestamptz NOT NULL DEFAULT now(),
    -- The employee, or HR adopting it for them.
    adopted_by         bigint NOT NULL REFERENCES employees (id),
    replaced_at        timestamptz,
    -- The path's total and its estimated finish at adoption, from the
    -- weekly budget of that day. Hours are unscaled numeric: the path
    -- counts a started course's remaining hours (e.g. 2.333…), and rounding
    -- each course would make the parts disagree with the total.
    total_hours        numeric NOT NULL CHECK (total_hours >= 0 AND total_hours <= 100000),
    weekly_hours       numeric(4, 1) NOT NULL CHECK (weekly_hours BETWEEN 0.5 AND 40),
    finish_on          date NOT NULL,
    CHECK ((status = 'REPLACED') = (replaced_at IS NOT NULL)),
    CHECK (replaced_at IS NULL OR replaced_at >= adopted_at),
    -- Every connection runs in UTC; the zone is spelled out so the check
    -- does not depend on the session's TimeZone.
    CHECK (finish_on >= (adopted_at AT TIME ZONE 'UTC')::date)
);
CREATE UNIQUE INDEX development_plans_active_key ON development_plans (employee_id) WHERE status = 'ACTIVE';
CREATE INDEX development_plans_employee_idx ON development_plans (employee_id, adopted_at DESC);

-- The adopted path's courses in the order to take them. prerequisite marks
-- a course that is on the path only because a later course requires it.
CREATE TABLE plan_courses (
    plan_id      bigint NOT NULL REFERENCES development_plans (id) ON DELETE CASCADE,
    course_id    bigint NOT NULL REFERENCES courses (id),
    position     integer NOT NULL CHECK (position >= 1),
    hours        numeric NOT NULL CHECK (hours >= 0 AND hours <= 1000),
    prerequisite boolean NOT NULL DEFAULT false,
    PRIMARY KEY (plan_id, course_id),
    UNIQUE (plan_id, position)
);

-- SMART goals: a specific title, how it is measured, the target value, a
-- due date. DRAFT until someone above the employee in the reporting line
-- agrees it (AGREED); then IN_PROGRESS, and finally ACHIEVED or MISSED. A
-- goal that is not closed yet may be CANCELLED. The status columns are tied
-- to their timestamps.
CREATE TABLE goals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES employees (id),
    title       text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
    measure     text NOT NULL CHECK (btrim(measure) <> '' AND length(measure) <= 1000),
    target      text NOT NULL CHECK (btrim(target) <> '' AND length(target) <= 1000),
    due_on      date NOT NULL,
    status      text NOT NULL DEFAULT 'DRAFT'
                CHECK (status IN ('DRAFT', 'AGREED', 'IN_PROGRESS', 'ACHIEVED', 'MISSED', 'CANCELLED')),
    -- The manager who agreed it, and when.
    agreed_by   bigint REFERENCES employees (id),
    agreed_at   timestamptz,
    -- Who closed it (ACHIEVED, MISSED, CANCELLED), and when.
    closed_by   bigint REFERENCES employees (id),
    closed_at   timestamptz,
    created_by  bigint NOT NULL REFERENCES employees (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- Nobody agrees their own goal.
    CHECK (agreed_by <> employee_id),
    CHECK ((agreed_by IS NULL) = (agreed_at IS NULL)),
    CHECK ((closed_by IS NULL) = (closed_at IS NULL)),
    CHECK (due_on >= (created_at AT TIME ZONE 'UTC')::date),
    CHECK (agreed_at IS NULL OR agreed_at >= created_at),
    CHECK (closed_at IS NULL OR closed_at >= created_at),
    CHECK (updated_at >= created_at),
    CONSTRAINT goals_status_shape CHECK (CASE status
        WHEN 'DRAFT' THEN agreed_at IS NULL AND closed_at IS NULL
        WHEN 'AGREED' THEN agreed_at IS NOT NULL AND closed_at IS NULL
        WHEN 'IN_PROGRESS' THEN agreed_at IS NOT NULL AND closed_at IS NULL
        WHEN 'ACHIEVED' THEN agreed_at IS NOT NULL AND closed_at IS NOT NULL
        WHEN 'MISSED' THEN agreed_at IS NOT NULL AND closed_at IS NOT NULL
        -- A draft may be cancelled before anyone agreed it.
        WHEN 'CANCELLED' THEN closed_at IS NOT NULL
    END)
);
CREATE INDEX goals_employee_idx ON goals (employee_id, due_on, id);

-- The competencies a goal develops.
CREATE TABLE goal_competencies (
    goal_id       bigint NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    competency_id bigint NOT NULL REFERENCES competencies (id),
    PRIMARY KEY (goal_id, competency_id)
);

-- The 1:1 coaching log: a manager in the employee's line, or a trainer of
-- theirs, records each session with its notes and agreed follow-ups.
CREATE TABLE coaching_sessions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES employees (id),
    coach_id    bigint NOT NULL REFERENCES employees (id),
    held_on     date NOT NULL,
    notes       text NOT NULL CHECK (btrim(notes) <> '' AND length(notes) <= 8000),
    follow_ups  text NOT NULL DEFAULT '' CHECK (length(follow_ups) <= 4000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (coach_id <> employee_id),
    -- A session is logged after it was held.
    CHECK (held_on <= (created_at AT TIME ZONE 'UTC')::date)
);
CREATE INDEX coaching_sessions_employee_idx ON coaching_sessions (employee_id, held_on DESC, id DESC);
CREATE INDEX coaching_sessions_coach_idx ON coaching_sessions (coach_id);

-- +goose Down
DROP TABLE coaching_sessions;
DROP TABLE goal_competencies;
DROP TABLE goals;
DROP TABLE plan_courses;
DROP TABLE development_plans;
DROP TABLE aspirations;
DROP TABLE study_budgets;
