package learning_test

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
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/learning"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// today is the day the tests run on, from the clock the stores default to
// (RUNGS_CLOCK_OFFSET shifts it and the database's current_date together).
var today = clock.Today()

// now is the clock of every store in these tests: half past nine today.
var now = today.Add(9*time.Hour + 30*time.Minute)

// day returns today plus n days (negative: the past).
func day(n int) time.Time { return today.AddDate(0, 0, n) }

// addMonths adds n months to a date the way PostgreSQL's date + interval
// does, which computes valid_until: a day the target month lacks becomes its
// last day (31 January + 1 month is the end of February), where Go's
// AddDate would run on into the next month.
func addMonths(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

var ctx = context.Background()

// fixture is a fresh database with a published framework (EMPATHY and
// LISTENING, plus RETIRED whose published version is archived; DRAFTONLY
// exists only in a draft), two teams, two positions and the cast of the
// access rules, each with a sign-in and roles; the trainer's training scope
// holds team A and the lead position.
type fixture struct {
	db    *sqlx.DB
	store *learning.Store

	framework                             int64 // the published version
	empathy, listening, retired, draftOne int64 // competency ids

	teamA, teamB       int64
	agentPos, leadPos  int64
	admin, hr          *auth.Viewer
	trainer, trainer2  *auth.Viewer // trainer owns the courses the fixture makes
	learner, colleague *auth.Viewer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: learning.NewStore(db)}
	f.store.Now = func() time.Time { return now }
	f.teamA = dbtest.MustCreateTeam(t, db, "")
	f.teamB = dbtest.MustCreateTeam(t, db, "")
	f.agentPos = dbtest.MustCreatePosition(t, db, "", 1)
	f.leadPos = dbtest.MustCreatePosition(t, db, "", 2)
	person := func(name string, roles ...auth.Role) *auth.Viewer {
		rs := make([]string, len(roles))
		for i, r := range roles {
			rs[i] = string(r)
		}
		id := dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, PositionID: f.leadPos,
			PasswordHash: "x", Roles: rs})
		return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
	}
	f.admin = person("Admin", auth.RoleAdmin)
	f.hr = person("HR", auth.RoleHR)
	f.trainer = person("Trainer", auth.RoleTrainer)
	f.trainer2 = person("Other Trainer", auth.RoleTrainer)
	f.learner = person("Learner")
	f.colleague = person("Colleague")
	// HR has given the trainer team A and the lead position (the whole
	// cast) to serve: the fixture's people are within the trainer's reach
	// unless a test makes someone who is not (scope_test.go).
	f.exec(t, `INSERT INTO training_scopes (trainer_id, team_id, position_id, granted_by)
		VALUES ($1, $2, NULL, $4), ($1, NULL, $3, $4)`, f.trainer.EmployeeID, f.teamA, f.leadPos, f.hr.EmployeeID)
	f.mustFramework(t)
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

