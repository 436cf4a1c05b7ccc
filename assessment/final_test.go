package assessment_test

import (
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/learning"
)

// TestFinalTest: a course's published final test holds back its
// completion until passed, and the pass completes a ready enrolment.
func TestFinalTest(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, 2)
	f.exec(t, `INSERT INTO course_competencies (course_id, competency_id, framework_id, target_level) VALUES ($1, $2, $3, 2)`,
		c.ID, f.listening, f.framework)
	final := f.publish(t, assessment.AssessmentInput{CourseID: c.ID, IsFinal: true, PassMark: 100}, single(1, 0))
	q := final.Questions[0]

	enroll := func(v *auth.Viewer) *learning.Enrollment {
		t.Helper()
		e, _, err := f.learning.Enroll(ctx, v, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	tick := func(v *auth.Viewer, e *learning.Enrollment, modules ...int64) *learning.Enrollment {
		t.Helper()
		for _, m := range modules {
			var err error
			if e, err = f.learning.CompleteModule(ctx, v, e.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		return e
	}
	status := func(e *learning.Enrollment) string {
		t.Helper()
		var s string
		f.get(t, &s, `SELECT status FROM enrollments WHERE id = $1`, e.ID)
		return s
	}

	// Every module ticked, the test not passed: still in progress, and the
	// owner cannot sign it off either.
	e := tick(f.learner, enroll(f.learner), c.Modules...)
	if e.Status != learning.StatusInProgress {
		t.Fatalf("all modules ticked without the final test: %s", e.Status)
	}
	_, err := f.learning.Complete(ctx, f.trainer, e.ID)
	wantCode(t, err, rungs.ErrConflict, "enrollment.completion.blocked")
	// A fail changes nothing.
	f.take(t, f.learner, final, pick(q, 1))
	if s := status(e); s != learning.StatusInProgress {
		t.Fatalf("after a fail: %s", s)
	}
	// The pass completes it, with its COURSE evidence, in the same
	// transaction as the ASSESSMENT evidence.
	if at := f.take(t, f.learner, final, pick(q, 0)); !at.Passed.Bool {
		t.Fatal("the pass did not pass")
	}
	if s := status(e); s != learning.StatusCompleted {
		t.Fatalf("after the pass: %s", s)
	}
	if n := f.count(t, `SELECT count(*) FROM competency_evidence WHERE employee_id = $1 AND source = 'COURSE' AND competency_id = $2`,
		f.learner.EmployeeID, f.listening); n != 1 {
		t.Errorf("COURSE evidence rows: %d", n)
	}
	var note string
	f.get(t, &note, `SELECT note FROM enrollment_events WHERE enrollment_id = $1 AND to_status = 'COMPLETED'`, e.ID)
	if note != "final test passed" {
		t.Errorf("completion event note %q", note)
	}

	// Passing first: the enrolment is not ready, so it stays open until the
	// last module is ticked, which then completes it.
	e = tick(f.colleague, enroll(f.colleague), c.Modules[0])
	f.take(t, f.colleague, final, pick(q, 0))
	if s := status(e); s != learning.StatusInProgress {
		t.Fatalf("passed with a module to go: %s", s)
	}
	if e = tick(f.colleague, e, c.Modules[1]); e.Status != learning.StatusCompleted {
		t.Fatalf("last module after the pass: %s", e.Status)
	}

	// A draft final test holds nothing back.
	c2 := f.course(t, 1)
	if _, err := f.store.CreateAssessment(ctx, f.trainer, assessment.AssessmentInput{
		Code: "QA-DRAFT-FINAL", TitleEN: "x", TitleZH: "x", PassMark: 50, CourseID: c2.ID, IsFinal: true}); err != nil {
		t.Fatal(err)
	}
	e2, _, err := f.learning.Enroll(ctx, f.hr, c2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e2 = tick(f.hr, e2, c2.Modules...); e2.Status != learning.StatusCompleted {
		t.Errorf("a draft final test blocked completion: %s", e2.Status)
	}
}
