package progression_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/progression"
)

// defaultPolicy mirrors the row the migration seeds.
func defaultPolicy() *progression.Policy {
	return &progression.Policy{WeightCompetency: 50, WeightCourses: 15, WeightMonths: 5, WeightRating: 15, WeightKPI: 15,
		ReadyNowMin: 90, ReadySoonMin: 70, ReadyNowRequiresAllMet: true}
}

func courseReq(kind string, id int64) *ladder.Requirement {
	return &ladder.Requirement{Kind: kind, CourseID: sql.NullInt64{Int64: id, Valid: true}}
}

func kpiReq(id, kpiID int64, threshold float64) *ladder.Requirement {
	return &ladder.Requirement{ID: id, Kind: ladder.KindKPI, KPIID: sql.NullInt64{Int64: kpiID, Valid: true},
		KPIThreshold: sql.NullFloat64{Float64: threshold, Valid: true}, KPIMonths: sql.NullInt64{Int64: 3, Valid: true}}
}

func TestAssess(t *testing.T) {
	t.Parallel()
	emp := &people.Employee{ID: 41, PositionSince: monthStart(-14)} // 14 whole months at now
	const a, b, c = 101, 102, 103
	const basics, cert = 201, 202
	csat := &kpi.Definition{ID: 1, Code: "CSAT", Direction: kpi.HigherIsBetter}
	rating := func(r float64) *float64 { return &r }
	profs := func(levels ...int) map[int64]competency.Proficiency {
		m := map[int64]competency.Proficiency{}
		for i, l := range levels {
			if l > 0 {
				m[int64(a+i)] = prof(int64(a+i), l, false)
			}
		}
		return m
	}
	done := map[int64]learning.Completion{basics: {CourseID: basics, LastCompletedAt: today.AddDate(0, -17, 0)}}
	full := []*ladder.Requirement{compReq(a, 3), compReq(b, 4), compReq(c, 2), monthsReq(12), ratingReq(3.5),
		courseReq(ladder.KindCourse, basics), courseReq(ladder.KindCertification, cert), kpiReq(9, 1, 85)}
	noRating := []*ladder.Requirement{compReq(a, 3), compReq(b, 4), compReq(c, 2), monthsReq(12)}
	lenient := defaultPolicy()
	lenient.ReadyNowMin, lenient.ReadySoonMin, lenient.ReadyNowRequiresAllMet = 80, 50, false

	type line struct {
		kind         string
		value, score float64
		met          bool
	}
	for _, tc := range []struct {
		name   string
		facts  progression.Facts
		reqs   []*ladder.Requirement
		policy *progression.Policy
		score  int
		status string
		lines  []line
		top    int
	}{
		{
			name: "AllMet",
			facts: progression.Facts{Employee: emp, Proficiency: profs(3, 5, 2), Rating: rating(4),
				Completions: map[int64]learning.Completion{basics: done[basics], cert: {CourseID: cert, LastCompletedAt: today.AddDate(0, -5, 0)}},
				KPIs:        map[int64]progression.KPIResult{9: {Definition: csat, Aggregate: kpi.Aggregate{Value: 90, Volume: 100, Periods: 3}}}},
			reqs: full, policy: defaultPolicy(), score: 100, status: progression.StatusReadyNow,
			lines: []line{{progression.LineCompetency, 1, 1, true}, {progression.LineCourses, 1, 1, true},
				{progression.LineMonths, 14, 1, true}, {progression.LineRating, 4, 1, true}, {progression.LineKPI, 1, 1, true}},
		},
		{
			// Competency 7 of 9 levels (a 3/3, b 2/4, c 2/2); one of two
			// courses; months met; no rating; KPI unknown:
			// (50×7/9 + 15×1/2 + 5×1 + 0 + 0) / 100 = 51.4 → 51.
			name:  "Partial",
			facts: progression.Facts{Employee: emp, Proficiency: profs(3, 2, 2), Completions: done},
			reqs:  full, policy: defaultPolicy(), score: 51, status: progression.StatusNotReady,
			lines: []line{{progression.LineCompetency, 7.0 / 9, 7.0 / 9, false}, {progression.LineCourses, 0.5, 0.5, false},
				{progression.LineMonths, 14, 1, true}, {progression.LineRating, 0, 0, false}, {progression.LineKPI, 0, 0, false}},
			top: 4, // b's gap, the rating, the certification, the KPI: a, c, the course and months are met
		},
		{
			// Without a rating requirement its weight drops out:
			// (50×8/9 + 5×1) / 55 = 89.9 → 90, but b is one level short.
			name:  "NoRatingRequirementAlmostReady",
			facts: progression.Facts{Employee: emp, Proficiency: profs(3, 3, 2)},
			reqs:  noRating, policy: defaultPolicy(), score: 90, status: progression.StatusReadySoon,
			lines: []line{{progression.LineCompetency, 8.0 / 9, 8.0 / 9, false}, {progression.LineMonths, 14, 1, true}},
			top:   1,
		},
		{
			name:  "NoRatingRequirementAllMet",
			facts: progression.Facts{Employee: emp, Proficiency: profs(4, 4, 5)},
			reqs:  noRating, policy: defaultPolicy(), score: 100, status: progression.StatusReadyNow,
			lines: []line{{progression.LineCompetency, 1, 1, true}, {progression.LineMonths, 14, 1, true}},
		},
		{
			// The same 90 is READY_NOW once the policy drops the all-met rule.
			name:  "ChangedPolicyReadyNow",
			facts: progression.Facts{Employee: emp, Proficiency: profs(3, 3, 2)},
			reqs:  noRating, policy: lenient, score: 90, status: progression.StatusReadyNow,
			lines: []line{{progression.LineCompetency, 8.0 / 9, 8.0 / 9, false}, {progression.LineMonths, 14, 1, true}},
			top:   1,
		},
		{
			// (50×5/9 + 5×1) / 55 = 59.6 → 60: not ready by default, ready
			// soon from 50.
			name:  "DefaultThresholdsNotReady",
			facts: progression.Facts{Employee: emp, Proficiency: profs(2, 1, 2)},
			reqs:  noRating, policy: defaultPolicy(), score: 60, status: progression.StatusNotReady,
			lines: []line{{progression.LineCompetency, 5.0 / 9, 5.0 / 9, false}, {progression.LineMonths, 14, 1, true}},
			top:   2,
		},
		{
			name:  "ChangedThresholdsReadySoon",
			facts: progression.Facts{Employee: emp, Proficiency: profs(2, 1, 2)},
			reqs:  noRating, policy: lenient, score: 60, status: progression.StatusReadySoon,
			lines: []line{{progression.LineCompetency, 5.0 / 9, 5.0 / 9, false}, {progression.LineMonths, 14, 1, true}},
			top:   2,
		},
		{
			// Months too few: the line scores 0, whatever the months.
			name:   "MonthsUnmet",
			facts:  progression.Facts{Employee: emp, Proficiency: profs(3, 4, 2)},
			reqs:   []*ladder.Requirement{compReq(a, 3), compReq(b, 4), compReq(c, 2), monthsReq(24)},
			policy: defaultPolicy(), score: 91, status: progression.StatusReadySoon,
			lines: []line{{progression.LineCompetency, 1, 1, true}, {progression.LineMonths, 14, 0, false}},
			top:   1,
		},
		{
			name:  "NoRequirements",
			facts: progression.Facts{Employee: emp}, policy: defaultPolicy(), score: 100, status: progression.StatusReadyNow,
		},
		{
			// Only months required, and months weigh nothing: met or not.
			name:   "ZeroWeightMet",
			facts:  progression.Facts{Employee: emp},
			reqs:   []*ladder.Requirement{monthsReq(12)},
			policy: &progression.Policy{WeightCompetency: 1, ReadyNowMin: 90, ReadySoonMin: 70},
			score:  100, status: progression.StatusReadyNow, lines: []line{{progression.LineMonths, 14, 1, true}},
		},
		{
			name:   "ZeroWeightUnmet",
			facts:  progression.Facts{Employee: emp},
			reqs:   []*ladder.Requirement{monthsReq(15)},
			policy: &progression.Policy{WeightCompetency: 1, ReadyNowMin: 90, ReadySoonMin: 70},
			score:  0, status: progression.StatusNotReady, lines: []line{{progression.LineMonths, 14, 0, false}}, top: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := progression.Evaluate(tc.facts, 7, tc.reqs, now)
			r := progression.Assess(g, tc.policy)
			if r.Score != tc.score || r.Status != tc.status || r.EmployeeID != 41 || r.PositionID != 7 || r.Gap != g {
				t.Errorf("score %d %s, want %d %s", r.Score, r.Status, tc.score, tc.status)
			}
			if len(r.Lines) != len(tc.lines) {
				t.Fatalf("%d lines, want %d: %+v", len(r.Lines), len(tc.lines), r.Lines)
			}
			points := 0.0
			for i, w := range tc.lines {
				l := r.Lines[i]
				if l.Kind != w.kind || !near(l.Value, w.value) || !near(l.Score, w.score) || l.Met != w.met ||
					l.Weight != tc.policy.Weight(w.kind) {
					t.Errorf("line %d: %+v, want %+v", i, l, w)
				}
				points += l.Points
			}
			if len(r.Lines) > 0 && r.Score != 0 && r.Score != 100 && int(points+0.5) != r.Score {
				t.Errorf("points add up to %.2f, score %d", points, r.Score)
			}
			if len(r.TopGaps) != tc.top {
				t.Errorf("%d top gaps, want %d", len(r.TopGaps), tc.top)
			}
		})
	}

	t.Run("LineDetails", func(t *testing.T) {
		g := progression.Evaluate(progression.Facts{Employee: emp, Proficiency: profs(3, 2, 2), Rating: rating(3), Completions: done}, 7, full, now)
		r := progression.Assess(g, defaultPolicy())
		comp := r.Line(progression.LineCompetency)
		if comp.MetCount != 2 || comp.Count != 3 || comp.Requirement != 1 {
			t.Errorf("competency line %+v", comp)
		}
		rt := r.Line(progression.LineRating)
		if !rt.Known || rt.Value != 3 || rt.Requirement != 3.5 || rt.Met || rt.Score != 0 {
			t.Errorf("rating line %+v", rt)
		}
		if m := r.Line(progression.LineMonths); m.Value != 14 || m.Requirement != 12 {
			t.Errorf("months line %+v", m)
		}
		if r.Line("NOPE") != nil {
			t.Error("a line for an unknown kind")
		}
	})

	t.Run("TopGapsOrder", func(t *testing.T) {
		// a misses 1 of 3, b 4 of 4, c 1 of 2: b first, then a (bigger
		// requirement), then c; then the unmet checks in requirement order.
		g := progression.Evaluate(progression.Facts{Employee: emp, Proficiency: profs(2, 0, 1)}, 7, full, now)
		r := progression.Assess(g, defaultPolicy())
		var got []string
		for _, tg := range r.TopGaps {
			if tg.Competency != nil {
				got = append(got, string(rune('a'+tg.Competency.CompetencyID-a)))
			} else {
				got = append(got, tg.Check.Kind)
			}
		}
		want := []string{"b", "a", "c", ladder.KindPerformanceRating, ladder.KindCourse, ladder.KindCertification, ladder.KindKPI}
		if len(got) != len(want) {
			t.Fatalf("top gaps %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("top gaps %v, want %v", got, want)
			}
		}
	})
}

