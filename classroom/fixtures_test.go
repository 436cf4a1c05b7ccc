package classroom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/classroom"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// start is where every fixture's clock begins: nine this morning on the
// clock the stores default to (RUNGS_CLOCK_OFFSET shifts it and the
// database's clock together).
var start = clock.Today().Add(9 * time.Hour)

// fixture is a fresh database with a published classroom course owned by a
// trainer, and one person for every role the access rules name, all in the
// owner's training scope.
type fixture struct {
	db    *sqlx.DB
	store *classroom.Store
	clock atomic.Int64 // unix nanoseconds

	course int64 // PUBLISHED, CLASSROOM, owned by owner
	code   string

	owner, otherTrainer, trainer, learner, learner2, hr, admin *auth.Viewer
	position                                                   int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, store: classroom.NewStore(db)}
	f.clock.Store(start.UnixNano())
	f.store.Now = f.now
	f.position = dbtest.MustCreatePosition(t, db, "", 1)
	f.owner = f.person(t, "Owner", auth.RoleTrainer)
	f.otherTrainer = f.person(t, "Other Trainer", auth.RoleTrainer)
	f.trainer = f.person(t, "Session Trainer", auth.RoleTrainer)
	f.learner = f.person(t, "Learner")
	f.learner2 = f.person(t, "Learner Two")
	f.hr = f.person(t, "HR", auth.RoleHR)
	f.admin = f.person(t, "Admin", auth.RoleAdmin)
	f.course, f.code = f.mustCourse(t, f.owner.EmployeeID, "CLASSROOM", "PUBLISHED")
	// HR has given the owner the fixture's position to serve: everyone
	// above is in their training scope (scope_test.go makes an outsider).
	f.scope(t, f.owner, f.position)
	return f
}

// scope grants trainer the position, as HR.
func (f *fixture) scope(t *testing.T, trainer *auth.Viewer, position int64) {
	t.Helper()
	if _, err := f.db.Exec(`INSERT INTO training_scopes (trainer_id, position_id, granted_by) VALUES ($1, $2, $3)`,
		trainer.EmployeeID, position, f.hr.EmployeeID); err != nil {
		t.Fatalf("scope: %v", err)
	}
}

func (f *fixture) now() time.Time { return time.Unix(0, f.clock.Load()).UTC() }

// advance moves the clock forward.
func (f *fixture) advance(d time.Duration) { f.clock.Add(int64(d)) }

// person creates an employee with a sign-in (users and user_roles rows)
// holding EMPLOYEE and roles, and returns them as a viewer.
func (f *fixture) person(t *testing.T, name string, roles ...auth.Role) *auth.Viewer {
	t.Helper()
	var rs []string
	for _, r := range roles {
		rs = append(rs, string(r))
	}
	id := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{Name: name, PositionID: f.position, PasswordHash: "x", Roles: rs})
	return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
}

// people creates n learners and returns their ids.
func (f *fixture) people(t *testing.T, n int) []int64 {
	t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = f.person(t, fmt.Sprintf("Learner %d", i)).EmployeeID
	}
	return ids
}

var courseSeq atomic.Int64

