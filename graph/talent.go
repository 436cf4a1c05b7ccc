package graph

import (
	"context"
	"encoding/json"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/progression"
	"github.com/rungs/rungs/promotion"
	"github.com/rungs/rungs/talent"
)

// The 9-box: who sees which placements (and logging every view) is
// decided in package talent's SQL; nobody ever sees their own place.

// bestReadiness is each employee's best readiness score over the positions
// their current one leads to: the potential input of the 9-box. One gap
// evaluation per target position, so the statements grow with the ladder,
// not with the organisation.
func (r *Resolver) bestReadiness(ctx context.Context, emps []*people.Employee) ([]float64, error) {
	out := make([]float64, len(emps))
	var from []int64
	seen := map[int64]bool{}
	for _, e := range emps {
		if !seen[e.PositionID] {
			seen[e.PositionID] = true
			from = append(from, e.PositionID)
		}
	}
	moves, err := r.Ladder.MovesFrom(ctx, from)
	if err != nil {
		return nil, err
	}
	targets := map[int64][]int{} // target position -> indexes into emps
	for i, e := range emps {
		for j, id := range from {
			if id != e.PositionID {
				continue
			}
			for _, m := range moves[j] {
				if m.Kind == ladder.MovePromotion {
					targets[m.ToID] = append(targets[m.ToID], i)
				}
			}
		}
	}
	policies, err := r.Progress.Policies(ctx)
	if err != nil {
		return nil, err
	}
	for pos, idx := range targets {
		group := make([]*people.Employee, len(idx))
		for k, i := range idx {
			group[k] = emps[i]
		}
		gaps, err := r.Progress.Gaps(ctx, group, pos)
		if err != nil {
			return nil, err
		}
		for k, i := range idx {
			if s := float64(progression.Assess(gaps[k], policies.For(pos)).Score); s > out[i] {
				out[i] = s
			}
		}
	}
	return out, nil
}

func whyJSON(p *talent.Placement) string {
	b, _ := json.Marshal(p.Why)
	return string(b)
}

// oneReview reads one promotion review the viewer may see (the read is
// logged by package promotion); NOT_FOUND otherwise.
func (r *Resolver) oneReview(ctx context.Context, v *auth.Viewer, id int64) (*promotion.Review, error) {
	rs, err := r.Promotion.ReviewsByIDs(ctx, v, []int64{id})
	if err != nil {
		return nil, err
	}
	if rs[0] == nil {
		return nil, rungs.Errorf(rungs.ErrNotFound, "promotion.not_found", "promotion review %d not found", id)
	}
	return rs[0], nil
}
