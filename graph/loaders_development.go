package graph

import (
	"context"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/development"
	"github.com/rungs/rungs/progression"
	"github.com/rungs/rungs/promotion"
	"github.com/rungs/rungs/talent"
)

// DevelopmentLoaders batch the development plan's edges: paths, plans,
// goals, coaching and aspirations.
type DevelopmentLoaders struct {
	Path         *dataloader.Loader[gapKey, *progression.Path]
	Plans        *dataloader.Loader[int64, []*development.Plan]
	PlanProgress *dataloader.Loader[int64, *development.Progress]
	PlanCourses  *dataloader.Loader[int64, []*development.PlanCourse]
	Goals        *dataloader.Loader[int64, []*development.Goal]
	GoalComps    *dataloader.Loader[int64, []int64]
	Coaching     *dataloader.Loader[int64, []*development.CoachingSession]
	Aspirations  *dataloader.Loader[int64, []*development.Aspiration]
	Budget       *dataloader.Loader[int64, float64]
	// NineBoxMoves is each placement's calibration history (logged as viewed).
	NineBoxMoves *dataloader.Loader[int64, []*talent.Move]
	// PromotionVotes and PromotionAudit are each review's panel votes and
	// permanent record, filtered for the viewer by package promotion.
	PromotionVotes *dataloader.Loader[int64, []*promotion.Vote]
	PromotionAudit *dataloader.Loader[int64, []*promotion.AuditEntry]
	// Policy is the readiness policy in force per position, from one read.
	Policy *dataloader.Loader[int64, *progression.Policy]
}

func newDevelopmentLoaders(r *Resolver, w wait) *DevelopmentLoaders {
	viewerOf := auth.ViewerFromContext
	return &DevelopmentLoaders{
		Path: batched(w, func(ctx context.Context, keys []gapKey) []*dataloader.Result[*progression.Path] {
			return pathBatch(ctx, r, keys)
		}),
		Plans: one(w, func(ctx context.Context, ids []int64) ([][]*development.Plan, error) {
			return r.Development.PlansOf(ctx, viewerOf(ctx), ids)
		}),
		PlanProgress: one(w, r.Development.PlanProgress),
		PlanCourses:  one(w, r.Development.PlanCoursesOf),
		Goals: one(w, func(ctx context.Context, ids []int64) ([][]*development.Goal, error) {
			return r.Development.GoalsOf(ctx, viewerOf(ctx), ids)
		}),
		GoalComps: one(w, r.Development.GoalCompetenciesOf),
		Coaching: one(w, func(ctx context.Context, ids []int64) ([][]*development.CoachingSession, error) {
			return r.Development.CoachingOf(ctx, viewerOf(ctx), ids)
		}),
		Aspirations: one(w, func(ctx context.Context, ids []int64) ([][]*development.Aspiration, error) {
			return r.Development.AspirationsOf(ctx, viewerOf(ctx), ids)
		}),
		Budget: one(w, r.Development.StudyBudgets),
		PromotionVotes: one(w, func(ctx context.Context, ids []int64) ([][]*promotion.Vote, error) {
			return r.Promotion.VotesOf(ctx, viewerOf(ctx), ids)
		}),
		PromotionAudit: one(w, func(ctx context.Context, ids []int64) ([][]*promotion.AuditEntry, error) {
			return r.Promotion.AuditOf(ctx, viewerOf(ctx), ids)
		}),
		NineBoxMoves: one(w, func(ctx context.Context, ids []int64) ([][]*talent.Move, error) {
			return r.Talent.Moves(ctx, viewerOf(ctx), ids)
		}),
		Policy: one(w, func(ctx context.Context, positionIDs []int64) ([]*progression.Policy, error) {
			ps, err := r.Progress.Policies(ctx)
			if err != nil {
				return nil, err
			}
			out := make([]*progression.Policy, len(positionIDs))
			for i, id := range positionIDs {
				out[i] = ps.For(id)
			}
			return out, nil
		}),
	}
}

// pathBatch plans every employee asked about at one depth: one planning
// run per distinct target position, a fixed number of statements each.
func pathBatch(ctx context.Context, r *Resolver, keys []gapKey) []*dataloader.Result[*progression.Path] {
	out := make([]*dataloader.Result[*progression.Path], len(keys))
	groups := map[int64][]int{}
	for i, k := range keys {
		groups[k.PositionID] = append(groups[k.PositionID], i)
	}
	for pos, idx := range groups {
		ids := make([]int64, len(idx))
		for j, i := range idx {
			ids[j] = keys[i].EmployeeID
		}
		emps, errs := LoadersFromContext(ctx).Employee.LoadMany(ctx, ids)()
		err := firstError(emps, errs)
		var paths []*progression.Path
		if err == nil {
			paths, err = r.Progress.LearningPaths(ctx, emps, pos, r.Development.StudyBudgets)
		}
		for j, i := range idx {
			if err != nil {
				out[i] = &dataloader.Result[*progression.Path]{Error: err}
			} else {
				out[i] = &dataloader.Result[*progression.Path]{Data: paths[j]}
			}
		}
	}
	return out
}
