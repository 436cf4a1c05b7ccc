package rubric

import (
	"context"
	"fmt"

	"github.com/lib/pq"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// scorecardVisible is who may see scorecard s of rubric r, with the
// viewer's employee id as $1, their see-everyone flag (HR, admin) as $2
// and their TRAINER role as $3:
//
//   - the employee sees their own scorecards;
//   - the assessor sees those they scored;
//   - the employee's reporting line (any manager above them) and HR and
//     admins see all of the employee's;
//   - a trainer sees the scorecards of the rubrics they own (QA leads
//     reviewing their instrument), whoever scored them.
//
// Everyone else sees nothing; an anonymous viewer (id 0) matches no row.
var scorecardVisible = `($2 OR s.employee_id = $1 OR s.assessor_id = $1 OR ($3 AND r.owner_id = $1) OR ` +
	people.ManagesSQL("$1", "s.employee_id") + `)`

func viewerArgs(v *auth.Viewer) []any {
	if v == nil {
		return []any{int64(0), false, false}
	}
	return []any{v.EmployeeID, v.SeesEveryone(), v.Has(auth.RoleTrainer)}
}

// ScorecardsByIDs returns the scorecards with ids that v may see, in key
// order, nil where none exists or v may not see it.
func (s *Store) ScorecardsByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Scorecard, error) {
	var rows []*Scorecard
	err := s.db.SelectContext(ctx, &rows, `
		SELECT s.* FROM scorecards s JOIN rubrics r ON r.id = s.rubric_id
		WHERE s.id = ANY($4) AND `+scorecardVisible,
		append(viewerArgs(v), pq.Array(ids))...)
	if err != nil {
		return nil, fmt.Errorf("rubric: scorecards by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(sc *Scorecard) int64 { return sc.ID }), nil
}

// ScorecardsOf returns each employee's scorecards that v may see, newest
// first, of one rubric (rubricID) or of all (0).
func (s *Store) ScorecardsOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64, rubricID int64) ([][]*Scorecard, error) {
	var rows []*Scorecard
	err := s.db.SelectContext(ctx, &rows, `
		SELECT s.* FROM scorecards s JOIN rubrics r ON r.id = s.rubric_id
		WHERE s.employee_id = ANY($4) AND ($5::bigint = 0 OR s.rubric_id = $5) AND `+scorecardVisible+`
		ORDER BY s.employee_id, s.scored_at DESC, s.id DESC`,
		append(viewerArgs(v), pq.Array(employeeIDs), rubricID)...)
	if err != nil {
		return nil, fmt.Errorf("rubric: scorecards of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(sc *Scorecard) int64 { return sc.EmployeeID }), nil
}

// ItemsOf returns each scorecard's items in the rubric's criterion order.
// It checks no access: callers reach items through a scorecard that
// ScorecardsByIDs or ScorecardsOf let the viewer see.
func (s *Store) ItemsOf(ctx context.Context, scorecardIDs []int64) ([][]*Item, error) {
	var rows []*Item
	err := s.db.SelectContext(ctx, &rows, `
		SELECT i.scorecard_id, i.criterion_id, i.level, i.comment
		FROM scorecard_items i JOIN rubric_criteria c ON c.id = i.criterion_id
		WHERE i.scorecard_id = ANY($1)
		ORDER BY i.scorecard_id, c.position`, pq.Array(scorecardIDs))
	if err != nil {
		return nil, fmt.Errorf("rubric: items: %w", err)
	}
	return postgres.GroupByKey(scorecardIDs, rows, func(it *Item) int64 { return it.ScorecardID }), nil
}
