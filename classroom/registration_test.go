package classroom_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/classroom"
)

func TestRegisterAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 10)

	for _, tc := range []struct {
		name string
		by   *auth.Viewer
		code string
	}{
		{"learner for another", f.learner2, rungs.ErrForbidden},
		{"other trainer", f.otherTrainer, rungs.ErrForbidden},
		{"session trainer", f.trainer, rungs.ErrForbidden},
		{"anonymous", nil, rungs.ErrUnauthenticated},
		{"learner themself", f.learner, ""},
		{"owner", f.owner, ""},
		{"HR", f.hr, ""},
		{"admin", f.admin, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Register and withdraw f.learner: each actor may do both or
			// neither.
			r, err := f.store.Register(ctx, tc.by, s.ID, f.learner.EmployeeID)
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
				if _, err := f.store.Withdraw(ctx, tc.by, s.ID, f.learner.EmployeeID); rungs.ErrorCode(err) != tc.code {
					t.Errorf("withdraw: %v, want %s", err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != classroom.Registered || r.EmployeeID != f.learner.EmployeeID || r.IsWaitlisted() {
				t.Errorf("registered %+v", r)
			}
			w, err := f.store.Withdraw(ctx, tc.by, s.ID, f.learner.EmployeeID)
			if err != nil {
				t.Fatal(err)
			}
			if w.Status != classroom.Withdrawn || w.ID != r.ID {
				t.Errorf("withdrew %+v", w)
			}
		})
	}
}

func TestRegisterRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 1)
	me := f.learner.EmployeeID

	first, err := f.store.Register(ctx, f.learner, s.ID, me)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("ErrTwice", func(t *testing.T) {
		_, err := f.store.Register(ctx, f.learner, s.ID, me)
		wantErr(t, err, rungs.ErrConflict, "session.already_registered")
	})

	t.Run("WaitlistedWhenFull", func(t *testing.T) {
		r, err := f.store.Register(ctx, f.learner2, s.ID, f.learner2.EmployeeID)
		if err != nil {
			t.Fatal(err)
		}
		if !r.IsWaitlisted() || !r.WaitlistedAt.Valid {
			t.Errorf("second person on a one-seat session: %+v", r)
		}
		_, err = f.store.Register(ctx, f.learner2, s.ID, f.learner2.EmployeeID)
		wantErr(t, err, rungs.ErrConflict, "session.already_registered")
	})

	t.Run("ReRegisterReusesTheRow", func(t *testing.T) {
		// I leave: learner2 takes my seat; coming back puts me on the waitlist.
		f.mustWithdraw(t, s.ID, me)
		again, err := f.store.Register(ctx, f.learner, s.ID, me)
		if err != nil {
			t.Fatal(err)
		}
		if again.ID != first.ID || again.Status != classroom.Waitlisted {
			t.Errorf("re-registered %+v, want row %d WAITLISTED", again, first.ID)
		}
		seated, waiting := f.roster(t, s.ID)
		if !slices.Equal(seated, []int64{f.learner2.EmployeeID}) || !slices.Equal(waiting, []int64{me}) {
			t.Errorf("seated %v waiting %v", seated, waiting)
		}
	})

	t.Run("ErrCourseNotPublished", func(t *testing.T) {
		g := newFixture(t)
		draft, _ := g.mustCourse(t, g.owner.EmployeeID, "CLASSROOM", "DRAFT")
		in := g.input(5)
		in.CourseID = draft
		ds, err := g.store.CreateSession(ctx, g.owner, in)
		if err != nil {
			t.Fatal(err)
		}
		_, err = g.store.Register(ctx, g.learner, ds.ID, g.learner.EmployeeID)
		wantErr(t, err, rungs.ErrConflict, "session.course.not_published")
	})

	t.Run("ErrStarted", func(t *testing.T) {
		g := newFixture(t)
		gs := g.mustSession(t, 5)
		g.mustRegister(t, gs.ID, g.learner2.EmployeeID)
		g.advance(7 * 24 * time.Hour) // exactly the start
		_, err := g.store.Register(ctx, g.learner, gs.ID, g.learner.EmployeeID)
		wantErr(t, err, rungs.ErrConflict, "session.started")
		_, err = g.store.Withdraw(ctx, g.learner2, gs.ID, g.learner2.EmployeeID)
		wantErr(t, err, rungs.ErrConflict, "session.started")
	})

	t.Run("ErrUnknown", func(t *testing.T) {
		_, err := f.store.Register(ctx, f.learner, 999999, me)
		wantErr(t, err, rungs.ErrNotFound, "session.not_found")
		_, err = f.store.Register(ctx, f.admin, s.ID, 999999)
		wantErr(t, err, rungs.ErrNotFound, "employee.not_found")
		_, err = f.store.Withdraw(ctx, f.hr, s.ID, f.hr.EmployeeID)
		wantErr(t, err, rungs.ErrNotFound, "session.not_registered")
	})

	t.Run("ErrOffboarded", func(t *testing.T) {
		gone := f.people(t, 1)[0]
		if _, err := f.db.Exec(`UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, gone, start.AddDate(0, 0, -14)); err != nil {
			t.Fatal(err)
		}
		_, err := f.store.Register(ctx, f.hr, s.ID, gone)
		wantErr(t, err, rungs.ErrConflict, "session.employee.offboarded")
	})
}

// TestRegisterConcurrently is the seat invariant under load: 40 people
// race for 10 seats; the session lock seats exactly 10 and queues 30.
func TestRegisterConcurrently(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 10)
	people := f.people(t, 40)

	var wg sync.WaitGroup
	ready := make(chan struct{})
	results := make([]*classroom.Registration, len(people))
	errs := make([]error, len(people))
	for i, id := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ready
			results[i], errs[i] = f.store.Register(ctx, self(id), s.ID, id)
		}()
	}
	close(ready)
	wg.Wait()

	counts := map[string]int{}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Register(%d): %v", people[i], err)
		}
		counts[results[i].Status]++
	}
	if counts[classroom.Registered] != 10 || counts[classroom.Waitlisted] != 30 {
		t.Errorf("returned statuses %v, want 10 REGISTERED and 30 WAITLISTED", counts)
	}
	if n := f.seatsTaken(t, s.ID); n != 10 {
		t.Errorf("seats_taken = %d, want 10", n)
	}
	stored := map[string]int{}
	rows, err := f.db.Query(`SELECT status, count(*) FROM session_registrations WHERE session_id = $1 GROUP BY status`, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			t.Fatal(err)
		}
		stored[st] = n
	}
	rows.Close()
	if stored[classroom.Registered] != 10 || stored[classroom.Waitlisted] != 30 || len(stored) != 2 {
		t.Errorf("stored statuses %v, want 10 REGISTERED and 30 WAITLISTED", stored)
	}
	counted, err := f.store.WaitlistCounts(ctx, []int64{s.ID})
	if err != nil || counted[0] != 30 {
		t.Errorf("WaitlistCounts = %v, %v, want [30]", counted, err)
	}

	// The waitlist order is the order of waitlisted_at, strictly: the first
	// in line is whoever got the lock first among those who found it full.
	rs, err := f.store.RegistrationsOf(ctx, []int64{s.ID})
	if err != nil {
		t.Fatal(err)
	}
	var last time.Time
	for i, r := range rs[0] {
		if want := i >= 10; r.IsWaitlisted() != want {
			t.Errorf("registration %d waitlisted = %v, want %v", i, r.IsWaitlisted(), want)
		}
		if r.IsWaitlisted() {
			if !r.WaitlistedAt.Time.After(last) {
				t.Errorf("waitlist out of order at %d", i)
			}
			last = r.WaitlistedAt.Time
		}
	}
}

func TestWithdrawPromotesInOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 2)
	p := f.people(t, 5)
	f.mustRegister(t, s.ID, p...) // p0, p1 seated; p2, p3, p4 waiting

	// A seated person leaves: the first in line gets the seat and is told.
	f.mustWithdraw(t, s.ID, p[0])
	seated, waiting := f.roster(t, s.ID)
	if !slices.Equal(seated, []int64{p[1], p[2]}) || !slices.Equal(waiting, []int64{p[3], p[4]}) {
		t.Fatalf("seated %v waiting %v after the first withdrawal", seated, waiting)
	}
	promoted := f.notices(t, classroom.NotifyWaitlistPromoted)
	if got := recipients(promoted); !slices.Equal(got, []int64{p[2]}) {
		t.Fatalf("promoted notices to %v, want [%d]", got, p[2])
	}
	f.wantParams(t, promoted[p[2]], s)

	// Coming back joins the end of the line, behind people with later ids.
	again := f.mustRegister(t, s.ID, p[0])[0]
	if !again.IsWaitlisted() {
		t.Fatalf("re-registered into a full session: %+v", again)
	}

	// Someone waiting leaves: no seat is freed, nobody is promoted.
	f.mustWithdraw(t, s.ID, p[3])
	if n := len(f.notices(t, classroom.NotifyWaitlistPromoted)); n != 1 {
		t.Errorf("%d promotions after a waitlisted withdrawal, want still 1", n)
	}

	// Another seat frees: p4 (waiting since before p0 came back) gets it.
	f.mustWithdraw(t, s.ID, p[1])
	seated, waiting = f.roster(t, s.ID)
	if !slices.Equal(seated, []int64{p[2], p[4]}) || !slices.Equal(waiting, []int64{p[0]}) {
		t.Errorf("seated %v waiting %v after the second seat freed", seated, waiting)
	}
	if got := recipients(f.notices(t, classroom.NotifyWaitlistPromoted)); !slices.Equal(got, sorted(p[2], p[4])) {
		t.Errorf("promoted notices to %v", got)
	}
	if n := f.seatsTaken(t, s.ID); n != 2 {
		t.Errorf("seats_taken = %d, want 2", n)
	}

	_, err := f.store.Withdraw(ctx, self(p[1]), s.ID, p[1])
	wantErr(t, err, rungs.ErrNotFound, "session.not_registered")
}

// TestOverbookingBackstop proves the CHECK refuses what a write that
// skipped the lock would do, and that the error is readable.
func TestOverbookingBackstop(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := f.mustSession(t, 1)
	p := f.people(t, 2)
	f.mustRegister(t, s.ID, p...)
	_, err := f.db.Exec(`UPDATE session_registrations SET status = 'REGISTERED', waitlisted_at = NULL WHERE employee_id = $1`, p[1])
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Constraint != "course_sessions_no_overbooking" {
		t.Fatalf("seating a second person on a one-seat session: %v, want the overbooking CHECK", err)
	}
	if n := f.seatsTaken(t, s.ID); n != 1 {
		t.Errorf("seats_taken = %d, want 1", n)
	}
}