func near(x, y float64) bool { return x-y < 1e-9 && y-x < 1e-9 }

// whatIf is a small world for the what-if: competencies A and B, course
// TRAIN_A training A to level 3, TRAIN_B training B to 2, and a position
// asking A 3, B 3 and the course REQUIRED.
type whatIf struct {
	svc                            *progression.Service
	emp                            *people.Employee
	target                         int64
	a, b                           int64
	trainA, trainB, required, none int64
	fw                             int64
}

func newWhatIf(t *testing.T) *whatIf {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	w := &whatIf{svc: newService(db)}
	must := func(dst any, q string, args ...any) {
		t.Helper()
		if err := db.Get(dst, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	var cat int64
	must(&w.fw, `INSERT INTO frameworks (version, status, published_at) VALUES (1, 'PUBLISHED', now()) RETURNING id`)
	must(&cat, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'CORE', 'Core', '核心') RETURNING id`, w.fw)
	for _, c := range []struct {
		code string
		dst  *int64
	}{{"COMP_A", &w.a}, {"COMP_B", &w.b}} {
		must(c.dst, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, c.code)
		if _, err := db.Exec(`INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh)
			VALUES ($1, $2, $3, $4, $4)`, *c.dst, w.fw, cat, c.code); err != nil {
			t.Fatal(err)
		}
	}
	from := dbtest.MustCreatePosition(t, db, "", 1)
	w.target = dbtest.MustCreatePosition(t, db, "", 2)
	owner := dbtest.MustCreateEmployee(t, db, dbtest.Employee{PositionID: w.target})
	course := func(code string, comp int64, level int) int64 {
		var id int64
		must(&id, `INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
			VALUES ($1, $1, $1, 'E_LEARNING', 1, $2, 'PUBLISHED', now()) RETURNING id`, code, owner)
		if comp != 0 {
			if _, err := db.Exec(`INSERT INTO course_competencies (course_id, competency_id, framework_id, target_level)
				VALUES ($1, $2, $3, $4)`, id, comp, w.fw, level); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	w.trainA, w.trainB = course("TRAIN_A", w.a, 3), course("TRAIN_B", w.b, 2)
	w.required, w.none = course("REQUIRED", 0, 0), course("NOTHING", 0, 0)
	if _, err := w.svc.Ladder.SetRequirements(ctx, w.target, []ladder.RequirementInput{
		{Kind: ladder.KindCompetency, CompetencyID: w.a, MinLevel: 3},
		{Kind: ladder.KindCompetency, CompetencyID: w.b, MinLevel: 3},
		{Kind: ladder.KindCourse, CourseID: w.required},
	}, ladder.Scale{FrameworkID: w.fw, MaxLevel: 5, Competencies: map[int64]bool{w.a: true, w.b: true}}); err != nil {
		t.Fatal(err)
	}
	// A: a manager said 1 a year ago; B: a manager said 4 last month.
	id := dbtest.MustCreateEmployee(t, db, dbtest.Employee{PositionID: from, ManagerID: owner})
	for _, e := range []struct {
		comp  int64
		level int
		on    time.Time
	}{{w.a, 1, today.AddDate(0, 0, -378)}, {w.b, 4, today.AddDate(0, 0, -44)}} {
		if _, err := db.Exec(`INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, assessor_id, observed_on)
			VALUES ($1, $2, $3, $4, 'MANAGER', $5, $6)`, id, e.comp, w.fw, e.level, owner, e.on); err != nil {
			t.Fatal(err)
		}
	}
	w.emp = &people.Employee{}
	if err := db.Get(w.emp, `SELECT * FROM employees WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestReadinessWhatIf(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWhatIf(t)

	// Competency (1 + 3) / 6, no course: (50 × 4/6) / 65 = 51 → NOT_READY.
	// Completing TRAIN_A raises A to 3: 50/65 = 77 → READY_SOON. Both
	// courses: everything met → 100, READY_NOW.
	for _, tc := range []struct {
		name    string
		assume  []int64
		score   int
		status  string
		levelA  int
		assumed int
	}{
		{"AsIs", nil, 51, progression.StatusNotReady, 1, 0},
		{"TrainA", []int64{w.trainA}, 77, progression.StatusReadySoon, 3, 1},
		{"Required", []int64{w.required}, 74, progression.StatusReadySoon, 1, 1},
		{"Both", []int64{w.required, w.trainA, w.trainA}, 100, progression.StatusReadyNow, 3, 2},
		// A course training B to 2 never lowers the manager's 4.
		{"RaiseOnly", []int64{w.trainB}, 51, progression.StatusNotReady, 1, 1},
		{"NoCompetencies", []int64{w.none}, 51, progression.StatusNotReady, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := w.svc.Readiness(ctx, w.emp, w.target, tc.assume)
			if err != nil {
				t.Fatal(err)
			}
			if r.Score != tc.score || r.Status != tc.status || len(r.Assumed) != tc.assumed {
				t.Errorf("score %d %s assumed %v, want %d %s", r.Score, r.Status, r.Assumed, tc.score, tc.status)
			}
			ca, cb := r.Gap.Competencies[0], r.Gap.Competencies[1]
			if ca.Current != tc.levelA || cb.Current != 4 {
				t.Errorf("levels A %d B %d, want %d and 4", ca.Current, cb.Current, tc.levelA)
			}
			if tc.levelA == 3 && (ca.Proficiency.Source != competency.SourceCourse || ca.Proficiency.Evidence.CourseID.Int64 != w.trainA) {
				t.Errorf("A's level comes from %+v", ca.Proficiency)
			}
		})
	}

	t.Run("MatchesARealCompletion", func(t *testing.T) {
		// Record what completing TRAIN_A and REQUIRED today records
		// (learning's completion: the enrolment and the COURSE evidence)
		// and compare with the what-if.
		w := newWhatIf(t)
		want, err := w.svc.Readiness(ctx, w.emp, w.target, []int64{w.trainA, w.required})
		if err != nil {
			t.Fatal(err)
		}
		db := w.svc.DB
		for _, c := range []int64{w.trainA, w.required} {
			if _, err := db.Exec(`INSERT INTO enrollments (employee_id, course_id, status, started_at, completed_at, last_completed_at)
				VALUES ($1, $2, 'COMPLETED', $3, $3, $3)`, w.emp.ID, c, now); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Exec(`INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, course_id, observed_on)
			VALUES ($1, $2, $3, 3, 'COURSE', $4, $5)`, w.emp.ID, w.a, w.fw, w.trainA, now.Format(time.DateOnly)); err != nil {
			t.Fatal(err)
		}
		got, err := w.svc.Readiness(ctx, w.emp, w.target, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Score != want.Score || got.Status != want.Status || len(got.TopGaps) != len(want.TopGaps) {
			t.Errorf("after completing: %d %s, the what-if said %d %s", got.Score, got.Status, want.Score, want.Status)
		}
		for i := range got.Gap.Competencies {
			if g, w := got.Gap.Competencies[i], want.Gap.Competencies[i]; g.Current != w.Current || g.Met != w.Met || g.Stale != w.Stale {
				t.Errorf("competency %d: %+v, the what-if said %+v", g.CompetencyID, g, w)
			}
		}
	})

	t.Run("ErrUnknownCourse", func(t *testing.T) {
		_, err := w.svc.Readiness(ctx, w.emp, w.target, []int64{w.trainA, 987654})
		wantErr(t, err, rungs.ErrBadUserInput, "readiness.assume.course.not_found")
	})

	t.Run("ErrUnknownPosition", func(t *testing.T) {
		_, err := w.svc.Readiness(ctx, w.emp, 987654, nil)
		wantErr(t, err, rungs.ErrNotFound, "position.not_found")
	})

	t.Run("PositionPolicy", func(t *testing.T) {
		// An override for the position changes the thresholds the
		// readiness reads: 51 is READY_SOON from 50.
		w := newWhatIf(t)
		hr := &auth.Viewer{EmployeeID: w.emp.ID, Roles: []auth.Role{auth.RoleHR}}
		if _, err := w.svc.UpdatePolicy(ctx, hr, progression.PolicyInput{PositionID: w.target, WeightCompetency: 50,
			WeightCourses: 15, ReadyNowMin: 95, ReadySoonMin: 50}); err != nil {
			t.Fatal(err)
		}
		r, err := w.svc.Readiness(ctx, w.emp, w.target, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Score != 51 || r.Status != progression.StatusReadySoon || r.Policy.ReadySoonMin != 50 {
			t.Errorf("%d %s under %+v", r.Score, r.Status, r.Policy)
		}
	})
}

func wantErr(t *testing.T, err error, code, key string) *rungs.Error {
	t.Helper()
	var re *rungs.Error
	if !errors.As(err, &re) || re.Code != code || re.Key != key {
		t.Fatalf("err %v, want %s %s", err, code, key)
	}
	return re
}

func TestPolicy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	svc := newService(db)
	pos := dbtest.MustCreatePosition(t, db, "", 2)
	hrID := dbtest.MustCreateEmployee(t, db, dbtest.Employee{PositionID: pos})
	hr := &auth.Viewer{EmployeeID: hrID, Roles: []auth.Role{auth.RoleEmployee, auth.RoleHR}}
	admin := &auth.Viewer{EmployeeID: hrID, Roles: []auth.Role{auth.RoleAdmin}}
	good := progression.PolicyInput{WeightCompetency: 60, WeightCourses: 10, WeightMonths: 0, WeightRating: 20, WeightKPI: 10,
		ReadyNowMin: 85, ReadySoonMin: 65, ReadyNowRequiresAllMet: false}

	t.Run("Seeded", func(t *testing.T) {
		p, err := svc.Policy(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		d := defaultPolicy()
		if p.PositionID.Valid || p.WeightCompetency != d.WeightCompetency || p.WeightCourses != d.WeightCourses ||
			p.WeightMonths != d.WeightMonths || p.WeightRating != d.WeightRating || p.WeightKPI != d.WeightKPI ||
			p.ReadyNowMin != 90 || p.ReadySoonMin != 70 || !p.ReadyNowRequiresAllMet {
			t.Errorf("seeded default %+v", p)
		}
	})

	t.Run("Access", func(t *testing.T) {
		for _, c := range []struct {
			name string
			by   *auth.Viewer
			code string
		}{
			{"Anonymous", nil, rungs.ErrUnauthenticated},
			{"Employee", &auth.Viewer{EmployeeID: hrID, Roles: []auth.Role{auth.RoleEmployee}}, rungs.ErrForbidden},
			{"Manager", &auth.Viewer{EmployeeID: hrID, Roles: []auth.Role{auth.RoleManager, auth.RoleTrainer}}, rungs.ErrForbidden},
		} {
			if _, err := svc.UpdatePolicy(ctx, c.by, good); rungs.ErrorCode(err) != c.code {
				t.Errorf("%s: update %v, want %s", c.name, err, c.code)
			}
			if _, err := svc.ResetPolicy(ctx, c.by, pos); rungs.ErrorCode(err) != c.code {
				t.Errorf("%s: reset %v, want %s", c.name, err, c.code)
			}
		}
		if p, _ := svc.Policy(ctx, 0); p.WeightCompetency != 50 {
			t.Errorf("a refused update changed the policy: %+v", p)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		bad := progression.PolicyInput{WeightCompetency: -1, WeightCourses: 2000, ReadyNowMin: 60, ReadySoonMin: 70}
		re := wantErr(t, func() error { _, err := svc.UpdatePolicy(ctx, hr, bad); return err }(),
			rungs.ErrBadUserInput, "readiness.policy.weight.range")
		got := map[string]string{}
		for _, d := range re.Details {
			got[d.Field] += d.Key + " "
		}
		want := map[string]string{
			"weightCompetency": "readiness.policy.weight.range readiness.policy.weight.all_zero ",
			"weightCourses":    "readiness.policy.weight.range ",
			"readySoonMin":     "readiness.policy.threshold.order ",
		}
		if len(got) != len(want) {
			t.Errorf("problems %v, want %v", got, want)
		}
		for f, k := range want {
			if got[f] != k {
				t.Errorf("%s: %q, want %q", f, got[f], k)
			}
		}
		for _, in := range []progression.PolicyInput{
			{WeightKPI: 1, ReadyNowMin: 101, ReadySoonMin: 50},
			{WeightKPI: 1, ReadyNowMin: 90, ReadySoonMin: -1},
		} {
			_, err := svc.UpdatePolicy(ctx, hr, in)
			wantErr(t, err, rungs.ErrBadUserInput, "readiness.policy.threshold.range")
		}
		_, err := svc.UpdatePolicy(ctx, hr, progression.PolicyInput{ReadyNowMin: 90, ReadySoonMin: 70})
		wantErr(t, err, rungs.ErrBadUserInput, "readiness.policy.weight.all_zero")
	})

	t.Run("DefaultAndOverride", func(t *testing.T) {
		p, err := svc.UpdatePolicy(ctx, admin, good)
		if err != nil {
			t.Fatal(err)
		}
		if p.PositionID.Valid || p.WeightCompetency != 60 || p.ReadyNowMin != 85 || p.ReadyNowRequiresAllMet ||
			p.UpdatedBy.Int64 != hrID || !p.UpdatedAt.Equal(now) {
			t.Errorf("default %+v", p)
		}
		over := good
		over.PositionID, over.WeightKPI, over.ReadySoonMin = pos, 40, 85 // equal thresholds are fine
		if _, err := svc.UpdatePolicy(ctx, hr, over); err != nil {
			t.Fatal(err)
		}
		over.WeightKPI = 30 // a second update replaces the override
		if _, err := svc.UpdatePolicy(ctx, hr, over); err != nil {
			t.Fatal(err)
		}
		all, err := svc.Policies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all.ByPosition) != 1 || all.For(pos).WeightKPI != 30 || all.For(pos+1000).WeightKPI != 10 || all.Default.WeightKPI != 10 {
			t.Errorf("policies %+v / %+v", all.Default, all.ByPosition)
		}
		if p, _ := svc.Policy(ctx, pos); p.WeightKPI != 30 || p.PositionID.Int64 != pos {
			t.Errorf("policy of the position %+v", p)
		}
		if p, _ := svc.Policy(ctx, pos+1000); p.PositionID.Valid {
			t.Errorf("another position gets %+v", p)
		}
		removed, err := svc.ResetPolicy(ctx, hr, pos)
		if err != nil || !removed {
			t.Fatalf("reset: %v %v", removed, err)
		}
		if removed, err = svc.ResetPolicy(ctx, hr, pos); err != nil || removed {
			t.Fatalf("second reset: %v %v", removed, err)
		}
		if p, _ := svc.Policy(ctx, pos); p.PositionID.Valid || p.WeightKPI != 10 {
			t.Errorf("after reset %+v", p)
		}
		_, err = svc.ResetPolicy(ctx, hr, 0)
		wantErr(t, err, rungs.ErrBadUserInput, "readiness.policy.default.required")
	})

	t.Run("ErrUnknownPosition", func(t *testing.T) {
		in := good
		in.PositionID = 987654
		_, err := svc.UpdatePolicy(ctx, hr, in)
		wantErr(t, err, rungs.ErrBadUserInput, "readiness.policy.position.not_found")
		archived := dbtest.MustCreatePosition(t, db, "", 3)
		if _, err := db.Exec(`UPDATE positions SET archived_at = now() WHERE id = $1`, archived); err != nil {
			t.Fatal(err)
		}
		in.PositionID = archived
		_, err = svc.UpdatePolicy(ctx, hr, in)
		wantErr(t, err, rungs.ErrBadUserInput, "readiness.policy.position.not_found")
	})
}
