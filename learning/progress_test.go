package learning_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/postgres"
)

func TestEnroll(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 1})
	e, warnings, err := f.store.Enroll(ctx, f.learner, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != "ASSIGNED" || e.AssignmentID.Valid || e.DueOn.Valid || len(warnings) != 0 {
		t.Fatalf("enrolment %+v warnings %v", e, warnings)
	}
	_, _, err = f.store.Enroll(ctx, f.learner, c.ID)
	wantCode(t, err, rungs.ErrConflict, "enrollment.exists")

	if _, err := f.store.CompleteModule(ctx, f.learner, e.ID, c.Modules[0]); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.store.Enroll(ctx, f.learner, c.ID)
	wantCode(t, err, rungs.ErrConflict, "enrollment.completed")

	_, _, err = f.store.Enroll(ctx, f.learner, f.course(t, courseSpec{Status: "ARCHIVED"}).ID)
	wantCode(t, err, rungs.ErrBadUserInput, "course.not_published")
	_, _, err = f.store.Enroll(ctx, f.learner, 999999)
	wantCode(t, err, rungs.ErrNotFound, "course.not_found")
	_, _, err = f.store.Enroll(ctx, nil, c.ID)
	wantCode(t, err, rungs.ErrUnauthenticated, "")

	// A withdrawn self-enrolment re-opens in the next cycle.
	other := f.course(t, courseSpec{})
	e = f.enroll(t, f.learner, other)
	if _, err := f.store.Withdraw(ctx, f.learner, e.ID, ""); err != nil {
		t.Fatal(err)
	}
	again := f.enroll(t, f.learner, other)
	if again.ID != e.ID || again.Status != "ASSIGNED" || again.Cycle != 2 {
		t.Fatalf("re-enrolled %+v", again)
	}
}

func TestPrerequisites(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	basics := f.course(t, courseSpec{Modules: 1})
	recommended := f.course(t, courseSpec{Modules: 1})
	advanced := f.course(t, courseSpec{Modules: 2})
	f.requires(t, advanced, basics, true)
	f.requires(t, advanced, recommended, false)

	e, warnings, err := f.store.Enroll(ctx, f.learner, advanced.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], recommended.Code) {
		t.Fatalf("warnings %v, want one naming %s", warnings, recommended.Code)
	}
	_, err = f.store.StartCourse(ctx, f.learner, e.ID)
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.prerequisite.missing")
	if !strings.Contains(err.Error(), basics.Code) || strings.Contains(err.Error(), recommended.Code) {
		t.Fatalf("%q should name %s only", err, basics.Code)
	}
	_, err = f.store.CompleteModule(ctx, f.learner, e.ID, advanced.Modules[0])
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.prerequisite.missing")
	if n := f.count(t, `SELECT count(*) FROM module_progress`); n != 0 {
		t.Fatalf("a blocked tick left %d rows", n)
	}

	// Completing the enforced one unblocks; the advisory one never blocks.
	b := f.enroll(t, f.learner, basics)
	if _, err := f.store.CompleteModule(ctx, f.learner, b.ID, basics.Modules[0]); err != nil {
		t.Fatal(err)
	}
	got, err := f.store.StartCourse(ctx, f.learner, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "IN_PROGRESS" || !got.StartedAt.Time.Equal(now) {
		t.Fatalf("started %+v", got)
	}
	// Starting again changes nothing.
	if again, err := f.store.StartCourse(ctx, f.learner, e.ID); err != nil || again.Status != "IN_PROGRESS" {
		t.Fatalf("start twice: %+v %v", again, err)
	}
	if n := f.count(t, `SELECT count(*) FROM enrollment_events WHERE enrollment_id = $1`, e.ID); n != 2 {
		t.Fatalf("%d events, want 2", n)
	}
}

