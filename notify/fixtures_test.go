package notify_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var seq atomic.Int64

// world is a test database with a position to hang employees on and a
// course owner.
type world struct {
	t     *testing.T
	db    *sqlx.DB
	pos   int64
	owner int64
}

func newWorld(t *testing.T, db *sqlx.DB) *world {
	t.Helper()
	w := &world{t: t, db: db}
	w.pos = dbtest.MustCreatePosition(t, db, "", 1)
	w.owner = dbtest.MustCreateEmployee(t, db, dbtest.Employee{PositionID: w.pos})
	return w
}

// twoPools opens two connection pools on one fresh database: two server
// processes sharing it.
func twoPools(t *testing.T) (*sqlx.DB, *sqlx.DB) {
	t.Helper()
	name := dbtest.NewDatabase(t)
	open := func() *sqlx.DB {
		db, err := postgres.Open(context.Background(), dbtest.URL(name), postgres.Options{MaxOpenConns: 8})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	return open(), open()
}

// person creates an employee; locale "" means no sign-in (no users row),
// otherwise a sign-in reading notifications in locale.
func (w *world) person(name, locale string) int64 {
	w.t.Helper()
	e := dbtest.Employee{PositionID: w.pos, Name: name}
	if locale != "" {
		e.PasswordHash = "x"
	}
	id := dbtest.MustCreateEmployee(w.t, w.db, e)
	if locale != "" {
		w.exec(`UPDATE users SET locale = $2 WHERE employee_id = $1`, id, locale)
	}
	return id
}

func (w *world) email(id int64) string {
	w.t.Helper()
	var s string
	if err := w.db.Get(&s, `SELECT email FROM employees WHERE id = $1`, id); err != nil {
		w.t.Fatal(err)
	}
	return s
}

func (w *world) setStatus(id int64, status string) {
	w.t.Helper()
	w.exec(`UPDATE employees SET status = $2, offboarded_on = CASE WHEN $2 = 'OFFBOARDED' THEN $3::date END
		WHERE id = $1`, id, status, dbtest.Date(-30))
}

func (w *world) course(en, zh string) (int64, string) {
	w.t.Helper()
	code := fmt.Sprintf("C-%d", seq.Add(1))
	var id int64
	if err := w.db.Get(&id, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id)
		VALUES ($1, $2, $3, 'E_LEARNING', 2, $4) RETURNING id`, code, en, zh, w.owner); err != nil {
		w.t.Fatal(err)
	}
	return id, code
}

// enroll creates an enrolment in status, due on due ("" for none).
func (w *world) enroll(employee, course int64, status, due string) int64 {
	w.t.Helper()
	var id int64
	err := w.db.Get(&id, `
		INSERT INTO enrollments (employee_id, course_id, status, due_on, started_at, completed_at, withdrawn_at)
		VALUES ($1, $2, $3, NULLIF($4, '')::date,
		        CASE WHEN $3 IN ('IN_PROGRESS', 'COMPLETED') THEN now() END,
		        CASE WHEN $3 = 'COMPLETED' THEN now() END,
		        CASE WHEN $3 = 'WITHDRAWN' THEN now() END)
		RETURNING id`, employee, course, status, due)
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

// notify inserts a notification with params (JSON text) created ago
// seconds before now, and returns its id.
func (w *world) notify(recipient int64, kind, params string, agoSeconds int) int64 {
	w.t.Helper()
	var id int64
	if err := w.db.Get(&id, `
		INSERT INTO notifications (recipient_id, kind, params, created_at)
		VALUES ($1, $2, $3::jsonb, now() - $4 * interval '1 second') RETURNING id`,
		recipient, kind, params, agoSeconds); err != nil {
		w.t.Fatal(err)
	}
	return id
}

func (w *world) exec(q string, args ...any) {
	w.t.Helper()
	if _, err := w.db.Exec(q, args...); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) count(q string, args ...any) int {
	w.t.Helper()
	var n int
	if err := w.db.Get(&n, q, args...); err != nil {
		w.t.Fatal(err)
	}
	return n
}

// assessment creates a published standalone assessment owned by the course
// owner.
func (w *world) assessment(en, zh string) (int64, string) {
	w.t.Helper()
	code := fmt.Sprintf("T-%d", seq.Add(1))
	var id int64
	if err := w.db.Get(&id, `
		INSERT INTO assessments (code, title_en, title_zh, pass_mark, status, owner_id, published_at)
		VALUES ($1, $2, $3, 70, 'PUBLISHED', $4, now()) RETURNING id`, code, en, zh, w.owner); err != nil {
		w.t.Fatal(err)
	}
	return id, code
}

// enrollAssessment creates an enrolment in an assessment, in status, due on due.
func (w *world) enrollAssessment(employee, assessment int64, status, due string) int64 {
	w.t.Helper()
	var id int64
	err := w.db.Get(&id, `
		INSERT INTO enrollments (employee_id, assessment_id, status, due_on, started_at, completed_at)
		VALUES ($1, $2, $3, NULLIF($4, '')::date,
		        CASE WHEN $3 IN ('IN_PROGRESS', 'COMPLETED') THEN now() END,
		        CASE WHEN $3 = 'COMPLETED' THEN now() END)
		RETURNING id`, employee, assessment, status, due)
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

// enDate and zhDate write a date the way notify.Render does ("3 Dec 2026",
// "2026年12月3日"; render_test.go pins that text on a fixed date), for
// assertions on dates computed from today.
func enDate(d time.Time) string { return d.Format("2 Jan 2006") }

func zhDate(d time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}
