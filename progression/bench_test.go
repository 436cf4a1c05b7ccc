package progression_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/progression"
)

// org is a generated organisation: a small ladder with requirements of
// every kind, and n employees with random positions, evidence, course
// completions, ratings, KPI records and aspirations.
type org struct {
	db  *sqlx.DB
	svc *progression.Service
	// pos holds the position ids by code: AGENT, SENIOR, LEAD, MANAGER on
	// the management track, QA and COACH on the specialist one, ARCHIVED
	// (archived, with a move into it). The HR employee who rates everyone
	// holds GEN_HR, a seventh position nobody moves into.
	pos   map[string]int64
	comps []int64
	teams []int64
	// basics trains C2 to level 3 and is required by LEAD and QA; cert is
	// a certification (12 months) MANAGER requires.
	basics, cert int64
	hr           int64
}

func newService(db *sqlx.DB) *progression.Service {
	comp := competency.NewStore(db)
	comp.Now = func() time.Time { return now }
	return &progression.Service{Competency: comp, Ladder: ladder.NewStore(db), Learning: learning.NewStore(db),
		KPI: kpi.NewStore(db), Performance: performance.NewStore(db), Now: func() time.Time { return now }, DB: db}
}

// genOrg builds an organisation of n employees with set-based SQL in one
// transaction, random but repeatable (setseed) for a given seed in -1..1.
func genOrg(tb testing.TB, db *sqlx.DB, n int, seed float64) *org {
	tb.Helper()
	o := &org{db: db, svc: newService(db), pos: map[string]int64{}}
	o.hr = dbtest.MustCreateEmployee(tb, db, dbtest.Employee{Name: "HR", PositionID: dbtest.MustCreatePosition(tb, db, "GEN_HR", 5)})
	tx := db.MustBegin()
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		tb.Helper()
		if _, err := tx.Exec(q, args...); err != nil {
			tb.Fatalf("genOrg: %v\n%s", err, q)
		}
	}
	get := func(dst any, q string, args ...any) {
		tb.Helper()
		if err := tx.Get(dst, q, args...); err != nil {
			tb.Fatalf("genOrg: %v\n%s", err, q)
		}
	}
	sel := func(dst any, q string, args ...any) {
		tb.Helper()
		if err := tx.Select(dst, q, args...); err != nil {
			tb.Fatalf("genOrg: %v\n%s", err, q)
		}
	}
	exec(`SELECT setseed($1)`, seed)
	var fw, cat int64
	get(&fw, `INSERT INTO frameworks (version, status, published_at) VALUES (1, 'PUBLISHED', now()) RETURNING id`)
	get(&cat, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'CORE', 'Core', '核心') RETURNING id`, fw)
	sel(&o.comps, `INSERT INTO competencies (code) SELECT 'GEN_C' || g FROM generate_series(1, 6) g ORDER BY g RETURNING id`)
	exec(`INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh)
		SELECT id, $1, $2, code, code FROM competencies WHERE code LIKE 'GEN_C%'`, fw, cat)
	var tracks []int64
	sel(&tracks, `INSERT INTO tracks (code, name_en, name_zh) VALUES ('GEN_MGMT', 'Management', '管理'), ('GEN_SPEC', 'Specialist', '专家')
		RETURNING id`)
	for _, p := range []struct {
		code  string
		track int64
		level int
	}{{"AGENT", tracks[0], 1}, {"SENIOR", tracks[0], 2}, {"LEAD", tracks[0], 3}, {"MANAGER", tracks[0], 4},
		{"QA", tracks[1], 2}, {"COACH", tracks[1], 3}, {"ARCHIVED", tracks[1], 2}} {
		var id int64
		get(&id, `INSERT INTO positions (code, track_id, level, name_en, name_zh) VALUES ($1, $2, $3, $1, $1) RETURNING id`,
			"GEN_"+p.code, p.track, p.level)
		o.pos[p.code] = id
	}
	move := func(from, to, kind string) {
		exec(`INSERT INTO position_moves (from_position_id, to_position_id, kind) VALUES ($1, $2, $3)`, o.pos[from], o.pos[to], kind)
	}
	move("AGENT", "SENIOR", ladder.MovePromotion)
	move("AGENT", "QA", ladder.MovePromotion)
	move("AGENT", "ARCHIVED", ladder.MovePromotion)
	move("SENIOR", "LEAD", ladder.MovePromotion)
	move("QA", "LEAD", ladder.MovePromotion)
	move("LEAD", "MANAGER", ladder.MovePromotion)
	for _, pair := range [][2]string{{"SENIOR", "QA"}, {"LEAD", "COACH"}} {
		move(pair[0], pair[1], ladder.MoveLateral)
		move(pair[1], pair[0], ladder.MoveLateral)
	}
	exec(`UPDATE positions SET archived_at = now() WHERE id = $1`, o.pos["ARCHIVED"])
	sel(&o.teams, `INSERT INTO teams (code, name_en, name_zh) SELECT 'GEN-' || g, 'Team ' || g, '团队 ' || g
		FROM generate_series(1, 4) g ORDER BY g RETURNING id`)
	get(&o.basics, `INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
		VALUES ('GEN-BASICS', 'Basics', '基础', 'E_LEARNING', 2, $1, 'PUBLISHED', now()) RETURNING id`, o.hr)
	get(&o.cert, `INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at,
		certification, validity_months) VALUES ('GEN-CERT', 'Cert', '认证', 'CLASSROOM', 8, $1, 'PUBLISHED', now(), true, 12) RETURNING id`, o.hr)
	exec(`INSERT INTO course_competencies (course_id, competency_id, framework_id, target_level) VALUES ($1, $2, $3, 3)`,
		o.basics, o.comps[1], fw)

	c := func(i int) int64 { return o.comps[i-1] }
	comp := func(pos string, id int64, level int) {
		exec(`INSERT INTO position_requirements (position_id, kind, competency_id, min_level, framework_id)
			VALUES ($1, 'COMPETENCY', $2, $3, $4)`, o.pos[pos], id, level, fw)
	}
	other := func(pos, kind, col string, v any) {
		exec(`INSERT INTO position_requirements (position_id, kind, `+col+`) VALUES ($1, $2, $3)`, o.pos[pos], kind, v)
	}
	kpiReq := func(pos, code string, threshold float64, months int) {
		exec(`INSERT INTO position_requirements (position_id, kind, kpi_id, kpi_threshold, kpi_months)
			SELECT $1, 'KPI', id, $3, $4 FROM kpi_definitions WHERE code = $2`, o.pos[pos], code, threshold, months)
	}
	comp("SENIOR", c(1), 2)
	comp("SENIOR", c(2), 2)
	other("SENIOR", ladder.KindMonthsInPosition, "min_months", 6)
	comp("LEAD", c(1), 3)
	comp("LEAD", c(2), 3)
	comp("LEAD", c(3), 2)
	other("LEAD", ladder.KindMonthsInPosition, "min_months", 12)
	other("LEAD", ladder.KindPerformanceRating, "min_rating", 3.5)
	other("LEAD", ladder.KindCourse, "course_id", o.basics)
	comp("MANAGER", c(1), 4)
	comp("MANAGER", c(3), 3)
	comp("MANAGER", c(4), 3)
	other("MANAGER", ladder.KindPerformanceRating, "min_rating", 4)
	other("MANAGER", ladder.KindCertification, "course_id", o.cert)
	kpiReq("MANAGER", "CSAT", 85, 3)
	kpiReq("MANAGER", "AHT", 300, 3)
	comp("QA", c(2), 3)
	comp("QA", c(5), 2)
	other("QA", ladder.KindCourse, "course_id", o.basics)
	kpiReq("QA", "CSAT", 85, 3) // the same KPI and window as MANAGER's: one statement for both
	comp("COACH", c(5), 3)
	comp("COACH", c(6), 2)
	other("COACH", ladder.KindMonthsInPosition, "min_months", 12)
	// LEAD has its own policy: no credit for time, a lower bar, no
	// all-met rule.
	exec(`INSERT INTO readiness_policy (position_id, weight_competency, weight_courses, weight_months, weight_rating,
		weight_kpi, ready_now_min, ready_soon_min, ready_now_requires_all_met) VALUES ($1, 40, 20, 0, 20, 20, 85, 60, false)`,
		o.pos["LEAD"])

	// Employees: half agents; 90% active, 5% on leave, 5% offboarded;
	// names random so that name order is not id order.
	today := now.Format(time.DateOnly)
	weighted := []int64{}
	for _, pw := range []struct {
		code string
		w    int
	}{{"AGENT", 10}, {"SENIOR", 4}, {"QA", 2}, {"LEAD", 2}, {"COACH", 1}, {"MANAGER", 1}} {
		for range pw.w {
			weighted = append(weighted, o.pos[pw.code])
		}
	}
	exec(`
		INSERT INTO employees (employee_no, name_en, name_zh, email, team_id, position_id, hire_date, position_since, status, offboarded_on)
		SELECT 'G-' || g, 'Gen ' || left(md5(random()::text), 8), '员工 ' || g, 'g' || g || '@gen.example',
		       ($1::bigint[])[1 + floor(random() * 4)::int], ($2::bigint[])[1 + floor(s.p * $3)::int],
		       $4::date - s.months * 31 - 30, $4::date - s.months * 31,
		       CASE WHEN s.r < 0.05 THEN 'OFFBOARDED' WHEN s.r < 0.10 THEN 'ON_LEAVE' ELSE 'ACTIVE' END,
		       CASE WHEN s.r < 0.05 THEN $4::date END
		FROM (SELECT g, random() AS r, random() AS p, floor(random() * 36)::int AS months FROM generate_series(1, $5) g) s`,
		pq.Array(o.teams), pq.Array(weighted), len(weighted), today, n)
	gen := `e.employee_no LIKE 'G-%'`
	// Manager ratings in 70% of employee × competency, self-ratings in 30%.
	exec(`
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, assessor_id, observed_on)
		SELECT e.id, c.id, $1, 1 + floor(random() * 5)::int, 'MANAGER', $2, $3::date - floor(random() * 700)::int
		FROM employees e CROSS JOIN competencies c WHERE `+gen+` AND c.code LIKE 'GEN_C%' AND random() < 0.7`, fw, o.hr, today)
	exec(`
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, assessor_id, observed_on)
		SELECT e.id, c.id, $1, 1 + floor(random() * 5)::int, 'SELF', e.id, $2::date - floor(random() * 300)::int
		FROM employees e CROSS JOIN competencies c WHERE `+gen+` AND c.code LIKE 'GEN_C%' AND random() < 0.3`, fw, today)
	// Completions: basics for 40% (with its COURSE evidence, as a real
	// completion records), the certification for 30%, some expired.
	exec(`
		WITH done AS (
			INSERT INTO enrollments (employee_id, course_id, status, started_at, completed_at, last_completed_at)
			SELECT e.id, $1, 'COMPLETED', d, d, d
			FROM (SELECT e.id, $3::date - floor(random() * 600)::int AS d FROM employees e WHERE `+gen+`) e
			WHERE random() < 0.4
			RETURNING employee_id, last_completed_at
		)
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, course_id, observed_on)
		SELECT employee_id, $2, $4, 3, 'COURSE', $1, last_completed_at::date FROM done`, o.basics, o.comps[1], today, fw)
	exec(`
		INSERT INTO enrollments (employee_id, course_id, status, started_at, completed_at, last_completed_at, valid_until)
		SELECT e.id, $1, 'COMPLETED', d, d, d, (d + interval '12 months')::date
		FROM (SELECT e.id, $2::date - floor(random() * 500)::int AS d FROM employees e WHERE `+gen+`) e
		WHERE random() < 0.3`, o.cert, today)
	// Ratings for 60%, 1.0 to 5.0 in half points, in a review period of
	// the six whole months before today's.
	var period int64
	first, last := kpi.LastMonths(now, 6)
	get(&period, `INSERT INTO review_periods (code, name_en, name_zh, starts_on, ends_on)
		VALUES ('GEN-PAST', 'Last six months', '近六个月', $1, $2) RETURNING id`, first.Format(time.DateOnly), last.Format(time.DateOnly))
	exec(`
		INSERT INTO performance_ratings (period_id, employee_id, rated_by, rating, rated_at)
		SELECT $1, e.id, $2, 1 + floor(random() * 9) / 2, now() FROM employees e WHERE `+gen+` AND random() < 0.6`, period, o.hr)
	// Three months of CSAT and AHT for 60%: the three whole months before
	// today's, which the KPI requirements read.
	from, _ := kpi.LastMonths(now, 3)
	exec(`
		INSERT INTO kpi_records (employee_id, kpi_id, period_start, period_end, value, volume, source)
		SELECT e.id, k.id, m, (m + interval '1 month' - interval '1 day')::date,
		       CASE k.code WHEN 'CSAT' THEN 70 + random() * 30 ELSE 200 + random() * 200 END, 50 + floor(random() * 500)::int, 'MANUAL'
		FROM (SELECT id FROM employees e WHERE `+gen+` AND random() < 0.6) e
		CROSS JOIN kpi_definitions k
		CROSS JOIN generate_series($1::date, $2::date, interval '1 month') m
		WHERE k.code IN ('CSAT', 'AHT')`, from.Format(time.DateOnly), from.AddDate(0, 2, 0).Format(time.DateOnly))
	// Aspirations: 15% name a position first, 5% a second one.
	for rank, share := range []float64{0.15, 0.05} {
		exec(`
			INSERT INTO aspirations (employee_id, position_id, rank)
			SELECT e.id, ($1::bigint[])[1 + floor(random() * 6)::int], $2
			FROM employees e WHERE `+gen+` AND random() < $3
			ON CONFLICT DO NOTHING`,
			pq.Array([]int64{o.pos["AGENT"], o.pos["SENIOR"], o.pos["LEAD"], o.pos["MANAGER"], o.pos["QA"], o.pos["COACH"]}), rank+1, share)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(`ANALYZE`); err != nil {
		tb.Fatal(err)
	}
	return o
}

func benchOrg(b *testing.B) *org {
	b.Helper()
	start := time.Now()
	o := genOrg(b, dbtest.New(b), 10_000, 0.42)
	b.Logf("generated 10,000 employees in %s", time.Since(start).Round(time.Millisecond))
	return o
}

// BenchmarkBenchStrength10k computes the bench strength of every position
// of an organisation of 10,000 employees: 13 statements and every
// candidate × target pair evaluated in Go.
func BenchmarkBenchStrength10k(b *testing.B) {
	o := benchOrg(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		bench, err := o.svc.BenchStrength(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(bench) != 7 {
			b.Fatalf("%d positions", len(bench))
		}
	}
}

// BenchmarkBoard10k computes the readiness board of SENIOR, whose
// candidates are the agents (about half of 10,000) and the QA specialists,
// and returns its first page.
func BenchmarkBoard10k(b *testing.B) {
	o := benchOrg(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		page, err := o.svc.Board(ctx, progression.BoardQuery{PositionID: o.pos["SENIOR"], First: 50})
		if err != nil {
			b.Fatal(err)
		}
		if page.Total < 4000 {
			b.Fatalf("%d candidates", page.Total)
		}
	}
}
