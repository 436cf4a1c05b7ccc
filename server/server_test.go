package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/pglocal"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/server"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func newServer(t *testing.T, db *sqlx.DB, routes func(*server.Router)) *httptest.Server {
	t.Helper()
	s := server.New(server.Options{
		DB:             db,
		Logger:         slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Routes:         routes,
		RequestTimeout: time.Second,
	})
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestReadyzFollowsTheDatabase: /readyz goes down while PostgreSQL is
// stopped and comes back once it is up again; /healthz stays up throughout.
func TestReadyzFollowsTheDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "readyz-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	pg, err := pglocal.Start(ctx, pglocal.Options{Dir: dir, Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { pg.Stop() }()
	db, err := postgres.Open(ctx, pg.URL("postgres"), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ts := newServer(t, db, nil)

	if res, body := get(t, ts.URL+"/readyz"); res.StatusCode != 200 {
		t.Fatalf("readyz with the database up: %d %s", res.StatusCode, body)
	}
	port := pg.Port()
	if err := pg.Stop(); err != nil {
		t.Fatal(err)
	}
	res, body := get(t, ts.URL+"/readyz")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "database unreachable") {
		t.Errorf("readyz with the database down: %d %s", res.StatusCode, body)
	}
	if res, _ := get(t, ts.URL+"/healthz"); res.StatusCode != 200 {
		t.Errorf("healthz with the database down: %d", res.StatusCode)
	}

	if pg, err = pglocal.Start(ctx, pglocal.Options{Dir: dir, Ephemeral: true, Port: port}); err != nil {
		t.Fatal(err)
	}
	// The pool drops its dead connections and reconnects on its own.
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, body := get(t, ts.URL+"/readyz")
		if res.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("readyz did not come back: %d %s", res.StatusCode, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestMiddleware(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ts := newServer(t, db, func(mux *server.Router) {
		mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
		mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
				w.Write([]byte("too late"))
			}
		})
		mux.HandleFunc("GET /sql", func(w http.ResponseWriter, r *http.Request) {
			var n int
			for range 3 {
				db.GetContext(r.Context(), &n, `SELECT 1`)
			}
			w.Write([]byte("ok"))
		})
	})

	t.Run("RequestID", func(t *testing.T) {
		res, _ := get(t, ts.URL+"/healthz")
		if len(res.Header.Get("X-Request-Id")) != 16 {
			t.Errorf("X-Request-Id = %q", res.Header.Get("X-Request-Id"))
		}
		res, _ = get(t, ts.URL+"/healthz", "X-Request-Id", "from-proxy-42")
		if got := res.Header.Get("X-Request-Id"); got != "from-proxy-42" {
			t.Errorf("a valid client id was not kept: %q", got)
		}
		res, _ = get(t, ts.URL+"/healthz", "X-Request-Id", "bad id\twith spaces")
		if got := res.Header.Get("X-Request-Id"); strings.Contains(got, " ") {
			t.Errorf("an invalid client id was kept: %q", got)
		}
	})
	t.Run("PanicIs500WithoutStack", func(t *testing.T) {
		res, body := get(t, ts.URL+"/panic")
		if res.StatusCode != 500 {
			t.Fatalf("status %d", res.StatusCode)
		}
		var got map[string]string
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("body %q: %v", body, err)
		}
		if got["error"] != "internal error" || got["requestId"] != res.Header.Get("X-Request-Id") {
			t.Errorf("body %v", got)
		}
		if strings.Contains(body, "goroutine") || strings.Contains(body, "boom") {
			t.Errorf("panic details leaked: %s", body)
		}
	})
	t.Run("Timeout", func(t *testing.T) {
		res, body := get(t, ts.URL+"/slow")
		if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "timed out") {
			t.Errorf("slow request: %d %s", res.StatusCode, body)
		}
	})
	t.Run("Metrics", func(t *testing.T) {
		get(t, ts.URL+"/sql")
		_, body := get(t, ts.URL+"/metrics")
		for _, want := range []string{
			`rungs_http_requests_total{code="200",method="GET",route="GET /sql"} 1`,
			`rungs_sql_statements_per_request_sum{route="GET /sql"} 3`,
			`rungs_http_request_duration_seconds_count{method="GET",route="GET /sql"} 1`,
			`go_sql_max_open_connections{db_name="rungs"}`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %q", want)
			}
		}
	})
}

// TestGracefulShutdown: cancelling Serve's context lets a request already in
// flight finish before Serve returns.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	started := make(chan struct{})
	s := server.New(server.Options{
		DB:     db,
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Routes: func(mux *server.Router) {
			mux.HandleFunc("GET /work", func(w http.ResponseWriter, r *http.Request) {
				close(started)
				time.Sleep(300 * time.Millisecond)
				w.Write([]byte("finished"))
			})
		},
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.Get("http://" + l.Addr().String() + "/work")
		if err != nil {
			got <- result{err: err}
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- result{body: string(b)}
	}()
	<-started
	cancel()
	r := <-got
	if r.err != nil || r.body != "finished" {
		t.Errorf("in-flight request: %q, %v", r.body, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := http.Get("http://" + l.Addr().String() + "/healthz"); err == nil {
		t.Error("server still accepts connections after shutdown")
	}
}
