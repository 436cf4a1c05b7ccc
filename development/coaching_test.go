package development_test

import (
	"strings"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/development"
)

func TestLogCoaching(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	session := func(notes string) development.CoachingInput {
		return development.CoachingInput{EmployeeID: f.agent.EmployeeID, HeldOn: day(-3),
			Notes: notes, FollowUps: "listen to two escalated calls together"}
	}

	t.Run("Who", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			by   *auth.Viewer
			code string
			key  string
		}{
			{"Manager", f.manager, "", ""},
			{"ManagersManager", f.director, "", ""},
			{"TrainerOfTheirs", f.trainer, "", ""},
			{"OtherTrainer", f.trainer2, rungs.ErrForbidden, "coaching.forbidden"},
			{"HR", f.hr, rungs.ErrForbidden, "coaching.forbidden"},
			{"Peer", f.peer, rungs.ErrForbidden, "coaching.forbidden"},
			{"Self", f.agent, rungs.ErrForbidden, "coaching.self"},
			{"Anonymous", nil, rungs.ErrUnauthenticated, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c, err := f.store.LogCoaching(ctx, tc.by, session("  by "+tc.name+"  "))
				if tc.code != "" {
					wantErr(t, err, tc.code, tc.key)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if c.CoachID != tc.by.EmployeeID || c.Notes != "by "+tc.name || !c.HeldOn.Equal(day(-3)) {
					t.Fatalf("logged %+v", c)
				}
			})
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		_, err := f.store.LogCoaching(ctx, f.manager, development.CoachingInput{EmployeeID: f.agent.EmployeeID,
			HeldOn: day(1), Notes: " ", FollowUps: strings.Repeat("x", 4001)})
		wantKeys(t, err, "coaching.notes.required", "coaching.follow_ups.too_long", "coaching.held_on.future")
		_, err = f.store.LogCoaching(ctx, f.manager, development.CoachingInput{EmployeeID: f.agent.EmployeeID, Notes: "n"})
		wantKeys(t, err, "coaching.held_on.required")
		in := session("before they joined")
		f.get(t, &in.HeldOn, `SELECT hire_date - 1 FROM employees WHERE id = $1`, in.EmployeeID)
		_, err = f.store.LogCoaching(ctx, f.manager, in)
		wantErr(t, err, rungs.ErrBadUserInput, "coaching.held_on.before_hire")
		// Someone the viewer cannot see looks like someone they do not coach.
		in.EmployeeID, in.HeldOn = 999999, day(-14)
		_, err = f.store.LogCoaching(ctx, f.manager, in)
		wantErr(t, err, rungs.ErrForbidden, "coaching.forbidden")
	})
}

func TestCoachingAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	log := func(by *auth.Viewer, notes string) {
		t.Helper()
		must(f.store.LogCoaching(ctx, by, development.CoachingInput{EmployeeID: f.agent.EmployeeID,
			HeldOn: day(-14), Notes: notes}))(t)
	}
	log(f.manager, "manager's session")
	log(f.trainer, "trainer's session")

	for _, tc := range []struct {
		name string
		v    *auth.Viewer
		want []string // notes seen, latest first (same day: newest id first)
	}{
		{"Employee", f.agent, []string{"trainer's session", "manager's session"}},
		{"Manager", f.manager, []string{"trainer's session", "manager's session"}},
		{"ManagersManager", f.director, []string{"trainer's session", "manager's session"}},
		{"HR", f.hr, []string{"trainer's session", "manager's session"}},
		{"Admin", f.admin, []string{"trainer's session", "manager's session"}},
		{"CoachOutsideTheLine", f.trainer, []string{"trainer's session"}},
		{"OtherTrainer", f.trainer2, nil},
		{"Peer", f.peer, nil},
		{"Anonymous", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := must(f.store.CoachingOf(ctx, tc.v, []int64{f.agent.EmployeeID}))(t)
			var notes []string
			for _, c := range got[0] {
				notes = append(notes, c.Notes)
			}
			if strings.Join(notes, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("sees %q, want %q", notes, tc.want)
			}
		})
	}
}
