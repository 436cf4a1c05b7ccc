package development_test

import (
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/development"
)

// TestTrainerNeedsScope: an enrolment in a trainer's course opens the
// learner's development record to the trainer only while the learner is in
// the trainer's training scope. Out of it (HR enrolled an outsider, or the
// scope was revoked) the trainer reads no plan or goal and logs no
// coaching, while the line and HR keep theirs.
func TestTrainerNeedsScope(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	agent := f.agent.EmployeeID
	must(f.store.AdoptPlan(ctx, f.agent, development.AdoptInput{EmployeeID: agent, TargetPositionID: f.seniorPos, FinishOn: day(78)}))(t)
	must(f.store.CreateGoal(ctx, f.manager, agent, f.goalInput("Resolve more on first contact", f.empathy)))(t)
	if got := must(f.store.PlansOf(ctx, f.trainer, []int64{agent}))(t); len(got[0]) != 1 {
		t.Fatal("the trainer of an agent in their scope does not see the plan")
	}
	if got := must(f.store.GoalsOf(ctx, f.trainer, []int64{agent}))(t); len(got[0]) != 1 {
		t.Fatal("the trainer of an agent in their scope does not see the goal")
	}
	f.exec(t, `UPDATE training_scopes SET revoked_at = now(), revoked_by = $2 WHERE trainer_id = $1`,
		f.trainer.EmployeeID, f.hr.EmployeeID)

	if got := must(f.store.PlansOf(ctx, f.trainer, []int64{agent}))(t); len(got[0]) != 0 {
		t.Error("out of scope, the course owner still sees the plan")
	}
	if got := must(f.store.GoalsOf(ctx, f.trainer, []int64{agent}))(t); len(got[0]) != 0 {
		t.Error("out of scope, the course owner still sees the goals")
	}
	_, err := f.store.LogCoaching(ctx, f.trainer, development.CoachingInput{EmployeeID: agent, HeldOn: day(-1), Notes: "n"})
	wantErr(t, err, rungs.ErrForbidden, "coaching.forbidden")
	if got := must(f.store.PlansOf(ctx, f.manager, []int64{agent}))(t); len(got[0]) != 1 {
		t.Error("the manager lost sight of the plan")
	}
}
