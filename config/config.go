// Package config is the typed configuration of the rungs binary: read from
// the environment, overridden by flags, validated once at start.
package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/netip"
	"strings"
	"time"

	"github.com/rungs/rungs/internal/clock"
)

// Config is everything the server needs to start.
type Config struct {
	// DatabaseURL is a postgres:// URL. Empty means the embedded default: a
	// private PostgreSQL under DataDir.
	DatabaseURL string
	// DataDir holds the embedded database and generated secrets.
	DataDir    string
	ListenAddr string
	// MetricsAddr, when set, is the only address that serves /metrics (for
	// a scraper on a private network). Empty keeps /metrics on ListenAddr in
	// development and serves it nowhere in production mode.
	MetricsAddr string
	// TrustedProxies lists the load balancers (addresses or CIDR prefixes,
	// comma-separated) whose X-Forwarded-For names the client. Sign-in
	// limits count per client address, so behind a proxy this must be set.
	TrustedProxies string
	// JWTSecret signs access tokens (HS256). Required in production; in
	// development a random one is generated and kept in DataDir so that every
	// process sharing the data directory agrees on it.
	JWTSecret  string
	LogLevel   slog.Level
	LogFormat  string // json or text
	Production bool

	DBMaxOpenConns     int
	DBStatementTimeout time.Duration
	RequestTimeout     time.Duration
	ShutdownTimeout    time.Duration
	// AutoMigrate applies pending migrations at start. Always on for the
	// embedded database; off by default for an external one, where the server
	// refuses to start on a schema that is behind.
	AutoMigrate bool

	// SMTPAddr (host:port) turns e-mail notifications on; empty leaves them
	// off (in-app notifications work either way). Port 465 speaks implicit
	// TLS; any other port upgrades with STARTTLS when the server offers it.
	SMTPAddr string
	// SMTPFrom is the sender, e.g. "Rungs <rungs@example.com>".
	SMTPFrom string
	// SMTPUsername and SMTPPassword, when set, sign in with PLAIN, which is
	// only ever sent over TLS or to a server on localhost.
	SMTPUsername string
	SMTPPassword string
}

// Register declares the flags of c on fs with their defaults. Each flag can
// also come from the environment variable of the same name in capitals with
// underscores (-listen-addr from LISTEN_ADDR); flags win.
func (c *Config) Register(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "database-url", "", "PostgreSQL URL (postgres://…); empty starts a private PostgreSQL under -data-dir")
	fs.StringVar(&c.DataDir, "data-dir", ".data", "directory for the embedded database and generated secrets")
	fs.StringVar(&c.ListenAddr, "listen-addr", "127.0.0.1:8080", "address to serve HTTP on")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", "", "load balancers (addresses or CIDR prefixes, comma-separated) whose X-Forwarded-For names the client")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", "", "address to serve /metrics on, alone (empty: on -listen-addr in development, nowhere in production)")
	fs.StringVar(&c.JWTSecret, "jwt-secret", "", "secret that signs access tokens, at least 32 bytes (required in production)")
	fs.TextVar(&c.LogLevel, "log-level", slog.LevelInfo, "log level: debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", "json", "log format: json or text")
	fs.BoolVar(&c.Production, "production", false, "production mode: no GraphiQL, no introspection, secrets required")
	fs.IntVar(&c.DBMaxOpenConns, "db-max-open-conns", 20, "most open database connections per process")
	fs.DurationVar(&c.DBStatementTimeout, "db-statement-timeout", 10*time.Second, "longest a single SQL statement may run")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", 30*time.Second, "longest an HTTP request may take")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 20*time.Second, "how long shutdown waits for in-flight requests")
	fs.BoolVar(&c.AutoMigrate, "auto-migrate", false, "apply pending migrations at start (always on for the embedded database)")
	fs.StringVar(&c.SMTPAddr, "smtp-addr", "", "SMTP server (host:port) for e-mail notifications; empty turns e-mail off")
	fs.StringVar(&c.SMTPFrom, "smtp-from", "", `sender of notification e-mail, e.g. "Rungs <rungs@example.com>" (required with -smtp-addr)`)
	fs.StringVar(&c.SMTPUsername, "smtp-username", "", "SMTP user name (PLAIN auth, only over TLS or to localhost)")
	fs.StringVar(&c.SMTPPassword, "smtp-password", "", "SMTP password")
}

