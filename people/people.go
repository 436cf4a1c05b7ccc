// Package people holds the organisation: employees, teams, the reporting
// line, and the lifecycle of an employee (hire, transfer, offboard) with its
// history. It also decides who may see whom, in the SQL itself.
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
