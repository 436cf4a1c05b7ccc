package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/graph"
	"github.com/rungs/rungs/notify"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/seed"
	"github.com/rungs/rungs/server"
	"golang.org/x/crypto/bcrypt"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const secret = "test-secret-test-secret-test-secret!"

// env is the whole server over a seeded database, with the same middleware
// chain `rungs serve` builds.
type env struct {
	db       *sqlx.DB
	handler  http.Handler
	url      string
	resolver *graph.Resolver
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := dbtest.New(t)
	if _, err := seed.Run(context.Background(), db, bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	return newEnvOn(t, db, graph.Limits{})
}

func newEnvOn(t *testing.T, db *sqlx.DB, limits graph.Limits) *env {
	t.Helper()
	svc, err := auth.NewService(db, auth.Config{Secret: []byte(secret), BcryptCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	r := graph.NewResolver(db, svc, "test", false)
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	srv := server.New(server.Options{DB: db, Logger: logger, Routes: func(mux *server.Router) {
		mux.Handle("POST /graphql", graph.NewHandler(r, logger, limits))
	}})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &env{db: db, handler: srv.Handler(), url: ts.URL, resolver: r}
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Status int
	Data   map[string]json.RawMessage `json:"data"`
	Errors []gqlError                 `json:"errors"`
	Header http.Header
}

func (r *response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

func (e *env) do(t *testing.T, token, query string, vars map[string]any) *response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := &response{Status: res.StatusCode, Header: res.Header}
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("response %d is not JSON: %s", res.StatusCode, b)
	}
	return out
}

func (e *env) login(t *testing.T, email string) string {
	t.Helper()
	res := e.do(t, "", `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
		map[string]any{"e": email, "p": seed.DemoPassword})
	if len(res.Errors) > 0 {
		t.Fatalf("login %s: %v", email, res.Errors)
	}
	var p struct{ AccessToken string }
	json.Unmarshal(res.Data["login"], &p)
	return p.AccessToken
}

func (e *env) idOf(t *testing.T, email string) string {
	t.Helper()
	var id string
	if err := e.db.Get(&id, `SELECT id::text FROM employees WHERE email = $1`, email); err != nil {
		t.Fatalf("no employee %s: %v", email, err)
	}
	return id
}

func TestLoginAndMe(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.do(t, "", `mutation { login(email: "Agent@Rungs.Demo", password: "rungs-demo") {
		accessToken refreshToken expiresAt user { email name { en zh } accessRoles position { code } } } }`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("login: %v", res.Errors)
	}
	if !strings.Contains(string(res.Data["login"]), `"accessRoles":["EMPLOYEE"]`) || !strings.Contains(string(res.Data["login"]), "吴晓玲") {
		t.Errorf("login payload: %s", res.Data["login"])
	}
	cookie := res.Header.Get("Set-Cookie")
	for _, want := range []string{auth.RefreshCookie + "=", "HttpOnly", "SameSite=Strict", "Path=/graphql"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("Set-Cookie %q lacks %s", cookie, want)
		}
	}
	var p struct{ AccessToken string }
	json.Unmarshal(res.Data["login"], &p)
	me := e.do(t, p.AccessToken, `{ me { email manager { email } team { code } } }`, nil)
	if len(me.Errors) > 0 || !strings.Contains(string(me.Data["me"]), `"lead@rungs.demo"`) {
		t.Errorf("me: %s %v", me.Data["me"], me.Errors)
	}

	bad := e.do(t, "", `mutation { login(email: "agent@rungs.demo", password: "wrong-password") { accessToken } }`, nil)
	if bad.code() != "UNAUTHENTICATED" || bad.Errors[0].Extensions["key"] != "auth.invalid_credentials" {
		t.Errorf("wrong password: %+v", bad.Errors)
	}
	unknown := e.do(t, "", `mutation { login(email: "nobody@rungs.demo", password: "wrong-password") { accessToken } }`, nil)
	if unknown.code() != "UNAUTHENTICATED" || unknown.Errors[0].Message != bad.Errors[0].Message {
		t.Errorf("unknown e-mail is told apart from a wrong password: %+v vs %+v", unknown.Errors, bad.Errors)
	}
}

// TestAccess is the role × operation table: each row is an operation, each
// column a demo login, each cell the outcome. "ok" means the call passed the
// access checks (a write given deliberately invalid input then fails
// validation with BAD_USER_INPUT, so the table changes nothing).
func TestAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	logins := []string{"anonymous", "agent", "lead", "manager", "trainer", "qa", "hr", "admin"}
	tokens := map[string]string{}
	for _, l := range logins[1:] {
		tokens[l] = e.login(t, l+"@rungs.demo")
	}
	colleague := e.idOf(t, "deng.chao@rungs.demo") // an agent in the same team as agent@
	otherTeam := e.idOf(t, "luo.xin@rungs.demo")   // an agent in team West
	agent := e.idOf(t, "agent@rungs.demo")
	outsider := e.idOf(t, "xu.tao@rungs.demo") // CX & analytics: in no trainer's scope
	trainer := e.idOf(t, "trainer@rungs.demo")

	const (
		ok        = "ok"
		unauth    = "UNAUTHENTICATED"
		forbidden = "FORBIDDEN"
		notFound  = "NOT_FOUND"
	)
	type row struct {
		op, query string
		vars      map[string]any
		// outcome per login, in the order of logins
		want []string
	}
	invalidHire := map[string]any{"in": map[string]any{"employeeNumber": "x", "nameEn": "", "nameZh": "", "email": "bad",
		"positionId": "1", "hireDate": dbtest.Date(0)}}
	rows := []row{
		{"serverInfo", `{ serverInfo { version } }`, nil, []string{ok, ok, ok, ok, ok, ok, ok, ok}},
		{"me", `{ me { id } }`, nil, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"teams", `{ teams { code } }`, nil, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"positions", `{ positions { code } }`, nil, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"employees", `{ employees(first: 5) { totalCount } }`, nil, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		// trainer@ and qa@ see these agents because HR gave them the service
		// teams as their training scope (seed/scopes.go), not because they
		// taught or scored them.
		{"employee(self)", `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": agent},
			[]string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"employee(colleague)", `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": colleague},
			[]string{unauth, notFound, ok, ok, ok, ok, ok, ok}},
		{"employee(other team)", `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": otherTeam},
			[]string{unauth, notFound, notFound, ok, ok, ok, ok, ok}},
		{"employee(outside every scope)", `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": outsider},
			[]string{unauth, notFound, notFound, notFound, notFound, notFound, ok, ok}},
		// Training scopes: HR and admins grant them (both a team and a
		// position is refused after the access check); the trainer, HR and
		// admins read one (her line too, not in this table).
		{"grantTrainingScope", `mutation($id: ID!, $t: ID!) { grantTrainingScope(input: {trainerId: $id, teamId: $t, positionId: $t}) { id } }`,
			map[string]any{"id": trainer, "t": "1"}, []string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		{"revokeTrainingScope", `mutation { revokeTrainingScope(id: "999999") { id } }`, nil,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, notFound, notFound}},
		{"employee(trainer).trainingScope", `query($id: ID!) { employee(id: $id) { trainingScope { id } } }`, map[string]any{"id": trainer},
			[]string{unauth, notFound, notFound, notFound, ok, notFound, ok, ok}},
		{"hireEmployee", `mutation($in: HireEmployeeInput!) { hireEmployee(input: $in) { employee { id } } }`, invalidHire,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		{"transferEmployee", `mutation($in: TransferEmployeeInput!) { transferEmployee(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"employeeId": agent, "effectiveOn": dbtest.Date(-30), "reason": ""}},
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		// A future effective date is refused after the access check, so
		// the agent stays on for the rows below.
		{"offboardEmployee", `mutation($id: ID!, $on: Date!) { offboardEmployee(employeeId: $id, effectiveOn: $on, reason: "") { id } }`,
			map[string]any{"id": agent, "on": dbtest.Date(365)}, []string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		{"resetPassword", `mutation($id: ID!) { resetPassword(employeeId: $id, newPassword: "x") }`, map[string]any{"id": agent},
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok}},
		{"setAccessRoles", `mutation($id: ID!) { setAccessRoles(employeeId: $id, roles: [EMPLOYEE]) { id } }`, map[string]any{"id": colleague},
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok}},
		{"changePassword", `mutation { changePassword(currentPassword: "not-it-at-all", newPassword: "another-password-1") }`, nil,
			[]string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		// Competency framework: everyone reads it, only admins edit it.
		{"competencies", `{ competencies { code } }`, nil, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"competencyFramework(draft)", `{ competencyFramework(draft: true) { version } }`, nil,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok}},
		{"createCompetency", `mutation { createCompetency(input: {code: "x", categoryCode: "", nameEn: "", nameZh: ""}) { id } }`, nil,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok}},
		{"setProficiencyScale", `mutation { setProficiencyScale(levels: []) { version } }`, nil,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok}},
		{"publishCompetencyFramework", `mutation { publishCompetencyFramework { version } }`, nil,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok}},
		// Ladder: everyone reads it, HR and admins edit it.
		{"tracks", `{ tracks { code positions { code } } }`, nil, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"createTrack", `mutation { createTrack(input: {code: "x", nameEn: "", nameZh: ""}) { id } }`, nil,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		{"setPositionRequirements", `mutation($id: ID!) { setPositionRequirements(positionId: $id, requirements: [{kind: MONTHS_IN_POSITION, minMonths: -1}]) { id } }`,
			map[string]any{"id": "1"}, []string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		{"addPositionMove", `mutation { addPositionMove(fromPositionId: "1", toPositionId: "1", kind: PROMOTION) { kind } }`, nil,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		// Development records: self, line, trainers, HR (see TestDevelopmentAccess);
		// an assessor sees the person, not their record.
		{"employee(colleague).competencies", `query($id: ID!) { employee(id: $id) { competencies { level } } }`, map[string]any{"id": colleague},
			[]string{unauth, notFound, ok, ok, ok, forbidden, ok, ok}},
	}
	for _, r := range rows {
		for i, l := range logins {
			res := e.do(t, tokens[l], r.query, r.vars)
			got := res.code()
			if got != unauth && got != forbidden && got != notFound {
				// No error, or a validation or state error after the
				// access checks let the call through.
				got = ok
			}
			if got != r.want[i] {
				t.Errorf("%s as %s: %s, want %s (%v)", r.op, l, got, r.want[i], res.Errors)
			}
		}
	}
}

// TestAccessRolesField: roles are shown to the person themself, HR and
// admins only.
func TestAccessRolesField(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	q := `query($id: ID!) { employee(id: $id) { accessRoles } }`
	agentID := e.idOf(t, "agent@rungs.demo")
	for login, want := range map[string]string{"lead": `[]`, "hr": `["EMPLOYEE"]`, "agent": `["EMPLOYEE"]`} {
		res := e.do(t, e.login(t, login+"@rungs.demo"), q, map[string]any{"id": agentID})
		if !strings.Contains(string(res.Data["employee"]), want) {
			t.Errorf("%s sees accessRoles %s, want %s", login, res.Data["employee"], want)
		}
	}
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.login(t, "hr@rungs.demo")
	agentToken := e.login(t, "agent@rungs.demo")
	agent := e.idOf(t, "agent@rungs.demo")
	var west string
	e.db.Get(&west, `SELECT id::text FROM teams WHERE code = 'CS-WEST'`)
	lead2 := e.idOf(t, "zhang.wei@rungs.demo")

	moved := dbtest.Date(-20)
	res := e.do(t, hr, `mutation($in: TransferEmployeeInput!) { transferEmployee(input: $in) {
		team { code } manager { email } history { kind effectiveOn reason fromTeam { code } toTeam { code } toManager { email } } } }`,
		map[string]any{"in": map[string]any{"employeeId": agent, "teamId": west, "managerId": lead2, "effectiveOn": moved, "reason": "Covers the West queue"}})
	if len(res.Errors) > 0 {
		t.Fatalf("transfer: %v", res.Errors)
	}
	got := string(res.Data["transferEmployee"])
	for _, want := range []string{`"team":{"code":"CS-WEST"}`, `"kind":"TRANSFER"`, `"effectiveOn":"` + moved + `"`,
		`"fromTeam":{"code":"CS-EAST"}`, `"toManager":{"email":"zhang.wei@rungs.demo"}`, `"reason":"Covers the West queue"`} {
		if !strings.Contains(got, want) {
			t.Errorf("transfer result lacks %s: %s", want, got)
		}
	}
	// The old lead no longer sees her; the new one does. (Scorecards the old
	// lead gave her would keep her in sight as their assessor: drop them.)
	e.db.MustExec(`DELETE FROM competency_evidence WHERE source = 'RUBRIC' AND ref_id IN
		(SELECT id FROM scorecards WHERE employee_id = $1 AND assessor_id = (SELECT id FROM employees WHERE email = 'lead@rungs.demo'))`, agent)
	e.db.MustExec(`DELETE FROM scorecards WHERE employee_id = $1 AND assessor_id = (SELECT id FROM employees WHERE email = 'lead@rungs.demo')`, agent)
	if r := e.do(t, e.login(t, "lead@rungs.demo"), `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": agent}); r.code() != "NOT_FOUND" {
		t.Errorf("old lead after transfer: %v", r.Errors)
	}
	if r := e.do(t, e.login(t, "zhang.wei@rungs.demo"), `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": agent}); len(r.Errors) > 0 {
		t.Errorf("new lead after transfer: %v", r.Errors)
	}

	// Offboarding: sign-in disabled, tokens revoked, records kept.
	refresh := e.do(t, "", `mutation { login(email: "agent@rungs.demo", password: "rungs-demo") { refreshToken } }`, nil)
	var rt struct{ RefreshToken string }
	json.Unmarshal(refresh.Data["login"], &rt)
	res = e.do(t, hr, `mutation($id: ID!, $on: Date!) { offboardEmployee(employeeId: $id, effectiveOn: $on, reason: "Moved city") { status offboardedOn } }`,
		map[string]any{"id": agent, "on": dbtest.Date(0)})
	if len(res.Errors) > 0 || !strings.Contains(string(res.Data["offboardEmployee"]), `"OFFBOARDED"`) {
		t.Fatalf("offboard: %s %v", res.Data["offboardEmployee"], res.Errors)
	}
	if r := e.do(t, agentToken, `{ me { id } }`, nil); r.code() != "UNAUTHENTICATED" {
		t.Errorf("an offboarded user's access token still works: %v", r.Errors)
	}
	if r := e.do(t, "", `mutation { login(email: "agent@rungs.demo", password: "rungs-demo") { accessToken } }`, nil); r.code() != "UNAUTHENTICATED" {
		t.Errorf("an offboarded user signed in: %v", r.Errors)
	}
	if r := e.do(t, "", `mutation($t: String) { refreshToken(refreshToken: $t) { accessToken } }`, map[string]any{"t": rt.RefreshToken}); r.code() != "UNAUTHENTICATED" {
		t.Errorf("an offboarded user refreshed: %v", r.Errors)
	}
	if r := e.do(t, hr, `query($id: ID!) { employee(id: $id) { status history { kind } } }`, map[string]any{"id": agent}); !strings.Contains(string(r.Data["employee"]), "OFFBOARD") {
		t.Errorf("records after offboarding: %s %v", r.Data["employee"], r.Errors)
	}
}

func TestRefreshFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	login := e.do(t, "", `mutation { login(email: "lead@rungs.demo", password: "rungs-demo") { refreshToken } }`, nil)
	var first struct{ RefreshToken string }
	json.Unmarshal(login.Data["login"], &first)
	q := `mutation($t: String) { refreshToken(refreshToken: $t) { accessToken refreshToken user { email } } }`
	r1 := e.do(t, "", q, map[string]any{"t": first.RefreshToken})
	if len(r1.Errors) > 0 {
		t.Fatalf("refresh: %v", r1.Errors)
	}
	var second struct{ AccessToken, RefreshToken string }
	json.Unmarshal(r1.Data["refreshToken"], &second)
	if second.RefreshToken == first.RefreshToken {
		t.Error("refresh token not rotated")
	}
	// Reusing the first token revokes the chain, the second one included.
	if r := e.do(t, "", q, map[string]any{"t": first.RefreshToken}); r.code() != "UNAUTHENTICATED" || r.Errors[0].Extensions["key"] != "auth.refresh_reused" {
		t.Errorf("reuse: %v", r.Errors)
	}
	if r := e.do(t, "", q, map[string]any{"t": second.RefreshToken}); r.code() != "UNAUTHENTICATED" {
		t.Errorf("chain survived reuse: %v", r.Errors)
	}
	if r := e.do(t, "", q, nil); r.code() != "UNAUTHENTICATED" {
		t.Errorf("refresh with nothing: %v", r.Errors)
	}
}

func TestBadTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	good := e.login(t, "agent@rungs.demo")
	parts := strings.Split(good, ".")
	cases := map[string]string{
		"Garbage":  "not-a-jwt",
		"Tampered": parts[0] + "." + parts[1] + "x." + parts[2],
		"AlgNone":  "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + parts[1] + ".",
	}
	for name, tok := range cases {
		res := e.do(t, tok, `{ me { id } }`, nil)
		if res.Status != http.StatusUnauthorized || res.code() != "UNAUTHENTICATED" {
			t.Errorf("%s token: status %d, %v", name, res.Status, res.Errors)
		}
	}
}

// TestLockoutAcrossServers: failed sign-ins counted by one server lock the
// address on another, because the counters live in PostgreSQL.
func TestLockoutAcrossServers(t *testing.T) {
	t.Parallel()
	a := newEnv(t)
	b := newEnvOn(t, a.db, graph.Limits{})
	q := `mutation($p: String!) { login(email: "trainer@rungs.demo", password: $p) { accessToken } }`
	for i := range 5 {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		r := srv.do(t, "", q, map[string]any{"p": "wrong-password"})
		// The failure that reaches the limit already answers RATE_LIMITED.
		if want := map[bool]string{true: "RATE_LIMITED", false: "UNAUTHENTICATED"}[i == 4]; r.code() != want {
			t.Fatalf("failure %d: %v, want %s", i, r.Errors, want)
		}
	}
	for name, srv := range map[string]*env{"a": a, "b": b} {
		r := srv.do(t, "", q, map[string]any{"p": seed.DemoPassword})
		if r.code() != "RATE_LIMITED" {
			t.Errorf("server %s after 5 failures, right password: %v, want RATE_LIMITED", name, r.Errors)
		}
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.login(t, "hr@rungs.demo")
	deep := `{ me { manager { manager { manager { manager { manager { manager { manager { manager { manager { manager { manager { id } } } } } } } } } } } } }`
	cases := []struct {
		name, query, key string
	}{
		{"ErrTooDeep", deep, "query.too_deep"},
		{"ErrFirstTooLarge", `{ employees(first: 101) { totalCount } }`, "page.first.range"},
		{"ErrFirstNegative", `{ employees(first: -1) { totalCount } }`, "page.first.range"},
		{"ErrTooComplex", `{ teams { members(first: 100) { nodes { reports { reports { reports { id } } } } } } }`, "query.too_complex"},
		{"ErrBadCursor", `{ employees(after: "nonsense") { totalCount } }`, "page.cursor.invalid"},
		{"ErrBadID", `{ employee(id: "abc") { id } }`, ""},
		{"ErrSyntax", `{ me { `, "query.parse_failed"},
		{"ErrUnknownField", `{ me { salary } }`, "query.invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := e.do(t, hr, c.query, nil)
			if res.code() != "BAD_USER_INPUT" {
				t.Fatalf("code %q, want BAD_USER_INPUT: %v", res.code(), res.Errors)
			}
			if c.key != "" && res.Errors[0].Extensions["key"] != c.key {
				t.Errorf("key %v, want %s", res.Errors[0].Extensions["key"], c.key)
			}
		})
	}
	t.Run("ErrBodyTooLarge", func(t *testing.T) {
		big := `{ me { id } }` + strings.Repeat(" ", 2<<20)
		res := e.do(t, hr, big, nil)
		if res.Status != http.StatusRequestEntityTooLarge || res.code() != "BAD_USER_INPUT" {
			t.Errorf("status %d %v", res.Status, res.Errors)
		}
	})
	t.Run("ErrFieldNamed", func(t *testing.T) {
		res := e.do(t, hr, `mutation { hireEmployee(input: {employeeNumber: "CS-9", nameEn: "A", nameZh: "甲", email: "agent@rungs.demo", positionId: "1", hireDate: "`+dbtest.Date(0)+`"}) { employee { id } } }`, nil)
		if res.code() != "CONFLICT" || res.Errors[0].Extensions["field"] != "email" || res.Errors[0].Extensions["key"] != "people.email.taken" {
			t.Errorf("duplicate e-mail: %+v", res.Errors)
		}
	})
}

