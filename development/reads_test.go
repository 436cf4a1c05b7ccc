package development_test

import (
	"context"
	"testing"

	"github.com/rungs/rungs/development"
	"github.com/rungs/rungs/postgres"
)

// Every batch read is one statement however many keys it gets, so the
// GraphQL loaders keep the statement count of a request flat.
func TestBatchReadsAreOneStatement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, who := range []int64{f.agent.EmployeeID, f.peer.EmployeeID} {
		in := f.goalInput("Goal", f.empathy)
		must(f.store.CreateGoal(ctx, f.hr, who, in))(t)
	}
	c := f.course(t, f.trainer, "PUBLISHED", 2)
	plan := must(f.store.AdoptPlan(ctx, f.agent, development.AdoptInput{EmployeeID: f.agent.EmployeeID,
		TargetPositionID: f.seniorPos, Courses: planCourses(c, 2.0), TotalHours: 2, FinishOn: day(78)}))(t).Plan
	people := []int64{f.agent.EmployeeID, f.peer.EmployeeID, 999999}
	ids := []int64{plan.ID, 999999}

	for name, read := range map[string]func(context.Context) error{
		"StudyBudgets":  func(c context.Context) error { _, err := f.store.StudyBudgets(c, people); return err },
		"AspirationsOf": func(c context.Context) error { _, err := f.store.AspirationsOf(c, f.manager, people); return err },
		"AspirantsOf":   func(c context.Context) error { _, err := f.store.AspirantsOf(c, ids); return err },
		"GoalsOf":       func(c context.Context) error { _, err := f.store.GoalsOf(c, f.trainer, people); return err },
		"GoalsByIDs":    func(c context.Context) error { _, err := f.store.GoalsByIDs(c, f.manager, ids); return err },
		"GoalComps":     func(c context.Context) error { _, err := f.store.GoalCompetenciesOf(c, ids); return err },
		"CoachingOf":    func(c context.Context) error { _, err := f.store.CoachingOf(c, f.manager, people); return err },
		"PlansOf":       func(c context.Context) error { _, err := f.store.PlansOf(c, f.trainer, people); return err },
		"PlansByIDs":    func(c context.Context) error { _, err := f.store.PlansByIDs(c, f.manager, ids); return err },
		"PlanCoursesOf": func(c context.Context) error { _, err := f.store.PlanCoursesOf(c, ids); return err },
		"PlanProgress":  func(c context.Context) error { _, err := f.store.PlanProgress(c, ids); return err },
	} {
		counted, counter := postgres.NewContextWithCounter(ctx)
		if err := read(counted); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := counter.Count(); n != 1 {
			t.Errorf("%s sent %d statements, want 1", name, n)
		}
	}
}
