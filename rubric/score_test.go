package rubric_test

import (
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/rubric"
)

func TestWeightedScore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		items []rubric.Scored
		max   int
		want  float64
	}{
		{"top level everywhere", []rubric.Scored{{1, 5}, {3, 5}}, 5, 100},
		{"lowest level is 1/max", []rubric.Scored{{1, 1}, {1, 1}}, 5, 20},
		{"equal weights average", []rubric.Scored{{1, 3}, {1, 4}}, 5, 70},
		{"unequal weights: 3×5 and 1×1", []rubric.Scored{{3, 5}, {1, 1}}, 5, 80},
		{"unequal weights: 2, 1, 1", []rubric.Scored{{2, 5}, {1, 4}, {1, 3}}, 5, 85},
		{"weights summing to 100", []rubric.Scored{{10, 5}, {30, 3}, {60, 1}}, 5, 40},
		{"same weights scaled down", []rubric.Scored{{1, 5}, {3, 3}, {6, 1}}, 5, 40},
		{"fractional weights", []rubric.Scored{{0.5, 2}, {1.25, 5}}, 5, 82.86}, // 7.25 / 8.75
		{"thirds round down", []rubric.Scored{{1, 1}, {1, 1}, {1, 2}}, 3, 44.44},
		{"half a hundredth rounds up", []rubric.Scored{{1, 2}, {15, 1}}, 2, 53.13}, // 17 / 32 = 53.125
		{"a four-level scale", []rubric.Scored{{1, 3}}, 4, 75},
		{"no criteria", nil, 5, 0},
	}
	for _, tt := range tests {
		if got := rubric.WeightedScore(tt.items, tt.max); got != tt.want {
			t.Errorf("%s: WeightedScore(%v, %d) = %v, want %v", tt.name, tt.items, tt.max, got, tt.want)
		}
	}
}

