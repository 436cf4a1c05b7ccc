package learning

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// enrollmentSelect reads enrolments with their module counts: the course's
// modules and those ticked in the current cycle (an assessment enrolment
// has none). Callers add WHERE / ORDER.
const enrollmentSelect = `
	SELECT e.*,
	       (SELECT count(*) FROM course_modules m WHERE m.course_id = e.course_id) AS modules_total,
	       (SELECT count(*) FROM module_progress p WHERE p.enrollment_id = e.id) AS modules_done
	FROM enrollments e`

// enrollmentByID reads one enrolment (with module counts) through q.
func enrollmentByID(ctx context.Context, q postgres.Queryer, id int64) (*Enrollment, error) {
	var e Enrollment
	err := q.GetContext(ctx, &e, enrollmentSelect+` WHERE e.id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("enrollment", id)
	}
	return &e, err
}

// locked is an enrolment locked for a write, with the owner and code of
// its course or assessment.
type locked struct {
	Enrollment
	OwnerID int64  `db:"owner_id"`
	Code    string `db:"code"`
}

// lockEnrollment locks the enrolment row for the rest of tx, so concurrent
// ticks, completions and withdrawals of one enrolment queue.
func lockEnrollment(ctx context.Context, tx *sqlx.Tx, id int64) (*locked, error) {
	var l locked
	err := tx.GetContext(ctx, &l, `
		SELECT e.*, coalesce(c.owner_id, a.owner_id) AS owner_id, coalesce(c.code, a.code) AS code
		FROM enrollments e
		LEFT JOIN courses c ON c.id = e.course_id
		LEFT JOIN assessments a ON a.id = e.assessment_id
		WHERE e.id = $1 FOR UPDATE OF e`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("enrollment", id)
	}
	return &l, err
}

// closed refuses changes to a completed or withdrawn enrolment.
func closed(e *Enrollment) error {
	switch e.Status {
	case StatusCompleted:
		return rungs.Errorf(rungs.ErrConflict, "enrollment.completed", "enrollment %d is already completed", e.ID)
	case StatusWithdrawn:
		return rungs.Errorf(rungs.ErrConflict, "enrollment.withdrawn", "enrollment %d has been withdrawn", e.ID)
	}
	return nil
}

// notCourse refuses the course-only steps (start, module ticks, sign-off)
// on an assessment enrolment: it starts with an attempt and completes with
// a pass, both through package assessment.
func notCourse(e *Enrollment) error {
	if e.AssessmentID.Valid {
		return rungs.Errorf(rungs.ErrBadUserInput, "enrollment.assessment",
			"enrollment %d is for an assessment: it starts with an attempt and completes with a pass", e.ID)
	}
	return nil
}

func learnerOnly(by *auth.Viewer, e *Enrollment) error {
	if by.EmployeeID != e.EmployeeID {
		return rungs.Errorf(rungs.ErrForbidden, "enrollment.learner_only", "only the learner records their own progress")
	}
	return nil
}

func insertEvent(ctx context.Context, q postgres.Queryer, e *Enrollment, from, to string, actor sql.NullInt64, note string) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
		VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6)`, e.ID, e.Cycle, from, to, actor, note)
	if err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	return nil
}

func actor(by *auth.Viewer) sql.NullInt64 { return sql.NullInt64{Int64: by.EmployeeID, Valid: true} }

// prerequisitesMissing returns the codes of the course's enforced (or
// advisory) prerequisites the employee has never completed. A completion
// counts even when it has since expired: a prerequisite is about having
// learned it, not about a current certificate.
func prerequisitesMissing(ctx context.Context, q postgres.Queryer, employeeID, courseID int64, enforced bool) ([]string, error) {
	var codes []string
	err := q.SelectContext(ctx, &codes, `
		SELECT p.code
		FROM course_prerequisites cp JOIN courses p ON p.id = cp.prerequisite_id
		WHERE cp.course_id = $2 AND cp.enforced = $3
		  AND NOT EXISTS (SELECT 1 FROM enrollments d
		                  WHERE d.employee_id = $1 AND d.course_id = cp.prerequisite_id AND d.last_completed_at IS NOT NULL)
		ORDER BY p.code`, employeeID, courseID, enforced)
	if err != nil {
		return nil, fmt.Errorf("prerequisites: %w", err)
	}
	return codes, nil
}

