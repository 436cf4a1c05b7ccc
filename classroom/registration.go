package classroom

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// Register signs employeeID up for a session: a seat while there is one,
// else a place at the end of the waitlist (the returned registration says
// which). The learner may register themself; HR and admins may register
// anyone, the course's owner only people in their training scope or below
// them in their reporting line (FORBIDDEN session.out_of_scope, nothing
// written; an unknown id looks the same to them). The course must be
// published and the session scheduled and not yet started. Registering
// again after withdrawing reuses the registration; registering twice is a
// CONFLICT.
func (s *Store) Register(ctx context.Context, by *auth.Viewer, sessionID, employeeID int64) (*Registration, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	var out Registration
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The lock makes registrations to this session take turns, so the
		// seat count read here is the one the insert below changes.
		sr, err := loadSession(ctx, tx, sessionID, forUpdate)
		if err != nil {
			return err
		}
		// Who the employee is to the registrar, in the statement that
		// reads them: the scope check costs no statement of its own.
		var who struct {
			Status string `db:"status"`
			Serves bool   `db:"serves"`
		}
		err = tx.GetContext(ctx, &who, `
			SELECT e.status, `+people.ServesSQL("$2", "e.id")+` AS serves
			FROM employees e WHERE e.id = $1`, employeeID, by.EmployeeID)
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read employee %d: %w", employeeID, err)
		}
		if !sr.registers(by, employeeID, who.Serves) {
			if sr.CourseOwnerID == by.EmployeeID {
				return rungs.Errorf(rungs.ErrForbidden, "session.out_of_scope",
					"you may register only people in your training scope or your reporting line")
			}
			return forbidden("you may register only yourself")
		}
		if err := sr.open(s, sessionID); err != nil {
			return err
		}
		if sr.CourseStatus != "PUBLISHED" {
			return rungs.Errorf(rungs.ErrConflict, "session.course.not_published", "the course is not open for registration")
		}
		if !found {
			return rungs.Errorf(rungs.ErrNotFound, "employee.not_found", "employee %d not found", employeeID)
		}
		if who.Status == "OFFBOARDED" {
			return rungs.Errorf(rungs.ErrConflict, "session.employee.offboarded", "employee %d has left the company", employeeID)
		}
		status := Registered
		if sr.SeatsTaken >= sr.Capacity {
			status = Waitlisted
		}
		// A withdrawn row comes back to life; an active one is left alone
		// and no row returns. waitlisted_at reads the database's clock after
		// the lock, so the waitlist is in the order people got the lock.
		err = tx.GetContext(ctx, &out, `
			INSERT INTO session_registrations (session_id, employee_id, status, registered_at, waitlisted_at)
			VALUES ($1, $2, $3, clock_timestamp(), CASE WHEN $3 = 'WAITLISTED' THEN clock_timestamp() END)
			ON CONFLICT (session_id, employee_id) DO UPDATE
			SET status = EXCLUDED.status, attended = NULL, registered_at = EXCLUDED.registered_at,
			    waitlisted_at = EXCLUDED.waitlisted_at, updated_at = now()
			WHERE session_registrations.status = 'WITHDRAWN'
			RETURNING *`, sessionID, employeeID, status)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.Errorf(rungs.ErrConflict, "session.already_registered",
				"employee %d is already registered or waitlisted for this session", employeeID)
		}
		return translate(err, fmt.Sprintf("session %d", sessionID))
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("register %d for session %d", employeeID, sessionID), err)
	}
	return &out, nil
}

// Withdraw takes employeeID off a session that has not started: out of
// their seat or off the waitlist. A freed seat goes at once to the first
// person waiting, who is notified (WAITLIST_PROMOTED). The same people may
// withdraw as may register, and the course's owner anyone from their own
// session. It returns the withdrawn registration.
func (s *Store) Withdraw(ctx context.Context, by *auth.Viewer, sessionID, employeeID int64) (*Registration, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	var out Registration
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		sr, err := loadSession(ctx, tx, sessionID, forUpdate)
		if err != nil {
			return err
		}
		if !sr.actsFor(by, employeeID) {
			return forbidden("you may withdraw only yourself")
		}
		if err := sr.open(s, sessionID); err != nil {
			return err
		}
		var row struct {
			Registration
			Before string `db:"before"`
		}
		err = tx.GetContext(ctx, &row, `
			WITH old AS (
				SELECT id, status FROM session_registrations
				WHERE session_id = $1 AND employee_id = $2 AND status IN ('REGISTERED', 'WAITLISTED')
			)
			UPDATE session_registrations r SET status = 'WITHDRAWN', waitlisted_at = NULL, updated_at = now()
			FROM old WHERE r.id = old.id
			RETURNING r.*, old.status AS before`, sessionID, employeeID)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.Errorf(rungs.ErrNotFound, "session.not_registered",
				"employee %d is not registered for session %d", employeeID, sessionID)
		}
		if err != nil {
			return fmt.Errorf("withdraw: %w", err)
		}
		out = row.Registration
		if row.Before == Registered {
			_, err = promote(ctx, tx, sessionID)
		}
		return err
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("withdraw %d from session %d", employeeID, sessionID), err)
	}
	return &out, nil
}

// open returns why people can no longer register or withdraw: the session
// is cancelled or has started.
func (sr *sessionRow) open(s *Store, id int64) error {
	if sr.Status == SessionCancelled {
		return errCancelled(id)
	}
	if sr.started(s) {
		return errStarted(id)
	}
	return nil
}
