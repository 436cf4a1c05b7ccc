package rubric_test

import (
	"testing"

	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/rubric"
)

func TestScorecardReadAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// trainer owns the rubric; trainer2 scores the agent on it; the
	// manager observes the agent on a rubric trainer2 owns.
	r, cs := f.published(t, "QA-CALL")
	qa := f.score(t, f.trainer2, f.agent, r, cs, "CALL-1", 3, 3, 3)
	tr2 := f.as(t, f.trainer2)
	obsRubric, err := f.store.CreateRubric(ctx, tr2, rubric.RubricInput{Code: "OBS", NameEN: "Obs", NameZH: "观察", Purpose: "OBSERVATION"})
	if err != nil {
		t.Fatal(err)
	}
	obsCriteria, err := f.store.SetCriteria(ctx, tr2, obsRubric.ID, []rubric.CriterionInput{
		{CompetencyID: f.empathy, Weight: 1, NameEN: "Empathy", NameZH: "同理心", Descriptors: describe("e")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if obsRubric, err = f.store.Publish(ctx, tr2, obsRubric.ID); err != nil {
		t.Fatal(err)
	}
	obs := f.score(t, f.manager, f.agent, obsRubric, obsCriteria, "", 4)

	tests := []struct {
		name    string
		v       *auth.Viewer
		qa, obs bool
	}{
		{"the employee", f.as(t, f.agent), true, true},
		{"the QA assessor, who owns the other rubric", f.as(t, f.trainer2), true, true},
		{"the manager, assessor of one", f.as(t, f.manager), true, true},
		{"the manager's manager", f.as(t, f.director), true, true},
		{"HR", f.as(t, f.hr), true, true},
		{"admin", f.as(t, f.admin), true, true},
		{"the owner of the QA rubric", f.as(t, f.trainer), true, false},
		{"a peer", f.as(t, f.peer), false, false},
		{"another manager", f.as(t, f.otherManager), false, false},
		{"another employee", f.as(t, f.otherAgent), false, false},
		{"the owner without the TRAINER role", &auth.Viewer{EmployeeID: f.trainer}, false, false},
		{"anonymous", nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			byID, err := f.store.ScorecardsByIDs(ctx, tt.v, []int64{obs.ID, 999999, qa.ID})
			if err != nil {
				t.Fatal(err)
			}
			if (byID[0] != nil) != tt.obs || (byID[2] != nil) != tt.qa || byID[1] != nil {
				t.Errorf("ScorecardsByIDs sees observation %v, QA %v; want %v, %v", byID[0] != nil, byID[2] != nil, tt.obs, tt.qa)
			}
			of, err := f.store.ScorecardsOf(ctx, tt.v, []int64{f.peer, f.agent}, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, sees := range []bool{tt.obs, tt.qa} {
				if sees {
					want++
				}
			}
			if len(of[0]) != 0 || len(of[1]) != want {
				t.Errorf("ScorecardsOf = %d, %d scorecards; want 0, %d", len(of[0]), len(of[1]), want)
			}
		})
	}

	t.Run("NewestFirstAndByRubric", func(t *testing.T) {
		hr := f.as(t, f.hr)
		of, err := f.store.ScorecardsOf(ctx, hr, []int64{f.agent}, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Same scored_at (the fixed clock): the later id first.
		if len(of[0]) != 2 || of[0][0].ID != obs.ID || of[0][1].ID != qa.ID {
			t.Errorf("ScorecardsOf order %v", of[0])
		}
		of, err = f.store.ScorecardsOf(ctx, hr, []int64{f.agent}, r.ID)
		if err != nil || len(of[0]) != 1 || of[0][0].ID != qa.ID {
			t.Errorf("ScorecardsOf(rubric) = %v, %v", of, err)
		}
	})

	t.Run("OneStatementPerBatch", func(t *testing.T) {
		cctx, counter := postgres.NewContextWithCounter(ctx)
		ids := []int64{f.agent, f.peer, f.otherAgent, f.manager}
		if _, err := f.store.ScorecardsOf(cctx, f.as(t, f.hr), ids, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.ItemsOf(cctx, []int64{qa.ID, obs.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.CriteriaOf(cctx, []int64{r.ID, obsRubric.ID}); err != nil {
			t.Fatal(err)
		}
		if n := counter.Count(); n != 3 {
			t.Errorf("statements = %d, want 3", n)
		}
	})
}
