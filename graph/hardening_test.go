package graph_test

// Regression tests for what a hostile tester found: each sends what the
// tester sent, through the same middleware chain `rungs serve` builds, and
// checks the answer (a client code and a 4xx for a client's mistake, 503
// when the database is down) and the log (no request body, no password,
// nothing at ERROR for a client's mistake).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/graph"
	"github.com/rungs/rungs/seed"
	"github.com/rungs/rungs/server"
	"golang.org/x/crypto/bcrypt"
)

// capturedLog collects a server's log lines (JSON, every level) for a test.
type capturedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *capturedLog) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *capturedLog) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// errorLines returns the log lines at ERROR.
func (b *capturedLog) errorLines() []string {
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, `"level":"ERROR"`) {
			out = append(out, l)
		}
	}
	return out
}

// newCapturedEnv is newEnvOn with the mode chosen and every log line, down
// to DEBUG, kept for the test to read.
func newCapturedEnv(t *testing.T, db *sqlx.DB, production bool) (*env, *capturedLog) {
	t.Helper()
	svc, err := auth.NewService(db, auth.Config{Secret: []byte(secret), BcryptCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	r := graph.NewResolver(db, svc, "test", production)
	logs := &capturedLog{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := server.New(server.Options{DB: db, Logger: logger, Routes: func(mux *server.Router) {
		mux.Handle("POST /graphql", graph.NewHandler(r, logger, graph.Limits{}))
	}})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &env{db: db, handler: srv.Handler(), url: ts.URL, resolver: r}, logs
}

// post sends body as it is to /graphql with the given headers (a
// Content-Type of application/json unless one is given) and decodes the
// answer, which must be JSON.
func (e *env) postRaw(t *testing.T, body io.Reader, header ...string) *response {
	t.Helper()
	req, _ := http.NewRequest("POST", e.url+"/graphql", body)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := &response{Status: res.StatusCode, Header: res.Header}
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("response %d is not JSON: %.300s", res.StatusCode, b)
	}
	return out
}

func (r *response) errKey() string {
	if len(r.Errors) == 0 {
		return ""
	}
	k, _ := r.Errors[0].Extensions["key"].(string)
	return k
}

// repeat returns n copies of s joined by spaces.
func repeatSep(s string, n int) string { return strings.TrimSpace(strings.Repeat(s+" ", n)) }

// TestHostileDocuments: documents whose validation cost grows with the
// square of their size are refused before validation, cheaply, with a
// client code, to anonymous callers in production mode.
func TestHostileDocuments(t *testing.T) {
	t.Parallel()
	e, logs := newCapturedEnv(t, dbtest.New(t), true)
	aliases := func(n int, field string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "a%d: %s ", i, field)
		}
		return b.String()
	}
	cases := []struct {
		name, query, key string
	}{
		// The tester's two: 55 KB cost 3 s of CPU; 80 KB ran into the timeout.
		{"ErrTypenameRepeated", "{ " + repeatSep("__typename", 5000) + " }", "query.repeated_field"},
		{"ErrMeRepeated", "{ " + repeatSep("me { id }", 8000) + " }", "query.too_large"},
		{"ErrFieldRepeated", "{ " + repeatSep("me { id }", 20) + " }", "query.repeated_field"},
		{"ErrNestedRepeated", "{ " + repeatSep("me { "+repeatSep("manager { id }", 4)+" }", 4) + " }", "query.repeated_field"},
		{"ErrInlineFragmentsRepeated", "{ " + repeatSep("... on Query { __typename }", 50) + " }", "query.repeated_field"},
		{"ErrSpreadRepeated", "{ " + repeatSep("...F", 50) + " } fragment F on Query { __typename }", "query.repeated_field"},
		{"ErrTooManyFields", "{ " + aliases(1500, "__typename") + " }", "query.too_many_fields"},
		{"ErrTooManyFragments", "{ " + func() string {
			var b strings.Builder
			for i := range 300 {
				fmt.Fprintf(&b, "...F%d ", i)
			}
			b.WriteString("} ")
			for i := range 300 {
				fmt.Fprintf(&b, "fragment F%d on Query { __typename } ", i)
			}
			return b.String()
		}(), "query.too_many_fragments"},
		// Ten fragments, each spreading the next under five aliases: 60
		// fields written, ten million selected.
		{"ErrFragmentBomb", "{ me { ...F0 } } " + func() string {
			var b strings.Builder
			for i := range 10 {
				fmt.Fprintf(&b, "fragment F%d on Employee { id ", i)
				if i < 9 {
					for _, a := range []string{"a", "b", "c", "d", "e"} {
						fmt.Fprintf(&b, "%s: manager { ...F%d } ", a, i+1)
					}
				}
				b.WriteString("} ")
			}
			return b.String()
		}(), "query.too_many_fields"},
		{"ErrTooManyTokens", "{ " + aliases(50000, "__typename") + " }", "query.too_large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			res := e.do(t, "", c.query, nil)
			took := time.Since(start)
			if res.code() != "BAD_USER_INPUT" || res.errKey() != c.key {
				t.Fatalf("%d bytes: status %d, code %q key %q, want BAD_USER_INPUT %s (took %v)", len(c.query), res.Status, res.code(), res.errKey(), c.key, took)
			}
			if res.Status < 400 || res.Status >= 500 {
				t.Errorf("status %d, want a 4xx", res.Status)
			}
			if res.Data["__typename"] != nil || res.Data["me"] != nil {
				t.Errorf("the document was executed: %v", res.Data)
			}
		})
	}
	if lines := logs.errorLines(); len(lines) > 0 {
		t.Errorf("a refused document was logged at ERROR:\n%s", strings.Join(lines, "\n"))
	}
}

