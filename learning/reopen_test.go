package learning_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/learning"
)

// recurring assigns c to employees with a 12-month recurrence and signs
// every enrolment off on the fixture's clock (2026-06-15): valid until
// 2027-06-15.
func (f *fixture) recurring(t *testing.T, c *course, employees ...int64) *learning.AssignResult {
	t.Helper()
	res, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, EmployeeIDs: employees,
		DueOn: day(2026, 7, 1), RecurrenceMonths: ptr(12), Reason: "yearly compliance"})
	if err != nil {
		t.Fatal(err)
	}
	for _, emp := range employees {
		e := f.enrollment(t, emp, c)
		if len(c.Modules) > 0 {
			for _, m := range c.Modules {
				if _, err := f.store.CompleteModule(ctx, as(emp), e.ID, m); err != nil {
					t.Fatal(err)
				}
			}
		} else if _, err := f.store.Complete(ctx, f.trainer, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	return res
}

func TestReopenExpired(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 2})
	res := f.recurring(t, c, f.learner.EmployeeID)
	e := f.enrollment(t, f.learner.EmployeeID, c)
	if !e.ValidUntil.Time.Equal(day(2027, 6, 15)) {
		t.Fatalf("valid until %v", e.ValidUntil)
	}
	// A self-enrolment with an expiring course and a completion under an
	// ended assignment both just lapse.
	lapsing := f.course(t, courseSpec{Validity: 6})
	self := f.enroll(t, f.colleague, lapsing)
	if _, err := f.store.Complete(ctx, f.trainer, self.ID); err != nil {
		t.Fatal(err)
	}
	endedCourse := f.course(t, courseSpec{})
	ended := f.recurring(t, endedCourse, f.colleague.EmployeeID)
	if _, err := f.store.EndAssignment(ctx, f.trainer, ended.Assignment.ID); err != nil {
		t.Fatal(err)
	}

	// Still valid on its last day.
	if n, err := f.store.ReopenExpired(ctx, f.db, day(2027, 6, 15)); err != nil || n != 0 {
		t.Fatalf("on the last valid day: %d, %v", n, err)
	}
	n, err := f.store.ReopenExpired(ctx, f.db, day(2027, 6, 16))
	if err != nil || n != 1 {
		t.Fatalf("the day after: %d, %v; want 1", n, err)
	}
	got := f.enrollment(t, f.learner.EmployeeID, c)
	if got.Status != "ASSIGNED" || got.Cycle != 2 || !got.DueOn.Time.Equal(day(2027, 7, 16)) || got.CompletedAt.Valid ||
		got.StartedAt.Valid || got.ModulesDone != 0 || !got.LastCompletedAt.Time.Equal(now) ||
		got.AssignmentID.Int64 != res.Assignment.ID {
		t.Fatalf("re-opened %+v", got)
	}
	// The old completion still counts for requirements.
	comps, err := f.store.CompletionsOf(ctx, []int64{f.learner.EmployeeID})
	if err != nil {
		t.Fatal(err)
	}
	if len(comps[0]) != 1 || !comps[0][0].LastCompletedAt.Equal(now) || comps[0][0].ValidOn(day(2027, 6, 16)) ||
		!comps[0][0].ValidOn(day(2027, 6, 15)) {
		t.Fatalf("completions %+v", comps[0])
	}
	events, _ := f.store.EventsOf(ctx, []int64{got.ID})
	last := events[0][len(events[0])-1]
	if last.Note != "expired" || last.ActorID.Valid || last.Cycle != 2 || last.FromStatus.String != "COMPLETED" {
		t.Fatalf("event %+v", last)
	}
	var key string
	f.get(t, &key, `SELECT dedupe_key FROM notifications WHERE kind = 'ASSIGNMENT_REOPENED' AND recipient_id = $1`, f.learner.EmployeeID)
	if want := "ASSIGNMENT_REOPENED:" + strconv.FormatInt(got.ID, 10) + ":2"; key != want {
		t.Fatalf("dedupe key %q, want %q", key, want)
	}
	// Twice changes nothing.
	if n, err := f.store.ReopenExpired(ctx, f.db, day(2027, 6, 16)); err != nil || n != 0 {
		t.Fatalf("second run: %d, %v", n, err)
	}
	if k := f.count(t, `SELECT count(*) FROM notifications WHERE kind = 'ASSIGNMENT_REOPENED'`); k != 1 {
		t.Fatalf("%d notifications, want 1", k)
	}
	if k := f.count(t, `SELECT count(*) FROM enrollments WHERE status = 'COMPLETED'`); k != 2 {
		t.Fatalf("%d lapsed completions left, want 2", k)
	}

	// The next cycle completes again and counts from its own date.
	f.store.Now = func() time.Time { return day(2027, 7, 1) }
	for _, m := range c.Modules {
		if got, err = f.store.CompleteModule(ctx, f.learner, got.ID, m); err != nil {
			t.Fatal(err)
		}
	}
	if got.Status != "COMPLETED" || got.Cycle != 2 || !got.ValidUntil.Time.Equal(day(2028, 7, 1)) {
		t.Fatalf("second cycle %+v", got)
	}
}

// Two processes running the job at once re-open each enrolment once and
// notify once.
func TestReopenExpiredConcurrently(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{})
	var people []int64
	for range 20 {
		people = append(people, f.employee(t, f.teamA, f.agentPos))
	}
	f.recurring(t, c, people...)

	for round := range 5 {
		var (
			wg     sync.WaitGroup
			counts [2]int
			errs   [2]error
			start  = make(chan struct{})
		)
		today := day(2027, 6, 16).AddDate(round, 0, 0)
		for i := range 2 {
			wg.Go(func() {
				<-start
				counts[i], errs[i] = f.store.ReopenExpired(ctx, f.db, today)
			})
		}
		close(start)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if counts[0]+counts[1] != len(people) {
			t.Fatalf("round %d: re-opened %v, want %d in all", round, counts, len(people))
		}
		if n := f.count(t, `SELECT count(*) FROM notifications WHERE kind = 'ASSIGNMENT_REOPENED'`); n != len(people)*(round+1) {
			t.Fatalf("round %d: %d notifications", round, n)
		}
		// Complete everyone again for the next round.
		if _, err := f.db.Exec(`UPDATE enrollments SET status = 'COMPLETED', started_at = now(), completed_at = now(),
			valid_until = $2 WHERE course_id = $1`, c.ID, today); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM enrollment_events WHERE note = 'expired'`); n != 5*len(people) {
		t.Fatalf("%d expired events, want %d", n, 5*len(people))
	}
	if n := f.count(t, `SELECT count(DISTINCT cycle) FROM enrollments WHERE course_id = $1`, c.ID); n != 1 {
		t.Fatalf("cycles diverged")
	}
}
