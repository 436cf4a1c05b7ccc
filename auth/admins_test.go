package auth_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
)

// activeAdmins returns the employee ids of the admins who can sign in.
func activeAdmins(t *testing.T, db *sqlx.DB) []int64 {
	t.Helper()
	var ids []int64
	if err := db.Select(&ids, `
		SELECT u.employee_id FROM users u
		JOIN employees e ON e.id = u.employee_id
		JOIN user_roles r ON r.employee_id = u.employee_id AND r.role = 'ADMIN'
		WHERE NOT u.disabled AND e.status <> 'OFFBOARDED'
		ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	return ids
}

// Nobody could administer Rungs again once the last admin lost the role, so
// that change is refused, whoever asks; with a second admin it is fine.
func TestSetRolesLastAdmin(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	ann := MustCreateUser(t, db, "ann@example.com", goodPassword, auth.RoleEmployee, auth.RoleAdmin)
	// A disabled admin and an offboarded one administer nothing.
	disable(t, db, MustCreateUser(t, db, "dis@example.com", goodPassword, auth.RoleAdmin))
	offboard(t, db, MustCreateUser(t, db, "off@example.com", goodPassword, auth.RoleAdmin))

	t.Run("ErrLastAdmin", func(t *testing.T) {
		err := s.SetRoles(ctx, db, ann, []auth.Role{auth.RoleEmployee, auth.RoleHR})
		assertError(t, err, rungs.ErrConflict, "auth.last_admin")
		if got := rolesOf(t, db, ann); !slices.Equal(got, []string{"ADMIN", "EMPLOYEE"}) {
			t.Fatalf("roles after the refusal = %v", got)
		}
		err = s.RevokeRole(ctx, db, ann, auth.RoleAdmin)
		assertError(t, err, rungs.ErrConflict, "auth.last_admin")
		if got := activeAdmins(t, db); !slices.Equal(got, []int64{ann}) {
			t.Fatalf("active admins = %v", got)
		}
	})
	t.Run("OKOtherRolesOfTheLastAdmin", func(t *testing.T) {
		if err := s.SetRoles(ctx, db, ann, []auth.Role{auth.RoleEmployee, auth.RoleAdmin, auth.RoleHR}); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeRole(ctx, db, ann, auth.RoleHR); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("OKWithAnotherAdmin", func(t *testing.T) {
		bob := MustCreateUser(t, db, "bob@example.com", goodPassword)
		if err := s.GrantRole(ctx, db, bob, auth.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		if err := s.SetRoles(ctx, db, ann, []auth.Role{auth.RoleEmployee}); err != nil {
			t.Fatal(err)
		}
		if got := activeAdmins(t, db); !slices.Equal(got, []int64{bob}) {
			t.Fatalf("active admins = %v, want only bob", got)
		}
	})
}

// Two admins taking each other's role at the same time must not both
// succeed: each check would see the other still an admin. The second change
// waits for the first to commit and then sees it.
func TestSetRolesLastAdminRace(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	ann := MustCreateUser(t, db, "ann@example.com", goodPassword, auth.RoleAdmin)
	bob := MustCreateUser(t, db, "bob@example.com", goodPassword, auth.RoleAdmin)

	tx := db.MustBegin()
	defer tx.Rollback()
	if err := s.SetRoles(ctx, tx, ann, []auth.Role{auth.RoleEmployee}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.SetRoles(ctx, db, bob, []auth.Role{auth.RoleEmployee}) }()
	select {
	case err := <-done:
		// Answered while the first change is still open: it cannot have
		// seen it.
		if err == nil {
			t.Fatal("both admins lost the role: the second change did not wait for the first")
		}
		t.Fatalf("second change answered before the first committed: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	assertError(t, <-done, rungs.ErrConflict, "auth.last_admin")
	if got := activeAdmins(t, db); !slices.Equal(got, []int64{bob}) {
		t.Fatalf("active admins = %v, want bob", got)
	}
}

// Offboarding disables the sign-in and then calls RevokeAll in the same
// transaction (people.Store.Offboard): for the last admin that is refused
// and the whole offboarding rolls back.
func TestRevokeAllLastAdmin(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	ann := MustCreateUser(t, db, "ann@example.com", goodPassword, auth.RoleAdmin)

	offboardInTx := func(id int64) error {
		tx := db.MustBegin()
		defer tx.Rollback()
		tx.MustExec(`UPDATE employees SET status = 'OFFBOARDED', offboarded_on = current_date WHERE id = $1`, id)
		tx.MustExec(`UPDATE users SET disabled = true WHERE employee_id = $1`, id)
		if err := s.RevokeAll(ctx, tx, id); err != nil {
			return err
		}
		return tx.Commit()
	}
	assertError(t, offboardInTx(ann), rungs.ErrConflict, "auth.last_admin")
	if got := activeAdmins(t, db); !slices.Equal(got, []int64{ann}) {
		t.Fatalf("active admins = %v", got)
	}
	// Signing the last admin out everywhere is still fine.
	if err := s.RevokeAll(ctx, db, ann); err != nil {
		t.Fatal(err)
	}
	bob := MustCreateUser(t, db, "bob@example.com", goodPassword, auth.RoleAdmin)
	if err := offboardInTx(ann); err != nil {
		t.Fatalf("offboarding an admin while another remains: %v", err)
	}
	if got := activeAdmins(t, db); !slices.Equal(got, []int64{bob}) {
		t.Fatalf("active admins = %v, want bob", got)
	}
}

func TestGrantAndRevokeRole(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	ann := MustCreateUser(t, db, "ann@example.com", goodPassword)
	session := MustLogin(t, s, "ann@example.com", goodPassword)

	if err := s.GrantRole(ctx, db, ann, auth.RoleTrainer); err != nil {
		t.Fatal(err)
	}
	if err := s.GrantRole(ctx, db, ann, auth.RoleTrainer); err != nil {
		t.Fatalf("granting a role held already: %v", err)
	}
	if got := rolesOf(t, db, ann); !slices.Equal(got, []string{"EMPLOYEE", "TRAINER"}) {
		t.Fatalf("roles = %v", got)
	}
	// Access tokens issued under the old roles stop working.
	_, err := s.Authenticate(ctx, session.AccessToken)
	assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")

	if err := s.RevokeRole(ctx, db, ann, auth.RoleTrainer); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeRole(ctx, db, ann, auth.RoleHR); err != nil {
		t.Fatalf("revoking a role not held: %v", err)
	}
	if got := rolesOf(t, db, ann); !slices.Equal(got, []string{"EMPLOYEE"}) {
		t.Fatalf("roles = %v", got)
	}
	assertError(t, s.GrantRole(ctx, db, ann, "ROOT"), rungs.ErrBadUserInput, "auth.role_invalid")
	assertError(t, s.RevokeRole(ctx, db, ann, "ROOT"), rungs.ErrBadUserInput, "auth.role_invalid")
	assertError(t, s.GrantRole(ctx, db, 999999, auth.RoleAdmin), rungs.ErrNotFound, "auth.user_not_found")
	assertError(t, s.RevokeRole(ctx, db, 999999, auth.RoleAdmin), rungs.ErrNotFound, "auth.user_not_found")
}

// EMPLOYEE is every sign-in's base role: the CLI's revoke-role may not take
// it. Granting a role already held changes nothing, so nobody is signed out.
func TestRoleEditsKeepEmployeeAndSkipNoChange(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	bo := MustCreateUser(t, db, "bo@example.com", goodPassword, auth.RoleEmployee, auth.RoleTrainer)
	version := func() int {
		var v int
		if err := db.Get(&v, `SELECT token_version FROM users WHERE employee_id = $1`, bo); err != nil {
			t.Fatal(err)
		}
		return v
	}
	assertError(t, s.RevokeRole(ctx, db, bo, auth.RoleEmployee), rungs.ErrBadUserInput, "auth.role_employee_kept")
	if got := rolesOf(t, db, bo); !slices.Equal(got, []string{"EMPLOYEE", "TRAINER"}) {
		t.Fatalf("roles after the refusal = %v", got)
	}
	before := version()
	if err := s.GrantRole(ctx, db, bo, auth.RoleTrainer); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != before {
		t.Errorf("granting a role already held bumped the token version %d → %d (signed them out)", before, v)
	}
	if err := s.GrantRole(ctx, db, bo, auth.RoleHR); err != nil {
		t.Fatal(err)
	}
	if v := version(); v == before {
		t.Errorf("granting a new role left the token version at %d", v)
	}
}
