package classroom_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/classroom"
)

func TestCreateSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()

	t.Run("Access", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			by   *auth.Viewer
			code string
		}{
			{"owner", f.owner, ""},
			{"admin", f.admin, ""},
			{"other trainer", f.otherTrainer, rungs.ErrForbidden},
			{"learner", f.learner, rungs.ErrForbidden},
			{"HR", f.hr, rungs.ErrForbidden},
			{"anonymous", nil, rungs.ErrUnauthenticated},
		} {
			t.Run(tc.name, func(t *testing.T) {
				s, err := f.store.CreateSession(ctx, tc.by, f.input(12))
				if tc.code != "" {
					wantErr(t, err, tc.code, "")
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if s.CourseID != f.course || s.Capacity != 12 || s.Status != classroom.SessionScheduled ||
					s.SeatsTaken != 0 || s.TrainerID.Int64 != f.trainer.EmployeeID || s.Place != "Room 301, Shenzhen" {
					t.Errorf("created %+v", s)
				}
			})
		}
	})

	t.Run("ErrEveryProblemAtOnce", func(t *testing.T) {
		in := classroom.SessionInput{
			CourseID: f.course, StartsAt: start.Add(-time.Hour), EndsAt: start.Add(-2 * time.Hour),
			Place: "   ", Capacity: 0, TrainerID: &f.learner.EmployeeID, // not a trainer
		}
		_, err := f.store.CreateSession(ctx, f.owner, in)
		wantErr(t, err, rungs.ErrBadUserInput, "")
		want := []string{
			"capacity:session.capacity.range", "endsAt:session.ends_at.before_start", "place:session.place.required",
			"startsAt:session.starts_at.past", "trainerId:session.trainer.invalid",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems = %v, want %v", got, want)
		}
	})

	t.Run("ErrCapacityTooLarge", func(t *testing.T) {
		_, err := f.store.CreateSession(ctx, f.owner, f.input(classroom.MaxCapacity+1))
		wantErr(t, err, rungs.ErrBadUserInput, "session.capacity.range")
	})

	t.Run("ErrCourse", func(t *testing.T) {
		elearning, _ := f.mustCourse(t, f.owner.EmployeeID, "E_LEARNING", "PUBLISHED")
		archived, _ := f.mustCourse(t, f.owner.EmployeeID, "CLASSROOM", "ARCHIVED")
		draft, _ := f.mustCourse(t, f.owner.EmployeeID, "CLASSROOM", "DRAFT")
		for _, tc := range []struct {
			course int64
			code   string
			want   []string
		}{
			{elearning, rungs.ErrBadUserInput, []string{"courseId:session.course.not_classroom"}},
			{archived, rungs.ErrBadUserInput, []string{"courseId:session.course.archived"}},
			{draft, "", nil}, // sessions may be planned before publishing
			{999999, rungs.ErrNotFound, nil},
		} {
			in := f.input(10)
			in.CourseID = tc.course
			_, err := f.store.CreateSession(ctx, f.owner, in)
			if tc.code == "" {
				if err != nil {
					t.Errorf("course %d: %v", tc.course, err)
				}
				continue
			}
			wantErr(t, err, tc.code, "")
			if got := problems(err); tc.want != nil && !slices.Equal(got, tc.want) {
				t.Errorf("course %d: problems = %v, want %v", tc.course, got, tc.want)
			}
		}
	})
}

func TestUpdateSessionAccessAndValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 10)

	for _, tc := range []struct {
		name string
		by   *auth.Viewer
		code string
	}{
		{"owner", f.owner, ""},
		{"admin", f.admin, ""},
		{"other trainer", f.otherTrainer, rungs.ErrForbidden},
		{"session trainer", f.trainer, rungs.ErrForbidden},
		{"learner", f.learner, rungs.ErrForbidden},
		{"HR", f.hr, rungs.ErrForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.store.UpdateSession(ctx, tc.by, s.ID, classroom.SessionPatch{Capacity: ptr(11)})
			if tc.code != "" {
				wantErr(t, err, tc.code, "session.forbidden")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Capacity != 11 {
				t.Errorf("capacity = %d", got.Capacity)
			}
		})
	}

	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{
			StartsAt: ptr(start.Add(-time.Hour)), Place: ptr(""), Capacity: ptr(0),
		})
		want := []string{"capacity:session.capacity.range", "place:session.place.required", "startsAt:session.starts_at.past"}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems = %v, want %v", got, want)
		}
		_, err = f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{EndsAt: ptr(s.StartsAt)})
		wantErr(t, err, rungs.ErrBadUserInput, "session.ends_at.before_start")
	})

	t.Run("Trainer", func(t *testing.T) {
		got, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{TrainerID: ptr(int64(0))})
		if err != nil || got.TrainerID.Valid {
			t.Fatalf("remove trainer: %+v, %v", got, err)
		}
		got, err = f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{TrainerID: &f.otherTrainer.EmployeeID})
		if err != nil || got.TrainerID.Int64 != f.otherTrainer.EmployeeID {
			t.Fatalf("set trainer: %+v, %v", got, err)
		}
		_, err = f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{TrainerID: &f.hr.EmployeeID})
		wantErr(t, err, rungs.ErrBadUserInput, "session.trainer.invalid")
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.store.UpdateSession(ctx, f.owner, 999999, classroom.SessionPatch{Capacity: ptr(5)})
		wantErr(t, err, rungs.ErrNotFound, "session.not_found")
	})

	t.Run("ErrCancelled", func(t *testing.T) {
		c := f.mustSession(t, 5)
		if _, err := f.store.CancelSession(ctx, f.owner, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.store.UpdateSession(ctx, f.owner, c.ID, classroom.SessionPatch{Place: ptr("Room 2")})
		wantErr(t, err, rungs.ErrConflict, "session.cancelled")
	})
}

func TestUpdateSessionCapacity(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 3)
	p := f.people(t, 6)
	f.mustRegister(t, s.ID, p...) // p0–p2 seated, p3–p5 waiting

	t.Run("ErrBelowRegistered", func(t *testing.T) {
		_, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{Capacity: ptr(2)})
		e := wantErr(t, err, rungs.ErrConflict, "session.capacity.below_registered")
		if !strings.Contains(e.Message, "3 people are registered") {
			t.Errorf("message %q does not say how many are registered", e.Message)
		}
	})

	t.Run("SameCapacityPromotesNobody", func(t *testing.T) {
		if _, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{Capacity: ptr(3)}); err != nil {
			t.Fatal(err)
		}
		if n := len(f.notices(t, classroom.NotifyWaitlistPromoted)); n != 0 {
			t.Errorf("%d promotions", n)
		}
	})

	t.Run("RaisePromotesInOrder", func(t *testing.T) {
		got, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{Capacity: ptr(5)})
		if err != nil {
			t.Fatal(err)
		}
		if got.Capacity != 5 || got.SeatsTaken != 5 {
			t.Errorf("capacity %d, seats taken %d, want 5 and 5", got.Capacity, got.SeatsTaken)
		}
		seated, waiting := f.roster(t, s.ID)
		if !slices.Equal(seated, p[:5]) || !slices.Equal(waiting, p[5:]) {
			t.Errorf("seated %v waiting %v, want %v and %v", seated, waiting, p[:5], p[5:])
		}
		promoted := f.notices(t, classroom.NotifyWaitlistPromoted)
		if got := recipients(promoted); !slices.Equal(got, sorted(p[3], p[4])) {
			t.Errorf("promoted notices to %v, want %v", got, sorted(p[3], p[4]))
		}
		f.wantParams(t, promoted[p[3]], got)
		// Only the capacity changed: nobody is told the session changed.
		if n := len(f.notices(t, classroom.NotifySessionChanged)); n != 0 {
			t.Errorf("%d change notices for a capacity change", n)
		}
	})

	t.Run("RaiseBeyondWaitlist", func(t *testing.T) {
		got, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{Capacity: ptr(50)})
		if err != nil {
			t.Fatal(err)
		}
		if got.SeatsTaken != 6 || got.SeatsLeft() != 44 {
			t.Errorf("seats taken %d left %d, want 6 and 44", got.SeatsTaken, got.SeatsLeft())
		}
		if _, waiting := f.roster(t, s.ID); len(waiting) != 0 {
			t.Errorf("still waiting: %v", waiting)
		}
	})
}

func TestUpdateSessionNotifiesChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 2)
	p := f.people(t, 4)
	f.mustRegister(t, s.ID, p...) // p0, p1 seated; p2, p3 waiting
	f.mustWithdraw(t, s.ID, p[3])
	other := f.mustSession(t, 2) // its learners hear nothing
	f.mustRegister(t, other.ID, f.learner2.EmployeeID)

	newStart := s.StartsAt.Add(24 * time.Hour)
	got, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{
		StartsAt: &newStart, EndsAt: ptr(newStart.Add(2 * time.Hour)), Place: ptr("  Room 12, Guangzhou "),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Place != "Room 12, Guangzhou" || !got.StartsAt.Equal(newStart) {
		t.Fatalf("updated %+v", got)
	}
	changed := f.notices(t, classroom.NotifySessionChanged)
	if want := sorted(p[0], p[1], p[2]); !slices.Equal(recipients(changed), want) {
		t.Fatalf("change notices to %v, want the registered and waitlisted %v", recipients(changed), want)
	}
	n := changed[p[2]]
	f.wantParams(t, n, got)
	if n.Params["old_place"] != "Room 301, Shenzhen" {
		t.Errorf("old_place = %v", n.Params["old_place"])
	}
	wantTime(t, n.Params, "old_starts_at", s.StartsAt)
	wantTime(t, n.Params, "old_ends_at", s.EndsAt)

	// Changing the end only is a change too.
	if _, err := f.store.UpdateSession(ctx, f.owner, s.ID, classroom.SessionPatch{EndsAt: ptr(newStart.Add(3 * time.Hour))}); err != nil {
		t.Fatal(err)
	}
	var count int
	if err := f.db.Get(&count, `SELECT count(*) FROM notifications WHERE kind = 'SESSION_CHANGED'`); err != nil {
		t.Fatal(err)
	}
	if count != 6 {
		t.Errorf("%d change notices after two changes to three people, want 6", count)
	}
}

func TestCancelSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()

	for _, tc := range []struct {
		name string
		by   *auth.Viewer
		code string
	}{
		{"other trainer", f.otherTrainer, rungs.ErrForbidden},
		{"session trainer", f.trainer, rungs.ErrForbidden},
		{"learner", f.learner, rungs.ErrForbidden},
		{"HR", f.hr, rungs.ErrForbidden},
		{"admin", f.admin, ""},
		{"owner", f.owner, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := f.mustSession(t, 5)
			got, err := f.store.CancelSession(ctx, tc.by, s.ID)
			if tc.code != "" {
				wantErr(t, err, tc.code, "session.forbidden")
				return
			}
			if err != nil || got.Status != classroom.SessionCancelled {
				t.Fatalf("cancel: %+v, %v", got, err)
			}
		})
	}

	t.Run("NotifiesRegisteredAndWaitlisted", func(t *testing.T) {
		s := f.mustSession(t, 1)
		p := f.people(t, 3)
		f.mustRegister(t, s.ID, p...)
		f.mustWithdraw(t, s.ID, p[2]) // p0 seated, p1 waiting, p2 withdrawn
		if _, err := f.store.CancelSession(ctx, f.owner, s.ID); err != nil {
			t.Fatal(err)
		}
		ns := f.notices(t, classroom.NotifySessionCancelled)
		if want := sorted(p[0], p[1]); !slices.Equal(recipients(ns), want) {
			t.Fatalf("cancel notices to %v, want %v", recipients(ns), want)
		}
		f.wantParams(t, ns[p[1]], s)

		_, err := f.store.CancelSession(ctx, f.owner, s.ID)
		wantErr(t, err, rungs.ErrConflict, "session.cancelled")
		_, err = f.store.Register(ctx, f.learner, s.ID, f.learner.EmployeeID)
		wantErr(t, err, rungs.ErrConflict, "session.cancelled")
		_, err = f.store.Withdraw(ctx, self(p[0]), s.ID, p[0])
		wantErr(t, err, rungs.ErrConflict, "session.cancelled")
	})

	t.Run("ErrEnded", func(t *testing.T) {
		g := newFixture(t)
		s := g.mustSession(t, 5)
		g.advance(8 * 24 * time.Hour)
		_, err := g.store.CancelSession(ctx, g.owner, s.ID)
		wantErr(t, err, rungs.ErrConflict, "session.ended")
	})
}
