package auth_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/dbtest"
)

func TestRefreshRotates(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk)
	ctx := context.Background()
	id := MustCreateUser(t, db, "ann@example.com", goodPassword)
	first := MustLogin(t, s, "ann@example.com", goodPassword)

	clk.Advance(time.Minute)
	second, err := s.Refresh(ctx, first.RefreshToken, "Safari")
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken || second.EmployeeID != id {
		t.Fatalf("refresh returned %+v", second)
	}
	if !second.RefreshExpiresAt.After(first.RefreshExpiresAt) {
		t.Errorf("refresh expiry not renewed: %v, then %v", first.RefreshExpiresAt, second.RefreshExpiresAt)
	}
	if v, err := s.Authenticate(ctx, second.AccessToken); err != nil || v.EmployeeID != id {
		t.Fatalf("new access token: %v", err)
	}

	// The successor is in the same family with the old token as parent.
	var linked bool
	if err := db.Get(&linked, `
		SELECT n.family_id = o.family_id AND n.parent_id = o.id AND o.used_at IS NOT NULL AND n.user_agent = 'Safari'
		FROM refresh_tokens n JOIN refresh_tokens o ON o.id = n.parent_id`); err != nil {
		t.Fatal(err)
	}
	if !linked {
		t.Fatal("successor not linked to its parent")
	}

	third, err := s.Refresh(ctx, second.RefreshToken, "")
	if err != nil {
		t.Fatalf("the successor does not work: %v", err)
	}

	// Presenting a used token again is reuse: the whole family goes,
	// including the newest token nobody has used yet.
	_, err = s.Refresh(ctx, first.RefreshToken, "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_reused")
	_, err = s.Refresh(ctx, third.RefreshToken, "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
	var live int
	if err := db.Get(&live, `SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	if live != 0 {
		t.Fatalf("%d tokens of the family still live after reuse", live)
	}
}

func TestRefreshReuseLeavesOtherSessions(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)
	laptop := MustLogin(t, s, "ann@example.com", goodPassword)
	phone := MustLogin(t, s, "ann@example.com", goodPassword)

	if _, err := s.Refresh(ctx, laptop.RefreshToken, ""); err != nil {
		t.Fatal(err)
	}
	_, err := s.Refresh(ctx, laptop.RefreshToken, "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_reused")
	if _, err := s.Refresh(ctx, phone.RefreshToken, ""); err != nil {
		t.Fatalf("another session was revoked too: %v", err)
	}
}

func TestRefreshRefused(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk)
	ctx := context.Background()

	t.Run("ErrUnknown", func(t *testing.T) {
		for _, tok := range []string{"", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"} {
			_, err := s.Refresh(ctx, tok, "")
			assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
		}
	})
	t.Run("ErrExpired", func(t *testing.T) {
		MustCreateUser(t, db, "ann@example.com", goodPassword)
		tok := MustLogin(t, s, "ann@example.com", goodPassword)
		clk.Advance(721 * time.Hour)
		_, err := s.Refresh(ctx, tok.RefreshToken, "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
	})
	t.Run("ErrDisabled", func(t *testing.T) {
		id := MustCreateUser(t, db, "bob@example.com", goodPassword)
		tok := MustLogin(t, s, "bob@example.com", goodPassword)
		disable(t, db, id)
		_, err := s.Refresh(ctx, tok.RefreshToken, "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.account_disabled")
		// Re-enabling does not bring the session back.
		if _, err := db.Exec(`UPDATE users SET disabled = false WHERE employee_id = $1`, id); err != nil {
			t.Fatal(err)
		}
		_, err = s.Refresh(ctx, tok.RefreshToken, "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
	})
	t.Run("ErrOffboarded", func(t *testing.T) {
		id := MustCreateUser(t, db, "cy@example.com", goodPassword)
		tok := MustLogin(t, s, "cy@example.com", goodPassword)
		offboard(t, db, id)
		_, err := s.Refresh(ctx, tok.RefreshToken, "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.account_disabled")
	})
	t.Run("ErrAfterRevokeAll", func(t *testing.T) {
		id := MustCreateUser(t, db, "dee@example.com", goodPassword)
		tok := MustLogin(t, s, "dee@example.com", goodPassword)
		if err := s.RevokeAll(ctx, db, id); err != nil {
			t.Fatal(err)
		}
		_, err := s.Refresh(ctx, tok.RefreshToken, "")
		assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
	})
}

// Two requests refreshing one token at once: the row lock lets exactly one
// through; the other sees a used token.
func TestRefreshConcurrent(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	for range 10 {
		tok := MustLogin(t, s, "ann@example.com", goodPassword)
		var (
			wg    sync.WaitGroup
			start = make(chan struct{})
			errs  [2]error
		)
		for i := range errs {
			wg.Go(func() {
				<-start
				_, errs[i] = s.Refresh(ctx, tok.RefreshToken, "")
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch rungs.ErrorCode(err) {
			case "":
				ok++
			case rungs.ErrUnauthenticated:
			default:
				t.Fatalf("refresh: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d of 2 concurrent refreshes succeeded (errors %v)", ok, errs)
		}
	}
	var children int
	if err := db.Get(&children, `SELECT count(*) FROM refresh_tokens WHERE parent_id IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
	if children != 10 {
		t.Fatalf("%d successors for 10 refreshed tokens", children)
	}
}

func TestLogout(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)
	laptop := MustLogin(t, s, "ann@example.com", goodPassword)
	phone := MustLogin(t, s, "ann@example.com", goodPassword)
	next, err := s.Refresh(ctx, laptop.RefreshToken, "")
	if err != nil {
		t.Fatal(err)
	}

	// Logging out with an older token of the family ends the session.
	if err := s.Logout(ctx, laptop.RefreshToken); err != nil {
		t.Fatal(err)
	}
	_, err = s.Refresh(ctx, next.RefreshToken, "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.refresh_invalid")
	if _, err := s.Refresh(ctx, phone.RefreshToken, ""); err != nil {
		t.Fatalf("logout ended another session: %v", err)
	}

	for _, tok := range []string{laptop.RefreshToken, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", "garbage"} {
		if err := s.Logout(ctx, tok); err != nil {
			t.Errorf("Logout(%q) = %v, want nil", tok, err)
		}
	}
}
