package performance

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// RateInput is a manager's overall rating of one employee in one period.
type RateInput struct {
	PeriodID   int64
	EmployeeID int64
	// Rating is 1.0 to 5.0 in steps of 0.5.
	Rating  float64
	Comment string
}

// Rate gives an employee their rating for a period, or changes it while
// the employee has not responded yet; each call writes an event, so a
// re-rating keeps the earlier value in the record.
//
// Who may: anyone above the employee in the current reporting line
// (direct manager or higher), whatever their roles — HR as such may not,
// and nobody rates themself. When: only while the period is OPEN and has
// started. Once the employee has acknowledged or disputed it the rating is
// locked (CONFLICT performance.rating.locked): a dispute goes to HR.
func (s *Store) Rate(ctx context.Context, by *auth.Viewer, in RateInput) (*Rating, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	in.Comment = strings.TrimSpace(in.Comment)
	var v rungs.Validation
	v.Check(ValidRating(in.Rating), "rating", "performance.rating.range", "a rating is 1.0 to 5.0 in steps of 0.5")
	v.Check(len(in.Comment) <= maxComment, "comment", "performance.comment.too_long", "the comment is longer than %d bytes", maxComment)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if in.EmployeeID == by.EmployeeID {
		return nil, rungs.Errorf(rungs.ErrForbidden, "performance.rate.self", "nobody rates themself")
	}
	now := s.Now()
	var r Rating
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// FOR SHARE: a concurrent ClosePeriod waits until this rating is in.
		var p Period
		if err := tx.GetContext(ctx, &p, `SELECT * FROM review_periods WHERE id = $1 FOR SHARE`, in.PeriodID); err != nil {
			return periodNotFound(err, in.PeriodID)
		}
		if p.Status != PeriodOpen {
			return rungs.Errorf(rungs.ErrConflict, "performance.period.closed", "period %s is closed", p.Code)
		}
		if s.today().Before(p.StartsOn) {
			return rungs.Errorf(rungs.ErrConflict, "performance.period.not_started", "period %s has not started yet", p.Code)
		}
		// The reporting line decides, in the same statement that finds the
		// employee: an unknown employee and someone else's report look
		// the same, so ids do not leak.
		var status string
		err := tx.GetContext(ctx, &status, `
			SELECT e.status FROM employees e WHERE e.id = $2 AND `+people.ManagesSQL("$1", "e.id"),
			by.EmployeeID, in.EmployeeID)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.Errorf(rungs.ErrForbidden, "performance.rate.forbidden",
				"only someone above employee %d in the reporting line may rate them", in.EmployeeID)
		} else if err != nil {
			return err
		}
		if status == "OFFBOARDED" {
			return rungs.Errorf(rungs.ErrConflict, "performance.employee.offboarded", "employee %d has left", in.EmployeeID)
		}

		var before Rating
		err = tx.GetContext(ctx, &before, `
			SELECT * FROM performance_ratings WHERE period_id = $1 AND employee_id = $2 FOR UPDATE`,
			in.PeriodID, in.EmployeeID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			// Two managers rating the same person at the same moment:
			// the second insert fails on the unique key, a CONFLICT.
			err = tx.GetContext(ctx, &r, `
				INSERT INTO performance_ratings (period_id, employee_id, rated_by, rating, comment, rated_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
				in.PeriodID, in.EmployeeID, by.EmployeeID, in.Rating, in.Comment, now)
			if err != nil {
				return postgres.Translate(err, "the rating")
			}
			return recordEvent(ctx, tx, EventRated, nil, &r, by.EmployeeID, now, in.Comment)
		case err != nil:
			return err
		case before.Status != StatusSubmitted:
			return rungs.Errorf(rungs.ErrConflict, "performance.rating.locked",
				"the rating is %s and can no longer be changed", strings.ToLower(before.Status))
		}
		err = tx.GetContext(ctx, &r, `
			UPDATE performance_ratings SET rated_by = $2, rating = $3, comment = $4, rated_at = $5, updated_at = $5
			WHERE id = $1 RETURNING *`,
			before.ID, by.EmployeeID, in.Rating, in.Comment, now)
		if err != nil {
			return err
		}
		return recordEvent(ctx, tx, EventRerated, &before, &r, by.EmployeeID, now, in.Comment)
	})
	if err != nil {
		return nil, wrap("rate", err)
	}
	return &r, nil
}

// Acknowledge records that the rated employee accepts their rating; it is
// final from then on. Only the rated employee, only a SUBMITTED rating.
func (s *Store) Acknowledge(ctx context.Context, by *auth.Viewer, ratingID int64) (*Rating, error) {
	r, err := s.respond(ctx, by, ratingID, StatusAcknowledged, "")
	return r, wrap("acknowledge", err)
}

// Dispute records that the rated employee contests their rating, with a
// comment saying why (required); HR then resolves it. Only the rated
// employee, only a SUBMITTED rating.
func (s *Store) Dispute(ctx context.Context, by *auth.Viewer, ratingID int64, comment string) (*Rating, error) {
	comment = strings.TrimSpace(comment)
	var v rungs.Validation
	v.Check(comment != "", "comment", "performance.dispute.comment_required", "say why you dispute the rating")
	v.Check(len(comment) <= maxComment, "comment", "performance.comment.too_long", "the comment is longer than %d bytes", maxComment)
	if err := v.Err(); err != nil {
		return nil, err
	}
	r, err := s.respond(ctx, by, ratingID, StatusDisputed, comment)
	return r, wrap("dispute", err)
}

// respond moves a SUBMITTED rating to ACKNOWLEDGED or DISPUTED for the
// rated employee, with its event.
func (s *Store) respond(ctx context.Context, by *auth.Viewer, ratingID int64, to, comment string) (*Rating, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	now := s.Now()
	var r Rating
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, err := lockRating(ctx, tx, by, ratingID)
		if err != nil {
			return err
		}
		if before.EmployeeID != by.EmployeeID {
			return rungs.Errorf(rungs.ErrForbidden, "performance.respond.forbidden",
				"only the rated employee acknowledges or disputes a rating")
		}
		if before.Status != StatusSubmitted {
			return rungs.Errorf(rungs.ErrConflict, "performance.rating.not_submitted",
				"the rating is already %s", strings.ToLower(before.Status))
		}
		err = tx.GetContext(ctx, &r, `
			UPDATE performance_ratings SET status = $2, employee_comment = $3,
				acknowledged_at = CASE WHEN $2 = 'ACKNOWLEDGED' THEN $4::timestamptz END,
				disputed_at = CASE WHEN $2 = 'DISPUTED' THEN $4::timestamptz END,
				updated_at = $4
			WHERE id = $1 RETURNING *`, ratingID, to, comment, now)
		if err != nil {
			return err
		}
		kind := EventAcknowledged
		if to == StatusDisputed {
			kind = EventDisputed
		}
		return recordEvent(ctx, tx, kind, before, &r, by.EmployeeID, now, comment)
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// ResolveDispute closes a dispute: HR's comment (required) says what was
// decided, and newRating, when not nil, replaces the rating (nil upholds
// it). The rating is final from then on. HR and admins only, and never
// about a rating they gave or received.
func (s *Store) ResolveDispute(ctx context.Context, by *auth.Viewer, ratingID int64, hrComment string, newRating *float64) (*Rating, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if !by.Has(auth.RoleHR, auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "performance.resolve.forbidden", "only HR resolves disputes")
	}
	hrComment = strings.TrimSpace(hrComment)
	var v rungs.Validation
	v.Check(hrComment != "", "hrComment", "performance.resolve.comment_required", "say how the dispute was resolved")
	v.Check(len(hrComment) <= maxComment, "hrComment", "performance.comment.too_long", "the comment is longer than %d bytes", maxComment)
	if newRating != nil {
		v.Check(ValidRating(*newRating), "newRating", "performance.rating.range", "a rating is 1.0 to 5.0 in steps of 0.5")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	now := s.Now()
	var r Rating
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, err := lockRating(ctx, tx, by, ratingID)
		if err != nil {
			return err
		}
		if before.EmployeeID == by.EmployeeID || before.RatedBy == by.EmployeeID {
			return rungs.Errorf(rungs.ErrForbidden, "performance.resolve.own",
				"someone else in HR must resolve a dispute about a rating you gave or received")
		}
		if before.Status != StatusDisputed {
			return rungs.Errorf(rungs.ErrConflict, "performance.rating.not_disputed",
				"the rating is %s, not disputed", strings.ToLower(before.Status))
		}
		var nr sql.NullFloat64
		if newRating != nil {
			nr = sql.NullFloat64{Float64: *newRating, Valid: true}
		}
		err = tx.GetContext(ctx, &r, `
			UPDATE performance_ratings SET status = 'RESOLVED', rating = coalesce($2, rating), hr_comment = $3,
				resolved_by = $4, resolved_at = $5, updated_at = $5
			WHERE id = $1 RETURNING *`, ratingID, nr, hrComment, by.EmployeeID, now)
		if err != nil {
			return err
		}
		return recordEvent(ctx, tx, EventResolved, before, &r, by.EmployeeID, now, hrComment)
	})
	if err != nil {
		return nil, wrap("resolve dispute", err)
	}
	return &r, nil
}

// lockRating reads a rating for update. A rating the viewer may not see
// (see RatingsOf) is NOT_FOUND, so ids do not leak.
func lockRating(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, id int64) (*Rating, error) {
	var row struct {
		Rating
		Visible bool `db:"visible"`
	}
	err := tx.GetContext(ctx, &row, `
		SELECT r.*, ($3 OR r.employee_id = $2 OR `+people.ManagesSQL("$2", "r.employee_id")+`) AS visible
		FROM performance_ratings r WHERE r.id = $1 FOR UPDATE`, id, by.EmployeeID, by.SeesEveryone())
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !row.Visible) {
		return nil, rungs.Errorf(rungs.ErrNotFound, "performance.rating.not_found", "rating %d not found", id)
	} else if err != nil {
		return nil, err
	}
	return &row.Rating, nil
}

// recordEvent writes the event of a change from before (nil: the rating
// was just made) to after.
func recordEvent(ctx context.Context, tx *sqlx.Tx, kind string, before, after *Rating, actor int64, at time.Time, note string) error {
	var from sql.NullString
	var prev sql.NullFloat64
	if before != nil {
		from = sql.NullString{String: before.Status, Valid: true}
		prev = sql.NullFloat64{Float64: before.Rating, Valid: true}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO performance_rating_events (rating_id, kind, from_status, to_status, rating, previous_rating, actor_id, at, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		after.ID, kind, from, after.Status, after.Rating, prev, actor, at, note)
	return err
}
