package classroom_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rungs/rungs/classroom"
	"github.com/rungs/rungs/postgres"
)

func sessionIDs(ss []*classroom.Session) []int64 {
	ids := make([]int64, len(ss))
	for i, s := range ss {
		if s == nil {
			ids[i] = 0
			continue
		}
		ids[i] = s.ID
	}
	return ids
}

// TestBatchReads checks each batch read answers in key order, with nil or
// empty results for unknown keys, in one statement.
func TestBatchReads(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()

	// A session that will be over, then two later ones created out of
	// order, and one of another course.
	early := f.mustSession(t, 5)
	f.advance(-24 * time.Hour)
	later := f.mustSession(t, 1) // starts a day before early
	f.advance(48 * time.Hour)
	latest := f.mustSession(t, 5)
	other, _ := f.mustCourse(t, f.owner.EmployeeID, "CLASSROOM", "PUBLISHED")
	in := f.input(5)
	in.CourseID = other
	otherSession, err := f.store.CreateSession(ctx, f.owner, in)
	if err != nil {
		t.Fatal(err)
	}
	f.mustRegister(t, later.ID, f.learner.EmployeeID, f.learner2.EmployeeID) // learner2 waits
	f.mustRegister(t, latest.ID, f.learner2.EmployeeID)
	f.mustRegister(t, early.ID, f.learner2.EmployeeID)
	f.mustWithdraw(t, early.ID, f.learner2.EmployeeID)

	// Eight days on: `later` (6 days ahead of its creation day) and `early`
	// are over, `latest` and otherSession are still to come.
	f.advance(6*24*time.Hour + 4*time.Hour)

	one := func(t *testing.T, read func(ctx context.Context) error) {
		t.Helper()
		cctx, counter := postgres.NewContextWithCounter(ctx)
		if err := read(cctx); err != nil {
			t.Fatal(err)
		}
		if n := counter.Count(); n != 1 {
			t.Errorf("%d statements, want 1", n)
		}
	}

	t.Run("SessionsOf", func(t *testing.T) {
		var all [][]*classroom.Session
		one(t, func(ctx context.Context) (err error) {
			all, err = f.store.SessionsOf(ctx, []int64{other, 999999, f.course}, true)
			return err
		})
		if got := [][]int64{sessionIDs(all[0]), sessionIDs(all[1]), sessionIDs(all[2])}; !slices.Equal(got[0], []int64{otherSession.ID}) ||
			len(got[1]) != 0 || all[1] == nil || !slices.Equal(got[2], []int64{later.ID, early.ID, latest.ID}) {
			t.Errorf("SessionsOf(include past) = %v", got)
		}
		upcoming, err := f.store.SessionsOf(ctx, []int64{f.course}, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := sessionIDs(upcoming[0]); !slices.Equal(got, []int64{latest.ID}) {
			t.Errorf("SessionsOf(upcoming) = %v, want [%d]", got, latest.ID)
		}
	})

	t.Run("SessionsByIDs", func(t *testing.T) {
		var ss []*classroom.Session
		one(t, func(ctx context.Context) (err error) {
			ss, err = f.store.SessionsByIDs(ctx, []int64{latest.ID, 999999, early.ID})
			return err
		})
		if got := sessionIDs(ss); !slices.Equal(got, []int64{latest.ID, 0, early.ID}) {
			t.Errorf("SessionsByIDs = %v", got)
		}
		if ss[0].SeatsTaken != 1 || ss[0].SeatsLeft() != 4 {
			t.Errorf("latest seats taken %d left %d", ss[0].SeatsTaken, ss[0].SeatsLeft())
		}
	})

	t.Run("RegistrationsOf", func(t *testing.T) {
		var rs [][]*classroom.Registration
		one(t, func(ctx context.Context) (err error) {
			rs, err = f.store.RegistrationsOf(ctx, []int64{early.ID, later.ID, 999999})
			return err
		})
		if len(rs[0]) != 0 || rs[0] == nil || len(rs[2]) != 0 {
			t.Errorf("withdrawn or unknown sessions returned %v %v", rs[0], rs[2])
		}
		if len(rs[1]) != 2 || rs[1][0].EmployeeID != f.learner.EmployeeID || !rs[1][1].IsWaitlisted() {
			t.Errorf("later's registrations %+v", rs[1])
		}
	})

	t.Run("RegistrationsOfEmployees", func(t *testing.T) {
		var rs [][]*classroom.Registration
		one(t, func(ctx context.Context) (err error) {
			rs, err = f.store.RegistrationsOfEmployees(ctx, []int64{f.learner2.EmployeeID, f.hr.EmployeeID, f.learner.EmployeeID})
			return err
		})
		var got [][]int64
		for _, list := range rs {
			var ids []int64
			for _, r := range list {
				ids = append(ids, r.SessionID)
			}
			got = append(got, ids)
		}
		// learner2: waitlisted for later, seated for latest, withdrawn
		// from early (left out); by session start.
		if !slices.Equal(got[0], []int64{later.ID, latest.ID}) || len(got[1]) != 0 || !slices.Equal(got[2], []int64{later.ID}) {
			t.Errorf("RegistrationsOfEmployees = %v", got)
		}
	})

	t.Run("WaitlistCounts", func(t *testing.T) {
		var n []int
		one(t, func(ctx context.Context) (err error) {
			n, err = f.store.WaitlistCounts(ctx, []int64{latest.ID, later.ID, 999999})
			return err
		})
		if !slices.Equal(n, []int{0, 1, 0}) {
			t.Errorf("WaitlistCounts = %v, want [0 1 0]", n)
		}
	})
}
