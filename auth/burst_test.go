package auth_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
)

// held holds every bcrypt comparison of a Service until released and counts
// them, so a test can line up parallel sign-ins deterministically: first
// every attempt either waits in bcrypt or has been refused, then they all
// compare.
type held struct {
	entered atomic.Int64
	release chan struct{}
	once    sync.Once
}

func holdCompares(t *testing.T, s *auth.Service) *held {
	h := &held{release: make(chan struct{})}
	auth.SetCompareHook(s, func() {
		h.entered.Add(1)
		<-h.release
	})
	// A failing test must not leave sign-ins blocked behind it.
	t.Cleanup(h.open)
	return h
}

func (h *held) open() { h.once.Do(func() { close(h.release) }) }

// attempt is the outcome of one sign-in.
type attempt struct {
	name string
	tok  *auth.Tokens
	err  error
}

// settle waits until total attempts have each either answered (on results;
// the answers are appended to got) or entered bcrypt.
func (h *held) settle(t *testing.T, results <-chan attempt, got *[]attempt, total int) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for int(h.entered.Load())+len(*got) < total {
		select {
		case a := <-results:
			*got = append(*got, a)
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			t.Fatalf("after 30s, %d of %d attempts in bcrypt and %d answered", h.entered.Load(), total, len(*got))
		}
	}
}

// drain releases the held comparisons and collects the answers until there
// are total.
func (h *held) drain(t *testing.T, results <-chan attempt, got *[]attempt, total int) {
	t.Helper()
	h.open()
	for len(*got) < total {
		select {
		case a := <-results:
			*got = append(*got, a)
		case <-time.After(30 * time.Second):
			t.Fatalf("after 30s, %d of %d attempts answered", len(*got), total)
		}
	}
}

// roomy lifts the per-process limits on concurrent comparisons, so a test
// sees the lockout counters alone.
func roomy(c *auth.Config) { c.ConcurrentChecks, c.ConcurrentPerClient = 100, 100 }

// Parallel guesses must not outrun the lockout: each attempt is counted
// before its password is compared, so however many arrive at once, at most
// MaxFailures passwords are tested and every attempt after the limit is
// refused, right password or not.
func TestLoginParallelGuessesCheckAtMostTheLimit(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), roomy)
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)
	h := holdCompares(t, s)

	const n, limit = 15, 5 // limit: the default MaxFailures
	results := make(chan attempt, n)
	for i := range n {
		// From n addresses, so only the e-mail counter can stop them.
		go func() {
			tok, err := s.Login(ctx, "ann@example.com", "wrong password!", fmt.Sprintf("192.0.2.%d", i+1), "")
			results <- attempt{"wrong", tok, err}
		}()
	}
	var got []attempt
	h.settle(t, results, &got, n)
	h.drain(t, results, &got, n)

	if c := h.entered.Load(); c > limit {
		t.Errorf("%d parallel guesses ran %d bcrypt comparisons, want at most %d", n, c, limit)
	}
	refused := 0
	for _, a := range got {
		switch {
		case rungs.ErrorCode(a.err) == rungs.ErrRateLimited:
			assertError(t, a.err, rungs.ErrRateLimited, "auth.locked")
			refused++
		default:
			assertError(t, a.err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
		}
	}
	// The attempt that reaches the limit is refused too.
	if want := n - (limit - 1); refused < want {
		t.Errorf("%d of %d guesses RATE_LIMITED, want at least %d", refused, n, want)
	}
	_, err := s.Login(ctx, "ann@example.com", goodPassword, "198.51.100.1", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
}

// A burst of guesses with the right password last: the right one arrives
// when the burst has used up the allowance, so it is refused unchecked.
// Before, every attempt of the burst passed the lockout check (nothing was
// counted yet) and the last one got a token.
func TestLoginParallelBurstRightPasswordLast(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), roomy)
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)
	h := holdCompares(t, s)

	const n = 20
	results := make(chan attempt, n)
	for i := range n - 1 {
		go func() {
			tok, err := s.Login(ctx, "ann@example.com", "wrong password!", fmt.Sprintf("192.0.2.%d", i+1), "")
			results <- attempt{"wrong", tok, err}
		}()
	}
	var got []attempt
	h.settle(t, results, &got, n-1)
	go func() {
		tok, err := s.Login(ctx, "ann@example.com", goodPassword, "192.0.2.200", "")
		results <- attempt{"right", tok, err}
	}()
	h.settle(t, results, &got, n)
	h.drain(t, results, &got, n)

	for _, a := range got {
		if a.tok != nil {
			t.Fatalf("the %s password of the burst got a token", a.name)
		}
		if a.name == "right" {
			assertError(t, a.err, rungs.ErrRateLimited, "auth.locked")
		}
	}
}

