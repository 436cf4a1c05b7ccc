package rubric

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// Scored is one criterion's weight and the level it was given.
type Scored struct {
	Weight float64
	Level  int
}

// WeightedScore is a scorecard's score in percent:
//
//	score = Σ (weight_i × level_i / maxLevel) / Σ weight_i × 100
//
// Each criterion counts as the share of the scale's top level it reached,
// weighted by its relative weight; weights need not sum to 100 because the
// sum divides out. So the lowest level still scores 100/maxLevel percent
// (level 1 is a level reached, not nothing), and the top level everywhere
// scores 100. The result is rounded half up to two decimals, the
// precision stored. Weights are taken to two decimals (as stored) and
// the arithmetic is exact in integers, so equal inputs always round alike.
// No criteria, or no positive weight, scores 0.
func WeightedScore(items []Scored, maxLevel int) float64 {
	if maxLevel <= 0 {
		return 0
	}
	var num, den int64 // in hundredths of a weight unit
	for _, it := range items {
		w := int64(math.Round(it.Weight * 100))
		num += w * int64(it.Level)
		den += w
	}
	if den <= 0 {
		return 0
	}
	den *= int64(maxLevel)
	// score in hundredths of a percent = num × 10000 / den, rounded half up.
	hundredths := (2*num*10000 + den) / (2 * den)
	return float64(hundredths) / 100
}

// ScoreInput is one assessor's scoring of one employee against a rubric.
type ScoreInput struct {
	RubricID   int64
	EmployeeID int64
	// Channel, InteractionRef and InteractionOn name the interaction
	// sampled; all optional. InteractionRef ties scorecards of the same
	// interaction together for calibration.
	Channel        string
	InteractionRef string
	InteractionOn  time.Time
	Items          []ItemInput
	Comment        string
}

// ItemInput is the level and comment given to one criterion.
type ItemInput struct {
	CriterionID int64
	Level       int
	Comment     string
}

// Score records a scorecard, its items and one competency evidence row per
// item (source RUBRIC) in one transaction, and returns the scorecard.
//
// Who may score whom: HR and admins anyone; a trainer (QA specialists hold
// the role) the people in their training scope; anyone the people in their
// reporting line, directly or further down; nobody themself (FORBIDDEN).
// A score is evidence that can lower someone's levels, so a trainer's reach
// is the one HR granted (package people), never anyone they pick; an
// unknown employee looks the same as one out of reach to all but HR and
// admins. The rubric must be
// published and still match the framework in force (CONFLICT). Every
// criterion gets exactly one item with a level on the scale; the
// interaction date may not lie in the future. An assessor scores one
// interaction of one employee at most once (CONFLICT).
func (s *Store) Score(ctx context.Context, by *auth.Viewer, in ScoreInput) (*Scorecard, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if in.EmployeeID == by.EmployeeID {
		return nil, rungs.Errorf(rungs.ErrForbidden, "rubric.scorecard.self", "nobody scores themself")
	}
	in.Channel = strings.ToUpper(strings.TrimSpace(in.Channel))
	in.InteractionRef = strings.TrimSpace(in.InteractionRef)
	in.Comment = strings.TrimSpace(in.Comment)
	today := s.today()

	var out Scorecard
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The employee must exist, and be the viewer's to score: the line
		// and the scope are read in the statement that finds them.
		var reach struct {
			Manages bool `db:"manages"`
			InScope bool `db:"in_scope"`
		}
		err := tx.GetContext(ctx, &reach, `
			SELECT `+people.ManagesSQL("$1", "e.id")+` AS manages, `+people.InScopeSQL("$1", "e.id")+` AS in_scope
			FROM employees e WHERE e.id = $2`, by.EmployeeID, in.EmployeeID)
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if !by.SeesEveryone() && !reach.Manages && !(by.Has(auth.RoleTrainer) && reach.InScope) {
			return rungs.Errorf(rungs.ErrForbidden, "rubric.scorecard.forbidden",
				"only HR, admins, the employee's managers and trainers whose training scope holds them may score them")
		}
		if !found {
			return rungs.Errorf(rungs.ErrNotFound, "rubric.employee.not_found", "employee %d not found", in.EmployeeID)
		}
		// FOR SHARE: archiving or re-writing the rubric waits for this scoring.
		var r Rubric
		err = tx.GetContext(ctx, &r, `SELECT * FROM rubrics WHERE id = $1 FOR SHARE`, in.RubricID)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.Errorf(rungs.ErrNotFound, "rubric.not_found", "rubric %d not found", in.RubricID)
		} else if err != nil {
			return err
		}
		if r.Status != StatusPublished {
			return rungs.Errorf(rungs.ErrConflict, "rubric.not_published", "rubric %s is not published", r.Code)
		}
		sc, err := published(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkCurrent(ctx, tx, &r, sc); err != nil {
			return err
		}
		var criteria []*Criterion
		if err := tx.SelectContext(ctx, &criteria, `SELECT * FROM rubric_criteria WHERE rubric_id = $1 ORDER BY position`, r.ID); err != nil {
			return err
		}
		items, err := validateScore(&in, criteria, sc.MaxLevel, today)
		if err != nil {
			return err
		}
		score := WeightedScore(items, sc.MaxLevel)

		observed := today
		var interactionOn sql.NullTime
		if !in.InteractionOn.IsZero() {
			observed = dateOf(in.InteractionOn)
			interactionOn = sql.NullTime{Time: observed, Valid: true}
		}
		err = tx.GetContext(ctx, &out, `
			INSERT INTO scorecards (rubric_id, employee_id, assessor_id, framework_id, channel, interaction_ref,
				interaction_on, comment, weighted_score, scored_at)
			VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), $7, $8, $9, $10) RETURNING *`,
			r.ID, in.EmployeeID, by.EmployeeID, sc.FrameworkID, in.Channel, in.InteractionRef,
			interactionOn, in.Comment, score, s.Now())
		if err != nil {
			return translate(err, "scorecard")
		}

		ids := make([]int64, len(in.Items))
		levels := make([]int64, len(in.Items))
		comments := make([]string, len(in.Items))
		for i, it := range in.Items {
			ids[i], levels[i], comments[i] = it.CriterionID, int64(it.Level), strings.TrimSpace(it.Comment)
		}
		// The items and their evidence in one statement: each item's level
		// is evidence of the criterion's competency, against the framework
		// in force, observed on the interaction's date (or today).
		_, err = tx.ExecContext(ctx, `
			WITH items AS (
				INSERT INTO scorecard_items (scorecard_id, rubric_id, criterion_id, level, comment)
				SELECT $1, $2, u.criterion_id, u.level, u.comment
				FROM unnest($3::bigint[], $4::int[], $5::text[]) AS u (criterion_id, level, comment)
				RETURNING criterion_id, level, comment
			)
			INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source,
				assessor_id, comment, observed_on, instrument, score, ref_id)
			SELECT $6, c.competency_id, $7, i.level, 'RUBRIC', $8, i.comment, $9, $10, $11, $1
			FROM items i JOIN rubric_criteria c ON c.id = i.criterion_id`,
			out.ID, r.ID, pq.Array(ids), pq.Array(levels), pq.Array(comments),
			in.EmployeeID, sc.FrameworkID, by.EmployeeID, observed, r.Code, score)
		return translate(err, "scorecard items")
	})
	if err != nil {
		return nil, wrap("score", err)
	}
	return &out, nil
}

