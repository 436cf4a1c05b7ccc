package promotion_test

import (
	"strings"
	"testing"

	"github.com/rungs/rungs/migrations"
)

// TestMigrationDownUp runs the Down section of 00019 on a database with a
// review and its notices in it, then its Up section again: Down must remove
// everything Up made (and the notices whose kinds it takes away), or the
// second Up fails.
func TestMigrationDownUp(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	o.reach(t, "APPEALED")
	b, err := migrations.FS.ReadFile("00019_promotion_reviews.sql")
	if err != nil {
		t.Fatal(err)
	}
	up, down, ok := strings.Cut(string(b), "-- +goose Down")
	if !ok {
		t.Fatal("no Down section")
	}
	mustExec(t, o.db, down)
	var n int
	if err := o.db.Get(&n, `SELECT count(*) FROM pg_class WHERE relname LIKE 'promotion\_%'`); err != nil || n != 0 {
		t.Fatalf("%d relations left after Down (%v)", n, err)
	}
	// The kinds 00015 allows still work.
	mustExec(t, o.db, `INSERT INTO notifications (recipient_id, kind) VALUES ($1, 'ASSESSMENT_ASSIGNED')`, o.hr.EmployeeID)
	mustExec(t, o.db, up)
	mustExec(t, o.db, `INSERT INTO notifications (recipient_id, kind) VALUES ($1, 'PROMOTION_APPEAL_DECIDED')`, o.hr.EmployeeID)
}
