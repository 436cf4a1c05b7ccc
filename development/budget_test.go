package development_test

import (
	"math"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/development"
)

func TestStudyBudget(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	t.Run("DefaultIsThree", func(t *testing.T) {
		got := must(f.store.StudyBudgets(ctx, []int64{f.agent.EmployeeID, 999999}))(t)
		if len(got) != 2 || got[0] != development.DefaultWeeklyHours || got[1] != development.DefaultWeeklyHours {
			t.Fatalf("budgets = %v, want [3 3]", got)
		}
	})

	t.Run("OwnBudget", func(t *testing.T) {
		if got := must(f.store.SetStudyBudget(ctx, f.agent, f.agent.EmployeeID, 5))(t); got != 5 {
			t.Fatalf("stored %v, want 5", got)
		}
		// Setting again updates the row; a tenth is kept, finer is rounded.
		if got := must(f.store.SetStudyBudget(ctx, f.agent, f.agent.EmployeeID, 2.25))(t); got != 2.3 {
			t.Fatalf("stored %v, want 2.3", got)
		}
		got := must(f.store.StudyBudgets(ctx, []int64{f.peer.EmployeeID, f.agent.EmployeeID}))(t)
		if got[0] != 3 || got[1] != 2.3 {
			t.Fatalf("budgets = %v, want [3 2.3]", got)
		}
	})

	t.Run("Range", func(t *testing.T) {
		for _, h := range []float64{0, 0.4, 40.1, -1, math.NaN(), math.Inf(1)} {
			_, err := f.store.SetStudyBudget(ctx, f.agent, f.agent.EmployeeID, h)
			wantErr(t, err, rungs.ErrBadUserInput, "study_budget.hours.range")
		}
		for _, h := range []float64{0.5, 40} {
			must(f.store.SetStudyBudget(ctx, f.peer, f.peer.EmployeeID, h))(t)
		}
	})

	t.Run("Who", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			by   *auth.Viewer
			code string
		}{
			{"Employee", f.agent, ""},
			{"HR", f.hr, ""},
			{"Admin", f.admin, ""},
			{"Manager", f.manager, rungs.ErrForbidden},
			{"Peer", f.peer, rungs.ErrForbidden},
			{"Trainer", f.trainer, rungs.ErrForbidden},
			{"Anonymous", nil, rungs.ErrUnauthenticated},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.store.SetStudyBudget(ctx, tc.by, f.agent.EmployeeID, 4)
				if rungs.ErrorCode(err) != tc.code {
					t.Fatalf("err = %v, want code %q", err, tc.code)
				}
			})
		}
		_, err := f.store.SetStudyBudget(ctx, f.hr, 999999, 4)
		wantErr(t, err, rungs.ErrNotFound, "employee.not_found")
	})
}
