// Package talent runs talent reviews: one cycle per review period in which
// every active employee is placed on the 9-box grid — performance (from the
// period's rating and KPIs) against potential (from readiness, aspirations
// and the manager's input) — and then calibrated, HR and managers moving
// people between boxes with a recorded reason.
//
// A cycle moves OPEN -> CALIBRATING -> CLOSED. HR opens it, managers may
// give their view of a report's potential, HR computes the placements
// (again, as often as needed, while calibrating: a person someone has moved
// keeps the box they were moved to), HR and the reporting line move people,
// and HR closes it.
//
// Who sees what: HR and admins see every placement, a manager the
// placements of their reporting line, and nobody ever sees their own — the
// SQL leaves the viewer's own row out, whatever their role. Every read of
// the grid or of its history writes a view_log row in the same statement
// or transaction, so HR can tell who looked at whom.
package talent

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
)

// Cycle statuses.
const (
	StatusOpen        = "OPEN"
	StatusCalibrating = "CALIBRATING"
	StatusClosed      = "CLOSED"
)

// view_log object kinds written by this package.
const (
	// ViewNineBox is one read of a cycle's grid; object_id is the cycle.
	ViewNineBox = "NINE_BOX"
	// ViewNineBoxMoves is one read of a placement's history; object_id is
	// the placement, subject_id the person placed.
	ViewNineBoxMoves = "NINE_BOX_MOVES"
)

// maxReason is the longest move reason, in bytes, as the migration checks.
const maxReason = 2000

// PotentialFunc returns, for each employee (in order), their best readiness
// score (0..100) for a position they could move to or aspire to. The lead
// wires it to progression; tests stub it.
type PotentialFunc func(ctx context.Context, emps []*people.Employee) ([]float64, error)

// Store reads and writes talent cycles, placements and moves.
type Store struct {
	db *sqlx.DB
	// Now stamps every write and view; tests replace it.
	Now func() time.Time
	// Potential is the readiness input of Compute; Compute fails without it.
	Potential PotentialFunc
}

// NewStore returns a Store over db. Set Potential before calling Compute.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, Now: clock.Now}
}

// Cycle is one talent review.
type Cycle struct {
	ID             int64         `db:"id"`
	Code           string        `db:"code"`
	NameEN         string        `db:"name_en"`
	NameZH         string        `db:"name_zh"`
	ReviewPeriodID int64         `db:"review_period_id"`
	Status         string        `db:"status"`
	OpenedBy       int64         `db:"opened_by"`
	OpenedAt       time.Time     `db:"opened_at"`
	ComputedAt     sql.NullTime  `db:"computed_at"`
	ClosedBy       sql.NullInt64 `db:"closed_by"`
	ClosedAt       sql.NullTime  `db:"closed_at"`
}

// Placement is where one employee sits on one cycle's grid, what the rule
// said, and why.
type Placement struct {
	ID                  int64 `db:"id"`
	CycleID             int64 `db:"cycle_id"`
	EmployeeID          int64 `db:"employee_id"`
	Performance         int   `db:"performance"`
	Potential           int   `db:"potential"`
	ComputedPerformance int   `db:"computed_performance"`
	ComputedPotential   int   `db:"computed_potential"`
	// ManagerPotentialInput is the line manager's potential band, if given.
	ManagerPotentialInput sql.NullInt64 `db:"manager_potential_input"`
	ManagerInputBy        sql.NullInt64 `db:"manager_input_by"`
	Why                   Why           `db:"why"`
	PlacedBy              int64         `db:"placed_by"`
	PlacedAt              time.Time     `db:"placed_at"`
	// Reason is the reason of the last move; empty when computed.
	Reason string `db:"reason"`
}

// Move is one calibration move of a placement.
type Move struct {
	ID              int64     `db:"id"`
	PlacementID     int64     `db:"placement_id"`
	FromPerformance int       `db:"from_performance"`
	FromPotential   int       `db:"from_potential"`
	ToPerformance   int       `db:"to_performance"`
	ToPotential     int       `db:"to_potential"`
	MovedBy         int64     `db:"moved_by"`
	Reason          string    `db:"reason"`
	At              time.Time `db:"at"`
}

// Scan reads a Why from its jsonb column.
func (w *Why) Scan(src any) error {
	switch b := src.(type) {
	case []byte:
		return json.Unmarshal(b, w)
	case string:
		return json.Unmarshal([]byte(b), w)
	case nil:
		*w = Why{}
		return nil
	}
	return fmt.Errorf("talent: why: cannot scan %T", src)
}

// mayAdminister is who opens, computes and closes cycles: HR and admins.
func mayAdminister(by *auth.Viewer, what string) error {
	if err := auth.Require(by); err != nil {
		return err
	}
	if !by.SeesEveryone() {
		return rungs.Errorf(rungs.ErrForbidden, "talent.cycle.forbidden", "only HR %s talent reviews", what)
	}
	return nil
}

// wrap adds the operation to internal errors; errors a user can act on
// pass through as they are.
func wrap(op string, err error) error {
	var re *rungs.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("talent: %s: %w", op, err)
}

func cycleNotFound(id int64) error {
	return rungs.Errorf(rungs.ErrNotFound, "talent.cycle.not_found", "talent review %d not found", id)
}

func placementNotFound(cycleID, employeeID int64) error {
	return rungs.Errorf(rungs.ErrNotFound, "talent.placement.not_found",
		"employee %d has no place in talent review %d", employeeID, cycleID)
}

// viewerArgs are the viewer's id and see-everyone flag (0/false when anonymous).
func viewerArgs(v *auth.Viewer) (int64, bool) {
	if v == nil {
		return 0, false
	}
	return v.EmployeeID, v.SeesEveryone()
}