// TestWebAppDocumentsWithinLimits: every document the web app sends
// (frontend/src, the graphql(`…`) literals with the fragments they spread)
// passes the document limits with room to spare: at most half of each.
func TestWebAppDocumentsWithinLimits(t *testing.T) {
	docs := webAppDocuments(t)
	if len(docs) < 50 {
		t.Fatalf("found only %d documents in frontend/src", len(docs))
	}
	var most graph.DocumentStats
	for name, doc := range docs {
		s, err := graph.MeasureDocument(doc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		most.Tokens = max(most.Tokens, s.Tokens)
		most.Fields = max(most.Fields, s.Fields)
		most.Fragments = max(most.Fragments, s.Fragments)
		most.Repeats = max(most.Repeats, s.Repeats)
	}
	lim := graph.DefaultDocumentLimits()
	t.Logf("largest of %d web app documents: %+v; limits %+v", len(docs), most, lim)
	if most.Tokens*2 > lim.Tokens || most.Fields*2 > lim.Fields || most.Fragments*2 > lim.Fragments || most.Repeats*2 > lim.Repeats {
		t.Errorf("the web app comes within half of a document limit: largest %+v, limits %+v", most, lim)
	}
}

var (
	documentLiteral = regexp.MustCompile("graphql\\(`([^`]*)`\\)")
	fragmentName    = regexp.MustCompile(`fragment\s+(\w+)\s+on`)
	spreadName      = regexp.MustCompile(`\.\.\.\s*([A-Za-z_]\w*)`)
)

// webAppDocuments returns each operation of the web app with the fragment
// definitions it spreads, as the app sends it.
func webAppDocuments(t *testing.T) map[string]string {
	t.Helper()
	var literals []string
	err := filepath.WalkDir("../frontend/src", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "gql" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.Contains(path, ".test.") || !(strings.HasSuffix(path, ".ts") || strings.HasSuffix(path, ".tsx")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range documentLiteral.FindAllStringSubmatch(string(b), -1) {
			literals = append(literals, m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fragments := map[string]string{}
	for _, l := range literals {
		if m := fragmentName.FindStringSubmatch(l); m != nil && strings.HasPrefix(strings.TrimSpace(l), "fragment") {
			fragments[m[1]] = l
		}
	}
	docs := map[string]string{}
	for i, l := range literals {
		if strings.HasPrefix(strings.TrimSpace(l), "fragment") {
			continue
		}
		doc, seen := l, map[string]bool{}
		for changed := true; changed; {
			changed = false
			for _, m := range spreadName.FindAllStringSubmatch(doc, -1) {
				if f, ok := fragments[m[1]]; ok && !seen[m[1]] {
					seen[m[1]] = true
					doc += "\n" + f
					changed = true
				}
			}
		}
		docs[fmt.Sprintf("document %d: %.60s", i, strings.Join(strings.Fields(l), " "))] = doc
	}
	return docs
}

// lateDeadline is a request context whose deadline passes once execution
// has begun: Err reports it to every check made while gqlgen resolves a
// field, and to none before (gqlgen itself does not start an operation
// whose context is already done).
type lateDeadline struct{ context.Context }

func (c lateDeadline) Err() error {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "gqlgen/graphql.resolveField") {
			return context.DeadlineExceeded
		}
		if !more {
			return nil
		}
	}
}

// TestDeadlineStopsFields: once the request's deadline has passed, no
// field starts: the answer is the timeout (503), not the data, and it is
// not logged as an internal error.
func TestDeadlineStopsFields(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	svc, _ := auth.NewService(db, auth.Config{Secret: []byte(secret), BcryptCost: bcrypt.MinCost})
	logs := &capturedLog{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := graph.NewHandler(graph.NewResolver(db, svc, "test", false), logger, graph.Limits{})
	req := httptest.NewRequest("POST", "/graphql", strings.NewReader(`{"query":"{ serverInfo { version } a: serverInfo { version } }"}`))
	req = req.WithContext(lateDeadline{req.Context()})
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	if strings.Contains(body, `"version":"test"`) || !strings.Contains(body, `"request.timeout"`) {
		t.Errorf("fields ran after the deadline: %d %s", rec.Code, body)
	}
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", rec.Code)
	}
	if lines := logs.errorLines(); len(lines) > 0 {
		t.Errorf("a timed-out request was logged at ERROR:\n%s", strings.Join(lines, "\n"))
	}
}

const bodyPassword = "Tr0ub4dor&3-correct-horse"

// TestNoBodyInLog: a body that fails to decode is refused without being
// logged or echoed: a login with a real password must not reach the log at
// any level.
func TestNoBodyInLog(t *testing.T) {
	t.Parallel()
	e, logs := newCapturedEnv(t, dbtest.New(t), true)
	query := `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`
	bodies := map[string]string{
		"Truncated":     `{"query":` + jsonOf(query) + `,"variables":{"e":"agent@rungs.demo","p":"` + bodyPassword + `"`,
		"TrailingComma": `{"query":` + jsonOf(query) + `,"variables":{"e":"agent@rungs.demo","p":"` + bodyPassword + `",}}`,
		"WrongType":     `{"query":` + jsonOf(query) + `,"variables":["agent@rungs.demo","` + bodyPassword + `"]}`,
		"BadEscape":     `{"query":` + jsonOf(query) + `,"variables":{"e":"agent@rungs.demo","p":"` + bodyPassword + `\x"}}`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			res := e.postRaw(t, strings.NewReader(body))
			if res.Status != http.StatusBadRequest || res.code() != "BAD_USER_INPUT" {
				t.Errorf("status %d code %q, want 400 BAD_USER_INPUT: %+v", res.Status, res.code(), res.Errors)
			}
			if b, _ := json.Marshal(res.Errors); strings.Contains(string(b), bodyPassword) {
				t.Errorf("the password was echoed: %s", b)
			}
		})
	}
	if out := logs.String(); strings.Contains(out, bodyPassword) || strings.Contains(out, "Tr0ub4dor") {
		t.Errorf("the password reached the log:\n%s", out)
	}
	if lines := logs.errorLines(); len(lines) > 0 {
		t.Errorf("a malformed body was logged at ERROR:\n%s", strings.Join(lines, "\n"))
	}
}

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestProductionNoSuggestions: validation errors name no field, argument,
// type or value the caller did not write in production mode.
func TestProductionNoSuggestions(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	prod, _ := newCapturedEnv(t, db, true)
	dev, _ := newCapturedEnv(t, db, false)
	queries := []string{
		`{ employe { id } }`,
		`{ serverInfo { versio } }`,
		`{ employee(idd: "1") { id } }`,
		`query($f: CourseFiltr) { courses(filter: $f) { totalCount } }`,
		`{ courses(filter: { formatt: ELEARNING }) { totalCount } }`,
		`{ courses(filter: { formats: [ELEARNIN] }) { totalCount } }`,
	}
	for _, q := range queries {
		res := prod.do(t, "", q, nil)
		if res.code() != "BAD_USER_INPUT" {
			t.Errorf("%s: code %q, want BAD_USER_INPUT", q, res.code())
		}
		if b, _ := json.Marshal(res.Errors); strings.Contains(string(b), "Did you mean") {
			t.Errorf("%s: production suggests: %s", q, b)
		}
	}
	// Development keeps the help.
	if res := dev.do(t, "", queries[0], nil); !strings.Contains(res.Errors[0].Message, "Did you mean") {
		t.Errorf("development lost its suggestions: %+v", res.Errors)
	}
}

// TestClientMistakes: what a client gets wrong is answered with a client
// code and a 4xx, and logged below ERROR.
func TestClientMistakes(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	if _, err := seed.Run(context.Background(), db, bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	e, logs := newCapturedEnv(t, db, true)
	hr := e.login(t, "hr@rungs.demo")

	check := func(t *testing.T, res *response, status int, key string) {
		t.Helper()
		if res.Status != status || res.code() != "BAD_USER_INPUT" || (key != "" && res.errKey() != key) {
			t.Errorf("status %d code %q key %q, want %d BAD_USER_INPUT %s: %+v", res.Status, res.code(), res.errKey(), status, key, res.Errors)
		}
	}
	t.Run("ErrBatch", func(t *testing.T) {
		check(t, e.postRaw(t, strings.NewReader(`[{"query":"{ __typename }"},{"query":"{ __typename }"}]`)), 400, "request.batch_unsupported")
	})
	t.Run("ErrMalformedJSON", func(t *testing.T) {
		check(t, e.postRaw(t, strings.NewReader(`{"query": "{ __typename }"`)), 400, "request.malformed_json")
		check(t, e.postRaw(t, strings.NewReader(`{"query": "{ __typename }"} trailing`)), 400, "request.malformed_json")
		check(t, e.postRaw(t, strings.NewReader(`"just a string"`)), 400, "")
		check(t, e.postRaw(t, strings.NewReader(``)), 400, "")
	})
	t.Run("ErrContentType", func(t *testing.T) {
		// A cross-site form can post text/plain and urlencoded bodies.
		for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "application/graphql"} {
			check(t, e.postRaw(t, strings.NewReader(`{"query":"mutation { logout }"}`), "Content-Type", ct), http.StatusUnsupportedMediaType, "request.unsupported_type")
		}
	})
	t.Run("ErrChunkedTooLarge", func(t *testing.T) {
		// No Content-Length: the limit is only found while reading.
		body := io.MultiReader(strings.NewReader(`{"query":"{ __typename }","x":"`), strings.NewReader(strings.Repeat("x", 2<<20)), strings.NewReader(`"}`))
		check(t, e.postRaw(t, body), http.StatusRequestEntityTooLarge, "request.too_large")
	})
	t.Run("ErrNULInText", func(t *testing.T) {
		res := e.do(t, hr, `query($s: String) { courses(filter: { text: $s }) { totalCount } }`, map[string]any{"s": "a\x00b"})
		if res.code() != "BAD_USER_INPUT" || res.errKey() != "text.invalid_character" {
			t.Errorf("NUL in a search: %d %+v", res.Status, res.Errors)
		}
		res = e.do(t, "", `mutation($e: String!) { login(email: $e, password: "whatever-it-is") { accessToken } }`, map[string]any{"e": "a\x00@rungs.demo"})
		if res.code() == "INTERNAL" {
			t.Errorf("NUL in a login: %d %+v", res.Status, res.Errors)
		}
	})
	t.Run("ErrIntrospectionThroughFragments", func(t *testing.T) {
		for _, q := range []string{
			`{ ...F } fragment F on Query { __schema { types { name } } }`,
			`{ ... on Query { __type(name: "Employee") { name fields { name } } } }`,
			`{ ... on Query { ... on Query { __schema { queryType { name } } } } }`,
			`{ __typename ...F } fragment F on Query { ...G } fragment G on Query { __schema { types { name } } }`,
		} {
			res := e.do(t, "", q, nil)
			if res.code() != "BAD_USER_INPUT" || res.errKey() != "query.introspection_disabled" || res.Status < 400 || res.Status >= 500 {
				t.Errorf("%s: %d %+v", q, res.Status, res.Errors)
			}
			if len(res.Data) > 0 && string(res.Data["__schema"]) != "" && string(res.Data["__schema"]) != "null" {
				t.Errorf("%s: introspection answered: %s", q, res.Data["__schema"])
			}
		}
	})
	t.Run("ErrQueryTooDeepIs4xx", func(t *testing.T) {
		deep := `{ me { manager { manager { manager { manager { manager { manager { manager { manager { manager { manager { manager { id } } } } } } } } } } } } }`
		res := e.do(t, hr, deep, nil)
		if res.Status < 400 || res.Status >= 500 || res.errKey() != "query.too_deep" {
			t.Errorf("too deep: %d %+v", res.Status, res.Errors)
		}
	})
	if lines := logs.errorLines(); len(lines) > 0 {
		t.Errorf("a client's mistake was logged at ERROR:\n%s", strings.Join(lines, "\n"))
	}
}

// TestDatabaseDown: with PostgreSQL unreachable the API answers 503 with
// UNAVAILABLE (as /readyz does), logged at WARN, not as an internal error.
func TestDatabaseDown(t *testing.T) {
	t.Parallel()
	// Nothing listens on port 1: every connection is refused.
	down, err := sqlx.Open("postgres", "postgres://rungs@127.0.0.1:1/rungs?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { down.Close() })
	e, logs := newCapturedEnv(t, down, true)
	// A token signed with the same secret by a server whose database is up:
	// checking its version needs the database that is down.
	token := newEnv(t).login(t, "agent@rungs.demo")
	for _, c := range []struct{ token, q string }{
		{"", `{ serverInfo { version schemaVersion } }`},
		{"", `mutation { login(email: "agent@rungs.demo", password: "rungs-demo") { accessToken } }`},
		{token, `{ me { id } }`},
	} {
		q := c.q
		res := e.do(t, c.token, q, nil)
		if res.Status != http.StatusServiceUnavailable || res.code() != "UNAVAILABLE" {
			t.Errorf("%s: status %d code %q, want 503 UNAVAILABLE: %+v", q, res.Status, res.code(), res.Errors)
		}
		if b, _ := json.Marshal(res.Errors); strings.Contains(string(b), "127.0.0.1") || strings.Contains(string(b), "refused") {
			t.Errorf("the cause leaked: %s", b)
		}
	}
	if lines := logs.errorLines(); len(lines) > 0 {
		t.Errorf("the database being down was logged at ERROR:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(logs.String(), `"level":"WARN"`) {
		t.Errorf("the database being down was not logged at WARN:\n%s", logs.String())
	}
}

// gqlMultipart builds a GraphQL multipart request (operations, map, files).
func gqlMultipart(t *testing.T, operations string, files map[string]string) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("operations", operations)
	m := map[string][]string{}
	for name := range files {
		m[name] = []string{"variables.file"}
	}
	mw.WriteField("map", jsonOf(m))
	for name, content := range files {
		fw, _ := mw.CreateFormFile(name, "kpis.csv")
		fw.Write([]byte(content))
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

// TestMultipartNeedsPreflight: a cross-site form can post multipart with the
// victim's cookie, so a multipart request must carry a file and a header no
// form can set; otherwise it is refused before anything runs.
func TestMultipartNeedsPreflight(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	if _, err := seed.Run(context.Background(), db, bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	e, logs := newCapturedEnv(t, db, false)
	hr := e.login(t, "hr@rungs.demo")
	logout := `{"query":"mutation { logout }"}`
	upload := `{"query":"mutation($file: Upload!) { importKpis(file: $file) { records } }","variables":{"file":null}}`
	csv := "employee_no,kpi,period_start,period_end,value,volume\n"

	cases := []struct {
		name, ops string
		files     map[string]string
		header    []string
		status    int
		key       string
	}{
		{"ErrFormPostLogout", logout, nil, nil, 400, "request.preflight_required"},
		{"ErrFormPostLogoutWithFile", logout, map[string]string{"0": csv}, nil, 400, "request.preflight_required"},
		{"ErrHeaderEmpty", logout, map[string]string{"0": csv}, []string{"GraphQL-Require-Preflight", ""}, 400, "request.preflight_required"},
		{"ErrNoFile", logout, nil, []string{"GraphQL-Require-Preflight", "1"}, 400, "request.upload_required"},
		{"ErrNoFileApollo", logout, nil, []string{"Apollo-Require-Preflight", "true"}, 400, "request.upload_required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body, ct := gqlMultipart(t, c.ops, c.files)
			res := e.postRaw(t, body, append([]string{"Content-Type", ct, "Cookie", auth.RefreshCookie + "=x"}, c.header...)...)
			if res.Status != c.status || res.code() != "BAD_USER_INPUT" || res.errKey() != c.key {
				t.Errorf("status %d code %q key %q, want %d BAD_USER_INPUT %s: %+v %s", res.Status, res.code(), res.errKey(), c.status, c.key, res.Errors, res.Data)
			}
			if res.Data["logout"] != nil {
				t.Errorf("logout ran: %s", res.Data["logout"])
			}
		})
	}
	for _, h := range []string{"GraphQL-Require-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"} {
		t.Run("OK"+h, func(t *testing.T) {
			body, ct := gqlMultipart(t, upload, map[string]string{"0": csv})
			res := e.postRaw(t, body, "Content-Type", ct, "Authorization", "Bearer "+hr, h, "HrImportKpis")
			// The file has a header and no rows: the import itself says so.
			if res.Status != 200 || res.errKey() != "kpi.import.no_rows" {
				t.Errorf("a real upload was refused: %d %+v", res.Status, res.Errors)
			}
		})
	}
	if lines := logs.errorLines(); len(lines) > 0 {
		t.Errorf("a refused multipart request was logged at ERROR:\n%s", strings.Join(lines, "\n"))
	}
}

// TestGraphiQLPolicy: the development IDE loads from a CDN, so its page has
// its own relaxed content security policy; it still may not be framed.
func TestGraphiQLPolicy(t *testing.T) {
	rec := httptest.NewRecorder()
	graph.GraphiQL("/graphql").ServeHTTP(rec, httptest.NewRequest("GET", "/graphiql", nil))
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("GraphiQL CSP %q", csp)
	}
	for _, src := range regexp.MustCompile(`(?:src|href)="(https://[^/"]+)`).FindAllStringSubmatch(rec.Body.String(), -1) {
		if !strings.Contains(csp, src[1]) {
			t.Errorf("GraphiQL loads from %s, which its CSP %q does not allow", src[1], csp)
		}
	}
}

// BenchmarkRefuseHostileDocument: refusing a 1 MiB hostile document (the
// body limit) through the whole HTTP handler, anonymous, in production
// mode. Before the document limits, 55 KB of `__typename` cost 3 s of CPU.
func BenchmarkRefuseHostileDocument(b *testing.B) {
	svc, err := auth.NewService(dbtest.New(b), auth.Config{Secret: []byte(secret), BcryptCost: bcrypt.MinCost})
	if err != nil {
		b.Fatal(err)
	}
	db := dbtest.New(b)
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	srv := server.New(server.Options{DB: db, Logger: logger, Routes: func(mux *server.Router) {
		mux.Handle("POST /graphql", graph.NewHandler(graph.NewResolver(db, svc, "bench", true), logger, graph.Limits{}))
	}})
	h := srv.Handler()
	fill := func(unit string) []byte {
		q := "{ " + strings.Repeat(unit+" ", (1<<20-64)/(len(unit)+1)) + "}"
		body := []byte(`{"query":` + jsonOf(q) + `}`)
		if len(body) > 1<<20 {
			b.Fatalf("body of %d bytes is over the limit", len(body))
		}
		return body
	}
	for _, c := range []struct{ name, unit string }{
		{"Typename", "__typename"},
		{"MeID", "me { id }"},
		{"Aliases", "a: __typename b: __typename"},
	} {
		body := fill(c.unit)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"query.too_large"`) {
					b.Fatalf("%d %.300s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}

// TestAliasedAuthMutationsOneCookie: an operation that aliases logout many
// times answers with one refresh cookie, not one Set-Cookie header each (a
// red-team finding: 999 aliases made 120 KB of headers a proxy refuses).
func TestAliasedAuthMutationsOneCookie(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var q strings.Builder
	q.WriteString("mutation {")
	for i := range 40 {
		fmt.Fprintf(&q, " a%d: logout", i)
	}
	q.WriteString(" }")
	res := e.do(t, "", q.String(), nil)
	if len(res.Errors) > 0 {
		t.Fatalf("aliased logout: %+v", res.Errors)
	}
	if n := len(res.Header.Values("Set-Cookie")); n != 1 {
		t.Errorf("%d Set-Cookie headers, want 1", n)
	}
}

// TestPublicServerInfoIsPriced: serverInfo is public and reads the database;
// aliased hundreds of times it would fan one anonymous request out into
// hundreds of statements. Its complexity caps the aliases well below that.
func TestPublicServerInfoIsPriced(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if res := e.do(t, "", `{ serverInfo { version schemaVersion } }`, nil); len(res.Errors) > 0 {
		t.Fatalf("one serverInfo: %+v", res.Errors)
	}
	var q strings.Builder
	q.WriteString("{")
	for i := range 30 {
		fmt.Fprintf(&q, " a%d: serverInfo { version }", i)
	}
	q.WriteString(" }")
	res := e.do(t, "", q.String(), nil)
	if res.code() != "BAD_USER_INPUT" || errKey(res) != "query.too_complex" {
		t.Errorf("30 aliased serverInfo: status %d %+v, want BAD_USER_INPUT query.too_complex", res.Status, res.Errors)
	}
}
