package learning_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/learning"
)

// examSpec describes a fixture assessment; zero fields get defaults.
type examSpec struct {
	Owner     int64  // default: the fixture's trainer
	Status    string // default PUBLISHED
	Course    int64  // 0: standalone
	TimeLimit int    // minutes; 0: none
}

// exam is a fixture assessment (no questions: package learning never reads
// them).
type exam struct {
	ID   int64
	Code string
}

func (f *fixture) exam(t *testing.T, spec examSpec) *exam {
	t.Helper()
	if spec.Owner == 0 {
		spec.Owner = f.trainer.EmployeeID
	}
	if spec.Status == "" {
		spec.Status = "PUBLISHED"
	}
	e := &exam{Code: fmt.Sprintf("T-%d", courseSeq.Add(1))}
	f.get(t, &e.ID, `
		INSERT INTO assessments (code, title_en, title_zh, course_id, pass_mark, time_limit_minutes, status, owner_id,
			published_at, archived_at)
		VALUES ($1, $1 || ' test', $1 || ' 测评', NULLIF($2, 0), 70, NULLIF($3, 0), $4, $5,
			CASE WHEN $4 <> 'DRAFT' THEN now() END, CASE WHEN $4 = 'ARCHIVED' THEN now() END)
		RETURNING id`, e.Code, spec.Course, spec.TimeLimit, spec.Status, spec.Owner)
	return e
}

