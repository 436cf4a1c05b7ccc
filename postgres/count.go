package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync/atomic"

	"github.com/lib/pq"
	"github.com/ngrok/sqlmw"
)

// driverName is lib/pq wrapped so that every statement is counted against
// the request that sent it: the metric "SQL statements per request" and the
// tests that prove no GraphQL query issues N+1 statements both read it.
const driverName = "rungs-postgres"

func init() {
	sql.Register(driverName, sqlmw.Driver(&pq.Driver{}, counter{}))
}

// Counter counts the statements sent under one context.
type Counter struct{ n atomic.Int64 }

// Count is the number of statements counted so far.
func (c *Counter) Count() int64 { return c.n.Load() }

type counterKey struct{}

// NewContextWithCounter returns a context under which every statement sent
// through a pool from Open is counted by the returned Counter. A nested call
// keeps counting into the outer counter as well.
func NewContextWithCounter(ctx context.Context) (context.Context, *Counter) {
	c := &Counter{}
	parents, _ := ctx.Value(counterKey{}).([]*Counter)
	all := append(append([]*Counter(nil), parents...), c)
	return context.WithValue(ctx, counterKey{}, all), c
}

func count(ctx context.Context) {
	if cs, ok := ctx.Value(counterKey{}).([]*Counter); ok {
		for _, c := range cs {
			c.n.Add(1)
		}
	}
}

type counter struct{ sqlmw.NullInterceptor }

func (counter) ConnExecContext(ctx context.Context, conn driver.ExecerContext, query string, args []driver.NamedValue) (driver.Result, error) {
	count(ctx)
	return conn.ExecContext(ctx, query, args)
}

func (counter) ConnQueryContext(ctx context.Context, conn driver.QueryerContext, query string, args []driver.NamedValue) (context.Context, driver.Rows, error) {
	count(ctx)
	rows, err := conn.QueryContext(ctx, query, args)
	return ctx, rows, err
}

func (counter) StmtExecContext(ctx context.Context, stmt driver.StmtExecContext, query string, args []driver.NamedValue) (driver.Result, error) {
	count(ctx)
	return stmt.ExecContext(ctx, args)
}

func (counter) StmtQueryContext(ctx context.Context, stmt driver.StmtQueryContext, query string, args []driver.NamedValue) (context.Context, driver.Rows, error) {
	count(ctx)
	rows, err := stmt.QueryContext(ctx, args)
	return ctx, rows, err
}
