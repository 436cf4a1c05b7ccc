package talent

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// GridFilter narrows a grid. A zero field does not filter.
type GridFilter struct {
	// TeamID keeps the people of one team.
	TeamID int64
}

// seesPlacement is the one visibility rule of placements, with $2 the
// viewer's id and $3 their see-everyone flag: HR and admins see all, a
// manager their reporting line, and nobody their own place — the last
// condition holds for HR and admins too.
var seesPlacement = `p.employee_id <> $2 AND ($3 OR ` + people.ManagesSQL("$2::bigint", "p.employee_id") + `)`

// Grid returns the placements of a cycle that v may see (HR and admins
// all, a manager their reporting line, never v's own), best boxes first,
// and logs the view (view_log, NINE_BOX, object_id the cycle) in the same
// transaction: a view that is not logged does not happen. Anyone signed in
// may ask; an employee without reports gets an empty grid, logged too.
// An unknown cycle is NOT_FOUND talent.cycle.not_found.
func (s *Store) Grid(ctx context.Context, v *auth.Viewer, cycleID int64, f GridFilter) ([]*Placement, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	id, all := viewerArgs(v)
	out := []*Placement{}
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var exists bool
		if err := tx.GetContext(ctx, &exists, `SELECT true FROM talent_cycles WHERE id = $1`, cycleID); errors.Is(err, sql.ErrNoRows) {
			return cycleNotFound(cycleID)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO view_log (viewer_id, object_kind, object_id, viewed_at) VALUES ($1, $2, $3, $4)`,
			id, ViewNineBox, cycleID, s.Now()); err != nil {
			return err
		}
		q := `SELECT ` + placementColumns + ` FROM nine_box_placements p JOIN employees e ON e.id = p.employee_id
			WHERE p.cycle_id = $1 AND ` + seesPlacement
		args := []any{cycleID, id, all}
		if f.TeamID != 0 {
			args = append(args, f.TeamID)
			q += ` AND e.team_id = $4`
		}
		return tx.SelectContext(ctx, &out, q+` ORDER BY p.performance DESC, p.potential DESC, e.name_en, p.id`, args...)
	})
	if err != nil {
		return nil, wrap("grid", err)
	}
	return out, nil
}

// Moves returns the calibration history of each placement (key order,
// oldest first) that v may see by the grid's rule; a placement v may not
// see gets an empty history, as does one never moved. Each visible
// placement's read is logged (view_log, NINE_BOX_MOVES, object_id the
// placement, subject_id the person) by the same statement that reads it.
func (s *Store) Moves(ctx context.Context, v *auth.Viewer, placementIDs []int64) ([][]*Move, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	id, all := viewerArgs(v)
	var rows []*Move
	// A data-modifying CTE runs whether or not the SELECT reads it.
	err := s.db.SelectContext(ctx, &rows, `
		WITH seen AS (
		    SELECT p.id, p.employee_id FROM nine_box_placements p WHERE p.id = ANY($1) AND `+seesPlacement+`
		), logged AS (
		    INSERT INTO view_log (viewer_id, object_kind, object_id, subject_id, viewed_at)
		    SELECT $2, $4, id, employee_id, $5 FROM seen
		)
		SELECT m.id, m.placement_id, m.from_performance, m.from_potential, m.to_performance, m.to_potential,
		       m.moved_by, m.reason, m.at
		FROM nine_box_moves m JOIN seen ON seen.id = m.placement_id
		ORDER BY m.placement_id, m.id`, pq.Array(placementIDs), id, all, ViewNineBoxMoves, s.Now())
	if err != nil {
		return nil, wrap("moves", err)
	}
	return postgres.GroupByKey(placementIDs, rows, func(m *Move) int64 { return m.PlacementID }), nil
}
