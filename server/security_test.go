package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/server"
)

// TestSecurityHeaders: every response tells the browser not to frame it,
// not to sniff its type, not to send the page's address on, and to run
// only the server's own scripts; a route may set its own policy.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	ts := newServer(t, dbtest.New(t), func(mux *server.Router) {
		mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!doctype html><title>app</title>"))
		})
		mux.HandleFunc("GET /own", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", "default-src 'self' https://cdn.example; frame-ancestors 'none'")
			w.Write([]byte("own policy"))
		})
	})
	for _, path := range []string{"/", "/some/screen", "/healthz", "/nowhere.js"} {
		res, _ := get(t, ts.URL+path)
		want := map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "no-referrer",
		}
		for h, v := range want {
			if got := res.Header.Get(h); got != v {
				t.Errorf("%s: %s = %q, want %q", path, h, got, v)
			}
		}
		csp := res.Header.Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("%s: Content-Security-Policy %q lacks %s", path, csp, d)
			}
		}
		if strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
			t.Errorf("%s: Content-Security-Policy %q lets scripts in", path, csp)
		}
	}
	res, _ := get(t, ts.URL+"/own")
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "https://cdn.example") {
		t.Errorf("a route's own policy was replaced: %q", csp)
	}
}

// TestPrivateMetrics: with PrivateMetrics the main handler has no /metrics;
// MetricsHandler (served on its own listener) has it, and nothing else.
func TestPrivateMetrics(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := server.New(server.Options{
		DB:             db,
		Logger:         slog.New(slog.NewJSONHandler(io.Discard, nil)),
		PrivateMetrics: true,
		Routes: func(mux *server.Router) {
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("the web app")) })
		},
	})
	main := httptest.NewServer(s.Handler())
	t.Cleanup(main.Close)
	if res, body := get(t, main.URL+"/metrics"); res.StatusCode != http.StatusNotFound || strings.Contains(body, "go_sql") {
		t.Errorf("main listener /metrics: %d %.100s", res.StatusCode, body)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.ServeMetrics(ctx, l) }()
	url := "http://" + l.Addr().String()
	get(t, main.URL+"/")
	res, body := get(t, url+"/metrics")
	if res.StatusCode != 200 || !strings.Contains(body, `rungs_http_requests_total{code="200",method="GET",route="/"} 1`) {
		t.Errorf("metrics listener /metrics: %d, no count of the app's request", res.StatusCode)
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, "rungs_http_requests_total") {
				t.Log(l)
			}
		}
	}
	if res, _ := get(t, url+"/"); res.StatusCode != http.StatusNotFound {
		t.Errorf("metrics listener serves the app: %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ServeMetrics: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeMetrics did not stop")
	}

	// Without the option the main listener keeps /metrics (development).
	open := newServer(t, db, nil)
	if res, body := get(t, open.URL+"/metrics"); res.StatusCode != 200 || !strings.Contains(body, "go_sql") {
		t.Errorf("development /metrics: %d", res.StatusCode)
	}
}

// TestTimeoutIsCoded: a request that runs out of time gets a 503 whose body
// is a coded error like any other, so the web app can say what happened.
func TestTimeoutIsCoded(t *testing.T) {
	t.Parallel()
	ts := newServer(t, dbtest.New(t), func(mux *server.Router) {
		mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	})
	res, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ __typename }"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Errors []struct {
			Extensions map[string]string `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusServiceUnavailable ||
		len(body.Errors) != 1 || body.Errors[0].Extensions["code"] != "UNAVAILABLE" || body.Errors[0].Extensions["key"] != "request.timeout" {
		t.Errorf("timed out: %d %+v %v", res.StatusCode, body, err)
	}
}
