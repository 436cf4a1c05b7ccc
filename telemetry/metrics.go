package telemetry

import (
	"database/sql"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the server's Prometheus metrics, in a registry of their own so
// that several servers in one test process do not collide.
type Metrics struct {
	Registry      *prometheus.Registry
	Requests      *prometheus.CounterVec
	Duration      *prometheus.HistogramVec
	SQLStatements *prometheus.HistogramVec
}

// NewMetrics registers the HTTP and SQL metrics, the Go runtime and process
// collectors, and (when db is not nil) the connection-pool statistics.
func NewMetrics(db *sql.DB) *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rungs_http_requests_total",
			Help: "HTTP requests served, by route and status code.",
		}, []string{"method", "route", "code"}),
		Duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rungs_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route"}),
		SQLStatements: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rungs_sql_statements_per_request",
			Help:    "SQL statements sent while serving one HTTP request, by route.",
			Buckets: []float64{0, 1, 2, 4, 8, 16, 32, 64, 128},
		}, []string{"route"}),
	}
	m.Registry.MustRegister(m.Requests, m.Duration, m.SQLStatements,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.Registry.MustRegister(collectors.NewDBStatsCollector(db, "rungs"))
	}
	return m
}
