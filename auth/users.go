package auth

import (
	"context"
	"fmt"
	"slices"
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
// and the client refreshes. NOT_FOUND when the employee has no sign-in;
// CONFLICT "auth.last_admin" when it would take ADMIN from the last active
// admin (see keepAnAdmin). It runs in q's transaction, or in one of its own
// when q is the *sqlx.DB.
func (s *Service) SetRoles(ctx context.Context, q postgres.Queryer, employeeID int64, roles []Role) error {
	rs, err := checkRoles(roles)
	if err != nil {
		return err
	}
	if err := inTx(ctx, q, func(q postgres.Queryer) error { return setRoles(ctx, q, employeeID, rs) }); err != nil {
		return fmt.Errorf("auth: set roles of %d: %w", employeeID, err)
	}
	return nil
}

// GrantRole adds role to an employee's access roles (nothing changes when
// they hold it already), as SetRoles would.
func (s *Service) GrantRole(ctx context.Context, q postgres.Queryer, employeeID int64, role Role) error {
	return s.editRoles(ctx, q, employeeID, role, func(held []string) []string {
		return append(held, string(role))
	})
}

// RevokeRole takes role from an employee's access roles (nothing changes
// when they do not hold it), as SetRoles would: taking ADMIN from the last
// active admin is refused, and so is taking EMPLOYEE, the role every
// sign-in holds (hiring gives it, setAccessRoles keeps it).
func (s *Service) RevokeRole(ctx context.Context, q postgres.Queryer, employeeID int64, role Role) error {
	if role == RoleEmployee {
		return rungs.FieldError("roles", "auth.role_employee_kept", "every sign-in holds EMPLOYEE; it cannot be taken away")
	}
	return s.editRoles(ctx, q, employeeID, role, func(held []string) []string {
		return slices.DeleteFunc(held, func(r string) bool { return r == string(role) })
	})
}

// editRoles sets an employee's roles to edit(the roles they hold), reading
// and writing under the lock of their users row, so two edits of one
// employee's roles apply one after the other and neither is lost.
func (s *Service) editRoles(ctx context.Context, q postgres.Queryer, employeeID int64, role Role, edit func([]string) []string) error {
	if _, err := checkRoles([]Role{role}); err != nil {
		return err
	}
	err := inTx(ctx, q, func(q postgres.Queryer) error {
		var found []int64
		if err := q.SelectContext(ctx, &found, `SELECT employee_id FROM users WHERE employee_id = $1 FOR UPDATE`, employeeID); err != nil {
			return err
		}
		if len(found) == 0 {
			return errNoUser(employeeID)
		}
		var held []string
		if err := q.SelectContext(ctx, &held, `SELECT role FROM user_roles WHERE employee_id = $1`, employeeID); err != nil {
			return err
		}
		next := make([]Role, 0, len(held)+1)
		for _, r := range edit(held) {
			next = append(next, Role(r))
		}
		rs, err := checkRoles(next)
		if err != nil {
			return err
		}
		if sameRoles(held, rs) {
			return nil // nothing changes: no token version bump, no sign-out
		}
		return setRoles(ctx, q, employeeID, rs)
	})
	if err != nil {
		return fmt.Errorf("auth: change %s role of %d: %w", role, employeeID, err)
	}
	return nil
}

// setRoles is SetRoles inside a transaction, with roles checked.
func setRoles(ctx context.Context, q postgres.Queryer, employeeID int64, roles []string) error {
	// One statement: the sub-statements of a WITH see the same snapshot,
	// and the delete and the insert touch different rows (the insert skips
	// the roles the user keeps), so they cannot step on each other. Going
	// through u means nothing is inserted for a missing user. tookAdmin:
	// the user could administer before and cannot now.
	var r struct {
		Users     int  `db:"users"`
		TookAdmin bool `db:"took_admin"`
	}
	err := q.GetContext(ctx, &r, `
		WITH u AS (
		    UPDATE users SET token_version = token_version + 1
		    WHERE employee_id = $1
		    RETURNING employee_id, disabled
		), removed AS (
		    DELETE FROM user_roles r USING u
		    WHERE r.employee_id = u.employee_id AND r.role <> ALL ($2::text[])
		    RETURNING r.role
		), added AS (
		    INSERT INTO user_roles (employee_id, role)
		    SELECT u.employee_id, role FROM u, unnest($2::text[]) AS role
		    ON CONFLICT DO NOTHING
		)
		SELECT count(*) AS users,
		       coalesce(bool_or(NOT u.disabled AND e.status <> 'OFFBOARDED'
		                        AND EXISTS (SELECT 1 FROM removed WHERE role = 'ADMIN')), false) AS took_admin
		FROM u JOIN employees e ON e.id = u.employee_id`,
		employeeID, pq.Array(roles))
	if err != nil {
		return err
	}
	if r.Users == 0 {
		return errNoUser(employeeID)
	}
	if r.TookAdmin {
		return keepAnAdmin(ctx, q)
	}
	return nil
}

// keepAnAdmin refuses (CONFLICT "auth.last_admin") a change that leaves no
// active admin — one holding ADMIN whose sign-in is enabled and who is not
// offboarded. Nobody could then manage roles or reset passwords from the
// app; only the command line (rungs user grant-role) could bring one back.
// Callers make the change first and call it in the same transaction, so a
// refusal rolls the change back with everything else the transaction did.
//
// Two such changes at once — two admins taking each other's role — would
// each see the other still an admin and both commit. So every check takes
// one transaction-scoped advisory lock first, held until its transaction
// ends, and counts in a statement of its own after it: under READ COMMITTED
// (our transactions' level) that statement sees every change committed by
// whoever held the lock before, so the second of two changes sees the first
// and is refused.
func keepAnAdmin(ctx context.Context, q postgres.Queryer) error {
	if _, err := q.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('auth.admins', 0))`); err != nil {
		return err
	}
	var n int
	if err := q.GetContext(ctx, &n, `
		SELECT count(*) FROM user_roles r
		JOIN users u ON u.employee_id = r.employee_id
		JOIN employees e ON e.id = r.employee_id
		WHERE r.role = 'ADMIN' AND NOT u.disabled AND e.status <> 'OFFBOARDED'`); err != nil {
		return err
	}
	if n == 0 {
		return rungs.Errorf(rungs.ErrConflict, "auth.last_admin",
			"this would leave nobody able to administer Rungs: make someone else an admin first")
	}
	return nil
}

// RevokeAll ends every session of an employee: it bumps the token version
// (outstanding access tokens stop working) and revokes every refresh token.
// It takes q so the offboarding transaction in people/ can run it inside
// its own transaction; given the *sqlx.DB it opens one. An employee without
// a sign-in has nothing to revoke: that is not an error.
//
// Offboarding disables the sign-in before it calls RevokeAll, so this is
// where an offboarding that would leave no active admin is refused
// (CONFLICT "auth.last_admin", see keepAnAdmin), rolling the offboarding
// back. Signing an admin who stays active out everywhere is no such loss.
func (s *Service) RevokeAll(ctx context.Context, q postgres.Queryer, employeeID int64) error {
	err := inTx(ctx, q, func(q postgres.Queryer) error {
		var inactiveAdmin bool
		if err := q.GetContext(ctx, &inactiveAdmin, `
			WITH u AS (
			    UPDATE users SET token_version = token_version + 1 WHERE employee_id = $1
			    RETURNING employee_id, disabled
			)
			SELECT EXISTS (
			    SELECT 1 FROM u
			    JOIN employees e ON e.id = u.employee_id
			    JOIN user_roles r ON r.employee_id = u.employee_id AND r.role = 'ADMIN'
			    WHERE u.disabled OR e.status = 'OFFBOARDED')`,
			employeeID); err != nil {
			return err
		}
		if inactiveAdmin {
			if err := keepAnAdmin(ctx, q); err != nil {
				return err
			}
		}
		return revokeSessions(ctx, q, employeeID, s.now())
	})
	if err != nil {
		return fmt.Errorf("auth: revoke sessions of %d: %w", employeeID, err)
	}
	return nil
}

// inTx runs fn in q when q is a transaction already, else (q is the
// *sqlx.DB) in a transaction of its own.
func inTx(ctx context.Context, q postgres.Queryer, fn func(postgres.Queryer) error) error {
	if db, ok := q.(*sqlx.DB); ok {
		return postgres.InTx(ctx, db, func(tx *sqlx.Tx) error { return fn(tx) })
	}
	return fn(q)
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

// sameRoles reports whether two role lists hold the same roles.
func sameRoles(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
