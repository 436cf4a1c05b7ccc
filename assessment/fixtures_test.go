package assessment_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/learning"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var ctx = context.Background()

// today is the day the tests run on, from the clock the stores default to
// (RUNGS_CLOCK_OFFSET shifts it and the database's clock together).
var today = clock.Today()

// start is when every fixture's clock starts: half past nine today.
var start = today.Add(9*time.Hour + 30*time.Minute)

// addMonths adds n months to a date the way PostgreSQL's date + interval
// does, which computes valid_until: a day the target month lacks becomes its
// last day (31 January + 1 month is the end of February), where Go's
// AddDate would run on into the next month.
func addMonths(d time.Time, n int) time.Time {
	d = d.UTC().Truncate(24 * time.Hour)
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

// fixture is a fresh database with a published framework (EMPATHY and
// LISTENING, plus RETIRED whose published version is archived, and
// DRAFTONLY only in a draft) and the cast of the access rules: the learner
// reports to manager; everyone is in the trainer's training scope.
type fixture struct {
	db       *sqlx.DB
	store    *assessment.Store
	learning *learning.Store
	now      time.Time

	framework                             int64
	empathy, listening, retired, draftOne int64

	position                         int64
	admin, hr, trainer, trainer2     *auth.Viewer
	manager, learner, colleague, emp *auth.Viewer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: assessment.NewStore(db), learning: learning.NewStore(db), now: start}
	f.store.Now = func() time.Time { return f.now }
	f.learning.Now = func() time.Time { return f.now }
	f.position = dbtest.MustCreatePosition(t, db, "", 1)
	f.admin = f.person(t, "Admin", 0, auth.RoleAdmin)
	f.hr = f.person(t, "HR", 0, auth.RoleHR)
	f.trainer = f.person(t, "Trainer", 0, auth.RoleTrainer)
	f.trainer2 = f.person(t, "Other Trainer", 0, auth.RoleTrainer)
	f.manager = f.person(t, "Manager", 0, auth.RoleManager)
	f.learner = f.person(t, "Learner", f.manager.EmployeeID)
	f.colleague = f.person(t, "Colleague", 0)
	// HR has given the trainer everyone's position to serve, so the
	// trainer may assign the assessments they own to anyone here.
	f.exec(t, `INSERT INTO training_scopes (trainer_id, position_id, granted_by) VALUES ($1, $2, $3)`,
		f.trainer.EmployeeID, f.position, f.hr.EmployeeID)
	f.mustFramework(t)
	return f
}

// person creates an employee with a sign-in and roles, reporting to
// manager (0: nobody).
func (f *fixture) person(t *testing.T, name string, manager int64, roles ...auth.Role) *auth.Viewer {
	t.Helper()
	rs := make([]string, len(roles))
	for i, r := range roles {
		rs[i] = string(r)
	}
	id := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{Name: name, PositionID: f.position, ManagerID: manager,
		PasswordHash: "x", Roles: rs})
	return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
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

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	f.get(t, &n, query, args...)
	return n
}

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

var seq atomic.Int64

// course is a published fixture course owned by the trainer, with its
// module ids in order.
type course struct {
	ID      int64
	Modules []int64
}

