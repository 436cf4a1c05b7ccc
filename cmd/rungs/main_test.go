package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/telemetry"
	"golang.org/x/crypto/bcrypt"
)

func TestMain(m *testing.M) {
	bcryptCost = bcrypt.MinCost // the demo seed and resets hash faster
	dbtest.Main(m)
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"serve", "-h"}, {"migrate", "-h"}, {"seed", "-h"}} {
		if err := run(context.Background(), args); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("rungs %s: err = %v, want help", strings.Join(args, " "), err)
		}
	}
}

func TestBadInput(t *testing.T) {
	cases := map[string][]string{
		"ErrMigrateVerb":    {"migrate", "sideways"},
		"ErrBadListenAddr":  {"serve", "-listen-addr", "nonsense"},
		"ErrShortSecret":    {"serve", "-jwt-secret", "short"},
		"ErrProductionBare": {"serve", "-production"},
		"ErrBadDatabaseURL": {"seed", "-database-url", "mysql://x"},
		"ErrUnknownFlag":    {"serve", "-no-such-flag"},
		"ErrExtraArgument":  {"seed", "extra"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			err := run(context.Background(), args)
			if err == nil || errors.Is(err, flag.ErrHelp) {
				t.Errorf("rungs %s: err = %v, want a clear error", strings.Join(args, " "), err)
			}
		})
	}
}

func TestEnvironmentAndFlags(t *testing.T) {
	t.Setenv("LISTEN_ADDR", "127.0.0.1:9999")
	t.Setenv("LOG_LEVEL", "debug")
	cfg := &appConfig{}
	fs := newFlagSet("serve", cfg)
	cmd := serveCmd()
	cmd.FlagSet = fs
	if err := cmd.Parse([]string{"-log-level", "warn"}); err != nil {
		t.Fatal(err)
	}
	if cfg.ListenAddr != "127.0.0.1:9999" {
		t.Errorf("LISTEN_ADDR from the environment: got %q", cfg.ListenAddr)
	}
	if cfg.LogLevel.String() != "WARN" {
		t.Errorf("the flag did not override LOG_LEVEL: %v", cfg.LogLevel)
	}
}

