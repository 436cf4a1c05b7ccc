package performance

import (
	"context"
	"fmt"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// The batch reads behind the GraphQL fields: one statement each, results in
// key order, so dataloaders keep the statement count flat.
//
// Who sees a rating is decided in the SQL: the rated employee, everyone
// above them in the reporting line, and HR and admins. Colleagues, the
// employee's own reports and trainers do not — a rating is more private
// than a profile (people.visibleCTE lets a report see their manager).

// canSee is the access condition over ratings r, with the viewer's
// employee id as $2 and their see-everyone flag as $3.
var canSee = `($3 OR r.employee_id = $2 OR ` + people.ManagesSQL("$2", "r.employee_id") + `)`

func viewerArgs(v *auth.Viewer) (int64, bool) {
	if v == nil {
		return 0, false
	}
	return v.EmployeeID, v.SeesEveryone()
}

// RatingsByIDs returns the ratings with ids the viewer may see, in key
// order, nil where none exists or the viewer may not see it.
func (s *Store) RatingsByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Rating, error) {
	viewer, all := viewerArgs(v)
	var rows []*Rating
	err := s.db.SelectContext(ctx, &rows, `
		SELECT r.* FROM performance_ratings r WHERE r.id = ANY($1) AND `+canSee,
		pq.Array(ids), viewer, all)
	if err != nil {
		return nil, fmt.Errorf("performance: ratings by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(r *Rating) int64 { return r.ID }), nil
}

// RatingsOf returns each employee's ratings, newest period first; an
// employee the viewer may not see gets an empty slice.
func (s *Store) RatingsOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64) ([][]*Rating, error) {
	viewer, all := viewerArgs(v)
	var rows []*Rating
	err := s.db.SelectContext(ctx, &rows, `
		SELECT r.* FROM performance_ratings r JOIN review_periods p ON p.id = r.period_id
		WHERE r.employee_id = ANY($1) AND `+canSee+`
		ORDER BY r.employee_id, p.starts_on DESC`,
		pq.Array(employeeIDs), viewer, all)
	if err != nil {
		return nil, fmt.Errorf("performance: ratings of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(r *Rating) int64 { return r.EmployeeID }), nil
}

// Disputes is HR's queue: every DISPUTED rating, oldest dispute first. HR
// and admins only.
func (s *Store) Disputes(ctx context.Context, v *auth.Viewer) ([]*Rating, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	if !v.SeesEveryone() {
		return nil, rungs.Errorf(rungs.ErrForbidden, "performance.resolve.forbidden", "only HR resolves disputes")
	}
	rows := []*Rating{}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT * FROM performance_ratings WHERE status = 'DISPUTED' ORDER BY disputed_at, id`)
	if err != nil {
		return nil, fmt.Errorf("performance: disputes: %w", err)
	}
	return rows, nil
}

// EventsOf returns each rating's history, oldest first. It checks no
// access: callers reach events through a rating they were allowed to read.
func (s *Store) EventsOf(ctx context.Context, ratingIDs []int64) ([][]*Event, error) {
	var rows []*Event
	err := s.db.SelectContext(ctx, &rows, `
		SELECT * FROM performance_rating_events WHERE rating_id = ANY($1) ORDER BY rating_id, id`,
		pq.Array(ratingIDs))
	if err != nil {
		return nil, fmt.Errorf("performance: events: %w", err)
	}
	return postgres.GroupByKey(ratingIDs, rows, func(e *Event) int64 { return e.RatingID }), nil
}

// LatestRatings returns each employee's current performance rating, nil
// when they have none: the rating of the newest period (by start date)
// that has one they are not disputing. A DISPUTED rating is skipped until
// HR resolves it, so the one before it counts meanwhile — a contested
// value should neither block nor carry a promotion. SUBMITTED ratings
// count (the manager's word stands until contested), as do ratings in a
// period still open.
//
// It is a system read with no viewer, for the gap analysis and readiness
// after the caller has checked who may see the employee.
func (s *Store) LatestRatings(ctx context.Context, employeeIDs []int64) ([]*float64, error) {
	type row struct {
		EmployeeID int64   `db:"employee_id"`
		Rating     float64 `db:"rating"`
	}
	var rows []*row
	err := s.db.SelectContext(ctx, &rows, `
		SELECT DISTINCT ON (r.employee_id) r.employee_id, r.rating::float8 AS rating
		FROM performance_ratings r JOIN review_periods p ON p.id = r.period_id
		WHERE r.employee_id = ANY($1) AND r.status <> 'DISPUTED'
		ORDER BY r.employee_id, p.starts_on DESC`, pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("performance: latest ratings: %w", err)
	}
	out := make([]*float64, len(employeeIDs))
	for i, r := range postgres.InKeyOrder(employeeIDs, rows, func(r *row) int64 { return r.EmployeeID }) {
		if r != nil {
			out[i] = &r.Rating
		}
	}
	return out, nil
}
