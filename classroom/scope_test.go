package classroom_test

import (
	"context"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
)

// TestRegisterNeedsScope: the course owner registers people in their
// training scope or line only; an outsider (or an unknown id) is FORBIDDEN
// and nothing is written. HR, admins and the learner themself register
// anyone, and the owner still runs their session's roster for an outsider
// who registered themself: they may withdraw them.
func TestRegisterNeedsScope(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.mustSession(t, 10)
	elsewhere := dbtest.MustCreatePosition(t, f.db, "", 1)
	outsider := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{Name: "Outsider", PositionID: elsewhere, PasswordHash: "x"})
	report := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{Name: "Report", PositionID: elsewhere,
		ManagerID: f.owner.EmployeeID, PasswordHash: "x"})

	for _, id := range []int64{outsider, 1 << 40} {
		_, err := f.store.Register(ctx, f.owner, s.ID, id)
		wantErr(t, err, rungs.ErrForbidden, "session.out_of_scope")
	}
	var n int
	if err := f.db.Get(&n, `SELECT count(*) FROM session_registrations WHERE session_id = $1`, s.ID); err != nil || n != 0 {
		t.Fatalf("a refused registration left %d rows (%v)", n, err)
	}
	// Another trainer, even one who serves the outsider, is not the owner.
	f.scope(t, f.otherTrainer, elsewhere)
	_, err := f.store.Register(ctx, f.otherTrainer, s.ID, outsider)
	wantErr(t, err, rungs.ErrForbidden, "session.forbidden")

	// Their own report is the owner's to register.
	if _, err := f.store.Register(ctx, f.owner, s.ID, report); err != nil {
		t.Fatalf("owner registers their report: %v", err)
	}
	// HR may; the outsider may register themself; the owner then withdraws
	// them from their own session.
	for _, by := range []*auth.Viewer{f.hr, self(outsider)} {
		if _, err := f.store.Register(ctx, by, s.ID, outsider); err != nil {
			t.Fatalf("register the outsider: %v", err)
		}
		if _, err := f.store.Withdraw(ctx, f.owner, s.ID, outsider); err != nil {
			t.Fatalf("owner withdraws the outsider: %v", err)
		}
	}
	// HR is told an unknown id is unknown.
	_, err = f.store.Register(ctx, f.hr, s.ID, 1<<40)
	wantErr(t, err, rungs.ErrNotFound, "employee.not_found")
}
