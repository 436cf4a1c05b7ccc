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
	"github.com/rungs/rungs/people"
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

// subject is what an assignment is about: a course, or a standalone
// assessment (CourseID then is the course the assessment belongs to, if
// any: such an assessment is not assigned on its own).
type subject struct {
	course
	Assessment bool
	CourseID   sql.NullInt64 `db:"course_id"`
}

// subjectOf reads the course courseID or else the assessment assessmentID.
func subjectOf(ctx context.Context, q postgres.Queryer, courseID, assessmentID sql.NullInt64) (*subject, error) {
	if courseID.Valid {
		c, err := courseByID(ctx, q, courseID.Int64)
		if err != nil {
			return nil, err
		}
		return &subject{course: *c}, nil
	}
	s := subject{Assessment: true}
	err := q.GetContext(ctx, &s, `SELECT id, code, status, owner_id, course_id FROM assessments WHERE id = $1`, assessmentID.Int64)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("assessment", assessmentID.Int64)
	}
	return &s, err
}

// column is the enrolments' (and assignments') column naming the subject.
func (s *subject) column() string {
	if s.Assessment {
		return "assessment_id"
	}
	return "course_id"
}

func forbiddenAssign(s *subject, what string) error {
	return rungs.Errorf(rungs.ErrForbidden, "assignment.forbidden",
		"only HR, an admin or the trainer who owns %s may %s", s.Code, what)
}

// mayAssign: HR and admins assign any course or assessment; a trainer only
// those they own.
func mayAssign(by *auth.Viewer, s *subject) bool {
	return by.Has(auth.RoleHR, auth.RoleAdmin) || (by.Has(auth.RoleTrainer) && s.OwnerID == by.EmployeeID)
}

