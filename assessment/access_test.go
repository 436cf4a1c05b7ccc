package assessment_test

import (
	"testing"

	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
)

// TestAttemptAccess: who reads a learner's attempts, through both batch
// reads.
func TestAttemptAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{}, single(1, 0))
	at := f.take(t, f.learner, a, pick(a.Questions[0], 0))
	// A second level of the line: the manager's own manager sees it too.
	boss := f.person(t, "Boss", 0)
	f.exec(t, `UPDATE employees SET manager_id = $1 WHERE id = $2`, boss.EmployeeID, f.manager.EmployeeID)

	for _, tc := range []struct {
		name string
		v    *auth.Viewer
		sees bool
	}{
		{"learner", f.learner, true},
		{"other learner", f.colleague, false},
		{"owner trainer", f.trainer, true},
		{"other trainer", f.trainer2, false},
		{"learner's manager", f.manager, true},
		{"manager's manager", boss, true},
		{"hr", f.hr, true},
		{"admin", f.admin, true},
		{"anonymous", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			byID, err := f.store.AttemptsByIDs(ctx, tc.v, []int64{at.ID, 0})
			if err != nil {
				t.Fatal(err)
			}
			if (byID[0] != nil) != tc.sees || byID[1] != nil {
				t.Errorf("AttemptsByIDs = %v, want seen: %v", byID, tc.sees)
			}
			of, err := f.store.AttemptsOf(ctx, tc.v, []int64{f.colleague.EmployeeID, f.learner.EmployeeID}, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(of[0]) != 0 || (len(of[1]) == 1) != tc.sees {
				t.Errorf("AttemptsOf = %v, want seen: %v", of, tc.sees)
			}
			if tc.sees {
				of, err := f.store.AttemptsOf(ctx, tc.v, []int64{f.learner.EmployeeID}, a.ID+1000)
				if err != nil || len(of[0]) != 0 {
					t.Errorf("AttemptsOf another assessment: %v %v", of, err)
				}
			}
		})
	}
}
