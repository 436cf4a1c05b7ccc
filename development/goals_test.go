package development_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/development"
)

// goalInput is a valid goal due in about half a year.
func (f *fixture) goalInput(title string, competencies ...int64) development.GoalInput {
	return development.GoalInput{
		Title:         title,
		Measure:       "first-contact resolution rate, weekly report",
		Target:        "85% or better for 8 weeks running",
		DueOn:         day(199),
		CompetencyIDs: competencies,
	}
}

func TestGoalLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	g := must(f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, f.goalInput("  Resolve more on first contact ", f.empathy)))(t)
	if g.Status != development.GoalDraft || g.Title != "Resolve more on first contact" || g.CreatedBy != f.agent.EmployeeID ||
		g.AgreedAt.Valid || !g.CreatedAt.Equal(now) {
		t.Fatalf("created %+v", g)
	}

	// The employee edits their draft, competencies included.
	in := f.goalInput("Resolve more on first contact", f.listening, f.empathy)
	in.DueOn = day(168)
	g = must(f.store.UpdateGoal(ctx, f.agent, g.ID, in))(t)
	if !g.DueOn.Equal(day(168)) {
		t.Fatalf("due %v", g.DueOn)
	}
	comps := must(f.store.GoalCompetenciesOf(ctx, []int64{g.ID, 999999}))(t)
	if want := fmt.Sprint([][]int64{{f.empathy, f.listening}, {}}); fmt.Sprint(comps) != want {
		t.Fatalf("competencies %v, want %v", comps, want)
	}
	g = must(f.store.UpdateGoal(ctx, f.manager, g.ID, f.goalInput("Resolve more on first contact")))(t)
	comps = must(f.store.GoalCompetenciesOf(ctx, []int64{g.ID}))(t)
	if len(comps[0]) != 0 {
		t.Fatalf("competencies after clearing: %v", comps)
	}

	// Nobody moves a draft on before it is agreed.
	_, err := f.store.SetGoalStatus(ctx, f.agent, g.ID, development.GoalInProgress)
	wantErr(t, err, rungs.ErrConflict, "goal.status.transition")

	// Agreeing: not the employee, not HR, not a peer; the manager's
	// manager may.
	_, err = f.store.AgreeGoal(ctx, f.agent, g.ID)
	wantErr(t, err, rungs.ErrForbidden, "goal.agree.self")
	_, err = f.store.AgreeGoal(ctx, f.hr, g.ID)
	wantErr(t, err, rungs.ErrForbidden, "goal.agree.forbidden")
	_, err = f.store.AgreeGoal(ctx, f.trainer, g.ID)
	wantErr(t, err, rungs.ErrForbidden, "goal.agree.forbidden")
	_, err = f.store.AgreeGoal(ctx, f.peer, g.ID)
	wantErr(t, err, rungs.ErrNotFound, "goal.not_found")
	g = must(f.store.AgreeGoal(ctx, f.director, g.ID))(t)
	if g.Status != development.GoalAgreed || g.AgreedBy.Int64 != f.director.EmployeeID || !g.AgreedAt.Time.Equal(now) {
		t.Fatalf("agreed %+v", g)
	}
	_, err = f.store.AgreeGoal(ctx, f.manager, g.ID)
	wantErr(t, err, rungs.ErrConflict, "goal.not_draft")
	// What was agreed stays what was agreed.
	_, err = f.store.UpdateGoal(ctx, f.manager, g.ID, f.goalInput("Something else"))
	wantErr(t, err, rungs.ErrConflict, "goal.not_draft")

	g = must(f.store.SetGoalStatus(ctx, f.agent, g.ID, development.GoalInProgress))(t)
	if g.Status != development.GoalInProgress || g.ClosedAt.Valid {
		t.Fatalf("in progress %+v", g)
	}
	_, err = f.store.SetGoalStatus(ctx, f.agent, g.ID, development.GoalCancelled)
	wantErr(t, err, rungs.ErrForbidden, "goal.cancel.forbidden")
	_, err = f.store.SetGoalStatus(ctx, f.hr, g.ID, development.GoalAchieved)
	wantErr(t, err, rungs.ErrForbidden, "goal.status.forbidden")
	_, err = f.store.SetGoalStatus(ctx, f.agent, g.ID, development.GoalAgreed)
	wantErr(t, err, rungs.ErrBadUserInput, "goal.status.invalid")

	g = must(f.store.SetGoalStatus(ctx, f.agent, g.ID, development.GoalAchieved))(t)
	if g.Status != development.GoalAchieved || g.ClosedBy.Int64 != f.agent.EmployeeID || !g.ClosedAt.Time.Equal(now) {
		t.Fatalf("achieved %+v", g)
	}
	for _, to := range []string{development.GoalMissed, development.GoalCancelled, development.GoalInProgress} {
		_, err = f.store.SetGoalStatus(ctx, f.manager, g.ID, to)
		wantErr(t, err, rungs.ErrConflict, "goal.closed")
	}

	t.Run("ManagerCreatesHRCancels", func(t *testing.T) {
		g := must(f.store.CreateGoal(ctx, f.manager, f.agent.EmployeeID, f.goalInput("Mentor a new joiner")))(t)
		if g.Status != development.GoalDraft || g.CreatedBy != f.manager.EmployeeID {
			t.Fatalf("created %+v", g)
		}
		// The manager wrote it and still agrees it as a separate step.
		g = must(f.store.AgreeGoal(ctx, f.manager, g.ID))(t)
		g = must(f.store.SetGoalStatus(ctx, f.hr, g.ID, development.GoalCancelled))(t)
		if g.Status != development.GoalCancelled || g.ClosedBy.Int64 != f.hr.EmployeeID {
			t.Fatalf("cancelled %+v", g)
		}
	})

	t.Run("DraftCancelledAndMissed", func(t *testing.T) {
		d := must(f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, f.goalInput("Draft to drop")))(t)
		d = must(f.store.SetGoalStatus(ctx, f.manager, d.ID, development.GoalCancelled))(t)
		if d.Status != development.GoalCancelled || d.AgreedAt.Valid {
			t.Fatalf("cancelled draft %+v", d)
		}
		m := must(f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, f.goalInput("Too ambitious")))(t)
		must(f.store.AgreeGoal(ctx, f.manager, m.ID))(t)
		// The line records a miss straight from AGREED.
		m = must(f.store.SetGoalStatus(ctx, f.director, m.ID, development.GoalMissed))(t)
		if m.Status != development.GoalMissed {
			t.Fatalf("missed %+v", m)
		}
	})

	t.Run("Overdue", func(t *testing.T) {
		d := must(f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, f.goalInput("Late")))(t)
		f.exec(t, `UPDATE goals SET due_on = $2, created_at = $3 WHERE id = $1`, d.ID, today, day(-14))
		later := *f.store
		later.Now = func() time.Time { return now.AddDate(0, 0, 1) }
		_, err := later.AgreeGoal(ctx, f.manager, d.ID)
		wantErr(t, err, rungs.ErrConflict, "goal.overdue")
	})
}

func TestGoalValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, development.GoalInput{
		Title: "  ", Measure: strings.Repeat("m", 1001), DueOn: day(-1),
		CompetencyIDs: []int64{f.empathy, f.empathy},
	})
	wantKeys(t, err, "goal.title.required", "goal.measure.too_long", "goal.target.required", "goal.due_on.past",
		"goal.competencies.duplicate")
	_, err = f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, development.GoalInput{Title: "t", Measure: "m", Target: "x"})
	wantKeys(t, err, "goal.due_on.required")
	// Due today is fine; a title counts characters, not bytes.
	must(f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, development.GoalInput{
		Title: strings.Repeat("标", 200), Measure: "m", Target: "x", DueOn: today}))(t)
	// Only current competencies of the published framework.
	_, err = f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, f.goalInput("Retired", f.empathy, f.retired, 999999))
	wantErr(t, err, rungs.ErrBadUserInput, "goal.competencies.unknown")
	var n int
	f.get(t, &n, `SELECT count(*) FROM goals WHERE title = 'Retired'`)
	if n != 0 {
		t.Fatal("a refused goal was stored")
	}
	// Nobody writes goals for someone who left.
	f.exec(t, `UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, f.peer.EmployeeID, day(-14))
	_, err = f.store.CreateGoal(ctx, f.manager, f.peer.EmployeeID, f.goalInput("Gone"))
	wantErr(t, err, rungs.ErrConflict, "employee.offboarded")
}

func TestGoalAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	g := must(f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, f.goalInput("Seen by whom")))(t)

	for _, tc := range []struct {
		name       string
		v          *auth.Viewer
		sees       bool
		createCode string // creating a goal for the agent
		agreeCode  string // agreeing the agent's draft (in a fresh goal)
		cancelCode string // cancelling it
	}{
		{"Employee", f.agent, true, "", rungs.ErrForbidden, rungs.ErrForbidden},
		{"Manager", f.manager, true, "", "", ""},
		{"ManagersManager", f.director, true, "", "", ""},
		{"HR", f.hr, true, "", rungs.ErrForbidden, ""},
		{"Admin", f.admin, true, "", rungs.ErrForbidden, ""},
		{"TrainerOfTheirs", f.trainer, true, rungs.ErrForbidden, rungs.ErrForbidden, rungs.ErrForbidden},
		{"OtherTrainer", f.trainer2, false, rungs.ErrForbidden, rungs.ErrNotFound, rungs.ErrNotFound},
		{"Peer", f.peer, false, rungs.ErrForbidden, rungs.ErrNotFound, rungs.ErrNotFound},
		{"Anonymous", nil, false, rungs.ErrUnauthenticated, rungs.ErrUnauthenticated, rungs.ErrUnauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			of := must(f.store.GoalsOf(ctx, tc.v, []int64{f.agent.EmployeeID}))(t)
			byID := must(f.store.GoalsByIDs(ctx, tc.v, []int64{g.ID}))(t)
			if (len(of[0]) > 0) != tc.sees || (byID[0] != nil) != tc.sees {
				t.Fatalf("GoalsOf %d, GoalsByIDs %v; want sees=%v", len(of[0]), byID[0], tc.sees)
			}
			_, err := f.store.CreateGoal(ctx, tc.v, f.agent.EmployeeID, f.goalInput("By "+tc.name))
			if rungs.ErrorCode(err) != tc.createCode {
				t.Fatalf("create: %v, want %q", err, tc.createCode)
			}
			fresh := must(f.store.CreateGoal(ctx, f.agent, f.agent.EmployeeID, f.goalInput("Fresh")))(t)
			_, err = f.store.AgreeGoal(ctx, tc.v, fresh.ID)
			if rungs.ErrorCode(err) != tc.agreeCode {
				t.Fatalf("agree: %v, want %q", err, tc.agreeCode)
			}
			_, err = f.store.SetGoalStatus(ctx, tc.v, fresh.ID, development.GoalCancelled)
			if rungs.ErrorCode(err) != tc.cancelCode {
				t.Fatalf("cancel: %v, want %q", err, tc.cancelCode)
			}
		})
	}

	t.Run("Batch", func(t *testing.T) {
		peerGoal := must(f.store.CreateGoal(ctx, f.peer, f.peer.EmployeeID, f.goalInput("Peer's own")))(t)
		// The manager sees both reports' goals in one call, in key order.
		got := must(f.store.GoalsOf(ctx, f.manager, []int64{f.peer.EmployeeID, 999999, f.agent.EmployeeID}))(t)
		if len(got) != 3 || len(got[0]) != 1 || got[0][0].ID != peerGoal.ID || len(got[1]) != 0 || len(got[2]) == 0 {
			t.Fatalf("batch: %v", got)
		}
		// The agent sees only their own.
		got = must(f.store.GoalsOf(ctx, f.agent, []int64{f.peer.EmployeeID, f.agent.EmployeeID}))(t)
		if len(got[0]) != 0 || len(got[1]) == 0 {
			t.Fatalf("agent's batch: %v", got)
		}
	})

	t.Run("EditDrafts", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			v    *auth.Viewer
			code string
		}{
			{"Employee", f.agent, ""},
			{"Manager", f.manager, ""},
			{"HR", f.hr, ""},
			{"Trainer", f.trainer, rungs.ErrForbidden},
			{"Peer", f.peer, rungs.ErrNotFound},
		} {
			_, err := f.store.UpdateGoal(ctx, tc.v, g.ID, f.goalInput("Edited by "+tc.name))
			if rungs.ErrorCode(err) != tc.code {
				t.Fatalf("%s: %v, want %q", tc.name, err, tc.code)
			}
		}
	})
}