func TestModuleTicking(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 3})
	elsewhere := f.course(t, courseSpec{Modules: 1})
	id := f.assign(t, c, f.learner.EmployeeID).Assignment.ID
	e := f.enrollment(t, f.learner.EmployeeID, c)
	if e.AssignmentID.Int64 != id {
		t.Fatal("not assigned")
	}

	tick := func(module int64) *learning.Enrollment {
		t.Helper()
		got, err := f.store.CompleteModule(ctx, f.learner, e.ID, module)
		if err != nil {
			t.Fatalf("tick %d: %v", module, err)
		}
		return got
	}
	got := tick(c.Modules[1])
	if got.Status != "IN_PROGRESS" || !got.StartedAt.Valid || got.ModulesDone != 1 || got.PercentComplete() != 33 {
		t.Fatalf("after one tick %+v (%d%%)", got, got.PercentComplete())
	}
	if got = tick(c.Modules[1]); got.ModulesDone != 1 || got.Status != "IN_PROGRESS" {
		t.Fatalf("ticking twice: %+v", got)
	}
	_, err := f.store.CompleteModule(ctx, f.learner, e.ID, elsewhere.Modules[0])
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.module.not_in_course")

	tick(c.Modules[0])
	got = tick(c.Modules[2])
	if got.Status != "COMPLETED" || !got.CompletedAt.Time.Equal(now) || !got.LastCompletedAt.Time.Equal(now) ||
		got.PercentComplete() != 100 || got.ValidUntil.Valid {
		t.Fatalf("after the last tick %+v", got)
	}
	_, err = f.store.CompleteModule(ctx, f.learner, e.ID, c.Modules[0])
	wantCode(t, err, rungs.ErrConflict, "enrollment.completed")

	ticks, err := f.store.ModuleProgressOf(ctx, []int64{e.ID, 999999})
	if err != nil {
		t.Fatal(err)
	}
	if len(ticks[0]) != 3 || ticks[0][0].ModuleID != c.Modules[0] || ticks[0][2].ModuleID != c.Modules[2] || len(ticks[1]) != 0 {
		t.Fatalf("ticks %+v", ticks)
	}
	events, _ := f.store.EventsOf(ctx, []int64{e.ID})
	var path []string
	for _, ev := range events[0] {
		path = append(path, ev.FromStatus.String+">"+ev.ToStatus)
	}
	if strings.Join(path, " ") != ">ASSIGNED ASSIGNED>IN_PROGRESS IN_PROGRESS>COMPLETED" {
		t.Fatalf("events %v", path)
	}
}

// Completion writes COURSE evidence for competencies of the published
// framework only, at the course's target level.
func TestCompletionEvidence(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 1})
	f.develops(t, c, f.empathy, 3)
	f.develops(t, c, f.retired, 2)  // archived in the published version
	f.develops(t, c, f.draftOne, 2) // not in the published version at all
	e := f.enroll(t, f.learner, c)
	if _, err := f.store.CompleteModule(ctx, f.learner, e.ID, c.Modules[0]); err != nil {
		t.Fatal(err)
	}
	type evidence struct {
		EmployeeID   int64         `db:"employee_id"`
		CompetencyID int64         `db:"competency_id"`
		FrameworkID  int64         `db:"framework_id"`
		Level        int           `db:"level"`
		Source       string        `db:"source"`
		CourseID     int64         `db:"course_id"`
		AssessorID   sql.NullInt64 `db:"assessor_id"`
		ObservedOn   time.Time     `db:"observed_on"`
		Comment      string        `db:"comment"`
	}
	var rows []evidence
	if err := f.db.Select(&rows, `SELECT employee_id, competency_id, framework_id, level, source, course_id,
		assessor_id, observed_on, comment FROM competency_evidence`); err != nil {
		t.Fatal(err)
	}
	want := evidence{EmployeeID: f.learner.EmployeeID, CompetencyID: f.empathy, FrameworkID: f.framework, Level: 3,
		Source: "COURSE", CourseID: c.ID, ObservedOn: today}
	if len(rows) == 1 && rows[0].ObservedOn.Equal(want.ObservedOn) {
		rows[0].ObservedOn = want.ObservedOn // lib/pq's zone differs from time.UTC
	}
	if len(rows) != 1 || rows[0] != want {
		t.Fatalf("evidence %+v, want [%+v]", rows, want)
	}
}

