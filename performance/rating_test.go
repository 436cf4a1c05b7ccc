package performance_test

import (
	"errors"
	"math"
	"testing"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/performance"
)

// TestRateAccess: rights come from the reporting line, not from roles.
func TestRateAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		name     string
		by, whom *auth.Viewer
		code     string // "" allowed
		key      string
	}{
		{"direct manager", f.manager, f.agent, "", ""},
		{"manager two up", f.director, f.agent, "", ""},
		{"director rates an HR report", f.director, f.hrReport, "", ""},
		{"peer", f.peer, f.agent, rungs.ErrForbidden, "performance.rate.forbidden"},
		{"self", f.agent, f.agent, rungs.ErrForbidden, "performance.rate.self"},
		{"HR", f.hr, f.agent, rungs.ErrForbidden, "performance.rate.forbidden"},
		{"HR in another line", f.hrReport, f.agent, rungs.ErrForbidden, "performance.rate.forbidden"},
		{"admin", f.admin, f.agent, rungs.ErrForbidden, "performance.rate.forbidden"},
		{"report rates their manager", f.agent, f.manager, rungs.ErrForbidden, "performance.rate.forbidden"},
		{"unknown employee", f.manager, &auth.Viewer{EmployeeID: 1 << 40}, rungs.ErrForbidden, "performance.rate.forbidden"},
		{"anonymous", nil, f.agent, rungs.ErrUnauthenticated, "auth.required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := f.store.Rate(ctx, tc.by, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: tc.whom.EmployeeID, Rating: 3, Comment: "  fine  "})
			if tc.code != "" {
				wantErr(t, err, tc.code, tc.key)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.EmployeeID != tc.whom.EmployeeID || r.RatedBy != tc.by.EmployeeID || r.Rating != 3 || r.Comment != "fine" ||
				r.Status != performance.StatusSubmitted || !r.RatedAt.Equal(now) || r.PeriodID != f.cur.ID {
				t.Errorf("rating %+v", r)
			}
		})
	}
	// The database refuses a self-rating too.
	_, err := f.db.Exec(`INSERT INTO performance_ratings (period_id, employee_id, rated_by, rating, rated_at) VALUES ($1, $2, $2, 3, now())`,
		f.cur.ID, f.peer.EmployeeID)
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23514" {
		t.Errorf("self-rating in SQL: %v", err)
	}
}

func TestRatingScale(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		rating float64
		ok     bool
	}{
		{1, true}, {1.5, true}, {3.5, true}, {4, true}, {5, true},
		{0, false}, {0.5, false}, {5.5, false}, {3.3, false}, {3.25, false}, {-1, false}, {6, false},
		{math.NaN(), false}, {math.Inf(1), false},
	} {
		r, err := f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.agent.EmployeeID, Rating: tc.rating})
		if !tc.ok {
			wantErr(t, err, rungs.ErrBadUserInput, "performance.rating.range")
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tc.rating, err)
		}
		if r.Rating != tc.rating {
			t.Errorf("stored %v, want %v", r.Rating, tc.rating)
		}
	}
	// The database holds the same scale.
	for _, bad := range []string{"3.3", "0.5", "5.5"} {
		_, err := f.db.Exec(`UPDATE performance_ratings SET rating = $1::numeric WHERE employee_id = $2`, bad, f.agent.EmployeeID)
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || pqErr.Code != "23514" {
			t.Errorf("rating %s in SQL: %v", bad, err)
		}
	}
	long := make([]byte, 4001)
	for i := range long {
		long[i] = 'x'
	}
	_, err := f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.agent.EmployeeID, Rating: 3, Comment: string(long)})
	wantErr(t, err, rungs.ErrBadUserInput, "performance.comment.too_long")
}

