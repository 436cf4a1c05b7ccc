// Package classroom holds the dated sessions of classroom courses and the
// learners registered for them, with a waitlist once a session is full.
//
// # The seat invariant
//
// A session never has more REGISTERED people than its capacity. The
// database guarantees it on its own: course_sessions.seats_taken is kept by
// the trigger session_registrations_seats (every registration entering or
// leaving REGISTERED moves it by one, in the same statement), and the CHECK
// course_sessions_no_overbooking refuses any row where seats_taken exceeds
// capacity. No code path, however it races, can commit an overbooked
// session.
//
// # Why the session row is locked
//
// The CHECK is a backstop, not the way seats are handed out. Register reads
// seats_taken to decide between REGISTERED and WAITLISTED; without a lock,
// two learners racing for the last seat would both read "one free" and the
// second would fail on the CHECK instead of joining the waitlist. So every
// write that hands out or frees seats (Register, Withdraw, UpdateSession,
// CancelSession) first takes SELECT … FOR UPDATE on the session row: writes
// to one session run one after another, the decision is made on the true
// count, and the waitlist keeps the order in which people got the lock
// (waitlisted_at is the database's clock_timestamp() read after it). Writes
// to different sessions do not wait for each other.
//
// Changes that concern learners (a new time or place, a cancellation, a
// promotion from the waitlist) write rows to notifications in the same
// transaction, with INSERT … SELECT, so a notice exists exactly when its
// change committed. Their params carry everything needed to render them in
// both languages; another package renders and mails them.
package classroom

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/postgres"
)

// Session statuses.
const (
	SessionScheduled = "SCHEDULED"
	SessionCancelled = "CANCELLED"
)

// Registration statuses.
const (
	// Registered holds a seat.
	Registered = "REGISTERED"
	// Waitlisted waits for a seat, in order of WaitlistedAt.
	Waitlisted = "WAITLISTED"
	// Withdrawn keeps the record of someone who left; registering again
	// reuses the row.
	Withdrawn = "WITHDRAWN"
)

// Notification kinds this package creates (table notifications).
const (
	NotifySessionChanged   = "SESSION_CHANGED"
	NotifySessionCancelled = "SESSION_CANCELLED"
	NotifyWaitlistPromoted = "WAITLIST_PROMOTED"
)

// Session is one dated run of a classroom course.
type Session struct {
	ID        int64         `db:"id"`
	CourseID  int64         `db:"course_id"`
	StartsAt  time.Time     `db:"starts_at"`
	EndsAt    time.Time     `db:"ends_at"`
	Place     string        `db:"place"`
	Capacity  int           `db:"capacity"`
	TrainerID sql.NullInt64 `db:"trainer_id"`
	Status    string        `db:"status"`
	// SeatsTaken counts REGISTERED people; the database keeps it (see the
	// package comment).
	SeatsTaken int       `db:"seats_taken"`
	CreatedAt  time.Time `db:"created_at"`
	UpdatedAt  time.Time `db:"updated_at"`
}

// SeatsLeft is how many more people can register before the waitlist starts.
func (s *Session) SeatsLeft() int { return max(s.Capacity-s.SeatsTaken, 0) }

// Registration is one learner's place in a session: a seat, a place on the
// waitlist, or a withdrawal.
type Registration struct {
	ID         int64  `db:"id"`
	SessionID  int64  `db:"session_id"`
	EmployeeID int64  `db:"employee_id"`
	Status     string `db:"status"`
	// Attended is set by the trainer once the session has started.
	Attended     sql.NullBool `db:"attended"`
	RegisteredAt time.Time    `db:"registered_at"`
	WaitlistedAt sql.NullTime `db:"waitlisted_at"`
	UpdatedAt    time.Time    `db:"updated_at"`
}

// IsWaitlisted reports whether the learner waits for a seat.
func (r *Registration) IsWaitlisted() bool { return r.Status == Waitlisted }

// Store reads and writes sessions and registrations.
type Store struct {
	db *sqlx.DB
	// Now is the clock rules read (has the session started? is the start
	// in the future?); tests replace it. Timestamps recorded in rows come
	// from the database clock.
	Now func() time.Time
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db, Now: clock.Now} }