// validateScore checks in against the rubric's criteria and scale and
// returns each item's weight and level, reporting every problem at once.
func validateScore(in *ScoreInput, criteria []*Criterion, maxLevel int, today time.Time) ([]Scored, error) {
	var v rungs.Validation
	switch in.Channel {
	case "", ChannelCall, ChannelChat, ChannelEmail, ChannelOther:
	default:
		v.Add("channel", "rubric.scorecard.channel.invalid", "channel must be CALL, CHAT, EMAIL or OTHER")
	}
	v.Check(utf8.RuneCountInString(in.InteractionRef) <= 200, "interactionRef", "rubric.scorecard.interaction_ref.too_long",
		"the interaction reference is at most 200 characters")
	v.Check(in.InteractionOn.IsZero() || !dateOf(in.InteractionOn).After(today), "interactionOn",
		"rubric.scorecard.interaction_on.future", "the interaction cannot have happened after today")
	v.Check(utf8.RuneCountInString(in.Comment) <= 4000, "comment", "rubric.scorecard.comment.too_long",
		"the comment is at most 4000 characters")

	byID := make(map[int64]*Criterion, len(criteria))
	for _, c := range criteria {
		byID[c.ID] = c
	}
	given := map[int64]bool{}
	var items []Scored
	for i, it := range in.Items {
		f := fmt.Sprintf("items[%d]", i)
		c := byID[it.CriterionID]
		switch {
		case c == nil:
			v.Add(f+".criterionId", "rubric.scorecard.criterion_unknown", "criterion %d is not in this rubric", it.CriterionID)
		case given[it.CriterionID]:
			v.Add(f+".criterionId", "rubric.scorecard.criterion_duplicate", "criterion %d is scored twice", it.CriterionID)
		default:
			items = append(items, Scored{Weight: c.Weight, Level: it.Level})
		}
		given[it.CriterionID] = true
		v.Check(it.Level >= 1 && it.Level <= maxLevel, f+".level", "rubric.scorecard.level_range",
			"level %d is outside the scale 1–%d", it.Level, maxLevel)
		v.Check(utf8.RuneCountInString(it.Comment) <= 4000, f+".comment", "rubric.scorecard.comment.too_long",
			"the comment is at most 4000 characters")
	}
	for _, c := range criteria {
		v.Check(given[c.ID], "items", "rubric.scorecard.criterion_missing", "criterion %q (%d) has no score", c.NameEN, c.ID)
	}
	return items, v.Err()
}
