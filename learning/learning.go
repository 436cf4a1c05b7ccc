// Package learning holds assignments, enrolments and learners' progress
// through courses, and turns course completions into competency evidence.
//
// An assignment and its enrolments name a course or a standalone
// assessment (package assessment). An assessment enrolment has no modules:
// it is ASSIGNED until the learner starts an attempt (StartAssessment),
// IN_PROGRESS after, and COMPLETED when they pass (CompleteAssessment);
// package assessment calls both inside its own transactions and writes
// the ASSESSMENT evidence itself, so that completion writes no COURSE
// evidence. Due dates, recurrence, re-opening, withdrawal and the standing
// rules work the same for both.
//
// One enrolment row per learner and course (or assessment) moves ASSIGNED
// -> IN_PROGRESS -> COMPLETED, or to WITHDRAWN; when a completion under a still-active
// recurring assignment expires, ReopenExpired puts it back to ASSIGNED in
// the next cycle. Every status change writes an enrollment_events row.
// Overdue is never stored: an open enrolment whose due date has passed is
// overdue, judged against the store's clock.
//
// The package reads the catalogue tables (courses, course_modules,
// course_competencies, course_prerequisites, assessments) with plain SQL
// rather than importing package courses or assessment, so they stay
// independent (assessment imports learning, not the other way round). Who a
// trainer may assign to, and whose trainer they are, is package people's
// rule (people.ServesSQL, people.TrainerOfSQL), put into this package's
// statements.
// Standing rules (TEAM and POSITION assignments reaching later joiners)
// live in a trigger on employees (migrations/00007_learning.sql, extended
// to assessments by 00015), so package people needs no knowledge of
// learning.
package learning

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
)

// Enrolment statuses.
const (
	StatusAssigned   = "ASSIGNED"
	StatusInProgress = "IN_PROGRESS"
	StatusCompleted  = "COMPLETED"
	StatusWithdrawn  = "WITHDRAWN"
)

// Assignment scopes.
const (
	ScopeEmployees = "EMPLOYEES"
	ScopeTeam      = "TEAM"
	ScopePosition  = "POSITION"
)

