package auth_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"golang.org/x/crypto/bcrypt"
)

func TestCheckPasswordPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		password string
		key      string // "" when accepted
	}{
		{"", "auth.password_weak"},
		{"123456789", "auth.password_weak"},
		{"1234567890", ""},
		{"aaaaaaaaaaaaaaaa", "auth.password_weak"},
		{"aaaaaaaaaaaaaaab", ""},
		{"密密密密密密密密密密", "auth.password_weak"}, // 10 characters, all one
		{"口令是十个汉字好长啊", ""},                   // 10 characters, 30 bytes
		{"九个汉字的口令不够", "auth.password_weak"},
		{strings.Repeat("ab", 36), ""}, // 72 bytes
		{strings.Repeat("ab", 36) + "c", "auth.password_too_long"},
		{strings.Repeat("汉字", 12) + "x", "auth.password_too_long"}, // 25 characters, 73 bytes
	} {
		err := auth.CheckPasswordPolicy(tc.password)
		if tc.key == "" {
			if err != nil {
				t.Errorf("%q refused: %v", tc.password, err)
			}
			continue
		}
		var e *rungs.Error
		if !errors.As(err, &e) || e.Code != rungs.ErrBadUserInput || e.Key != tc.key || e.Field != "password" {
			t.Errorf("%q: got %#v, want BAD_USER_INPUT %s on password", tc.password, err, tc.key)
		}
	}
}

func TestHashPassword(t *testing.T) {
	t.Parallel()
	h, err := auth.HashPassword(goodPassword, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if bcrypt.CompareHashAndPassword([]byte(h), []byte(goodPassword)) != nil {
		t.Fatal("hash does not match its password")
	}
	if cost, _ := bcrypt.Cost([]byte(h)); cost != bcrypt.MinCost {
		t.Errorf("cost = %d", cost)
	}
	_, err = auth.HashPassword("short", bcrypt.MinCost)
	assertError(t, err, rungs.ErrBadUserInput, "auth.password_weak")
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	id := MustCreateUser(t, db, "ann@example.com", goodPassword)
	session := MustLogin(t, s, "ann@example.com", goodPassword)

	t.Run("ErrWrongCurrent", func(t *testing.T) {
		err := s.ChangePassword(ctx, id, "not my password", otherPassword)
		e := assertError(t, err, rungs.ErrBadUserInput, "auth.password_wrong")
		if e.Field != "currentPassword" {
			t.Errorf("field = %q", e.Field)
		}
	})
	t.Run("ErrWeakNew", func(t *testing.T) {
		err := s.ChangePassword(ctx, id, goodPassword, "short")
		e := assertError(t, err, rungs.ErrBadUserInput, "auth.password_weak")
		if e.Field != "newPassword" {
			t.Errorf("field = %q", e.Field)
		}
	})
	t.Run("ErrBothReported", func(t *testing.T) {
		err := s.ChangePassword(ctx, id, "not my password", "short")
		e := assertError(t, err, rungs.ErrBadUserInput, "auth.password_wrong")
		if len(e.Details) != 2 || e.Details[1].Field != "newPassword" {
			t.Errorf("details = %+v", e.Details)
		}
	})
	t.Run("ErrNoUser", func(t *testing.T) {
		err := s.ChangePassword(ctx, 999999, goodPassword, otherPassword)
		assertError(t, err, rungs.ErrNotFound, "auth.user_not_found")
	})
	// Nothing above may have changed anything.
	if _, err := s.Authenticate(ctx, session.AccessToken); err != nil {
		t.Fatalf("a refused change ended the session: %v", err)
	}

	t.Run("OK", func(t *testing.T) {
		if err := s.ChangePassword(ctx, id, goodPassword, otherPassword); err != nil {
			t.Fatal(err)
		}
		_, err := s.Login(ctx, "ann@example.com", goodPassword, "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
		MustLogin(t, s, "ann@example.com", otherPassword)
		// Every earlier session has ended.
		_, err = s.Authenticate(ctx, session.AccessToken)
		assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
		_, err = s.Refresh(ctx, session.RefreshToken, "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
	})
}

func TestResetPassword(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) { c.MaxFailures = 2 })
	ctx := context.Background()
	id := MustCreateUser(t, db, "ann@example.com", goodPassword)
	session := MustLogin(t, s, "ann@example.com", goodPassword)

	t.Run("ErrWeak", func(t *testing.T) {
		err := s.ResetPassword(ctx, id, "short")
		e := assertError(t, err, rungs.ErrBadUserInput, "auth.password_weak")
		if e.Field != "newPassword" {
			t.Errorf("field = %q", e.Field)
		}
	})
	t.Run("ErrNoUser", func(t *testing.T) {
		err := s.ResetPassword(ctx, 999999, otherPassword)
		assertError(t, err, rungs.ErrNotFound, "auth.user_not_found")
	})
	t.Run("OK", func(t *testing.T) {
		// Locked out after forgetting the password…
		for range 2 {
			_, _ = s.Login(ctx, "ann@example.com", "forgotten it", "192.0.2.1", "")
		}
		_, err := s.Login(ctx, "ann@example.com", goodPassword, "192.0.2.1", "")
		assertError(t, err, rungs.ErrRateLimited, "auth.locked")
		// …the reset lets them straight back in, with the new password only.
		if err := s.ResetPassword(ctx, id, otherPassword); err != nil {
			t.Fatal(err)
		}
		_, err = s.Authenticate(ctx, session.AccessToken)
		assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
		_, err = s.Refresh(ctx, session.RefreshToken, "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
		MustLogin(t, s, "ann@example.com", otherPassword)
		_, err = s.Login(ctx, "ann@example.com", goodPassword, "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	})
}