// TestInternalErrorsMasked: a failure the user did not cause shows only
// "internal error", a code and the request id, never the cause.
func TestInternalErrorsMasked(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	token := e.login(t, "hr@rungs.demo")
	// Break the database under the server: the employees table vanishes.
	if _, err := e.db.Exec(`ALTER TABLE teams RENAME TO teams_gone`); err != nil {
		t.Fatal(err)
	}
	res := e.do(t, token, `{ teams { code } }`, nil)
	if res.code() != "INTERNAL" || res.Errors[0].Message != "internal error" {
		t.Fatalf("errors: %+v", res.Errors)
	}
	if res.Errors[0].Extensions["requestId"] != res.Header.Get("X-Request-Id") || res.Header.Get("X-Request-Id") == "" {
		t.Errorf("requestId %v, header %q", res.Errors[0].Extensions["requestId"], res.Header.Get("X-Request-Id"))
	}
	if b, _ := json.Marshal(res.Errors); strings.Contains(string(b), "teams") || strings.Contains(string(b), "relation") {
		t.Errorf("the cause leaked: %s", b)
	}
}

// TestStatementsFlat counts the SQL statements of one request: they must
// not grow with the page size (no N+1 over team, manager or position).
func TestStatementsFlat(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	if _, err := seed.Run(context.Background(), db, bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	// Fifty employees with every evidence list costs more than the default
	// complexity budget allows: this test is about statements, not cost.
	e := newEnvOn(t, db, graph.Limits{MaxComplexity: 100000})
	// A generous batch window: under the race detector on a busy machine
	// the default 16ms can close before every resolver has asked.
	e.resolver.LoaderWait = 200 * time.Millisecond
	// Enough people for a page of 50, spread over teams and managers.
	var pos, teamA, teamB int64
	e.db.Get(&pos, `SELECT id FROM positions WHERE code = 'AGENT'`)
	e.db.Get(&teamA, `SELECT id FROM teams WHERE code = 'CS-EAST'`)
	e.db.Get(&teamB, `SELECT id FROM teams WHERE code = 'CS-WEST'`)
	lead := e.idOf(t, "lead@rungs.demo")
	for i := range 30 {
		team := teamA
		if i%2 == 0 {
			team = teamB
		}
		var mgr int64
		if i%3 == 0 {
			e.db.Get(&mgr, `SELECT $1::bigint`, lead)
		}
		dbtest.MustCreateEmployee(t, e.db, dbtest.Employee{PositionID: pos, TeamID: team, ManagerID: mgr})
	}
	token := e.login(t, "hr@rungs.demo")
	var leadPos string
	e.db.Get(&leadPos, `SELECT id::text FROM positions WHERE code = 'TEAM_LEAD'`)
	count := func(query string, first int) (int64, int) {
		vars := map[string]any{"n": first}
		if strings.Contains(query, "$lead") {
			vars["lead"] = leadPos
		}
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		ctx, counter := postgres.NewContextWithCounter(req.Context())
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, req.WithContext(ctx))
		var res response
		json.Unmarshal(rec.Body.Bytes(), &res)
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
		return counter.Count(), strings.Count(string(res.Data["employees"]), `"nextPositions":`) + strings.Count(string(res.Data["employees"]), `"team":`) +
			strings.Count(string(res.Data["employees"]), `"attempts":`) + strings.Count(string(res.Data["employees"]), `"learningPath":`)
	}
	cases := []struct {
		name, query string
		max         int64
	}{
		// authenticate + page + team + manager + position + track
		{"people", `query($n: Int) { employees(first: $n) { totalCount nodes {
			name { en } team { code } manager { name { en } } position { code track { code } } } } }`, 6},
		// authenticate + page + published framework + its competencies +
		// evidence and level criteria (twice: the competencies field and the
		// gap) + competency loader + requirements + completions + ratings
		// + KPI definitions and results + position check
		{"development", `query($n: Int, $lead: ID!) { employees(first: $n) { nodes {
			competencies { level competency { code } }
			nextPositions { to { code } }
			gapTo(positionId: $lead) { totalGap competencies { gap competency { code } } } } } }`, 18},
		// authenticate + page + gap (requirements, evidence, criteria,
		// completions, ratings, KPIs) + policies + catalogue (3) + enrolments
		// + budgets + courses + competencies; the gap is read twice (for
		// readiness and inside the path), each a fixed set of statements
		{"paths", `query($n: Int, $lead: ID!) { employees(first: $n) { nodes {
			readiness(targetPositionId: $lead) { score status lines { kind } topGaps { en } }
			learningPath(targetPositionId: $lead) { totalHours steps { course { code } closes { competency { code } } } } } } }`, 30},
		// authenticate + page + attempts + assessments + scorecards + items
		// + criteria + ratings + periods + KPI records + KPI definitions
		{"evidence", `query($n: Int) { employees(first: $n) { nodes {
			attempts { percent assessment { code } }
			scorecards { weightedScore items { level criterion { name { en } } } }
			performanceRatings { rating period { code } }
			kpis(from: "` + dbtest.Date(-3650) + `", to: "` + dbtest.Date(3650) + `") { value kpi { code } } } } }`, 12},
	}
	for _, c := range cases {
		small, n5 := count(c.query, 5)
		large, n50 := count(c.query, 50)
		if n5 != 5 || n50 != 50 {
			t.Fatalf("%s: pages of %d and %d rows, want 5 and 50", c.name, n5, n50)
		}
		// A bigger page may cost less (rows it already holds need no second
		// read), never more.
		if large > small {
			t.Errorf("%s: employees(first: 50) cost %d statements, first: 5 cost %d: the count grows with the page", c.name, large, small)
		}
		if large > c.max {
			t.Errorf("%s: employees(first: 50) cost %d statements, want at most %d", c.name, large, c.max)
		}
		t.Logf("%s: employees(first: 50) costs %d SQL statements", c.name, large)
	}
}

