package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
	"golang.org/x/crypto/bcrypt"
)

// Password policy. Length is what makes a password hard to guess, so the
// policy asks for length and nothing else; the upper bound is bcrypt's: it
// ignores every byte after the 72nd.
const (
	MinPasswordLen   = 10 // characters
	MaxPasswordBytes = 72
)

const (
	keyPasswordWeak      = "auth.password_weak"
	keyPasswordTooLong   = "auth.password_too_long"
	keyPasswordWrong     = "auth.password_wrong"
	fieldPassword        = "password"
	fieldNewPassword     = "newPassword"
	fieldCurrentPassword = "currentPassword"
)

// CheckPasswordPolicy returns a BAD_USER_INPUT error about field "password"
// when password is too short (under 10 characters), too long for bcrypt
// (over 72 bytes) or one character repeated.
func CheckPasswordPolicy(password string) error {
	if len(password) > MaxPasswordBytes {
		return rungs.FieldError(fieldPassword, keyPasswordTooLong,
			"password must be at most %d bytes", MaxPasswordBytes)
	}
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return rungs.FieldError(fieldPassword, keyPasswordWeak,
			"password must be at least %d characters", MinPasswordLen)
	}
	if allSame(password) {
		return rungs.FieldError(fieldPassword, keyPasswordWeak,
			"password must not be one character repeated")
	}
	return nil
}

func allSame(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}

// HashPassword checks password against the policy and returns its bcrypt
// hash at cost.
func HashPassword(password string, cost int) (string, error) {
	if err := CheckPasswordPolicy(password); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", fmt.Errorf("auth: hash password: %w", err)
	}
	return string(h), nil
}

// HashPassword is the package's HashPassword at the Service's configured
// cost.
func (s *Service) HashPassword(password string) (string, error) {
	return HashPassword(password, s.cfg.BcryptCost)
}

// onField returns err (a policy error) about field instead of "password".
func onField(err error, field string) error {
	var e *rungs.Error
	if errors.As(err, &e) {
		c := *e
		c.Field = field
		return &c
	}
	return err
}

// ChangePassword sets the signed-in user's own password after checking the
// current one. Every session of the user ends (refresh tokens revoked,
// access tokens outdated); the caller signs in again. Both problems — a
// wrong current password and a weak new one — are reported at once.
func (s *Service) ChangePassword(ctx context.Context, employeeID int64, current, next string) error {
	var oldHash string
	err := s.db.GetContext(ctx, &oldHash, `SELECT password_hash FROM users WHERE employee_id = $1`, employeeID)
	if errors.Is(err, sql.ErrNoRows) {
		return errNoUser(employeeID)
	}
	if err != nil {
		return fmt.Errorf("auth: change password of %d: %w", employeeID, err)
	}

	var v rungs.Validation
	if len(current) > MaxPasswordBytes || bcrypt.CompareHashAndPassword([]byte(oldHash), []byte(current)) != nil {
		v.Add(fieldCurrentPassword, keyPasswordWrong, "the current password is wrong")
	}
	if err := CheckPasswordPolicy(next); err != nil {
		var e *rungs.Error
		errors.As(err, &e)
		v.Add(fieldNewPassword, e.Key, "%s", e.Message)
	}
	if err := v.Err(); err != nil {
		return err
	}
	newHash, err := s.HashPassword(next)
	if err != nil {
		return err
	}
	// Replace only the hash the current password was checked against: a
	// password changed meanwhile by another request must not be
	// overwritten by someone who knew the old one.
	n, err := s.setPassword(ctx, employeeID, newHash, &oldHash)
	if err != nil {
		return fmt.Errorf("auth: change password of %d: %w", employeeID, err)
	}
	if n == 0 {
		return rungs.Errorf(rungs.ErrConflict, "auth.password_changed",
			"the password was changed at the same time by another request; sign in again")
	}
	return nil
}

// ResetPassword sets an employee's password without knowing the old one
// (an admin action). Every session of the employee ends, and their e-mail
// lockout is lifted so they can sign in with the new password at once.
func (s *Service) ResetPassword(ctx context.Context, employeeID int64, next string) error {
	hash, err := s.HashPassword(next)
	if err != nil {
		return onField(err, fieldNewPassword)
	}
	n, err := s.setPassword(ctx, employeeID, hash, nil)
	if err != nil {
		return fmt.Errorf("auth: reset password of %d: %w", employeeID, err)
	}
	if n == 0 {
		return errNoUser(employeeID)
	}
	_, err = s.db.ExecContext(ctx, `
		DELETE FROM login_failures
		WHERE key = (SELECT 'email:' || lower(email) FROM employees WHERE id = $1)`, employeeID)
	if err != nil {
		return fmt.Errorf("auth: reset password of %d: clear lockout: %w", employeeID, err)
	}
	return nil
}

// setPassword stores hash, bumps the token version and revokes every
// refresh token of the user, in one transaction so no session survives a
// half-done change. With oldHash it changes only a user whose hash is still
// *oldHash. It returns how many users it changed (0 or 1).
func (s *Service) setPassword(ctx context.Context, employeeID int64, hash string, oldHash *string) (int64, error) {
	now := s.now()
	var n int64
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE users
			SET password_hash = $2, password_changed_at = $3, token_version = token_version + 1
			WHERE employee_id = $1 AND ($4::text IS NULL OR password_hash = $4)`,
			employeeID, hash, now, oldHash)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return revokeSessions(ctx, tx, employeeID, now)
	})
	return n, err
}

func errNoUser(employeeID int64) error {
	return rungs.Errorf(rungs.ErrNotFound, "auth.user_not_found", "employee %d has no sign-in", employeeID)
}
