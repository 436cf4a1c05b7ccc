package config_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/rungs/rungs/config"
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
