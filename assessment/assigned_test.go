package assessment_test

import (
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/learning"
)

// enrollment reads the learner's enrolment in assessment a: status, cycle.
func (f *fixture) enrollment(t *testing.T, employee int64, a *test) (status string, cycle int) {
	t.Helper()
	var row struct {
		Status string `db:"status"`
		Cycle  int    `db:"cycle"`
	}
	f.get(t, &row, `SELECT status, cycle FROM enrollments WHERE employee_id = $1 AND assessment_id = $2`, employee, a.ID)
	return row.Status, row.Cycle
}

// assign assigns a to employee, by the assessment's owner, due in a month,
// re-opening every recurrence months (0: never).
func (f *fixture) assign(t *testing.T, a *test, employee int64, recurrence int) {
	t.Helper()
	in := learning.AssignInput{AssessmentID: a.ID, EmployeeIDs: []int64{employee}, DueOn: start.AddDate(0, 1, 0)}
	if recurrence > 0 {
		in.RecurrenceMonths = &recurrence
	}
	res, err := f.learning.Assign(ctx, f.trainer, in)
	if err != nil {
		t.Fatalf("Assign: %v", err)
	}
	if res.Created != 1 {
		t.Fatalf("Assign created %d, want 1", res.Created)
	}
}

// An assigned assessment's enrolment follows the attempts: starting one
// moves it to IN_PROGRESS, a fail leaves it there, a pass completes it
// alongside the ASSESSMENT evidence (and no COURSE evidence).
func TestAssignedAssessmentFollowsAttempts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{Competencies: []assessment.CompetencyInput{{CompetencyID: f.empathy, Level: 2}}},
		single(1, 0))
	me := f.learner.EmployeeID
	f.assign(t, a, me, 0)
	if status, _ := f.enrollment(t, me, a); status != learning.StatusAssigned {
		t.Fatalf("assigned: %s", status)
	}

	// Start, fail: in progress, not completed.
	f.take(t, f.learner, a, pick(a.Questions[0], 1))
	if status, _ := f.enrollment(t, me, a); status != learning.StatusInProgress {
		t.Fatalf("after a fail: %s, want IN_PROGRESS", status)
	}
	// Resume-style start of the retake keeps it in progress; the pass
	// completes it.
	at := f.take(t, f.learner, a, pick(a.Questions[0], 0))
	if !at.Passed.Bool {
		t.Fatalf("attempt %+v, want a pass", at)
	}
	if status, _ := f.enrollment(t, me, a); status != learning.StatusCompleted {
		t.Fatalf("after a pass: %s, want COMPLETED", status)
	}
	if n := f.count(t, `SELECT count(*) FROM competency_evidence WHERE employee_id = $1 AND source = 'ASSESSMENT' AND ref_id = $2`, me, at.ID); n != 1 {
		t.Fatalf("%d ASSESSMENT evidence rows, want 1", n)
	}
	if n := f.count(t, `SELECT count(*) FROM competency_evidence WHERE employee_id = $1 AND source = 'COURSE'`, me); n != 0 {
		t.Fatalf("%d COURSE evidence rows, want 0", n)
	}
	if n := f.count(t, `SELECT count(*) FROM enrollment_events ev JOIN enrollments en ON en.id = ev.enrollment_id
		WHERE en.employee_id = $1 AND ev.to_status = 'COMPLETED' AND ev.note = 'assessment passed'`, me); n != 1 {
		t.Fatalf("%d completion events, want 1", n)
	}
	// Passed in this cycle: no retake.
	_, err := f.store.StartAttempt(ctx, f.learner, a.ID)
	wantCode(t, err, rungs.ErrConflict, "assessment.already_passed")
}

// The starting transaction is the one that moves the enrolment: a refused
// start leaves it ASSIGNED.
func TestAssignedAssessmentRefusedStart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{}, single(1, 0))
	me := f.learner.EmployeeID
	f.assign(t, a, me, 0)
	f.exec(t, `UPDATE assessments SET status = 'ARCHIVED', archived_at = now() WHERE id = $1`, a.ID)
	_, err := f.store.StartAttempt(ctx, f.learner, a.ID)
	wantCode(t, err, rungs.ErrBadUserInput, "assessment.not_published")
	if status, _ := f.enrollment(t, me, a); status != learning.StatusAssigned {
		t.Fatalf("after a refused start: %s, want ASSIGNED", status)
	}
}

// A pass by a grader (short answers) completes the enrolment in the
// grading transaction.
func TestAssignedAssessmentGradedPass(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{}, shortAnswer(2))
	me := f.learner.EmployeeID
	f.assign(t, a, me, 0)
	at := f.take(t, f.learner, a, write(a.Questions[0], "Listen first."))
	if status, _ := f.enrollment(t, me, a); status != learning.StatusInProgress {
		t.Fatalf("awaiting grading: %s, want IN_PROGRESS", status)
	}
	if _, err := f.store.GradeAttempt(ctx, f.trainer, at.ID, []assessment.Grade{{QuestionID: a.Questions[0].ID, Points: 2}}); err != nil {
		t.Fatal(err)
	}
	if status, _ := f.enrollment(t, me, a); status != learning.StatusCompleted {
		t.Fatalf("after a graded pass: %s, want COMPLETED", status)
	}
}

