package dbtest

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/internal/clock"
)

// Fixture builders write rows with plain SQL, so any package's tests can use
// them without importing the domain they test. Each returns the new id and
// fails the test on error. Unset fields get unique, valid defaults.

var seq atomic.Int64

func next() int64 { return seq.Add(1) }

// MustCreatePosition creates a position (and a track for it when TrackCode
// is new) and returns its id.
func MustCreatePosition(t testing.TB, db *sqlx.DB, code string, level int) int64 {
	t.Helper()
	if code == "" {
		code = fmt.Sprintf("POS_%d", next())
	}
	var track int64
	err := db.Get(&track, `
		INSERT INTO tracks (code, name_en, name_zh) VALUES ('TEST_TRACK', 'Test track', '测试序列')
		ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id`)
	if err != nil {
		t.Fatalf("MustCreatePosition: track: %v", err)
	}
	var id int64
	if err := db.Get(&id, `
		INSERT INTO positions (code, track_id, level, name_en, name_zh) VALUES ($1, $2, $3, $1, $1)
		RETURNING id`, code, track, level); err != nil {
		t.Fatalf("MustCreatePosition %s: %v", code, err)
	}
	return id
}

// MustCreateTeam creates a team and returns its id.
func MustCreateTeam(t testing.TB, db *sqlx.DB, code string) int64 {
	t.Helper()
	if code == "" {
		code = fmt.Sprintf("TEAM-%d", next())
	}
	var id int64
	if err := db.Get(&id, `INSERT INTO teams (code, name_en, name_zh) VALUES ($1, $1, $1) RETURNING id`, code); err != nil {
		t.Fatalf("MustCreateTeam %s: %v", code, err)
	}
	return id
}

// Employee describes a fixture employee; zero fields get defaults.
type Employee struct {
	Name       string // English name; the Chinese name is derived
	Email      string
	TeamID     int64
	ManagerID  int64
	PositionID int64 // required
	HireDate   time.Time
	// PasswordHash, when set, creates a sign-in with Roles (EMPLOYEE added).
	PasswordHash string
	Roles        []string
}

// MustCreateEmployee creates an employee (and their sign-in when
// PasswordHash is set) and returns the id.
func MustCreateEmployee(t testing.TB, db *sqlx.DB, e Employee) int64 {
	t.Helper()
	n := next()
	if e.Name == "" {
		e.Name = fmt.Sprintf("Employee %d", n)
	}
	if e.Email == "" {
		e.Email = fmt.Sprintf("e%d-%s@test.example", n, randomHex(3))
	}
	if e.HireDate.IsZero() {
		e.HireDate = Day(-5 * 365)
	}
	var id int64
	err := db.Get(&id, `
		INSERT INTO employees (employee_no, name_en, name_zh, email, team_id, manager_id, position_id, hire_date, position_since)
		VALUES ($1, $2, $2 || '（中）', $3, NULLIF($4, 0), NULLIF($5, 0), $6, $7, $7) RETURNING id`,
		fmt.Sprintf("T-%d%s", n, strings.ToUpper(randomHex(2))), e.Name, e.Email, e.TeamID, e.ManagerID, e.PositionID, e.HireDate)
	if err != nil {
		t.Fatalf("MustCreateEmployee %s: %v", e.Name, err)
	}
	if e.PasswordHash != "" {
		if _, err := db.Exec(`INSERT INTO users (employee_id, password_hash) VALUES ($1, $2)`, id, e.PasswordHash); err != nil {
			t.Fatalf("MustCreateEmployee %s: user: %v", e.Name, err)
		}
		roles := append([]string{"EMPLOYEE"}, e.Roles...)
		if _, err := db.Exec(`INSERT INTO user_roles (employee_id, role) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
			id, pq.Array(roles)); err != nil {
			t.Fatalf("MustCreateEmployee %s: roles: %v", e.Name, err)
		}
	}
	return id
}

// Today is the day the code under test calls today (clock.Today: midnight
// UTC, shifted by RUNGS_CLOCK_OFFSET). Tests date everything from it, so
// they pass on any day: the demo seed uses the same clock.
func Today() time.Time { return clock.Today() }

// Day returns today plus days (negative for the past).
func Day(days int) time.Time { return clock.Today().AddDate(0, 0, days) }

// Date returns Day(days) as YYYY-MM-DD, for SQL, GraphQL and CSV text.
func Date(days int) string { return Day(days).Format(time.DateOnly) }