func TestValidUntil(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, tc := range []struct {
		name       string
		validity   int  // course months
		recurrence *int // assignment months; nil with assigned false: self-enrolled
		assigned   bool
		want       time.Time // zero: NULL
	}{
		{"Neither", 0, nil, false, time.Time{}},
		{"CourseValidity", 24, nil, false, addMonths(today, 24)},
		{"AssignedNoRecurrence", 24, nil, true, addMonths(today, 24)},
		{"RecurrenceWins", 24, ptr(12), true, addMonths(today, 12)},
		{"RecurrenceOnly", 0, ptr(6), true, addMonths(today, 6)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := f.course(t, courseSpec{Validity: tc.validity})
			if tc.assigned {
				if _, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, EmployeeIDs: []int64{f.learner.EmployeeID},
					DueOn: day(16), RecurrenceMonths: tc.recurrence}); err != nil {
					t.Fatal(err)
				}
			} else {
				f.enroll(t, f.learner, c)
			}
			e := f.enrollment(t, f.learner.EmployeeID, c)
			got, err := f.store.Complete(ctx, f.trainer, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.ValidUntil.Valid != !tc.want.IsZero() || (got.ValidUntil.Valid && !got.ValidUntil.Time.Equal(tc.want)) {
				t.Fatalf("valid until %v, want %v", got.ValidUntil, tc.want)
			}
			if got.Status != "COMPLETED" || !got.StartedAt.Valid {
				t.Fatalf("completed %+v", got)
			}
		})
	}
}

