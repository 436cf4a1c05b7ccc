package rubric

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
)

// Calibration: QA teams score the same interaction independently and
// compare, so that a "4" means the same whoever gives it. An interaction
// is identified by its rubric and interaction reference; it is calibrated
// when two or more assessors scored it.

// Calibration is how the assessors of one interaction scored it.
type Calibration struct {
	RubricID       int64
	InteractionRef string
	// Scorecards of the interaction, oldest first: one per assessor (and
	// employee, should the reference name several), each with its
	// assessor and weighted score.
	Scorecards []*Scorecard
	// Criteria in the rubric's order, each with every scorecard's level.
	Criteria []*CriterionCalibration
	// The weighted scores' lowest, highest and spread (highest − lowest).
	MinScore, MaxScore, ScoreSpread float64
}

// CriterionCalibration is every assessor's level on one criterion.
type CriterionCalibration struct {
	CriterionID int64
	// Levels in the order of Calibration.Scorecards.
	Levels []AssessorLevel
	// Spread is the highest level given minus the lowest; Agree is true
	// when it is 0.
	Min, Max, Spread int
	Agree            bool
}

// AssessorLevel is the level one scorecard gave one criterion.
type AssessorLevel struct {
	ScorecardID int64
	AssessorID  int64
	Level       int
}

// CalibrationSummary is one interaction scored by two or more assessors.
type CalibrationSummary struct {
	RubricID       int64   `db:"rubric_id"`
	InteractionRef string  `db:"interaction_ref"`
	Scorecards     int     `db:"scorecards"`
	Assessors      int     `db:"assessors"`
	MinScore       float64 `db:"min_score"`
	MaxScore       float64 `db:"max_score"`
	ScoreSpread    float64 `db:"score_spread"`
	// MaxLevelSpread is the largest level spread on any one criterion.
	MaxLevelSpread int       `db:"max_level_spread"`
	LastScoredAt   time.Time `db:"last_scored_at"`
}

// calibrates reports whether v may see calibrations: trainers (QA), HR and
// admins, who compare assessors rather than judge one employee.
func calibrates(v *auth.Viewer) error {
	if err := auth.Require(v); err != nil {
		return err
	}
	if !v.Has(auth.RoleTrainer, auth.RoleHR, auth.RoleAdmin) {
		return rungs.Errorf(rungs.ErrForbidden, "rubric.calibration.forbidden", "only trainers, HR and admins see calibrations")
	}
	return nil
}

