package classroom_test

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/classroom"
)

// attended reads the attended column of each employee's registration.
func (f *fixture) attended(t *testing.T, session int64, ids ...int64) []sql.NullBool {
	t.Helper()
	out := make([]sql.NullBool, len(ids))
	for i, id := range ids {
		if err := f.db.Get(&out[i], `SELECT attended FROM session_registrations WHERE session_id = $1 AND employee_id = $2`, session, id); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestAttendance(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 3) // f.trainer runs it
	p := f.people(t, 4)
	f.mustRegister(t, s.ID, p...) // p0–p2 seated, p3 waiting
	marks := []classroom.Attendance{{EmployeeID: p[0], Attended: true}, {EmployeeID: p[1]}, {EmployeeID: p[2], Attended: true}}

	t.Run("ErrNotStarted", func(t *testing.T) {
		_, err := f.store.MarkAttendance(ctx, f.owner, s.ID, marks)
		wantErr(t, err, rungs.ErrConflict, "session.not_started")
	})
	f.advance(7*24*time.Hour + time.Hour) // an hour into the session

	for _, tc := range []struct {
		name string
		by   *auth.Viewer
		code string
	}{
		{"learner", self(p[0]), rungs.ErrForbidden},
		{"other trainer", f.otherTrainer, rungs.ErrForbidden},
		{"HR", f.hr, rungs.ErrForbidden},
		{"anonymous", nil, rungs.ErrUnauthenticated},
		{"session trainer", f.trainer, ""},
		{"owner", f.owner, ""},
		{"admin", f.admin, ""},
	} {
		t.Run("Access/"+tc.name, func(t *testing.T) {
			got, err := f.store.MarkAttendance(ctx, tc.by, s.ID, marks)
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := []int64{p[0], p[2]}; !slices.Equal(got, want) {
				t.Errorf("attended ids %v, want %v", got, want)
			}
		})
	}
	if got := f.attended(t, s.ID, p[0], p[1], p[2], p[3]); !got[0].Bool || got[1].Bool || !got[1].Valid || !got[2].Bool || got[3].Valid {
		t.Errorf("attended columns %v", got)
	}

	t.Run("ErrNotRegisteredChangesNothing", func(t *testing.T) {
		stranger := f.learner.EmployeeID
		_, err := f.store.MarkAttendance(ctx, f.owner, s.ID, []classroom.Attendance{
			{EmployeeID: p[0], Attended: false}, {EmployeeID: p[3], Attended: true}, {EmployeeID: stranger, Attended: true},
		})
		e := wantErr(t, err, rungs.ErrBadUserInput, "session.attendance.not_registered")
		ids := sorted(p[3], stranger)
		want := strconv.FormatInt(ids[0], 10) + ", " + strconv.FormatInt(ids[1], 10)
		if !strings.HasSuffix(e.Message, ": "+want) {
			t.Errorf("message %q does not list exactly %s", e.Message, want)
		}
		if got := f.attended(t, s.ID, p[0]); !got[0].Bool {
			t.Error("a refused list still changed attendance")
		}
	})

	t.Run("ErrDuplicate", func(t *testing.T) {
		_, err := f.store.MarkAttendance(ctx, f.owner, s.ID, []classroom.Attendance{{EmployeeID: p[0]}, {EmployeeID: p[0], Attended: true}})
		wantErr(t, err, rungs.ErrBadUserInput, "session.attendance.duplicate")
	})

	t.Run("Empty", func(t *testing.T) {
		got, err := f.store.MarkAttendance(ctx, f.owner, s.ID, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("empty list: %v, %v", got, err)
		}
	})

	t.Run("InCallersTransaction", func(t *testing.T) {
		// Rolled back with the caller's transaction…
		tx, err := f.db.BeginTxx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.store.RecordAttendance(ctx, tx, f.trainer, s.ID, []classroom.Attendance{{EmployeeID: p[1], Attended: true}})
		if err != nil || !slices.Equal(got, []int64{p[1]}) {
			t.Fatalf("RecordAttendance: %v, %v", got, err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if f.attended(t, s.ID, p[1])[0].Bool {
			t.Error("attendance survived the caller's rollback")
		}
		// …and committed with it.
		tx, err = f.db.BeginTxx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.RecordAttendance(ctx, tx, f.trainer, s.ID, []classroom.Attendance{{EmployeeID: p[1], Attended: true}}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if !f.attended(t, s.ID, p[1])[0].Bool {
			t.Error("attendance lost on commit")
		}
	})

	t.Run("ErrCancelled", func(t *testing.T) {
		g := newFixture(t)
		gs := g.mustSession(t, 3)
		g.mustRegister(t, gs.ID, g.learner.EmployeeID)
		if _, err := g.store.CancelSession(ctx, g.owner, gs.ID); err != nil {
			t.Fatal(err)
		}
		g.advance(8 * 24 * time.Hour)
		_, err := g.store.MarkAttendance(ctx, g.owner, gs.ID, []classroom.Attendance{{EmployeeID: g.learner.EmployeeID, Attended: true}})
		wantErr(t, err, rungs.ErrConflict, "session.cancelled")
	})
}
