package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/config"
	"github.com/rungs/rungs/pglocal"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/telemetry"
)

type appConfig = config.Config

// loadConfig validates cfg and builds the logger it asks for.
func loadConfig(cfg *appConfig) (*slog.Logger, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("configuration:\n%w", err)
	}
	return telemetry.NewLogger(os.Stderr, cfg.LogFormat, cfg.LogLevel), nil
}

// database is an open pool and, in the embedded default, the private server
// behind it.
type database struct {
	DB       *sqlx.DB
	embedded *pglocal.Server
	// Fresh is true when the embedded database was created by this start.
	Fresh bool
}

func (d *database) Close() error {
	if d.DB != nil {
		d.DB.Close()
	}
	if d.embedded != nil {
		return d.embedded.Stop()
	}
	return nil
}

// openDatabase connects to DATABASE_URL, or starts (or joins) the embedded
// PostgreSQL under the data directory.
func openDatabase(ctx context.Context, cfg *appConfig, logger *slog.Logger) (*database, error) {
	opts := postgres.Options{MaxOpenConns: cfg.DBMaxOpenConns, StatementTimeout: cfg.DBStatementTimeout}
	if !cfg.Embedded() {
		db, err := postgres.Open(ctx, cfg.DatabaseURL, opts)
		if err != nil {
			return nil, err
		}
		return &database{DB: db}, nil
	}

	// 0711: the postgres system user (when we run as root) must be able to
	// pass through the data directory to reach its own cluster inside it.
	if err := os.MkdirAll(cfg.DataDir, 0o711); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	if err := os.Chmod(cfg.DataDir, 0o711); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	pgDir := filepath.Join(cfg.DataDir, "postgres")
	_, statErr := os.Stat(filepath.Join(pgDir, "pgdata", "PG_VERSION"))
	logger.Info("starting the embedded PostgreSQL", "dir", pgDir)
	srv, err := pglocal.Start(ctx, pglocal.Options{Dir: pgDir, ClockOffset: clock.Offset()})
	if err != nil {
		return nil, err
	}
	if srv.Attached() {
		logger.Info("sharing the embedded PostgreSQL another rungs process started", "port", srv.Port())
	}
	if err := srv.EnsureDatabase(ctx, "rungs"); err != nil {
		srv.Stop()
		return nil, err
	}
	db, err := postgres.Open(ctx, srv.URL("rungs"), opts)
	if err != nil {
		srv.Stop()
		return nil, err
	}
	return &database{DB: db, embedded: srv, Fresh: statErr != nil}, nil
}
