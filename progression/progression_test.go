package progression_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/progression"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// day is a fixed date, for the tables of pure calendar arithmetic.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// today is the day the tests run on, as the code reads it (clock), and now
// the clock of the services: mid-morning, so that date arithmetic cannot
// lean on midnight.
var (
	today = clock.Today()
	now   = today.Add(9*time.Hour + 30*time.Minute)
)

// monthStart is the first day of the month n months after today's (n < 0:
// before). From monthStart(-n), n whole months have passed by now, and on
// monthStart(1) one more has, whatever the length of the months between.
func monthStart(n int) time.Time {
	return time.Date(today.Year(), today.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
}

func compReq(id int64, level int) *ladder.Requirement {
	return &ladder.Requirement{Kind: ladder.KindCompetency, CompetencyID: sql.NullInt64{Int64: id, Valid: true},
		MinLevel: sql.NullInt64{Int64: int64(level), Valid: true}, FrameworkID: sql.NullInt64{Int64: 1, Valid: true}}
}

func monthsReq(n int) *ladder.Requirement {
	return &ladder.Requirement{Kind: ladder.KindMonthsInPosition, MinMonths: sql.NullInt64{Int64: int64(n), Valid: true}}
}

func ratingReq(r float64) *ladder.Requirement {
	return &ladder.Requirement{Kind: ladder.KindPerformanceRating, MinRating: sql.NullFloat64{Float64: r, Valid: true}}
}

func prof(id int64, level int, stale bool) competency.Proficiency {
	return competency.Proficiency{CompetencyID: id, Level: level, Stale: stale, Source: competency.SourceManager}
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	emp := &people.Employee{ID: 41, PositionID: 3, PositionSince: monthStart(-14)} // 14 whole months at now
	const empathy, listening, product = 101, 102, 103
	reqs := []*ladder.Requirement{
		compReq(empathy, 3),
		compReq(listening, 4),
		compReq(product, 2),
		monthsReq(12),
		ratingReq(3.5),
	}
	facts := progression.Facts{Employee: emp, Proficiency: map[int64]competency.Proficiency{
		empathy: prof(empathy, 2, false),
		product: prof(product, 4, true),
		999:     prof(999, 1, false), // not required: ignored
	}}

	t.Run("OK", func(t *testing.T) {
		g := progression.Evaluate(facts, 7, reqs, now)
		if g.EmployeeID != 41 || g.PositionID != 7 {
			t.Errorf("gap of employee %d for position %d", g.EmployeeID, g.PositionID)
		}
		if len(g.Competencies) != 3 || len(g.Checks) != 2 {
			t.Fatalf("%d competency gaps and %d checks, want 3 and 2", len(g.Competencies), len(g.Checks))
		}
		want := []struct {
			id                     int64
			required, current, gap int
			met, stale, evidence   bool
		}{
			{empathy, 3, 2, 1, false, false, true},
			{listening, 4, 0, 4, false, false, false}, // no evidence counts as level 0
			{product, 2, 4, 0, true, true, true},      // above the bar: no negative gap; stale carries through
		}
		for i, w := range want {
			c := g.Competencies[i]
			if c.CompetencyID != w.id || c.Required != w.required || c.Current != w.current || c.Gap != w.gap ||
				c.Met != w.met || c.Stale != w.stale || (c.Proficiency != nil) != w.evidence {
				t.Errorf("competency %d: %+v, want %+v", w.id, c, w)
			}
		}
		if p := g.Competencies[0].Proficiency; p == nil || p.Level != 2 || p.Source != competency.SourceManager {
			t.Errorf("empathy proficiency %+v", p)
		}
		if g.TotalGap != 5 {
			t.Errorf("TotalGap = %d, want 1 + 4 + 0 = 5", g.TotalGap)
		}
		months := g.Checks[0]
		if months.Kind != ladder.KindMonthsInPosition || months.Requirement != reqs[3] || months.Required != 12 ||
			months.Actual != 14 || !months.Known || !months.Met {
			t.Errorf("months check %+v, want 14 of 12 met", months)
		}
		rating := g.Checks[1]
		if rating.Kind != ladder.KindPerformanceRating || rating.Required != 3.5 || rating.Known || rating.Met || rating.Actual != 0 {
			t.Errorf("rating check %+v, want unknown and unmet", rating)
		}
		if g.Met {
			t.Error("Met with gaps")
		}
	})

	t.Run("ProficiencyIsACopy", func(t *testing.T) {
		g := progression.Evaluate(facts, 7, reqs, now)
		if g.Competencies[0].Proficiency == g.Competencies[2].Proficiency {
			t.Error("two gaps share one Proficiency")
		}
		if g.Competencies[2].Proficiency.CompetencyID != product {
			t.Errorf("product gap points at %+v", g.Competencies[2].Proficiency)
		}
	})

	t.Run("Rating", func(t *testing.T) {
		for _, c := range []struct {
			rating float64
			met    bool
		}{{3.49, false}, {3.5, true}, {4.8, true}} {
			r := c.rating
			g := progression.Evaluate(progression.Facts{Employee: emp, Rating: &r}, 7, []*ladder.Requirement{ratingReq(3.5)}, now)
			ch := g.Checks[0]
			if !ch.Known || ch.Actual != c.rating || ch.Met != c.met || g.Met != c.met {
				t.Errorf("rating %.2f: %+v, gap met %v; want met %v", c.rating, ch, g.Met, c.met)
			}
		}
	})

	t.Run("MonthsUnmet", func(t *testing.T) {
		g := progression.Evaluate(progression.Facts{Employee: emp}, 7, []*ladder.Requirement{monthsReq(15)}, now)
		if c := g.Checks[0]; c.Actual != 14 || c.Met || g.Met {
			t.Errorf("15 months required after 14: %+v, met %v", c, g.Met)
		}
		// The anniversary day counts.
		g = progression.Evaluate(progression.Facts{Employee: emp}, 7, []*ladder.Requirement{monthsReq(15)}, monthStart(1))
		if c := g.Checks[0]; c.Actual != 15 || !c.Met || !g.Met {
			t.Errorf("on the anniversary: %+v, met %v", c, g.Met)
		}
	})

	t.Run("AllMet", func(t *testing.T) {
		r := 4.0
		f := progression.Facts{Employee: emp, Rating: &r, Proficiency: map[int64]competency.Proficiency{
			empathy: prof(empathy, 3, false), listening: prof(listening, 5, false), product: prof(product, 2, true),
		}}
		g := progression.Evaluate(f, 7, reqs, now)
		if !g.Met || g.TotalGap != 0 {
			t.Errorf("Met %v, TotalGap %d; want met with no gap", g.Met, g.TotalGap)
		}
		for _, c := range g.Competencies {
			if !c.Met || c.Gap != 0 {
				t.Errorf("competency %d: %+v", c.CompetencyID, c)
			}
		}
	})

	t.Run("CoursesAndCertifications", func(t *testing.T) {
		req := func(kind string, course int64) *ladder.Requirement {
			return &ladder.Requirement{Kind: kind, CourseID: sql.NullInt64{Int64: course, Valid: true}}
		}
		const basics, privacy, qa, coaching = 201, 202, 203, 204
		reqs := []*ladder.Requirement{
			req(ladder.KindCourse, basics),         // completed long ago: a course counts for ever
			req(ladder.KindCertification, privacy), // valid until today: still counts
			req(ladder.KindCertification, qa),      // expired yesterday
			req(ladder.KindCourse, coaching),       // never completed
		}
		until := func(d time.Time) sql.NullTime { return sql.NullTime{Time: d, Valid: true} }
		f := progression.Facts{Employee: emp, Completions: map[int64]learning.Completion{
			basics:  {CourseID: basics, LastCompletedAt: today.AddDate(-6, 0, 0), ValidUntil: until(today.AddDate(-5, 0, 0))},
			privacy: {CourseID: privacy, LastCompletedAt: today.AddDate(-1, 0, 0), ValidUntil: until(today)},
			qa:      {CourseID: qa, LastCompletedAt: today.AddDate(-1, 0, -1), ValidUntil: until(today.AddDate(0, 0, -1))},
		}}
		g := progression.Evaluate(f, 7, reqs, now)
		if g.Met || len(g.Checks) != 4 {
			t.Fatalf("Met %v with %d checks", g.Met, len(g.Checks))
		}
		for i, want := range []bool{true, true, false, false} {
			c := g.Checks[i]
			if c.Met != want || !c.Known || (c.Completion == nil) != (i == 3) {
				t.Errorf("check %d (%s %d): met %v, want %v; completion %+v", i, c.Kind, c.Requirement.CourseID.Int64, c.Met, want, c.Completion)
			}
		}
	})

	t.Run("KPIs", func(t *testing.T) {
		csat := &kpi.Definition{ID: 1, Code: "CSAT", Direction: kpi.HigherIsBetter}
		aht := &kpi.Definition{ID: 2, Code: "AHT", Direction: kpi.LowerIsBetter}
		req := func(id, kpiID int64, threshold float64) *ladder.Requirement {
			return &ladder.Requirement{ID: id, Kind: ladder.KindKPI, KPIID: sql.NullInt64{Int64: kpiID, Valid: true},
				KPIThreshold: sql.NullFloat64{Float64: threshold, Valid: true}, KPIMonths: sql.NullInt64{Int64: 6, Valid: true}}
		}
		reqs := []*ladder.Requirement{req(1, 1, 90), req(2, 2, 300), req(3, 1, 95), req(4, 2, 200)}
		f := progression.Facts{Employee: emp, KPIs: map[int64]progression.KPIResult{
			1: {Definition: csat, Aggregate: kpi.Aggregate{Value: 91.5, Volume: 800, Periods: 6}}, // at least 90: met
			2: {Definition: aht, Aggregate: kpi.Aggregate{Value: 280, Volume: 800, Periods: 6}},   // at most 300: met
			3: {Definition: csat, Aggregate: kpi.Aggregate{Value: 91.5, Volume: 800, Periods: 6}}, // below 95
			4: {Definition: aht},                                                                  // no data: unknown
		}}
		g := progression.Evaluate(f, 7, reqs, now)
		want := []struct{ known, met bool }{{true, true}, {true, true}, {true, false}, {false, false}}
		if g.Met || len(g.Checks) != 4 {
			t.Fatalf("Met %v with %d checks", g.Met, len(g.Checks))
		}
		for i, w := range want {
			c := g.Checks[i]
			if c.Known != w.known || c.Met != w.met || c.KPI == nil || c.Required != reqs[i].KPIThreshold.Float64 {
				t.Errorf("check %d: %+v, want known %v met %v", i, c, w.known, w.met)
			}
		}
		if g.Checks[0].Actual != 91.5 || g.Checks[0].Volume != 800 {
			t.Errorf("actual %v volume %d", g.Checks[0].Actual, g.Checks[0].Volume)
		}
	})

	t.Run("NoRequirements", func(t *testing.T) {
		g := progression.Evaluate(progression.Facts{Employee: emp}, 7, nil, now)
		if !g.Met || g.TotalGap != 0 || len(g.Competencies) != 0 || len(g.Checks) != 0 {
			t.Errorf("%+v", g)
		}
	})
}

func TestMonthsBetween(t *testing.T) {
	t.Parallel()
	// A pure function of the two instants it is given: fixed dates pick
	// the calendar shapes (month ends, year ends, a leap day).
	for _, c := range []struct {
		name       string
		since, now time.Time
		want       int
	}{
		{"SameDay", day(2026, 6, 14), day(2026, 6, 14), 0},                                    // fixed-date: pure month arithmetic
		{"SameDayLater", day(2026, 6, 14), time.Date(2026, 6, 14, 23, 59, 0, 0, time.UTC), 0}, // fixed-date: pure month arithmetic
		{"DayBeforeAnniversary", day(2026, 1, 15), day(2026, 2, 14), 0},                       // fixed-date: pure month arithmetic
		{"Anniversary", day(2026, 1, 15), day(2026, 2, 15), 1},                                // fixed-date: pure month arithmetic
		{"DayAfterAnniversary", day(2026, 1, 15), day(2026, 2, 16), 1},                        // fixed-date: pure month arithmetic
		{"DayBeforeYear", day(2025, 6, 14), day(2026, 6, 13), 11},                             // fixed-date: pure month arithmetic
		{"Year", day(2025, 6, 14), day(2026, 6, 14), 12},                                      // fixed-date: pure month arithmetic
		{"AcrossYears", day(2024, 11, 30), day(2025, 2, 1), 2},                                // fixed-date: pure month arithmetic
		{"AcrossYearsBeforeAnniversary", day(2023, 12, 20), day(2026, 1, 19), 24},             // fixed-date: pure month arithmetic
		{"AcrossYearsOnAnniversary", day(2023, 12, 20), day(2026, 1, 20), 25},                 // fixed-date: pure month arithmetic
		{"LeapDay", day(2024, 2, 29), day(2025, 2, 28), 11},                                   // fixed-date: pure month arithmetic
		{"AfterLeapDay", day(2024, 2, 29), day(2025, 3, 1), 12},                               // fixed-date: pure month arithmetic
		{"Future", day(2026, 7, 1), day(2026, 6, 14), 0},                                      // fixed-date: pure month arithmetic
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := progression.MonthsBetween(c.since, c.now); got != c.want {
				t.Errorf("MonthsBetween(%s, %s) = %d, want %d", c.since.Format(time.DateOnly), c.now.Format(time.DateOnly), got, c.want)
			}
		})
	}
}

