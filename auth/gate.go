package auth

import (
	"context"
	"sync"
	"time"

	"github.com/rungs/rungs"
)

// gate bounds the bcrypt work of sign-ins in one process. A comparison
// costs a CPU for a quarter of a second at the default cost, so without a
// bound a handful of clients could keep every core busy and starve the rest
// of the API, and one client could queue enough work to hold up everyone
// else's sign-in.
//
// Two bounds, both in memory and both about work in progress only (nothing
// outlives a request, so the Service stays stateless between requests; the
// counters that must hold across processes are in login_failures):
//   - per client address, at most perClient sign-ins in progress at once;
//     the next is refused at once, before the database is asked. Refusing
//     rather than queueing keeps one address from lining up work; four is
//     room for an office behind one NAT address signing in together, since
//     each sign-in is done in a fraction of a second;
//   - per process, at most `checks` comparisons at once (default: one per
//     CPU, as more would only share the same cores more slowly). A sign-in
//     waits up to `wait` for its turn — bursts of honest sign-ins, at the
//     start of a shift say, queue briefly rather than fail — and is refused
//     after that.
type gate struct {
	checks    chan struct{}
	wait      time.Duration
	perClient int

	mu       sync.Mutex
	inFlight map[string]int // sign-ins in progress per client address
}

func newGate(checks, perClient int, wait time.Duration) *gate {
	return &gate{
		checks:    make(chan struct{}, checks),
		wait:      wait,
		perClient: perClient,
		inFlight:  make(map[string]int),
	}
}

// enter admits one sign-in of client (an ipKey; all callers without an
// address share ""). It returns false when the client already has
// perClient sign-ins in progress; otherwise the caller must call leave.
func (g *gate) enter(client string) (leave func(), ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inFlight[client] >= g.perClient {
		return nil, false
	}
	g.inFlight[client]++
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		// Delete at zero, so the map holds only addresses in progress.
		if g.inFlight[client]--; g.inFlight[client] <= 0 {
			delete(g.inFlight, client)
		}
	}, true
}

// acquire waits up to g.wait (and no longer than ctx) for a comparison
// slot. It returns false when none came free; otherwise the caller must
// call release.
func (g *gate) acquire(ctx context.Context) (release func(), ok bool) {
	select {
	case g.checks <- struct{}{}:
		return func() { <-g.checks }, true
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.checks <- struct{}{}:
		return func() { <-g.checks }, true
	case <-t.C:
		return nil, false
	case <-ctx.Done():
		return nil, false
	}
}

// errBusy refuses a sign-in the process has no room for right now. It says
// nothing about the account, and it counts as no attempt.
func errBusy() error {
	return rungs.Errorf(rungs.ErrRateLimited, "auth.busy", "too many sign-ins at once; try again in a moment")
}
