package graph

import (
	"context"
	"net/http"
	"time"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/progression"
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
	Events   *dataloader.Loader[int64, []*people.Event]
	Roles    *dataloader.Loader[int64, []auth.Role]
	Members  *dataloader.Loader[membersKey, *people.Page]
	// Manages answers "does the viewer manage this employee?" for the
	// fields only an employee's line may read.
	Manages *dataloader.Loader[int64, bool]
	// Scopes are each trainer's live training-scope grants, as the viewer
	// may read them.
	Scopes *dataloader.Loader[int64, []*people.Scope]

	Competency     *dataloader.Loader[int64, *competency.Competency]
	Category       *dataloader.Loader[int64, *competency.Category]
	CategoryComps  *dataloader.Loader[int64, []*competency.Competency]
	FrameworkComps *dataloader.Loader[int64, []*competency.Competency]
	Indicators     *dataloader.Loader[int64, []*competency.Indicator]
	Levels         *dataloader.Loader[int64, []*competency.Level]
	Framework      *dataloader.Loader[int64, *competency.Framework]
	Proficiency    *dataloader.Loader[int64, map[int64]competency.Proficiency]
	History        *dataloader.Loader[historyKey, []*competency.Evidence]
	Requirements   *dataloader.Loader[int64, []*ladder.Requirement]
	MovesFrom      *dataloader.Loader[int64, []*ladder.Move]
	TrackPositions *dataloader.Loader[int64, []*ladder.Position]
	// Published holds the framework in force under key 0: read once per
	// request however many fields ask.
	Published *dataloader.Loader[int64, *competency.Framework]
	Gap       *dataloader.Loader[gapKey, *progression.Gap]

	*LearningLoaders
	*EvidenceLoaders
	*DevelopmentLoaders
}

// gapKey asks for one employee's gap to one position.
type gapKey struct{ EmployeeID, PositionID int64 }

// historyKey asks for one employee's evidence, of one competency or all (0).
type historyKey struct{ EmployeeID, CompetencyID int64 }

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
	w := wait(r.LoaderWait)
	return &Loaders{
		Employee: one(w, func(ctx context.Context, ids []int64) ([]*people.Employee, error) {
			return r.People.EmployeesByIDs(ctx, auth.ViewerFromContext(ctx), ids)
		}),
		Team:     one(w, r.People.TeamsByIDs),
		Position: one(w, r.Ladder.PositionsByIDs),
		Track:    one(w, r.Ladder.TracksByIDs),
		Reports: one(w, func(ctx context.Context, ids []int64) ([][]*people.Employee, error) {
			return r.People.ReportsOf(ctx, auth.ViewerFromContext(ctx), ids)
		}),
		Events: one(w, r.People.EventsOf),
		Roles:  one(w, r.People.RolesOf),
		Members: batched(w, func(ctx context.Context, keys []membersKey) []*dataloader.Result[*people.Page] {
			return membersBatch(ctx, r, auth.ViewerFromContext(ctx), keys)
		}),
		Manages: one(w, func(ctx context.Context, ids []int64) ([]bool, error) {
			v := auth.ViewerFromContext(ctx)
			if v == nil {
				return make([]bool, len(ids)), nil
			}
			return r.People.ManagedBy(ctx, v.EmployeeID, ids)
		}),
		Scopes: one(w, func(ctx context.Context, ids []int64) ([][]*people.Scope, error) {
			return r.People.ScopesOf(ctx, auth.ViewerFromContext(ctx), ids)
		}),
		Competency:     one(w, r.CompetencyStore.CompetenciesByIDs),
		Category:       one(w, r.CompetencyStore.CategoriesByIDs),
		CategoryComps:  one(w, r.CompetencyStore.CompetenciesOfCategories),
		FrameworkComps: one(w, r.CompetencyStore.CompetenciesOfFrameworks),
		Indicators:     one(w, r.CompetencyStore.IndicatorsOf),
		Levels:         one(w, r.CompetencyStore.LevelsOf),
		Framework:      one(w, r.CompetencyStore.FrameworksByIDs),
		Proficiency:    one(w, r.CompetencyStore.Proficiencies),
		Requirements:   one(w, r.Ladder.RequirementsOf),
		MovesFrom:      one(w, r.Ladder.MovesFrom),
		TrackPositions: one(w, r.Ladder.PositionsOfTracks),
		History: batched(w, func(ctx context.Context, keys []historyKey) []*dataloader.Result[[]*competency.Evidence] {
			return historyBatch(ctx, r, keys)
		}),
		Published: one(w, func(ctx context.Context, keys []int64) ([]*competency.Framework, error) {
			f, err := r.CompetencyStore.Published(ctx)
			out := make([]*competency.Framework, len(keys))
			for i := range out {
				out[i] = f
			}
			return out, err
		}),
		Gap: batched(w, func(ctx context.Context, keys []gapKey) []*dataloader.Result[*progression.Gap] {
			return gapBatch(ctx, r, keys)
		}),
		LearningLoaders:    newLearningLoaders(r, w),
		EvidenceLoaders:    newEvidenceLoaders(r, w),
		DevelopmentLoaders: newDevelopmentLoaders(r, w),
	}
}

