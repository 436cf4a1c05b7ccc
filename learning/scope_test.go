package learning_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/learning"
)

// TestAssignNeedsScope: a trainer assigns their course only to people in
// their training scope or below them in their line, and to teams and
// positions in their scope; anything else is FORBIDDEN and writes nothing.
// HR and admins assign to anyone.
func TestAssignNeedsScope(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{})
	inScope := f.employee(t, f.teamA, f.agentPos)                 // team A is granted
	outsider := f.employee(t, f.teamB, f.agentPos)                // team B and agents are not
	report := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{ // the trainer's own report
		PositionID: f.agentPos, ManagerID: f.trainer.EmployeeID})
	assign := func(by *auth.Viewer, in learning.AssignInput) error {
		in.CourseID, in.DueOn = c.ID, day(16)
		_, err := f.store.Assign(ctx, by, in)
		return err
	}
	nothingWritten := func(t *testing.T) {
		t.Helper()
		if n := f.count(t, `SELECT count(*) FROM assignments WHERE course_id = $1`, c.ID); n != 0 {
			t.Fatalf("a refused assignment left %d assignments", n)
		}
		if n := f.count(t, `SELECT count(*) FROM enrollments WHERE course_id = $1`, c.ID); n != 0 {
			t.Fatalf("a refused assignment left %d enrolments", n)
		}
	}

	t.Run("ErrOutsider", func(t *testing.T) {
		err := assign(f.trainer, learning.AssignInput{EmployeeIDs: []int64{inScope, outsider}})
		wantCode(t, err, rungs.ErrForbidden, "assignment.out_of_scope")
		if !strings.Contains(err.Error(), strconv.FormatInt(outsider, 10)) || strings.Contains(err.Error(), strconv.FormatInt(inScope, 10)) {
			t.Errorf("%q should name the outsider only", err)
		}
		nothingWritten(t)
	})
	t.Run("ErrUnknownLooksOutside", func(t *testing.T) {
		// A trainer cannot tell a missing id from one outside their scope.
		wantCode(t, assign(f.trainer, learning.AssignInput{EmployeeIDs: []int64{1 << 40}}), rungs.ErrForbidden, "assignment.out_of_scope")
		nothingWritten(t)
	})
	t.Run("ErrTeamOutside", func(t *testing.T) {
		wantCode(t, assign(f.trainer, learning.AssignInput{TeamID: &f.teamB}), rungs.ErrForbidden, "assignment.out_of_scope")
		nothingWritten(t)
	})
	t.Run("ErrPositionOutside", func(t *testing.T) {
		// Holders of the lead position are in scope one by one, but the
		// agent position is not granted.
		wantCode(t, assign(f.trainer, learning.AssignInput{PositionID: &f.agentPos}), rungs.ErrForbidden, "assignment.out_of_scope")
		nothingWritten(t)
	})
	t.Run("ErrStandingRuleNeedsTheTeam", func(t *testing.T) {
		// The trainer's report alone does not bring their team in.
		team := dbtest.MustCreateTeam(t, f.db, "")
		f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, report, team)
		wantCode(t, assign(f.trainer, learning.AssignInput{TeamID: &team}), rungs.ErrForbidden, "assignment.out_of_scope")
		nothingWritten(t)
	})
	t.Run("ErrAssessmentOutsider", func(t *testing.T) {
		a := f.exam(t, examSpec{})
		_, err := f.store.Assign(ctx, f.trainer, learning.AssignInput{AssessmentID: a.ID, EmployeeIDs: []int64{outsider}, DueOn: day(16)})
		wantCode(t, err, rungs.ErrForbidden, "assignment.out_of_scope")
		if n := f.count(t, `SELECT count(*) FROM enrollments WHERE assessment_id = $1`, a.ID); n != 0 {
			t.Fatalf("%d assessment enrolments", n)
		}
	})
	t.Run("OKScopeLineTeamPosition", func(t *testing.T) {
		if err := assign(f.trainer, learning.AssignInput{EmployeeIDs: []int64{inScope, report, f.trainer.EmployeeID}}); err != nil {
			t.Fatal(err)
		}
		if err := assign(f.trainer, learning.AssignInput{TeamID: &f.teamA}); err != nil {
			t.Fatal(err)
		}
		if err := assign(f.trainer, learning.AssignInput{PositionID: &f.leadPos}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("OKHRAndAdminAnyone", func(t *testing.T) {
		if err := assign(f.hr, learning.AssignInput{EmployeeIDs: []int64{outsider}}); err != nil {
			t.Fatal(err)
		}
		if err := assign(f.admin, learning.AssignInput{TeamID: &f.teamB}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrRevoked", func(t *testing.T) {
		f.exec(t, `UPDATE training_scopes SET revoked_at = now(), revoked_by = $2 WHERE trainer_id = $1 AND team_id IS NOT NULL`,
			f.trainer.EmployeeID, f.hr.EmployeeID)
		wantCode(t, assign(f.trainer, learning.AssignInput{TeamID: &f.teamA}), rungs.ErrForbidden, "assignment.out_of_scope")
	})
}

// TestLearnersNeedScope: an enrolment in a trainer's course makes them a
// trainer of the learner (development record, ratings) only when the
// learner is in their scope; HR enrolling an outsider opens nothing.
func TestLearnersNeedScope(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{})
	inScope := f.employee(t, f.teamA, f.agentPos)
	outsider := f.employee(t, f.teamB, f.agentPos)
	notEnrolled := f.employee(t, f.teamA, f.agentPos)
	f.assign(t, c, inScope, outsider)
	got, err := f.store.LearnersOf(ctx, f.trainer.EmployeeID, []int64{inScope, outsider, notEnrolled})
	if err != nil {
		t.Fatal(err)
	}
	if !got[0] || got[1] || got[2] {
		t.Errorf("learners %v, want [true false false]", got)
	}
}