// examEnrollment returns the enrolment of employee in assessment e.
func (f *fixture) examEnrollment(t *testing.T, employee int64, e *exam) *learning.Enrollment {
	t.Helper()
	var id int64
	f.get(t, &id, `SELECT id FROM enrollments WHERE employee_id = $1 AND assessment_id = $2`, employee, e.ID)
	es, err := f.store.EnrollmentsByIDs(ctx, []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	return es[0]
}

// params reads the params of employee's only notification of kind.
func (f *fixture) params(t *testing.T, employee int64, kind string) map[string]any {
	t.Helper()
	var raw []byte
	f.get(t, &raw, `SELECT params FROM notifications WHERE recipient_id = $1 AND kind = $2`, employee, kind)
	var p map[string]any
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAssignAssessmentToTeam(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.exam(t, examSpec{})
	a, b := f.employee(t, f.teamA, f.agentPos), f.employee(t, f.teamA, f.agentPos)
	other := f.employee(t, f.teamB, f.agentPos)

	// b already has the assessment from a named assignment.
	first, err := f.store.Assign(ctx, f.trainer, learning.AssignInput{AssessmentID: e.ID, EmployeeIDs: []int64{b}, DueOn: day(16)})
	if err != nil {
		t.Fatal(err)
	}
	if first.Created != 1 || first.Existing != 0 {
		t.Fatalf("named: created %d existing %d, want 1 0", first.Created, first.Existing)
	}
	res, err := f.store.Assign(ctx, f.hr, learning.AssignInput{AssessmentID: e.ID, TeamID: &f.teamA,
		DueOn: day(30), Reason: "quality"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || res.Existing != 1 {
		t.Fatalf("team: created %d existing %d, want 1 1", res.Created, res.Existing)
	}
	asg := res.Assignment
	if asg.CourseID.Valid || asg.AssessmentID.Int64 != e.ID || asg.Scope != learning.ScopeTeam {
		t.Fatalf("assignment %+v", asg)
	}
	en := f.examEnrollment(t, a, e)
	if en.Status != learning.StatusAssigned || en.CourseID.Valid || en.AssessmentID.Int64 != e.ID ||
		en.AssignmentID.Int64 != asg.ID || !en.DueOn.Time.Equal(day(30)) || en.ModulesTotal != 0 || en.PercentComplete() != 0 {
		t.Fatalf("enrollment %+v", en)
	}
	if n := f.count(t, `SELECT count(*) FROM enrollments WHERE assessment_id = $1`, e.ID); n != 2 {
		t.Fatalf("%d enrolments, want 2 (other team left out, no double for b)", n)
	}
	if n := f.count(t, `SELECT count(*) FROM enrollments WHERE employee_id = $1`, other); n != 0 {
		t.Fatalf("the other team's member was enrolled")
	}

	// One ASSESSMENT_ASSIGNED each (b's from the first assignment), with
	// both titles and the ids; nothing speaks of a course.
	if n := f.count(t, `SELECT count(*) FROM notifications WHERE kind = 'ASSESSMENT_ASSIGNED'`); n != 2 {
		t.Fatalf("%d ASSESSMENT_ASSIGNED, want 2", n)
	}
	if n := f.count(t, `SELECT count(*) FROM notifications WHERE kind = 'COURSE_ASSIGNED'`); n != 0 {
		t.Fatalf("%d COURSE_ASSIGNED, want 0", n)
	}
	want := map[string]any{
		"assessment_id": float64(e.ID), "assessment_code": e.Code, "assessment_title_en": e.Code + " test",
		"assessment_title_zh": e.Code + " 测评", "due_on": day(30).Format(time.DateOnly), "reason": "quality",
		"assignment_id": float64(asg.ID), "enrollment_id": float64(en.ID),
	}
	if got := f.params(t, a, "ASSESSMENT_ASSIGNED"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("params\n got %v\nwant %v", got, want)
	}

	// A later joiner, and someone moving into the team, are enrolled by
	// the trigger and notified the same way; a course rule on the same
	// team reaches them too, each with its own kind.
	c := f.course(t, courseSpec{Modules: 1})
	if _, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, TeamID: &f.teamA, DueOn: day(30)}); err != nil {
		t.Fatal(err)
	}
	joiner := f.employee(t, f.teamA, f.agentPos)
	f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, other, f.teamA)
	// The trigger counts joiner days from the database's date.
	var wantDue time.Time
	f.get(t, &wantDue, `SELECT greatest($1::date, current_date + 30)`, day(30))
	for _, p := range []int64{joiner, other} {
		en := f.examEnrollment(t, p, e)
		if en.Status != learning.StatusAssigned || en.AssignmentID.Int64 != asg.ID || !en.DueOn.Time.Equal(wantDue) {
			t.Fatalf("joiner %d: enrollment %+v, want due %s", p, en, wantDue)
		}
		got := f.params(t, p, "ASSESSMENT_ASSIGNED")
		if got["assessment_code"] != e.Code || got["assessment_title_zh"] != e.Code+" 测评" ||
			got["enrollment_id"] != float64(en.ID) || got["reason"] != "quality" || got["course_id"] != nil {
			t.Fatalf("joiner %d: params %v", p, got)
		}
		if got := f.params(t, p, "COURSE_ASSIGNED"); got["course_id"] != float64(c.ID) || got["assessment_id"] != nil {
			t.Fatalf("joiner %d: course params %v", p, got)
		}
		events, err := f.store.EventsOf(ctx, []int64{en.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(events[0]) != 1 || events[0][0].ActorID.Valid || events[0][0].Note != "standing assignment" {
			t.Fatalf("joiner %d: events %+v", p, events[0])
		}
	}
	// Leaving and coming back changes nothing: the enrolment exists.
	f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, other, f.teamB)
	f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, other, f.teamA)
	if n := f.count(t, `SELECT count(*) FROM notifications WHERE recipient_id = $1 AND kind = 'ASSESSMENT_ASSIGNED'`, other); n != 1 {
		t.Fatalf("%d notices after coming back, want 1", n)
	}

	// Once ended, the rule reaches nobody new; an archived assessment's
	// rule neither.
	if _, err := f.store.EndAssignment(ctx, f.trainer2, asg.ID); err == nil {
		t.Fatal("another trainer ended the assignment")
	} else {
		wantCode(t, err, rungs.ErrForbidden, "assignment.forbidden")
	}
	if _, err := f.store.EndAssignment(ctx, f.trainer, asg.ID); err != nil {
		t.Fatal(err)
	}
	late := f.employee(t, f.teamA, f.agentPos)
	if n := f.count(t, `SELECT count(*) FROM enrollments WHERE employee_id = $1 AND assessment_id IS NOT NULL`, late); n != 0 {
		t.Fatalf("an ended rule enrolled a joiner")
	}
	archived := f.exam(t, examSpec{})
	if _, err := f.store.Assign(ctx, f.hr, learning.AssignInput{AssessmentID: archived.ID, PositionID: &f.agentPos, DueOn: day(30)}); err != nil {
		t.Fatal(err)
	}
	f.exec(t, `UPDATE assessments SET status = 'ARCHIVED', archived_at = now() WHERE id = $1`, archived.ID)
	if n := f.count(t, `SELECT count(*) FROM enrollments WHERE employee_id = $1 AND assessment_id = $2`,
		f.employee(t, f.teamB, f.agentPos), archived.ID); n != 0 {
		t.Fatalf("an archived assessment's rule enrolled a joiner")
	}
}

func TestAssignAssessmentRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.exam(t, examSpec{})
	draft := f.exam(t, examSpec{Status: "DRAFT"})
	c := f.course(t, courseSpec{})
	ofCourse := f.exam(t, examSpec{Course: c.ID})
	emp := f.employee(t, f.teamA, f.agentPos)
	due := day(16)
	in := func(courseID, assessmentID int64) learning.AssignInput {
		return learning.AssignInput{CourseID: courseID, AssessmentID: assessmentID, EmployeeIDs: []int64{emp}, DueOn: due}
	}
	tests := []struct {
		name string
		by   *auth.Viewer
		in   learning.AssignInput
		code string
		key  string
	}{
		{"NotOwnerTrainer", f.trainer2, in(0, e.ID), rungs.ErrForbidden, "assignment.forbidden"},
		{"Learner", f.learner, in(0, e.ID), rungs.ErrForbidden, "assignment.forbidden"},
		{"Unknown", f.hr, in(0, 999999), rungs.ErrNotFound, "assessment.not_found"},
		{"Draft", f.trainer, in(0, draft.ID), rungs.ErrBadUserInput, "assessment.not_published"},
		{"OfACourse", f.hr, in(0, ofCourse.ID), rungs.ErrBadUserInput, "assignment.assessment.not_standalone"},
		{"Both", f.hr, in(c.ID, e.ID), rungs.ErrBadUserInput, "assignment.subject.one"},
		{"Neither", f.hr, in(0, 0), rungs.ErrBadUserInput, "assignment.subject.one"},
		{"PastDue", f.trainer, learning.AssignInput{AssessmentID: e.ID, EmployeeIDs: []int64{emp}, DueOn: day(-14)},
			rungs.ErrBadUserInput, "assignment.due_on.past"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.store.Assign(ctx, tc.by, tc.in)
			wantCode(t, err, tc.code, tc.key)
		})
	}
	if n := f.count(t, `SELECT count(*) FROM assignments`); n != 0 {
		t.Fatalf("%d assignments after refusals", n)
	}
	// The owner, HR and admins may.
	for _, by := range []*auth.Viewer{f.trainer, f.hr, f.admin} {
		if _, err := f.store.Assign(ctx, by, in(0, e.ID)); err != nil {
			t.Fatalf("%v: %v", by.Roles, err)
		}
	}
}