func TestScoreWritesEvidence(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, cs := f.published(t, "QA-CALL")

	sc := f.score(t, f.trainer, f.agent, r, cs, "TICKET-42", 5, 4, 3)
	if sc.WeightedScore != 85 || sc.AssessorID != f.trainer || sc.EmployeeID != f.agent || sc.FrameworkID != f.framework {
		t.Errorf("scorecard %+v", sc)
	}
	if sc.Channel.String != "CALL" || sc.InteractionRef.String != "TICKET-42" || !sc.InteractionOn.Time.Equal(day(-3)) ||
		!sc.ScoredAt.Equal(now) || sc.Comment != "overall" {
		t.Errorf("scorecard interaction %+v", sc)
	}
	its, err := f.store.ItemsOf(ctx, []int64{sc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var levels []int
	for _, it := range its[0] {
		levels = append(levels, it.Level)
	}
	if !slices.Equal(levels, []int{5, 4, 3}) || its[0][0].Comment != "Empathy: 5" {
		t.Errorf("items %v", its[0])
	}

	type ev struct {
		CompetencyID int64           `db:"competency_id"`
		FrameworkID  int64           `db:"framework_id"`
		Level        int             `db:"level"`
		Source       string          `db:"source"`
		AssessorID   int64           `db:"assessor_id"`
		Comment      string          `db:"comment"`
		ObservedOn   time.Time       `db:"observed_on"`
		Instrument   string          `db:"instrument"`
		Score        sql.NullFloat64 `db:"score"`
		RefID        int64           `db:"ref_id"`
	}
	evidence := func(employee int64) []ev {
		var evs []ev
		if err := f.db.Select(&evs, `
			SELECT competency_id, framework_id, level, source, assessor_id, comment, observed_on, instrument, score, ref_id
			FROM competency_evidence WHERE employee_id = $1 ORDER BY ref_id, competency_id`, employee); err != nil {
			t.Fatal(err)
		}
		return evs
	}
	want := []ev{
		{f.empathy, f.framework, 5, "RUBRIC", f.trainer, "Empathy: 5", day(-3), "QA-CALL", sql.NullFloat64{Float64: 85, Valid: true}, sc.ID},
		{f.listening, f.framework, 4, "RUBRIC", f.trainer, "Listening: 4", day(-3), "QA-CALL", sql.NullFloat64{Float64: 85, Valid: true}, sc.ID},
		{f.resolution, f.framework, 3, "RUBRIC", f.trainer, "Resolution: 3", day(-3), "QA-CALL", sql.NullFloat64{Float64: 85, Valid: true}, sc.ID},
	}
	got := evidence(f.agent)
	slices.SortFunc(want, func(a, b ev) int { return int(a.CompetencyID - b.CompetencyID) })
	if len(got) != len(want) {
		t.Fatalf("evidence = %+v, want %+v", got, want)
	}
	for i := range want {
		got[i].ObservedOn = got[i].ObservedOn.UTC()
		if got[i] != want[i] {
			t.Errorf("evidence[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}

	// Without an interaction (an observation), the evidence is of today.
	obs, err := f.store.Score(ctx, f.as(t, f.manager), rubric.ScoreInput{
		RubricID: r.ID, EmployeeID: f.peer, Items: items(cs, 1, 1, 2),
	})
	if err != nil {
		t.Fatal(err)
	}
	if obs.Channel.Valid || obs.InteractionRef.Valid || obs.InteractionOn.Valid || obs.WeightedScore != 25 {
		t.Errorf("observation scorecard %+v", obs)
	}
	for _, e := range evidence(f.peer) {
		if !e.ObservedOn.Equal(today) || e.AssessorID != f.manager || e.RefID != obs.ID || e.Score.Float64 != 25 {
			t.Errorf("observation evidence %+v", e)
		}
	}
}

func TestScoreAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, cs := f.published(t, "QA-CALL")
	tests := []struct {
		name     string
		by       *auth.Viewer
		employee int64
		code     string // "" for success
		key      string
	}{
		{"trainer scores someone in their scope", f.as(t, f.trainer2), f.otherAgent, "", ""},
		{"manager scores their report", f.as(t, f.manager), f.agent, "", ""},
		{"manager's manager scores down the line", f.as(t, f.director), f.agent, "", ""},
		{"HR scores anyone", f.as(t, f.hr), f.agent, "", ""},
		{"admin scores anyone", f.as(t, f.admin), f.otherAgent, "", ""},
		{"manager of someone else", f.as(t, f.otherManager), f.agent, rungs.ErrForbidden, "rubric.scorecard.forbidden"},
		{"peer", f.as(t, f.peer), f.agent, rungs.ErrForbidden, "rubric.scorecard.forbidden"},
		{"report scores their manager", f.as(t, f.agent), f.manager, rungs.ErrForbidden, "rubric.scorecard.forbidden"},
		{"self, even as trainer", f.as(t, f.trainer), f.trainer, rungs.ErrForbidden, "rubric.scorecard.self"},
		{"self as manager", f.as(t, f.manager), f.manager, rungs.ErrForbidden, "rubric.scorecard.self"},
		{"anonymous", nil, f.agent, rungs.ErrUnauthenticated, ""},
		{"unknown employee", f.as(t, f.hr), 999999, rungs.ErrNotFound, "rubric.employee.not_found"},
		// A trainer scores the people HR put in their scope, no one else:
		// a score is evidence that can lower someone's levels. This used to
		// be "a trainer scores anyone".
		{"trainer outside their scope", f.as(t, f.trainer2), f.manager, rungs.ErrForbidden, "rubric.scorecard.forbidden"},
		{"trainer scores HR", f.as(t, f.trainer), f.hr, rungs.ErrForbidden, "rubric.scorecard.forbidden"},
		{"unknown employee as a trainer", f.as(t, f.trainer), 999999, rungs.ErrForbidden, "rubric.scorecard.forbidden"},
		{"scope without the TRAINER role", &auth.Viewer{EmployeeID: f.trainer}, f.agent, rungs.ErrForbidden, "rubric.scorecard.forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := f.store.Score(ctx, tt.by, rubric.ScoreInput{RubricID: r.ID, EmployeeID: tt.employee, Items: items(cs, 3, 3, 3)})
			if tt.code == "" {
				if err != nil || sc.EmployeeID != tt.employee || sc.AssessorID != tt.by.EmployeeID {
					t.Errorf("Score = %+v, %v", sc, err)
				}
				return
			}
			wantErr(t, err, tt.code, tt.key, "")
		})
	}
	var refused int
	if err := f.db.Get(&refused, `
		SELECT count(*) FROM competency_evidence
		WHERE (employee_id IN ($1, $2) AND assessor_id IN ($3, $4)) OR employee_id IN ($5, $6)`,
		f.agent, f.manager, f.otherManager, f.peer, f.hr, f.manager); err != nil || refused != 0 {
		t.Errorf("evidence from refused scorings = %d, %v", refused, err)
	}
}

// TestScoreNeedsScope: a revoked grant takes the trainer's right to score
// with it; HR's levels are never a trainer's to lower.
func TestScoreNeedsScope(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, cs := f.published(t, "QA-CALL")
	score := func(by, employee int64) error {
		_, err := f.store.Score(ctx, f.as(t, by), rubric.ScoreInput{RubricID: r.ID, EmployeeID: employee, Items: items(cs, 1, 1, 1)})
		return err
	}
	if err := score(f.trainer, f.agent); err != nil {
		t.Fatalf("in scope: %v", err)
	}
	if _, err := f.db.Exec(`UPDATE training_scopes SET revoked_at = now(), revoked_by = $2 WHERE trainer_id = $1`, f.trainer, f.hr); err != nil {
		t.Fatal(err)
	}
	wantErr(t, score(f.trainer, f.peer), rungs.ErrForbidden, "rubric.scorecard.forbidden", "")
	wantErr(t, score(f.trainer2, f.hr), rungs.ErrForbidden, "rubric.scorecard.forbidden", "")
	var n int
	if err := f.db.Get(&n, `SELECT count(*) FROM scorecards WHERE employee_id IN ($1, $2)`, f.peer, f.hr); err != nil || n != 0 {
		t.Errorf("%d scorecards from refused scorings (%v)", n, err)
	}
}

func TestScoreValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, cs := f.published(t, "QA-CALL")
	trainer := f.as(t, f.trainer)

	t.Run("ErrManyAtOnce", func(t *testing.T) {
		_, err := f.store.Score(ctx, trainer, rubric.ScoreInput{
			RubricID: r.ID, EmployeeID: f.agent, Channel: "fax", InteractionOn: day(1),
			Items: []rubric.ItemInput{
				{CriterionID: cs[0].ID, Level: 6},
				{CriterionID: cs[0].ID, Level: 3},
				{CriterionID: 999999, Level: 0},
			},
		})
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
		want := []string{
			"channel rubric.scorecard.channel.invalid",
			"interactionOn rubric.scorecard.interaction_on.future",
			"items rubric.scorecard.criterion_missing",
			"items rubric.scorecard.criterion_missing",
			"items[0].level rubric.scorecard.level_range",
			"items[1].criterionId rubric.scorecard.criterion_duplicate",
			"items[2].criterionId rubric.scorecard.criterion_unknown",
			"items[2].level rubric.scorecard.level_range",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems =\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("TodayIsNotTheFuture", func(t *testing.T) {
		if _, err := f.store.Score(ctx, trainer, rubric.ScoreInput{
			RubricID: r.ID, EmployeeID: f.agent, InteractionOn: today, Items: items(cs, 1, 2, 3),
		}); err != nil {
			t.Error(err)
		}
	})
	t.Run("ErrNotPublished", func(t *testing.T) {
		d, err := f.store.CreateRubric(ctx, trainer, rubric.RubricInput{Code: "DRAFTY", NameEN: "d", NameZH: "d", Purpose: "OBSERVATION"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.store.Score(ctx, trainer, rubric.ScoreInput{RubricID: d.ID, EmployeeID: f.agent})
		wantErr(t, err, rungs.ErrConflict, "rubric.not_published", "")
		_, err = f.store.Score(ctx, trainer, rubric.ScoreInput{RubricID: 999999, EmployeeID: f.agent})
		wantErr(t, err, rungs.ErrNotFound, "rubric.not_found", "")
	})
	t.Run("ErrOutdated", func(t *testing.T) {
		// A new framework version archived a criterion's competency.
		if _, err := f.db.Exec(`UPDATE competency_versions SET archived = true WHERE competency_id = $1`, f.resolution); err != nil {
			t.Fatal(err)
		}
		defer f.db.Exec(`UPDATE competency_versions SET archived = false WHERE competency_id = $1`, f.resolution)
		_, err := f.store.Score(ctx, trainer, rubric.ScoreInput{RubricID: r.ID, EmployeeID: f.agent, Items: items(cs, 1, 2, 3)})
		wantErr(t, err, rungs.ErrConflict, "rubric.criteria.outdated", "")
	})
}

func TestScoreSameInteractionTwice(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, cs := f.published(t, "QA-CALL")
	f.score(t, f.trainer, f.agent, r, cs, "CALL-7", 4, 4, 4)

	_, err := f.store.Score(ctx, f.as(t, f.trainer), rubric.ScoreInput{
		RubricID: r.ID, EmployeeID: f.agent, InteractionRef: " CALL-7 ", Items: items(cs, 1, 1, 1),
	})
	wantErr(t, err, rungs.ErrConflict, "rubric.scorecard.duplicate", "interactionRef")

	// Another assessor of the same interaction is calibration, and the same
	// assessor may observe without naming an interaction as often as needed.
	f.score(t, f.trainer2, f.agent, r, cs, "CALL-7", 4, 4, 4)
	for range 2 {
		if _, err := f.store.Score(ctx, f.as(t, f.trainer), rubric.ScoreInput{RubricID: r.ID, EmployeeID: f.agent, Items: items(cs, 2, 2, 2)}); err != nil {
			t.Fatal(err)
		}
	}
	var scorecards, evidence int
	if err := f.db.Get(&scorecards, `SELECT count(*) FROM scorecards`); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Get(&evidence, `SELECT count(*) FROM competency_evidence`); err != nil {
		t.Fatal(err)
	}
	// The refused scorecard left nothing behind.
	if scorecards != 4 || evidence != 12 {
		t.Errorf("scorecards %d, evidence %d; want 4 and 12", scorecards, evidence)
	}
}
