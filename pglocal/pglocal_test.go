package pglocal_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/lib/pq"
	"github.com/rungs/rungs/pglocal"
)

func TestFindBinDir(t *testing.T) {
	dir, err := pglocal.FindBinDir()
	if err != nil {
		t.Fatalf("FindBinDir: %v", err)
	}
	if filepath.Base(dir) != "bin" {
		t.Errorf("FindBinDir = %q, want a .../bin directory", dir)
	}
}

func TestStartMissingBinaries(t *testing.T) {
	_, err := pglocal.Start(context.Background(), pglocal.Options{Dir: tempDir(t), BinDir: "/nonexistent"})
	if err == nil {
		t.Fatal("Start with missing binaries succeeded")
	}
	if !strings.Contains(err.Error(), "initdb") {
		t.Errorf("error %q does not say what failed", err)
	}
}

// TestRestartKeepsData: the embedded default keeps its data between runs,
// and a second process joins the running server instead of failing.
func TestRestartKeepsData(t *testing.T) {
	ctx := context.Background()
	dir := tempDir(t)

	srv, err := pglocal.Start(ctx, pglocal.Options{Dir: dir})
	if err != nil {
		t.Fatalf("first start: %v", err)
	}
	if err := srv.EnsureDatabase(ctx, "rungs"); err != nil {
		t.Fatal(err)
	}
	if err := srv.EnsureDatabase(ctx, "rungs"); err != nil {
		t.Fatalf("EnsureDatabase is not idempotent: %v", err)
	}
	exec(t, srv.URL("rungs"), `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`)

	// A second Start on the same directory shares the running server.
	joined, err := pglocal.Start(ctx, pglocal.Options{Dir: dir})
	if err != nil {
		t.Fatalf("second start while running: %v", err)
	}
	if !joined.Attached() || joined.Port() != srv.Port() {
		t.Errorf("second start: attached=%v port=%d, want attached to port %d", joined.Attached(), joined.Port(), srv.Port())
	}
	if err := joined.Stop(); err != nil {
		t.Fatal(err)
	}
	if got := query(t, srv.URL("rungs"), `SELECT v FROM kept`); got != "still here" {
		t.Fatalf("stopping the joined handle disturbed the server: %q", got)
	}

	if err := srv.Stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if err := srv.Stop(); err != nil {
		t.Fatalf("second stop: %v", err)
	}
	if db, err := sql.Open("postgres", srv.URL("rungs")); err == nil {
		if db.Ping() == nil {
			t.Error("server still answers after Stop")
		}
		db.Close()
	}

	again, err := pglocal.Start(ctx, pglocal.Options{Dir: dir})
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	defer again.Stop()
	if again.Attached() {
		t.Error("restart attached to a server that was stopped")
	}
	if got := query(t, again.URL("rungs"), `SELECT v FROM kept`); got != "still here" {
		t.Errorf("after restart kept = %q", got)
	}
	// The cluster is UTF-8 with the C.UTF-8 locale whatever LANG says.
	if got := query(t, again.URL("rungs"), `SELECT pg_encoding_to_char(encoding) || ' ' || datcollate FROM pg_database WHERE datname = 'rungs'`); got != "UTF8 C.UTF-8" {
		t.Errorf("encoding and collation = %q", got)
	}
	if got := query(t, again.URL("rungs"), `SELECT '客服主管'::text`); got != "客服主管" {
		t.Errorf("Chinese text round trip = %q", got)
	}
}

func TestWrongPasswordRefused(t *testing.T) {
	srv, err := pglocal.Start(context.Background(), pglocal.Options{Dir: tempDir(t), Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	bad := strings.Replace(srv.URL("postgres"), "rungs:", "rungs:wrong", 1)
	db, _ := sql.Open("postgres", bad)
	defer db.Close()
	if err := db.Ping(); err == nil {
		t.Error("the private server accepted a wrong password")
	}
}

// tempDir is a directory the postgres system user can reach (t.TempDir's
// parent is private to root).
func tempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "pglocal-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// TestUnreachableDirFallsBack: as root, a data directory the postgres user
// cannot reach (here under t.TempDir, whose parent is 0700) is moved under
// /var/lib/rungs and linked, and later starts find it through the link.
func TestUnreachableDirFallsBack(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the cluster to the postgres user")
	}
	dir := filepath.Join(t.TempDir(), "pg")
	srv, err := pglocal.Start(context.Background(), pglocal.Options{Dir: dir, Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	target, err := os.Readlink(dir)
	if err != nil {
		srv.Stop()
		t.Fatalf("%s is not a link to the fallback: %v", dir, err)
	}
	t.Cleanup(func() { os.RemoveAll(target) })
	if !strings.HasPrefix(target, pglocal.FallbackRoot) {
		t.Errorf("fallback %s is not under %s", target, pglocal.FallbackRoot)
	}
	exec(t, srv.URL("postgres"), `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('x')`)
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	again, err := pglocal.Start(context.Background(), pglocal.Options{Dir: dir, Ephemeral: true})
	if err != nil {
		t.Fatalf("restart through the link: %v", err)
	}
	defer again.Stop()
	if got := query(t, again.URL("postgres"), `SELECT v FROM kept`); got != "x" {
		t.Errorf("after restart kept = %q", got)
	}
}

func exec(t *testing.T, url, q string) {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func query(t *testing.T, url, q string) string {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	if err := db.QueryRow(q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}