// mustCourse inserts a course row with plain SQL (the catalogue package is
// not imported) and returns its id and code.
func (f *fixture) mustCourse(t *testing.T, owner int64, format, status string) (int64, string) {
	t.Helper()
	code := fmt.Sprintf("CR-%d", courseSeq.Add(1))
	var id int64
	err := f.db.Get(&id, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at, archived_at)
		VALUES ($1, 'Handling complaints', '投诉处理', $2, 6, $3, $4,
		        CASE WHEN $4 <> 'DRAFT' THEN now() END, CASE WHEN $4 = 'ARCHIVED' THEN now() END)
		RETURNING id`, code, format, owner, status)
	if err != nil {
		t.Fatalf("mustCourse: %v", err)
	}
	return id, code
}

// input is a valid session of the fixture's course a week ahead.
func (f *fixture) input(capacity int) classroom.SessionInput {
	starts := f.now().Add(7 * 24 * time.Hour)
	return classroom.SessionInput{
		CourseID: f.course, StartsAt: starts, EndsAt: starts.Add(3 * time.Hour),
		Place: "Room 301, Shenzhen", Capacity: capacity, TrainerID: &f.trainer.EmployeeID,
	}
}

// mustSession creates a session of the fixture's course as its owner.
func (f *fixture) mustSession(t *testing.T, capacity int) *classroom.Session {
	t.Helper()
	s, err := f.store.CreateSession(context.Background(), f.owner, f.input(capacity))
	if err != nil {
		t.Fatalf("CreateSession: %v", err)
	}
	return s
}

// mustRegister registers each employee, as themself, in order.
func (f *fixture) mustRegister(t *testing.T, session int64, ids ...int64) []*classroom.Registration {
	t.Helper()
	var out []*classroom.Registration
	for _, id := range ids {
		r, err := f.store.Register(context.Background(), self(id), session, id)
		if err != nil {
			t.Fatalf("Register(%d): %v", id, err)
		}
		out = append(out, r)
	}
	return out
}

func (f *fixture) mustWithdraw(t *testing.T, session, id int64) {
	t.Helper()
	if _, err := f.store.Withdraw(context.Background(), self(id), session, id); err != nil {
		t.Fatalf("Withdraw(%d): %v", id, err)
	}
}

// self is an employee acting for themself.
func self(id int64) *auth.Viewer {
	return &auth.Viewer{EmployeeID: id, Roles: []auth.Role{auth.RoleEmployee}}
}

// roster returns the ids of the people seated and waiting, each in order.
func (f *fixture) roster(t *testing.T, session int64) (seated, waiting []int64) {
	t.Helper()
	rs, err := f.store.RegistrationsOf(context.Background(), []int64{session})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs[0] {
		switch r.Status {
		case classroom.Registered:
			if r.WaitlistedAt.Valid {
				t.Errorf("registered %d keeps waitlisted_at", r.EmployeeID)
			}
			seated = append(seated, r.EmployeeID)
		case classroom.Waitlisted:
			waiting = append(waiting, r.EmployeeID)
		default:
			t.Errorf("RegistrationsOf returned a %s registration", r.Status)
		}
	}
	return seated, waiting
}

// seatsTaken reads the trigger-kept counter.
func (f *fixture) seatsTaken(t *testing.T, session int64) int {
	t.Helper()
	s, err := f.store.SessionByID(context.Background(), session)
	if err != nil {
		t.Fatal(err)
	}
	return s.SeatsTaken
}

// notice is one row of notifications.
type notice struct {
	Recipient int64
	Kind      string
	Params    map[string]any
}

// notices returns the notifications of kind, by recipient.
func (f *fixture) notices(t *testing.T, kind string) map[int64]notice {
	t.Helper()
	rows, err := f.db.Query(`SELECT recipient_id, kind, params FROM notifications WHERE kind = $1 ORDER BY id`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]notice{}
	for rows.Next() {
		var n notice
		var raw []byte
		if err := rows.Scan(&n.Recipient, &n.Kind, &raw); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &n.Params); err != nil {
			t.Fatal(err)
		}
		if _, dup := out[n.Recipient]; dup {
			t.Errorf("%s twice for %d", kind, n.Recipient)
		}
		out[n.Recipient] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// recipients lists the keys of notices, sorted.
func recipients(ns map[int64]notice) []int64 {
	var ids []int64
	for id := range ns {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func sorted(ids ...int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// wantParams checks a notice carries the session's rendering params.
func (f *fixture) wantParams(t *testing.T, n notice, s *classroom.Session) {
	t.Helper()
	want := map[string]any{
		"session_id":      float64(s.ID),
		"course_id":       float64(f.course),
		"course_code":     f.code,
		"course_title_en": "Handling complaints",
		"course_title_zh": "投诉处理",
		"place":           s.Place,
	}
	for k, v := range want {
		if n.Params[k] != v {
			t.Errorf("%s params[%s] = %v, want %v", n.Kind, k, n.Params[k], v)
		}
	}
	wantTime(t, n.Params, "starts_at", s.StartsAt)
	wantTime(t, n.Params, "ends_at", s.EndsAt)
}

func wantTime(t *testing.T, params map[string]any, key string, want time.Time) {
	t.Helper()
	s, _ := params[key].(string)
	got, err := time.Parse(time.RFC3339, s)
	if err != nil || !got.Equal(want) {
		t.Errorf("params[%s] = %q, want %s", key, s, want.Format(time.RFC3339))
	}
}

// wantErr checks err is a *rungs.Error with code and, where given, key.
func wantErr(t *testing.T, err error, code, key string) *rungs.Error {
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
	return e
}

// problems lists "field:key" of every problem a validation error reports.
func problems(err error) []string {
	var e *rungs.Error
	if !errors.As(err, &e) {
		return nil
	}
	var ps []string
	for _, d := range e.Details {
		ps = append(ps, d.Field+":"+d.Key)
	}
	slices.Sort(ps)
	return ps
}

func ptr[T any](v T) *T { return &v }
