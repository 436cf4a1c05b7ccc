package talent_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/talent"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var ctx = context.Background()

// today is the day the tests run on, as the code reads it (clock), and
// now, that morning, is the clock of the store.
var (
	today = clock.Today()
	now   = today.Add(9 * time.Hour)
)

// lastHalf returns the first and last day of the calendar half-year
// before the one holding today (the review period of the fixture: over,
// as a talent review looks back), and its code such as 2026-H1.
func lastHalf() (from, to time.Time, code string) {
	first := time.January
	if today.Month() > time.June {
		first = time.July
	}
	from = time.Date(today.Year(), first, 1, 0, 0, 0, 0, time.UTC).AddDate(0, -6, 0)
	return from, from.AddDate(0, 6, -1), fmt.Sprintf("%d-H%d", from.Year(), 1+int(from.Month()-1)/6)
}

// fixture is a fresh database with the reporting line
//
//	director (MANAGER)
//	├── manager (MANAGER)
//	│   ├── agent1 (team A)
//	│   ├── agent2 (team A)
//	│   └── onLeave (team A, ON_LEAVE: not placed)
//	├── otherManager (MANAGER)
//	│   └── agent3 (team B)
//	└── hr (HR)
//	admin (ADMIN, outside the line)
//
// the review period of the last half-year (lastHalf, coded like 2026-H1)
// with ratings and KPI records, and its talent review (TR-2026-H1, say)
// opened by HR.
type fixture struct {
	db    *sqlx.DB
	store *talent.Store
	cycle *talent.Cycle

	teamA, teamB int64

	director, manager, agent1, agent2, onLeave, otherManager, agent3, hr, admin *auth.Viewer

	// potentialCalls holds the employee ids each Potential call got.
	potentialCalls [][]int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db}
	pos := dbtest.MustCreatePosition(t, db, "", 1)
	f.teamA = dbtest.MustCreateTeam(t, db, "")
	f.teamB = dbtest.MustCreateTeam(t, db, "")
	emp := func(name string, manager *auth.Viewer, team int64, roles ...auth.Role) *auth.Viewer {
		var m int64
		if manager != nil {
			m = manager.EmployeeID
		}
		id := dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, ManagerID: m, TeamID: team, PositionID: pos})
		return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
	}
	f.director = emp("Director", nil, 0, auth.RoleManager)
	f.manager = emp("Manager", f.director, f.teamA, auth.RoleManager)
	f.agent1 = emp("Agent One", f.manager, f.teamA)
	f.agent2 = emp("Agent Two", f.manager, f.teamA)
	f.onLeave = emp("On Leave", f.manager, f.teamA)
	f.otherManager = emp("Other Manager", f.director, f.teamB, auth.RoleManager)
	f.agent3 = emp("Agent Three", f.otherManager, f.teamB)
	f.hr = emp("HR", f.director, 0, auth.RoleHR)
	f.admin = emp("Admin", nil, 0, auth.RoleAdmin)
	mustExec(t, db, `UPDATE employees SET status = 'ON_LEAVE' WHERE id = $1`, f.onLeave.EmployeeID)

	var period int64
	from, to, code := lastHalf()
	if err := db.Get(&period, `
		INSERT INTO review_periods (code, name_en, name_zh, starts_on, ends_on)
		VALUES ($1, 'Half-year ' || $1, $1 || ' 半年', $2, $3) RETURNING id`, code, from, to); err != nil {
		t.Fatal(err)
	}
	rate := func(e, by *auth.Viewer, r float64) int64 {
		var id int64
		if err := db.Get(&id, `
			INSERT INTO performance_ratings (period_id, employee_id, rated_by, rating, rated_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, period, e.EmployeeID, by.EmployeeID, r, now); err != nil {
			t.Fatal(err)
		}
		return id
	}
	rate(f.agent1, f.manager, 3.5)
	rate(f.agent2, f.manager, 4.5)
	rate(f.agent3, f.otherManager, 2.0)
	// A disputed rating does not count until HR resolves it.
	disputed := rate(f.otherManager, f.director, 4.0)
	mustExec(t, db, `UPDATE performance_ratings SET status = 'DISPUTED', disputed_at = $2, employee_comment = 'unfair'
		WHERE id = $1`, disputed, now)

	// KPI results in the period's second, third and fourth months (medians
	// over the three agents: CSAT 85, AHT 400) and one record of the month
	// before it that must not count.
	month := func(n int) time.Time { return from.AddDate(0, n-1, 0) } // month(1) is the period's first
	record := func(e *auth.Viewer, code string, start time.Time, value float64, volume int) {
		mustExec(t, db, `
			INSERT INTO kpi_records (employee_id, kpi_id, period_start, period_end, value, volume, source)
			SELECT $1, id, $3, ($3::date + interval '1 month' - interval '1 day')::date, $4, $5, 'MANUAL'
			FROM kpi_definitions WHERE code = $2`, e.EmployeeID, code, start, value, volume)
	}
	record(f.agent1, "CSAT", month(3), 95, 100)
	record(f.agent1, "AHT", month(3), 300, 100)
	record(f.agent2, "CSAT", month(2), 70, 100)
	record(f.agent2, "CSAT", month(3), 90, 100) // weighted mean 80
	record(f.agent2, "AHT", month(3), 500, 100)
	record(f.agent2, "CSAT", month(0), 100, 10000) // before the period
	record(f.agent3, "CSAT", month(4), 85, 100)
	record(f.agent3, "AHT", month(4), 400, 100)

	// agent2 aspires to a position: a little potential.
	mustExec(t, db, `INSERT INTO aspirations (employee_id, position_id, rank) VALUES ($1, $2, 1)`, f.agent2.EmployeeID, pos)

	f.store = talent.NewStore(db)
	f.store.Now = func() time.Time { return now }
	readiness := map[int64]float64{f.agent1.EmployeeID: 72, f.agent2.EmployeeID: 38, f.agent3.EmployeeID: 10}
	f.store.Potential = func(_ context.Context, emps []*people.Employee) ([]float64, error) {
		ids := make([]int64, len(emps))
		out := make([]float64, len(emps))
		for i, e := range emps {
			ids[i] = e.ID
			out[i] = 50
			if r, ok := readiness[e.ID]; ok {
				out[i] = r
			}
		}
		f.potentialCalls = append(f.potentialCalls, ids)
		return out, nil
	}
	// The code in lower case: the store capitalises it.
	c, err := f.store.OpenCycle(ctx, f.hr, talent.CycleInput{Code: "tr-" + strings.ToLower(code), NameEN: "Talent review " + code,
		NameZH: code + " 人才盘点", ReviewPeriodID: period})
	if err != nil {
		t.Fatalf("open cycle: %v", err)
	}
	f.cycle = c
	return f
}

// computed is a fixture whose cycle has been computed.
func computed(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	if _, err := f.store.Compute(ctx, f.hr, f.cycle.ID); err != nil {
		t.Fatalf("compute: %v", err)
	}
	return f
}

// placement is the stored placement of v in the fixture's cycle.
func (f *fixture) placement(t *testing.T, v *auth.Viewer) *talent.Placement {
	t.Helper()
	ps, err := f.store.Grid(ctx, f.admin, f.cycle.ID, talent.GridFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.EmployeeID == v.EmployeeID {
			return p
		}
	}
	t.Fatalf("no placement for employee %d", v.EmployeeID)
	return nil
}

func mustExec(t *testing.T, db *sqlx.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// wantErr fails unless err is a rungs error with code and key.
func wantErr(t *testing.T, err error, code, key string) {
	t.Helper()
	var re *rungs.Error
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want %s %s", err, code, key)
	}
	if re.Code != code || re.Key != key {
		t.Fatalf("err = %s %s (%v), want %s %s", re.Code, re.Key, re, code, key)
	}
}