// MetricsOnMain reports whether /metrics is served on ListenAddr: only in
// development without a MetricsAddr.
func (c *Config) MetricsOnMain() bool { return !c.Production && c.MetricsAddr == "" }

// Embedded reports whether the server runs its own PostgreSQL.
func (c *Config) Embedded() bool { return c.DatabaseURL == "" }

// Validate reports every problem with c at once.
func (c *Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
		errs = append(errs, fmt.Errorf("LISTEN_ADDR %q is not host:port", c.ListenAddr))
	}
	if _, err := ParseProxies(c.TrustedProxies); err != nil {
		errs = append(errs, err)
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("METRICS_ADDR %q is not host:port", c.MetricsAddr))
		} else if c.MetricsAddr == c.ListenAddr {
			errs = append(errs, errors.New("METRICS_ADDR must differ from LISTEN_ADDR: it keeps /metrics off the public address"))
		}
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("DATABASE_URL must start with postgres://"))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("DATA_DIR must not be empty"))
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		errs = append(errs, errors.New("JWT_SECRET must be at least 32 bytes"))
	}
	if err := clock.Err(); err != nil {
		errs = append(errs, err)
	}
	if c.Production {
		if clock.Offset() != "" {
			errs = append(errs, errors.New(clock.EnvOffset+" shifts the clock for tests and demos; it is refused in production mode"))
		}
		if c.JWTSecret == "" {
			errs = append(errs, errors.New("JWT_SECRET is required in production mode"))
		}
		if c.DatabaseURL == "" {
			errs = append(errs, errors.New("DATABASE_URL is required in production mode (the embedded database is for development and demos)"))
		}
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		errs = append(errs, fmt.Errorf("LOG_FORMAT %q must be json or text", c.LogFormat))
	}
	if c.DBMaxOpenConns < 1 {
		errs = append(errs, errors.New("DB_MAX_OPEN_CONNS must be at least 1"))
	}
	if c.DBStatementTimeout < 100*time.Millisecond {
		errs = append(errs, errors.New("DB_STATEMENT_TIMEOUT must be at least 100ms"))
	}
	if c.RequestTimeout < time.Second {
		errs = append(errs, errors.New("REQUEST_TIMEOUT must be at least 1s"))
	}
	if c.ShutdownTimeout < 0 {
		errs = append(errs, errors.New("SHUTDOWN_TIMEOUT must not be negative"))
	}
	errs = append(errs, c.validateSMTP()...)
	return errors.Join(errs...)
}

// validateSMTP checks the e-mail settings; they are all optional together.
func (c *Config) validateSMTP() []error {
	var errs []error
	if c.SMTPAddr == "" {
		if c.SMTPFrom != "" || c.SMTPUsername != "" || c.SMTPPassword != "" {
			errs = append(errs, errors.New("SMTP_FROM, SMTP_USERNAME and SMTP_PASSWORD need SMTP_ADDR (e-mail is off without it)"))
		}
		return errs
	}
	if host, port, err := net.SplitHostPort(c.SMTPAddr); err != nil || host == "" || port == "" {
		errs = append(errs, fmt.Errorf("SMTP_ADDR %q is not host:port", c.SMTPAddr))
	}
	if c.SMTPFrom == "" {
		errs = append(errs, errors.New("SMTP_FROM is required when SMTP_ADDR is set"))
	} else if _, err := mail.ParseAddress(c.SMTPFrom); err != nil {
		errs = append(errs, fmt.Errorf("SMTP_FROM %q is not an e-mail address", c.SMTPFrom))
	}
	if (c.SMTPUsername == "") != (c.SMTPPassword == "") {
		errs = append(errs, errors.New("SMTP_USERNAME and SMTP_PASSWORD go together"))
	}
	return errs
}

// ParseProxies reads TRUSTED_PROXIES: a comma-separated list of addresses or
// CIDR prefixes ("10.0.0.0/8, 192.0.2.7"). Empty trusts none.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("TRUSTED_PROXIES: %q is neither an address nor a CIDR prefix", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
