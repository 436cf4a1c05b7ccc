package competency_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// now is the clock of every store in these tests, and the "now" of the
// pure tests: midnight UTC today, on the clock the stores default to
// (RUNGS_CLOCK_OFFSET shifts it and the database's clock together). The
// rule counts ages in days, so dates relative to it test the same on any
// day.
var now = clock.Today()

// day returns now plus n days (negative: the past).
func day(n int) time.Time { return now.AddDate(0, 0, n) }

// fiveLevels is a complete default scale.
var fiveLevels = []competency.LevelInput{
	{NameEN: "Aware", NameZH: "了解"},
	{NameEN: "Basic", NameZH: "基础"},
	{NameEN: "Proficient", NameZH: "熟练"},
	{NameEN: "Advanced", NameZH: "高级"},
	{NameEN: "Expert", NameZH: "专家"},
}

// fixture is a fresh database with a published framework version 1
// (a five-level scale, category SERVICE with EMPATHY and LISTENING, EMPATHY
// with indicators at every level) and three employees: a manager and two
// agents in their line.
type fixture struct {
	db                     *sqlx.DB
	store                  *competency.Store
	v1                     *competency.Framework
	empathy, listening     *competency.Competency
	manager, agent, agent2 int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: competency.NewStore(db)}
	f.store.Now = func() time.Time { return now }
	f.v1 = mustPublishV1(t, f.store)
	comps, err := f.store.Competencies(context.Background(), f.v1.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comps {
		switch c.Code {
		case "EMPATHY":
			f.empathy = c
		case "LISTENING":
			f.listening = c
		}
	}
	if f.empathy == nil || f.listening == nil {
		t.Fatalf("published v1 holds %v", comps)
	}
	agentPos := dbtest.MustCreatePosition(t, db, "", 1)
	mgrPos := dbtest.MustCreatePosition(t, db, "", 3)
	f.manager = dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: "Manager", PositionID: mgrPos})
	f.agent = dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: "Agent", PositionID: agentPos, ManagerID: f.manager})
	f.agent2 = dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: "Agent Two", PositionID: agentPos, ManagerID: f.manager})
	return f
}

// mustPublishV1 builds version 1 through the API on a database without any
// framework: the first edit creates it as a draft.
func mustPublishV1(t *testing.T, s *competency.Store) *competency.Framework {
	t.Helper()
	ctx := context.Background()
	if _, err := s.SetScale(ctx, 0, fiveLevels); err != nil {
		t.Fatalf("SetScale: %v", err)
	}
	if _, err := s.CreateCategory(ctx, 0, competency.CategoryInput{Code: "SERVICE", NameEN: "Service", NameZH: "服务"}); err != nil {
		t.Fatalf("CreateCategory: %v", err)
	}
	emp, err := s.CreateCompetency(ctx, 0, competency.CompetencyInput{
		Code: "EMPATHY", CategoryCode: "SERVICE", NameEN: "Empathy", NameZH: "同理心", DescEN: "Feels with the customer",
	})
	if err != nil {
		t.Fatalf("CreateCompetency EMPATHY: %v", err)
	}
	if _, err := s.CreateCompetency(ctx, 0, competency.CompetencyInput{
		Code: "LISTENING", CategoryCode: "SERVICE", NameEN: "Listening", NameZH: "倾听", SortOrder: 1,
	}); err != nil {
		t.Fatalf("CreateCompetency LISTENING: %v", err)
	}
	var inds []competency.IndicatorInput
	for l := 1; l <= 5; l++ {
		inds = append(inds, competency.IndicatorInput{Level: l, EN: "Shows empathy " + string(rune('0'+l)), ZH: "表现同理心"})
	}
	if _, err := s.SetIndicators(ctx, 0, emp.ID, inds); err != nil {
		t.Fatalf("SetIndicators: %v", err)
	}
	f, err := s.Publish(ctx, 0, "first version")
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	if f.Version != 1 || f.Status != competency.StatusPublished {
		t.Fatalf("published version %d %s, want 1 PUBLISHED", f.Version, f.Status)
	}
	return f
}

// rate records evidence and fails the test on error. A SELF rating is by
// the employee, any other by the manager.
func (f *fixture) rate(t *testing.T, emp, comp int64, level int, source string, observed time.Time) *competency.Evidence {
	t.Helper()
	by := f.manager
	if source == competency.SourceSelf {
		by = emp
	}
	e, err := f.store.Rate(context.Background(), competency.RatingInput{
		EmployeeID: emp, CompetencyID: comp, Level: level, ObservedOn: observed, Source: source, AssessorID: by,
	})
	if err != nil {
		t.Fatalf("Rate(%d, %d, level %d, %s): %v", emp, comp, level, source, err)
	}
	return e
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

// fields lists the fields of every problem a validation error reports.
func fields(err error) []string {
	var e *rungs.Error
	if !errors.As(err, &e) {
		return nil
	}
	var fs []string
	for _, d := range e.Details {
		fs = append(fs, d.Field)
	}
	slices.Sort(fs)
	return fs
}
