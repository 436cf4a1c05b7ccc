package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/config"
	"github.com/rungs/rungs/frontend"
	"github.com/rungs/rungs/graph"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/seed"
	"github.com/rungs/rungs/server"
	"github.com/rungs/rungs/telemetry"
)

func serveCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("serve", cfg)
	return &ffcli.Command{
		Name:       "serve",
		ShortUsage: "rungs serve [flags]",
		ShortHelp:  "Serve the GraphQL API and the web app.",
		LongHelp: `Serves until interrupted (Ctrl-C or SIGTERM), then drains in-flight
requests and stops. With no DATABASE_URL it starts the embedded PostgreSQL,
applies migrations and, on the first start, loads the demo data. With a
DATABASE_URL it refuses a schema that is behind unless -auto-migrate is set.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("serve: unexpected argument %q", args[0])
			}
			logger, err := loadConfig(cfg)
			if err != nil {
				return err
			}
			return serve(ctx, cfg, logger, nil)
		},
	}
}

// serve runs the server until ctx ends. ready, if not nil, receives the
// address once the server listens (tests use it).
func serve(ctx context.Context, cfg *appConfig, logger *slog.Logger, ready chan<- string) error {
	d, err := openDatabase(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer func() {
		if err := d.Close(); err != nil {
			logger.Error("stopping the database", "err", err)
		}
	}()

	if cfg.Embedded() || cfg.AutoMigrate {
		applied, err := postgres.Migrate(ctx, d.DB.DB, nil)
		if err != nil {
			return err
		}
		if len(applied) > 0 {
			logger.Info("applied migrations", "versions", applied)
		}
	} else if err := postgres.CheckSchema(ctx, d.DB.DB); err != nil {
		return err
	}
	if cfg.Embedded() {
		loaded, err := seed.Loaded(ctx, d.DB)
		if err != nil {
			return err
		}
		if !loaded {
			sum, err := seed.Run(ctx, d.DB, bcryptCost)
			if err != nil {
				return err
			}
			logger.Info("loaded the demo data", "summary", sum.String())
		}
	}
	if cfg.JWTSecret == "" {
		if cfg.JWTSecret, err = devSecret(cfg.DataDir); err != nil {
			return err
		}
	}

	l, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (set LISTEN_ADDR or -listen-addr to another address)", cfg.ListenAddr, err)
	}
	authn, err := auth.NewService(d.DB, auth.Config{Secret: []byte(cfg.JWTSecret), BcryptCost: bcryptCost})
	if err != nil {
		return err
	}
	resolver := graph.NewResolver(d.DB, authn, version, cfg.Production)
	// The jobs stop before the database closes (defers run last-in first-out).
	jobsCtx, stopJobs := context.WithCancel(ctx)
	waitJobs, err := startJobs(jobsCtx, cfg, d.DB, logger)
	if err != nil {
		stopJobs()
		return err
	}
	defer func() { stopJobs(); waitJobs() }()
	// /metrics tells anyone the request mix and pool figures: in production
	// it is served only on METRICS_ADDR, if at all.
	var metricsListener net.Listener
	if cfg.MetricsAddr != "" {
		if metricsListener, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			l.Close()
			return fmt.Errorf("listen on %s: %w (set METRICS_ADDR or -metrics-addr to another address)", cfg.MetricsAddr, err)
		}
	}
	proxies, err := config.ParseProxies(cfg.TrustedProxies) // checked by Validate
	if err != nil {
		return err
	}
	srv := server.New(server.Options{
		DB:              d.DB,
		Logger:          logger,
		Metrics:         telemetry.NewMetrics(d.DB.DB),
		RequestTimeout:  cfg.RequestTimeout,
		ShutdownTimeout: cfg.ShutdownTimeout,
		PrivateMetrics:  !cfg.MetricsOnMain(),
		TrustedProxies:  proxies,
		Routes: func(mux *server.Router) {
			mux.Handle("POST /graphql", graph.NewHandler(resolver, logger, graph.Limits{}))
			mux.Handle("GET /export/", graph.NewExportHandler(resolver))
			if !cfg.Production {
				mux.Handle("GET /graphiql", graph.GraphiQL("/graphql"))
			}
			mux.Handle("/", frontend.Handler())
		},
	})
	url := "http://" + l.Addr().String()
	logger.Info("serving", "url", url, "production", cfg.Production, "embedded_database", cfg.Embedded())
	if metricsListener != nil {
		logger.Info("serving /metrics", "addr", metricsListener.Addr().String())
		metricsCtx, stopMetrics := context.WithCancel(ctx)
		metricsDone := make(chan error, 1)
		go func() { metricsDone <- srv.ServeMetrics(metricsCtx, metricsListener) }()
		defer func() {
			stopMetrics()
			if err := <-metricsDone; err != nil {
				logger.Error("metrics listener", "err", err)
			}
		}()
	}
	printBanner(url, !cfg.Production)
	if ready != nil {
		ready <- l.Addr().String()
	}
	return srv.Serve(ctx, l)
}

// printBanner tells whoever started the server where it is; in development
// also GraphiQL and the demo logins, which production has no business
// advertising (no GraphiQL is served there, and no demo should be loaded).
func printBanner(url string, development bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "\nRungs is up: %s\n", url)
	if !development {
		fmt.Fprintf(&b, "  health: %s/readyz\n", url)
	} else {
		fmt.Fprintf(&b, "  GraphiQL: %s/graphiql    health: %s/readyz\n", url, url)
	}
	if development && len(seed.DemoLogins) > 0 {
		fmt.Fprintf(&b, "  demo logins (password %q):\n", seed.DemoPassword)
		for _, l := range seed.DemoLogins {
			fmt.Fprintf(&b, "    %-22s %s\n", l.Email, l.Role)
		}
	}
	fmt.Fprintln(&b, "Press Ctrl-C to stop.")
	fmt.Print(b.String())
}

// devSecret returns the JWT secret kept in the data directory, making one on
// first use. Every process sharing the directory signs with the same key, so
// tokens stay valid across restarts and processes. Production mode never gets
// here: it requires JWT_SECRET.
func devSecret(dataDir string) (string, error) {
	path := filepath.Join(dataDir, "jwt-secret")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return strings.TrimSpace(string(b)), nil
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("generate JWT secret: %w", err)
	}
	secret := hex.EncodeToString(buf)
	if err := os.MkdirAll(dataDir, 0o711); err != nil {
		return "", fmt.Errorf("create %s: %w", dataDir, err)
	}
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return secret, nil
}
