package config_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/rungs/rungs/config"
	"github.com/rungs/rungs/internal/clock"
)

func valid(t *testing.T) *config.Config {
	t.Helper()
	c := &config.Config{}
	c.Register(flag.NewFlagSet("test", flag.ContinueOnError))
	return c
}

func TestMetricsAddr(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	c := &config.Config{}
	c.Register(fs)
	if err := fs.Parse([]string{"-metrics-addr", "127.0.0.1:9090"}); err != nil {
		t.Fatal(err)
	}
	if c.MetricsAddr != "127.0.0.1:9090" {
		t.Errorf("-metrics-addr: %q", c.MetricsAddr)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("a valid METRICS_ADDR: %v", err)
	}
	if c := valid(t); c.MetricsAddr != "" {
		t.Errorf("METRICS_ADDR defaults to %q, want empty (on the main listener in development, nowhere in production)", c.MetricsAddr)
	}

	cases := map[string]func(*config.Config){
		"ErrNotHostPort":  func(c *config.Config) { c.MetricsAddr = "9090" },
		"ErrSameAsListen": func(c *config.Config) { c.MetricsAddr = c.ListenAddr },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			c := valid(t)
			change(c)
			if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "METRICS_ADDR") {
				t.Errorf("METRICS_ADDR %q: err = %v, want one naming METRICS_ADDR", c.MetricsAddr, err)
			}
		})
	}
}

// TestProductionRefusesShiftedClock: a shifted clock (RUNGS_CLOCK_OFFSET) is
// for tests and demos; production mode refuses to start with one. The
// variable is read once at start, so this runs in `make test-clock`, the
// pass that sets it.
func TestProductionRefusesShiftedClock(t *testing.T) {
	if clock.Offset() == "" {
		t.Skip("the clock is not shifted: this runs in the shifted pass (make test-clock)")
	}
	c := valid(t)
	c.Production, c.JWTSecret, c.DatabaseURL = true, strings.Repeat("s", 32), "postgres://rungs@127.0.0.1/rungs"
	err := c.Validate()
	if err == nil || !strings.Contains(err.Error(), clock.EnvOffset) {
		t.Fatalf("production with %s=%s: err = %v, want a refusal naming it", clock.EnvOffset, clock.Offset(), err)
	}
	c.Production = false
	if err := c.Validate(); err != nil {
		t.Fatalf("development with a shifted clock: %v", err)
	}
}

func TestTrustedProxies(t *testing.T) {
	for _, ok := range []string{"", "10.0.0.0/8", "10.0.0.0/8, 192.0.2.7", "2001:db8::/32,::ffff:10.1.2.3"} {
		c := valid(t)
		c.TrustedProxies = ok
		if err := c.Validate(); err != nil {
			t.Errorf("TRUSTED_PROXIES=%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"10.0.0.0/99", "proxy.internal", "10.0.0.1, nope"} {
		c := valid(t)
		c.TrustedProxies = bad
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "TRUSTED_PROXIES") {
			t.Errorf("TRUSTED_PROXIES=%q: err = %v, want a refusal naming it", bad, err)
		}
	}
	p, err := config.ParseProxies("10.1.2.3/8, 192.0.2.7")
	if err != nil || len(p) != 2 || p[0].String() != "10.0.0.0/8" || p[1].String() != "192.0.2.7/32" {
		t.Errorf("ParseProxies = %v, %v", p, err)
	}
}
