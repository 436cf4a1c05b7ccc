package auth_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	rungsclock "github.com/rungs/rungs/internal/clock"
	"golang.org/x/crypto/bcrypt"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// testSecret is the HS256 key of every test Service.
var testSecret = []byte("0123456789abcdef0123456789abcdef")

// clock is a settable time source for Config.Now. It starts at the code's
// now (internal/clock, shifted by RUNGS_CLOCK_OFFSET), which is also the
// database's now under the test harness.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: rungsclock.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newService returns a Service over db with the test secret, the fastest
// bcrypt cost and clk as its clock; change adjusts the config first.
func newService(t testing.TB, db *sqlx.DB, clk *clock, change ...func(*auth.Config)) *auth.Service {
	t.Helper()
	cfg := auth.Config{Secret: testSecret, BcryptCost: bcrypt.MinCost, Now: clk.Now}
	for _, f := range change {
		f(&cfg)
	}
	s, err := auth.NewService(db, cfg)
	if err != nil {
		t.Fatalf("NewService: %v", err)
	}
	return s
}

var employeeSeq atomic.Int64

// MustCreateEmployee inserts an employee (and the track and position it
// needs) and returns its id.
func MustCreateEmployee(t testing.TB, db *sqlx.DB, email string) int64 {
	t.Helper()
	ctx := context.Background()
	_, err := db.ExecContext(ctx, `
		INSERT INTO tracks (code, name_en, name_zh) VALUES ('MANAGEMENT', 'Management', '管理')
		ON CONFLICT (code) DO NOTHING`)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.ExecContext(ctx, `
		INSERT INTO positions (code, track_id, level, name_en, name_zh)
		SELECT 'AGENT', id, 1, 'Agent', '专员' FROM tracks WHERE code = 'MANAGEMENT'
		ON CONFLICT (code) DO NOTHING`)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	err = db.GetContext(ctx, &id, `
		INSERT INTO employees (employee_no, name_en, name_zh, email, position_id, hire_date, position_since)
		SELECT 'E-' || $1::text, 'Test Person', '测试', $2, id, $3::date, $3::date
		FROM positions WHERE code = 'AGENT'
		RETURNING id`, employeeSeq.Add(1), email, dbtest.Date(-365))
	if err != nil {
		t.Fatalf("create employee %s: %v", email, err)
	}
	return id
}

// MustCreateUser creates an employee with a sign-in: email, password and
// roles (EMPLOYEE when none are given). It returns the employee id.
func MustCreateUser(t testing.TB, db *sqlx.DB, email, password string, roles ...auth.Role) int64 {
	t.Helper()
	id := MustCreateEmployee(t, db, email)
	if len(roles) == 0 {
		roles = []auth.Role{auth.RoleEmployee}
	}
	hash, err := auth.HashPassword(password, bcrypt.MinCost)
	if err != nil {
		t.Fatalf("hash password: %v", err)
	}
	s := newService(t, db, newClock())
	if err := s.CreateUser(context.Background(), db, id, hash, roles); err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return id
}

// MustLogin signs in and fails the test if that does not work.
func MustLogin(t testing.TB, s *auth.Service, email, password string) *auth.Tokens {
	t.Helper()
	tok, err := s.Login(context.Background(), email, password, "192.0.2.1", "test")
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return tok
}

// assertError fails unless err is a *rungs.Error with code and key.
func assertError(t testing.TB, err error, code, key string) *rungs.Error {
	t.Helper()
	var e *rungs.Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %v (%T), want %s %s", err, err, code, key)
	}
	if e.Code != code || e.Key != key {
		t.Fatalf("got %s %s (%q), want %s %s", e.Code, e.Key, e.Message, code, key)
	}
	return e
}

// offboard marks an employee as having left, as people/ does.
func offboard(t testing.TB, db *sqlx.DB, id int64) {
	t.Helper()
	if _, err := db.Exec(`UPDATE employees SET status = 'OFFBOARDED', offboarded_on = current_date WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
}

// disable sets users.disabled.
func disable(t testing.TB, db *sqlx.DB, id int64) {
	t.Helper()
	if _, err := db.Exec(`UPDATE users SET disabled = true WHERE employee_id = $1`, id); err != nil {
		t.Fatal(err)
	}
}

const (
	goodPassword  = "correct horse battery"
	otherPassword = "another long password"
)
