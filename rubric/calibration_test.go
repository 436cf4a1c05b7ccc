package rubric_test

import (
	"slices"
	"testing"

	"github.com/rungs/rungs"
)

func TestCalibration(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, cs := f.published(t, "QA-CALL") // weights 2, 1, 1

	// CALL-1: three assessors disagree.
	a := f.score(t, f.trainer, f.agent, r, cs, "CALL-1", 5, 4, 3)  // (10+4+3)/20 = 85
	b := f.score(t, f.trainer2, f.agent, r, cs, "CALL-1", 3, 4, 3) // (6+4+3)/20 = 65
	c := f.score(t, f.manager, f.agent, r, cs, "CALL-1", 4, 4, 2)  // (8+4+2)/20 = 70
	// CALL-2: two assessors agree on everything.
	f.score(t, f.trainer, f.agent, r, cs, "CALL-2", 3, 3, 3)
	f.score(t, f.trainer2, f.agent, r, cs, "CALL-2", 3, 3, 3)
	// CALL-3: two assessors, close.
	f.score(t, f.trainer, f.agent, r, cs, "CALL-3", 4, 4, 4)
	f.score(t, f.hr, f.agent, r, cs, "CALL-3", 4, 4, 5)
	// CALL-4: one assessor only: nothing to calibrate.
	f.score(t, f.trainer, f.agent, r, cs, "CALL-4", 1, 1, 1)

	qa := f.as(t, f.trainer2)
	cal, err := f.store.Calibration(ctx, qa, r.ID, "CALL-1")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var scores []float64
	for _, sc := range cal.Scorecards {
		ids = append(ids, sc.ID)
		scores = append(scores, sc.WeightedScore)
	}
	if !slices.Equal(ids, []int64{a.ID, b.ID, c.ID}) || !slices.Equal(scores, []float64{85, 65, 70}) {
		t.Errorf("scorecards %v with scores %v", ids, scores)
	}
	if cal.MinScore != 65 || cal.MaxScore != 85 || cal.ScoreSpread != 20 {
		t.Errorf("scores %v–%v, spread %v; want 65–85, 20", cal.MinScore, cal.MaxScore, cal.ScoreSpread)
	}
	want := []struct {
		criterion int64
		levels    []int
		spread    int
		agree     bool
	}{
		{cs[0].ID, []int{5, 3, 4}, 2, false},
		{cs[1].ID, []int{4, 4, 4}, 0, true},
		{cs[2].ID, []int{3, 3, 2}, 1, false},
	}
	if len(cal.Criteria) != len(want) {
		t.Fatalf("criteria %v", cal.Criteria)
	}
	for i, w := range want {
		got := cal.Criteria[i]
		var levels []int
		for j, l := range got.Levels {
			levels = append(levels, l.Level)
			if l.ScorecardID != ids[j] || l.AssessorID != cal.Scorecards[j].AssessorID {
				t.Errorf("criterion %d level %d from %+v, want scorecard %d", i, j, l, ids[j])
			}
		}
		if got.CriterionID != w.criterion || !slices.Equal(levels, w.levels) || got.Spread != w.spread || got.Agree != w.agree {
			t.Errorf("criterion %d: %d levels %v spread %d agree %v; want %d %v %d %v",
				i, got.CriterionID, levels, got.Spread, got.Agree, w.criterion, w.levels, w.spread, w.agree)
		}
	}

	list, err := f.store.Calibrations(ctx, f.as(t, f.hr), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		ref                   string
		scorecards, assessors int
		spread                float64
		levelSpread           int
	}
	var got []summary
	for _, s := range list {
		got = append(got, summary{s.InteractionRef, s.Scorecards, s.Assessors, s.ScoreSpread, s.MaxLevelSpread})
		if s.RubricID != r.ID {
			t.Errorf("summary of rubric %d", s.RubricID)
		}
	}
	// CALL-3: 80 and 85.
	wantList := []summary{{"CALL-1", 3, 3, 20, 2}, {"CALL-3", 2, 2, 5, 1}, {"CALL-2", 2, 2, 0, 0}}
	if !slices.Equal(got, wantList) {
		t.Errorf("Calibrations = %v, want %v", got, wantList)
	}

	_, err = f.store.Calibration(ctx, qa, r.ID, "CALL-4")
	wantErr(t, err, rungs.ErrNotFound, "rubric.calibration.not_found", "")
	_, err = f.store.Calibration(ctx, qa, r.ID, "NO-SUCH-CALL")
	wantErr(t, err, rungs.ErrNotFound, "rubric.calibration.not_found", "")

	for _, who := range []int64{f.manager, f.agent} {
		_, err = f.store.Calibration(ctx, f.as(t, who), r.ID, "CALL-1")
		wantErr(t, err, rungs.ErrForbidden, "rubric.calibration.forbidden", "")
		_, err = f.store.Calibrations(ctx, f.as(t, who), r.ID)
		wantErr(t, err, rungs.ErrForbidden, "rubric.calibration.forbidden", "")
	}
	_, err = f.store.Calibrations(ctx, nil, r.ID)
	wantErr(t, err, rungs.ErrUnauthenticated, "", "")
}