func (f *fixture) course(t *testing.T, modules int) *course {
	t.Helper()
	c := &course{}
	code := fmt.Sprintf("C-%d", seq.Add(1))
	f.get(t, &c.ID, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
		VALUES ($1, $1, $1, 'E_LEARNING', 2, $2, 'PUBLISHED', now()) RETURNING id`, code, f.trainer.EmployeeID)
	for i := 1; i <= modules; i++ {
		var id int64
		f.get(t, &id, `INSERT INTO course_modules (course_id, position, title_en, title_zh)
			VALUES ($1, $2, 'Module', '模块') RETURNING id`, c.ID, i)
		c.Modules = append(c.Modules, id)
	}
	return c
}

// Question builders. Option texts never say which is right: the tests
// look for the word "correct" in what learners receive.
func choice(kind string, points float64, n int, right ...int) assessment.QuestionInput {
	q := assessment.QuestionInput{Kind: kind, TextEN: "Which one?", TextZH: "哪一个？", Points: points,
		ExplanationEN: "Because.", ExplanationZH: "因为。"}
	for i := 0; i < n; i++ {
		o := assessment.OptionInput{TextEN: fmt.Sprintf("Option %c", 'A'+i), TextZH: fmt.Sprintf("选项%c", 'A'+i)}
		for _, r := range right {
			o.Correct = o.Correct || r == i
		}
		q.Options = append(q.Options, o)
	}
	return q
}

func single(points float64, right int) assessment.QuestionInput {
	return choice(assessment.KindSingleChoice, points, 3, right)
}

func multiple(points float64, n int, right ...int) assessment.QuestionInput {
	return choice(assessment.KindMultipleChoice, points, n, right...)
}

func trueFalse(points float64, right int) assessment.QuestionInput {
	q := choice(assessment.KindTrueFalse, points, 2, right)
	q.Options[0].TextEN, q.Options[0].TextZH = "True", "对"
	q.Options[1].TextEN, q.Options[1].TextZH = "False", "错"
	return q
}

func shortAnswer(points float64) assessment.QuestionInput {
	return assessment.QuestionInput{Kind: assessment.KindShortAnswer, TextEN: "Explain.", TextZH: "请解释。", Points: points}
}

// test is a published fixture assessment with its bank as stored.
type test struct {
	*assessment.Assessment
	Questions []*assessment.Question
}

// publish creates (as the trainer), fills and publishes an assessment.
func (f *fixture) publish(t *testing.T, in assessment.AssessmentInput, qs ...assessment.QuestionInput) *test {
	t.Helper()
	if in.Code == "" {
		in.Code = fmt.Sprintf("T-%d", seq.Add(1))
	}
	if in.TitleEN == "" {
		in.TitleEN, in.TitleZH = "Test", "测验"
	}
	if in.PassMark == 0 {
		in.PassMark = 70
	}
	a, err := f.store.CreateAssessment(ctx, f.trainer, in)
	if err != nil {
		t.Fatalf("CreateAssessment: %v", err)
	}
	stored, err := f.store.SetQuestions(ctx, f.trainer, a.ID, qs)
	if err != nil {
		t.Fatalf("SetQuestions: %v", err)
	}
	if a, err = f.store.Publish(ctx, f.trainer, a.ID); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	return &test{Assessment: a, Questions: stored}
}

// pick answers question q with the options at the given indexes.
func pick(q *assessment.Question, idx ...int) assessment.Answer {
	a := assessment.Answer{QuestionID: q.ID, OptionIDs: []int64{}}
	for _, i := range idx {
		a.OptionIDs = append(a.OptionIDs, q.Options[i].ID)
	}
	return a
}

func write(q *assessment.Question, text string) assessment.Answer {
	return assessment.Answer{QuestionID: q.ID, Text: text}
}

func (f *fixture) startAttempt(t *testing.T, v *auth.Viewer, a *test) *assessment.Attempt {
	t.Helper()
	at, err := f.store.StartAttempt(ctx, v, a.ID)
	if err != nil {
		t.Fatalf("StartAttempt: %v", err)
	}
	return at
}

// take starts an attempt and submits answers.
func (f *fixture) take(t *testing.T, v *auth.Viewer, a *test, answers ...assessment.Answer) *assessment.Attempt {
	t.Helper()
	at := f.startAttempt(t, v, a)
	at, err := f.store.SubmitAttempt(ctx, v, at.ID, answers)
	if err != nil {
		t.Fatalf("SubmitAttempt: %v", err)
	}
	return at
}

// wantCode fails unless err is a rungs error with code and key.
func wantCode(t *testing.T, err error, code, key string) *rungs.Error {
	t.Helper()
	var re *rungs.Error
	if !errors.As(err, &re) {
		t.Fatalf("got %v, want %s %s", err, code, key)
	}
	if re.Code != code || (key != "" && re.Key != key) {
		t.Fatalf("got %s %s (%v), want %s %s", re.Code, re.Key, re, code, key)
	}
	return re
}

// problems maps each field of a validation error to its keys.
func problems(t *testing.T, err error) map[string][]string {
	t.Helper()
	re := wantCode(t, err, rungs.ErrBadUserInput, "")
	out := map[string][]string{}
	for _, d := range re.Details {
		out[d.Field] = append(out[d.Field], d.Key)
	}
	return out
}
