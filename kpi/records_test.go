package kpi_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/postgres"
)

func TestRecordsOfAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a1 := f.record(t, f.agent.id, "CSAT", day(0, 1, 1), 88, 100)
	a2 := f.record(t, f.agent.id, "AHT", day(0, 1, 1), 320, 100)
	a3 := f.record(t, f.agent.id, "CSAT", day(0, 2, 1), 90, 100)
	b1 := f.record(t, f.agent2.id, "CSAT", day(0, 1, 1), 70, 50)
	m1 := f.record(t, f.manager.id, "CSAT", day(0, 1, 1), 95, 10)

	ids := []int64{f.agent.id, f.agent2.id, f.manager.id, 999999}
	// Per viewer, the record ids seen for each employee of ids.
	cases := []struct {
		name string
		v    *auth.Viewer
		want [][]int64
	}{
		{"Self", f.agent.v, [][]int64{{a1, a3, a2}, {}, {}, {}}},
		{"Manager", f.manager.v, [][]int64{{a1, a3, a2}, {b1}, {m1}, {}}},
		{"Outsider", f.outsider.v, [][]int64{{}, {}, {}, {}}},
		// A trainer has no rights over other people's records (she once
		// read everyone's); HR and admins do.
		{"Trainer", f.trainer.v, [][]int64{{}, {}, {}, {}}},
		{"HR", f.hr.v, [][]int64{{a1, a3, a2}, {b1}, {m1}, {}}},
		{"Admin", f.admin.v, [][]int64{{a1, a3, a2}, {b1}, {m1}, {}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cctx, counter := postgres.NewContextWithCounter(ctx)
			got, err := f.store.RecordsOf(cctx, c.v, ids, time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if n := counter.Count(); n != 1 {
				t.Errorf("%d statements, want 1", n)
			}
			if fmt.Sprint(recordIDs(got)) != fmt.Sprint(c.want) {
				t.Errorf("records = %v, want %v", recordIDs(got), c.want)
			}
		})
	}

	// Within a window: only the periods wholly inside it.
	got, err := f.store.RecordsOf(ctx, f.hr.v, []int64{f.agent.id}, day(0, 2, 1), monthEnd(0, 2))
	if err != nil {
		t.Fatal(err)
	}
	if r := got[0]; len(r) != 1 || r[0].ID != a3 || r[0].KPICode != "CSAT" || r[0].Value != 90 || r[0].Source != kpi.SourceManual {
		t.Errorf("February = %+v, want record %d", r, a3)
	}

	_, err = f.store.RecordsOf(ctx, nil, ids, time.Time{}, time.Time{})
	if code := rungs.ErrorCode(err); code != rungs.ErrUnauthenticated {
		t.Errorf("anonymous: %v, want UNAUTHENTICATED", err)
	}
}

func recordIDs(rs [][]*kpi.Record) [][]int64 {
	out := make([][]int64, len(rs))
	for i, list := range rs {
		out[i] = []int64{}
		for _, r := range list {
			out[i] = append(out[i], r.ID)
		}
	}
	return out
}

