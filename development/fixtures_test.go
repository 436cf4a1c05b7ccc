package development_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/development"
	"github.com/rungs/rungs/internal/clock"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// today is the day the tests run on, from the clock the stores default to
// (RUNGS_CLOCK_OFFSET shifts it and the database's current_date together).
var today = clock.Today()

// now is the clock of every store in these tests: half past nine today.
var now = today.Add(9*time.Hour + 30*time.Minute)

// day returns today plus n days (negative: the past).
func day(n int) time.Time { return today.AddDate(0, 0, n) }

var ctx = context.Background()

// fixture is a fresh database with a reporting line
//
//	director (MANAGER)
//	└── manager (MANAGER)
//	    ├── agent
//	    └── peer
//
// plus HR and an admin outside the line; trainer owns the course intro,
// in which the agent is enrolled, and trainer2 owns a course the agent is
// not in. Both trainers' training scope is the position agentPos, so
// trainer is "a trainer of theirs" and trainer2 is not. Everyone holds the
// position agentPos except the director and manager (leadPos); seniorPos
// is one rung up, archivedPos is archived. A published framework holds
// EMPATHY and LISTENING, and RETIRED archived.
type fixture struct {
	db    *sqlx.DB
	store *development.Store

	agentPos, seniorPos, leadPos, archivedPos int64
	empathy, listening, retired               int64

	director, manager, agent, peer *auth.Viewer
	hr, admin, trainer, trainer2   *auth.Viewer

	intro int64 // trainer's course the agent is enrolled in
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: development.NewStore(db)}
	f.store.Now = func() time.Time { return now }
	f.agentPos = dbtest.MustCreatePosition(t, db, "", 1)
	f.seniorPos = dbtest.MustCreatePosition(t, db, "", 2)
	f.leadPos = dbtest.MustCreatePosition(t, db, "", 3)
	f.archivedPos = dbtest.MustCreatePosition(t, db, "", 2)
	f.exec(t, `UPDATE positions SET archived_at = now() WHERE id = $1`, f.archivedPos)
	person := func(name string, pos int64, manager *auth.Viewer, roles ...auth.Role) *auth.Viewer {
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
	f.director = person("Director", f.leadPos, nil, auth.RoleManager)
	f.manager = person("Manager", f.leadPos, f.director, auth.RoleManager)
	f.agent = person("Agent", f.agentPos, f.manager)
	f.peer = person("Peer", f.agentPos, f.manager)
	f.hr = person("HR", f.agentPos, nil, auth.RoleHR)
	f.admin = person("Admin", f.agentPos, nil, auth.RoleAdmin)
	f.trainer = person("Trainer", f.agentPos, nil, auth.RoleTrainer)
	f.trainer2 = person("Other Trainer", f.agentPos, nil, auth.RoleTrainer)
	f.intro = f.course(t, f.trainer, "PUBLISHED", 2)
	f.course(t, f.trainer2, "PUBLISHED", 2)
	f.enrol(t, f.agent, f.intro, "ASSIGNED")
	// HR has given both trainers the agents' position to serve, so the
	// agent is in the scope of each; only trainer teaches them.
	f.exec(t, `INSERT INTO training_scopes (trainer_id, position_id, granted_by) VALUES ($1, $3, $4), ($2, $3, $4)`,
		f.trainer.EmployeeID, f.trainer2.EmployeeID, f.agentPos, f.hr.EmployeeID)
	f.framework(t)
	return f
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

// framework creates a published framework with two current competencies
// and an archived one.
func (f *fixture) framework(t *testing.T) {
	t.Helper()
	var fw, cat int64
	f.get(t, &fw, `INSERT INTO frameworks (version, status, published_at) VALUES (1, 'PUBLISHED', now()) RETURNING id`)
	f.get(t, &cat, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务') RETURNING id`, fw)
	comp := func(code string, archived bool) int64 {
		var id int64
		f.get(t, &id, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, code)
		f.exec(t, `INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, archived)
			VALUES ($1, $2, $3, $4, $4, $5)`, id, fw, cat, code, archived)
		return id
	}
	f.empathy = comp("EMPATHY", false)
	f.listening = comp("LISTENING", false)
	f.retired = comp("RETIRED", true)
}

var courseSeq atomic.Int64

// course creates a course owned by owner with status and hours.
func (f *fixture) course(t *testing.T, owner *auth.Viewer, status string, hours float64) int64 {
	t.Helper()
	code := fmt.Sprintf("C-%d", courseSeq.Add(1))
	var id int64
	f.get(t, &id, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at, archived_at)
		VALUES ($1, $1, $1, 'E_LEARNING', $2, $3, $4,
			CASE WHEN $4 <> 'DRAFT' THEN now() END, CASE WHEN $4 = 'ARCHIVED' THEN now() END)
		RETURNING id`, code, hours, owner.EmployeeID, status)
	return id
}

// enrol enrols who in course with status, as plain SQL.
func (f *fixture) enrol(t *testing.T, who *auth.Viewer, course int64, status string) {
	t.Helper()
	f.exec(t, `
		INSERT INTO enrollments (employee_id, course_id, status, started_at, completed_at, last_completed_at, withdrawn_at)
		VALUES ($1, $2, $3,
			CASE WHEN $3 IN ('IN_PROGRESS', 'COMPLETED') THEN now() END,
			CASE WHEN $3 = 'COMPLETED' THEN now() END,
			CASE WHEN $3 = 'COMPLETED' THEN now() END,
			CASE WHEN $3 = 'WITHDRAWN' THEN now() END)`, who.EmployeeID, course, status)
}

// setEnrolment moves who's enrolment in course to status, as plain SQL.
func (f *fixture) setEnrolment(t *testing.T, who *auth.Viewer, course int64, status string) {
	t.Helper()
	f.exec(t, `
		UPDATE enrollments SET status = $3,
			started_at = CASE WHEN $3 IN ('IN_PROGRESS', 'COMPLETED') THEN now() END,
			completed_at = CASE WHEN $3 = 'COMPLETED' THEN now() END,
			last_completed_at = CASE WHEN $3 = 'COMPLETED' THEN now() END,
			withdrawn_at = CASE WHEN $3 = 'WITHDRAWN' THEN now() END
		WHERE employee_id = $1 AND course_id = $2`, who.EmployeeID, course, status)
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

// wantKeys fails unless err is a validation error whose details carry
// exactly keys, in order.
func wantKeys(t *testing.T, err error, keys ...string) {
	t.Helper()
	var re *rungs.Error
	if !errors.As(err, &re) || re.Code != rungs.ErrBadUserInput {
		t.Fatalf("want BAD_USER_INPUT %v, got %v", keys, err)
	}
	var got []string
	for _, d := range re.Details {
		got = append(got, d.Key)
	}
	if fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Fatalf("want keys %v, got %v", keys, got)
	}
}

// must(f.store.X(...))(t) is X's result, failing the test on an error.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
