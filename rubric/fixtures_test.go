package rubric_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/rubric"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// today is the day the tests run on, from the clock the stores default to
// (RUNGS_CLOCK_OFFSET shifts it and the database's current_date together).
var today = clock.Today()

// now is the clock of every store in these tests: half past ten today.
var now = today.Add(10*time.Hour + 30*time.Minute)

// day returns today plus n days (negative: the past).
func day(n int) time.Time { return today.AddDate(0, 0, n) }

var ctx = context.Background()

// fixture is a fresh database with a published framework version 1 (a
// five-level scale; EMPATHY, LISTENING and RESOLUTION current, OLD_SCRIPT
// archived) and these people:
//
//	director ─ manager ─┬─ agent
//	                    └─ peer
//	otherManager ─ otherAgent
//	trainer, trainer2 (TRAINER), hr (HR), admin (ADMIN)
//
// agent, peer and otherAgent make up the floor team, the training scope of
// both trainers.
type fixture struct {
	db    *sqlx.DB
	store *rubric.Store

	framework                                int64
	empathy, listening, resolution, archived int64

	director, manager, agent, peer, otherManager, otherAgent int64
	trainer, trainer2, hr, admin                             int64
	floor                                                    int64 // the agents' team
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: rubric.NewStore(db)}
	f.store.Now = func() time.Time { return now }

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	must(db.Get(&f.framework, `
		INSERT INTO frameworks (version, status, max_level, published_at) VALUES (1, 'PUBLISHED', 5, now()) RETURNING id`))
	_, err := db.Exec(`
		INSERT INTO proficiency_levels (framework_id, level, name_en, name_zh)
		SELECT $1, l, 'Level ' || l, l || '级' FROM generate_series(1, 5) l`, f.framework)
	must(err)
	var category int64
	must(db.Get(&category, `
		INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务')
		RETURNING id`, f.framework))
	competency := func(code string, archived bool) int64 {
		t.Helper()
		var id int64
		must(db.Get(&id, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, code))
		_, err := db.Exec(`
			INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, archived)
			VALUES ($1, $2, $3, $4, $4, $5)`, id, f.framework, category, code, archived)
		must(err)
		return id
	}
	f.empathy = competency("EMPATHY", false)
	f.listening = competency("LISTENING", false)
	f.resolution = competency("RESOLUTION", false)
	f.archived = competency("OLD_SCRIPT", true)

	pos := dbtest.MustCreatePosition(t, db, "", 1)
	person := func(name string, manager int64, roles ...string) int64 {
		return dbtest.MustCreateEmployee(t, db, dbtest.Employee{
			Name: name, PositionID: pos, ManagerID: manager, PasswordHash: "x", Roles: roles,
		})
	}
	f.director = person("Director", 0, "MANAGER")
	f.manager = person("Manager", f.director, "MANAGER")
	f.agent = person("Agent", f.manager)
	f.peer = person("Peer", f.manager)
	f.otherManager = person("Other Manager", 0, "MANAGER")
	f.otherAgent = person("Other Agent", f.otherManager)
	f.trainer = person("Trainer", 0, "TRAINER")
	f.trainer2 = person("Trainer Two", 0, "TRAINER")
	f.hr = person("HR", 0, "HR")
	f.admin = person("Admin", 0, "ADMIN")
	// The agents form the floor team, which HR gave both trainers to serve.
	f.floor = dbtest.MustCreateTeam(t, db, "")
	_, err = db.Exec(`UPDATE employees SET team_id = $1 WHERE id = ANY($2)`, f.floor, pq.Array([]int64{f.agent, f.peer, f.otherAgent}))
	must(err)
	_, err = db.Exec(`INSERT INTO training_scopes (trainer_id, team_id, granted_by) SELECT unnest($1::bigint[]), $2, $3`,
		pq.Array([]int64{f.trainer, f.trainer2}), f.floor, f.hr)
	must(err)
	return f
}

// as returns the viewer of employee id with the roles the fixture gave them.
func (f *fixture) as(t *testing.T, id int64) *auth.Viewer {
	t.Helper()
	var roles []auth.Role
	if err := f.db.Select(&roles, `SELECT role FROM user_roles WHERE employee_id = $1 ORDER BY role`, id); err != nil {
		t.Fatal(err)
	}
	return &auth.Viewer{EmployeeID: id, Roles: roles}
}

// describe returns a descriptor for every level of the five-level scale.
func describe(what string) []rubric.DescriptorInput {
	var ds []rubric.DescriptorInput
	for l := 1; l <= 5; l++ {
		ds = append(ds, rubric.DescriptorInput{Level: l, TextEN: fmt.Sprintf("%s at level %d", what, l), TextZH: fmt.Sprintf("%s%d级", what, l)})
	}
	return ds
}

// published is a published QA rubric owned by f.trainer with EMPATHY
// (weight 2), LISTENING (1) and RESOLUTION (1), and its criteria in order.
func (f *fixture) published(t *testing.T, code string) (*rubric.Rubric, []*rubric.Criterion) {
	t.Helper()
	owner := f.as(t, f.trainer)
	r, err := f.store.CreateRubric(ctx, owner, rubric.RubricInput{
		Code: code, NameEN: "Call quality", NameZH: "通话质量", Purpose: rubric.PurposeQASampling,
	})
	if err != nil {
		t.Fatalf("CreateRubric: %v", err)
	}
	cs, err := f.store.SetCriteria(ctx, owner, r.ID, []rubric.CriterionInput{
		{CompetencyID: f.empathy, Weight: 2, NameEN: "Empathy", NameZH: "同理心", Descriptors: describe("empathy")},
		{CompetencyID: f.listening, Weight: 1, NameEN: "Listening", NameZH: "倾听", Descriptors: describe("listening")},
		{CompetencyID: f.resolution, Weight: 1, NameEN: "Resolution", NameZH: "解决", Descriptors: describe("resolution")},
	})
	if err != nil {
		t.Fatalf("SetCriteria: %v", err)
	}
	if r, err = f.store.Publish(ctx, owner, r.ID); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	return r, cs
}

// items gives criteria the levels, in order.
func items(cs []*rubric.Criterion, levels ...int) []rubric.ItemInput {
	var out []rubric.ItemInput
	for i, c := range cs {
		out = append(out, rubric.ItemInput{CriterionID: c.ID, Level: levels[i], Comment: fmt.Sprintf("%s: %d", c.NameEN, levels[i])})
	}
	return out
}

// score scores employee on r as assessor and fails the test on error.
func (f *fixture) score(t *testing.T, assessor, employee int64, r *rubric.Rubric, cs []*rubric.Criterion, ref string, levels ...int) *rubric.Scorecard {
	t.Helper()
	sc, err := f.store.Score(ctx, f.as(t, assessor), rubric.ScoreInput{
		RubricID: r.ID, EmployeeID: employee, Channel: rubric.ChannelCall, InteractionRef: ref,
		InteractionOn: day(-3), Items: items(cs, levels...), Comment: "overall",
	})
	if err != nil {
		t.Fatalf("Score by %d of %d: %v", assessor, employee, err)
	}
	return sc
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

// problems lists "field key" of every problem a validation error reports, sorted.
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