// The life of an assessment enrolment as package assessment drives it,
// and how the reads count it.
func TestAssessmentEnrollment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.exam(t, examSpec{TimeLimit: 90})
	c := f.course(t, courseSpec{Modules: 1, Hours: 2})
	f.develops(t, c, f.empathy, 2)
	me := f.learner.EmployeeID
	res, err := f.store.Assign(ctx, f.hr, learning.AssignInput{AssessmentID: e.ID, EmployeeIDs: []int64{me},
		DueOn: day(16), RecurrenceMonths: ptr(12)})
	if err != nil {
		t.Fatal(err)
	}
	f.assign(t, c, me)
	en := f.examEnrollment(t, me, e)

	// Course-only steps are refused: it starts with an attempt and
	// completes with a pass.
	_, err = f.store.StartCourse(ctx, f.learner, en.ID)
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.assessment")
	_, err = f.store.CompleteModule(ctx, f.learner, en.ID, c.Modules[0])
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.assessment")
	_, err = f.store.Complete(ctx, f.trainer, en.ID)
	wantCode(t, err, rungs.ErrBadUserInput, "enrollment.assessment")

	// Both kinds are listed; the load counts the assessment at its time
	// limit; team progress and completions know courses only.
	of, err := f.store.EnrollmentsOf(ctx, []int64{me}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(of[0]) != 2 {
		t.Fatalf("enrollments of: %+v", of[0])
	}
	load, err := f.store.LoadOf(ctx, []int64{me})
	if err != nil {
		t.Fatal(err)
	}
	if load[0].Assigned != 2 || load[0].HoursAssigned != 3.5 || load[0].Completed != 0 {
		t.Fatalf("load %+v, want 2 assigned, 3.5 hours", load[0])
	}

	cycle, err := learning.AssessmentCycle(ctx, f.db, me, e.ID)
	if err != nil || cycle != 1 {
		t.Fatalf("cycle %d, %v; want 1", cycle, err)
	}
	started, err := learning.StartAssessment(ctx, f.db, now, me, e.ID)
	if err != nil || !started {
		t.Fatalf("start: %v %v", started, err)
	}
	if again, err := learning.StartAssessment(ctx, f.db, now, me, e.ID); err != nil || again {
		t.Fatalf("second start: %v %v, want false", again, err)
	}
	if en = f.examEnrollment(t, me, e); en.Status != learning.StatusInProgress || !en.StartedAt.Time.Equal(now) {
		t.Fatalf("after start %+v", en)
	}
	done, err := learning.CompleteAssessment(ctx, f.db, now, me, e.ID)
	if err != nil || !done {
		t.Fatalf("complete: %v %v", done, err)
	}
	en = f.examEnrollment(t, me, e)
	if en.Status != learning.StatusCompleted || !en.ValidUntil.Time.Equal(addMonths(today, 12)) || en.PercentComplete() != 100 {
		t.Fatalf("after pass %+v", en)
	}
	if n := f.count(t, `SELECT count(*) FROM competency_evidence WHERE employee_id = $1`, me); n != 0 {
		t.Fatalf("%d evidence rows: the assessment writes its own", n)
	}
	if cycle, _ := learning.AssessmentCycle(ctx, f.db, me, e.ID); cycle != 0 {
		t.Fatalf("cycle of a completed enrolment %d, want 0", cycle)
	}
	events, err := f.store.EventsOf(ctx, []int64{en.ID})
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, ev := range events[0] {
		trail = append(trail, fmt.Sprintf("%s>%s %s", ev.FromStatus.String, ev.ToStatus, ev.Note))
	}
	if fmt.Sprint(trail) != "[>ASSIGNED  ASSIGNED>IN_PROGRESS attempt started IN_PROGRESS>COMPLETED assessment passed]" {
		t.Fatalf("events %q", trail)
	}
	if ev := events[0][1]; ev.ActorID.Int64 != me {
		t.Fatalf("start event actor %+v, want the learner", ev)
	}
	if ev := events[0][2]; ev.ActorID.Valid {
		t.Fatalf("completion event actor %+v, want the system", ev)
	}
	completions, err := f.store.CompletionsOf(ctx, []int64{me})
	if err != nil {
		t.Fatal(err)
	}
	if len(completions[0]) != 0 {
		t.Fatalf("completions %+v, want none (a pass is not a course completion)", completions[0])
	}
	if load, _ = f.store.LoadOf(ctx, []int64{me}); load[0].Completed != 1 || load[0].HoursDone != 1.5 {
		t.Fatalf("load after pass %+v", load[0])
	}

	// A year on, the pass expires and the recurring assignment re-opens
	// it: next cycle, an ASSIGNMENT_REOPENED naming the assessment.
	n, err := f.store.ReopenExpired(ctx, f.db, addMonths(today, 12).AddDate(0, 0, 1))
	if err != nil || n != 1 {
		t.Fatalf("reopen: %d %v", n, err)
	}
	en = f.examEnrollment(t, me, e)
	if en.Status != learning.StatusAssigned || en.Cycle != 2 || !en.LastCompletedAt.Valid {
		t.Fatalf("after re-open %+v", en)
	}
	p := f.params(t, me, "ASSIGNMENT_REOPENED")
	if p["assessment_id"] != float64(e.ID) || p["assessment_title_en"] != e.Code+" test" || p["course_id"] != nil ||
		p["cycle"] != 2.0 || p["assignment_id"] != float64(res.Assignment.ID) {
		t.Fatalf("re-open params %v", p)
	}
	if cycle, _ := learning.AssessmentCycle(ctx, f.db, me, e.ID); cycle != 2 {
		t.Fatalf("cycle after re-open %d, want 2", cycle)
	}

	// The owner may withdraw it (an assigned one), another trainer not;
	// a new assignment re-opens the withdrawn one.
	_, err = f.store.Withdraw(ctx, f.trainer2, en.ID, "")
	wantCode(t, err, rungs.ErrForbidden, "enrollment.withdraw.forbidden")
	_, err = f.store.Withdraw(ctx, f.learner, en.ID, "")
	wantCode(t, err, rungs.ErrForbidden, "enrollment.withdraw.assigned")
	if en, err = f.store.Withdraw(ctx, f.trainer, en.ID, "left the queue"); err != nil || en.Status != learning.StatusWithdrawn {
		t.Fatalf("withdraw: %+v %v", en, err)
	}
	again, err := f.store.Assign(ctx, f.trainer, learning.AssignInput{AssessmentID: e.ID, EmployeeIDs: []int64{me}, DueOn: day(47)})
	if err != nil || again.Created != 1 {
		t.Fatalf("re-assign: %+v %v", again, err)
	}
	if en = f.examEnrollment(t, me, e); en.Status != learning.StatusAssigned || en.Cycle != 3 {
		t.Fatalf("after re-assign %+v", en)
	}
}

