package classroom

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Attendance is whether one registered learner came to a session.
type Attendance struct {
	EmployeeID int64
	Attended   bool
}

// RecordAttendance sets who attended a session that has started, in one
// statement, inside the caller's transaction q: the GraphQL layer completes
// the attendees' enrolments in the same transaction, so attendance and
// completion commit together. The course's owner, the session's trainer or
// an admin may record it. Every person named must hold a seat in the
// session; if any does not, nothing is written and the error lists them.
// It returns the employees marked as attended, in the order given. On any
// error the caller must roll q back.
func (s *Store) RecordAttendance(ctx context.Context, q postgres.Queryer, by *auth.Viewer, sessionID int64, marks []Attendance) ([]int64, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	attended, err := s.recordAttendance(ctx, q, by, sessionID, marks)
	if err != nil {
		return nil, wrap(fmt.Sprintf("record attendance of session %d", sessionID), err)
	}
	return attended, nil
}

// MarkAttendance is RecordAttendance in a transaction of its own, for
// callers with nothing else to commit alongside.
func (s *Store) MarkAttendance(ctx context.Context, by *auth.Viewer, sessionID int64, marks []Attendance) ([]int64, error) {
	var attended []int64
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var err error
		attended, err = s.RecordAttendance(ctx, tx, by, sessionID, marks)
		return err
	})
	if err != nil {
		return nil, err
	}
	return attended, nil
}

func (s *Store) recordAttendance(ctx context.Context, q postgres.Queryer, by *auth.Viewer, sessionID int64, marks []Attendance) ([]int64, error) {
	// FOR SHARE: the session cannot be moved or cancelled while its
	// attendance is written.
	sr, err := loadSession(ctx, q, sessionID, forShare)
	if err != nil {
		return nil, err
	}
	if !sr.takesAttendance(by) {
		return nil, forbidden("only the course's owner, the session's trainer or an admin may record attendance")
	}
	if sr.Status == SessionCancelled {
		return nil, errCancelled(sessionID)
	}
	if !sr.started(s) {
		return nil, rungs.Errorf(rungs.ErrConflict, "session.not_started", "session %d has not started yet", sessionID)
	}

	ids := make([]int64, len(marks))
	flags := make([]bool, len(marks))
	seen := make(map[int64]bool, len(marks))
	var dupes []int64
	for i, m := range marks {
		ids[i], flags[i] = m.EmployeeID, m.Attended
		if seen[m.EmployeeID] {
			dupes = append(dupes, m.EmployeeID)
		}
		seen[m.EmployeeID] = true
	}
	if len(dupes) > 0 {
		return nil, rungs.FieldError("attendance", "session.attendance.duplicate",
			"employees named more than once: %s", joinIDs(dupes))
	}
	if len(marks) == 0 {
		return []int64{}, nil
	}

	// One statement: the people without a seat are found first, and the
	// UPDATE writes only when there are none, so a bad list changes
	// nothing even if the caller forgot to roll back.
	var rows []struct {
		EmployeeID int64 `db:"employee_id"`
		Unknown    bool  `db:"unknown"`
		Attended   bool  `db:"attended"`
	}
	err = q.SelectContext(ctx, &rows, `
		WITH input AS (
			SELECT * FROM unnest($2::bigint[], $3::boolean[]) AS i (employee_id, attended)
		), unknown AS (
			SELECT i.employee_id FROM input i
			WHERE NOT EXISTS (SELECT 1 FROM session_registrations r
			                  WHERE r.session_id = $1 AND r.employee_id = i.employee_id AND r.status = 'REGISTERED')
		), updated AS (
			UPDATE session_registrations r SET attended = i.attended, updated_at = now()
			FROM input i
			WHERE r.session_id = $1 AND r.employee_id = i.employee_id AND r.status = 'REGISTERED'
			  AND NOT EXISTS (SELECT 1 FROM unknown)
			RETURNING r.employee_id, r.attended
		)
		SELECT employee_id, true AS unknown, false AS attended FROM unknown
		UNION ALL
		SELECT employee_id, false, attended FROM updated`,
		sessionID, pq.Array(ids), pq.Array(flags))
	if err != nil {
		return nil, fmt.Errorf("update attendance: %w", err)
	}
	var unknown []int64
	came := map[int64]bool{}
	for _, r := range rows {
		if r.Unknown {
			unknown = append(unknown, r.EmployeeID)
		} else if r.Attended {
			came[r.EmployeeID] = true
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, rungs.FieldError("attendance", "session.attendance.not_registered",
			"these employees hold no seat in the session: %s", joinIDs(unknown))
	}
	attended := []int64{}
	for _, id := range ids {
		if came[id] {
			attended = append(attended, id)
		}
	}
	return attended, nil
}

// joinIDs lists ids for a message: "3, 7, 12".
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, ", ")
}
