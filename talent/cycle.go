package talent

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

var codePattern = regexp.MustCompile(`^[0-9A-Z][0-9A-Z_-]{1,19}$`)

// CycleInput describes a new talent review.
type CycleInput struct {
	Code           string
	NameEN, NameZH string
	ReviewPeriodID int64
}

func (in *CycleInput) validate() error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.NameEN, in.NameZH = strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH)
	var v rungs.Validation
	v.Check(codePattern.MatchString(in.Code), "code", "talent.cycle.code.invalid",
		"code must be 2–20 capitals, digits, dashes or underscores, e.g. TR-2026-H1")
	v.Check(in.NameEN != "", "nameEn", "talent.cycle.name_en.required", "English name is required")
	v.Check(in.NameZH != "", "nameZh", "talent.cycle.name_zh.required", "Chinese name is required")
	v.Check(len(in.NameEN) <= 200 && len(in.NameZH) <= 200, "nameEn", "talent.cycle.name.too_long", "names are at most 200 bytes")
	v.Check(in.ReviewPeriodID > 0, "reviewPeriodId", "talent.cycle.period.required", "a review period is required")
	return v.Err()
}

const cycleColumns = `id, code, name_en, name_zh, review_period_id, status, opened_by, opened_at, computed_at, closed_by, closed_at`

// OpenCycle starts a talent review of a review period. HR and admins only.
// One review per period: a second is CONFLICT talent.cycle.exists, as is a
// code in use; an unknown period is BAD_USER_INPUT talent.cycle.period.unknown.
func (s *Store) OpenCycle(ctx context.Context, by *auth.Viewer, in CycleInput) (*Cycle, error) {
	if err := mayAdminister(by, "opens"); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var c Cycle
	err := s.db.GetContext(ctx, &c, `
		INSERT INTO talent_cycles (code, name_en, name_zh, review_period_id, opened_by, opened_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING `+cycleColumns,
		in.Code, in.NameEN, in.NameZH, in.ReviewPeriodID, by.EmployeeID, s.Now())
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code {
		case "23505":
			return nil, rungs.Errorf(rungs.ErrConflict, "talent.cycle.exists",
				"a talent review with code %s or of this review period already exists", in.Code)
		case "23503":
			return nil, rungs.FieldError("reviewPeriodId", "talent.cycle.period.unknown",
				"review period %d does not exist", in.ReviewPeriodID)
		}
	}
	if err != nil {
		return nil, wrap("open cycle", err)
	}
	return &c, nil
}

// lockCycle reads a cycle and locks it for the rest of tx.
func lockCycle(ctx context.Context, tx *sqlx.Tx, id int64) (*Cycle, error) {
	var c Cycle
	err := tx.GetContext(ctx, &c, `SELECT `+cycleColumns+` FROM talent_cycles WHERE id = $1 FOR UPDATE`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, cycleNotFound(id)
	}
	return &c, err
}

// Close ends a talent review: no more computations, manager input or moves.
// HR and admins only; closing a closed review is CONFLICT talent.cycle.closed.
func (s *Store) Close(ctx context.Context, by *auth.Viewer, cycleID int64) (*Cycle, error) {
	if err := mayAdminister(by, "closes"); err != nil {
		return nil, err
	}
	var out Cycle
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		c, err := lockCycle(ctx, tx, cycleID)
		if err != nil {
			return err
		}
		if c.Status == StatusClosed {
			return closedErr(cycleID)
		}
		return tx.GetContext(ctx, &out, `
			UPDATE talent_cycles SET status = 'CLOSED', closed_by = $2, closed_at = $3,
			       computed_at = coalesce(computed_at, $3)
			WHERE id = $1 RETURNING `+cycleColumns, cycleID, by.EmployeeID, s.Now())
	})
	if err != nil {
		return nil, wrap("close cycle", err)
	}
	return &out, nil
}

func closedErr(id int64) error {
	return rungs.Errorf(rungs.ErrConflict, "talent.cycle.closed", "talent review %d is closed", id)
}

// CyclesByIDs returns cycles in key order, nil for unknown ids. A cycle's
// name and status are not confidential; its placements are.
func (s *Store) CyclesByIDs(ctx context.Context, ids []int64) ([]*Cycle, error) {
	var rows []*Cycle
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+cycleColumns+` FROM talent_cycles WHERE id = ANY($1)`,
		pq.Array(ids)); err != nil {
		return nil, wrap("cycles by ids", err)
	}
	return postgres.InKeyOrder(ids, rows, func(c *Cycle) int64 { return c.ID }), nil
}

// Cycles lists every talent review, newest first.
func (s *Store) Cycles(ctx context.Context) ([]*Cycle, error) {
	var rows []*Cycle
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+cycleColumns+` FROM talent_cycles ORDER BY opened_at DESC, id DESC`); err != nil {
		return nil, wrap("cycles", err)
	}
	return rows, nil
}