func TestCompleteMany(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 2})
	f.develops(t, c, f.listening, 2)
	open := f.employee(t, f.teamA, f.agentPos)
	fresh := f.employee(t, f.teamA, f.agentPos)
	done := f.employee(t, f.teamA, f.agentPos)
	withdrawn := f.employee(t, f.teamA, f.agentPos)
	f.assign(t, c, open, done, withdrawn)
	if _, err := f.store.Complete(ctx, f.trainer, f.enrollment(t, done, c).ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Withdraw(ctx, f.hr, f.enrollment(t, withdrawn, c).ID, "left the project"); err != nil {
		t.Fatal(err)
	}

	var n int
	err := postgres.InTx(ctx, f.db, func(tx *sqlx.Tx) error {
		var err error
		n, err = f.store.CompleteMany(ctx, tx, f.trainer, c.ID, []int64{open, fresh, done, withdrawn, open})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("completed %d, want 3", n)
	}
	for _, emp := range []int64{open, fresh, done, withdrawn} {
		if e := f.enrollment(t, emp, c); e.Status != "COMPLETED" {
			t.Fatalf("employee %d: %+v", emp, e)
		}
	}
	// One piece of evidence per completion: done's earlier one and three now.
	if k := f.count(t, `SELECT count(*) FROM competency_evidence WHERE source = 'COURSE' AND competency_id = $1 AND level = 2`, f.listening); k != 4 {
		t.Fatalf("%d evidence rows, want 4", k)
	}
	if e := f.enrollment(t, fresh, c); e.AssignmentID.Valid || e.Cycle != 1 {
		t.Fatalf("fresh enrolment %+v", e)
	}

	err = postgres.InTx(ctx, f.db, func(tx *sqlx.Tx) error {
		_, err := f.store.CompleteMany(ctx, tx, f.trainer, c.ID, []int64{open, 999999})
		return err
	})
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.employees.unknown")
	err = postgres.InTx(ctx, f.db, func(tx *sqlx.Tx) error {
		_, err := f.store.CompleteMany(ctx, tx, f.trainer2, c.ID, []int64{open})
		return err
	})
	wantCode(t, err, rungs.ErrForbidden, "enrollment.complete.forbidden")
}

func TestOverdueFromTheClock(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c1 := f.course(t, courseSpec{Hours: 3, Modules: 1})
	c2 := f.course(t, courseSpec{Hours: 1.5})
	c3 := f.course(t, courseSpec{Hours: 4})
	f.assign(t, c1, f.learner.EmployeeID) // due day(30)
	f.assign(t, c2, f.learner.EmployeeID)
	f.assign(t, c3, f.learner.EmployeeID)
	if _, err := f.store.Withdraw(ctx, f.hr, f.enrollment(t, f.learner.EmployeeID, c3).ID, ""); err != nil {
		t.Fatal(err)
	}
	e1 := f.enrollment(t, f.learner.EmployeeID, c1)
	if _, err := f.store.CompleteModule(ctx, f.learner, e1.ID, c1.Modules[0]); err != nil {
		t.Fatal(err)
	}
	e2 := f.enrollment(t, f.learner.EmployeeID, c2)

	for _, tc := range []struct {
		today time.Time
		want  learning.Load
	}{
		{day(30), learning.Load{HoursAssigned: 4.5, HoursDone: 3, Assigned: 2, Completed: 1}},
		{day(31), learning.Load{HoursAssigned: 4.5, HoursDone: 3, HoursOverdue: 1.5, Assigned: 2, Completed: 1, Overdue: 1}},
	} {
		f.store.Now = func() time.Time { return tc.today.Add(23 * time.Hour) }
		loads, err := f.store.LoadOf(ctx, []int64{f.colleague.EmployeeID, f.learner.EmployeeID})
		if err != nil {
			t.Fatal(err)
		}
		if loads[0] != (learning.Load{}) || loads[1] != tc.want {
			t.Fatalf("%s: loads %+v, want [{} %+v]", tc.today.Format(time.DateOnly), loads, tc.want)
		}
		overdue := tc.today.After(day(30))
		if e2.Overdue(tc.today) != overdue {
			t.Fatalf("%s: Overdue = %v", tc.today.Format(time.DateOnly), !overdue)
		}
		if e1Now := f.enrollment(t, f.learner.EmployeeID, c1); e1Now.Overdue(tc.today) {
			t.Fatal("a completed enrolment is never overdue")
		}
	}
}

func TestWithdrawRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 1})
	e := f.enroll(t, f.learner, c)
	got, err := f.store.Withdraw(ctx, f.learner, e.ID, " changed my mind ")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "WITHDRAWN" || !got.WithdrawnAt.Time.Equal(now) {
		t.Fatalf("withdrawn %+v", got)
	}
	events, _ := f.store.EventsOf(ctx, []int64{e.ID})
	if last := events[0][len(events[0])-1]; last.Note != "changed my mind" || last.FromStatus.String != "ASSIGNED" {
		t.Fatalf("event %+v", last)
	}
	_, err = f.store.Withdraw(ctx, f.learner, e.ID, "")
	wantCode(t, err, rungs.ErrConflict, "enrollment.withdrawn")
	_, err = f.store.CompleteModule(ctx, f.learner, e.ID, c.Modules[0])
	wantCode(t, err, rungs.ErrConflict, "enrollment.withdrawn")

	assigned := f.course(t, courseSpec{Modules: 1})
	f.assign(t, assigned, f.learner.EmployeeID)
	ae := f.enrollment(t, f.learner.EmployeeID, assigned)
	_, err = f.store.Withdraw(ctx, f.learner, ae.ID, "")
	wantCode(t, err, rungs.ErrForbidden, "enrollment.withdraw.assigned")
	if _, err := f.store.CompleteModule(ctx, f.learner, ae.ID, assigned.Modules[0]); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.Withdraw(ctx, f.hr, ae.ID, "")
	wantCode(t, err, rungs.ErrConflict, "enrollment.completed")
	_, err = f.store.Withdraw(ctx, f.learner, e.ID, strings.Repeat("x", 1001))
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.reason.too_long")
}
