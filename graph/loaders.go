package graph

import (
	"context"
	"net/http"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/people"
)

// Loaders batch every to-one and to-many edge of a request into one query
// per edge and depth, so the statements a request costs grow with the
// query's depth, not with the length of its lists. A new set is made for
// every request: they cache for that request only, and each carries the
// viewer the rows are filtered for.
type Loaders struct {
	Employee *dataloader.Loader[int64, *people.Employee]
	Team     *dataloader.Loader[int64, *people.Team]
	Position *dataloader.Loader[int64, *ladder.Position]
	Track    *dataloader.Loader[int64, *ladder.Track]
	Reports  *dataloader.Loader[int64, []*people.Employee]
	History  *dataloader.Loader[int64, []*people.Event]
	Roles    *dataloader.Loader[int64, []auth.Role]
	Members  *dataloader.Loader[membersKey, *people.Page]
}

// membersKey asks for one page of one team's members.
type membersKey struct {
	TeamID int64
	First  int
	After  people.Cursor // zero: from the start
}

type loadersKey struct{}

// LoadersFromContext returns the request's loaders.
func LoadersFromContext(ctx context.Context) *Loaders {
	return ctx.Value(loadersKey{}).(*Loaders)
}

// WithLoaders gives every request its own loaders. It runs after the
// authentication middleware: the loaders filter rows for the viewer.
func WithLoaders(r *Resolver, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx := req.Context()
		next.ServeHTTP(w, req.WithContext(context.WithValue(ctx, loadersKey{}, newLoaders(r))))
	})
}

// newLoaders makes a request's loaders. Batches read the viewer from the
// context when they run, so a sign-in within the request (login's payload)
// sees what the new user may see.
func newLoaders(r *Resolver) *Loaders {
	return &Loaders{
		Employee: one(func(ctx context.Context, ids []int64) ([]*people.Employee, error) {
			return r.People.EmployeesByIDs(ctx, auth.ViewerFromContext(ctx), ids)
		}),
		Team:     one(r.People.TeamsByIDs),
		Position: one(r.Ladder.PositionsByIDs),
		Track:    one(r.Ladder.TracksByIDs),
		Reports: one(func(ctx context.Context, ids []int64) ([][]*people.Employee, error) {
			return r.People.ReportsOf(ctx, auth.ViewerFromContext(ctx), ids)
		}),
		History: one(r.People.EventsOf),
		Roles:   one(r.People.RolesOf),
		Members: dataloader.NewBatchedLoader(func(ctx context.Context, keys []membersKey) []*dataloader.Result[*people.Page] {
			return membersBatch(ctx, r, auth.ViewerFromContext(ctx), keys)
		}),
	}
}

// one adapts a store method that returns one value per key, in key order,
// to a dataloader batch function.
func one[V any](fetch func(context.Context, []int64) ([]V, error)) *dataloader.Loader[int64, V] {
	return dataloader.NewBatchedLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[V] {
		out := make([]*dataloader.Result[V], len(ids))
		vals, err := fetch(ctx, ids)
		for i := range ids {
			if err != nil {
				out[i] = &dataloader.Result[V]{Error: err}
			} else {
				out[i] = &dataloader.Result[V]{Data: vals[i]}
			}
		}
		return out
	})
}

// membersBatch answers all member pages asked for at one depth: one query
// per distinct (first, after), which in practice is one.
func membersBatch(ctx context.Context, r *Resolver, v *auth.Viewer, keys []membersKey) []*dataloader.Result[*people.Page] {
	type shape struct {
		first int
		after people.Cursor
	}
	groups := map[shape][]int{} // shape -> indexes into keys
	for i, k := range keys {
		s := shape{k.First, k.After}
		groups[s] = append(groups[s], i)
	}
	out := make([]*dataloader.Result[*people.Page], len(keys))
	for s, idx := range groups {
		teamIDs := make([]int64, len(idx))
		for j, i := range idx {
			teamIDs[j] = keys[i].TeamID
		}
		var after *people.Cursor
		if s.after != (people.Cursor{}) {
			after = &s.after
		}
		pages, err := r.People.TeamMembers(ctx, v, teamIDs, s.first, after)
		for j, i := range idx {
			if err != nil {
				out[i] = &dataloader.Result[*people.Page]{Error: err}
			} else {
				out[i] = &dataloader.Result[*people.Page]{Data: pages[j]}
			}
		}
	}
	return out
}
