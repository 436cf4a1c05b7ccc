package postgres

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
)

// Translate turns driver errors a user can cause into rungs errors: no rows
// is NOT_FOUND, a unique violation CONFLICT, a foreign-key or check violation
// BAD_USER_INPUT. what names the thing, as in "course C-101". Other errors
// are returned wrapped and stay internal.
func Translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return rungs.Errorf(rungs.ErrNotFound, "not_found", "%s not found", what)
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
