package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/graph"
	"github.com/rungs/rungs/seed"
	"github.com/rungs/rungs/server"
	"golang.org/x/crypto/bcrypt"
)

// newEnvWithAuth is newEnv with the auth.Service built from cfg (the test
// secret filled in), over the same middleware chain.
func newEnvWithAuth(t *testing.T, cfg auth.Config) *env {
	t.Helper()
	db := dbtest.New(t)
	if _, err := seed.Run(context.Background(), db, bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	cfg.Secret = []byte(secret)
	svc, err := auth.NewService(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := graph.NewResolver(db, svc, "test", false)
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	srv := server.New(server.Options{DB: db, Logger: logger, Routes: func(mux *server.Router) {
		mux.Handle("POST /graphql", graph.NewHandler(r, logger, graph.Limits{}))
	}})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &env{db: db, handler: srv.Handler(), url: ts.URL, resolver: r}
}

// authPost is e.do for goroutines: it returns transport trouble instead of
// failing the test from a goroutine that is not the test's.
func authPost(e *env, token, query string, vars map[string]any) (*response, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out := &response{Status: res.StatusCode}
	b, _ := io.ReadAll(res.Body)
	return out, json.Unmarshal(b, out)
}

func errKey(r *response) string {
	if len(r.Errors) == 0 {
		return ""
	}
	k, _ := r.Errors[0].Extensions["key"].(string)
	return k
}

// slowPassword is trainer@'s password in the sign-in burst tests, hashed at
// a cost that makes each comparison take tens of milliseconds: long enough
// that, were attempts counted only after their comparison, every attempt
// of a burst would pass the lockout check before the first failure landed.
const slowPassword = "a-slow-password-1"

// slowEnv is a seeded server whose trainer@ has slowPassword. One client
// address may have any number of sign-ins in progress (all tests come from
// 127.0.0.1), so what stops a burst is the lockout alone.
func slowEnv(t *testing.T) *env {
	t.Helper()
	e := newEnvWithAuth(t, auth.Config{BcryptCost: 11, ConcurrentPerClient: 100})
	id, _ := strconv.ParseInt(e.idOf(t, "trainer@rungs.demo"), 10, 64)
	if err := e.resolver.Auth.ResetPassword(context.Background(), id, slowPassword); err != nil {
		t.Fatal(err)
	}
	return e
}

const authLoginQuery = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`

// TestLoginParallelGuesses: 15 wrong passwords for one address at once
// through the API test at most 5 (the limit), and every attempt after the
// limit is RATE_LIMITED.
func TestLoginParallelGuesses(t *testing.T) {
	t.Parallel()
	e := slowEnv(t)
	const n, limit = 15, 5
	before := e.resolver.Auth.PasswordChecks()
	res := make([]*response, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res[i], errs[i] = authPost(e, "", authLoginQuery, map[string]any{"e": "trainer@rungs.demo", "p": "wrong-password-" + strconv.Itoa(i)})
		})
	}
	wg.Wait()
	if checks := e.resolver.Auth.PasswordChecks() - before; checks > limit {
		t.Errorf("%d parallel guesses ran %d bcrypt comparisons, want at most %d", n, checks, limit)
	}
	limited := 0
	for i, r := range res {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		switch {
		// auth.busy: more sign-ins from this client in flight at once than
		// it may have (slow under -race); refused without a comparison too.
		case r.code() == "RATE_LIMITED" && (errKey(r) == "auth.locked" || errKey(r) == "auth.busy"):
			limited++
		case r.code() == "UNAUTHENTICATED" && errKey(r) == "auth.invalid_credentials":
		default:
			t.Errorf("guess %d: %+v", i, r.Errors)
		}
	}
	if want := n - (limit - 1); limited < want {
		t.Errorf("%d of %d guesses RATE_LIMITED, want at least %d", limited, n, want)
	}
	if r := e.do(t, "", authLoginQuery, map[string]any{"e": "trainer@rungs.demo", "p": slowPassword}); r.code() != "RATE_LIMITED" {
		t.Errorf("right password after the burst: %+v, want RATE_LIMITED", r.Errors)
	}
}

// TestLoginParallelBurstRightPasswordLast: a burst of 19 wrong passwords
// and, while they are still being checked, the right one. Counted before
// the comparison, the burst has used up the allowance by then: no token.
func TestLoginParallelBurstRightPasswordLast(t *testing.T) {
	t.Parallel()
	e := slowEnv(t)
	const n = 20
	res := make([]*response, n)
	errs := make([]error, n)
	before := e.resolver.Auth.PasswordChecks()
	var wg sync.WaitGroup
	for i := range n - 1 {
		wg.Go(func() {
			res[i], errs[i] = authPost(e, "", authLoginQuery, map[string]any{"e": "trainer@rungs.demo", "p": "wrong-password-" + strconv.Itoa(i)})
		})
	}
	// Until every attempt of the burst is either counted or being compared
	// (were attempts counted only after their comparison, none would be
	// counted yet: each takes hundreds of milliseconds).
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		var counted int
		e.db.Get(&counted, `SELECT coalesce(max(failures), 0) FROM login_failures WHERE key = 'email:trainer@rungs.demo'`)
		if counted >= n-1 || e.resolver.Auth.PasswordChecks()-before >= n-1 {
			break
		}
	}
	wg.Go(func() {
		res[n-1], errs[n-1] = authPost(e, "", authLoginQuery, map[string]any{"e": "trainer@rungs.demo", "p": slowPassword})
	})
	wg.Wait()
	for i, r := range res {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if len(r.Errors) == 0 {
			t.Fatalf("attempt %d of the burst got a token", i)
		}
	}
	if r := res[n-1]; r.code() != "RATE_LIMITED" || (errKey(r) != "auth.locked" && errKey(r) != "auth.busy") {
		t.Errorf("right password last: %+v, want RATE_LIMITED auth.locked (or auth.busy)", r.Errors)
	}
}

// TestLoginSuccessKeepsFailureCount: a sign-in with the right password
// does not reset the count of the failures before it.
func TestLoginSuccessKeepsFailureCount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for range 4 {
		if r := e.do(t, "", authLoginQuery, map[string]any{"e": "trainer@rungs.demo", "p": "wrong-password"}); errKey(r) != "auth.invalid_credentials" {
			t.Fatalf("failure: %+v", r.Errors)
		}
	}
	e.login(t, "trainer@rungs.demo")
	// The fifth failure in the window locks, the success in between or not.
	if r := e.do(t, "", authLoginQuery, map[string]any{"e": "trainer@rungs.demo", "p": "wrong-password"}); r.code() != "RATE_LIMITED" {
		t.Errorf("fifth failure after a success: %+v, want RATE_LIMITED", r.Errors)
	}
}

const setRolesQuery = `mutation($id: ID!, $roles: [AccessRole!]!) { setAccessRoles(employeeId: $id, roles: $roles) { id accessRoles } }`

// TestLastAdmin: the only admin cannot take their own ADMIN role, nor be
// offboarded; with a second admin both are fine.
func TestLastAdmin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, hr := e.login(t, "admin@rungs.demo"), e.login(t, "hr@rungs.demo")
	adminID, hrID := e.idOf(t, "admin@rungs.demo"), e.idOf(t, "hr@rungs.demo")

	r := e.do(t, admin, setRolesQuery, map[string]any{"id": adminID, "roles": []string{"EMPLOYEE"}})
	if r.code() != "CONFLICT" || errKey(r) != "auth.last_admin" {
		t.Fatalf("last admin drops ADMIN: %+v, want CONFLICT auth.last_admin", r.Errors)
	}
	r = e.do(t, hr, `mutation($id: ID!, $on: Date!) { offboardEmployee(employeeId: $id, effectiveOn: $on, reason: "Leaving") { status } }`,
		map[string]any{"id": adminID, "on": dbtest.Date(0)})
	if r.code() != "CONFLICT" || errKey(r) != "auth.last_admin" {
		t.Fatalf("offboarding the last admin: %+v, want CONFLICT auth.last_admin", r.Errors)
	}
	// The refusals changed nothing: the admin's token still works.
	if r := e.do(t, admin, `{ me { accessRoles } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("the last admin's session after the refusals: %v", r.Errors)
	}

	if r := e.do(t, admin, setRolesQuery, map[string]any{"id": hrID, "roles": []string{"HR", "ADMIN"}}); len(r.Errors) > 0 {
		t.Fatalf("make hr@ an admin: %v", r.Errors)
	}
	if r := e.do(t, admin, setRolesQuery, map[string]any{"id": adminID, "roles": []string{"EMPLOYEE"}}); len(r.Errors) > 0 {
		t.Fatalf("an admin drops ADMIN while another remains: %v", r.Errors)
	}
}

// TestLastAdminRace: two admins take each other's ADMIN role at the same
// time; at most one may succeed, so one admin remains.
func TestLastAdminRace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	adminID, hrID := e.idOf(t, "admin@rungs.demo"), e.idOf(t, "hr@rungs.demo")
	if r := e.do(t, e.login(t, "admin@rungs.demo"), setRolesQuery, map[string]any{"id": hrID, "roles": []string{"HR", "ADMIN"}}); len(r.Errors) > 0 {
		t.Fatalf("make hr@ an admin: %v", r.Errors)
	}
	// Fresh tokens: the role change outdated hr@'s.
	admin, hr := e.login(t, "admin@rungs.demo"), e.login(t, "hr@rungs.demo")

	for round := range 8 {
		var wg sync.WaitGroup
		var a, b *response
		var errA, errB error
		wg.Go(func() {
			a, errA = authPost(e, admin, setRolesQuery, map[string]any{"id": hrID, "roles": []string{"HR"}})
		})
		wg.Go(func() {
			b, errB = authPost(e, hr, setRolesQuery, map[string]any{"id": adminID, "roles": []string{"EMPLOYEE"}})
		})
		wg.Wait()
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if len(a.Errors) == 0 && len(b.Errors) == 0 {
			t.Fatalf("round %d: both admins took each other's ADMIN role", round)
		}
		var admins int
		e.db.Get(&admins, `SELECT count(*) FROM user_roles WHERE role = 'ADMIN'`)
		if admins != 1 {
			t.Fatalf("round %d: %d admins left, want 1 (answers %+v / %+v)", round, admins, a.Errors, b.Errors)
		}
		// Put things back for the next round: whoever is left re-grants.
		e.db.MustExec(`INSERT INTO user_roles (employee_id, role) VALUES ($1, 'ADMIN'), ($2, 'ADMIN') ON CONFLICT DO NOTHING`, adminID, hrID)
		admin, hr = e.login(t, "admin@rungs.demo"), e.login(t, "hr@rungs.demo")
	}
}
