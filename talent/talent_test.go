package talent_test

import (
	"slices"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/talent"
)

func TestOpenCycle(t *testing.T) {
	f := newFixture(t)
	_, _, code := lastHalf()
	if f.cycle.Code != "TR-"+code || f.cycle.Status != talent.StatusOpen {
		t.Errorf("cycle = %+v", f.cycle)
	}
	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := f.store.OpenCycle(ctx, f.manager, talent.CycleInput{Code: "X1", NameEN: "x", NameZH: "x", ReviewPeriodID: f.cycle.ReviewPeriodID})
		wantErr(t, err, rungs.ErrForbidden, "talent.cycle.forbidden")
	})
	t.Run("ErrOnePerPeriod", func(t *testing.T) {
		_, err := f.store.OpenCycle(ctx, f.hr, talent.CycleInput{Code: "X2", NameEN: "x", NameZH: "x", ReviewPeriodID: f.cycle.ReviewPeriodID})
		wantErr(t, err, rungs.ErrConflict, "talent.cycle.exists")
	})
	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.store.OpenCycle(ctx, f.hr, talent.CycleInput{Code: "x"})
		wantErr(t, err, rungs.ErrBadUserInput, "talent.cycle.code.invalid")
		if n := len(err.(*rungs.Error).Details); n != 4 {
			t.Errorf("%d problems reported, want 4", n)
		}
	})
	t.Run("ErrUnknownPeriod", func(t *testing.T) {
		_, err := f.store.OpenCycle(ctx, f.hr, talent.CycleInput{Code: "X3", NameEN: "x", NameZH: "x", ReviewPeriodID: 999999})
		wantErr(t, err, rungs.ErrBadUserInput, "talent.cycle.period.unknown")
	})
}