// TestServeEmbedded boots the real server with no DATABASE_URL: it starts its
// own PostgreSQL, migrates, seeds, answers, stops on cancel, and comes back
// with its data (and without seeding twice) on the next start.
func TestServeEmbedded(t *testing.T) {
	dataDir, err := os.MkdirTemp("", "rungs-serve-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dataDir)

	boot := func() (string, func()) {
		cfg := &appConfig{}
		cfg.Register(flag.NewFlagSet("test", flag.ContinueOnError))
		cfg.DataDir, cfg.ListenAddr, cfg.LogFormat = dataDir, "127.0.0.1:0", "json"
		logger := telemetry.NewLogger(io.Discard, "json", nil)
		ctx, cancel := context.WithCancel(context.Background())
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() { done <- serve(ctx, cfg, logger, ready) }()
		select {
		case addr := <-ready:
			return "http://" + addr, func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("serve: %v", err)
				}
			}
		case err := <-done:
			cancel()
			t.Fatalf("serve did not start: %v", err)
		case <-time.After(90 * time.Second):
			cancel()
			t.Fatal("serve did not start within 90s")
		}
		return "", nil
	}

	url, stop := boot()
	if res, err := http.Get(url + "/readyz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", res, err)
	}
	info := graphQL(t, url, "", `{ serverInfo { version schemaVersion production } }`)
	if strings.Contains(info, `"schemaVersion":0`) || !strings.Contains(info, `"production":false`) {
		t.Errorf("serverInfo = %s", info)
	}
	// A demo user signs in and reads their own record.
	login := graphQL(t, url, "", `mutation { login(email: "agent@rungs.demo", password: "rungs-demo") { accessToken } }`)
	var payload struct {
		Data struct{ Login struct{ AccessToken string } }
	}
	json.Unmarshal([]byte(login), &payload)
	if payload.Data.Login.AccessToken == "" {
		t.Fatalf("demo login: %s", login)
	}
	if me := graphQL(t, url, payload.Data.Login.AccessToken, `{ me { email } }`); !strings.Contains(me, "agent@rungs.demo") {
		t.Errorf("me = %s", me)
	}
	res, err := http.Get(url + "/graphiql")
	if err != nil || res.StatusCode != 200 {
		t.Errorf("graphiql: %v %v", res, err)
	}
	stop()
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("server still answers after stop")
	}

	url, stop = boot()
	defer stop()
	if res, err := http.Get(url + "/readyz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz after restart: %v %v", res, err)
	}
	// The CLI resets a password on the running embedded database.
	if err := run(context.Background(), []string{"user", "reset-password", "-data-dir", dataDir, "-password", "brand-new-password-1", "agent@rungs.demo"}); err != nil {
		t.Fatalf("rungs user reset-password: %v", err)
	}
	if out := graphQL(t, url, "", `mutation { login(email: "agent@rungs.demo", password: "brand-new-password-1") { accessToken } }`); !strings.Contains(out, "accessToken") {
		t.Errorf("login with the reset password: %s", out)
	}
	if err := run(context.Background(), []string{"user", "reset-password", "-data-dir", dataDir, "-password", "short", "agent@rungs.demo"}); err == nil {
		t.Error("reset-password accepted a weak password")
	}
	if err := run(context.Background(), []string{"user", "reset-password", "-data-dir", dataDir, "-password", "brand-new-password-1", "nobody@rungs.demo"}); err == nil {
		t.Error("reset-password accepted an unknown e-mail")
	}

	// The CLI imports KPIs: a file with a bad line writes nothing and names
	// the line; a good one lands.
	dir := t.TempDir()
	// January two years back: a whole month in the past, whatever today is.
	jan := time.Date(dbtest.Today().Year()-2, time.January, 1, 0, 0, 0, 0, time.UTC)
	month := jan.Format(time.DateOnly) + "," + jan.AddDate(0, 1, -1).Format(time.DateOnly)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("employee_no,kpi,period_start,period_end,value,volume\n"+
		"CS-1102,CSAT,"+month+",91,120\nNOBODY-9,CSAT,"+month+",91,120\n"), 0o600)
	if err := run(context.Background(), []string{"kpi", "-data-dir", dataDir, "import", bad}); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("rungs kpi import of a bad file: %v, want an error naming line 3", err)
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("employee_no,kpi,period_start,period_end,value,volume\nCS-1102,CSAT,"+month+",91,120\n"), 0o600)
	if err := run(context.Background(), []string{"kpi", "-data-dir", dataDir, "import", good}); err != nil {
		t.Errorf("rungs kpi import: %v", err)
	}
	if err := run(context.Background(), []string{"kpi", "-data-dir", dataDir, "import", filepath.Join(dir, "missing.csv")}); err == nil {
		t.Error("rungs kpi import of a missing file succeeded")
	}

	// The seed ran once, on the first start only.
	cfg := &appConfig{DataDir: dataDir, DBMaxOpenConns: 2}
	d, err := openDatabase(context.Background(), cfg, telemetry.NewLogger(io.Discard, "json", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var runs, positions int
	d.DB.Get(&runs, `SELECT count(*) FROM seed_runs`)
	d.DB.Get(&positions, `SELECT count(*) FROM positions`)
	if runs != 1 || positions == 0 {
		t.Errorf("after restart: %d seed runs, %d positions; want 1 run and the demo positions", runs, positions)
	}
}

// TestUserCommands runs `rungs user …` against a test database: each verb is
// a subcommand with its flags after it, as the README shows.
func TestUserCommands(t *testing.T) {
	ctx := context.Background()
	url := dbtest.URL(dbtest.NewDatabase(t))
	db, err := postgres.Open(ctx, url, postgres.Options{MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc, err := auth.NewService(db, auth.Config{Secret: []byte(strings.Repeat("s", 32)), BcryptCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	position := dbtest.MustCreatePosition(t, db, "", 1)
	hash, err := svc.HashPassword("first-password-0")
	if err != nil {
		t.Fatal(err)
	}
	mustUser := func(email string, roles ...string) int64 {
		t.Helper()
		return dbtest.MustCreateEmployee(t, db, dbtest.Employee{Email: email, PositionID: position, PasswordHash: hash, Roles: roles})
	}
	ann := mustUser("ann@example.com")
	bob := mustUser("bob@example.com", "ADMIN")
	signsIn := func(email, password string) bool {
		_, err := svc.Login(ctx, email, password, "", "")
		return err == nil
	}
	roles := func(id int64) string {
		var rs []string
		if err := db.Select(&rs, `SELECT role FROM user_roles WHERE employee_id = $1 ORDER BY role`, id); err != nil {
			t.Fatal(err)
		}
		return strings.Join(rs, ",")
	}
	user := func(args ...string) error {
		return run(ctx, append([]string{"user"}, args...))
	}

	t.Run("ResetPasswordFlag", func(t *testing.T) {
		if err := user("reset-password", "-database-url", url, "-password", "second-password-1", "Ann@Example.com"); err != nil {
			t.Fatalf("rungs user reset-password -password P <email>: %v", err)
		}
		if !signsIn("ann@example.com", "second-password-1") {
			t.Error("the new password does not sign in")
		}
	})
	t.Run("ResetPasswordStdin", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		w.WriteString("third-password-2\n")
		w.Close()
		stdin := os.Stdin
		os.Stdin = r
		defer func() { os.Stdin = stdin }()
		if err := user("reset-password", "-database-url", url, "ann@example.com"); err != nil {
			t.Fatalf("rungs user reset-password <email> < password: %v", err)
		}
		if !signsIn("ann@example.com", "third-password-2") {
			t.Error("the password from standard input does not sign in")
		}
	})
	t.Run("GrantRole", func(t *testing.T) {
		if err := user("grant-role", "-database-url", url, "ann@example.com"); err != nil {
			t.Fatalf("rungs user grant-role <email>: %v", err)
		}
		if err := user("grant-role", "-database-url", url, "-role", "trainer", "ann@example.com"); err != nil {
			t.Fatalf("rungs user grant-role -role trainer <email>: %v", err)
		}
		if got := roles(ann); got != "ADMIN,EMPLOYEE,TRAINER" {
			t.Errorf("roles = %s, want ADMIN,EMPLOYEE,TRAINER", got)
		}
	})
	t.Run("RevokeRole", func(t *testing.T) {
		if err := user("revoke-role", "-database-url", url, "-role", "ADMIN", "bob@example.com"); err != nil {
			t.Fatalf("rungs user revoke-role -role ADMIN <email>: %v", err)
		}
		if got := roles(bob); got != "EMPLOYEE" {
			t.Errorf("roles = %s, want EMPLOYEE", got)
		}
		// ann is the last admin now.
		err := user("revoke-role", "-database-url", url, "-role", "ADMIN", "ann@example.com")
		if err == nil || !strings.Contains(err.Error(), "nobody") {
			t.Errorf("revoking the last admin: %v, want a refusal", err)
		}
		if got := roles(ann); !strings.Contains(got, "ADMIN") {
			t.Errorf("the last admin lost ADMIN: %s", got)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		cases := map[string][]string{
			"NoVerb":             {},
			"UnknownVerb":        {"frobnicate", "ann@example.com"},
			"NoEmail":            {"reset-password", "-database-url", url, "-password", "fourth-password-3"},
			"FlagAfterEmail":     {"reset-password", "-database-url", url, "ann@example.com", "-password", "fourth-password-3"},
			"WeakPassword":       {"reset-password", "-database-url", url, "-password", "short", "ann@example.com"},
			"UnknownEmail":       {"reset-password", "-database-url", url, "-password", "fourth-password-3", "nobody@example.com"},
			"UnknownRole":        {"grant-role", "-database-url", url, "-role", "ROOT", "ann@example.com"},
			"RevokeWithoutRole":  {"revoke-role", "-database-url", url, "ann@example.com"},
			"GrantUnknownEmail":  {"grant-role", "-database-url", url, "nobody@example.com"},
			"RevokeUnknownEmail": {"revoke-role", "-database-url", url, "-role", "HR", "nobody@example.com"},
		}
		for name, args := range cases {
			if err := user(args...); err == nil || errors.Is(err, flag.ErrHelp) {
				t.Errorf("%s: rungs user %s: err = %v, want a clear error", name, strings.Join(args, " "), err)
			}
		}
		if !signsIn("ann@example.com", "third-password-2") {
			t.Error("a refused command changed the password")
		}
	})
	t.Run("Help", func(t *testing.T) {
		for _, args := range [][]string{{"-h"}, {"reset-password", "-h"}, {"grant-role", "-h"}, {"revoke-role", "-h"}} {
			if err := user(args...); !errors.Is(err, flag.ErrHelp) {
				t.Errorf("rungs user %s: err = %v, want help", strings.Join(args, " "), err)
			}
		}
	})
}

func graphQL(t *testing.T, url, token, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req, _ := http.NewRequest("POST", url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}