// mustFramework creates framework version 1 (published) and a draft 2.
func (f *fixture) mustFramework(t *testing.T) {
	t.Helper()
	var draft, cat, draftCat int64
	f.get(t, &f.framework, `INSERT INTO frameworks (version, status, published_at) VALUES (1, 'PUBLISHED', now()) RETURNING id`)
	f.get(t, &draft, `INSERT INTO frameworks (version, status) VALUES (2, 'DRAFT') RETURNING id`)
	f.get(t, &cat, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务') RETURNING id`, f.framework)
	f.get(t, &draftCat, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务') RETURNING id`, draft)
	comp := func(code string, framework, category int64, archived bool) int64 {
		var id int64
		f.get(t, &id, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, code)
		f.exec(t, `INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, archived)
			VALUES ($1, $2, $3, $4, $4, $5)`, id, framework, category, code, archived)
		return id
	}
	f.empathy = comp("EMPATHY", f.framework, cat, false)
	f.listening = comp("LISTENING", f.framework, cat, false)
	f.retired = comp("RETIRED", f.framework, cat, true)
	f.draftOne = comp("DRAFTONLY", draft, draftCat, false)
}

var courseSeq atomic.Int64

// courseSpec describes a fixture course; zero fields get defaults.
type courseSpec struct {
	Owner    int64   // default: the fixture's trainer
	Status   string  // default PUBLISHED
	Modules  int     // number of modules
	Hours    float64 // default 2
	Validity int     // months; 0: none
}

// course is a fixture course with its module ids in order.
type course struct {
	ID      int64
	Code    string
	Modules []int64
}

func (f *fixture) course(t *testing.T, spec courseSpec) *course {
	t.Helper()
	if spec.Owner == 0 {
		spec.Owner = f.trainer.EmployeeID
	}
	if spec.Status == "" {
		spec.Status = "PUBLISHED"
	}
	if spec.Hours == 0 {
		spec.Hours = 2
	}
	c := &course{Code: fmt.Sprintf("C-%d", courseSeq.Add(1))}
	f.get(t, &c.ID, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status,
			validity_months, published_at, archived_at)
		VALUES ($1, $1 || ' course', $1 || ' 课程', 'E_LEARNING', $2, $3, $4, NULLIF($5, 0),
			CASE WHEN $4 <> 'DRAFT' THEN now() END, CASE WHEN $4 = 'ARCHIVED' THEN now() END)
		RETURNING id`, c.Code, spec.Hours, spec.Owner, spec.Status, spec.Validity)
	for i := 1; i <= spec.Modules; i++ {
		var id int64
		f.get(t, &id, `INSERT INTO course_modules (course_id, position, title_en, title_zh)
			VALUES ($1, $2, $3, $4) RETURNING id`, c.ID, i, fmt.Sprint("Module ", i), fmt.Sprint("模块 ", i))
		c.Modules = append(c.Modules, id)
	}
	return c
}

// develops links a course to a competency at a target level.
func (f *fixture) develops(t *testing.T, c *course, competency int64, target int) {
	t.Helper()
	f.exec(t, `INSERT INTO course_competencies (course_id, competency_id, framework_id, target_level)
		VALUES ($1, $2, $3, $4)`, c.ID, competency, f.framework, target)
}

func (f *fixture) requires(t *testing.T, c, prerequisite *course, enforced bool) {
	t.Helper()
	f.exec(t, `INSERT INTO course_prerequisites (course_id, prerequisite_id, enforced) VALUES ($1, $2, $3)`,
		c.ID, prerequisite.ID, enforced)
}

// employee hires an ACTIVE employee (no sign-in) into team and position.
func (f *fixture) employee(t *testing.T, team, position int64) int64 {
	t.Helper()
	return dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{TeamID: team, PositionID: position})
}

// enrollment returns the enrolment of employee in course.
func (f *fixture) enrollment(t *testing.T, employee int64, c *course) *learning.Enrollment {
	t.Helper()
	var id int64
	f.get(t, &id, `SELECT id FROM enrollments WHERE employee_id = $1 AND course_id = $2`, employee, c.ID)
	es, err := f.store.EnrollmentsByIDs(ctx, []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	return es[0]
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	f.get(t, &n, query, args...)
	return n
}

// assign assigns c to employees by HR, due in 30 days.
func (f *fixture) assign(t *testing.T, c *course, employees ...int64) *learning.AssignResult {
	t.Helper()
	res, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, EmployeeIDs: employees, DueOn: day(30)})
	if err != nil {
		t.Fatalf("Assign: %v", err)
	}
	return res
}

// enroll self-enrols v in c.
func (f *fixture) enroll(t *testing.T, v *auth.Viewer, c *course) *learning.Enrollment {
	t.Helper()
	e, _, err := f.store.Enroll(ctx, v, c.ID)
	if err != nil {
		t.Fatalf("Enroll: %v", err)
	}
	return e
}

// as is the viewer of an employee without extra roles.
func as(emp int64) *auth.Viewer {
	return &auth.Viewer{EmployeeID: emp, Roles: []auth.Role{auth.RoleEmployee}}
}

func ptr[T any](v T) *T { return &v }

// wantCode fails unless err is a rungs error with code and key.
func wantCode(t *testing.T, err error, code, key string) {
	t.Helper()
	var re *rungs.Error
	if !errors.As(err, &re) {
		t.Fatalf("got %v, want %s %s", err, code, key)
	}
	if re.Code != code || (key != "" && re.Key != key) {
		t.Fatalf("got %s %s (%v), want %s %s", re.Code, re.Key, re, code, key)
	}
}