// TestGaps measures employees against a position built in the database:
// competency A at level 3, B at level 2, 12 months in position.
func TestGaps(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)

	var fw, cat, compA, compB int64
	mustGet := func(dst *int64, q string, args ...any) {
		t.Helper()
		if err := db.Get(dst, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	mustGet(&fw, `INSERT INTO frameworks (version, status, published_at) VALUES (1, 'PUBLISHED', now()) RETURNING id`)
	mustGet(&cat, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'CORE', 'Core', '核心') RETURNING id`, fw)
	for _, c := range []struct {
		code string
		dst  *int64
	}{{"COMP_A", &compA}, {"COMP_B", &compB}} {
		mustGet(c.dst, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, c.code)
		if _, err := db.Exec(`INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh)
			VALUES ($1, $2, $3, $4, $4)`, *c.dst, fw, cat, c.code); err != nil {
			t.Fatal(err)
		}
	}

	lad := ladder.NewStore(db)
	from := dbtest.MustCreatePosition(t, db, "", 1)
	target := dbtest.MustCreatePosition(t, db, "", 2)
	if _, err := lad.SetRequirements(ctx, target, []ladder.RequirementInput{
		{Kind: ladder.KindCompetency, CompetencyID: compA, MinLevel: 3},
		{Kind: ladder.KindCompetency, CompetencyID: compB, MinLevel: 2},
		{Kind: ladder.KindMonthsInPosition, MinMonths: 12},
	}, ladder.Scale{FrameworkID: fw, MaxLevel: 5, Competencies: map[int64]bool{compA: true, compB: true}}); err != nil {
		t.Fatal(err)
	}
	comp := competency.NewStore(db)
	comp.Now = func() time.Time { return now }
	svc := &progression.Service{Competency: comp, Ladder: lad, Learning: learning.NewStore(db), KPI: kpi.NewStore(db), Performance: performance.NewStore(db), Now: func() time.Time { return now }}

	mgr := dbtest.MustCreateEmployee(t, db, dbtest.Employee{PositionID: target})
	evidence := func(emp, comp int64, level int, source string, observed time.Time) {
		t.Helper()
		by := mgr
		if source == competency.SourceSelf {
			by = emp
		}
		if _, err := db.Exec(`INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, assessor_id, observed_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, emp, comp, fw, level, source, by, observed); err != nil {
			t.Fatal(err)
		}
	}
	employee := func(id int64) *people.Employee {
		t.Helper()
		var e people.Employee
		if err := db.Get(&e, `SELECT * FROM employees WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		return &e
	}

	// Employee i entered the position i whole months ago (on the first of
	// the month) and has a manager rating of 1 + i%5 in A from five months
	// ago; even ones rated themselves 4 in B six weeks ago, and every third
	// has an older manager rating of 1 in B (stale, nearly two and a half
	// years old, but inside the window), which beats that self-rating.
	var emps []*people.Employee
	for i := range 30 {
		id := dbtest.MustCreateEmployee(t, db, dbtest.Employee{PositionID: from, ManagerID: mgr, HireDate: monthStart(-i)})
		evidence(id, compA, 1+i%5, competency.SourceManager, today.AddDate(0, 0, -164))
		if i%2 == 0 {
			evidence(id, compB, 4, competency.SourceSelf, today.AddDate(0, 0, -44))
		}
		if i%3 == 0 {
			evidence(id, compB, 1, competency.SourceManager, today.AddDate(0, 0, -895))
		}
		emps = append(emps, employee(id))
	}

	check := func(t *testing.T, i int, g *progression.Gap) {
		t.Helper()
		e := emps[i]
		if g.EmployeeID != e.ID {
			t.Fatalf("gap %d is of employee %d, want %d", i, g.EmployeeID, e.ID)
		}
		a := 1 + i%5
		b, staleB := 0, false
		switch {
		case i%3 == 0:
			b, staleB = 1, true
		case i%2 == 0:
			b = 4
		}
		gapA, gapB := max(3-a, 0), max(2-b, 0)
		if len(g.Competencies) != 2 || len(g.Checks) != 1 {
			t.Fatalf("employee %d: %d competencies, %d checks", i, len(g.Competencies), len(g.Checks))
		}
		ca, cb := g.Competencies[0], g.Competencies[1]
		if ca.CompetencyID != compA || ca.Current != a || ca.Gap != gapA || ca.Met != (gapA == 0) || ca.Stale {
			t.Errorf("employee %d, A: %+v; want current %d gap %d", i, ca, a, gapA)
		}
		if cb.CompetencyID != compB || cb.Current != b || cb.Gap != gapB || cb.Stale != staleB {
			t.Errorf("employee %d, B: %+v; want current %d gap %d stale %v", i, cb, b, gapB, staleB)
		}
		m := g.Checks[0]
		if m.Actual != float64(i) || m.Met != (i >= 12) {
			t.Errorf("employee %d: months %+v, want %d", i, m, i)
		}
		if g.TotalGap != gapA+gapB || g.Met != (gapA+gapB == 0 && i >= 12) {
			t.Errorf("employee %d: TotalGap %d Met %v, want %d", i, g.TotalGap, g.Met, gapA+gapB)
		}
	}

	t.Run("OK", func(t *testing.T) {
		gaps, err := svc.Gaps(ctx, emps[14:15], target)
		if err != nil {
			t.Fatal(err)
		}
		// Employee 14: A 5 of 3, B 4 of 2 (self-rating), 14 months: ready.
		if len(gaps) != 1 || !gaps[0].Met || gaps[0].TotalGap != 0 || gaps[0].PositionID != target {
			t.Errorf("employee 14: %+v", gaps[0])
		}
		check(t, 14, gaps[0])
	})

	t.Run("StatementsDoNotGrow", func(t *testing.T) {
		counts := map[int]int64{}
		for _, n := range []int{1, 30} {
			cctx, counter := postgres.NewContextWithCounter(ctx)
			gaps, err := svc.Gaps(cctx, emps[:n], target)
			if err != nil {
				t.Fatal(err)
			}
			counts[n] = counter.Count()
			if len(gaps) != n {
				t.Fatalf("%d gaps for %d employees", len(gaps), n)
			}
			for i, g := range gaps {
				check(t, i, g)
			}
		}
		if counts[1] != counts[30] || counts[1] > 3 {
			t.Errorf("statements: %d for 1 employee, %d for 30; want the same, at most 3 (requirements, evidence, ratings)", counts[1], counts[30])
		}
	})

	t.Run("NoRequirements", func(t *testing.T) {
		gaps, err := svc.Gaps(ctx, emps[:3], from)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gaps {
			if !g.Met || len(g.Competencies) != 0 {
				t.Errorf("%+v", g)
			}
		}
	})
}