func TestCompute(t *testing.T) {
	f := newFixture(t)
	if _, err := f.store.Compute(ctx, f.manager, f.cycle.ID); err == nil {
		t.Fatal("a manager computed a talent review")
	}
	c, err := f.store.Compute(ctx, f.hr, f.cycle.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != talent.StatusCalibrating || !c.ComputedAt.Valid {
		t.Errorf("cycle after compute = %+v", c)
	}
	// Potential got every ACTIVE employee, not the one on leave.
	if len(f.potentialCalls) != 1 || len(f.potentialCalls[0]) != 8 || slices.Contains(f.potentialCalls[0], f.onLeave.EmployeeID) {
		t.Fatalf("potential calls = %v", f.potentialCalls)
	}
	var n int
	if err := f.db.Get(&n, `SELECT count(*) FROM nine_box_placements WHERE cycle_id = $1`, f.cycle.ID); err != nil || n != 8 {
		t.Fatalf("placements = %d (%v), want 8", n, err)
	}

	tests := []struct {
		name      string
		who       *auth.Viewer
		perf, pot int
		check     func(t *testing.T, w talent.Why)
	}{
		// 3.5 MEDIUM, CSAT 95 ≥ 85 and AHT 300 ≤ 400: up to HIGH; readiness 72 HIGH.
		{"agent1", f.agent1, talent.High, talent.High, func(t *testing.T, w talent.Why) {
			if w.RatingBand != talent.Medium || w.KPIAdjustment != 1 || w.KPIsAtOrBetter != 2 || len(w.KPIs) != 2 {
				t.Errorf("why = %+v", w)
			}
		}},
		// 4.5 HIGH, CSAT 80 (the record before the period left out) and AHT
		// 500 both worse than the median: down to MEDIUM; 38 + 5 for
		// aspiring = 43 MEDIUM.
		{"agent2", f.agent2, talent.Medium, talent.Medium, func(t *testing.T, w talent.Why) {
			if w.KPIAdjustment != -1 || !w.Aspires || w.PotentialScore != 43 {
				t.Errorf("why = %+v", w)
			}
			for _, k := range w.KPIs {
				if k.Code == "CSAT" && (k.Value != 80 || k.Median != 85) {
					t.Errorf("CSAT = %+v, want value 80 (weighted, in period) median 85", k)
				}
			}
		}},
		// 2.0 LOW, both KPIs at the median: up to MEDIUM; readiness 10 LOW.
		{"agent3", f.agent3, talent.Medium, talent.Low, nil},
		// The disputed rating does not count: no rating, MEDIUM.
		{"disputed", f.otherManager, talent.Medium, talent.Medium, func(t *testing.T, w talent.Why) {
			if !w.NoRating || w.Rating != nil {
				t.Errorf("why = %+v", w)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := f.placement(t, tt.who)
			if p.Performance != tt.perf || p.Potential != tt.pot ||
				p.ComputedPerformance != tt.perf || p.ComputedPotential != tt.pot {
				t.Errorf("placement = %+v, want perf %d pot %d", p, tt.perf, tt.pot)
			}
			if p.Why.Performance != p.ComputedPerformance || p.Why.Potential != p.ComputedPotential || p.PlacedBy != f.hr.EmployeeID {
				t.Errorf("why disagrees with placement: %+v", p)
			}
			if tt.check != nil {
				tt.check(t, p.Why)
			}
		})
	}
}

func TestManagerInput(t *testing.T) {
	t.Run("ErrBeforeCompute", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.store.SetManagerInput(ctx, f.otherManager, f.cycle.ID, f.agent3.EmployeeID, talent.High)
		wantErr(t, err, rungs.ErrConflict, "talent.cycle.not_computed")
	})
	f := computed(t)
	for name, by := range map[string]*auth.Viewer{"other manager": f.manager, "HR": f.hr, "self": f.agent3} {
		t.Run("ErrForbidden "+name, func(t *testing.T) {
			_, err := f.store.SetManagerInput(ctx, by, f.cycle.ID, f.agent3.EmployeeID, talent.High)
			wantErr(t, err, rungs.ErrForbidden, "talent.manager_input.forbidden")
		})
	}
	t.Run("ErrBand", func(t *testing.T) {
		_, err := f.store.SetManagerInput(ctx, f.otherManager, f.cycle.ID, f.agent3.EmployeeID, 4)
		wantErr(t, err, rungs.ErrBadUserInput, "talent.band.invalid")
	})
	// agent3's potential is LOW; the manager says HIGH: one band, MEDIUM.
	p, err := f.store.SetManagerInput(ctx, f.otherManager, f.cycle.ID, f.agent3.EmployeeID, talent.High)
	if err != nil {
		t.Fatal(err)
	}
	if p.Potential != talent.Medium || p.ComputedPotential != talent.Medium || p.ManagerPotentialInput.Int64 != 3 ||
		p.Why.ManagerInput == nil || *p.Why.ManagerInput != 3 || p.Why.PotentialByData != talent.Low {
		t.Errorf("after input = %+v", p)
	}
	// A recomputation keeps the input.
	if _, err := f.store.Compute(ctx, f.hr, f.cycle.ID); err != nil {
		t.Fatal(err)
	}
	if p := f.placement(t, f.agent3); p.Potential != talent.Medium || p.ManagerPotentialInput.Int64 != 3 {
		t.Errorf("after recompute = %+v", p)
	}
	// The director, higher up the line, may give it too.
	if _, err := f.store.SetManagerInput(ctx, f.director, f.cycle.ID, f.agent3.EmployeeID, talent.Low); err != nil {
		t.Errorf("director: %v", err)
	}
}

func TestMove(t *testing.T) {
	f := computed(t)
	move := func(by *auth.Viewer, who *auth.Viewer, perf, pot int, reason string) (*talent.Placement, error) {
		return f.store.Move(ctx, by, f.cycle.ID, who.EmployeeID, perf, pot, reason)
	}
	t.Run("ErrReasonRequired", func(t *testing.T) {
		_, err := move(f.manager, f.agent1, talent.Medium, talent.High, "   ")
		wantErr(t, err, rungs.ErrBadUserInput, "talent.move.reason.required")
	})
	t.Run("ErrInvalidBoxes", func(t *testing.T) {
		_, err := move(f.manager, f.agent1, 0, 4, "calibration")
		wantErr(t, err, rungs.ErrBadUserInput, "talent.band.invalid")
		if n := len(err.(*rungs.Error).Details); n != 2 {
			t.Errorf("%d problems, want 2", n)
		}
	})
	t.Run("ErrOutsideLine", func(t *testing.T) {
		_, err := move(f.otherManager, f.agent1, talent.Medium, talent.High, "calibration")
		wantErr(t, err, rungs.ErrForbidden, "talent.move.forbidden")
		_, err = move(f.admin, f.agent1, talent.Medium, talent.High, "calibration")
		wantErr(t, err, rungs.ErrForbidden, "talent.move.forbidden")
		_, err = move(f.agent2, f.agent1, talent.Medium, talent.High, "calibration")
		wantErr(t, err, rungs.ErrForbidden, "talent.move.forbidden")
	})
	t.Run("ErrSelf", func(t *testing.T) {
		_, err := move(f.hr, f.hr, talent.High, talent.High, "I deserve it")
		wantErr(t, err, rungs.ErrForbidden, "talent.move.self")
	})
	t.Run("ErrUnchanged", func(t *testing.T) {
		_, err := move(f.manager, f.agent1, talent.High, talent.High, "same")
		wantErr(t, err, rungs.ErrBadUserInput, "talent.move.unchanged")
	})
	t.Run("ErrNotPlaced", func(t *testing.T) {
		_, err := move(f.manager, f.onLeave, talent.High, talent.High, "back soon")
		wantErr(t, err, rungs.ErrNotFound, "talent.placement.not_found")
	})

	p, err := move(f.manager, f.agent1, talent.Medium, talent.High, " KPIs came from a quiet quarter ")
	if err != nil {
		t.Fatal(err)
	}
	if p.Performance != talent.Medium || p.ComputedPerformance != talent.High || p.PlacedBy != f.manager.EmployeeID ||
		p.Reason != "KPIs came from a quiet quarter" {
		t.Errorf("after move = %+v", p)
	}
	p3, err := move(f.hr, f.agent3, talent.Low, talent.Low, "HR calibration")
	if err != nil {
		t.Fatal(err)
	}
	hist, err := f.store.Moves(ctx, f.hr, []int64{p.ID, p3.ID, 999999})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 3 || len(hist[0]) != 1 || len(hist[1]) != 1 || len(hist[2]) != 0 {
		t.Fatalf("history = %v", hist)
	}
	if m := hist[0][0]; m.FromPerformance != talent.High || m.FromPotential != talent.High || m.ToPerformance != talent.Medium ||
		m.ToPotential != talent.High || m.MovedBy != f.manager.EmployeeID || m.Reason != "KPIs came from a quiet quarter" || !m.At.Equal(now) {
		t.Errorf("move = %+v", m)
	}

	// A recomputation refreshes the computed box but keeps the moved one.
	if _, err := f.store.Compute(ctx, f.hr, f.cycle.ID); err != nil {
		t.Fatal(err)
	}
	if p := f.placement(t, f.agent1); p.Performance != talent.Medium || p.ComputedPerformance != talent.High || p.PlacedBy != f.manager.EmployeeID {
		t.Errorf("after recompute = %+v", p)
	}

	t.Run("HistoryAppendOnly", func(t *testing.T) {
		for _, q := range []string{
			`UPDATE nine_box_moves SET reason = 'rewritten' WHERE placement_id = $1`,
			`DELETE FROM nine_box_moves WHERE placement_id = $1`,
		} {
			if _, err := f.db.Exec(q, p.ID); err == nil {
				t.Errorf("%s: not refused", q)
			}
		}
		var reason string
		if err := f.db.Get(&reason, `SELECT reason FROM nine_box_moves WHERE placement_id = $1`, p.ID); err != nil || reason != "KPIs came from a quiet quarter" {
			t.Errorf("reason = %q (%v)", reason, err)
		}
	})

	t.Run("ErrClosed", func(t *testing.T) {
		if _, err := f.store.Close(ctx, f.manager, f.cycle.ID); err == nil {
			t.Error("a manager closed the review")
		}
		c, err := f.store.Close(ctx, f.hr, f.cycle.ID)
		if err != nil || c.Status != talent.StatusClosed {
			t.Fatalf("close = %+v, %v", c, err)
		}
		_, err = move(f.manager, f.agent1, talent.Low, talent.High, "too late")
		wantErr(t, err, rungs.ErrConflict, "talent.cycle.closed")
		_, err = f.store.Compute(ctx, f.hr, f.cycle.ID)
		wantErr(t, err, rungs.ErrConflict, "talent.cycle.closed")
		_, err = f.store.Close(ctx, f.hr, f.cycle.ID)
		wantErr(t, err, rungs.ErrConflict, "talent.cycle.closed")
	})
}

func TestGridAccess(t *testing.T) {
	f := computed(t)
	everyone := []*auth.Viewer{f.director, f.manager, f.agent1, f.agent2, f.otherManager, f.agent3, f.hr, f.admin}
	except := func(v *auth.Viewer) []*auth.Viewer {
		var out []*auth.Viewer
		for _, e := range everyone {
			if e != v {
				out = append(out, e)
			}
		}
		return out
	}
	tests := []struct {
		name   string
		viewer *auth.Viewer
		filter talent.GridFilter
		want   []*auth.Viewer
	}{
		{"employee sees nothing, not even themself", f.agent1, talent.GridFilter{}, nil},
		{"manager sees their line, not themself", f.manager, talent.GridFilter{}, []*auth.Viewer{f.agent1, f.agent2}},
		{"other manager sees their line only", f.otherManager, talent.GridFilter{}, []*auth.Viewer{f.agent3}},
		{"director sees the subtree, not themself", f.director, talent.GridFilter{},
			[]*auth.Viewer{f.manager, f.agent1, f.agent2, f.otherManager, f.agent3, f.hr}},
		{"HR sees everyone but themself", f.hr, talent.GridFilter{}, except(f.hr)},
		{"admin sees everyone but themself", f.admin, talent.GridFilter{}, except(f.admin)},
		{"team filter", f.hr, talent.GridFilter{TeamID: f.teamA}, []*auth.Viewer{f.manager, f.agent1, f.agent2}},
		{"team filter within the line", f.otherManager, talent.GridFilter{TeamID: f.teamA}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before int
			mustGet(t, f, &before, `SELECT count(*) FROM view_log WHERE viewer_id = $1 AND object_kind = 'NINE_BOX'`, tt.viewer.EmployeeID)
			ps, err := f.store.Grid(ctx, tt.viewer, f.cycle.ID, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []int64
			for _, p := range ps {
				got = append(got, p.EmployeeID)
			}
			for _, v := range tt.want {
				want = append(want, v.EmployeeID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("grid = %v, want %v", got, want)
			}
			var after int
			var objectID int64
			mustGet(t, f, &after, `SELECT count(*) FROM view_log WHERE viewer_id = $1 AND object_kind = 'NINE_BOX'`, tt.viewer.EmployeeID)
			mustGet(t, f, &objectID, `SELECT object_id FROM view_log WHERE viewer_id = $1 ORDER BY id DESC LIMIT 1`, tt.viewer.EmployeeID)
			if after != before+1 || objectID != f.cycle.ID {
				t.Errorf("view log rows %d -> %d (object %d), want one more for cycle %d", before, after, objectID, f.cycle.ID)
			}
		})
	}
	t.Run("ErrUnknownCycle", func(t *testing.T) {
		_, err := f.store.Grid(ctx, f.hr, 999999, talent.GridFilter{})
		wantErr(t, err, rungs.ErrNotFound, "talent.cycle.not_found")
	})
	t.Run("ErrAnonymous", func(t *testing.T) {
		_, err := f.store.Grid(ctx, nil, f.cycle.ID, talent.GridFilter{})
		if rungs.ErrorCode(err) != rungs.ErrUnauthenticated {
			t.Errorf("err = %v", err)
		}
	})
}

func TestMovesAccess(t *testing.T) {
	f := computed(t)
	p := f.placement(t, f.agent1)
	if _, err := f.store.Move(ctx, f.manager, f.cycle.ID, f.agent1.EmployeeID, talent.Low, talent.Low, "calibration"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		viewer *auth.Viewer
		sees   bool
	}{
		{"the person placed", f.agent1, false},
		{"their manager", f.manager, true},
		{"the director", f.director, true},
		{"another manager", f.otherManager, false},
		{"HR", f.hr, true},
		{"admin", f.admin, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hist, err := f.store.Moves(ctx, tt.viewer, []int64{p.ID})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(hist[0]) == 1; got != tt.sees {
				t.Errorf("sees history = %v, want %v", got, tt.sees)
			}
			var logged int
			mustGet(t, f, &logged, `SELECT count(*) FROM view_log WHERE viewer_id = $1 AND object_kind = 'NINE_BOX_MOVES'
				AND object_id = $2 AND subject_id = $3`, tt.viewer.EmployeeID, p.ID, f.agent1.EmployeeID)
			if (logged == 1) != tt.sees {
				t.Errorf("logged views = %d, want %v", logged, tt.sees)
			}
		})
	}
}

func mustGet(t *testing.T, f *fixture, dest any, q string, args ...any) {
	t.Helper()
	if err := f.db.Get(dest, q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
