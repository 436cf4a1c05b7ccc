package development

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// maxNote is the longest aspiration note, in characters, as the migration
// checks.
const maxNote = 1000

// SetAspirations replaces the positions the signed-in employee aspires to
// with positionIDs, first choice first: at most MaxAspirations, distinct,
// existing positions that are not archived and not the employee's current
// one. An empty list clears them. Positions that stay on the list keep
// their note and when they were first named. Only the employee names their
// own aspirations. The whole list is replaced in one transaction, so a
// reader never sees half of it.
func (s *Store) SetAspirations(ctx context.Context, by *auth.Viewer, positionIDs []int64) ([]*Aspiration, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var v rungs.Validation
	v.Check(len(positionIDs) <= MaxAspirations, "positionIds", "aspiration.too_many",
		"name at most %d positions", MaxAspirations)
	seen := make(map[int64]bool, len(positionIDs))
	var dup []int64
	for _, id := range positionIDs {
		if seen[id] && !slices.Contains(dup, id) {
			dup = append(dup, id)
		}
		seen[id] = true
	}
	v.Check(len(dup) == 0, "positionIds", "aspiration.duplicate", "positions named twice: %s", joinIDs(dup))
	if err := v.Err(); err != nil {
		return nil, err
	}
	out := []*Aspiration{}
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The employee's row lock serialises two saves of the same list:
		// otherwise both delete, and the second insert collides with the
		// first's rows.
		rel, err := relationTo(ctx, tx, by, by.EmployeeID, true)
		if err != nil {
			return err
		}
		var bad []int64
		err = tx.SelectContext(ctx, &bad, `
			SELECT x.id FROM unnest($1::bigint[]) AS x (id)
			LEFT JOIN positions p ON p.id = x.id AND p.archived_at IS NULL
			WHERE p.id IS NULL ORDER BY x.id`, pq.Array(positionIDs))
		if err != nil {
			return err
		}
		var v rungs.Validation
		v.Check(len(bad) == 0, "positionIds", "aspiration.position.not_found", "unknown or archived positions: %s", joinIDs(bad))
		v.Check(!seen[rel.PositionID], "positionIds", "aspiration.position.current", "you already hold position %d", rel.PositionID)
		if err := v.Err(); err != nil {
			return err
		}
		type kept struct {
			PositionID int64     `db:"position_id"`
			Note       string    `db:"note"`
			CreatedAt  time.Time `db:"created_at"`
		}
		var old []kept
		err = tx.SelectContext(ctx, &old, `
			DELETE FROM aspirations WHERE employee_id = $1 RETURNING position_id, note, created_at`, by.EmployeeID)
		if err != nil {
			return err
		}
		oldIDs, oldNotes, oldCreated := make([]int64, len(old)), make([]string, len(old)), make([]time.Time, len(old))
		for i, k := range old {
			oldIDs[i], oldNotes[i], oldCreated[i] = k.PositionID, k.Note, k.CreatedAt
		}
		// A separate statement from the delete: within one statement the
		// order of a CTE's delete and the main insert on the same keys is
		// not defined.
		return tx.SelectContext(ctx, &out, `
			INSERT INTO aspirations (employee_id, position_id, rank, note, created_at)
			SELECT $1, x.id, x.rank, coalesce(o.note, ''), coalesce(o.created_at, $5)
			FROM unnest($2::bigint[]) WITH ORDINALITY AS x (id, rank)
			LEFT JOIN unnest($3::bigint[], $4::text[], $6::timestamptz[]) AS o (position_id, note, created_at)
			       ON o.position_id = x.id
			ORDER BY x.rank
			RETURNING *`,
			by.EmployeeID, pq.Array(positionIDs), pq.Array(oldIDs), pq.Array(oldNotes), s.Now(), pq.Array(oldCreated))
	})
	if err != nil {
		return nil, wrap("set aspirations", err)
	}
	slices.SortFunc(out, func(a, b *Aspiration) int { return a.Rank - b.Rank })
	return out, nil
}

// SetAspirationNote sets the signed-in employee's note on one of their
// aspirations (at most 1000 characters; empty clears it).
func (s *Store) SetAspirationNote(ctx context.Context, by *auth.Viewer, positionID int64, note string) (*Aspiration, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	trimmed(&note)
	if runes(note) > maxNote {
		return nil, rungs.FieldError("note", "aspiration.note.too_long", "a note is at most %d characters", maxNote)
	}
	var a Aspiration
	err := s.db.GetContext(ctx, &a, `
		UPDATE aspirations SET note = $3 WHERE employee_id = $1 AND position_id = $2 RETURNING *`,
		by.EmployeeID, positionID, note)
	if err != nil {
		return nil, wrap("set aspiration note", notFound(err, "aspiration", positionID))
	}
	return &a, nil
}

// AspirationsOf returns each employee's aspirations, first choice first.
// The employee, everyone above them in the reporting line, HR and admins
// see them; anyone else gets an empty slice.
func (s *Store) AspirationsOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64) ([][]*Aspiration, error) {
	viewer, all, _ := readArgs(v)
	var rows []*Aspiration
	err := s.db.SelectContext(ctx, &rows, `
		SELECT a.* FROM aspirations a
		WHERE a.employee_id = ANY($1) AND `+lineOrHR("a.employee_id")+`
		ORDER BY a.employee_id, a.rank`,
		pq.Array(employeeIDs), viewer, all)
	if err != nil {
		return nil, fmt.Errorf("development: aspirations of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(a *Aspiration) int64 { return a.EmployeeID }), nil
}

// AspirantsOf returns, for each position, the employees who aspire to it
// and have not left, first choices first, then by employee id. A system
// read with no viewer, for the succession board and readiness, whose
// callers decide who may see the result.
func (s *Store) AspirantsOf(ctx context.Context, positionIDs []int64) ([][]int64, error) {
	type row struct {
		PositionID int64 `db:"position_id"`
		EmployeeID int64 `db:"employee_id"`
	}
	var rows []*row
	err := s.db.SelectContext(ctx, &rows, `
		SELECT a.position_id, a.employee_id FROM aspirations a
		JOIN employees e ON e.id = a.employee_id AND e.status <> 'OFFBOARDED'
		WHERE a.position_id = ANY($1)
		ORDER BY a.position_id, a.rank, a.employee_id`, pq.Array(positionIDs))
	if err != nil {
		return nil, fmt.Errorf("development: aspirants of: %w", err)
	}
	groups := postgres.GroupByKey(positionIDs, rows, func(r *row) int64 { return r.PositionID })
	out := make([][]int64, len(groups))
	for i, g := range groups {
		out[i] = make([]int64, len(g))
		for j, r := range g {
			out[i][j] = r.EmployeeID
		}
	}
	return out, nil
}
