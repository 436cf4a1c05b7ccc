package learning

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// course is what learning needs to know of a catalogue entry.
type course struct {
	ID      int64  `db:"id"`
	Code    string `db:"code"`
	Status  string `db:"status"`
	OwnerID int64  `db:"owner_id"`
}

func courseByID(ctx context.Context, q postgres.Queryer, id int64) (*course, error) {
	var c course
	err := q.GetContext(ctx, &c, `SELECT id, code, status, owner_id FROM courses WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("course", id)
	}
	return &c, err
}

// mayAssign: HR and admins assign any course; a trainer only the courses
// they own.
func forbiddenAssign(c *course) error {
	return rungs.Errorf(rungs.ErrForbidden, "assignment.forbidden",
		"only HR, an admin or the trainer who owns %s may assign it", c.Code)
}

func mayAssign(by *auth.Viewer, c *course) bool {
	return by.Has(auth.RoleHR, auth.RoleAdmin) || (by.Has(auth.RoleTrainer) && c.OwnerID == by.EmployeeID)
}

// AssignInput says who must take a course by when. Exactly one target:
// EmployeeIDs, TeamID or PositionID.
type AssignInput struct {
	CourseID    int64
	EmployeeIDs []int64
	TeamID      *int64
	PositionID  *int64
	DueOn       time.Time
	// JoinerDueDays is what a later joiner of a team or position gets from
	// the day they join (default 30).
	JoinerDueDays *int
	// RecurrenceMonths re-opens each completion after this many months
	// while the assignment is active (nil: the course's validity, if any).
	RecurrenceMonths *int
	Reason           string
}

// Assign enrols the target's ACTIVE employees in a published course and
// notifies each one newly enrolled. People who already have an open or
// completed enrolment in the course are counted as Existing and left alone;
// a WITHDRAWN enrolment is re-opened in a new cycle. TEAM and POSITION
// assignments are standing rules: the employees trigger also enrols later
// joiners until EndAssignment. HR, admins and the trainer who owns the
// course may assign it.
//
// However many people the target holds, the enrolments, their events and
// notifications are written by one statement after the assignment row.
func (s *Store) Assign(ctx context.Context, by *auth.Viewer, in AssignInput) (*AssignResult, error) {
	if err := signedIn(by); err != nil {
		return nil, err
	}
	// Whether the caller may assign this course is answered before what is
	// wrong with the request (the transaction checks again).
	if c, err := courseByID(ctx, s.db, in.CourseID); err != nil {
		return nil, err
	} else if !mayAssign(by, c) {
		return nil, forbiddenAssign(c)
	}
	in.Reason = strings.TrimSpace(in.Reason)
	today := s.today()
	targets := 0
	if len(in.EmployeeIDs) > 0 {
		targets++
	}
	if in.TeamID != nil {
		targets++
	}
	if in.PositionID != nil {
		targets++
	}
	var v rungs.Validation
	v.Check(targets == 1, "target", "assignment.target.one", "assign to exactly one of: employees, a team, a position")
	if in.DueOn.IsZero() {
		v.Add("dueOn", "assignment.due_on.required", "a due date is required")
	} else {
		v.Check(!dateOf(in.DueOn).Before(today), "dueOn", "assignment.due_on.past", "the due date must be today or later")
	}
	joinerDays := 30
	if in.JoinerDueDays != nil {
		joinerDays = *in.JoinerDueDays
		v.Check(joinerDays >= 1 && joinerDays <= 365, "joinerDueDays", "assignment.joiner_due_days.range",
			"joiners get 1 to 365 days")
	}
	if in.RecurrenceMonths != nil {
		v.Check(*in.RecurrenceMonths >= 1 && *in.RecurrenceMonths <= 120, "recurrenceMonths",
			"assignment.recurrence_months.range", "recurrence is 1 to 120 months")
	}
	v.Check(len([]rune(in.Reason)) <= 1000, "reason", "assignment.reason.too_long", "the reason is at most 1000 characters")
	if err := v.Err(); err != nil {
		return nil, err
	}
	scope, cond, arg := ScopeEmployees, "e.id = ANY($5)", any(pq.Array(in.EmployeeIDs))
	switch {
	case in.TeamID != nil:
		scope, cond, arg = ScopeTeam, "e.team_id = $5", *in.TeamID
	case in.PositionID != nil:
		scope, cond, arg = ScopePosition, "e.position_id = $5", *in.PositionID
	}

	res := &AssignResult{Assignment: &Assignment{}}
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		c, err := courseByID(ctx, tx, in.CourseID)
		if err != nil {
			return err
		}
		if !mayAssign(by, c) {
			return forbiddenAssign(c)
		}
		if c.Status != "PUBLISHED" {
			return rungs.Errorf(rungs.ErrBadUserInput, "course.not_published", "course %s is not published", c.Code)
		}
		if err := checkTarget(ctx, tx, scope, in); err != nil {
			return err
		}
		err = tx.GetContext(ctx, res.Assignment, `
			INSERT INTO assignments (course_id, scope, team_id, position_id, due_on, joiner_due_days,
				recurrence_months, reason, assigned_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			RETURNING *`,
			in.CourseID, scope, in.TeamID, in.PositionID, dateOf(in.DueOn), joinerDays,
			in.RecurrenceMonths, in.Reason, by.EmployeeID)
		if err != nil {
			return postgres.Translate(err, "assignment")
		}
		// targets: the ACTIVE people of the scope, with the status of any
		// enrolment they already have (the snapshot before this statement).
		// Those with none are inserted, WITHDRAWN ones re-opened in a new
		// cycle (losing the ticks of the withdrawn one); open and completed
		// ones are left alone. Insert and re-open are separate CTEs so each
		// knows its from_status without joining back to targets: the
		// planner cannot estimate CTE sizes, and such a join of 10,000 rows
		// to 10,000 became a nested loop.
		var counts struct {
			Targeted int `db:"targeted"`
			Created  int `db:"created"`
		}
		err = tx.GetContext(ctx, &counts, `
			WITH targets AS (
				SELECT e.id AS employee_id, old.id AS enrollment_id, old.status AS prior_status
				FROM employees e
				LEFT JOIN enrollments old ON old.employee_id = e.id AND old.course_id = $1
				WHERE e.status = 'ACTIVE' AND `+cond+`
			), inserted AS (
				INSERT INTO enrollments (employee_id, course_id, assignment_id, status, due_on)
				SELECT t.employee_id, $1, $2, 'ASSIGNED', $3 FROM targets t WHERE t.enrollment_id IS NULL
				-- Someone another transaction enrolled meanwhile stays as they are.
				ON CONFLICT (employee_id, course_id) DO NOTHING
				RETURNING id, employee_id, cycle
			), reopened AS (
				UPDATE enrollments en
				SET status = 'ASSIGNED', assignment_id = $2, due_on = $3, cycle = en.cycle + 1,
				    started_at = NULL, withdrawn_at = NULL, updated_at = now()
				FROM targets t
				WHERE en.id = t.enrollment_id AND t.prior_status = 'WITHDRAWN' AND en.status = 'WITHDRAWN'
				RETURNING en.id, en.employee_id, en.cycle
			), created AS (
				SELECT id, employee_id, cycle, NULL::text AS from_status FROM inserted
				UNION ALL
				SELECT id, employee_id, cycle, 'WITHDRAWN' FROM reopened
			), cleared AS (
				DELETE FROM module_progress mp USING reopened r WHERE mp.enrollment_id = r.id
			), ev AS (
				INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
				SELECT id, cycle, from_status, 'ASSIGNED', $4, $6 FROM created
			), notified AS (
				INSERT INTO notifications (recipient_id, kind, params)
				SELECT n.employee_id, 'COURSE_ASSIGNED', jsonb_build_object(
					'course_id', c.id, 'course_code', c.code,
					'course_title_en', c.title_en, 'course_title_zh', c.title_zh,
					'due_on', $3::date, 'reason', $6::text,
					'assignment_id', $2::bigint, 'enrollment_id', n.id)
				FROM created n, courses c WHERE c.id = $1
			)
			SELECT (SELECT count(*) FROM targets) AS targeted, (SELECT count(*) FROM created) AS created`,
			in.CourseID, res.Assignment.ID, res.Assignment.DueOn, by.EmployeeID, arg, in.Reason)
		if err != nil {
			return fmt.Errorf("enrol: %w", err)
		}
		res.Created = counts.Created
		// Counted rather than read from prior_status, so a row another
		// transaction inserted meanwhile still counts as existing.
		res.Existing = counts.Targeted - counts.Created
		return nil
	})
	if err != nil {
		return nil, wrap("assign", err)
	}
	return res, nil
}

// checkTarget refuses targets that do not exist, and employees named
// individually who are unknown or offboarded, listing all of them.
func checkTarget(ctx context.Context, tx *sqlx.Tx, scope string, in AssignInput) error {
	switch scope {
	case ScopeTeam:
		var ok bool
		if err := tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM teams WHERE id = $1)`, *in.TeamID); err != nil {
			return err
		}
		if !ok {
			return rungs.FieldError("teamId", "assignment.team.not_found", "team %d not found", *in.TeamID)
		}
	case ScopePosition:
		var ok bool
		if err := tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM positions WHERE id = $1)`, *in.PositionID); err != nil {
			return err
		}
		if !ok {
			return rungs.FieldError("positionId", "assignment.position.not_found", "position %d not found", *in.PositionID)
		}
	case ScopeEmployees:
		var bad []int64
		err := tx.SelectContext(ctx, &bad, `
			SELECT DISTINCT x.id FROM unnest($1::bigint[]) AS x (id)
			LEFT JOIN employees e ON e.id = x.id
			WHERE e.id IS NULL OR e.status = 'OFFBOARDED'
			ORDER BY x.id`, pq.Array(in.EmployeeIDs))
		if err != nil {
			return err
		}
		if len(bad) > 0 {
			ids := make([]string, len(bad))
			for i, id := range bad {
				ids[i] = fmt.Sprint(id)
			}
			return rungs.FieldError("employeeIds", "assignment.employees.unknown",
				"unknown or offboarded employees: %s", strings.Join(ids, ", "))
		}
	}
	return nil
}

// EndAssignment ends an assignment: a standing rule stops reaching new
// joiners and a recurring one stops re-opening expired completions. The
// enrolments it made stay as they are. Same access as Assign.
func (s *Store) EndAssignment(ctx context.Context, by *auth.Viewer, id int64) (*Assignment, error) {
	if err := signedIn(by); err != nil {
		return nil, err
	}
	var a Assignment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &a, `SELECT * FROM assignments WHERE id = $1 FOR UPDATE`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("assignment", id)
		} else if err != nil {
			return err
		}
		c, err := courseByID(ctx, tx, a.CourseID)
		if err != nil {
			return err
		}
		if !mayAssign(by, c) {
			return rungs.Errorf(rungs.ErrForbidden, "assignment.forbidden",
				"only HR, an admin or the trainer who owns %s may end its assignments", c.Code)
		}
		if a.EndedAt.Valid {
			return rungs.Errorf(rungs.ErrConflict, "assignment.ended", "assignment %d has already ended", id)
		}
		return tx.GetContext(ctx, &a, `UPDATE assignments SET ended_at = $2 WHERE id = $1 RETURNING *`, id, s.Now())
	})
	if err != nil {
		return nil, wrap("end assignment", err)
	}
	return &a, nil
}