// Team progress counts courses only: an assessment enrolment of a member
// adds no row.
func TestProgressOfTeamsLeavesAssessmentsOut(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.exam(t, examSpec{})
	c := f.course(t, courseSpec{Modules: 1})
	m := f.employee(t, f.teamA, f.agentPos)
	f.assign(t, c, m)
	if _, err := f.store.Assign(ctx, f.hr, learning.AssignInput{AssessmentID: e.ID, EmployeeIDs: []int64{m}, DueOn: day(16)}); err != nil {
		t.Fatal(err)
	}
	progress, err := f.store.ProgressOfTeams(ctx, []int64{f.teamA}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(progress[0]) != 1 || progress[0][0].CourseID != c.ID || progress[0][0].Assigned != 1 {
		t.Fatalf("progress %+v", progress[0])
	}
}

// An assessment enrolment with no time limit weighs 0 hours.
func TestLoadOfUntimedAssessment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.exam(t, examSpec{})
	m := f.employee(t, f.teamA, f.agentPos)
	if _, err := f.store.Assign(ctx, f.hr, learning.AssignInput{AssessmentID: e.ID, EmployeeIDs: []int64{m}, DueOn: day(16)}); err != nil {
		t.Fatal(err)
	}
	f.store.Now = func() time.Time { return day(17) }
	load, err := f.store.LoadOf(ctx, []int64{m})
	if err != nil {
		t.Fatal(err)
	}
	if load[0] != (learning.Load{Assigned: 1, Overdue: 1}) {
		t.Fatalf("load %+v", load[0])
	}
}
