package auth_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"golang.org/x/crypto/bcrypt"
)

func TestNewServiceValidates(t *testing.T) {
	t.Parallel()
	if _, err := auth.NewService(nil, auth.Config{Secret: []byte("too short")}); err == nil {
		t.Error("a 9-byte secret was accepted")
	}
	if _, err := auth.NewService(nil, auth.Config{Secret: testSecret, BcryptCost: 99}); err == nil {
		t.Error("bcrypt cost 99 was accepted")
	}
	if _, err := auth.NewService(nil, auth.Config{Secret: testSecret, BcryptCost: bcrypt.MinCost}); err != nil {
		t.Errorf("a valid config was refused: %v", err)
	}
}

func TestParseRole(t *testing.T) {
	t.Parallel()
	for _, r := range auth.AllRoles {
		if got, ok := auth.ParseRole(string(r)); !ok || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, ok)
		}
	}
	if got, ok := auth.ParseRole(" hr "); !ok || got != auth.RoleHR {
		t.Errorf("ParseRole(\" hr \") = %q, %v", got, ok)
	}
	for _, s := range []string{"", "ROOT", "HRX"} {
		if _, ok := auth.ParseRole(s); ok {
			t.Errorf("ParseRole(%q) accepted", s)
		}
	}
}

func TestViewer(t *testing.T) {
	t.Parallel()
	var nobody *auth.Viewer
	if nobody.Has(auth.RoleEmployee) || nobody.SeesEveryone() {
		t.Error("a nil viewer holds roles")
	}
	trainer := &auth.Viewer{EmployeeID: 1, Roles: []auth.Role{auth.RoleEmployee, auth.RoleTrainer}}
	if !trainer.Has(auth.RoleAdmin, auth.RoleTrainer) || trainer.Has(auth.RoleAdmin) || trainer.Has() || trainer.SeesEveryone() {
		t.Error("Has is wrong for a trainer")
	}
	for _, r := range []auth.Role{auth.RoleHR, auth.RoleAdmin} {
		if !(&auth.Viewer{Roles: []auth.Role{r}}).SeesEveryone() {
			t.Errorf("%s does not see everyone", r)
		}
	}
	ctx := context.Background()
	if auth.ViewerFromContext(ctx) != nil {
		t.Error("viewer in an empty context")
	}
	if auth.ViewerFromContext(auth.NewContextWithViewer(ctx, trainer)) != trainer {
		t.Error("viewer lost in the context")
	}
}

func rolesOf(t *testing.T, db *sqlx.DB, id int64) []string {
	t.Helper()
	var rs []string
	if err := db.Select(&rs, `SELECT role FROM user_roles WHERE employee_id = $1 ORDER BY role`, id); err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	hash, err := s.HashPassword(goodPassword)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		id := MustCreateEmployee(t, db, "ann@example.com")
		err := s.CreateUser(ctx, db, id, hash, []auth.Role{auth.RoleEmployee, auth.RoleTrainer, auth.RoleEmployee})
		if err != nil {
			t.Fatal(err)
		}
		if got := rolesOf(t, db, id); !slices.Equal(got, []string{"EMPLOYEE", "TRAINER"}) {
			t.Fatalf("roles = %v", got)
		}
		MustLogin(t, s, "ann@example.com", goodPassword)

		err = s.CreateUser(ctx, db, id, hash, nil)
		assertError(t, err, rungs.ErrConflict, "conflict")
	})
	t.Run("ErrUnknownRole", func(t *testing.T) {
		id := MustCreateEmployee(t, db, "bob@example.com")
		err := s.CreateUser(ctx, db, id, hash, []auth.Role{"ROOT"})
		e := assertError(t, err, rungs.ErrBadUserInput, "auth.role_invalid")
		if e.Field != "roles" {
			t.Errorf("field = %q", e.Field)
		}
	})
	t.Run("ErrNotAHash", func(t *testing.T) {
		id := MustCreateEmployee(t, db, "cy@example.com")
		if err := s.CreateUser(ctx, db, id, goodPassword, nil); err == nil {
			t.Fatal("a plain-text password was stored")
		}
	})
	t.Run("ErrNoEmployee", func(t *testing.T) {
		err := s.CreateUser(ctx, db, 999999, hash, nil)
		assertError(t, err, rungs.ErrBadUserInput, "reference_invalid")
	})
	t.Run("RolledBackWithCallerTx", func(t *testing.T) {
		id := MustCreateEmployee(t, db, "dee@example.com")
		tx := db.MustBegin()
		if err := s.CreateUser(ctx, tx, id, hash, []auth.Role{auth.RoleEmployee}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM users WHERE employee_id = $1`, id); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatal("CreateUser did not run in the caller's transaction")
		}
	})
}

func TestSetRoles(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	id := MustCreateUser(t, db, "ann@example.com", goodPassword, auth.RoleEmployee, auth.RoleTrainer)
	session := MustLogin(t, s, "ann@example.com", goodPassword)

	err := s.SetRoles(ctx, db, id, []auth.Role{auth.RoleEmployee, auth.RoleHR, auth.RoleHR})
	if err != nil {
		t.Fatal(err)
	}
	if got := rolesOf(t, db, id); !slices.Equal(got, []string{"EMPLOYEE", "HR"}) {
		t.Fatalf("roles = %v", got)
	}
	// Old access tokens stop working; a refresh brings the new roles.
	_, err = s.Authenticate(ctx, session.AccessToken)
	assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
	next, err := s.Refresh(ctx, session.RefreshToken, "")
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Authenticate(ctx, next.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if !v.SeesEveryone() || v.Has(auth.RoleTrainer) {
		t.Fatalf("viewer roles = %v", v.Roles)
	}

	if err := s.SetRoles(ctx, db, id, nil); err != nil {
		t.Fatal(err)
	}
	if got := rolesOf(t, db, id); len(got) != 0 {
		t.Fatalf("roles = %v, want none", got)
	}
	err = s.SetRoles(ctx, db, id, []auth.Role{"employee"})
	assertError(t, err, rungs.ErrBadUserInput, "auth.role_invalid")
	err = s.SetRoles(ctx, db, 999999, []auth.Role{auth.RoleAdmin})
	assertError(t, err, rungs.ErrNotFound, "auth.user_not_found")
}

func TestRevokeAllInCallerTx(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	id := MustCreateUser(t, db, "ann@example.com", goodPassword)
	session := MustLogin(t, s, "ann@example.com", goodPassword)

	// Rolled back with the caller's transaction: nothing is revoked.
	tx := db.MustBegin()
	if err := s.RevokeAll(ctx, tx, id); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, session.AccessToken); err != nil {
		t.Fatalf("rolled-back RevokeAll still took effect: %v", err)
	}

	tx = db.MustBegin()
	if err := s.RevokeAll(ctx, tx, id); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	_, err := s.Authenticate(ctx, session.AccessToken)
	assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
	_, err = s.Refresh(ctx, session.RefreshToken, "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")

	// An employee without a sign-in has nothing to revoke.
	if err := s.RevokeAll(ctx, db, MustCreateEmployee(t, db, "bob@example.com")); err != nil {
		t.Fatal(err)
	}
}
