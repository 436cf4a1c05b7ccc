// Package server is Rungs' HTTP front door: the routes, the middleware every
// request passes (request id, logging, metrics, timeout, panic recovery) and
// a graceful start and stop. It knows nothing of GraphQL or the domain: the
// GraphQL handler and the web app are handed to it.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rungs/rungs/telemetry"
)

// Options wires a Server.
type Options struct {
	DB      *sqlx.DB
	Logger  *slog.Logger
	Metrics *telemetry.Metrics
	// Routes adds the application's handlers (GraphQL, GraphiQL, the web app)
	// to the mux; they run behind the request timeout.
	Routes func(r *Router)
	// RequestTimeout bounds each application request (not /healthz, /readyz
	// or /metrics). Default 30s.
	RequestTimeout time.Duration
	// ShutdownTimeout bounds how long Shutdown drains in-flight requests.
	ShutdownTimeout time.Duration
	// PrivateMetrics keeps /metrics off Handler: request counts, latencies
	// and pool figures are for the operator's scraper, not the internet.
	// Serve MetricsHandler on a private address instead (ServeMetrics), or
	// nowhere. Without it /metrics is on Handler, as development wants.
	PrivateMetrics bool
	// TrustedProxies are the load balancers whose X-Forwarded-For names the
	// client (see realClient); empty trusts none and RemoteAddr is the client.
	TrustedProxies []netip.Prefix
}

// Server serves HTTP until its context is cancelled.
type Server struct {
	opts    Options
	handler http.Handler
	metrics http.Handler
}

// New builds the handler chain.
func New(opts Options) *Server {
	if opts.RequestTimeout == 0 {
		opts.RequestTimeout = 30 * time.Second
	}
	if opts.ShutdownTimeout == 0 {
		opts.ShutdownTimeout = 20 * time.Second
	}
	if opts.Metrics == nil {
		opts.Metrics = telemetry.NewMetrics(opts.DB.DB)
	}
	s := &Server{opts: opts}

	metrics := http.NewServeMux()
	metrics.Handle("GET /metrics", promhttp.HandlerFor(opts.Metrics.Registry, promhttp.HandlerOpts{}))
	s.metrics = metrics

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	if opts.PrivateMetrics {
		mux.Handle("GET /metrics", http.NotFoundHandler()) // not the web app's shell either
	} else {
		mux.Handle("GET /metrics", metrics)
	}
	if opts.Routes != nil {
		opts.Routes(&Router{mux: mux, timeout: opts.RequestTimeout})
	}

	s.handler = realClient(opts.TrustedProxies, s.observe(secureHeaders(s.recoverPanics(mux))))
	return s
}

// MetricsHandler serves GET /metrics (Prometheus) and nothing else, for a
// listener of its own (see Options.PrivateMetrics).
func (s *Server) MetricsHandler() http.Handler { return s.metrics }

// ServeMetrics serves MetricsHandler on l until ctx is cancelled.
func (s *Server) ServeMetrics(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s.metrics,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.opts.Logger.Handler(), slog.LevelWarn),
	}
	return serveUntil(ctx, hs, l, "server: metrics", 5*time.Second, nil)
}

// serveUntil runs hs on l until ctx is cancelled, then (after onStop, when
// given) stops taking connections and waits up to drain for the requests
// in flight. Errors are prefixed with what.
func serveUntil(ctx context.Context, hs *http.Server, l net.Listener, what string, drain time.Duration, onStop func()) error {
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return fmt.Errorf("%s: %w", what, err)
	case <-ctx.Done():
	}
	if onStop != nil {
		onStop()
	}
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("%s: shutdown: %w", what, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// Router registers application routes on the server's one mux (so metrics
// and logs name the matched pattern), each behind the request timeout.
type Router struct {
	mux     *http.ServeMux
	timeout time.Duration
}

// Handle registers h for pattern (http.ServeMux syntax, e.g. "POST /graphql").
func (r *Router) Handle(pattern string, h http.Handler) {
	r.mux.Handle(pattern, withTimeout(h, r.timeout))
}

// HandleFunc registers f for pattern.
func (r *Router) HandleFunc(pattern string, f http.HandlerFunc) { r.Handle(pattern, f) }

// Handler is the whole chain, for tests and for an http.Server.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve accepts connections on l until ctx is cancelled, then stops taking
// new ones and waits up to ShutdownTimeout for in-flight requests to finish.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.opts.RequestTimeout + 5*time.Second,
		WriteTimeout:      s.opts.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.opts.Logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	return serveUntil(ctx, hs, l, "server", s.opts.ShutdownTimeout, func() {
		s.opts.Logger.Info("shutting down: draining in-flight requests", "timeout", s.opts.ShutdownTimeout.String())
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only while the database answers: a load balancer takes
// the process out of rotation when it cannot reach PostgreSQL.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.opts.DB.PingContext(ctx); err != nil {
		s.opts.Logger.WarnContext(r.Context(), "readiness check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "database unreachable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
