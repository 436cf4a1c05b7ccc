package main

import (
	"context"
	"flag"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/telemetry"
)

// TestServeMetricsAddr: /metrics is on the main listener in development
// only; METRICS_ADDR moves it to an address of its own, in either mode.
func TestServeMetricsAddr(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.URL(dbtest.NewDatabase(t))
	freeAddr := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return l.Addr().String()
	}
	status := func(t *testing.T, url string) (int, string) {
		res, err := http.Get(url)
		if err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	cases := []struct {
		name        string
		production  bool
		metricsAddr bool
		onMain      bool
	}{
		{"Development", false, false, true},
		{"DevelopmentMetricsAddr", false, true, false},
		{"Production", true, false, false},
		{"ProductionMetricsAddr", true, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.production && clock.Offset() != "" {
				// config's TestProductionRefusesShiftedClock covers this pass.
				t.Skip("production mode refuses a shifted clock (RUNGS_CLOCK_OFFSET)")
			}
			cfg := &appConfig{}
			cfg.Register(flag.NewFlagSet("test", flag.ContinueOnError))
			cfg.DatabaseURL, cfg.ListenAddr, cfg.DataDir = dbURL, "127.0.0.1:0", t.TempDir()
			cfg.Production, cfg.JWTSecret = c.production, "test-secret-test-secret-test-secret!"
			if c.metricsAddr {
				cfg.MetricsAddr = freeAddr()
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			ready := make(chan string, 1)
			done := make(chan error, 1)
			go func() { done <- serve(ctx, cfg, telemetry.NewLogger(io.Discard, "json", nil), ready) }()
			var url string
			select {
			case addr := <-ready:
				url = "http://" + addr
			case err := <-done:
				cancel()
				t.Fatalf("serve did not start: %v", err)
			case <-time.After(60 * time.Second):
				cancel()
				t.Fatal("serve did not start within 60s")
			}
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("serve: %v", err)
				}
			}()

			code, body := status(t, url+"/metrics")
			if served := code == 200 && strings.Contains(body, "go_sql_max_open_connections"); served != c.onMain {
				t.Errorf("main listener /metrics: %d, served %v, want %v", code, served, c.onMain)
			}
			if !c.onMain && code != http.StatusNotFound {
				t.Errorf("main listener /metrics: %d, want 404", code)
			}
			if c.metricsAddr {
				if code, body := status(t, "http://"+cfg.MetricsAddr+"/metrics"); code != 200 || !strings.Contains(body, "go_sql_max_open_connections") {
					t.Errorf("METRICS_ADDR /metrics: %d", code)
				}
				if code, _ := status(t, "http://"+cfg.MetricsAddr+"/healthz"); code != http.StatusNotFound {
					t.Errorf("METRICS_ADDR serves more than /metrics: /healthz %d", code)
				}
			}
			if code, _ := status(t, url+"/healthz"); code != 200 {
				t.Errorf("healthz: %d", code)
			}
		})
	}
}
