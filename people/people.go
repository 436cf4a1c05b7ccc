// Package people holds the organisation: employees, teams, the reporting
// line, the lifecycle of an employee (hire, transfer, offboard) with its
// history, and the training scopes HR grants trainers (the teams and
// positions they serve). It also decides who may see whom, in the SQL
// itself (visibleCTE in access.go, the helpers in scopes.go).
//
// # Who may see whom
//
//   - everyone sees themself;
//   - manager rights come from the reporting line, not from the MANAGER
//     role: a viewer sees their whole reporting subtree;
//   - a viewer sees their own chain of managers (whom they report to);
//   - a trainer or QA specialist (TRAINER role) sees the people of the
//     teams and positions HR granted them as their training scope, and
//     nobody else outside their line; a grant counts while it is not
//     revoked and the trainer holds TRAINER, and covers whoever is in the
//     team or position now;
//   - HR and admins see everyone, and only they grant and revoke scopes.
//     A scope is read by its trainer, their line, HR and admins.
//
// # What a trainer's actions open: nothing
//
// Assigning a course or a test, registering someone for a session, scoring
// them on a rubric, or having them enrolled in one's course or take one's
// test gives no right to see the person. The actions themselves need the
// person in the actor's scope or below them in the line (ServesSQL), a
// whole team or position in the actor's scope (TeamInScopeSQL,
// PositionInScopeSQL), or the actor to be HR (or an admin where the action
// allows admins). Before this rule a trainer saw everyone they had
// enrolled, registered or scored, so they could open anyone to themself,
// HR included, and lower an HR user's levels with a rubric score.
//
// # What a course or test owner keeps about learners outside their scope
//
// HR may enrol anyone in a trainer's course, and anyone may enrol or
// register themself. The owner keeps rights on the records of their own
// course, session or test, whoever the learner is: the roster of their
// sessions and its attendance, signing off and withdrawing enrolments in
// their courses, grading attempts at their tests, their course's feedback
// and a team's counts on their course. Those records name the learner
// (NamesByIDs: id, number, name) and show nothing more: the person stays
// hidden, and with them their competency levels, gaps, KPIs, performance
// ratings and development plan.
//
// # The development record
//
// An employee's development record (competency levels and evidence, gaps,
// enrolments, plans, goals, coaching) is read by the employee, their line,
// HR and admins, and by a trainer of theirs: a trainer whose scope holds
// them and who owns a course they are enrolled in (TrainerOfSQL), who may
// also rate and coach them. KPIs and performance ratings stay with the
// employee, their line and HR.
package people

import (
	"database/sql"
	"time"
)

// Employee statuses.
const (
	StatusActive     = "ACTIVE"
	StatusOnLeave    = "ON_LEAVE"
	StatusOffboarded = "OFFBOARDED"
)

// Employee is a person in the organisation.
type Employee struct {
	ID            int64         `db:"id"`
	EmployeeNo    string        `db:"employee_no"`
	NameEN        string        `db:"name_en"`
	NameZH        string        `db:"name_zh"`
	Email         string        `db:"email"`
	TeamID        sql.NullInt64 `db:"team_id"`
	ManagerID     sql.NullInt64 `db:"manager_id"`
	PositionID    int64         `db:"position_id"`
	HireDate      time.Time     `db:"hire_date"`
	PositionSince time.Time     `db:"position_since"`
	Status        string        `db:"status"`
	OffboardedOn  sql.NullTime  `db:"offboarded_on"`
	CreatedAt     time.Time     `db:"created_at"`
	UpdatedAt     time.Time     `db:"updated_at"`
}

// Team is a team of employees.
type Team struct {
	ID        int64     `db:"id"`
	Code      string    `db:"code"`
	NameEN    string    `db:"name_en"`
	NameZH    string    `db:"name_zh"`
	DescEN    string    `db:"description_en"`
	DescZH    string    `db:"description_zh"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

// Event kinds of an employee's history.
const (
	EventHire      = "HIRE"
	EventTransfer  = "TRANSFER"
	EventPromotion = "PROMOTION"
	EventOffboard  = "OFFBOARD"
)

// Event is one change in an employee's team, manager or position.
type Event struct {
	ID             int64         `db:"id"`
	EmployeeID     int64         `db:"employee_id"`
	Kind           string        `db:"kind"`
	EffectiveOn    time.Time     `db:"effective_on"`
	FromTeamID     sql.NullInt64 `db:"from_team_id"`
	ToTeamID       sql.NullInt64 `db:"to_team_id"`
	FromManagerID  sql.NullInt64 `db:"from_manager_id"`
	ToManagerID    sql.NullInt64 `db:"to_manager_id"`
	FromPositionID sql.NullInt64 `db:"from_position_id"`
	ToPositionID   sql.NullInt64 `db:"to_position_id"`
	Reason         string        `db:"reason"`
	RecordedBy     sql.NullInt64 `db:"recorded_by"`
	RecordedAt     time.Time     `db:"recorded_at"`
}

// Filter narrows an employee list; zero fields do not filter.
type Filter struct {
	TeamID     int64
	ManagerID  int64
	PositionID int64
	// Status "" means everyone not offboarded.
	Status string
	// Text matches part of either name, the employee number or the e-mail.
	Text string
}

// Cursor is the keyset position after which a page starts: the last row's
// sort key (English name, then id).
type Cursor struct {
	Name string `json:"n"`
	ID   int64  `json:"i"`
}

// Page is one page of employees.
type Page struct {
	Employees []*Employee
	// Total counts every match, not only this page.
	Total       int
	HasNextPage bool
}

// CursorOf is the cursor that continues after e.
func CursorOf(e *Employee) Cursor { return Cursor{Name: e.NameEN, ID: e.ID} }
