package graph

import (
	"context"
	"database/sql"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/rungs/rungs/graph/model"
	"github.com/rungs/rungs/people"
)

// loadOptional loads a nullable to-one edge; nil when the key is NULL.
func loadOptional[V any](ctx context.Context, l *dataloader.Loader[int64, *V], id sql.NullInt64) (*V, error) {
	if !id.Valid {
		return nil, nil
	}
	return l.Load(ctx, id.Int64)()
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// connection maps a page of employees to its GraphQL form, and primes the
// employee loader so later edges to the same people cost nothing.
func connection(ctx context.Context, page *people.Page) *model.EmployeeConnection {
	loader := LoadersFromContext(ctx).Employee
	c := &model.EmployeeConnection{
		Edges:      make([]*model.EmployeeEdge, len(page.Employees)),
		Nodes:      page.Employees,
		PageInfo:   &model.PageInfo{HasNextPage: page.HasNextPage},
		TotalCount: page.Total,
	}
	for i, e := range page.Employees {
		c.Edges[i] = &model.EmployeeEdge{Cursor: encodeCursor(people.CursorOf(e)), Node: e}
		loader.Prime(ctx, e.ID, e)
	}
	if n := len(c.Edges); n > 0 {
		c.PageInfo.EndCursor = &c.Edges[n-1].Cursor
	}
	return c
}
