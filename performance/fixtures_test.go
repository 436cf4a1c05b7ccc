package performance_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/performance"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// today is the day the tests run on, as the code reads it (clock), and
// now, mid-morning of it, is the clock of every store in these tests.
var (
	today = clock.Today()
	now   = today.Add(9*time.Hour + 30*time.Minute)
)

var ctx = context.Background()

// half returns the first and last day of a calendar half-year: half(0)
// holds today (January to June, or July to December), half(1) is the next
// one, half(-1) the one before.
func half(n int) (from, to time.Time) {
	first := time.January
	if today.Month() > time.June {
		first = time.July
	}
	from = time.Date(today.Year(), first, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 6*n, 0)
	return from, from.AddDate(0, 6, -1)
}

// halfCode is the code of half(n), such as 2026-H1 or 2025-H2.
func halfCode(n int) string {
	from, _ := half(n)
	return fmt.Sprintf("%d-H%d", from.Year(), 1+int(from.Month()-1)/6)
}

// fixture is a fresh database with a reporting line
//
//	director
//	└── manager
//	    ├── agent
//	    └── peer
//	hrReport (HR, reports to director)
//
// plus HR and an admin outside the line, and the period of the current
// half-year (half(0), coded like 2026-H1) open.
type fixture struct {
	db    *sqlx.DB
	store *performance.Store

	director, manager, agent, peer *auth.Viewer
	hr, hrReport, admin            *auth.Viewer

	cur *performance.Period // half(0), holding today: open
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: performance.NewStore(db)}
	f.store.Now = func() time.Time { return now }
	pos := dbtest.MustCreatePosition(t, db, "", 1)
	person := func(name string, manager *auth.Viewer, roles ...auth.Role) *auth.Viewer {
		rs := make([]string, len(roles))
		for i, r := range roles {
			rs[i] = string(r)
		}
		var mgr int64
		if manager != nil {
			mgr = manager.EmployeeID
		}
		id := dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, PositionID: pos, ManagerID: mgr,
			PasswordHash: "x", Roles: rs})
		return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
	}
	f.director = person("Director", nil, auth.RoleManager)
	f.manager = person("Manager", f.director, auth.RoleManager)
	f.agent = person("Agent", f.manager)
	f.peer = person("Peer", f.manager)
	f.hrReport = person("HR Report", f.director, auth.RoleHR)
	f.hr = person("HR", nil, auth.RoleHR)
	f.admin = person("Admin", nil, auth.RoleAdmin)
	f.cur = f.openHalf(t, 0)
	return f
}

// period opens a period as HR.
func (f *fixture) period(t *testing.T, code string, from, to time.Time) *performance.Period {
	t.Helper()
	p, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: code, NameEN: code, NameZH: code + "（中）", StartsOn: from, EndsOn: to})
	if err != nil {
		t.Fatalf("open period %s: %v", code, err)
	}
	return p
}

// openHalf opens half(n) as HR, coded halfCode(n).
func (f *fixture) openHalf(t *testing.T, n int) *performance.Period {
	t.Helper()
	from, to := half(n)
	return f.period(t, halfCode(n), from, to)
}

// rate rates employee in period as by and fails the test on error.
func (f *fixture) rate(t *testing.T, by *auth.Viewer, period *performance.Period, employee *auth.Viewer, rating float64) *performance.Rating {
	t.Helper()
	r, err := f.store.Rate(ctx, by, performance.RateInput{PeriodID: period.ID, EmployeeID: employee.EmployeeID, Rating: rating, Comment: "comment"})
	if err != nil {
		t.Fatalf("rate %v: %v", rating, err)
	}
	return r
}

func (f *fixture) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := f.db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// wantErr fails unless err is a rungs error with code and, when key is
// not empty, key.
func wantErr(t *testing.T, err error, code, key string) {
	t.Helper()
	var re *rungs.Error
	if !errors.As(err, &re) {
		t.Fatalf("want %s %s, got %v", code, key, err)
	}
	if re.Code != code || (key != "" && re.Key != key) {
		t.Fatalf("want %s %s, got %s %s (%v)", code, key, re.Code, re.Key, err)
	}
}

func ptr[T any](v T) *T { return &v }