// AssignInput says who must take a course, or pass a standalone
// assessment, by when. Exactly one subject: CourseID or AssessmentID; and
// exactly one target: EmployeeIDs, TeamID or PositionID.
type AssignInput struct {
	CourseID     int64
	AssessmentID int64
	EmployeeIDs  []int64
	TeamID       *int64
	PositionID   *int64
	DueOn        time.Time
	// JoinerDueDays is what a later joiner of a team or position gets from
	// the day they join (default 30).
	JoinerDueDays *int
	// RecurrenceMonths re-opens each completion after this many months
	// while the assignment is active (nil: the course's validity, if any;
	// an assessment has none, so a pass then never expires).
	RecurrenceMonths *int
	Reason           string
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// Assign enrols the target's ACTIVE employees in a published course, or a
// published standalone assessment, and notifies each one newly enrolled
// (COURSE_ASSIGNED or ASSESSMENT_ASSIGNED). People who already have an
// open or completed enrolment in it are counted as Existing and left alone;
// a WITHDRAWN enrolment is re-opened in a new cycle. TEAM and POSITION
// assignments are standing rules: the employees trigger also enrols later
// joiners until EndAssignment. HR, admins and the trainer who owns the
// course or assessment may assign it; the trainer only to people, a team
// or a position within their reach (checkTarget: their training scope and
// their reporting line), FORBIDDEN assignment.out_of_scope otherwise, with
// nothing written. An assessment that belongs to a course is assigned
// through its course (assignment.assessment.not_standalone).
//
// However many people the target holds, the enrolments, their events and
// notifications are written by one statement after the assignment row.
func (s *Store) Assign(ctx context.Context, by *auth.Viewer, in AssignInput) (*AssignResult, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if (in.CourseID != 0) == (in.AssessmentID != 0) {
		return nil, rungs.FieldError("courseId", "assignment.subject.one", "assign exactly one of: a course, an assessment")
	}
	courseID, assessmentID := nullID(in.CourseID), nullID(in.AssessmentID)
	// Whether the caller may assign this course is answered before what is
	// wrong with the request (the transaction checks again).
	if sub, err := subjectOf(ctx, s.db, courseID, assessmentID); err != nil {
		return nil, err
	} else if !mayAssign(by, sub) {
		return nil, forbiddenAssign(sub, "assign it")
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
		sub, err := subjectOf(ctx, tx, courseID, assessmentID)
		if err != nil {
			return err
		}
		if !mayAssign(by, sub) {
			return forbiddenAssign(sub, "assign it")
		}
		switch {
		case sub.Status != "PUBLISHED" && sub.Assessment:
			return rungs.Errorf(rungs.ErrBadUserInput, "assessment.not_published", "assessment %s is not published", sub.Code)
		case sub.Status != "PUBLISHED":
			return rungs.Errorf(rungs.ErrBadUserInput, "course.not_published", "course %s is not published", sub.Code)
		case sub.Assessment && sub.CourseID.Valid:
			// A course's test is taken as part of its course; a final test
			// once passed is never retaken, which a recurring assignment
			// of it would contradict.
			return rungs.FieldError("assessmentId", "assignment.assessment.not_standalone",
				"assessment %s belongs to a course: assign the course", sub.Code)
		}
		if err := checkTarget(ctx, tx, by, scope, in); err != nil {
			return err
		}
		err = tx.GetContext(ctx, res.Assignment, `
			INSERT INTO assignments (course_id, assessment_id, scope, team_id, position_id, due_on, joiner_due_days,
				recurrence_months, reason, assigned_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			RETURNING *`,
			courseID, assessmentID, scope, in.TeamID, in.PositionID, dateOf(in.DueOn), joinerDays,
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
		// col is a fixed column name, never input. For an assessment no
		// module ticks exist, so "cleared" deletes nothing.
		col := sub.column()
		err = tx.GetContext(ctx, &counts, `
			WITH targets AS (
				SELECT e.id AS employee_id, old.id AS enrollment_id, old.status AS prior_status
				FROM employees e
				LEFT JOIN enrollments old ON old.employee_id = e.id AND old.`+col+` = $1
				WHERE e.status = 'ACTIVE' AND `+cond+`
			), inserted AS (
				INSERT INTO enrollments (employee_id, `+col+`, assignment_id, status, due_on)
				SELECT t.employee_id, $1, $2, 'ASSIGNED', $3 FROM targets t WHERE t.enrollment_id IS NULL
				-- Someone another transaction enrolled meanwhile stays as they are.
				ON CONFLICT (employee_id, `+col+`) DO NOTHING
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
				`+assignedNotice[sub.Assessment]+`
			)
			SELECT (SELECT count(*) FROM targets) AS targeted, (SELECT count(*) FROM created) AS created`,
			sub.ID, res.Assignment.ID, res.Assignment.DueOn, by.EmployeeID, arg, in.Reason)
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

// assignedNotice is the notification part of Assign's statement for a
// course (false) and an assessment (true): the subject is $1, the
// assignment $2, the due date $3, the reason $6, the new enrolments
// "created". Every name goes in both languages; the standing-rule trigger
// (migrations 00015) writes the same params.
var assignedNotice = map[bool]string{
	false: `INSERT INTO notifications (recipient_id, kind, params)
				SELECT n.employee_id, 'COURSE_ASSIGNED', jsonb_build_object(
					'course_id', c.id, 'course_code', c.code,
					'course_title_en', c.title_en, 'course_title_zh', c.title_zh,
					'due_on', $3::date, 'reason', $6::text,
					'assignment_id', $2::bigint, 'enrollment_id', n.id)
				FROM created n, courses c WHERE c.id = $1`,
	true: `INSERT INTO notifications (recipient_id, kind, params)
				SELECT n.employee_id, 'ASSESSMENT_ASSIGNED', jsonb_build_object(
					'assessment_id', a.id, 'assessment_code', a.code,
					'assessment_title_en', a.title_en, 'assessment_title_zh', a.title_zh,
					'due_on', $3::date, 'reason', $6::text,
					'assignment_id', $2::bigint, 'enrollment_id', n.id)
				FROM created n, assessments a WHERE a.id = $1`,
}

// checkTarget refuses targets by may not assign to, then targets that do
// not exist, and employees named individually who are unknown or
// offboarded, listing all of them. HR and admins assign to anyone; a
// trainer only to a team or position in their training scope, or to people
// in their scope or below them in their reporting line (people.ServesSQL),
// and themself: assigning never widens whom they may see, so it must not
// reach beyond it. Reach is checked first, so a trainer cannot tell an id
// outside their scope from one that does not exist. One statement.
func checkTarget(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, scope string, in AssignInput) error {
	free := by.SeesEveryone()
	outside := func(field, format string, args ...any) error {
		return &rungs.Error{Code: rungs.ErrForbidden, Key: "assignment.out_of_scope", Field: field,
			Message: fmt.Sprintf(format, args...)}
	}
	switch scope {
	case ScopeTeam:
		var r struct {
			Exists bool `db:"found"`
			Reach  bool `db:"reach"`
		}
		if err := tx.GetContext(ctx, &r, `
			SELECT EXISTS (SELECT 1 FROM teams WHERE id = $1) AS found,
			       $3::boolean OR `+people.TeamInScopeSQL("$2", "$1")+` AS reach`,
			*in.TeamID, by.EmployeeID, free); err != nil {
			return err
		}
		if !r.Reach {
			return outside("teamId", "team %d is not in your training scope: HR grants the teams you serve", *in.TeamID)
		}
		if !r.Exists {
			return rungs.FieldError("teamId", "assignment.team.not_found", "team %d not found", *in.TeamID)
		}
	case ScopePosition:
		var r struct {
			Exists bool `db:"found"`
			Reach  bool `db:"reach"`
		}
		if err := tx.GetContext(ctx, &r, `
			SELECT EXISTS (SELECT 1 FROM positions WHERE id = $1) AS found,
			       $3::boolean OR `+people.PositionInScopeSQL("$2", "$1")+` AS reach`,
			*in.PositionID, by.EmployeeID, free); err != nil {
			return err
		}
		if !r.Reach {
			return outside("positionId", "position %d is not in your training scope: HR grants the positions you serve", *in.PositionID)
		}
		if !r.Exists {
			return rungs.FieldError("positionId", "assignment.position.not_found", "position %d not found", *in.PositionID)
		}
	case ScopeEmployees:
		var rows []struct {
			ID      int64 `db:"id"`
			Unknown bool  `db:"unknown"`
			Reach   bool  `db:"reach"`
		}
		err := tx.SelectContext(ctx, &rows, `
			SELECT DISTINCT x.id, e.id IS NULL OR e.status = 'OFFBOARDED' AS unknown,
			       $3::boolean OR x.id = $2 OR `+people.ServesSQL("$2", "x.id")+` AS reach
			FROM unnest($1::bigint[]) AS x (id)
			LEFT JOIN employees e ON e.id = x.id
			ORDER BY x.id`, pq.Array(in.EmployeeIDs), by.EmployeeID, free)
		if err != nil {
			return err
		}
		var far, bad []string
		for _, r := range rows {
			switch {
			case !r.Reach:
				far = append(far, fmt.Sprint(r.ID))
			case r.Unknown:
				bad = append(bad, fmt.Sprint(r.ID))
			}
		}
		if len(far) > 0 {
			return outside("employeeIds", "you may assign only people in your training scope or your reporting line; not: %s",
				strings.Join(far, ", "))
		}
		if len(bad) > 0 {
			return rungs.FieldError("employeeIds", "assignment.employees.unknown",
				"unknown or offboarded employees: %s", strings.Join(bad, ", "))
		}
	}
	return nil
}

// EndAssignment ends an assignment: a standing rule stops reaching new
// joiners and a recurring one stops re-opening expired completions. The
// enrolments it made stay as they are. Same access as Assign.
func (s *Store) EndAssignment(ctx context.Context, by *auth.Viewer, id int64) (*Assignment, error) {
	if err := auth.Require(by); err != nil {
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
		sub, err := subjectOf(ctx, tx, a.CourseID, a.AssessmentID)
		if err != nil {
			return err
		}
		if !mayAssign(by, sub) {
			return forbiddenAssign(sub, "end its assignments")
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
