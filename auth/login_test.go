package auth_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk)
	ctx := context.Background()
	id := MustCreateUser(t, db, "Ann.Lee@example.com", goodPassword, auth.RoleEmployee, auth.RoleHR)

	t.Run("OK", func(t *testing.T) {
		tok, err := s.Login(ctx, "ann.lee@example.com", goodPassword, "192.0.2.1", "Firefox")
		if err != nil {
			t.Fatal(err)
		}
		if tok.EmployeeID != id || tok.AccessToken == "" || tok.RefreshToken == "" {
			t.Fatalf("tokens = %+v", tok)
		}
		if want := clk.Now().Add(15 * time.Minute); tok.ExpiresAt.After(want) || tok.ExpiresAt.Before(want.Add(-time.Second)) {
			t.Errorf("ExpiresAt = %v, want about %v", tok.ExpiresAt, want)
		}
		if want := clk.Now().Add(720 * time.Hour); tok.RefreshExpiresAt.Sub(want).Abs() > time.Millisecond {
			t.Errorf("RefreshExpiresAt = %v, want %v", tok.RefreshExpiresAt, want)
		}
		v, err := s.Authenticate(ctx, tok.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		if v.EmployeeID != id || !slices.Equal(v.Roles, []auth.Role{auth.RoleEmployee, auth.RoleHR}) {
			t.Fatalf("viewer = %+v", v)
		}
		var ua string
		if err := db.Get(&ua, `SELECT user_agent FROM refresh_tokens WHERE employee_id = $1`, id); err != nil {
			t.Fatal(err)
		}
		if ua != "Firefox" {
			t.Errorf("user agent = %q", ua)
		}
	})
	t.Run("OKAnyCaseAndSpaces", func(t *testing.T) {
		if _, err := s.Login(ctx, "  ANN.LEE@EXAMPLE.COM ", goodPassword, "192.0.2.1", ""); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrSameForWrongPasswordAndUnknownEmail", func(t *testing.T) {
		_, err := s.Login(ctx, "ann.lee@example.com", "wrong password!", "192.0.2.1", "")
		wrong := assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
		_, err = s.Login(ctx, "nobody@example.com", goodPassword, "192.0.2.1", "")
		unknown := assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
		if wrong.Message != unknown.Message {
			t.Errorf("messages differ: %q vs %q", wrong.Message, unknown.Message)
		}
	})
	t.Run("ErrPasswordBeyond72Bytes", func(t *testing.T) {
		// bcrypt ignores bytes after the 72nd; such a password must not
		// match a hash whose first 72 bytes it shares.
		full := strings.Repeat("abcdefgh", 9) // 72 bytes
		MustCreateUser(t, db, "long@example.com", full)
		_, err := s.Login(ctx, "long@example.com", full+"extra", "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
		MustLogin(t, s, "long@example.com", full)
	})
}

func TestLoginDisabled(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()

	t.Run("ErrDisabledUser", func(t *testing.T) {
		id := MustCreateUser(t, db, "disabled@example.com", goodPassword)
		disable(t, db, id)
		_, err := s.Login(ctx, "disabled@example.com", goodPassword, "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.account_disabled")
		// Without the password nobody learns the account is disabled.
		_, err = s.Login(ctx, "disabled@example.com", "wrong password!", "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	})
	t.Run("ErrOffboarded", func(t *testing.T) {
		id := MustCreateUser(t, db, "left@example.com", goodPassword)
		offboard(t, db, id)
		_, err := s.Login(ctx, "left@example.com", goodPassword, "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.account_disabled")
	})
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM refresh_tokens`); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d refresh tokens issued to disabled accounts", n)
	}
}

func TestLoginLockout(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	limits := func(c *auth.Config) { c.MaxFailures = 3 }
	s1 := newService(t, db, clk, limits)
	// s2 is a second server process: its own Service over the same database.
	s2 := newService(t, db, clk, limits)
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	for i := 1; i <= 2; i++ {
		_, err := s1.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	}
	// The third failure reaches the limit, on the other server.
	_, err := s2.Login(ctx, "ANN@example.com", "wrong password!", "192.0.2.2", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")

	// Locked for the right password too, on both servers and from any IP.
	_, err = s1.Login(ctx, "ann@example.com", goodPassword, "192.0.2.3", "")
	e := assertError(t, err, rungs.ErrRateLimited, "auth.locked")
	if e.Message == "" {
		t.Error("lockout message is empty")
	}
	_, err = s2.Login(ctx, "ann@example.com", goodPassword, "192.0.2.4", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")

	clk.Advance(14 * time.Minute)
	_, err = s2.Login(ctx, "ann@example.com", goodPassword, "192.0.2.4", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")

	clk.Advance(2 * time.Minute) // past the 15 minutes
	MustLogin(t, s2, "ann@example.com", goodPassword)
	MustLogin(t, s1, "ann@example.com", goodPassword)
}

func TestLoginLockoutUnknownEmail(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) { c.MaxFailures = 2 })
	ctx := context.Background()

	// An address without an account locks like one with, so the lockout
	// does not tell which addresses exist.
	_, err := s.Login(ctx, "ghost@example.com", goodPassword, "192.0.2.1", "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	_, err = s.Login(ctx, "ghost@example.com", goodPassword, "192.0.2.1", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
}

// A successful sign-in does not wipe out the failures before it: an
// attacker who also knows one good password (their own, or one guessed
// right) must not get a fresh allowance of guesses with it. It gives back
// only its own attempt. (This test used to assert the opposite: that a
// success deleted the e-mail counter.)
func TestLoginSuccessKeepsFailureCount(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) { c.MaxFailures = 3 })
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	fail := func(want string) {
		t.Helper()
		_, err := s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
		code := rungs.ErrUnauthenticated
		if want == "auth.locked" {
			code = rungs.ErrRateLimited
		}
		assertError(t, err, code, want)
	}
	fail("auth.invalid_credentials")
	fail("auth.invalid_credentials")
	MustLogin(t, s, "ann@example.com", goodPassword)

	var n int
	if err := db.Get(&n, `SELECT failures FROM login_failures WHERE key = 'email:ann@example.com'`); err != nil {
		t.Fatalf("the e-mail counter is gone after a successful sign-in: %v", err)
	}
	if n != 2 {
		t.Fatalf("e-mail counter = %d after 2 failures and a success, want 2", n)
	}
	// The third failure in the window locks, success or not in between.
	fail("auth.locked")
	_, err := s.Login(ctx, "ann@example.com", goodPassword, "192.0.2.1", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
}

func TestLoginFailureWindow(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk, func(c *auth.Config) { c.MaxFailures = 3 })
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	for range 2 {
		_, err := s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	}
	clk.Advance(16 * time.Minute) // the window has passed: the count restarts
	for range 2 {
		_, err := s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	}
	_, err := s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
}

func TestLoginLockoutPerIP(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk, func(c *auth.Config) { c.MaxFailuresPerIP = 3 })
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	// One address trying many accounts: each e-mail counter stays low,
	// the IP counter locks.
	for i := range 2 {
		_, err := s.Login(ctx, fmt.Sprintf("guess%d@example.com", i), "wrong password!", "198.51.100.7", "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	}
	_, err := s.Login(ctx, "guess9@example.com", "wrong password!", "198.51.100.7", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
	_, err = s.Login(ctx, "ann@example.com", goodPassword, "198.51.100.7", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
	// Other addresses are not affected.
	if _, err := s.Login(ctx, "ann@example.com", goodPassword, "198.51.100.8", ""); err != nil {
		t.Fatal(err)
	}

	t.Run("IPv6CountedPer64", func(t *testing.T) {
		for i := range 2 {
			_, err := s.Login(ctx, "v6@example.com", "wrong password!", fmt.Sprintf("2001:db8:1:2::%d", i+1), "")
			assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
		}
		_, err := s.Login(ctx, "v6b@example.com", "wrong password!", "2001:db8:1:2:ffff::1", "")
		assertError(t, err, rungs.ErrRateLimited, "auth.locked")
		if _, err := s.Login(ctx, "ann@example.com", goodPassword, "2001:db8:1:3::1", ""); err != nil {
			t.Fatalf("another /64 is locked too: %v", err)
		}
	})
}

func TestLoginConcurrentFailuresAllCounted(t *testing.T) {
	t.Parallel()
	const n = 20
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) {
		c.MaxFailures, c.MaxFailuresPerIP = 1000, 1000
		// One client address with 20 sign-ins at once: let them all in.
		c.ConcurrentPerClient, c.ConcurrentChecks = n, n
	})
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			_, err := s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
			if rungs.ErrorCode(err) != rungs.ErrUnauthenticated {
				t.Errorf("login: %v", err)
			}
		})
	}
	wg.Wait()
	var counts []int
	if err := db.Select(&counts, `SELECT failures FROM login_failures ORDER BY key`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(counts, []int{n, n}) { // email:…, ip:…
		t.Fatalf("failures = %v, want %d on both keys", counts, n)
	}
}

// An unknown address must cost a bcrypt comparison like a wrong password,
// or response times tell which addresses have accounts. At cost 12 one
// comparison takes well over 40ms on any machine; a lookup alone, a few.
func TestLoginUnknownEmailTakesBcryptTime(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) { c.BcryptCost = 12 })
	start := time.Now()
	_, err := s.Login(context.Background(), "nobody@example.com", goodPassword, "192.0.2.1", "")
	elapsed := time.Since(start)
	assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	if elapsed < 40*time.Millisecond {
		t.Fatalf("unknown address answered in %v: no bcrypt comparison ran", elapsed)
	}
}
