package classroom

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Who may do what, decided here so every write asks the same question:
//
//   - a session is managed (created, changed, cancelled) by the owner of its
//     course, or an admin;
//   - a learner registers and withdraws themself; HR and admins may do it
//     on anyone's behalf; the course owner registers only people in their
//     training scope or below them in their reporting line
//     (people.ServesSQL), since registering someone must not reach past
//     whom the owner may see, and withdraws anyone from their own sessions
//     (a record of their session, which opens nothing of the person);
//   - attendance is recorded by the course owner, the session's trainer, or
//     an admin.

// sessionRow is a session with what the access and state rules need of its
// course.
type sessionRow struct {
	Session
	CourseOwnerID int64  `db:"course_owner_id"`
	CourseStatus  string `db:"course_status"`
}

// Row locks taken by loadSession.
const (
	// forUpdate serialises every write that hands out or frees seats.
	forUpdate = "FOR UPDATE OF s"
	// forShare keeps the session as read (its start, its status) while
	// attendance is recorded, without queueing behind other readers.
	forShare = "FOR SHARE OF s"
)

// loadSession reads and locks a session with its course's owner and status;
// NOT_FOUND when it does not exist.
func loadSession(ctx context.Context, q postgres.Queryer, id int64, lock string) (*sessionRow, error) {
	var sr sessionRow
	err := q.GetContext(ctx, &sr, `
		SELECT s.*, c.owner_id AS course_owner_id, c.status AS course_status
		FROM course_sessions s JOIN courses c ON c.id = s.course_id
		WHERE s.id = $1 `+lock, id)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, sessionNotFound(id)
		}
		return nil, fmt.Errorf("load session %d: %w", id, err)
	}
	return &sr, nil
}

// manages reports whether by may create, change and cancel sessions of the
// course.
func (sr *sessionRow) manages(by *auth.Viewer) bool {
	return by.Has(auth.RoleAdmin) || sr.CourseOwnerID == by.EmployeeID
}

// actsFor reports whether by may withdraw employeeID.
func (sr *sessionRow) actsFor(by *auth.Viewer, employeeID int64) bool {
	return by.EmployeeID == employeeID || sr.manages(by) || by.Has(auth.RoleHR)
}

// registers reports whether by may register employeeID, given whether by
// serves them (their training scope or reporting line).
func (sr *sessionRow) registers(by *auth.Viewer, employeeID int64, serves bool) bool {
	return by.EmployeeID == employeeID || by.SeesEveryone() ||
		(sr.CourseOwnerID == by.EmployeeID && serves)
}

// takesAttendance reports whether by may record who attended.
func (sr *sessionRow) takesAttendance(by *auth.Viewer) bool {
	return sr.manages(by) || (sr.TrainerID.Valid && sr.TrainerID.Int64 == by.EmployeeID)
}

// started reports whether the session has begun by now.
func (sr *sessionRow) started(s *Store) bool { return !s.Now().Before(sr.StartsAt) }

func forbidden(format string, args ...any) error {
	return rungs.Errorf(rungs.ErrForbidden, "session.forbidden", format, args...)
}

func sessionNotFound(id int64) error {
	return rungs.Errorf(rungs.ErrNotFound, "session.not_found", "session %d not found", id)
}

func errCancelled(id int64) error {
	return rungs.Errorf(rungs.ErrConflict, "session.cancelled", "session %d is cancelled", id)
}

func errStarted(id int64) error {
	return rungs.Errorf(rungs.ErrConflict, "session.started", "session %d has already started", id)
}

// translate maps the constraint violations a session write can hit to
// clear errors; everything else goes through postgres.Translate.
func translate(err error, what string) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Constraint {
		case "course_sessions_no_overbooking":
			// Only reachable if a write skipped the session lock: the
			// database refused to seat more people than there are seats.
			return rungs.Errorf(rungs.ErrConflict, "session.full", "%s is full: no seat is left", what)
		case "course_sessions_trainer_id_fkey":
			return rungs.FieldError("trainerId", "session.trainer.invalid", "the trainer does not exist")
		case "session_registrations_employee_id_fkey":
			return rungs.Errorf(rungs.ErrNotFound, "employee.not_found", "the employee does not exist")
		}
	}
	return postgres.Translate(err, what)
}

// wrap prefixes internal errors with the operation; rungs errors pass as
// they are, so the message a user sees stays clean.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *rungs.Error
	if errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("classroom: %s: %w", op, err)
}
