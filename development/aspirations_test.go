package development_test

import (
	"fmt"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/development"
)

// positionsOf lists the position ids of as, in order.
func positionsOf(as []*development.Aspiration) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.PositionID
	}
	return out
}

func TestSetAspirations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	got := must(f.store.SetAspirations(ctx, f.agent, []int64{f.leadPos, f.seniorPos}))(t)
	if fmt.Sprint(positionsOf(got)) != fmt.Sprint([]int64{f.leadPos, f.seniorPos}) || got[0].Rank != 1 || got[1].Rank != 2 {
		t.Fatalf("aspirations = %+v", got)
	}
	noted := must(f.store.SetAspirationNote(ctx, f.agent, f.seniorPos, "  closer to home  "))(t)
	if noted.Note != "closer to home" {
		t.Fatalf("note = %q", noted.Note)
	}

	t.Run("Invalid", func(t *testing.T) {
		fourth := f.archivedPos
		for _, tc := range []struct {
			name string
			ids  []int64
			key  string
		}{
			{"TooMany", []int64{f.seniorPos, f.leadPos, f.agentPos + 1000, fourth}, "aspiration.too_many"},
			{"Duplicate", []int64{f.seniorPos, f.seniorPos}, "aspiration.duplicate"},
			{"Current", []int64{f.agentPos}, "aspiration.position.current"},
			{"Archived", []int64{f.archivedPos}, "aspiration.position.not_found"},
			{"Unknown", []int64{999999}, "aspiration.position.not_found"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.store.SetAspirations(ctx, f.agent, tc.ids)
				wantErr(t, err, rungs.ErrBadUserInput, tc.key)
			})
		}
		// Both problems at once: an unknown position and the current one.
		_, err := f.store.SetAspirations(ctx, f.agent, []int64{999999, f.agentPos})
		wantKeys(t, err, "aspiration.position.not_found", "aspiration.position.current")
		// A refused list leaves the saved one as it was.
		kept := must(f.store.AspirationsOf(ctx, f.agent, []int64{f.agent.EmployeeID}))(t)[0]
		if fmt.Sprint(positionsOf(kept)) != fmt.Sprint([]int64{f.leadPos, f.seniorPos}) {
			t.Fatalf("after refusals: %v", positionsOf(kept))
		}
	})

	t.Run("ReplaceKeepsNotes", func(t *testing.T) {
		// Swapping ranks crosses the unique (employee, rank) key: the
		// replace must not trip over it.
		got := must(f.store.SetAspirations(ctx, f.agent, []int64{f.seniorPos, f.leadPos}))(t)
		if fmt.Sprint(positionsOf(got)) != fmt.Sprint([]int64{f.seniorPos, f.leadPos}) {
			t.Fatalf("aspirations = %v", positionsOf(got))
		}
		if got[0].Rank != 1 || got[0].Note != "closer to home" || got[1].Note != "" {
			t.Fatalf("aspirations = %+v %+v", got[0], got[1])
		}
		got = must(f.store.SetAspirations(ctx, f.agent, []int64{f.leadPos}))(t)
		if len(got) != 1 || got[0].Rank != 1 {
			t.Fatalf("aspirations = %+v", got)
		}
		var n int
		f.get(t, &n, `SELECT count(*) FROM aspirations WHERE employee_id = $1`, f.agent.EmployeeID)
		if n != 1 {
			t.Fatalf("%d rows, want 1", n)
		}
	})

	t.Run("Note", func(t *testing.T) {
		_, err := f.store.SetAspirationNote(ctx, f.agent, f.seniorPos, "not on the list any more")
		wantErr(t, err, rungs.ErrNotFound, "aspiration.not_found")
		_, err = f.store.SetAspirationNote(ctx, f.agent, f.leadPos, string(make([]rune, 1001)))
		wantErr(t, err, rungs.ErrBadUserInput, "aspiration.note.too_long")
		_, err = f.store.SetAspirationNote(ctx, nil, f.leadPos, "")
		wantErr(t, err, rungs.ErrUnauthenticated, "")
	})

	t.Run("Clear", func(t *testing.T) {
		if got := must(f.store.SetAspirations(ctx, f.peer, []int64{f.seniorPos}))(t); len(got) != 1 {
			t.Fatalf("peer: %v", got)
		}
		if got := must(f.store.SetAspirations(ctx, f.peer, nil))(t); len(got) != 0 {
			t.Fatalf("cleared: %v", got)
		}
		if got := must(f.store.AspirationsOf(ctx, f.peer, []int64{f.peer.EmployeeID}))(t)[0]; len(got) != 0 {
			t.Fatalf("after clear: %v", got)
		}
	})
}

func TestAspirants(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	must(f.store.SetAspirations(ctx, f.agent, []int64{f.seniorPos, f.leadPos}))(t)
	must(f.store.SetAspirations(ctx, f.peer, []int64{f.leadPos, f.seniorPos}))(t)
	must(f.store.SetAspirations(ctx, f.hr, []int64{f.leadPos}))(t)
	// Someone who left no longer counts as an aspirant.
	f.exec(t, `UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, f.hr.EmployeeID, day(-14))

	got := must(f.store.AspirantsOf(ctx, []int64{f.leadPos, f.agentPos, f.seniorPos}))(t)
	// First choices first, then by employee id.
	want := [][]int64{{f.peer.EmployeeID, f.agent.EmployeeID}, {}, {f.agent.EmployeeID, f.peer.EmployeeID}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("aspirants = %v, want %v", got, want)
	}
}

func TestAspirationsAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	must(f.store.SetAspirations(ctx, f.agent, []int64{f.seniorPos}))(t)
	for _, tc := range []struct {
		name string
		v    *auth.Viewer
		sees bool
	}{
		{"Employee", f.agent, true},
		{"Manager", f.manager, true},
		{"ManagersManager", f.director, true},
		{"HR", f.hr, true},
		{"Admin", f.admin, true},
		{"Peer", f.peer, false},
		{"TrainerOfTheirs", f.trainer, false},
		{"OtherTrainer", f.trainer2, false},
		{"Anonymous", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := must(f.store.AspirationsOf(ctx, tc.v, []int64{f.agent.EmployeeID, f.peer.EmployeeID}))(t)
			if len(got) != 2 || len(got[1]) != 0 {
				t.Fatalf("got %v", got)
			}
			if (len(got[0]) == 1) != tc.sees {
				t.Fatalf("sees %d aspirations, want sees=%v", len(got[0]), tc.sees)
			}
		})
	}
}
