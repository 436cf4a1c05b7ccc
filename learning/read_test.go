package learning_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/postgres"
)

// oneStatement runs fn under a statement counter and fails unless it sent
// exactly one statement.
func oneStatement(t *testing.T, name string, fn func(ctx context.Context) error) {
	t.Helper()
	cctx, counter := postgres.NewContextWithCounter(ctx)
	if err := fn(cctx); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if n := counter.Count(); n != 1 {
		t.Fatalf("%s sent %d statements, want 1", name, n)
	}
}

func TestBatchReads(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c1 := f.course(t, courseSpec{Modules: 4})
	c2 := f.course(t, courseSpec{Modules: 1, Validity: 12})
	c3 := f.course(t, courseSpec{})
	a1 := f.employee(t, f.teamA, f.agentPos)
	a2 := f.employee(t, f.teamA, f.agentPos)
	gone := f.employee(t, f.teamA, f.agentPos)
	b1 := f.employee(t, f.teamB, f.agentPos)
	res1 := f.assign(t, c1, a1, a2, gone, b1) // due day(30)
	f.exec(t, `UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, gone, today)
	res2 := f.assign(t, c2, a1, a2)
	f.assign(t, c3, a2)
	e11 := f.enrollment(t, a1, c1)
	if _, err := f.store.CompleteModule(ctx, as(a1), e11.ID, c1.Modules[0]); err != nil {
		t.Fatal(err)
	}
	e12 := f.enrollment(t, a1, c2)
	if _, err := f.store.CompleteModule(ctx, as(a1), e12.ID, c2.Modules[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Withdraw(ctx, f.hr, f.enrollment(t, a2, c3).ID, ""); err != nil {
		t.Fatal(err)
	}
	f.store.Now = func() time.Time { return day(35) } // c1 is overdue now

	var es []*learning.Enrollment
	oneStatement(t, "EnrollmentsByIDs", func(ctx context.Context) (err error) {
		es, err = f.store.EnrollmentsByIDs(ctx, []int64{e12.ID, 999999, e11.ID})
		return err
	})
	if es[0].ID != e12.ID || es[1] != nil || es[2].ID != e11.ID || es[2].ModulesTotal != 4 || es[2].ModulesDone != 1 ||
		es[2].PercentComplete() != 25 {
		t.Fatalf("by ids: %+v", es)
	}

	var of [][]*learning.Enrollment
	oneStatement(t, "EnrollmentsOf", func(ctx context.Context) (err error) {
		of, err = f.store.EnrollmentsOf(ctx, []int64{a2, 999999, a1}, nil)
		return err
	})
	ids := func(es []*learning.Enrollment) (out []int64) {
		for _, e := range es {
			out = append(out, e.CourseID.Int64)
		}
		return out
	}
	// Open ones first by due date, then the rest.
	if !slices.Equal(ids(of[0]), []int64{c1.ID, c2.ID, c3.ID}) || len(of[1]) != 0 || !slices.Equal(ids(of[2]), []int64{c1.ID, c2.ID}) {
		t.Fatalf("enrollments of: %v %v %v", ids(of[0]), ids(of[1]), ids(of[2]))
	}
	of, err := f.store.EnrollmentsOf(ctx, []int64{a1, a2}, []string{"COMPLETED", "WITHDRAWN"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(of[0]), []int64{c2.ID}) || !slices.Equal(ids(of[1]), []int64{c3.ID}) {
		t.Fatalf("filtered: %v %v", ids(of[0]), ids(of[1]))
	}

	var progress [][]learning.CourseProgress
	oneStatement(t, "ProgressOfTeams", func(ctx context.Context) (err error) {
		progress, err = f.store.ProgressOfTeams(ctx, []int64{f.teamB, f.teamA, 999999}, 0)
		return err
	})
	// Team A's ACTIVE members are a1 and a2 (gone has left). Everything
	// was due on day(30), five days ago: c1 a1 in progress and a2 assigned, both
	// overdue; c2 a1 done, a2 assigned and overdue; c3 a2 withdrawn.
	wantA := []learning.CourseProgress{
		{CourseID: c1.ID, Assigned: 1, InProgress: 1, Overdue: 2},
		{CourseID: c2.ID, Assigned: 1, Completed: 1, Overdue: 1},
		{CourseID: c3.ID, Withdrawn: 1},
	}
	wantB := []learning.CourseProgress{{CourseID: c1.ID, Assigned: 1, Overdue: 1}}
	if !slices.Equal(progress[0], wantB) || !slices.Equal(progress[1], wantA) || len(progress[2]) != 0 {
		t.Fatalf("progress %+v", progress)
	}

	var loads []learning.Load
	oneStatement(t, "LoadOf", func(ctx context.Context) (err error) {
		loads, err = f.store.LoadOf(ctx, []int64{a2})
		return err
	})
	if want := (learning.Load{HoursAssigned: 4, HoursOverdue: 4, Assigned: 2, Overdue: 2}); loads[0] != want {
		t.Fatalf("load %+v, want %+v", loads[0], want)
	}

	var comps [][]learning.Completion
	oneStatement(t, "CompletionsOf", func(ctx context.Context) (err error) {
		comps, err = f.store.CompletionsOf(ctx, []int64{a2, a1})
		return err
	})
	if len(comps[0]) != 0 || len(comps[1]) != 1 || comps[1][0].CourseID != c2.ID || !comps[1][0].ValidUntil.Time.Equal(addMonths(today, 12)) {
		t.Fatalf("completions %+v", comps)
	}

	var assignments []*learning.Assignment
	oneStatement(t, "AssignmentsByIDs", func(ctx context.Context) (err error) {
		assignments, err = f.store.AssignmentsByIDs(ctx, []int64{res2.Assignment.ID, 999999, res1.Assignment.ID})
		return err
	})
	if assignments[0].ID != res2.Assignment.ID || assignments[1] != nil || assignments[2].CourseID.Int64 != c1.ID || !assignments[2].Active() {
		t.Fatalf("assignments %+v", assignments)
	}

	oneStatement(t, "EventsOf", func(ctx context.Context) error {
		events, err := f.store.EventsOf(ctx, []int64{e11.ID, 999999})
		if err == nil && (len(events[0]) != 2 || len(events[1]) != 0) {
			t.Errorf("events %+v", events)
		}
		return err
	})
	oneStatement(t, "ModuleProgressOf", func(ctx context.Context) error {
		ticks, err := f.store.ModuleProgressOf(ctx, []int64{e11.ID})
		if err == nil && len(ticks[0]) != 1 {
			t.Errorf("ticks %+v", ticks)
		}
		return err
	})
}
