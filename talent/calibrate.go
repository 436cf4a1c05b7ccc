package talent

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

const placementColumns = `p.id, p.cycle_id, p.employee_id, p.performance, p.potential, p.computed_performance,
	p.computed_potential, p.manager_potential_input, p.manager_input_by, p.why, p.placed_by, p.placed_at, p.reason`

// locked is a placement locked for a write, with whether it was moved and the
// writer's relation to the person placed.
type locked struct {
	Placement
	InLine   bool `db:"in_line"`
	HasMoves bool `db:"has_moves"`
}

// lockPlacement locks the cycle (so writes queue behind a running Compute)
// and the placement of employeeID, and tells whether by is above them.
func lockPlacement(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, cycleID, employeeID int64) (*locked, error) {
	c, err := lockCycle(ctx, tx, cycleID)
	if err != nil {
		return nil, err
	}
	if c.Status != StatusCalibrating {
		return nil, errNotCalibrating(c)
	}
	var l locked
	err = tx.GetContext(ctx, &l, `
		SELECT `+placementColumns+`,
		       `+people.ManagesSQL("$3::bigint", "p.employee_id")+` AS in_line,
		       `+moved+` AS has_moves
		FROM nine_box_placements p WHERE p.cycle_id = $1 AND p.employee_id = $2 FOR UPDATE`,
		cycleID, employeeID, by.EmployeeID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, placementNotFound(cycleID, employeeID)
	}
	return &l, err
}

// SetManagerInput records the manager's view of an employee's potential
// (1..3) in a calibrating cycle and re-applies the rule: the computed
// potential moves one band towards the input, and so does the current box
// unless someone has moved the person already. Only someone above the
// employee in the reporting line may give it (FORBIDDEN
// talent.manager_input.forbidden), HR as such may not: it is the line's view.
func (s *Store) SetManagerInput(ctx context.Context, by *auth.Viewer, cycleID, employeeID int64, potential int) (*Placement, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if !ValidBand(potential) {
		return nil, rungs.FieldError("potential", "talent.band.invalid", "potential must be 1 (low), 2 (medium) or 3 (high)")
	}
	var out Placement
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		l, err := lockPlacement(ctx, tx, by, cycleID, employeeID)
		if err != nil {
			return err
		}
		if !l.InLine {
			return rungs.Errorf(rungs.ErrForbidden, "talent.manager_input.forbidden",
				"only someone above the employee in the reporting line gives the manager's view of potential")
		}
		w := l.Why
		w.ManagerInput = &potential
		w.Potential = withManager(w.PotentialByData, &potential)
		b, err := json.Marshal(w)
		if err != nil {
			return err
		}
		return tx.GetContext(ctx, &out, `
			UPDATE nine_box_placements p SET manager_potential_input = $2, manager_input_by = $3,
			       computed_potential = $4, why = $5::jsonb,
			       potential = CASE WHEN $6 THEN potential ELSE $4 END
			WHERE id = $1 RETURNING `+placementColumns,
			l.ID, potential, by.EmployeeID, w.Potential, string(b), l.HasMoves)
	})
	if err != nil {
		return nil, wrap("set manager input", err)
	}
	return &out, nil
}

// Move puts an employee in another box of a calibrating cycle, with a
// reason, and records the move in the append-only history. HR may move
// anyone, a manager the people of their reporting line; nobody moves
// themself (FORBIDDEN talent.move.self), since nobody may see their own
// place. Errors: talent.band.invalid, talent.move.reason.required,
// talent.move.reason.too_long, talent.move.unchanged (BAD_USER_INPUT),
// talent.move.forbidden, talent.cycle.not_computed / talent.cycle.closed
// (CONFLICT), talent.placement.not_found.
func (s *Store) Move(ctx context.Context, by *auth.Viewer, cycleID, employeeID int64, performance, potential int, reason string) (*Placement, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	var v rungs.Validation
	v.Check(ValidBand(performance), "performance", "talent.band.invalid", "performance must be 1 (low), 2 (medium) or 3 (high)")
	v.Check(ValidBand(potential), "potential", "talent.band.invalid", "potential must be 1 (low), 2 (medium) or 3 (high)")
	v.Check(reason != "", "reason", "talent.move.reason.required", "a move needs a reason")
	v.Check(len(reason) <= maxReason, "reason", "talent.move.reason.too_long", "the reason is at most %d bytes", maxReason)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if employeeID == by.EmployeeID {
		return nil, rungs.Errorf(rungs.ErrForbidden, "talent.move.self", "nobody moves themself on the 9-box grid")
	}
	var out Placement
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		l, err := lockPlacement(ctx, tx, by, cycleID, employeeID)
		if err != nil {
			return err
		}
		if !by.Has(auth.RoleHR) && !l.InLine {
			return rungs.Errorf(rungs.ErrForbidden, "talent.move.forbidden",
				"only HR or someone above the employee in the reporting line moves them")
		}
		if l.Performance == performance && l.Potential == potential {
			return rungs.Errorf(rungs.ErrBadUserInput, "talent.move.unchanged", "the employee is already in that box")
		}
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO nine_box_moves (placement_id, from_performance, from_potential, to_performance,
			                            to_potential, moved_by, reason, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			l.ID, l.Performance, l.Potential, performance, potential, by.EmployeeID, reason, now); err != nil {
			return err
		}
		return tx.GetContext(ctx, &out, `
			UPDATE nine_box_placements p SET performance = $2, potential = $3, placed_by = $4, placed_at = $5, reason = $6
			WHERE id = $1 RETURNING `+placementColumns,
			l.ID, performance, potential, by.EmployeeID, now, reason)
	})
	if err != nil {
		return nil, wrap("move", err)
	}
	return &out, nil
}
