package development

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// The longest coaching texts, in characters, as the migration checks.
const (
	maxNotes     = 8000
	maxFollowUps = 4000
)

// CoachingInput is one 1:1 session to log: with whom, when it was held,
// what was discussed and what was agreed to follow up.
type CoachingInput struct {
	EmployeeID int64
	HeldOn     time.Time
	Notes      string
	FollowUps  string
}

// LogCoaching records a coaching session held by the signed-in user, who
// is its coach: someone above the employee in the reporting line, or a
// trainer who owns a course the employee is enrolled in. HR as such does
// not coach, and nobody coaches themself. The session is held on a day
// between the employee's hire date and today.
func (s *Store) LogCoaching(ctx context.Context, by *auth.Viewer, in CoachingInput) (*CoachingSession, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	trimmed(&in.Notes, &in.FollowUps)
	today := s.today()
	var v rungs.Validation
	v.Check(in.Notes != "", "notes", "coaching.notes.required", "say what the session covered")
	v.Check(runes(in.Notes) <= maxNotes, "notes", "coaching.notes.too_long", "notes are at most %d characters", maxNotes)
	v.Check(runes(in.FollowUps) <= maxFollowUps, "followUps", "coaching.follow_ups.too_long",
		"follow-ups are at most %d characters", maxFollowUps)
	if in.HeldOn.IsZero() {
		v.Add("heldOn", "coaching.held_on.required", "say when the session was held")
	} else {
		v.Check(!dateOf(in.HeldOn).After(today), "heldOn", "coaching.held_on.future", "log a session once it has been held")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if in.EmployeeID == by.EmployeeID {
		return nil, forbidden("coaching.self", "nobody coaches themself")
	}
	var c CoachingSession
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		rel, err := relationTo(ctx, tx, by, in.EmployeeID, false)
		if err != nil {
			return err
		}
		if !(rel.Line || rel.Trainer) {
			return forbidden("coaching.forbidden",
				"only someone above the employee in the reporting line or a trainer of theirs logs coaching")
		}
		if err := offboarded(rel); err != nil {
			return err
		}
		if dateOf(in.HeldOn).Before(rel.HireDate) {
			return rungs.FieldError("heldOn", "coaching.held_on.before_hire", "the employee joined on %s",
				rel.HireDate.Format(time.DateOnly))
		}
		return tx.GetContext(ctx, &c, `
			INSERT INTO coaching_sessions (employee_id, coach_id, held_on, notes, follow_ups, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
			in.EmployeeID, by.EmployeeID, dateOf(in.HeldOn), in.Notes, in.FollowUps, s.Now())
	})
	if err != nil {
		return nil, wrap("log coaching", err)
	}
	return &c, nil
}

// CoachingOf returns each employee's coaching sessions, latest first. The
// employee, their reporting line, HR and admins read all of them; a coach
// outside the line (a trainer) reads the sessions they held. Anyone else
// gets an empty slice.
func (s *Store) CoachingOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64) ([][]*CoachingSession, error) {
	viewer, all, _ := readArgs(v)
	var rows []*CoachingSession
	err := s.db.SelectContext(ctx, &rows, `
		SELECT c.* FROM coaching_sessions c
		WHERE c.employee_id = ANY($1) AND (c.coach_id = $2 OR `+lineOrHR("c.employee_id")+`)
		ORDER BY c.employee_id, c.held_on DESC, c.id DESC`,
		pq.Array(employeeIDs), viewer, all)
	if err != nil {
		return nil, fmt.Errorf("development: coaching of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(c *CoachingSession) int64 { return c.EmployeeID }), nil
}
