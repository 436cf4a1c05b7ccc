package performance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// periodCodePattern accepts codes like 2026-H1 or FY2026.
var periodCodePattern = regexp.MustCompile(`^[0-9A-Z][0-9A-Z_-]{1,19}$`)

// PeriodInput describes a new review period. StartsOn and EndsOn are dates
// (the time of day is ignored); both belong to the period.
type PeriodInput struct {
	Code           string
	NameEN, NameZH string
	StartsOn       time.Time
	EndsOn         time.Time
}

func (in *PeriodInput) validate() error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.NameEN, in.NameZH = strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH)
	var v rungs.Validation
	v.Check(periodCodePattern.MatchString(in.Code), "code", "performance.period.code.invalid",
		"code must be 2–20 capitals, digits, dashes or underscores, e.g. 2026-H1")
	v.Check(in.NameEN != "", "nameEn", "performance.period.name_en.required", "English name is required")
	v.Check(in.NameZH != "", "nameZh", "performance.period.name_zh.required", "Chinese name is required")
	v.Check(len(in.NameEN) <= 200 && len(in.NameZH) <= 200, "nameEn", "performance.period.name.too_long", "names are at most 200 bytes")
	v.Check(!in.StartsOn.IsZero(), "startsOn", "performance.period.starts_on.required", "a start date is required")
	v.Check(!in.EndsOn.IsZero(), "endsOn", "performance.period.ends_on.required", "an end date is required")
	if !in.StartsOn.IsZero() && !in.EndsOn.IsZero() {
		in.StartsOn, in.EndsOn = dateOf(in.StartsOn), dateOf(in.EndsOn)
		v.Check(!in.EndsOn.Before(in.StartsOn), "endsOn", "performance.period.ends_before_start",
			"the period must end on or after its start")
	}
	return v.Err()
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// mayManagePeriods is who opens and closes periods.
func mayManagePeriods(by *auth.Viewer) error {
	if err := auth.Require(by); err != nil {
		return err
	}
	if !by.Has(auth.RoleHR, auth.RoleAdmin) {
		return rungs.Errorf(rungs.ErrForbidden, "performance.period.forbidden", "only HR opens and closes review periods")
	}
	return nil
}

// OpenPeriod creates a review period, open for ratings. HR and admins only.
// A period overlapping another (open or closed) is refused by the
// database's exclusion constraint: CONFLICT performance.period.overlap.
func (s *Store) OpenPeriod(ctx context.Context, by *auth.Viewer, in PeriodInput) (*Period, error) {
	if err := mayManagePeriods(by); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var p Period
	err := s.db.GetContext(ctx, &p, `
		INSERT INTO review_periods (code, name_en, name_zh, starts_on, ends_on, status, opened_by, opened_at)
		VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, $7) RETURNING *`,
		in.Code, in.NameEN, in.NameZH, in.StartsOn, in.EndsOn, by.EmployeeID, s.Now())
	var pqErr *pq.Error
	switch {
	case err == nil:
		return &p, nil
	case errors.As(err, &pqErr) && pqErr.Code == "23P01": // exclusion_violation
		// Name the periods in the way; the failed insert ran alone, so
		// the connection is free for one more statement.
		var codes []string
		if qerr := s.db.SelectContext(ctx, &codes, `
			SELECT code FROM review_periods
			WHERE daterange(starts_on, ends_on, '[]') && daterange($1, $2, '[]') ORDER BY starts_on`,
			in.StartsOn, in.EndsOn); qerr != nil {
			return nil, wrap("open period", qerr)
		}
		return nil, rungs.Errorf(rungs.ErrConflict, "performance.period.overlap",
			"the period overlaps %s", strings.Join(codes, ", "))
	case errors.As(err, &pqErr) && pqErr.Code == "23505": // unique_violation: the code
		return nil, rungs.FieldError("code", "performance.period.code_taken", "period %s already exists", in.Code)
	}
	return nil, wrap("open period", postgres.Translate(err, "period "+in.Code))
}

// ClosePeriod ends rating in a period: managers can no longer rate or
// re-rate in it. Employees may still acknowledge or dispute what they were
// given and HR still resolves disputes. HR and admins only; closing a
// closed period is a CONFLICT.
func (s *Store) ClosePeriod(ctx context.Context, by *auth.Viewer, periodID int64) (*Period, error) {
	if err := mayManagePeriods(by); err != nil {
		return nil, err
	}
	var p Period
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var status string
		err := tx.GetContext(ctx, &status, `SELECT status FROM review_periods WHERE id = $1 FOR UPDATE`, periodID)
		if err != nil {
			return periodNotFound(err, periodID)
		}
		if status == PeriodClosed {
			return rungs.Errorf(rungs.ErrConflict, "performance.period.closed", "period %d is already closed", periodID)
		}
		return tx.GetContext(ctx, &p, `
			UPDATE review_periods SET status = 'CLOSED', closed_by = $2, closed_at = $3
			WHERE id = $1 RETURNING *`, periodID, by.EmployeeID, s.Now())
	})
	if err != nil {
		return nil, wrap("close period", err)
	}
	return &p, nil
}

func periodNotFound(err error, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return rungs.Errorf(rungs.ErrNotFound, "performance.period.not_found", "period %d not found", id)
	}
	return err
}

// PeriodsByIDs returns the periods with ids, in key order, nil where none
// exists. Periods are not confidential: no viewer.
func (s *Store) PeriodsByIDs(ctx context.Context, ids []int64) ([]*Period, error) {
	var rows []*Period
	if err := s.db.SelectContext(ctx, &rows, `SELECT * FROM review_periods WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("performance: periods by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(p *Period) int64 { return p.ID }), nil
}

// Periods lists the periods, newest first; status "" lists all, else
// only OPEN or only CLOSED ones.
func (s *Store) Periods(ctx context.Context, status string) ([]*Period, error) {
	if status != "" && status != PeriodOpen && status != PeriodClosed {
		return nil, rungs.FieldError("status", "performance.period.status.invalid", "unknown period status %q", status)
	}
	rows := []*Period{}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT * FROM review_periods WHERE ($1 = '' OR status = $1) ORDER BY starts_on DESC`, status)
	if err != nil {
		return nil, fmt.Errorf("performance: periods: %w", err)
	}
	return rows, nil
}
