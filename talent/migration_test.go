package talent_test

import (
	"strings"
	"testing"

	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/migrations"
)

// TestMigrationDownUp runs the Down section of 00020 and then its Up
// section again: Down must remove everything Up made, or the second Up fails.
func TestMigrationDownUp(t *testing.T) {
	db := dbtest.New(t)
	b, err := migrations.FS.ReadFile("00020_talent_review.sql")
	if err != nil {
		t.Fatal(err)
	}
	up, down, ok := strings.Cut(string(b), "-- +goose Down")
	if !ok {
		t.Fatal("no Down section")
	}
	mustExec(t, db, down)
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM pg_class WHERE relname IN ('talent_cycles', 'nine_box_placements', 'nine_box_moves')`); err != nil || n != 0 {
		t.Fatalf("%d tables left after Down (%v)", n, err)
	}
	mustExec(t, db, up)
}