// TestSchemaDescribed: every type, field, argument and enum value of the
// schema carries a description.
func TestSchemaDescribed(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	for name, def := range schema.Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if def.Description == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if f.Description == "" {
				t.Errorf("field %s.%s has no description", name, f.Name)
			}
		}
		for _, v := range def.EnumValues {
			if v.Description == "" {
				t.Errorf("enum value %s.%s has no description", name, v.Name)
			}
		}
	}
}

func TestTransport(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	e := newEnvOn(t, db, graph.Limits{MaxUpload: 4096})

	t.Run("GraphQLResponseJSON", func(t *testing.T) {
		req, _ := http.NewRequest("POST", e.url+"/graphql", strings.NewReader(`{"query":"{ serverInfo { version } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/graphql-response+json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/graphql-response+json") {
			t.Errorf("Content-Type %q", ct)
		}
	})
	t.Run("ErrUploadTooLarge", func(t *testing.T) {
		body := "--b\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{\"query\":\"{ serverInfo { version } }\"}\r\n--b\r\n" +
			"Content-Disposition: form-data; name=\"0\"; filename=\"big.csv\"\r\n\r\n" + strings.Repeat("x", 8192) + "\r\n--b--\r\n"
		req, _ := http.NewRequest("POST", e.url+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", res.StatusCode)
		}
	})
	t.Run("ErrGET", func(t *testing.T) {
		res, err := http.Get(e.url + "/graphql?query=%7B__typename%7D")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("GET /graphql: %d, want 405 (queries go by POST only)", res.StatusCode)
		}
	})
}

func TestProductionHidesIntrospection(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	svc, _ := auth.NewService(db, auth.Config{Secret: []byte(secret), BcryptCost: bcrypt.MinCost})
	r := graph.NewResolver(db, svc, "test", true)
	h := graph.NewHandler(r, slog.New(slog.NewJSONHandler(io.Discard, nil)), graph.Limits{})
	req := httptest.NewRequest("POST", "/graphql", strings.NewReader(`{"query":"{ __schema { types { name } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"query.introspection_disabled"`) || strings.Contains(rec.Body.String(), `"types"`) {
		t.Errorf("introspection answered in production: %s", rec.Body.String())
	}
}

// TestNotificationKindsInSchema: every kind the database may hold can be
// shown: a kind missing from the schema's enum would break the feed.
func TestNotificationKindsInSchema(t *testing.T) {
	enum := graph.NewExecutableSchema(graph.Config{}).Schema().Types["NotificationKind"]
	in := map[string]bool{}
	for _, v := range enum.EnumValues {
		in[v.Name] = true
	}
	for _, k := range notify.Kinds {
		if !in[string(k)] {
			t.Errorf("notification kind %s is not in the schema", k)
		}
	}
}
