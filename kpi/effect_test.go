package kpi_test

import (
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/postgres"
)

// course creates a published course owned by owner and returns its id.
func (f *fixture) course(t *testing.T, code string, owner int64) int64 {
	t.Helper()
	var id int64
	f.get(t, &id, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
		VALUES ($1, $1, $1, 'E_LEARNING', 2, $2, 'PUBLISHED', now()) RETURNING id`, code, owner)
	return id
}

// completed enrols employee in course, completed at the given time.
func (f *fixture) completed(t *testing.T, course, employee int64, at time.Time) {
	t.Helper()
	f.exec(t, `
		INSERT INTO enrollments (employee_id, course_id, status, started_at, completed_at, last_completed_at)
		VALUES ($1, $2, 'COMPLETED', $3, $3, $3)`, employee, course, at)
}

func TestTrainingEffect(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	course := f.course(t, "CALL-CONTROL", f.trainer.id)
	other := f.course(t, "OTHER", f.trainer2.id)
	// The arithmetic below is over one or two completers, under the group
	// minimum; TestTrainingEffectMinimumGroup checks the minimum itself.
	f.store.MinEffectGroup = 1

	// agent completed on 10 April: before is January to March, after May
	// to July; April counts on neither side.
	f.completed(t, course, f.agent.id, day(0, 4, 10).Add(14*time.Hour))
	f.record(t, f.agent.id, "CSAT", day(-1, 12, 1), 10, 1000) // before the window
	f.record(t, f.agent.id, "CSAT", day(0, 1, 1), 80, 100)
	f.record(t, f.agent.id, "CSAT", day(0, 2, 1), 82, 100)
	f.record(t, f.agent.id, "CSAT", day(0, 3, 1), 84, 100)
	f.record(t, f.agent.id, "CSAT", day(0, 4, 1), 99, 1000) // the month of the training
	f.record(t, f.agent.id, "CSAT", day(0, 5, 1), 88, 200)
	f.record(t, f.agent.id, "CSAT", day(0, 6, 1), 90, 200)
	f.record(t, f.agent.id, "CSAT", day(0, 8, 1), 10, 1000) // after the window
	f.record(t, f.agent.id, "AHT", day(0, 1, 1), 400, 100)
	f.record(t, f.agent.id, "AHT", day(0, 3, 1), 380, 100)
	f.record(t, f.agent.id, "AHT", day(0, 5, 1), 350, 100)
	f.record(t, f.agent.id, "AHT", day(0, 7, 1), 330, 300)
	f.record(t, f.agent.id, "COMPLAINT_RATE", day(0, 2, 1), 2, 100)
	f.record(t, f.agent.id, "COMPLAINT_RATE", day(0, 6, 1), 3, 100)

	// agent2 completed on 1 March: before is December to February, after
	// March to May. The Q4 record starts before the window.
	f.completed(t, course, f.agent2.id, day(0, 3, 1).Add(8*time.Hour))
	f.recordSpan(t, f.agent2.id, "CSAT", day(-1, 10, 1), 3, 10, 1000)
	f.record(t, f.agent2.id, "CSAT", day(0, 2, 1), 70, 100)
	f.record(t, f.agent2.id, "CSAT", day(0, 3, 1), 80, 100)
	f.record(t, f.agent2.id, "AHT", day(0, 2, 1), 420, 50) // before only: not counted

	// outsider completed but has no data; manager has data but has not
	// completed; agent's results for the other course do not matter.
	f.completed(t, course, f.outsider.id, day(0, 2, 1).Add(8*time.Hour))
	f.exec(t, `INSERT INTO enrollments (employee_id, course_id, status, started_at) VALUES ($1, $2, 'IN_PROGRESS', now())`,
		f.manager.id, course)
	f.record(t, f.manager.id, "CSAT", day(0, 1, 1), 10, 1000)
	f.record(t, f.manager.id, "CSAT", day(0, 6, 1), 100, 1000)

	cctx, counter := postgres.NewContextWithCounter(ctx)
	got, err := f.store.TrainingEffect(cctx, f.trainer.v, course, []string{"CSAT", "aht", "COMPLAINT_RATE", "FCR"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if n := counter.Count(); n > 2 {
		t.Errorf("%d statements, want at most 2", n)
	}
	want := []kpi.Effect{
		// Before: (8000+8200+8400 + 7000) / 400 = 79; after:
		// (17600+18000 + 8000) / 500 = 87.2.
		{Completers: 2, Before: 79, After: 87.2, BeforeVolume: 400, AfterVolume: 500, Difference: 8.2, Improved: true},
		// Only agent: (40000+38000)/200 = 390 → (35000+99000)/400 = 335, a fall: better.
		{Completers: 1, Before: 390, After: 335, BeforeVolume: 200, AfterVolume: 400, Difference: -55, Improved: true},
		// 2 → 3 complaints per thousand: worse.
		{Completers: 1, Before: 2, After: 3, BeforeVolume: 100, AfterVolume: 100, Difference: 1, Improved: false},
		{Suppressed: true},
	}
	codes := []string{"CSAT", "AHT", "COMPLAINT_RATE", "FCR"}
	for i, w := range want {
		g := got[i]
		if g.KPI == nil || g.KPI.Code != codes[i] {
			t.Fatalf("[%d] KPI = %v, want %s", i, g.KPI, codes[i])
		}
		if g.Completers != w.Completers || !near(g.Before, w.Before) || !near(g.After, w.After) ||
			g.BeforeVolume != w.BeforeVolume || g.AfterVolume != w.AfterVolume ||
			!near(g.Difference, w.Difference) || g.Improved != w.Improved || g.Suppressed != w.Suppressed {
			t.Errorf("%s = %+v, want %+v", codes[i], *g, w)
		}
	}

	// A longer window reaches agent's December and August records and
	// agent2's fourth quarter.
	wide, err := f.store.TrainingEffect(ctx, f.hr.v, course, []string{"CSAT"}, 6)
	if err != nil {
		t.Fatal(err)
	}
	// Before: 79×400 + 10×1000 + 10×1000 = 51600 over 2400 = 21.5.
	// After: 87.2×500 + 10×1000 = 53600 over 1500.
	if w := wide[0]; w.Completers != 2 || !near(w.Before, 51600.0/2400) || !near(w.After, 53600.0/1500) {
		t.Errorf("window 6 = %+v", *w)
	}

	cases := []struct {
		name   string
		v      *auth.Viewer
		course int64
		codes  []string
		window int
		code   string
	}{
		{"Admin", f.admin.v, course, []string{"CSAT"}, 3, ""},
		{"HR", f.hr.v, other, []string{"CSAT"}, 3, ""},
		{"OwnerOfOther", f.trainer2.v, other, []string{"CSAT"}, 3, ""},
		{"ErrOtherTrainer", f.trainer2.v, course, []string{"CSAT"}, 3, rungs.ErrForbidden},
		{"ErrManager", f.manager.v, course, []string{"CSAT"}, 3, rungs.ErrForbidden},
		{"ErrLearner", f.agent.v, course, []string{"CSAT"}, 3, rungs.ErrForbidden},
		{"ErrAnonymous", nil, course, []string{"CSAT"}, 3, rungs.ErrUnauthenticated},
		{"ErrNoCourse", f.hr.v, 999999, []string{"CSAT"}, 3, rungs.ErrNotFound},
		{"ErrUnknownKPI", f.hr.v, course, []string{"CSAT", "NPS"}, 3, rungs.ErrNotFound},
		{"ErrWindow", f.hr.v, course, []string{"CSAT"}, 0, rungs.ErrBadUserInput},
		{"ErrWindowLong", f.hr.v, course, []string{"CSAT"}, kpi.MaxEffectWindow + 1, rungs.ErrBadUserInput},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.store.TrainingEffect(ctx, c.v, c.course, c.codes, c.window)
			if got := rungs.ErrorCode(err); got != c.code {
				t.Errorf("code = %q (%v), want %q", got, err, c.code)
			}
		})
	}
}

// TestTrainingEffectMinimumGroup: fewer than five completers with data on
// both sides and the effect is suppressed — no count, no figures — for the
// owner and HR alike; from five on it is the group's weighted mean.
func TestTrainingEffectMinimumGroup(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if f.store.MinEffectGroup != kpi.MinEffectGroup || kpi.MinEffectGroup != 5 {
		t.Fatalf("the minimum group is %d (store) and %d, want 5", f.store.MinEffectGroup, kpi.MinEffectGroup)
	}
	course := f.course(t, "GROUP", f.trainer.id)
	pos := dbtest.MustCreatePosition(t, f.db, "", 1)
	// Each completer finished on 10 April with CSAT 80+n before and 90+n
	// after; the fifth also has AHT, alone.
	completer := func(n int) {
		id := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{PositionID: pos})
		f.completed(t, course, id, day(0, 4, 10).Add(9*time.Hour))
		f.record(t, id, "CSAT", day(0, 2, 1), 80+float64(n), 100)
		f.record(t, id, "CSAT", day(0, 6, 1), 90+float64(n), 100)
		if n == 4 {
			f.record(t, id, "AHT", day(0, 2, 1), 400, 100)
			f.record(t, id, "AHT", day(0, 6, 1), 300, 100)
		}
	}
	for n := range 4 {
		completer(n)
	}
	for _, v := range []*auth.Viewer{f.trainer.v, f.hr.v} {
		got, err := f.store.TrainingEffect(ctx, v, course, []string{"CSAT"}, 3)
		if err != nil {
			t.Fatal(err)
		}
		if e := got[0]; !e.Suppressed || e.Completers != 0 || e.Before != 0 || e.After != 0 || e.Difference != 0 ||
			e.BeforeVolume != 0 || e.AfterVolume != 0 || e.Improved || e.KPI == nil || e.KPI.Code != "CSAT" {
			t.Errorf("four completers: %+v, want suppressed", *e)
		}
	}
	completer(4)
	got, err := f.store.TrainingEffect(ctx, f.trainer.v, course, []string{"CSAT", "AHT"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if e := got[0]; e.Suppressed || e.Completers != 5 || !near(e.Before, 82) || !near(e.After, 92) || !e.Improved {
		t.Errorf("five completers: %+v", *e)
	}
	// One completer with AHT on both sides: suppressed though CSAT is not.
	if e := got[1]; !e.Suppressed || e.Completers != 0 || e.Before != 0 {
		t.Errorf("AHT of one completer: %+v, want suppressed", *e)
	}
}
