package learning_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/learning"
)

// lastValid is the last day a completion signed off today under a 12-month
// recurrence counts; expired is the day after, when it lapses.
var (
	lastValid = addMonths(today, 12)
	expired   = lastValid.AddDate(0, 0, 1)
)

// recurring assigns c to employees with a 12-month recurrence and signs
// every enrolment off on the fixture's clock (today): valid until
// lastValid, a year on.
func (f *fixture) recurring(t *testing.T, c *course, employees ...int64) *learning.AssignResult {
	t.Helper()
	res, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, EmployeeIDs: employees,
		DueOn: day(16), RecurrenceMonths: ptr(12), Reason: "yearly compliance"})
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
	if !e.ValidUntil.Time.Equal(lastValid) {
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
	if n, err := f.store.ReopenExpired(ctx, f.db, lastValid); err != nil || n != 0 {
		t.Fatalf("on the last valid day: %d, %v", n, err)
	}
	n, err := f.store.ReopenExpired(ctx, f.db, expired)
	if err != nil || n != 1 {
		t.Fatalf("the day after: %d, %v; want 1", n, err)
	}
	got := f.enrollment(t, f.learner.EmployeeID, c)
	if got.Status != "ASSIGNED" || got.Cycle != 2 || !got.DueOn.Time.Equal(expired.AddDate(0, 0, 30)) || got.CompletedAt.Valid ||
		got.StartedAt.Valid || got.ModulesDone != 0 || !got.LastCompletedAt.Time.Equal(now) ||
		got.AssignmentID.Int64 != res.Assignment.ID {
		t.Fatalf("re-opened %+v", got)
	}
	// The old completion still counts for requirements.
	comps, err := f.store.CompletionsOf(ctx, []int64{f.learner.EmployeeID})
	if err != nil {
		t.Fatal(err)
	}
	if len(comps[0]) != 1 || !comps[0][0].LastCompletedAt.Equal(now) || comps[0][0].ValidOn(expired) ||
		!comps[0][0].ValidOn(lastValid) {
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
	if n, err := f.store.ReopenExpired(ctx, f.db, expired); err != nil || n != 0 {
		t.Fatalf("second run: %d, %v", n, err)
	}
	if k := f.count(t, `SELECT count(*) FROM notifications WHERE kind = 'ASSIGNMENT_REOPENED'`); k != 1 {
		t.Fatalf("%d notifications, want 1", k)
	}
	if k := f.count(t, `SELECT count(*) FROM enrollments WHERE status = 'COMPLETED'`); k != 2 {
		t.Fatalf("%d lapsed completions left, want 2", k)
	}

	// The next cycle completes again and counts from its own date.
	again := expired.AddDate(0, 0, 15)
	f.store.Now = func() time.Time { return again }
	for _, m := range c.Modules {
		if got, err = f.store.CompleteModule(ctx, f.learner, got.ID, m); err != nil {
			t.Fatal(err)
		}
	}
	if got.Status != "COMPLETED" || got.Cycle != 2 || !got.ValidUntil.Time.Equal(addMonths(again, 12)) {
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
		on := expired.AddDate(round, 0, 0)
		for i := range 2 {
			wg.Go(func() {
				<-start
				counts[i], errs[i] = f.store.ReopenExpired(ctx, f.db, on)
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
			valid_until = $2 WHERE course_id = $1`, c.ID, on); err != nil {
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