// One client address gets at most ConcurrentPerClient sign-ins in progress
// in a process; more are refused at once, before any counter or bcrypt, and
// do not count as failures. Other addresses are not held up.
func TestLoginBusyPerClient(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) { c.ConcurrentPerClient, c.ConcurrentChecks = 2, 100 })
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)
	h := holdCompares(t, s)

	results := make(chan attempt, 4)
	login := func(name, ip string) {
		go func() {
			tok, err := s.Login(ctx, "ann@example.com", "wrong password!", ip, "")
			results <- attempt{name, tok, err}
		}()
	}
	var got []attempt
	login("first", "192.0.2.1")
	login("second", "192.0.2.1")
	h.settle(t, results, &got, 2)
	login("third", "192.0.2.1")
	h.settle(t, results, &got, 3)
	if len(got) != 1 || got[0].name != "third" {
		t.Fatalf("a third sign-in from one address at once was not refused: %d in bcrypt, answers %v", h.entered.Load(), got)
	}
	assertError(t, got[0].err, rungs.ErrRateLimited, "auth.busy")
	login("other", "192.0.2.2")
	h.settle(t, results, &got, 4)
	if h.entered.Load() != 3 {
		t.Fatalf("another address was held up: %d in bcrypt, answers %v", h.entered.Load(), got)
	}
	h.drain(t, results, &got, 4)

	var failures int
	if err := db.Get(&failures, `SELECT failures FROM login_failures WHERE key = 'email:ann@example.com'`); err != nil {
		t.Fatal(err)
	}
	if failures != 3 {
		t.Errorf("e-mail counter = %d, want 3: the refused attempt tested nothing and counts nothing", failures)
	}
}

// A process compares at most ConcurrentChecks passwords at once; a sign-in
// that waits longer than CheckQueueWait for its turn is refused, and its
// attempt is given back: it tested nothing.
func TestLoginBusyOverall(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) { c.ConcurrentChecks, c.CheckQueueWait = 1, 50*time.Millisecond })
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)
	MustCreateUser(t, db, "bob@example.com", goodPassword)
	h := holdCompares(t, s)

	results := make(chan attempt, 2)
	go func() {
		tok, err := s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
		results <- attempt{"ann", tok, err}
	}()
	var got []attempt
	h.settle(t, results, &got, 1)
	go func() {
		tok, err := s.Login(ctx, "bob@example.com", goodPassword, "192.0.2.2", "")
		results <- attempt{"bob", tok, err}
	}()
	h.settle(t, results, &got, 2)
	if len(got) != 1 || got[0].name != "bob" {
		t.Fatalf("a second comparison ran at once: %d in bcrypt, answers %v", h.entered.Load(), got)
	}
	assertError(t, got[0].err, rungs.ErrRateLimited, "auth.busy")
	h.drain(t, results, &got, 2)

	var n int
	if err := db.Get(&n, `SELECT coalesce(sum(failures), 0) FROM login_failures WHERE key IN ('email:bob@example.com', 'ip:192.0.2.2')`); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("the refused attempt still counts %d against bob and his address", n)
	}
	MustLogin(t, s, "bob@example.com", goodPassword)
}

// An attempt refused by one counter tested nothing, so the others give its
// count back: an address locked for guessing cannot go on filling the
// counters of other people's e-mail addresses.
func TestLoginRefusedAttemptChargesOnlyTheFullCounter(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock(), func(c *auth.Config) { c.MaxFailuresPerIP = 2 })
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	for i := range 2 {
		_, err := s.Login(ctx, fmt.Sprintf("guess%d@example.com", i), "wrong password!", "198.51.100.7", "")
		if rungs.ErrorCode(err) == "" {
			t.Fatal("a wrong password signed in")
		}
	}
	for range 3 {
		_, err := s.Login(ctx, "ann@example.com", "wrong password!", "198.51.100.7", "")
		assertError(t, err, rungs.ErrRateLimited, "auth.locked")
	}
	var n int
	if err := db.Get(&n, `SELECT coalesce(sum(failures), 0) FROM login_failures WHERE key = 'email:ann@example.com'`); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("refused attempts left %d on ann's counter", n)
	}
	MustLogin(t, s, "ann@example.com", goodPassword)
}

// A lockout runs its whole LockoutDuration even when the failure window it
// started in closes first.
func TestLoginLockoutOutlastsWindow(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk, func(c *auth.Config) { c.MaxFailures = 3 })
	ctx := context.Background()
	MustCreateUser(t, db, "ann@example.com", goodPassword)

	_, err := s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	clk.Advance(14 * time.Minute)
	_, err = s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
	assertError(t, err, rungs.ErrUnauthenticated, "auth.invalid_credentials")
	_, err = s.Login(ctx, "ann@example.com", "wrong password!", "192.0.2.1", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
	clk.Advance(2 * time.Minute) // the window is over, the lockout is not
	_, err = s.Login(ctx, "ann@example.com", goodPassword, "192.0.2.1", "")
	assertError(t, err, rungs.ErrRateLimited, "auth.locked")
	clk.Advance(14 * time.Minute) // and now it is
	MustLogin(t, s, "ann@example.com", goodPassword)
}
