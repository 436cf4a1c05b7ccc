package server

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/telemetry"
)

// A client may send its own request id (a proxy's, say) if it looks like one;
// anything else is replaced so it cannot inject into the logs.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// observe gives each request an id, counts its SQL statements, and logs and
// measures it once it is done.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID.MatchString(id) {
			id = telemetry.NewRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		ctx := telemetry.NewContextWithRequestID(r.Context(), id)
		ctx, statements := postgres.NewContextWithCounter(ctx)
		r = r.WithContext(ctx)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}

		next.ServeHTTP(rec, r)

		// The mux records the pattern it matched on r; it keeps label
		// cardinality bounded where the raw path would not.
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		elapsed := time.Since(start)
		m := s.opts.Metrics
		m.Requests.WithLabelValues(r.Method, route, strconv.Itoa(rec.status)).Inc()
		m.Duration.WithLabelValues(r.Method, route).Observe(elapsed.Seconds())
		m.SQLStatements.WithLabelValues(route).Observe(float64(statements.Count()))
		if route == "GET /healthz" || route == "GET /metrics" {
			return // probes would drown the log
		}
		s.opts.Logger.InfoContext(ctx, "request",
			"method", r.Method, "path", r.URL.Path, "route", route, "status", rec.status,
			"bytes", rec.bytes, "duration_ms", float64(elapsed.Microseconds())/1000,
			"sql_statements", statements.Count(), "remote", r.RemoteAddr)
	})
}

// recoverPanics turns a panic in a handler into a logged 500 with the
// request id, never a stack trace to the client.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.opts.Logger.ErrorContext(r.Context(), "panic serving request", "panic", p, "stack", string(debug.Stack()))
				writeJSON(w, http.StatusInternalServerError, map[string]string{
					"error": "internal error", "requestId": telemetry.RequestIDFromContext(r.Context())})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// ContentSecurityPolicy is the policy of every response unless its handler
// sets its own: the web app's scripts, styles, images and API calls come
// from this server only, and no other site may frame it (clickjacking).
// Styles may be inline: the placeholder page has a <style> block, and the
// charts set style attributes. Scripts may not: nothing the app runs is
// inline, so an injected <script> does not run.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// secureHeaders sets the browser protections on every response before the
// handler runs, so a handler (the development GraphiQL page) can replace
// the policy with its own.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY") // for browsers without frame-ancestors
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds a request's time: its context is cancelled (so SQL
// stops, and the GraphQL handler starts no further field) and the client
// gets a 503 with a body in the API's error shape.
func withTimeout(next http.Handler, d time.Duration) http.Handler {
	return http.TimeoutHandler(next, d, timeoutBody)
}

const timeoutBody = `{"errors":[{"message":"request timed out","extensions":{"code":"UNAVAILABLE","key":"request.timeout"}}]}`

type statusRecorder struct {
	http.ResponseWriter
	status      int
	bytes       int
	wroteHeader bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Hijack keeps websocket-style upgrades possible through the recorder.
func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := r.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("server: response writer cannot hijack")
}