// A recurring assignment re-opens an expired pass; the re-opened cycle
// needs a new pass, and its attempt limit starts afresh.
func TestAssignedAssessmentRetakeAfterReopen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{MaxAttempts: 2}, single(1, 0))
	me := f.learner.EmployeeID
	f.assign(t, a, me, 12)
	f.take(t, f.learner, a, pick(a.Questions[0], 1)) // fail
	f.take(t, f.learner, a, pick(a.Questions[0], 0)) // pass: both attempts used
	if status, cycle := f.enrollment(t, me, a); status != learning.StatusCompleted || cycle != 1 {
		t.Fatalf("cycle 1: %s %d", status, cycle)
	}
	_, err := f.store.StartAttempt(ctx, f.learner, a.ID)
	wantCode(t, err, rungs.ErrConflict, "assessment.already_passed")

	// Thirteen months on the pass has expired and is re-opened.
	f.now = start.AddDate(1, 1, 0)
	if n, err := f.learning.ReopenExpired(ctx, f.db, f.now); err != nil || n != 1 {
		t.Fatalf("reopen: %d %v", n, err)
	}
	if status, cycle := f.enrollment(t, me, a); status != learning.StatusAssigned || cycle != 2 {
		t.Fatalf("re-opened: %s %d", status, cycle)
	}
	at := f.startAttempt(t, f.learner, a) // neither the old pass nor the used attempts stop it
	if at.Number != 3 {
		t.Fatalf("attempt number %d, want 3", at.Number)
	}
	if n := f.count(t, `SELECT count(*) FROM attempts WHERE id = $1 AND cycle = 2`, at.ID); n != 1 {
		t.Fatalf("the attempt is not recorded in cycle 2")
	}
	if status, _ := f.enrollment(t, me, a); status != learning.StatusInProgress {
		t.Fatalf("after starting: %s", status)
	}
	if _, err := f.store.SubmitAttempt(ctx, f.learner, at.ID, []assessment.Answer{pick(a.Questions[0], 1)}); err != nil {
		t.Fatal(err)
	}
	// One fail in cycle 2; one attempt left of this cycle's two.
	at = f.take(t, f.learner, a, pick(a.Questions[0], 0))
	if !at.Passed.Bool {
		t.Fatalf("attempt %+v, want a pass", at)
	}
	if status, cycle := f.enrollment(t, me, a); status != learning.StatusCompleted || cycle != 2 {
		t.Fatalf("cycle 2: %s %d", status, cycle)
	}
	var validUntil string
	f.get(t, &validUntil, `SELECT valid_until::text FROM enrollments WHERE employee_id = $1 AND assessment_id = $2`, me, a.ID)
	if want := addMonths(f.now, 12).Format(time.DateOnly); validUntil != want {
		t.Fatalf("valid until %s, want %s", validUntil, want)
	}
	_, err = f.store.StartAttempt(ctx, f.learner, a.ID)
	wantCode(t, err, rungs.ErrConflict, "assessment.already_passed")
}

// Without an open enrolment every attempt counts, as before: a pass taken
// of one's own accord is not retaken; once the assessment is assigned, the
// assignment asks for a pass of its own.
func TestAssessmentAssignedAfterAPass(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{MaxAttempts: 1}, single(1, 0))
	me := f.learner.EmployeeID
	f.take(t, f.learner, a, pick(a.Questions[0], 0))
	_, err := f.store.StartAttempt(ctx, f.learner, a.ID)
	wantCode(t, err, rungs.ErrConflict, "assessment.already_passed")

	f.assign(t, a, me, 0)
	at := f.take(t, f.learner, a, pick(a.Questions[0], 0))
	if !at.Passed.Bool {
		t.Fatalf("attempt %+v", at)
	}
	if status, _ := f.enrollment(t, me, a); status != learning.StatusCompleted {
		t.Fatalf("after the assigned pass: %s", status)
	}
}

// An attempt already open when the assessment is assigned counts for it:
// resuming it starts the enrolment and passing it completes it.
func TestAssessmentAssignedDuringAnAttempt(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{}, single(1, 0))
	me := f.learner.EmployeeID
	at := f.startAttempt(t, f.learner, a)
	f.assign(t, a, me, 0)
	if again := f.startAttempt(t, f.learner, a); again.ID != at.ID {
		t.Fatalf("resume gave attempt %d, want %d", again.ID, at.ID)
	}
	if status, _ := f.enrollment(t, me, a); status != learning.StatusInProgress {
		t.Fatalf("after resuming: %s", status)
	}
	if _, err := f.store.SubmitAttempt(ctx, f.learner, at.ID, []assessment.Answer{pick(a.Questions[0], 0)}); err != nil {
		t.Fatal(err)
	}
	if status, _ := f.enrollment(t, me, a); status != learning.StatusCompleted {
		t.Fatalf("after the pass: %s", status)
	}
}