// TestRateWhen: only in an open period that has started, only for people
// still here, only until the employee has responded.
func TestRateWhen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	t.Run("ErrPeriodNotFound", func(t *testing.T) {
		_, err := f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: 1 << 40, EmployeeID: f.agent.EmployeeID, Rating: 3})
		wantErr(t, err, rungs.ErrNotFound, "performance.period.not_found")
	})
	t.Run("ErrNotStarted", func(t *testing.T) {
		future := f.openHalf(t, 1)
		_, err := f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: future.ID, EmployeeID: f.agent.EmployeeID, Rating: 3})
		wantErr(t, err, rungs.ErrConflict, "performance.period.not_started")
	})
	t.Run("ErrClosed", func(t *testing.T) {
		past := f.openHalf(t, -1)
		r := f.rate(t, f.manager, past, f.agent, 3)
		if _, err := f.store.ClosePeriod(ctx, f.hr, past.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: past.ID, EmployeeID: f.agent.EmployeeID, Rating: 4})
		wantErr(t, err, rungs.ErrConflict, "performance.period.closed")
		_, err = f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: past.ID, EmployeeID: f.peer.EmployeeID, Rating: 4})
		wantErr(t, err, rungs.ErrConflict, "performance.period.closed")
		// The employee may still respond after the close.
		if _, err := f.store.Acknowledge(ctx, f.agent, r.ID); err != nil {
			t.Errorf("acknowledge in a closed period: %v", err)
		}
	})
	t.Run("ErrOffboarded", func(t *testing.T) {
		f.exec(t, `UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, f.peer.EmployeeID, today.AddDate(0, 0, -14))
		_, err := f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.peer.EmployeeID, Rating: 3})
		wantErr(t, err, rungs.ErrConflict, "performance.employee.offboarded")
	})
}

func TestAcknowledge(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	first := f.rate(t, f.manager, f.cur, f.agent, 3)

	// Re-rating before the employee responds updates the same row.
	again, err := f.store.Rate(ctx, f.director, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.agent.EmployeeID, Rating: 3.5, Comment: "better"})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || again.Rating != 3.5 || again.RatedBy != f.director.EmployeeID || again.Comment != "better" {
		t.Errorf("re-rated %+v", again)
	}

	// Only the rated employee responds; others who see it are FORBIDDEN,
	// others who do not are told it does not exist.
	for _, tc := range []struct {
		name string
		by   *auth.Viewer
		code string
	}{
		{"anonymous", nil, rungs.ErrUnauthenticated},
		{"manager", f.manager, rungs.ErrForbidden},
		{"HR", f.hr, rungs.ErrForbidden},
		{"peer", f.peer, rungs.ErrNotFound},
	} {
		_, err := f.store.Acknowledge(ctx, tc.by, first.ID)
		wantErr(t, err, tc.code, "")
		_, err = f.store.Dispute(ctx, tc.by, first.ID, "no")
		wantErr(t, err, tc.code, "")
	}
	_, err = f.store.Acknowledge(ctx, f.agent, 1<<40)
	wantErr(t, err, rungs.ErrNotFound, "performance.rating.not_found")

	ack, err := f.store.Acknowledge(ctx, f.agent, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ack.Status != performance.StatusAcknowledged || !ack.AcknowledgedAt.Time.Equal(now) || ack.Rating != 3.5 || ack.DisputedAt.Valid {
		t.Errorf("acknowledged %+v", ack)
	}

	// Acknowledged is final.
	_, err = f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.agent.EmployeeID, Rating: 4})
	wantErr(t, err, rungs.ErrConflict, "performance.rating.locked")
	_, err = f.store.Acknowledge(ctx, f.agent, first.ID)
	wantErr(t, err, rungs.ErrConflict, "performance.rating.not_submitted")
	_, err = f.store.Dispute(ctx, f.agent, first.ID, "changed my mind")
	wantErr(t, err, rungs.ErrConflict, "performance.rating.not_submitted")
	_, err = f.store.ResolveDispute(ctx, f.hr, first.ID, "nothing to resolve", nil)
	wantErr(t, err, rungs.ErrConflict, "performance.rating.not_disputed")
}

func TestDispute(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.rate(t, f.manager, f.cur, f.agent, 2)

	for _, blank := range []string{"", "   \n"} {
		_, err := f.store.Dispute(ctx, f.agent, r.ID, blank)
		wantErr(t, err, rungs.ErrBadUserInput, "performance.dispute.comment_required")
	}
	_, err := f.store.ResolveDispute(ctx, f.hr, r.ID, "too early", nil)
	wantErr(t, err, rungs.ErrConflict, "performance.rating.not_disputed")

	d, err := f.store.Dispute(ctx, f.agent, r.ID, " I closed the most tickets ")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != performance.StatusDisputed || d.EmployeeComment != "I closed the most tickets" || !d.DisputedAt.Time.Equal(now) || d.AcknowledgedAt.Valid {
		t.Errorf("disputed %+v", d)
	}
	// A dispute goes to HR: the manager can no longer change the rating.
	_, err = f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.agent.EmployeeID, Rating: 3})
	wantErr(t, err, rungs.ErrConflict, "performance.rating.locked")

	disputes, err := f.store.Disputes(ctx, f.hr)
	if err != nil {
		t.Fatal(err)
	}
	if len(disputes) != 1 || disputes[0].ID != r.ID {
		t.Errorf("HR's queue %+v", disputes)
	}
	_, err = f.store.Disputes(ctx, f.manager)
	wantErr(t, err, rungs.ErrForbidden, "performance.resolve.forbidden")

	for _, tc := range []struct {
		name      string
		by        *auth.Viewer
		comment   string
		newRating *float64
		code, key string
	}{
		{"anonymous", nil, "ok", nil, rungs.ErrUnauthenticated, "auth.required"},
		{"manager", f.manager, "ok", nil, rungs.ErrForbidden, "performance.resolve.forbidden"},
		{"employee", f.agent, "ok", nil, rungs.ErrForbidden, "performance.resolve.forbidden"},
		{"no comment", f.hr, " ", nil, rungs.ErrBadUserInput, "performance.resolve.comment_required"},
		{"off the scale", f.hr, "ok", ptr(3.7), rungs.ErrBadUserInput, "performance.rating.range"},
	} {
		_, err := f.store.ResolveDispute(ctx, tc.by, r.ID, tc.comment, tc.newRating)
		wantErr(t, err, tc.code, tc.key)
	}

	res, err := f.store.ResolveDispute(ctx, f.hr, r.ID, "Ticket counts confirmed; raised", ptr(3.5))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != performance.StatusResolved || res.Rating != 3.5 || res.HRComment != "Ticket counts confirmed; raised" ||
		res.ResolvedBy.Int64 != f.hr.EmployeeID || !res.ResolvedAt.Time.Equal(now) || res.RatedBy != f.manager.EmployeeID ||
		res.EmployeeComment != "I closed the most tickets" {
		t.Errorf("resolved %+v", res)
	}
	_, err = f.store.ResolveDispute(ctx, f.admin, r.ID, "again", nil)
	wantErr(t, err, rungs.ErrConflict, "performance.rating.not_disputed")
	_, err = f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.agent.EmployeeID, Rating: 3})
	wantErr(t, err, rungs.ErrConflict, "performance.rating.locked")

	t.Run("UpheldWithoutNewRating", func(t *testing.T) {
		r := f.rate(t, f.manager, f.cur, f.peer, 2.5)
		if _, err := f.store.Dispute(ctx, f.peer, r.ID, "unfair"); err != nil {
			t.Fatal(err)
		}
		res, err := f.store.ResolveDispute(ctx, f.admin, r.ID, "upheld", nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rating != 2.5 || res.Status != performance.StatusResolved {
			t.Errorf("upheld %+v", res)
		}
	})

	t.Run("ErrOwnDispute", func(t *testing.T) {
		// hrReport holds HR but may not settle their own dispute.
		r := f.rate(t, f.director, f.cur, f.hrReport, 2)
		if _, err := f.store.Dispute(ctx, f.hrReport, r.ID, "unfair"); err != nil {
			t.Fatal(err)
		}
		_, err := f.store.ResolveDispute(ctx, f.hrReport, r.ID, "I agree with myself", ptr(5.0))
		wantErr(t, err, rungs.ErrForbidden, "performance.resolve.own")
		if _, err := f.store.ResolveDispute(ctx, f.hr, r.ID, "upheld", nil); err != nil {
			t.Fatal(err)
		}
	})
}

// TestEventTrail: every change is one event, written with the change.
func TestEventTrail(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.rate(t, f.manager, f.cur, f.agent, 3)
	if _, err := f.store.Rate(ctx, f.director, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.agent.EmployeeID, Rating: 2.5, Comment: "missed targets"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Dispute(ctx, f.agent, r.ID, "targets changed mid-period"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.ResolveDispute(ctx, f.hr, r.ID, "targets did change", ptr(3.5)); err != nil {
		t.Fatal(err)
	}
	acked := f.rate(t, f.manager, f.cur, f.peer, 4)
	if _, err := f.store.Acknowledge(ctx, f.peer, acked.ID); err != nil {
		t.Fatal(err)
	}
	// A refused change writes nothing.
	_, err := f.store.Rate(ctx, f.manager, performance.RateInput{PeriodID: f.cur.ID, EmployeeID: f.peer.EmployeeID, Rating: 5})
	wantErr(t, err, rungs.ErrConflict, "performance.rating.locked")

	events, err := f.store.EventsOf(ctx, []int64{acked.ID, 1 << 40, r.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 3 || len(events[1]) != 0 {
		t.Fatalf("events %+v", events)
	}
	type ev struct {
		kind, from, to string
		rating         float64
		prev           float64 // 0: none
		actor          int64
		note           string
	}
	check := func(name string, got []*performance.Event, want []ev) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d events, want %d", name, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			prev := 0.0
			if g.PreviousRating.Valid {
				prev = g.PreviousRating.Float64
			}
			if g.Kind != w.kind || g.FromStatus.String != w.from || g.ToStatus != w.to || g.Rating != w.rating || prev != w.prev ||
				g.ActorID != w.actor || g.Note != w.note || !g.At.Equal(now) || g.RatingID == 0 {
				t.Errorf("%s event %d: %+v, want %+v", name, i, g, w)
			}
		}
	}
	check("disputed", events[2], []ev{
		{performance.EventRated, "", "SUBMITTED", 3, 0, f.manager.EmployeeID, "comment"},
		{performance.EventRerated, "SUBMITTED", "SUBMITTED", 2.5, 3, f.director.EmployeeID, "missed targets"},
		{performance.EventDisputed, "SUBMITTED", "DISPUTED", 2.5, 2.5, f.agent.EmployeeID, "targets changed mid-period"},
		{performance.EventResolved, "DISPUTED", "RESOLVED", 3.5, 2.5, f.hr.EmployeeID, "targets did change"},
	})
	check("acknowledged", events[0], []ev{
		{performance.EventRated, "", "SUBMITTED", 4, 0, f.manager.EmployeeID, "comment"},
		{performance.EventAcknowledged, "SUBMITTED", "ACKNOWLEDGED", 4, 4, f.peer.EmployeeID, ""},
	})
}
