-- A standalone assessment can be assigned like a course: the same
-- assignments (named employees, or standing TEAM / POSITION rules), the
-- same enrolments, due dates, recurrence and re-opening.
--
-- An assignment and an enrolment name exactly one subject: a course or an
-- assessment. An assessment enrolment has no modules: it is ASSIGNED until
-- the learner starts an attempt, IN_PROGRESS after, COMPLETED when they
-- pass (package assessment calls package learning in the transaction that
-- grades the attempt).
--
-- The unique key (employee_id, course_id) stays as it is: NULLs are
-- distinct in a unique constraint, so assessment enrolments (course_id
-- NULL) never collide on it, and every existing
-- ON CONFLICT (employee_id, course_id) keeps inferring it. Its twin
-- (employee_id, assessment_id) keeps one enrolment per learner and
-- assessment the same way.

-- +goose Up
ALTER TABLE assignments ADD COLUMN assessment_id bigint REFERENCES assessments (id);
ALTER TABLE assignments ALTER COLUMN course_id DROP NOT NULL;
ALTER TABLE assignments ADD CONSTRAINT assignments_subject_check CHECK (num_nonnulls(course_id, assessment_id) = 1);
CREATE INDEX assignments_assessment_idx ON assignments (assessment_id) WHERE assessment_id IS NOT NULL;

ALTER TABLE enrollments ADD COLUMN assessment_id bigint REFERENCES assessments (id);
ALTER TABLE enrollments ALTER COLUMN course_id DROP NOT NULL;
ALTER TABLE enrollments ADD CONSTRAINT enrollments_subject_check CHECK (num_nonnulls(course_id, assessment_id) = 1);
ALTER TABLE enrollments ADD CONSTRAINT enrollments_employee_id_assessment_id_key UNIQUE (employee_id, assessment_id);
CREATE INDEX enrollments_assessment_idx ON enrollments (assessment_id, status) WHERE assessment_id IS NOT NULL;

-- The cycle of the learner's enrolment in the assessment when the attempt
-- started (NULL: no open enrolment, taken of their own accord). While an
-- enrolment is open only the attempts of its cycle count: a pass of an
-- earlier, expired cycle does not stop the retake a re-open asks for, and
-- the attempt limit starts afresh each cycle.
ALTER TABLE attempts ADD COLUMN cycle integer CHECK (cycle >= 1);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
    'COURSE_ASSIGNED', 'DUE_SOON', 'OVERDUE', 'SESSION_CHANGED', 'SESSION_CANCELLED',
    'WAITLIST_PROMOTED', 'ASSIGNMENT_REOPENED', 'ASSESSMENT_ASSIGNED'));

-- The standing-rule trigger of 00007, now for both subjects: every active
-- TEAM or POSITION rule of a published course or a published assessment
-- that matches the joiner enrols them (unless they already have an
-- enrolment in it) and notifies them with COURSE_ASSIGNED or
-- ASSESSMENT_ASSIGNED and that subject's params.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION employees_standing_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
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
        -- One rule per course or assessment (a team rule and a position
        -- rule may both match): the one due first. One of the two ids is
        -- NULL; DISTINCT ON treats NULLs as equal.
        SELECT DISTINCT ON (a.course_id, a.assessment_id)
               a.id AS assignment_id, a.course_id, a.assessment_id, a.reason,
               greatest(a.due_on, current_date + a.joiner_due_days) AS due_on,
               coalesce(c.code, s.code) AS code,
               coalesce(c.title_en, s.title_en) AS title_en,
               coalesce(c.title_zh, s.title_zh) AS title_zh
        FROM assignments a
        LEFT JOIN courses c ON c.id = a.course_id
        LEFT JOIN assessments s ON s.id = a.assessment_id
        WHERE a.ended_at IS NULL
          AND (c.status = 'PUBLISHED' OR s.status = 'PUBLISHED')
          AND ((new_team AND a.scope = 'TEAM' AND a.team_id = NEW.team_id)
            OR (new_position AND a.scope = 'POSITION' AND a.position_id = NEW.position_id))
        ORDER BY a.course_id, a.assessment_id, greatest(a.due_on, current_date + a.joiner_due_days), a.id
    ), ins AS (
        INSERT INTO enrollments (employee_id, course_id, assessment_id, assignment_id, status, due_on)
        SELECT NEW.id, r.course_id, r.assessment_id, r.assignment_id, 'ASSIGNED', r.due_on FROM rules r
        -- An existing enrolment in the course, or in the assessment, wins:
        -- no target, so either unique key counts.
        ON CONFLICT DO NOTHING
        RETURNING enrollments.id, enrollments.assignment_id, enrollments.cycle
    ), ev AS (
        INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
        SELECT i.id, i.cycle, NULL, 'ASSIGNED', NULL, 'standing assignment' FROM ins i
    )
    INSERT INTO notifications (recipient_id, kind, params)
    SELECT NEW.id,
           CASE WHEN r.course_id IS NOT NULL THEN 'COURSE_ASSIGNED' ELSE 'ASSESSMENT_ASSIGNED' END,
           CASE WHEN r.course_id IS NOT NULL
               THEN jsonb_build_object('course_id', r.course_id, 'course_code', r.code,
                   'course_title_en', r.title_en, 'course_title_zh', r.title_zh)
               ELSE jsonb_build_object('assessment_id', r.assessment_id, 'assessment_code', r.code,
                   'assessment_title_en', r.title_en, 'assessment_title_zh', r.title_zh)
           END || jsonb_build_object('due_on', r.due_on, 'reason', r.reason,
               'assignment_id', r.assignment_id, 'enrollment_id', i.id)
    FROM ins i JOIN rules r ON r.assignment_id = i.assignment_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose Down
-- Back to 00007's trigger, which knows courses only.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION employees_standing_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
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
-- Every notice about an assessment enrolment (assigned, due soon, overdue,
-- re-opened) carries assessment_id.
DELETE FROM notifications WHERE params ? 'assessment_id';
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
    'COURSE_ASSIGNED', 'DUE_SOON', 'OVERDUE', 'SESSION_CHANGED', 'SESSION_CANCELLED',
    'WAITLIST_PROMOTED', 'ASSIGNMENT_REOPENED'));
ALTER TABLE attempts DROP COLUMN cycle;
-- Their events and (absent) module ticks go with them (ON DELETE CASCADE).
DELETE FROM enrollments WHERE assessment_id IS NOT NULL;
DELETE FROM assignments WHERE assessment_id IS NOT NULL;
DROP INDEX enrollments_assessment_idx;
ALTER TABLE enrollments DROP CONSTRAINT enrollments_employee_id_assessment_id_key;
ALTER TABLE enrollments DROP CONSTRAINT enrollments_subject_check;
ALTER TABLE enrollments ALTER COLUMN course_id SET NOT NULL;
ALTER TABLE enrollments DROP COLUMN assessment_id;
DROP INDEX assignments_assessment_idx;
ALTER TABLE assignments DROP CONSTRAINT assignments_subject_check;
ALTER TABLE assignments ALTER COLUMN course_id SET NOT NULL;
ALTER TABLE assignments DROP COLUMN assessment_id;
