package courses_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/courses"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var ctx = context.Background()

// start is the clock of every store at the beginning of a test: nine this
// morning on the clock the stores default to.
var start = clock.Today().Add(9 * time.Hour)

// fixture is a fresh database with people in every role, a published
// framework version 1 (scale 1..5; EMPATHY, LISTENING and the archived
// RETIRED) and a draft version 2 that adds DRAFTONLY.
type fixture struct {
	db    *sqlx.DB
	store *courses.Store
	now   time.Time

	trainer, trainer2, employee, employee2, hr, admin *auth.Viewer

	framework                              int64 // the published version
	empathy, listening, retired, draftOnly int64
	position                               int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: courses.NewStore(db), now: start}
	f.store.Now = func() time.Time { return f.now }
	f.position = dbtest.MustCreatePosition(t, db, "", 1)
	person := func(name string, roles ...auth.Role) *auth.Viewer {
		var rs []string
		for _, r := range roles {
			rs = append(rs, string(r))
		}
		id := dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, PositionID: f.position, PasswordHash: "x", Roles: rs})
		return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
	}
	f.trainer = person("Trainer", auth.RoleTrainer)
	f.trainer2 = person("Other Trainer", auth.RoleTrainer)
	f.employee = person("Agent")
	f.employee2 = person("Agent Two")
	f.hr = person("HR", auth.RoleHR)
	f.admin = person("Admin", auth.RoleAdmin)

	mustGet(t, db, &f.framework, `
		INSERT INTO frameworks (version, status, max_level, published_at) VALUES (1, 'PUBLISHED', 5, now()) RETURNING id`)
	var draft, cat1, cat2 int64
	mustGet(t, db, &draft, `INSERT INTO frameworks (version, status, max_level) VALUES (2, 'DRAFT', 5) RETURNING id`)
	mustGet(t, db, &cat1, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务') RETURNING id`, f.framework)
	mustGet(t, db, &cat2, `INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务') RETURNING id`, draft)
	comp := func(code string, inPublished, archived bool) int64 {
		var id int64
		mustGet(t, db, &id, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, code)
		if inPublished {
			mustExec(t, db, `INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, archived)
				VALUES ($1, $2, $3, $4, $4, $5)`, id, f.framework, cat1, code, archived)
		}
		mustExec(t, db, `INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, archived)
			VALUES ($1, $2, $3, $4, $4, $5)`, id, draft, cat2, code, archived)
		return id
	}
	f.empathy = comp("EMPATHY", true, false)
	f.listening = comp("LISTENING", true, false)
	f.retired = comp("RETIRED", true, true)
	f.draftOnly = comp("DRAFTONLY", false, false)
	return f
}

func mustGet(t *testing.T, db *sqlx.DB, dest any, q string, args ...any) {
	t.Helper()
	if err := db.Get(dest, q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func mustExec(t *testing.T, db *sqlx.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// input is a valid course input with code; one module.
func input(code string) courses.CourseInput {
	return courses.CourseInput{
		Code: code, TitleEN: "Course " + code, TitleZH: "课程 " + code, Format: courses.FormatELearning,
		EstimatedHours: 2, Modules: []courses.ModuleInput{{TitleEN: "Intro", TitleZH: "导论"}},
	}
}

// mustCreate creates a course as by and fails the test on error.
func (f *fixture) mustCreate(t *testing.T, by *auth.Viewer, in courses.CourseInput) *courses.Course {
	t.Helper()
	c, err := f.store.Create(ctx, by, in)
	if err != nil {
		t.Fatalf("Create %s: %v", in.Code, err)
	}
	return c
}

// mustPublished creates and publishes a course as by.
func (f *fixture) mustPublished(t *testing.T, by *auth.Viewer, in courses.CourseInput) *courses.Course {
	t.Helper()
	c := f.mustCreate(t, by, in)
	c, err := f.store.Publish(ctx, by, c.ID)
	if err != nil {
		t.Fatalf("Publish %s: %v", in.Code, err)
	}
	return c
}

// complete records that learner completed course (an enrolment from
// package learning, written directly).
func (f *fixture) complete(t *testing.T, learner *auth.Viewer, course int64) {
	t.Helper()
	mustExec(t, f.db, `
		INSERT INTO enrollments (employee_id, course_id, status, started_at, completed_at, last_completed_at)
		VALUES ($1, $2, 'COMPLETED', now(), now(), now())`, learner.EmployeeID, course)
}

// wantErr checks err is a *rungs.Error with code and, where given, key and
// field; it returns it for further checks.
func wantErr(t *testing.T, err error, code, key, field string) *rungs.Error {
	t.Helper()
	var e *rungs.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a %s rungs.Error", err, code)
	}
	if e.Code != code {
		t.Errorf("code = %s, want %s (%v)", e.Code, code, err)
	}
	if key != "" && e.Key != key {
		t.Errorf("key = %s, want %s (%v)", e.Key, key, err)
	}
	if field != "" && e.Field != field {
		t.Errorf("field = %q, want %q (%v)", e.Field, field, err)
	}
	return e
}

// problems lists "field key" of every problem a validation error reports,
// sorted.
func problems(err error) []string {
	var e *rungs.Error
	if !errors.As(err, &e) {
		return nil
	}
	var ps []string
	for _, d := range e.Details {
		ps = append(ps, d.Field+" "+d.Key)
	}
	slices.Sort(ps)
	return ps
}

func ptr[T any](v T) *T { return &v }

// codes lists the codes of cs.
func codes(cs []*courses.Course) []string {
	out := []string{}
	for _, c := range cs {
		if c == nil {
			out = append(out, "<nil>")
		} else {
			out = append(out, c.Code)
		}
	}
	return out
}
