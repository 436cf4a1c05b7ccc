// Package development holds each employee's development plan: the weekly
// study budget that turns a career path's hours into an estimated finish
// date, the positions they aspire to, the path they adopted as their plan
// (with the enrolments it created), SMART goals agreed with their manager,
// and the 1:1 coaching log.
//
// Who may do what, in one place:
//
//   - the employee reads everything of theirs, edits their own study budget
//     and aspirations, creates and edits their draft goals, adopts a plan,
//     and moves their agreed goals to IN_PROGRESS, ACHIEVED or MISSED;
//   - everyone above them in the reporting line (rights come from the line,
//     not from the MANAGER role) reads everything of theirs, creates and
//     edits their draft goals, agrees goals (only the line agrees: nobody
//     agrees their own), moves and cancels goals, and logs coaching;
//   - HR and admins read everything, set budgets, adopt plans for an
//     employee, create, edit and cancel goals — but do not agree goals or
//     log coaching unless they are in the employee's line;
//   - a trainer of theirs (people.TrainerOfSQL: a TRAINER whose training
//     scope holds the employee and who owns a course the employee is
//     enrolled in, in any status) reads their plans and goals and may log
//     coaching sessions with them; they read only the coaching sessions
//     they held themselves, and never the aspirations. An enrolment alone
//     opens nothing: HR may enrol anyone in a trainer's course, and the
//     trainer's reach is the scope HR granted.
//
// Reads decide access in the SQL that reads the rows (people.ManagesSQL for
// the line), so lists, loaders and single reads share one rule. Study
// budgets, aspirants and plan details are system reads without a viewer,
// for callers that reached them through a checked read.
//
// The career path itself is computed elsewhere (a pure solver over the
// ladder and the catalogue); AdoptPlan stores what it computed and enrols
// the employee in its courses, and PlanProgress tracks the plan against
// the enrolments (package learning's table) from then on.
package development

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// DefaultWeeklyHours is the study budget of an employee who never set one.
const DefaultWeeklyHours = 3.0

// The study budget's bounds, as the migration checks.
const (
	MinWeeklyHours = 0.5
	MaxWeeklyHours = 40.0
)

// MaxAspirations is how many positions an employee may aspire to at once.
const MaxAspirations = 3

// Plan statuses.
const (
	PlanActive   = "ACTIVE"
	PlanReplaced = "REPLACED"
)

// Goal statuses: DRAFT -> AGREED -> IN_PROGRESS -> ACHIEVED or MISSED
// (AGREED may go straight to ACHIEVED or MISSED); anything not closed yet
// may be CANCELLED.
const (
	GoalDraft      = "DRAFT"
	GoalAgreed     = "AGREED"
	GoalInProgress = "IN_PROGRESS"
	GoalAchieved   = "ACHIEVED"
	GoalMissed     = "MISSED"
	GoalCancelled  = "CANCELLED"
)

// Store reads and writes budgets, aspirations, plans, goals and coaching.
type Store struct {
	db *sqlx.DB
	// Now is the clock for every timestamp written and for "today" (due
	// dates, finish dates, session dates); tests replace it.
	Now func() time.Time
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, Now: clock.Now}
}

// today is the clock's date in UTC, the zone every connection runs in.
func (s *Store) today() time.Time { return dateOf(s.Now()) }

func dateOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Aspiration is a position an employee aspires to, ranked 1 (first choice)
// to 3.
type Aspiration struct {
	EmployeeID int64     `db:"employee_id"`
	PositionID int64     `db:"position_id"`
	Rank       int       `db:"rank"`
	Note       string    `db:"note"`
	CreatedAt  time.Time `db:"created_at"`
}

// Plan is a career path an employee adopted. TotalHours and FinishOn are
// the path's figures at adoption, WeeklyHours the budget they came from.
type Plan struct {
	ID               int64        `db:"id"`
	EmployeeID       int64        `db:"employee_id"`
	TargetPositionID int64        `db:"target_position_id"`
	Status           string       `db:"status"`
	AdoptedAt        time.Time    `db:"adopted_at"`
	AdoptedBy        int64        `db:"adopted_by"`
	ReplacedAt       sql.NullTime `db:"replaced_at"`
	TotalHours       float64      `db:"total_hours"`
	WeeklyHours      float64      `db:"weekly_hours"`
	FinishOn         time.Time    `db:"finish_on"`
}

// PlanCourse is one course of a plan, in the order to take it. Prerequisite
// marks a course that is on the path only because a later one requires it.
type PlanCourse struct {
	PlanID       int64   `db:"plan_id"`
	CourseID     int64   `db:"course_id"`
	Position     int     `db:"position"`
	Hours        float64 `db:"hours"`
	Prerequisite bool    `db:"prerequisite"`
}

// Progress is how far an employee is through a plan, read from their
// enrolments: a course is done when its enrolment is COMPLETED, in
// progress when IN_PROGRESS, and not started otherwise (ASSIGNED,
// WITHDRAWN, or no enrolment at all). HoursDone adds the plan's hours of
// the done courses; HoursTotal is the plan's total.
type Progress struct {
	PlanID            int64   `db:"plan_id"`
	CoursesTotal      int     `db:"courses_total"`
	CoursesDone       int     `db:"courses_done"`
	CoursesInProgress int     `db:"courses_in_progress"`
	CoursesNotStarted int     `db:"courses_not_started"`
	HoursDone         float64 `db:"hours_done"`
	HoursTotal        float64 `db:"hours_total"`
}

