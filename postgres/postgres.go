// Package postgres connects Rungs to PostgreSQL: opening the pool with its
// limits, applying the embedded migrations, running transactions, counting
// statements per request and translating driver errors into rungs errors.
//
// Domain packages keep their own SQL next to the code that runs it; this
// package holds only what they all share.
package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
)

// Options are the pool settings.
type Options struct {
	MaxOpenConns     int           // default 20
	MaxIdleConns     int           // default 10
	ConnMaxLifetime  time.Duration // default 30m
	StatementTimeout time.Duration // per statement, set on every connection; default 10s
}

func (o *Options) defaults() {
	if o.MaxOpenConns == 0 {
		o.MaxOpenConns = 20
	}
	if o.MaxIdleConns == 0 {
		o.MaxIdleConns = 10
	}
	if o.ConnMaxLifetime == 0 {
		o.ConnMaxLifetime = 30 * time.Minute
	}
	if o.StatementTimeout == 0 {
		o.StatementTimeout = 10 * time.Second
	}
}

// Open connects to the database at dsn (a postgres:// URL) through the
// counting driver, applies the pool limits and checks the connection.
func Open(ctx context.Context, dsn string, opts Options) (*sqlx.DB, error) {
	opts.defaults()
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("postgres: DATABASE_URL must be a postgres:// URL")
	}
	q := u.Query()
	// lib/pq passes unknown parameters to the server as run-time settings, so
	// every pooled connection starts with these.
	if q.Get("statement_timeout") == "" {
		q.Set("statement_timeout", strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10))
	}
	if q.Get("idle_in_transaction_session_timeout") == "" {
		q.Set("idle_in_transaction_session_timeout", "60000")
	}
	if q.Get("application_name") == "" {
		q.Set("application_name", "rungs")
	}
	if q.Get("timezone") == "" {
		q.Set("timezone", "UTC")
	}
	u.RawQuery = q.Encode()

	db, err := sqlx.Open(driverName, u.String())
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db.SetMaxOpenConns(opts.MaxOpenConns)
	db.SetMaxIdleConns(opts.MaxIdleConns)
	db.SetConnMaxLifetime(opts.ConnMaxLifetime)
	db.SetConnMaxIdleTime(5 * time.Minute)

	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect to %s: %w", Redact(dsn), err)
	}
	return db, nil
}

// Redact hides the password of a connection URL for logs and errors.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// Queryer is what helpers that take part in a caller's transaction need:
// both *sqlx.DB and *sqlx.Tx satisfy it.
type Queryer interface {
	sqlx.ExtContext
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
}

var (
	_ Queryer = (*sqlx.DB)(nil)
	_ Queryer = (*sqlx.Tx)(nil)
)

// InTx runs fn in a transaction: committed when fn returns nil, rolled back
// on any error or panic (the panic is re-raised after the rollback).
func InTx(ctx context.Context, db *sqlx.DB, fn func(tx *sqlx.Tx) error) (err error) {
	return InTxOpts(ctx, db, nil, fn)
}

// InTxOpts is InTx with transaction options (isolation level, read-only).
func InTxOpts(ctx context.Context, db *sqlx.DB, opts *sql.TxOptions, fn func(tx *sqlx.Tx) error) (err error) {
	tx, err := db.BeginTxx(ctx, opts)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}
