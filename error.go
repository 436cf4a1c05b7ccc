// Package rungs holds what every part of Rungs shares: the error type that
// carries a machine-readable code from the domain to the API.
//
// Domain packages (competency/, courses/, ladder/, people/ …) return *Error for
// anything a user did wrong; every other error is internal, logged with the
// request id and shown to clients only as "internal error".
package rungs

import (
	"errors"
	"fmt"
)

// Error codes. They are the `extensions.code` values of GraphQL errors.
const (
	ErrUnauthenticated = "UNAUTHENTICATED"
	ErrForbidden       = "FORBIDDEN"
	ErrBadUserInput    = "BAD_USER_INPUT"
	ErrNotFound        = "NOT_FOUND"
	ErrConflict        = "CONFLICT"
	ErrRateLimited     = "RATE_LIMITED"
	// ErrUnavailable: the service cannot answer now (the database is
	// unreachable, the request ran out of time); nothing was wrong with
	// the request and it may be tried again. Answered with HTTP 503.
	ErrUnavailable = "UNAVAILABLE"
	ErrInternal    = "INTERNAL"
)

// Error is an error a user can act on. Message is safe to show; Key is a
// stable message key (e.g. "people.email.taken") that clients translate;
// Field names the offending input field of a validation error.
type Error struct {
	Code    string
	Key     string
	Message string
	Field   string
	// Details holds further problems of the same request, so every
	// validation error is reported at once, not only the first.
	Details []*Error
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// Errorf returns an *Error with the given code and message key.
func Errorf(code, key, format string, args ...any) *Error {
	return &Error{Code: code, Key: key, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns a BAD_USER_INPUT error about one input field.
func FieldError(field, key, format string, args ...any) *Error {
	return &Error{Code: ErrBadUserInput, Key: key, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// ErrInternal for any other error. nil has no code.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ErrInternal
}

// Validation collects field errors so a caller can report all of them at once.
type Validation struct{ errs []*Error }

// Add records a problem with field.
func (v *Validation) Add(field, key, format string, args ...any) {
	v.errs = append(v.errs, FieldError(field, key, format, args...))
}

// Check records the problem when ok is false.
func (v *Validation) Check(ok bool, field, key, format string, args ...any) {
	if !ok {
		v.Add(field, key, format, args...)
	}
}

// Err returns nil when nothing was recorded, else one BAD_USER_INPUT error
// whose message is the first problem and whose Details hold them all.
func (v *Validation) Err() error {
	if len(v.errs) == 0 {
		return nil
	}
	first := *v.errs[0]
	first.Details = v.errs
	return &first
}