// Store reads and writes assignments, enrolments and progress.
type Store struct {
	db *sqlx.DB
	// Now is the clock for "today" (due dates, overdue, validity) and for
	// the start, completion and withdrawal times; tests replace it.
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

// Assignment is a decision that people take a course or an assessment
// (exactly one of CourseID and AssessmentID is set): named employees once,
// or a standing rule for a team or a position.
type Assignment struct {
	ID               int64         `db:"id"`
	CourseID         sql.NullInt64 `db:"course_id"`
	AssessmentID     sql.NullInt64 `db:"assessment_id"`
	Scope            string        `db:"scope"`
	TeamID           sql.NullInt64 `db:"team_id"`
	PositionID       sql.NullInt64 `db:"position_id"`
	DueOn            time.Time     `db:"due_on"`
	JoinerDueDays    int           `db:"joiner_due_days"`
	RecurrenceMonths sql.NullInt64 `db:"recurrence_months"`
	Reason           string        `db:"reason"`
	AssignedBy       sql.NullInt64 `db:"assigned_by"`
	CreatedAt        time.Time     `db:"created_at"`
	EndedAt          sql.NullTime  `db:"ended_at"`
}

// Active reports whether a standing rule still reaches new joiners (and a
// recurring assignment still re-opens expired completions).
func (a *Assignment) Active() bool { return !a.EndedAt.Valid }

// Enrollment is one learner in one course or one assessment (exactly one of
// CourseID and AssessmentID is set). ModulesTotal and ModulesDone are read
// in the same statement as the row, for PercentComplete (an assessment has
// no modules).
type Enrollment struct {
	ID              int64         `db:"id"`
	EmployeeID      int64         `db:"employee_id"`
	CourseID        sql.NullInt64 `db:"course_id"`
	AssessmentID    sql.NullInt64 `db:"assessment_id"`
	AssignmentID    sql.NullInt64 `db:"assignment_id"` // NULL: self-enrolled
	Status          string        `db:"status"`
	Cycle           int           `db:"cycle"`
	DueOn           sql.NullTime  `db:"due_on"`
	StartedAt       sql.NullTime  `db:"started_at"`
	CompletedAt     sql.NullTime  `db:"completed_at"`
	WithdrawnAt     sql.NullTime  `db:"withdrawn_at"`
	LastCompletedAt sql.NullTime  `db:"last_completed_at"`
	ValidUntil      sql.NullTime  `db:"valid_until"`
	CreatedAt       time.Time     `db:"created_at"`
	UpdatedAt       time.Time     `db:"updated_at"`
	ModulesTotal    int           `db:"modules_total"`
	ModulesDone     int           `db:"modules_done"`
}

// Open reports whether the enrolment is still to be done.
func (e *Enrollment) Open() bool { return e.Status == StatusAssigned || e.Status == StatusInProgress }

// Overdue reports whether the enrolment is open and was due before today.
func (e *Enrollment) Overdue(today time.Time) bool {
	return e.Open() && e.DueOn.Valid && dateOf(e.DueOn.Time).Before(dateOf(today))
}

// PercentComplete is the share of the course's modules ticked in the
// current cycle, 0–100; a completed enrolment is 100 whatever its ticks (an
// owner may sign it off directly). An open assessment enrolment is 0: it
// is passed or not.
func (e *Enrollment) PercentComplete() int {
	switch {
	case e.Status == StatusCompleted:
		return 100
	case e.ModulesTotal == 0:
		return 0
	}
	return min(100, e.ModulesDone*100/e.ModulesTotal)
}

// ModuleTick is a module ticked in the current cycle of an enrolment.
type ModuleTick struct {
	EnrollmentID int64     `db:"enrollment_id"`
	ModuleID     int64     `db:"module_id"`
	CompletedAt  time.Time `db:"completed_at"`
}

// Event is one status change of an enrolment. ActorID is NULL when the
// system made it (a standing rule, the re-open job).
type Event struct {
	ID           int64          `db:"id"`
	EnrollmentID int64          `db:"enrollment_id"`
	Cycle        int            `db:"cycle"`
	FromStatus   sql.NullString `db:"from_status"`
	ToStatus     string         `db:"to_status"`
	ActorID      sql.NullInt64  `db:"actor_id"`
	Note         string         `db:"note"`
	At           time.Time      `db:"at"`
}

// AssignResult is what an Assign did: Created counts enrolments made or
// re-opened from WITHDRAWN, Existing the targeted people who already had an
// open or completed enrolment (left as they were).
type AssignResult struct {
	Assignment *Assignment
	Created    int
	Existing   int
}

// Load is one employee's learning load. Withdrawn enrolments are ignored;
// Assigned counts every other enrolment (done or not), Completed and
// Overdue the completed and overdue ones; the hours are the courses'
// estimated hours of each group. Assessment enrolments count like courses;
// their hours are the assessment's time limit (none: 0).
type Load struct {
	HoursAssigned float64 `db:"hours_assigned"`
	HoursDone     float64 `db:"hours_done"`
	HoursOverdue  float64 `db:"hours_overdue"`
	Assigned      int     `db:"assigned"`
	Completed     int     `db:"completed"`
	Overdue       int     `db:"overdue"`
}

// CourseProgress counts a team's enrolments in one course by status;
// Overdue is the part of Assigned and InProgress that is past due.
// Assessment enrolments are not counted (see ProgressOfTeams).
type CourseProgress struct {
	CourseID   int64 `db:"course_id"`
	Assigned   int   `db:"assigned"`
	InProgress int   `db:"in_progress"`
	Completed  int   `db:"completed"`
	Overdue    int   `db:"overdue"`
	Withdrawn  int   `db:"withdrawn"`
}

// Completion is an employee's latest completion of a course, for
// requirement checks: a COURSE requirement needs one at all, a
// CERTIFICATION one whose ValidUntil (NULL: forever) has not passed. It
// survives a re-open of the enrolment. Passing an assigned assessment is
// not a Completion: its evidence is the competency evidence it writes.
type Completion struct {
	EmployeeID      int64        `db:"employee_id"`
	CourseID        int64        `db:"course_id"`
	LastCompletedAt time.Time    `db:"last_completed_at"`
	ValidUntil      sql.NullTime `db:"valid_until"`
}

// ValidOn reports whether the completion still counts on day.
func (c Completion) ValidOn(day time.Time) bool {
	return !c.ValidUntil.Valid || !dateOf(c.ValidUntil.Time).Before(dateOf(day))
}

func notFound(what string, id int64) error {
	return rungs.Errorf(rungs.ErrNotFound, what+".not_found", "%s %d not found", what, id)
}

// wrap adds the operation to internal errors; errors a user can act on
// pass through as they are.
func wrap(op string, err error) error {
	var re *rungs.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("learning: %s: %w", op, err)
}