// gapBatch measures every employee asked about at one depth: one gap
// computation per distinct target position, each a fixed number of
// statements for any number of employees.
func gapBatch(ctx context.Context, r *Resolver, keys []gapKey) []*dataloader.Result[*progression.Gap] {
	out := make([]*dataloader.Result[*progression.Gap], len(keys))
	fail := func(idx []int, err error) {
		for _, i := range idx {
			out[i] = &dataloader.Result[*progression.Gap]{Error: err}
		}
	}
	groups := map[int64][]int{}
	for i, k := range keys {
		groups[k.PositionID] = append(groups[k.PositionID], i)
	}
	for pos, idx := range groups {
		ids := make([]int64, len(idx))
		for j, i := range idx {
			ids[j] = keys[i].EmployeeID
		}
		// The employees are in the request's cache already: the resolver
		// asking for their gap was handed them.
		emps, errs := LoadersFromContext(ctx).Employee.LoadMany(ctx, ids)()
		if err := firstError(emps, errs); err != nil {
			fail(idx, err)
			continue
		}
		gaps, err := r.Progress.Gaps(ctx, emps, pos)
		if err != nil {
			fail(idx, err)
			continue
		}
		for j, i := range idx {
			out[i] = &dataloader.Result[*progression.Gap]{Data: gaps[j]}
		}
	}
	return out
}

// historyBatch answers evidence lists: one query per distinct competency
// filter asked for at one depth (usually one).
func historyBatch(ctx context.Context, r *Resolver, keys []historyKey) []*dataloader.Result[[]*competency.Evidence] {
	groups := map[int64][]int{}
	for i, k := range keys {
		groups[k.CompetencyID] = append(groups[k.CompetencyID], i)
	}
	out := make([]*dataloader.Result[[]*competency.Evidence], len(keys))
	for comp, idx := range groups {
		ids := make([]int64, len(idx))
		for j, i := range idx {
			ids[j] = keys[i].EmployeeID
		}
		lists, err := r.CompetencyStore.History(ctx, ids, comp)
		for j, i := range idx {
			if err != nil {
				out[i] = &dataloader.Result[[]*competency.Evidence]{Error: err}
			} else {
				out[i] = &dataloader.Result[[]*competency.Evidence]{Data: lists[j]}
			}
		}
	}
	return out
}

// wait is how long a loader collects keys before it runs its batch; zero
// keeps the library's default.
type wait time.Duration

// batched makes a loader that waits w for keys before running fn.
func batched[K comparable, V any](w wait, fn dataloader.BatchFunc[K, V]) *dataloader.Loader[K, V] {
	if w <= 0 {
		return dataloader.NewBatchedLoader(fn)
	}
	return dataloader.NewBatchedLoader(fn, dataloader.WithWait[K, V](time.Duration(w)))
}

// one adapts a store method that returns one value per key, in key order,
// to a dataloader batch function.
func one[V any](w wait, fetch func(context.Context, []int64) ([]V, error)) *dataloader.Loader[int64, V] {
	return batched(w, func(ctx context.Context, ids []int64) []*dataloader.Result[V] {
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

// firstError is the first failure of a LoadMany: an error, or an employee
// the viewer may not see.
func firstError(emps []*people.Employee, errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for _, e := range emps {
		if e == nil {
			return rungs.Errorf(rungs.ErrNotFound, "employee.not_found", "employee not found")
		}
	}
	return nil
}