// Calibration returns how the assessors of one interaction (rubric and
// interaction reference) scored it, per criterion and overall. NOT_FOUND
// unless two or more assessors scored it. Trainers, HR and admins may see it.
func (s *Store) Calibration(ctx context.Context, v *auth.Viewer, rubricID int64, interactionRef string) (*Calibration, error) {
	if err := calibrates(v); err != nil {
		return nil, err
	}
	interactionRef = strings.TrimSpace(interactionRef)
	type row struct {
		Scorecard
		CriterionID int64 `db:"item_criterion_id"`
		Position    int   `db:"item_position"`
		Level       int   `db:"item_level"`
	}
	var rows []*row
	err := s.db.SelectContext(ctx, &rows, `
		SELECT s.*, i.criterion_id AS item_criterion_id, c.position AS item_position, i.level AS item_level
		FROM scorecards s
		JOIN scorecard_items i ON i.scorecard_id = s.id
		JOIN rubric_criteria c ON c.id = i.criterion_id
		WHERE s.rubric_id = $1 AND s.interaction_ref = $2
		ORDER BY s.scored_at, s.id, c.position`, rubricID, interactionRef)
	if err != nil {
		return nil, fmt.Errorf("rubric: calibration: %w", err)
	}
	cal := &Calibration{RubricID: rubricID, InteractionRef: interactionRef}
	assessors := map[int64]bool{}
	byCriterion := map[int64]*CriterionCalibration{}
	position := map[int64]int{}
	for _, r := range rows {
		if n := len(cal.Scorecards); n == 0 || cal.Scorecards[n-1].ID != r.ID {
			sc := r.Scorecard
			cal.Scorecards = append(cal.Scorecards, &sc)
			assessors[r.AssessorID] = true
		}
		cc := byCriterion[r.CriterionID]
		if cc == nil {
			cc = &CriterionCalibration{CriterionID: r.CriterionID, Min: r.Level, Max: r.Level}
			byCriterion[r.CriterionID] = cc
			position[r.CriterionID] = r.Position
			cal.Criteria = append(cal.Criteria, cc)
		}
		cc.Levels = append(cc.Levels, AssessorLevel{ScorecardID: r.ID, AssessorID: r.AssessorID, Level: r.Level})
		cc.Min, cc.Max = min(cc.Min, r.Level), max(cc.Max, r.Level)
	}
	if len(assessors) < 2 {
		return nil, rungs.Errorf(rungs.ErrNotFound, "rubric.calibration.not_found",
			"interaction %q was not scored by two or more assessors on rubric %d", interactionRef, rubricID)
	}
	slices.SortFunc(cal.Criteria, func(a, b *CriterionCalibration) int { return position[a.CriterionID] - position[b.CriterionID] })
	for _, cc := range cal.Criteria {
		cc.Spread = cc.Max - cc.Min
		cc.Agree = cc.Spread == 0
	}
	cal.MinScore, cal.MaxScore = cal.Scorecards[0].WeightedScore, cal.Scorecards[0].WeightedScore
	for _, sc := range cal.Scorecards {
		cal.MinScore, cal.MaxScore = min(cal.MinScore, sc.WeightedScore), max(cal.MaxScore, sc.WeightedScore)
	}
	// Round away float noise: scores have two decimals.
	cal.ScoreSpread = float64(int64((cal.MaxScore-cal.MinScore)*100+0.5)) / 100
	return cal, nil
}

// Calibrations lists every interaction of a rubric scored by two or more
// assessors, largest disagreement first: by the spread of weighted
// scores, then by the largest level spread on one criterion. Trainers, HR
// and admins may see them.
func (s *Store) Calibrations(ctx context.Context, v *auth.Viewer, rubricID int64) ([]*CalibrationSummary, error) {
	if err := calibrates(v); err != nil {
		return nil, err
	}
	var rows []*CalibrationSummary
	err := s.db.SelectContext(ctx, &rows, `
		WITH per_criterion AS (
			SELECT s.interaction_ref, max(i.level) - min(i.level) AS spread
			FROM scorecards s JOIN scorecard_items i ON i.scorecard_id = s.id
			WHERE s.rubric_id = $1 AND s.interaction_ref IS NOT NULL
			GROUP BY s.interaction_ref, i.criterion_id
		), per_interaction AS (
			SELECT s.interaction_ref, count(*) AS scorecards, count(DISTINCT s.assessor_id) AS assessors,
			       min(s.weighted_score) AS min_score, max(s.weighted_score) AS max_score,
			       max(s.weighted_score) - min(s.weighted_score) AS score_spread,
			       max(s.scored_at) AS last_scored_at
			FROM scorecards s
			WHERE s.rubric_id = $1 AND s.interaction_ref IS NOT NULL
			GROUP BY s.interaction_ref
			HAVING count(DISTINCT s.assessor_id) >= 2
		)
		SELECT $1::bigint AS rubric_id, p.*,
		       (SELECT coalesce(max(c.spread), 0) FROM per_criterion c WHERE c.interaction_ref = p.interaction_ref) AS max_level_spread
		FROM per_interaction p
		ORDER BY p.score_spread DESC, max_level_spread DESC, p.interaction_ref`, rubricID)
	if err != nil {
		return nil, fmt.Errorf("rubric: calibrations: %w", err)
	}
	return rows, nil
}
