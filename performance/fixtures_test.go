package performance_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/performance"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the clock of every store in these tests.
var now = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

var ctx = context.Background()

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fixture is a fresh database with a reporting line
//
//	director
//	└── manager
//	    ├── agent
//	    └── peer
//	hrReport (HR, reports to director)
//
// plus HR and an admin outside the line, and the period 2026-H1 open.
type fixture struct {
	db    *sqlx.DB
	store *performance.Store

	director, manager, agent, peer *auth.Viewer
	hr, hrReport, admin            *auth.Viewer

	h1 *performance.Period // 2026-01-01 .. 2026-06-30, open
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
	f.h1 = f.period(t, "2026-H1", day(2026, 1, 1), day(2026, 6, 30))
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
