package performance_test

import (
	"testing"

	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/postgres"
)

// TestReadAccess: a rating is seen by the rated employee, their reporting
// line, HR and admins — nobody else, not even the employee's own reports.
func TestReadAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	agentRating := f.rate(t, f.manager, f.cur, f.agent, 3)
	managerRating := f.rate(t, f.director, f.cur, f.manager, 4)

	cast := []struct {
		name string
		v    *auth.Viewer
	}{
		{"anonymous", nil}, {"agent", f.agent}, {"peer", f.peer}, {"manager", f.manager}, {"director", f.director},
		{"HR", f.hr}, {"HR in the line", f.hrReport}, {"admin", f.admin},
	}
	// Who sees whose ratings: one letter per member of the cast, in order.
	table := []struct {
		whose  *auth.Viewer
		rating *performance.Rating
		sees   string
	}{
		{f.agent, agentRating, "-Y-YYYYY"},
		{f.manager, managerRating, "---YYYYY"},
	}
	for _, row := range table {
		for i, who := range cast {
			want := row.sees[i] == 'Y'
			of, err := f.store.RatingsOf(ctx, who.v, []int64{row.whose.EmployeeID})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(of[0]) == 1 && of[0][0].ID == row.rating.ID; got != want || (!want && len(of[0]) != 0) {
				t.Errorf("%s sees ratings of employee %d: %v, want %v", who.name, row.whose.EmployeeID, of[0], want)
			}
			byID, err := f.store.RatingsByIDs(ctx, who.v, []int64{row.rating.ID})
			if err != nil {
				t.Fatal(err)
			}
			if got := byID[0] != nil; got != want {
				t.Errorf("%s sees rating %d by id: %v, want %v", who.name, row.rating.ID, got, want)
			}
		}
	}
}

// TestRatingsOfOrder: newest period first, by the period's dates rather
// than the order ratings were given; key order, one statement.
func TestRatingsOfOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	older, prev := f.openHalf(t, -2), f.openHalf(t, -1) // the two half-years before the current one
	cur := f.rate(t, f.manager, f.cur, f.agent, 3)
	old := f.rate(t, f.manager, older, f.agent, 2)
	mid := f.rate(t, f.manager, prev, f.agent, 4)
	peer := f.rate(t, f.manager, older, f.peer, 5)

	cctx, counter := postgres.NewContextWithCounter(ctx)
	got, err := f.store.RatingsOf(cctx, f.hr, []int64{f.peer.EmployeeID, f.director.EmployeeID, f.agent.EmployeeID})
	if err != nil {
		t.Fatal(err)
	}
	if n := counter.Count(); n != 1 {
		t.Errorf("%d statements, want 1", n)
	}
	ids := func(rs []*performance.Rating) []int64 {
		out := []int64{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	if g := ids(got[0]); len(g) != 1 || g[0] != peer.ID {
		t.Errorf("peer %v", g)
	}
	if got[1] == nil || len(got[1]) != 0 {
		t.Errorf("director %v", got[1])
	}
	if g := ids(got[2]); len(g) != 3 || g[0] != cur.ID || g[1] != mid.ID || g[2] != old.ID {
		t.Errorf("agent %v, want %v", g, []int64{cur.ID, mid.ID, old.ID})
	}
}

// TestLatestRatings: the newest period's rating counts, unless it is under
// a dispute HR has not resolved — then the one before it does.
func TestLatestRatings(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	older, prev := f.openHalf(t, -2), f.openHalf(t, -1) // the two half-years before the current one

	// Given out of order, so ids do not follow the periods.
	current := f.rate(t, f.manager, f.cur, f.agent, 2)
	f.rate(t, f.manager, older, f.agent, 3)
	f.rate(t, f.manager, prev, f.agent, 4)
	if _, err := f.store.Dispute(ctx, f.agent, current.ID, "unfair"); err != nil {
		t.Fatal(err)
	}
	f.rate(t, f.manager, f.cur, f.peer, 4.5)
	f.rate(t, f.manager, prev, f.peer, 1.5)
	f.rate(t, f.director, older, f.manager, 3.5)
	onlyDisputed := f.rate(t, f.director, f.cur, f.hrReport, 1)
	if _, err := f.store.Dispute(ctx, f.hrReport, onlyDisputed.ID, "unfair"); err != nil {
		t.Fatal(err)
	}

	latest := func() []*float64 {
		t.Helper()
		cctx, counter := postgres.NewContextWithCounter(ctx)
		got, err := f.store.LatestRatings(cctx, []int64{f.agent.EmployeeID, f.peer.EmployeeID, f.manager.EmployeeID, f.director.EmployeeID, f.hrReport.EmployeeID})
		if err != nil {
			t.Fatal(err)
		}
		if n := counter.Count(); n != 1 {
			t.Errorf("%d statements, want 1", n)
		}
		return got
	}
	want := func(got []*float64, want ...float64) { // -1: none
		t.Helper()
		for i, w := range want {
			switch {
			case w < 0 && got[i] != nil:
				t.Errorf("employee %d: %v, want none", i, *got[i])
			case w >= 0 && (got[i] == nil || *got[i] != w):
				t.Errorf("employee %d: %v, want %v", i, got[i], w)
			}
		}
	}
	// agent: the current half disputed, so the previous half's 4; peer: the
	// current half (submitted); manager: the only one; director: none;
	// hrReport: only a disputed one.
	want(latest(), 4, 4.5, 3.5, -1, -1)

	if _, err := f.store.ResolveDispute(ctx, f.hr, current.ID, "partly right", ptr(2.5)); err != nil {
		t.Fatal(err)
	}
	want(latest(), 2.5, 4.5, 3.5, -1, -1)
}