// Goal is a SMART goal: a specific title, how it is measured, the target,
// a due date; agreed by someone above the employee in the reporting line.
type Goal struct {
	ID         int64         `db:"id"`
	EmployeeID int64         `db:"employee_id"`
	Title      string        `db:"title"`
	Measure    string        `db:"measure"`
	Target     string        `db:"target"`
	DueOn      time.Time     `db:"due_on"`
	Status     string        `db:"status"`
	AgreedBy   sql.NullInt64 `db:"agreed_by"`
	AgreedAt   sql.NullTime  `db:"agreed_at"`
	ClosedBy   sql.NullInt64 `db:"closed_by"`
	ClosedAt   sql.NullTime  `db:"closed_at"`
	CreatedBy  int64         `db:"created_by"`
	CreatedAt  time.Time     `db:"created_at"`
	UpdatedAt  time.Time     `db:"updated_at"`
}

// Closed reports whether the goal has reached a final status.
func (g *Goal) Closed() bool {
	return g.Status == GoalAchieved || g.Status == GoalMissed || g.Status == GoalCancelled
}

// CoachingSession is one 1:1 session in the coaching log.
type CoachingSession struct {
	ID         int64     `db:"id"`
	EmployeeID int64     `db:"employee_id"`
	CoachID    int64     `db:"coach_id"`
	HeldOn     time.Time `db:"held_on"`
	Notes      string    `db:"notes"`
	FollowUps  string    `db:"follow_ups"`
	CreatedAt  time.Time `db:"created_at"`
}

// The access conditions of the batch reads. Every read passes the viewer's
// employee id as $2, their see-everyone flag (HR, admin) as $3 and whether
// they hold the TRAINER role as $4; emp is the column naming the employee
// the row is about.

// lineOrHR holds for the employee themself, anyone above them in the
// reporting line, and HR and admins.
func lineOrHR(emp string) string {
	return `($3 OR ` + emp + ` = $2 OR ` + people.ManagesSQL("$2", emp) + `)`
}

// trainerOf holds when the viewer, signed in as a TRAINER, is a trainer of
// the employee by package people's rule (people.TrainerOfSQL): the
// employee is in the viewer's training scope and enrolled (any status) in a
// course the viewer owns.
func trainerOf(viewer, isTrainer, emp string) string {
	return `(` + isTrainer + ` AND ` + people.TrainerOfSQL(viewer, emp) + `)`
}

// readArgs are $2..$4 of every access-checked read.
func readArgs(v *auth.Viewer) (int64, bool, bool) {
	if v == nil {
		return 0, false, false
	}
	return v.EmployeeID, v.SeesEveryone(), v.Has(auth.RoleTrainer)
}

// relation is how a viewer stands to one employee, read in one statement
// before a write.
type relation struct {
	EmployeeID int64     `db:"id"`
	Status     string    `db:"status"`
	PositionID int64     `db:"position_id"`
	HireDate   time.Time `db:"hire_date"`
	Self       bool      `db:"self"`
	// Line: the viewer is above the employee in the reporting line.
	Line bool `db:"line"`
	// Trainer: the viewer is a trainer of the employee (trainerOf).
	Trainer bool `db:"trainer"`
	// HR: the viewer is HR or an admin.
	HR bool `db:"hr"`
}

// relationTo reads how by stands to employee id. lock takes a row lock on
// the employee (FOR NO KEY UPDATE, which does not block foreign keys to
// the row) so writes about one employee's list (aspirations, plans)
// serialise. An unknown employee is NOT_FOUND for HR and admins; for
// everyone else it is a relation with no rights, so the caller's access
// check refuses it as it refuses someone else's report and ids do not leak.
func relationTo(ctx context.Context, q postgres.Queryer, by *auth.Viewer, id int64, lock bool) (*relation, error) {
	query := `
		SELECT e.id, e.status, e.position_id, e.hire_date, e.id = $1 AS self,
		       ` + people.ManagesSQL("$1", "e.id") + ` AS line,
		       ` + trainerOf("$1", "$3", "e.id") + ` AS trainer,
		       $4::boolean AS hr
		FROM employees e WHERE e.id = $2`
	if lock {
		query += ` FOR NO KEY UPDATE OF e`
	}
	var r relation
	err := q.GetContext(ctx, &r, query, by.EmployeeID, id, by.Has(auth.RoleTrainer), by.SeesEveryone())
	if errors.Is(err, sql.ErrNoRows) {
		if by.SeesEveryone() {
			return nil, employeeNotFound(err, id)
		}
		return &relation{EmployeeID: id}, nil
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// employeeNotFound turns "no rows" into NOT_FOUND employee.not_found.
func employeeNotFound(err error, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return rungs.Errorf(rungs.ErrNotFound, "employee.not_found", "employee %d not found", id)
	}
	return err
}

// notFound turns "no rows" into NOT_FOUND <what>.not_found.
func notFound(err error, what string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return rungs.Errorf(rungs.ErrNotFound, what+".not_found", "%s %d not found", what, id)
	}
	return err
}

// forbidden is the FORBIDDEN error with key and message.
func forbidden(key, format string, args ...any) error {
	return rungs.Errorf(rungs.ErrForbidden, key, format, args...)
}

// offboarded refuses writes about someone who has left.
func offboarded(r *relation) error {
	if r.Status == "OFFBOARDED" {
		return rungs.Errorf(rungs.ErrConflict, "employee.offboarded", "employee %d has left", r.EmployeeID)
	}
	return nil
}

// trimmed trims surrounding spaces of each string in place.
func trimmed(ss ...*string) {
	for _, s := range ss {
		*s = strings.TrimSpace(*s)
	}
}

// runes is the length of s in characters, as PostgreSQL's length() counts.
func runes(s string) int { return len([]rune(s)) }

// joinIDs lists ids for a message.
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, ", ")
}

// wrap adds the operation to internal errors; errors a user can act on
// pass through as they are.
func wrap(op string, err error) error {
	var re *rungs.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("development: %s: %w", op, err)
}
