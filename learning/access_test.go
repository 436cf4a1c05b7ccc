package learning_test

import (
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/learning"
)

// TestAccess runs every write as every member of the cast against a fresh
// course owned by the fixture's trainer, and an enrolment of the learner
// (assigned by HR, or self-enrolled for "withdraw self").
func TestAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	type action func(t *testing.T, by *auth.Viewer, c *course, e *learning.Enrollment) error
	actions := map[string]action{
		"assign": func(t *testing.T, by *auth.Viewer, c *course, _ *learning.Enrollment) error {
			_, err := f.store.Assign(ctx, by, learning.AssignInput{CourseID: c.ID, EmployeeIDs: []int64{f.colleague.EmployeeID}, DueOn: day(16)})
			return err
		},
		"end assignment": func(t *testing.T, by *auth.Viewer, _ *course, e *learning.Enrollment) error {
			_, err := f.store.EndAssignment(ctx, by, e.AssignmentID.Int64)
			return err
		},
		"start": func(t *testing.T, by *auth.Viewer, _ *course, e *learning.Enrollment) error {
			_, err := f.store.StartCourse(ctx, by, e.ID)
			return err
		},
		"tick": func(t *testing.T, by *auth.Viewer, c *course, e *learning.Enrollment) error {
			_, err := f.store.CompleteModule(ctx, by, e.ID, c.Modules[0])
			return err
		},
		"complete": func(t *testing.T, by *auth.Viewer, _ *course, e *learning.Enrollment) error {
			_, err := f.store.Complete(ctx, by, e.ID)
			return err
		},
		"withdraw assigned": func(t *testing.T, by *auth.Viewer, _ *course, e *learning.Enrollment) error {
			_, err := f.store.Withdraw(ctx, by, e.ID, "")
			return err
		},
		"withdraw self": func(t *testing.T, by *auth.Viewer, _ *course, e *learning.Enrollment) error {
			_, err := f.store.Withdraw(ctx, by, e.ID, "")
			return err
		},
	}
	cast := []struct {
		name string
		v    *auth.Viewer
	}{
		{"learner", f.learner}, {"colleague", f.colleague}, {"owner", f.trainer},
		{"other trainer", f.trainer2}, {"HR", f.hr}, {"admin", f.admin},
	}
	// Who may: one letter per member of the cast, in order (Y allowed, - FORBIDDEN).
	table := []struct {
		action string
		may    string
	}{
		{"assign", "--Y-YY"},
		{"end assignment", "--Y-YY"},
		{"start", "Y-----"},
		{"tick", "Y-----"},
		{"complete", "--Y--Y"},
		{"withdraw assigned", "--Y-YY"},
		{"withdraw self", "Y-Y-YY"},
	}
	for _, row := range table {
		for i, who := range cast {
			t.Run(row.action+"/"+who.name, func(t *testing.T) {
				c := f.course(t, courseSpec{Modules: 2})
				var e *learning.Enrollment
				if row.action == "withdraw self" {
					e = f.enroll(t, f.learner, c)
				} else {
					f.assign(t, c, f.learner.EmployeeID)
					e = f.enrollment(t, f.learner.EmployeeID, c)
				}
				err := actions[row.action](t, who.v, c, e)
				if row.may[i] == 'Y' {
					if err != nil {
						t.Fatalf("want allowed, got %v", err)
					}
				} else {
					wantCode(t, err, rungs.ErrForbidden, "")
				}
			})
		}
	}
}
