package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
	"golang.org/x/crypto/bcrypt"
)

// checkRoles returns roles as strings without repeats, or a BAD_USER_INPUT
// error about field "roles" naming the first unknown one.
func checkRoles(roles []Role) ([]string, error) {
	seen := make(map[Role]bool, len(roles))
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		if !r.valid() {
			return nil, rungs.FieldError("roles", "auth.role_invalid", "%q is not an access role", string(r))
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, string(r))
		}
	}
	return out, nil
}

// CreateUser gives an employee a sign-in with passwordHash (from
// HashPassword) and roles. It takes q so the hiring transaction in people/
// creates the employee and the sign-in together. A second sign-in for the
// same employee is a CONFLICT.
func (s *Service) CreateUser(ctx context.Context, q postgres.Queryer, employeeID int64, passwordHash string, roles []Role) error {
	rs, err := checkRoles(roles)
	if err != nil {
		return err
	}
	// A plain-text password passed by mistake must never reach the table.
	if _, err := bcrypt.Cost([]byte(passwordHash)); err != nil {
		return fmt.Errorf("auth: create user %d: password hash is not a bcrypt hash", employeeID)
	}
	what := fmt.Sprintf("sign-in of employee %d", employeeID)
	if _, err := q.ExecContext(ctx, `
		INSERT INTO users (employee_id, password_hash, password_changed_at, created_at)
		VALUES ($1, $2, $3, $3)`,
		employeeID, passwordHash, s.now()); err != nil {
		return fmt.Errorf("auth: create user: %w", postgres.Translate(err, what))
	}
	if _, err := q.ExecContext(ctx, `
		INSERT INTO user_roles (employee_id, role)
		SELECT $1, unnest($2::text[])`,
		employeeID, pq.Array(rs)); err != nil {
		return fmt.Errorf("auth: create user: roles: %w", postgres.Translate(err, what))
	}
	return nil
}

// SetRoles replaces an employee's access roles with roles and bumps their
// token version, so access tokens issued under the old roles stop working
// and the client refreshes. NOT_FOUND when the employee has no sign-in.
func (s *Service) SetRoles(ctx context.Context, q postgres.Queryer, employeeID int64, roles []Role) error {
	rs, err := checkRoles(roles)
	if err != nil {
		return err
	}
	// One statement: the sub-statements of a WITH see the same snapshot,
	// and the delete and the insert touch different rows (the insert skips
	// the roles the user keeps), so they cannot step on each other. Going
	// through u means nothing is inserted for a missing user.
	var n int
	err = q.GetContext(ctx, &n, `
		WITH u AS (
		    UPDATE users SET token_version = token_version + 1
		    WHERE employee_id = $1
		    RETURNING employee_id
		), removed AS (
		    DELETE FROM user_roles r USING u
		    WHERE r.employee_id = u.employee_id AND r.role <> ALL ($2::text[])
		), added AS (
		    INSERT INTO user_roles (employee_id, role)
		    SELECT u.employee_id, role FROM u, unnest($2::text[]) AS role
		    ON CONFLICT DO NOTHING
		)
		SELECT count(*) FROM u`,
		employeeID, pq.Array(rs))
	if err != nil {
		return fmt.Errorf("auth: set roles of %d: %w", employeeID, err)
	}
	if n == 0 {
		return errNoUser(employeeID)
	}
	return nil
}

// RevokeAll ends every session of an employee: it bumps the token version
// (outstanding access tokens stop working) and revokes every refresh token.
// It takes q so the offboarding transaction in people/ can run it inside
// its own transaction; given the *sqlx.DB it opens one. An employee without
// a sign-in has nothing to revoke: that is not an error.
func (s *Service) RevokeAll(ctx context.Context, q postgres.Queryer, employeeID int64) error {
	run := func(q postgres.Queryer) error {
		if _, err := q.ExecContext(ctx, `UPDATE users SET token_version = token_version + 1 WHERE employee_id = $1`,
			employeeID); err != nil {
			return err
		}
		return revokeSessions(ctx, q, employeeID, s.now())
	}
	var err error
	if db, ok := q.(*sqlx.DB); ok {
		err = postgres.InTx(ctx, db, func(tx *sqlx.Tx) error { return run(tx) })
	} else {
		err = run(q)
	}
	if err != nil {
		return fmt.Errorf("auth: revoke sessions of %d: %w", employeeID, err)
	}
	return nil
}

// revokeSessions revokes every refresh token of an employee. Callers first
// update the users row in the same transaction, then call it: the row lock
// makes an issuing refresh or sign-in finish first (see lockAccount), and
// this separate statement, with its own snapshot, sees the token it issued.
func revokeSessions(ctx context.Context, q postgres.Queryer, employeeID int64, now time.Time) error {
	_, err := q.ExecContext(ctx, `
		UPDATE refresh_tokens SET revoked_at = $2
		WHERE employee_id = $1 AND revoked_at IS NULL`, employeeID, now)
	return err
}