// SessionsOf returns each course's sessions by start time, cancelled ones
// included (they show as cancelled); sessions that have ended only when
// includePast.
func (s *Store) SessionsOf(ctx context.Context, courseIDs []int64, includePast bool) ([][]*Session, error) {
	var ss []*Session
	err := s.db.SelectContext(ctx, &ss, `
		SELECT * FROM course_sessions
		WHERE course_id = ANY($1) AND ($2 OR ends_at > $3)
		ORDER BY course_id, starts_at, id`, pq.Array(courseIDs), includePast, s.Now())
	if err != nil {
		return nil, fmt.Errorf("classroom: sessions of courses: %w", err)
	}
	return postgres.GroupByKey(courseIDs, ss, func(x *Session) int64 { return x.CourseID }), nil
}

// SessionsByIDs returns the sessions with ids, in key order, nil where none
// exists.
func (s *Store) SessionsByIDs(ctx context.Context, ids []int64) ([]*Session, error) {
	var ss []*Session
	if err := s.db.SelectContext(ctx, &ss, `SELECT * FROM course_sessions WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("classroom: sessions by id: %w", err)
	}
	return postgres.InKeyOrder(ids, ss, func(x *Session) int64 { return x.ID }), nil
}

// SessionByID returns one session or NOT_FOUND.
func (s *Store) SessionByID(ctx context.Context, id int64) (*Session, error) {
	ss, err := s.SessionsByIDs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if ss[0] == nil {
		return nil, sessionNotFound(id)
	}
	return ss[0], nil
}

// RegistrationsOf returns each session's active registrations: the people
// holding a seat (in the order they registered), then the waitlist in
// order. Withdrawals are left out.
func (s *Store) RegistrationsOf(ctx context.Context, sessionIDs []int64) ([][]*Registration, error) {
	var rs []*Registration
	err := s.db.SelectContext(ctx, &rs, `
		SELECT * FROM session_registrations
		WHERE session_id = ANY($1) AND status IN ('REGISTERED', 'WAITLISTED')
		ORDER BY session_id, status <> 'REGISTERED', coalesce(waitlisted_at, registered_at), id`,
		pq.Array(sessionIDs))
	if err != nil {
		return nil, fmt.Errorf("classroom: registrations of sessions: %w", err)
	}
	return postgres.GroupByKey(sessionIDs, rs, func(r *Registration) int64 { return r.SessionID }), nil
}

// RegistrationsOfEmployees returns each employee's active registrations
// (seats and waitlist places, not withdrawals), by session start.
func (s *Store) RegistrationsOfEmployees(ctx context.Context, employeeIDs []int64) ([][]*Registration, error) {
	var rs []*Registration
	err := s.db.SelectContext(ctx, &rs, `
		SELECT r.* FROM session_registrations r JOIN course_sessions s ON s.id = r.session_id
		WHERE r.employee_id = ANY($1) AND r.status IN ('REGISTERED', 'WAITLISTED')
		ORDER BY r.employee_id, s.starts_at, s.id`, pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("classroom: registrations of employees: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rs, func(r *Registration) int64 { return r.EmployeeID }), nil
}

// WaitlistCounts returns how many people wait for a seat in each session,
// in key order (0 for sessions without a waitlist or that do not exist).
func (s *Store) WaitlistCounts(ctx context.Context, sessionIDs []int64) ([]int, error) {
	var rows []struct {
		SessionID int64 `db:"session_id"`
		N         int   `db:"n"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT session_id, count(*) AS n FROM session_registrations
		WHERE session_id = ANY($1) AND status = 'WAITLISTED'
		GROUP BY session_id`, pq.Array(sessionIDs))
	if err != nil {
		return nil, fmt.Errorf("classroom: waitlist counts: %w", err)
	}
	byID := make(map[int64]int, len(rows))
	for _, r := range rows {
		byID[r.SessionID] = r.N
	}
	out := make([]int, len(sessionIDs))
	for i, id := range sessionIDs {
		out[i] = byID[id]
	}
	return out, nil
}
