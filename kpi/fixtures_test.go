package kpi_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/kpi"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var (
	ctx = context.Background()
	// today is the day the tests run on, as the code reads it (clock), and
	// now, mid-morning of it, is the clock of every store in these tests.
	today = clock.Today()
	now   = today.Add(9*time.Hour + 30*time.Minute)
	// year is the calendar year the tests' KPI periods fall in: last year,
	// so that every month of it is over whatever the day, and its months
	// keep their calendar shapes (a quarter is January to March, and so on).
	year = today.Year() - 1
)

// day returns day d of month m in year+dy: day(0, time.January, 1) is the
// first of January last year, day(-1, 12, 1) the December before it.
func day(dy int, m time.Month, d int) time.Time {
	return time.Date(year+dy, m, d, 0, 0, 0, 0, time.UTC)
}

// monthEnd is the last day of month m in year+dy: February has 29 days
// when year is a leap year.
func monthEnd(dy int, m time.Month) time.Time { return day(dy, m, 1).AddDate(0, 1, -1) }

// iso is day(dy, m, d) as a CSV file writes it.
func iso(dy int, m time.Month, d int) string { return day(dy, m, d).Format(time.DateOnly) }

// months is the period_start,period_end of a CSV line: the n whole months
// from month m of year (n = 3: a quarter).
func months(m time.Month, n int) string {
	start := day(0, m, 1)
	return start.Format(time.DateOnly) + "," + start.AddDate(0, n, -1).Format(time.DateOnly)
}

// person is a fixture employee: id, employee number and viewer.
type person struct {
	id int64
	no string
	v  *auth.Viewer
}

// fixture is a fresh database with a published framework (CUSTOMER_SERVICE
// and EFFICIENCY, plus OLD whose published version is archived), KPI
// thresholds on them, and the cast of the access rules: agent and agent2
// report to manager; outsider reports to nobody.
type fixture struct {
	db    *sqlx.DB
	store *kpi.Store

	framework                int64
	service, efficiency, old int64 // competency ids

	admin, hr, trainer, trainer2, manager, agent, agent2, outsider person
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: kpi.NewStore(db)}
	f.store.Now = func() time.Time { return now }
	pos := dbtest.MustCreatePosition(t, db, "", 1)
	mk := func(name string, manager int64, roles ...auth.Role) person {
		rs := make([]string, len(roles))
		for i, r := range roles {
			rs[i] = string(r)
		}
		id := dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, PositionID: pos, ManagerID: manager,
			PasswordHash: "x", Roles: rs})
		p := person{id: id, v: &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}}
		f.get(t, &p.no, `SELECT employee_no FROM employees WHERE id = $1`, id)
		return p
	}
	f.admin = mk("Admin", 0, auth.RoleAdmin)
	f.hr = mk("HR", 0, auth.RoleHR)
	f.trainer = mk("Trainer", 0, auth.RoleTrainer)
	f.trainer2 = mk("Trainer Two", 0, auth.RoleTrainer)
	f.manager = mk("Manager", 0, auth.RoleManager)
	f.agent = mk("Agent", f.manager.id)
	f.agent2 = mk("Agent Two", f.manager.id)
	f.outsider = mk("Outsider", 0)

	var cat int64
	f.get(t, &f.framework, `INSERT INTO frameworks (version, status, published_at) VALUES (1, 'PUBLISHED', now()) RETURNING id`)
	f.get(t, &cat, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务') RETURNING id`, f.framework)
	comp := func(code string, archived bool) int64 {
		var id int64
		f.get(t, &id, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, code)
		f.exec(t, `INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, archived)
			VALUES ($1, $2, $3, $4, $4, $5)`, id, f.framework, cat, code, archived)
		return id
	}
	f.service = comp("CUSTOMER_SERVICE", false)
	f.efficiency = comp("EFFICIENCY", false)
	f.old = comp("OLD", true)

	// CSAT shows customer service (higher is better); AHT shows efficiency
	// (lower is better); OLD is archived, so its threshold writes nothing.
	f.threshold(t, "CSAT", f.service, 2, 80)
	f.threshold(t, "CSAT", f.service, 3, 85)
	f.threshold(t, "CSAT", f.service, 4, 92)
	f.threshold(t, "CSAT", f.old, 2, 50)
	f.threshold(t, "AHT", f.efficiency, 2, 420)
	f.threshold(t, "AHT", f.efficiency, 3, 360)
	f.threshold(t, "AHT", f.efficiency, 4, 300)
	return f
}

func (f *fixture) threshold(t *testing.T, code string, competency int64, level int, threshold float64) {
	t.Helper()
	f.exec(t, `INSERT INTO kpi_competency_levels (kpi_id, competency_id, level, threshold)
		SELECT id, $2, $3, $4 FROM kpi_definitions WHERE code = $1`, code, competency, level, threshold)
}

func (f *fixture) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := f.db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func (f *fixture) get(t *testing.T, dest any, query string, args ...any) {
	t.Helper()
	if err := f.db.Get(dest, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// record stores a MANUAL record of the calendar month starting at start
// and returns its id; recordSpan one of several months.
func (f *fixture) record(t *testing.T, employee int64, code string, start time.Time, value float64, volume int) int64 {
	t.Helper()
	return f.recordSpan(t, employee, code, start, 1, value, volume)
}

func (f *fixture) recordSpan(t *testing.T, employee int64, code string, start time.Time, months int, value float64, volume int) int64 {
	t.Helper()
	var id int64
	f.get(t, &id, `
		INSERT INTO kpi_records (employee_id, kpi_id, period_start, period_end, value, volume, source)
		SELECT $1, id, $3, $4, $5, $6, 'MANUAL' FROM kpi_definitions WHERE code = $2 RETURNING id`,
		employee, code, start, start.AddDate(0, months, -1), value, volume)
	return id
}

// file joins lines into a CSV file.
func file(lines ...string) *strings.Reader {
	return strings.NewReader(strings.Join(lines, "\n") + "\n")
}

// wantCode fails the test unless err is a rungs error with code and key.
func wantCode(t *testing.T, err error, code, key string) *rungs.Error {
	t.Helper()
	var re *rungs.Error
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want %s %s", err, code, key)
	}
	if re.Code != code || re.Key != key {
		t.Fatalf("err = %s %s (%v), want %s %s", re.Code, re.Key, re, code, key)
	}
	return re
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
