package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// emptyDB returns a pool to a database with no schema at all.
func emptyDB(t *testing.T) *sqlx.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), dbtest.URL(dbtest.NewEmptyDatabase(t)), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := emptyDB(t)

	if err := postgres.CheckSchema(ctx, db.DB); err == nil {
		t.Fatal("CheckSchema accepted an empty database")
	}
	states, err := postgres.MigrationStatus(ctx, db.DB)
	if err != nil {
		t.Fatal(err)
	}
	if len(states) == 0 {
		t.Fatal("no migrations embedded")
	}
	for _, s := range states {
		if s.Applied {
			t.Errorf("migration %d applied on an empty database", s.Version)
		}
	}

	applied, err := postgres.Migrate(ctx, db.DB, nil)
	if err != nil {
		t.Fatalf("migrate up from empty: %v", err)
	}
	if len(applied) != len(states) {
		t.Errorf("applied %d of %d migrations", len(applied), len(states))
	}
	if err := postgres.CheckSchema(ctx, db.DB); err != nil {
		t.Errorf("CheckSchema after migrating: %v", err)
	}
	// A second run is a no-op.
	again, err := postgres.Migrate(ctx, db.DB, nil)
	if err != nil || len(again) != 0 {
		t.Errorf("second migrate applied %v, err %v", again, err)
	}
	states, _ = postgres.MigrationStatus(ctx, db.DB)
	for _, s := range states {
		if !s.Applied {
			t.Errorf("migration %d (%s) still pending", s.Version, s.Name)
		}
	}
}

func TestMigrateConcurrently(t *testing.T) {
	t.Parallel()
	db := emptyDB(t)
	// Several processes starting at once must not apply a migration twice:
	// the advisory lock serialises them.
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := postgres.Migrate(context.Background(), db.DB, nil)
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("concurrent migrate: %v", err)
		}
	}
	if err := postgres.CheckSchema(context.Background(), db.DB); err != nil {
		t.Error(err)
	}
}

func TestInTx(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	mustExec(t, db, `CREATE TABLE things (name text PRIMARY KEY)`)

	t.Run("CommitOnNil", func(t *testing.T) {
		err := postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
			_, err := tx.Exec(`INSERT INTO things VALUES ('kept')`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := countThings(t, db, "kept"); n != 1 {
			t.Errorf("committed rows = %d, want 1", n)
		}
	})
	t.Run("RollbackOnError", func(t *testing.T) {
		boom := errors.New("boom")
		err := postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
			if _, err := tx.Exec(`INSERT INTO things VALUES ('lost')`); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		if n := countThings(t, db, "lost"); n != 0 {
			t.Errorf("rolled-back rows = %d, want 0", n)
		}
	})
	t.Run("RollbackOnPanic", func(t *testing.T) {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("panic was swallowed")
				}
			}()
			_ = postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
				tx.Exec(`INSERT INTO things VALUES ('panicked')`)
				panic("boom")
			})
		}()
		if n := countThings(t, db, "panicked"); n != 0 {
			t.Errorf("rows after panic = %d, want 0", n)
		}
	})
}

func TestTranslate(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	mustExec(t, db, `CREATE TABLE parents (id int PRIMARY KEY, n int CHECK (n > 0))`)
	mustExec(t, db, `CREATE TABLE children (parent_id int REFERENCES parents (id))`)
	mustExec(t, db, `INSERT INTO parents VALUES (1, 1)`)

	cases := []struct {
		name, sql, code string
	}{
		{"ErrUnique", `INSERT INTO parents VALUES (1, 1)`, rungs.ErrConflict},
		{"ErrForeignKey", `INSERT INTO children VALUES (99)`, rungs.ErrBadUserInput},
		{"ErrCheck", `INSERT INTO parents VALUES (2, 0)`, rungs.ErrBadUserInput},
		{"ErrSyntax", `INSERT INTO nowhere VALUES (1)`, rungs.ErrInternal},
	}
	for _, c := range cases {
		_, err := db.Exec(c.sql)
		if got := rungs.ErrorCode(postgres.Translate(err, "thing")); got != c.code {
			t.Errorf("%s: code %s, want %s (err %v)", c.name, got, c.code, err)
		}
	}
	var n int
	err := db.Get(&n, `SELECT n FROM parents WHERE id = 42`)
	if got := rungs.ErrorCode(postgres.Translate(err, "parent 42")); got != rungs.ErrNotFound {
		t.Errorf("no rows: code %s, want NOT_FOUND", got)
	}
	if postgres.Translate(nil, "x") != nil {
		t.Error("Translate(nil) is not nil")
	}
}

func TestStatementCounter(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx, outer := postgres.NewContextWithCounter(context.Background())
	var one int
	for range 3 {
		if err := db.GetContext(ctx, &one, `SELECT 1`); err != nil {
			t.Fatal(err)
		}
	}
	inner, c2 := postgres.NewContextWithCounter(ctx)
	if _, err := db.ExecContext(inner, `SELECT $1::int`, 5); err != nil {
		t.Fatal(err)
	}
	if got := outer.Count(); got != 4 {
		t.Errorf("outer counted %d statements, want 4", got)
	}
	if got := c2.Count(); got != 1 {
		t.Errorf("inner counted %d statements, want 1", got)
	}
	// Statements under a context without a counter are not counted anywhere.
	db.Get(&one, `SELECT 1`)
	if got := outer.Count(); got != 4 {
		t.Errorf("outer counted an unrelated statement: %d", got)
	}
}

func TestStatementTimeout(t *testing.T) {
	t.Parallel()
	db, err := postgres.Open(context.Background(), dbtest.URL(dbtest.NewDatabase(t)),
		postgres.Options{StatementTimeout: 200_000_000}) // 200ms
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A busy statement of several seconds rather than pg_sleep: under
	// libfaketime (the shifted-clock test pass) the timeout's signal does not
	// wake pg_sleep, though it stops real work as it should.
	start := time.Now()
	_, err = db.Exec(`SELECT count(*) FROM generate_series(1, 300000000)`)
	if err == nil {
		t.Fatalf("a statement of %s ran under a 200ms statement timeout", time.Since(start).Round(time.Millisecond))
	}
	if !strings.Contains(err.Error(), "statement timeout") {
		t.Fatalf("want a statement timeout, got %v", err)
	}
}

func TestOpenRejectsBadURL(t *testing.T) {
	t.Parallel()
	for _, dsn := range []string{"mysql://x", "not a url at all"} {
		if _, err := postgres.Open(context.Background(), dsn, postgres.Options{}); err == nil {
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
}

func mustExec(t *testing.T, db *sqlx.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func countThings(t *testing.T, db *sqlx.DB, name string) int {
	t.Helper()
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM things WHERE name = $1`, name); err != nil {
		t.Fatal(err)
	}
	return n
}