func TestAggregate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.record(t, f.agent.id, "CSAT", day(0, 1, 1), 80, 100)
	f.record(t, f.agent.id, "CSAT", day(0, 2, 1), 90, 300)
	f.record(t, f.agent.id, "CSAT", day(0, 3, 1), 70, 100)
	f.record(t, f.agent.id, "CSAT", day(0, 4, 1), 100, 50)
	f.record(t, f.agent.id, "AHT", day(0, 1, 1), 999, 1000) // another KPI: never mixed in
	f.recordSpan(t, f.agent2.id, "CSAT", day(0, 1, 1), 3, 60, 200)
	f.record(t, f.agent2.id, "CSAT", day(0, 4, 1), 90, 100)

	cases := []struct {
		name     string
		from, to time.Time
		agent    kpi.Aggregate
		agent2   kpi.Aggregate
	}{
		// (80×100 + 90×300 + 70×100) / 500 = 84, not the plain mean 80.
		{"Q1", day(0, 1, 1), day(0, 3, 31), kpi.Aggregate{Value: 84, Volume: 500, Periods: 3},
			kpi.Aggregate{Value: 60, Volume: 200, Periods: 1}},
		{"February", day(0, 2, 1), monthEnd(0, 2), kpi.Aggregate{Value: 90, Volume: 300, Periods: 1},
			kpi.Aggregate{}},
		// (42000 + 5000) / 550; agent2: (12000 + 9000) / 300.
		{"Open", time.Time{}, time.Time{}, kpi.Aggregate{Value: 47000.0 / 550, Volume: 550, Periods: 4},
			kpi.Aggregate{Value: 70, Volume: 300, Periods: 2}},
		// A period only partly inside the window does not count: the
		// quarter starts before 15 January.
		{"FromMidJanuary", day(0, 1, 15), day(0, 4, 30), kpi.Aggregate{Value: 39000.0 / 450, Volume: 450, Periods: 3},
			kpi.Aggregate{Value: 90, Volume: 100, Periods: 1}},
		{"Nothing", day(-1, 1, 1), day(-1, 12, 31), kpi.Aggregate{}, kpi.Aggregate{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cctx, counter := postgres.NewContextWithCounter(ctx)
			got, err := f.store.Aggregate(cctx, []int64{f.agent2.id, f.agent.id, f.outsider.id, f.agent.id}, "CSAT", c.from, c.to)
			if err != nil {
				t.Fatal(err)
			}
			if n := counter.Count(); n != 1 {
				t.Errorf("%d statements, want 1", n)
			}
			want := []kpi.Aggregate{c.agent2, c.agent, {}, c.agent}
			for i := range want {
				if !near(got[i].Value, want[i].Value) || got[i].Volume != want[i].Volume || got[i].Periods != want[i].Periods {
					t.Errorf("[%d] = %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}

	_, err := f.store.Aggregate(ctx, []int64{f.agent.id}, "NPS", time.Time{}, time.Time{})
	wantCode(t, err, rungs.ErrNotFound, "kpi.not_found")
	if got, err := f.store.Aggregate(ctx, nil, "CSAT", time.Time{}, time.Time{}); err != nil || len(got) != 0 {
		t.Errorf("no employees: %v, %v", got, err)
	}
}

func TestMet(t *testing.T) {
	t.Parallel()
	higher := &kpi.Definition{Code: "CSAT", Direction: kpi.HigherIsBetter}
	lower := &kpi.Definition{Code: "AHT", Direction: kpi.LowerIsBetter}
	cases := []struct {
		def              *kpi.Definition
		value, threshold float64
		want             bool
	}{
		{higher, 90, 90, true},
		{higher, 95, 90, true},
		{higher, 89.99, 90, false},
		{lower, 300, 300, true},
		{lower, 240, 300, true},
		{lower, 300.5, 300, false},
		{nil, 100, 0, false},
	}
	for _, c := range cases {
		if got := kpi.Met(c.def, c.value, c.threshold); got != c.want {
			t.Errorf("Met(%v, %v, %v) = %v, want %v", c.def, c.value, c.threshold, got, c.want)
		}
	}
}

func TestLastMonths(t *testing.T) {
	t.Parallel()
	// A pure function of the day it is given: fixed days pick the shapes.
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		today    time.Time
		n        int
		from, to time.Time
	}{
		{date(2026, 7, 15), 6, date(2026, 1, 1), date(2026, 6, 30)},  // fixed-date: pure month arithmetic
		{date(2026, 1, 1), 3, date(2025, 10, 1), date(2025, 12, 31)}, // fixed-date: across a year end
		{date(2024, 3, 31), 1, date(2024, 2, 1), date(2024, 2, 29)},  // fixed-date: a leap February
	}
	for _, c := range cases {
		from, to := kpi.LastMonths(c.today, c.n)
		if !from.Equal(c.from) || !to.Equal(c.to) {
			t.Errorf("LastMonths(%s, %d) = %s..%s, want %s..%s", c.today.Format(time.DateOnly), c.n,
				from.Format(time.DateOnly), to.Format(time.DateOnly), c.from.Format(time.DateOnly), c.to.Format(time.DateOnly))
		}
	}
}

func TestDefinitions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	defs, err := f.store.Definitions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range defs {
		if d.NameEN == "" || d.NameZH == "" {
			t.Errorf("%s lacks a name", d.Code)
		}
		got = append(got, d.Code+" "+d.Unit+" "+d.Direction)
	}
	want := []string{
		"CSAT PERCENT HIGHER_IS_BETTER", "FCR PERCENT HIGHER_IS_BETTER", "AHT SECONDS LOWER_IS_BETTER",
		"FRT SECONDS LOWER_IS_BETTER", "QA_SCORE POINTS HIGHER_IS_BETTER", "COMPLAINT_RATE PER_THOUSAND LOWER_IS_BETTER",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("definitions = %q, want %q", got, want)
	}

	byCode, err := f.store.DefinitionsByCodes(ctx, []string{"AHT", "NPS", "CSAT"})
	if err != nil {
		t.Fatal(err)
	}
	if byCode[0].Code != "AHT" || byCode[1] != nil || byCode[2].Code != "CSAT" {
		t.Errorf("by codes = %v", byCode)
	}
	byID, err := f.store.DefinitionsByIDs(ctx, []int64{byCode[2].ID, -1})
	if err != nil || byID[0].Code != "CSAT" || byID[1] != nil {
		t.Errorf("by ids = %v, %v", byID, err)
	}
	levels, err := f.store.CompetencyLevels(ctx, []int64{byCode[0].ID, byCode[2].ID, defs[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(levels[0]) != 3 || levels[0][2].Level != 4 || levels[0][2].Threshold != 300 || len(levels[1]) != 4 || len(levels[2]) != 0 {
		t.Errorf("levels = %d, %d, %d", len(levels[0]), len(levels[1]), len(levels[2]))
	}
}