// Enroll enrols the viewer in a published course of their choosing (no
// assignment, no due date). A WITHDRAWN enrolment is re-opened in a new
// cycle; an open one is a CONFLICT (enrollment.exists), a completed one too
// (enrollment.completed). The warnings name, one each, advisory
// prerequisites the viewer has not completed; enforced ones are checked
// when they start.
func (s *Store) Enroll(ctx context.Context, by *auth.Viewer, courseID int64) (*Enrollment, []string, error) {
	if err := auth.Require(by); err != nil {
		return nil, nil, err
	}
	var (
		e        *Enrollment
		warnings []string
	)
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		c, err := courseByID(ctx, tx, courseID)
		if err != nil {
			return err
		}
		if c.Status != "PUBLISHED" {
			return rungs.Errorf(rungs.ErrBadUserInput, "course.not_published", "course %s is not published", c.Code)
		}
		var row struct {
			ID    int64          `db:"id"`
			Prior sql.NullString `db:"prior"`
		}
		err = tx.GetContext(ctx, &row, `
			WITH old AS (SELECT status FROM enrollments WHERE employee_id = $1 AND course_id = $2),
			ins AS (
				INSERT INTO enrollments AS en (employee_id, course_id, status)
				VALUES ($1, $2, 'ASSIGNED')
				ON CONFLICT (employee_id, course_id) DO UPDATE
					SET status = 'ASSIGNED', assignment_id = NULL, due_on = NULL, cycle = en.cycle + 1,
					    started_at = NULL, withdrawn_at = NULL, updated_at = now()
					WHERE en.status = 'WITHDRAWN'
				RETURNING en.id
			), cleared AS (
				DELETE FROM module_progress WHERE enrollment_id IN (SELECT id FROM ins)
			)
			SELECT ins.id, (SELECT status FROM old) AS prior FROM ins`, by.EmployeeID, courseID)
		if errors.Is(err, sql.ErrNoRows) {
			var status string
			if err := tx.GetContext(ctx, &status, `SELECT status FROM enrollments WHERE employee_id = $1 AND course_id = $2`,
				by.EmployeeID, courseID); err != nil {
				return err
			}
			if status == StatusCompleted {
				return rungs.Errorf(rungs.ErrConflict, "enrollment.completed", "you have already completed %s", c.Code)
			}
			return rungs.Errorf(rungs.ErrConflict, "enrollment.exists", "you are already enrolled in %s", c.Code)
		} else if err != nil {
			return err
		}
		if e, err = enrollmentByID(ctx, tx, row.ID); err != nil {
			return err
		}
		if err := insertEvent(ctx, tx, e, row.Prior.String, StatusAssigned, actor(by), "self-enrolled"); err != nil {
			return err
		}
		advisory, err := prerequisitesMissing(ctx, tx, by.EmployeeID, courseID, false)
		for _, code := range advisory {
			warnings = append(warnings, fmt.Sprintf("recommended prerequisite %s is not completed yet", code))
		}
		return err
	})
	if err != nil {
		return nil, nil, wrap("enroll", err)
	}
	return e, warnings, nil
}

// StartCourse moves the viewer's own ASSIGNED enrolment to IN_PROGRESS.
// Enforced prerequisites not yet completed block it
// (enrollment.prerequisite.missing, naming their codes). Starting an
// enrolment already in progress changes nothing.
func (s *Store) StartCourse(ctx context.Context, by *auth.Viewer, enrollmentID int64) (*Enrollment, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var e *Enrollment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		l, err := lockEnrollment(ctx, tx, enrollmentID)
		if err != nil {
			return err
		}
		if err := learnerOnly(by, &l.Enrollment); err != nil {
			return err
		}
		if err := notCourse(&l.Enrollment); err != nil {
			return err
		}
		if err := closed(&l.Enrollment); err != nil {
			return err
		}
		if err := s.start(ctx, tx, by, &l.Enrollment); err != nil {
			return err
		}
		e, err = enrollmentByID(ctx, tx, enrollmentID)
		return err
	})
	if err != nil {
		return nil, wrap("start course", err)
	}
	return e, nil
}

