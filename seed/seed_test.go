package seed_test

import (
	"context"
	"testing"

	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/seed"
	"golang.org/x/crypto/bcrypt"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestRunIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)

	loaded, err := seed.Loaded(ctx, db)
	if err != nil || loaded {
		t.Fatalf("Loaded on a fresh database = %v, %v", loaded, err)
	}
	first, err := seed.Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	second, err := seed.Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if first != second {
		t.Errorf("runs differ: %v then %v", first, second)
	}
	var positions, tracks int
	db.Get(&positions, `SELECT count(*) FROM positions`)
	db.Get(&tracks, `SELECT count(*) FROM tracks`)
	if positions != first.Positions || tracks != first.Tracks {
		t.Errorf("database holds %d positions and %d tracks after two runs; want %d and %d", positions, tracks, first.Positions, first.Tracks)
	}
	if loaded, _ := seed.Loaded(ctx, db); !loaded {
		t.Error("Loaded is false after a run")
	}
	// Every demo name is bilingual.
	var missing int
	db.Get(&missing, `SELECT count(*) FROM positions WHERE name_zh = '' OR name_en = '' OR description_zh = ''`)
	if missing != 0 {
		t.Errorf("%d positions lack a Chinese or English text", missing)
	}
	// The management track has one position on each of its five levels.
	var levels []int
	db.Select(&levels, `SELECT p.level FROM positions p JOIN tracks t ON t.id = p.track_id WHERE t.code = 'MANAGEMENT' ORDER BY p.level`)
	if len(levels) != 5 || levels[0] != 1 || levels[4] != 5 {
		t.Errorf("management levels = %v", levels)
	}
}
