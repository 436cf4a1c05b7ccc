package postgres

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
)

// Translate turns driver errors a user can cause into rungs errors: no rows
// is NOT_FOUND, a unique violation CONFLICT, a foreign-key or check violation
// BAD_USER_INPUT, text PostgreSQL cannot store BAD_USER_INPUT (ClientError).
// what names the thing, as in "course C-101". Other errors are returned
// wrapped and stay internal.
func Translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return rungs.Errorf(rungs.ErrNotFound, "not_found", "%s not found", what)
	}
	if ce := ClientError(err); ce != nil {
		return ce
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code {
		case "23505": // unique_violation
			return rungs.Errorf(rungs.ErrConflict, "conflict", "%s already exists", what)
		case "23503": // foreign_key_violation
			return rungs.Errorf(rungs.ErrBadUserInput, "reference_invalid", "%s refers to something that does not exist or is still in use", what)
		case "23514", "23502": // check_violation, not_null_violation
			return rungs.Errorf(rungs.ErrBadUserInput, "invalid", "%s is not valid (%s)", what, pqErr.Constraint)
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return rungs.Errorf(rungs.ErrConflict, "retry", "%s was changed by someone else at the same time; try again", what)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// ClientError returns the rungs error for a driver error that only the
// client's input can cause, whatever the statement: text with a NUL byte
// (22021 character_not_in_repertoire: PostgreSQL text cannot hold one) or
// \u0000 in JSON (22P05 untranslatable_character). Stores that pass driver
// errors on unwrapped still reach the client as BAD_USER_INPUT: the API's
// error presenter asks this too. nil for any other error.
func ClientError(err error) *rungs.Error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && (pqErr.Code == "22021" || pqErr.Code == "22P05") {
		return rungs.Errorf(rungs.ErrBadUserInput, "text.invalid_character",
			"the text contains a character that cannot be stored (a NUL byte)")
	}
	return nil
}

// ErrUnavailable is what a client is told when Unavailable(err): the
// request was fine, the database could not serve it; send it again.
func ErrUnavailable() *rungs.Error {
	return rungs.Errorf(rungs.ErrUnavailable, "service.unavailable", "the service is unavailable for a moment; try again shortly")
}

// Unavailable reports whether err means the database cannot be reached
// or will not take work right now: the connection is refused or lost, the
// server is starting or shutting down, or its connection slots are full.
// That is neither the client's mistake nor a bug: the API answers 503, as
// /readyz does, and logs it at WARN.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch {
		case pqErr.Code.Class() == "08", // connection_exception
			pqErr.Code == "57P01", // admin_shutdown
			pqErr.Code == "57P02", // crash_shutdown
			pqErr.Code == "57P03", // cannot_connect_now
			pqErr.Code == "53300": // too_many_connections
			return true
		}
		return false
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}