// start moves a locked ASSIGNED enrolment to IN_PROGRESS after checking the
// enforced prerequisites; an enrolment already in progress is left alone.
func (s *Store) start(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, e *Enrollment) error {
	if e.Status != StatusAssigned {
		return nil
	}
	missing, err := prerequisitesMissing(ctx, tx, e.EmployeeID, e.CourseID.Int64, true)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return rungs.Errorf(rungs.ErrBadUserInput, "enrollment.prerequisite.missing",
			"complete %s first", strings.Join(missing, ", "))
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE enrollments SET status = 'IN_PROGRESS', started_at = $2, updated_at = now() WHERE id = $1`,
		e.ID, s.Now()); err != nil {
		return fmt.Errorf("start: %w", err)
	}
	return insertEvent(ctx, tx, e, StatusAssigned, StatusInProgress, actor(by), "")
}

// CompleteModule ticks a module of the course for the viewer's own
// enrolment. The first tick starts the course (see StartCourse); ticking
// the last module completes it, unless completionBlocked holds it back.
// Ticking a module twice changes nothing; a completed or withdrawn
// enrolment cannot be ticked (CONFLICT).
func (s *Store) CompleteModule(ctx context.Context, by *auth.Viewer, enrollmentID, moduleID int64) (*Enrollment, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var e *Enrollment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		l, err := lockEnrollment(ctx, tx, enrollmentID)
		if err != nil {
			return err
		}
		if err := learnerOnly(by, &l.Enrollment); err != nil {
			return err
		}
		if err := notCourse(&l.Enrollment); err != nil {
			return err
		}
		if err := closed(&l.Enrollment); err != nil {
			return err
		}
		var inCourse bool
		if err := tx.GetContext(ctx, &inCourse, `
			SELECT EXISTS (SELECT 1 FROM course_modules WHERE id = $1 AND course_id = $2)`,
			moduleID, l.CourseID.Int64); err != nil {
			return err
		}
		if !inCourse {
			return rungs.FieldError("moduleId", "enrollment.module.not_in_course",
				"module %d is not part of %s", moduleID, l.Code)
		}
		if err := s.start(ctx, tx, by, &l.Enrollment); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO module_progress (enrollment_id, module_id, completed_at) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, enrollmentID, moduleID, s.Now()); err != nil {
			return fmt.Errorf("tick: %w", err)
		}
		if e, err = enrollmentByID(ctx, tx, enrollmentID); err != nil {
			return err
		}
		if e.ModulesDone < e.ModulesTotal {
			return nil
		}
		if _, err := s.complete(ctx, tx, actor(by), []int64{enrollmentID}, "all modules completed"); err != nil {
			return err
		}
		e, err = enrollmentByID(ctx, tx, enrollmentID)
		return err
	})
	if err != nil {
		return nil, wrap("complete module", err)
	}
	return e, nil
}

// mayComplete: a direct completion (coaching sign-off, on-the-job
// observation, classroom attendance) is the course owner's call, or an
// admin's.
func mayComplete(by *auth.Viewer, ownerID int64) bool {
	return by.Has(auth.RoleAdmin) || by.EmployeeID == ownerID
}

// Complete marks an open enrolment completed without module ticks: the
// course owner's sign-off, or an admin's. Enforced prerequisites are not
// checked: the owner vouches for the learner. CONFLICT when it is already
// completed or withdrawn, or when completionBlocked holds it back; an
// assessment enrolment is never signed off (enrollment.assessment): only a
// pass completes it.
func (s *Store) Complete(ctx context.Context, by *auth.Viewer, enrollmentID int64) (*Enrollment, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var e *Enrollment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		l, err := lockEnrollment(ctx, tx, enrollmentID)
		if err != nil {
			return err
		}
		if !mayComplete(by, l.OwnerID) {
			return rungs.Errorf(rungs.ErrForbidden, "enrollment.complete.forbidden",
				"only the owner of %s or an admin may mark it completed", l.Code)
		}
		if err := notCourse(&l.Enrollment); err != nil {
			return err
		}
		if err := closed(&l.Enrollment); err != nil {
			return err
		}
		done, err := s.complete(ctx, tx, actor(by), []int64{enrollmentID}, "signed off")
		if err != nil {
			return err
		}
		if len(done) == 0 {
			return rungs.Errorf(rungs.ErrConflict, "enrollment.completion.blocked",
				"enrollment %d cannot be completed yet", enrollmentID)
		}
		e, err = enrollmentByID(ctx, tx, enrollmentID)
		return err
	})
	if err != nil {
		return nil, wrap("complete", err)
	}
	return e, nil
}

// CompleteMany completes the course for each of employeeIDs inside the
// caller's transaction q (the classroom attendance of a session, say):
// people with no enrolment are enrolled first, withdrawn ones re-opened,
// and every open enrolment among them completed; completed ones stay as
// they are. It returns how many enrolments it completed. The course owner
// or an admin may call it; unknown employees are BAD_USER_INPUT
// (enrollment.employees.unknown).
func (s *Store) CompleteMany(ctx context.Context, q postgres.Queryer, by *auth.Viewer, courseID int64, employeeIDs []int64) (int, error) {
	if err := auth.Require(by); err != nil {
		return 0, err
	}
	c, err := courseByID(ctx, q, courseID)
	if err != nil {
		return 0, err
	}
	if !mayComplete(by, c.OwnerID) {
		return 0, rungs.Errorf(rungs.ErrForbidden, "enrollment.complete.forbidden",
			"only the owner of %s or an admin may mark it completed", c.Code)
	}
	if len(employeeIDs) == 0 {
		return 0, nil
	}
	// One statement enrols whoever has no enrolment yet and re-opens
	// withdrawn ones, with events, and returns the open enrolments of all
	// of them: the new and re-opened rows from their CTEs (the statement's
	// snapshot does not see them), the rest from the snapshot. As in
	// Assign, no CTE joins back to another.
	var ids []int64
	err = q.SelectContext(ctx, &ids, `
		WITH people AS (
			SELECT DISTINCT x.id AS employee_id, old.id AS enrollment_id, old.status AS prior_status
			FROM unnest($2::bigint[]) AS x (id)
			LEFT JOIN enrollments old ON old.employee_id = x.id AND old.course_id = $1
		), inserted AS (
			INSERT INTO enrollments (employee_id, course_id, status)
			SELECT p.employee_id, $1, 'ASSIGNED' FROM people p WHERE p.enrollment_id IS NULL
			ON CONFLICT (employee_id, course_id) DO NOTHING
			RETURNING id, cycle
		), reopened AS (
			UPDATE enrollments en
			SET status = 'ASSIGNED', cycle = en.cycle + 1, started_at = NULL, withdrawn_at = NULL, updated_at = now()
			FROM people p
			WHERE en.id = p.enrollment_id AND p.prior_status = 'WITHDRAWN' AND en.status = 'WITHDRAWN'
			RETURNING en.id, en.cycle
		), cleared AS (
			DELETE FROM module_progress mp USING reopened r WHERE mp.enrollment_id = r.id
		), ev AS (
			INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
			SELECT id, cycle, NULL, 'ASSIGNED', $3::bigint, 'enrolled on completion' FROM inserted
			UNION ALL
			SELECT id, cycle, 'WITHDRAWN', 'ASSIGNED', $3::bigint, 'enrolled on completion' FROM reopened
		)
		SELECT id FROM inserted
		UNION ALL
		SELECT id FROM reopened
		UNION ALL
		SELECT p.enrollment_id FROM people p WHERE p.prior_status IN ('ASSIGNED', 'IN_PROGRESS')`,
		courseID, pq.Array(employeeIDs), by.EmployeeID)
	if err != nil {
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Code == "23503" {
			return 0, rungs.FieldError("employeeIds", "enrollment.employees.unknown", "some of these employees do not exist")
		}
		return 0, wrap("complete many", err)
	}
	done, err := s.complete(ctx, q, actor(by), ids, "signed off")
	if err != nil {
		return 0, wrap("complete many", err)
	}
	return len(done), nil
}

// completionBlocked returns the enrolments among ids that may not complete
// yet although their modules are done or their owner signs them off: those
// whose course has a PUBLISHED final test (package assessment) that the
// learner has never passed. Any passed attempt counts, in whatever cycle:
// a test once passed is not retaken. A draft or archived final test holds
// nothing back. When the learner later passes, package assessment calls
// CompleteIfReady in the same transaction.
func completionBlocked(ctx context.Context, q postgres.Queryer, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var blocked []int64
	err := q.SelectContext(ctx, &blocked, `
		SELECT e.id FROM enrollments e
		WHERE e.id = ANY($1)
		  AND EXISTS (SELECT 1 FROM assessments a
		              WHERE a.course_id = e.course_id AND a.is_final AND a.status = 'PUBLISHED'
		                AND NOT EXISTS (SELECT 1 FROM attempts t
		                                WHERE t.assessment_id = a.id AND t.employee_id = e.employee_id AND t.passed))`,
		pq.Array(ids))
	if err != nil {
		return nil, fmt.Errorf("completion blocked: %w", err)
	}
	return blocked, nil
}

// complete is the one place an enrolment becomes COMPLETED; every path
// (last module ticked, owner sign-off, classroom attendance, an assessment
// passed) goes through it, set-based, inside the caller's transaction. For
// each open enrolment among ids that completionBlocked does not hold back
// it sets the status and the completion dates, computes valid_until from
// the assignment's recurrence or else the course's validity (NULL: it
// never expires; an assessment has only the recurrence), writes the event,
// and writes COURSE evidence for each competency the course develops that
// is in the published framework, at the course's target level (capped at
// the framework's scale); an assessment enrolment gets none here, its
// attempt wrote ASSESSMENT evidence. How that evidence ranks against
// ratings is the proficiency rule's business (package competency): here we
// only record it. It returns the ids it completed.
func (s *Store) complete(ctx context.Context, q postgres.Queryer, by sql.NullInt64, ids []int64, note string) ([]int64, error) {
	blocked, err := completionBlocked(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	if blocked == nil {
		blocked = []int64{} // pq sends a nil slice as NULL, and NOT (id = ANY(NULL)) is never true
	}
	now := s.Now()
	var done []int64
	// The self-join on "old" reads each row's status before the update,
	// for the event's from_status.
	err = q.SelectContext(ctx, &done, `
		WITH done AS (
			UPDATE enrollments e
			SET status = 'COMPLETED', started_at = coalesce(e.started_at, $3), completed_at = $3,
			    last_completed_at = $3, updated_at = now(),
			    valid_until = ($4::date + make_interval(months => coalesce(a.recurrence_months, c.validity_months)))::date
			FROM enrollments old
			LEFT JOIN courses c ON c.id = old.course_id
			LEFT JOIN assignments a ON a.id = old.assignment_id
			WHERE old.id = e.id AND e.id = ANY($1) AND NOT e.id = ANY($2)
			  AND e.status IN ('ASSIGNED', 'IN_PROGRESS')
			RETURNING e.id, e.employee_id, e.course_id, e.cycle, old.status AS from_status
		), ev AS (
			INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
			SELECT d.id, d.cycle, d.from_status, 'COMPLETED', $5, $6 FROM done d
		), evidence AS (
			INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source,
				course_id, assessor_id, observed_on, comment)
			SELECT d.employee_id, cc.competency_id, f.id, least(cc.target_level, f.max_level), 'COURSE',
			       d.course_id, NULL, $4::date, ''
			FROM done d
			JOIN course_competencies cc ON cc.course_id = d.course_id
			JOIN frameworks f ON f.status = 'PUBLISHED'
			JOIN competency_versions v ON v.framework_id = f.id AND v.competency_id = cc.competency_id AND NOT v.archived
		)
		SELECT id FROM done ORDER BY id`,
		pq.Array(ids), pq.Array(blocked), now, dateOf(now), by, note)
	if err != nil {
		return nil, fmt.Errorf("complete: %w", err)
	}
	return done, nil
}

// Withdraw withdraws an open enrolment. The learner may withdraw from an
// enrolment they chose themself; an assigned one only the owner of the
// course (or assessment), HR or an admin may withdraw (they may withdraw
// self-enrolments too). A
// completed enrolment cannot be withdrawn (CONFLICT). Ticks stay until a
// re-open starts a new cycle.
func (s *Store) Withdraw(ctx context.Context, by *auth.Viewer, enrollmentID int64, reason string) (*Enrollment, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > 1000 {
		return nil, rungs.FieldError("reason", "enrollment.reason.too_long", "the reason is at most 1000 characters")
	}
	var e *Enrollment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		l, err := lockEnrollment(ctx, tx, enrollmentID)
		if err != nil {
			return err
		}
		manager := by.Has(auth.RoleHR, auth.RoleAdmin) || by.EmployeeID == l.OwnerID
		own := by.EmployeeID == l.EmployeeID && !l.AssignmentID.Valid
		if !manager && !own {
			if by.EmployeeID == l.EmployeeID {
				return rungs.Errorf(rungs.ErrForbidden, "enrollment.withdraw.assigned",
					"an assigned course is withdrawn by its owner or HR")
			}
			return rungs.Errorf(rungs.ErrForbidden, "enrollment.withdraw.forbidden",
				"only the learner, the owner of %s, HR or an admin may withdraw this enrollment", l.Code)
		}
		if err := closed(&l.Enrollment); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE enrollments SET status = 'WITHDRAWN', withdrawn_at = $2, updated_at = now() WHERE id = $1`,
			enrollmentID, s.Now()); err != nil {
			return fmt.Errorf("withdraw: %w", err)
		}
		if err := insertEvent(ctx, tx, &l.Enrollment, l.Status, StatusWithdrawn, actor(by), reason); err != nil {
			return err
		}
		e, err = enrollmentByID(ctx, tx, enrollmentID)
		return err
	})
	if err != nil {
		return nil, wrap("withdraw", err)
	}
	return e, nil
}
