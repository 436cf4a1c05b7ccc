// Package performance holds review periods and the overall performance
// rating each employee gets in a period.
//
// HR (or an admin) opens a period (2026-H1) and closes it; periods never
// overlap, which the database enforces. While a period is open, anyone above
// an employee in the reporting line — their manager, their manager's manager
// — rates them from 1.0 to 5.0 in steps of 0.5 with a comment. Rights come
// from the reporting line, not from a role: HR as such may not rate (they
// arbitrate disputes), and nobody rates themself.
//
// The rated employee then acknowledges the rating (final) or disputes it
// with a comment; HR resolves a dispute with a comment and, if they decide
// so, a new rating (final). The manager may change a rating only until the
// employee has responded. Every change writes a performance_rating_events
// row in the same transaction, so the full record survives re-ratings and
// resolutions.
//
// LatestRatings is the system read behind the ladder's PERFORMANCE_RATING
// requirement and readiness: the rating of the newest period that has one,
// ignoring a dispute HR has not resolved yet.
package performance

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
)

// Period statuses.
const (
	PeriodOpen   = "OPEN"
	PeriodClosed = "CLOSED"
)

// Rating statuses: SUBMITTED -> ACKNOWLEDGED, or SUBMITTED -> DISPUTED ->
// RESOLVED.
const (
	StatusSubmitted    = "SUBMITTED"
	StatusAcknowledged = "ACKNOWLEDGED"
	StatusDisputed     = "DISPUTED"
	StatusResolved     = "RESOLVED"
)

// Event kinds.
const (
	EventRated        = "RATED"
	EventRerated      = "RERATED"
	EventAcknowledged = "ACKNOWLEDGED"
	EventDisputed     = "DISPUTED"
	EventResolved     = "RESOLVED"
)

// The rating scale: MinRating to MaxRating in steps of RatingStep.
const (
	MinRating  = 1.0
	MaxRating  = 5.0
	RatingStep = 0.5
)

// maxComment is the longest comment, in bytes, as the migration checks.
const maxComment = 4000

// Store reads and writes review periods and ratings.
type Store struct {
	db *sqlx.DB
	// Now is the clock for every timestamp written and for "has the period
	// started"; tests replace it.
	Now func() time.Time
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, Now: clock.Now}
}

// today is the clock's date in UTC, the zone every connection runs in.
func (s *Store) today() time.Time {
	y, m, d := s.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Period is a review period. Both StartsOn and EndsOn belong to it.
type Period struct {
	ID       int64         `db:"id"`
	Code     string        `db:"code"`
	NameEN   string        `db:"name_en"`
	NameZH   string        `db:"name_zh"`
	StartsOn time.Time     `db:"starts_on"`
	EndsOn   time.Time     `db:"ends_on"`
	Status   string        `db:"status"`
	OpenedBy sql.NullInt64 `db:"opened_by"`
	OpenedAt time.Time     `db:"opened_at"`
	ClosedBy sql.NullInt64 `db:"closed_by"`
	ClosedAt sql.NullTime  `db:"closed_at"`
}

// Rating is one employee's overall rating in one period.
type Rating struct {
	ID         int64     `db:"id"`
	PeriodID   int64     `db:"period_id"`
	EmployeeID int64     `db:"employee_id"`
	RatedBy    int64     `db:"rated_by"`
	Rating     float64   `db:"rating"`
	Comment    string    `db:"comment"`
	RatedAt    time.Time `db:"rated_at"`
	Status     string    `db:"status"`
	// EmployeeComment is the employee's note on acknowledging (optional)
	// or their reason for a dispute (required).
	EmployeeComment string        `db:"employee_comment"`
	AcknowledgedAt  sql.NullTime  `db:"acknowledged_at"`
	DisputedAt      sql.NullTime  `db:"disputed_at"`
	HRComment       string        `db:"hr_comment"`
	ResolvedBy      sql.NullInt64 `db:"resolved_by"`
	ResolvedAt      sql.NullTime  `db:"resolved_at"`
	UpdatedAt       time.Time     `db:"updated_at"`
}

// Event is one change of a rating. Rating is the value after the change,
// PreviousRating the one before (invalid for the first rating); Note is the
// comment that came with it (the manager's, the employee's or HR's).
type Event struct {
	ID             int64           `db:"id"`
	RatingID       int64           `db:"rating_id"`
	Kind           string          `db:"kind"`
	FromStatus     sql.NullString  `db:"from_status"`
	ToStatus       string          `db:"to_status"`
	Rating         float64         `db:"rating"`
	PreviousRating sql.NullFloat64 `db:"previous_rating"`
	ActorID        int64           `db:"actor_id"`
	At             time.Time       `db:"at"`
	Note           string          `db:"note"`
}

// ValidRating reports whether r is on the scale: 1.0 to 5.0 in steps of
// 0.5 (3.5 is a rating, 3.3 is not).
func ValidRating(r float64) bool {
	return r >= MinRating && r <= MaxRating && math.Trunc(r/RatingStep) == r/RatingStep
}

// wrap adds the operation to internal errors; errors a user can act on
// pass through as they are.
func wrap(op string, err error) error {
	var re *rungs.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("performance: %s: %w", op, err)
}
