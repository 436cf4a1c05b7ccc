// Package dbtest is the test harness for code that talks to PostgreSQL.
//
// One PostgreSQL serves a whole test run: `make test` starts it once and
// exports RUNGS_TEST_DATABASE_URL; a package run alone (`go test ./people`)
// starts a private one in its TestMain. The migrations are applied once to a
// template database, and each test gets a fresh database cloned from it, so
// tests run with t.Parallel() without sharing state:
//
//	func TestMain(m *testing.M) { dbtest.Main(m) }
//
//	func TestX(t *testing.T) {
//		t.Parallel()
//		db := dbtest.New(t)
//		…
//	}
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/migrations"
	"github.com/rungs/rungs/pglocal"
	"github.com/rungs/rungs/postgres"
)

// EnvURL names the variable that points tests at a running server: a
// superuser URL, usually of its "postgres" database.
const EnvURL = "RUNGS_TEST_DATABASE_URL"

var (
	adminURL string

	templateOnce sync.Once
	templateName string
	templateErr  error
)

// Main runs the package's tests. It uses the server named by
// RUNGS_TEST_DATABASE_URL, or starts a private one for this package alone
// and removes it afterwards.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if err := clock.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		return 2
	}
	adminURL = os.Getenv(EnvURL)
	if adminURL == "" {
		srv, dir, err := StartServer(context.Background())
		if err != nil {
			fmt.Fprintln(os.Stderr, "dbtest:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		defer srv.Stop()
		adminURL = srv.URL("postgres")
	}
	if err := checkClock(); err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		return 1
	}
	return m.Run()
}

// checkClock refuses a server whose clock disagrees with the Go clock: a
// shared server started without RUNGS_CLOCK_OFFSET under a test process
// that has it (or the other way round) would test nothing.
func checkClock() error {
	db, err := sql.Open("postgres", adminURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var dbNow time.Time
	if err := db.QueryRow(`SELECT now()`).Scan(&dbNow); err != nil {
		return fmt.Errorf("read the server's clock: %w", err)
	}
	if d := clock.Now().Sub(dbNow); d > time.Hour || d < -time.Hour {
		return fmt.Errorf("the test server's clock (%s) and the Go clock (%s, %s=%q) differ by %s: run both with the same offset",
			dbNow.UTC().Format(time.RFC3339), clock.Now().UTC().Format(time.RFC3339), clock.EnvOffset, clock.Offset(), d.Round(time.Minute))
	}
	return nil
}

// StartServer starts a throw-away PostgreSQL (fsync off) in a new temporary
// directory. The caller stops it and removes the directory. Under
// RUNGS_CLOCK_OFFSET the server's clock is shifted like the Go clock
// (internal/clock), so the whole test run lives on the shifted date.
func StartServer(ctx context.Context) (*pglocal.Server, string, error) {
	if err := clock.Err(); err != nil {
		return nil, "", err
	}
	dir, err := os.MkdirTemp("", "rungs-pg-")
	if err != nil {
		return nil, "", err
	}
	srv, err := pglocal.Start(ctx, pglocal.Options{Dir: dir, Ephemeral: true, ClockOffset: clock.Offset()})
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", err
	}
	return srv, dir, nil
}

// AdminURL is the superuser URL of the test server (valid inside Main).
func AdminURL() string { return adminURL }

// URL returns the URL of database name on the test server.
func URL(name string) string {
	u, err := url.Parse(adminURL)
	if err != nil {
		panic(fmt.Sprintf("dbtest: bad %s: %v", EnvURL, err))
	}
	u.Path = "/" + name
	return u.String()
}

// New returns a connection pool to a fresh, migrated database of its own,
// dropped when the test ends.
func New(t testing.TB) *sqlx.DB {
	t.Helper()
	name := NewDatabase(t)
	db, err := postgres.Open(context.Background(), URL(name), postgres.Options{MaxOpenConns: 10})
	if err != nil {
		t.Fatalf("dbtest: open %s: %v", name, err)
	}
	// Registered after NewDatabase's cleanup, so it runs first (LIFO).
	t.Cleanup(func() { db.Close() })
	return db
}

// NewDatabase creates a fresh migrated database and returns its name; it is
// dropped when the test ends. For tests that open their own connections
// (a whole server booted on it, say).
func NewDatabase(t testing.TB) string {
	t.Helper()
	if adminURL == "" {
		t.Fatal("dbtest: no test database; call dbtest.Main from TestMain")
	}
	tpl, err := template()
	if err != nil {
		t.Fatalf("dbtest: template database: %v", err)
	}
	return createDatabase(t, "TEMPLATE "+tpl)
}

// NewEmptyDatabase creates a database with no schema at all (for migration
// tests) and returns its name; it is dropped when the test ends.
func NewEmptyDatabase(t testing.TB) string {
	t.Helper()
	if adminURL == "" {
		t.Fatal("dbtest: no test database; call dbtest.Main from TestMain")
	}
	return createDatabase(t, "")
}

func createDatabase(t testing.TB, options string) string {
	t.Helper()
	name := "rungs_t_" + randomHex(6)
	admin := adminDB(t)
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` ` + options); err != nil {
		t.Fatalf("dbtest: create %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// FORCE ends sessions a failed test may have left open.
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
		admin.Close()
	})
	return name
}

func adminDB(t testing.TB) *sql.DB {
	db, err := sql.Open("postgres", adminURL)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// template returns the name of a database holding the migrated schema,
// creating it once per server. Its name carries a hash of the migration
// files, so a changed migration gets a new template; an advisory lock keeps
// the test processes of one `go test ./...` run from building it twice.
func template() (string, error) {
	templateOnce.Do(func() {
		templateName, templateErr = buildTemplate(context.Background())
	})
	return templateName, templateErr
}

func buildTemplate(ctx context.Context) (string, error) {
	name := "rungs_tpl_" + migrationsHash()
	admin, err := sql.Open("postgres", adminURL)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", postgres.Redact(adminURL), err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7261100)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(7261100)`)

	var ready sql.NullBool
	err = conn.QueryRowContext(ctx, `SELECT datistemplate FROM pg_database WHERE datname = $1`, name).Scan(&ready)
	if err == nil && ready.Bool {
		return name, nil
	}
	if err == nil { // a build that died half-way
		if _, err := conn.ExecContext(ctx, `DROP DATABASE `+name+` WITH (FORCE)`); err != nil {
			return "", err
		}
	}
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		return "", err
	}
	db, err := postgres.Open(ctx, URL(name), postgres.Options{MaxOpenConns: 2})
	if err != nil {
		return "", err
	}
	_, err = postgres.Migrate(ctx, db.DB, nil)
	db.Close()
	if err != nil {
		return "", err
	}
	// Marking it a template also records that the build finished.
	if _, err := conn.ExecContext(ctx, `ALTER DATABASE `+name+` IS_TEMPLATE true`); err != nil {
		return "", err
	}
	return name, nil
}

func migrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
