package competency_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
)

func TestExplainVerdicts(t *testing.T) {
	t.Parallel()
	r := competency.DefaultRule()
	rec := day(-14).Add(9 * time.Hour)
	rub := func(id int64, level int, observed time.Time) *competency.Evidence {
		return sample(id, competency.SourceRubric, "QA-CALLS", level, 80, id, observed)
	}
	type want struct {
		verdict string
		by      int64 // 0: none
	}
	check := func(t *testing.T, x competency.Explanation, wants map[int64]want) {
		t.Helper()
		if len(x.Evidence) != len(wants) {
			t.Fatalf("%d judgements, want %d", len(x.Evidence), len(wants))
		}
		for i, j := range x.Evidence {
			if i > 0 && j.Evidence.ObservedOn.After(x.Evidence[i-1].Evidence.ObservedOn) {
				t.Errorf("judgement %d is newer than the one before: not newest first", i)
			}
			w := wants[j.Evidence.ID]
			var by int64
			if j.By != nil {
				by = j.By.ID
			}
			if j.Verdict != w.verdict || by != w.by {
				t.Errorf("evidence %d (%s): %s by %d, want %s by %d", j.Evidence.ID, j.Evidence.Source, j.Verdict, by, w.verdict, w.by)
			}
			if j.ReasonEN == "" || j.ReasonZH == "" {
				t.Errorf("evidence %d: no reason", j.Evidence.ID)
			}
			if w.by != 0 && (!strings.Contains(j.ReasonEN, fmt.Sprintf("#%d", w.by)) || !strings.Contains(j.ReasonZH, fmt.Sprintf("#%d", w.by))) {
				t.Errorf("evidence %d: reason does not name #%d: %q / %q", j.Evidence.ID, w.by, j.ReasonEN, j.ReasonZH)
			}
		}
	}

	t.Run("ARatingDecides", func(t *testing.T) {
		evs := []*competency.Evidence{
			ev(1, competency.SourceManager, 3, day(-106), rec),
			ev(2, competency.SourceManager, 2, day(-165), rec),
			ev(3, competency.SourceSelf, 5, day(-14), rec),
			ev(4, competency.SourceTrainer, 4, day(-134), rec),
			ev(5, competency.SourceHR, 4, day(-1626), rec),
			ev(6, competency.SourceCourse, 2, day(-75), rec),
			ev(7, competency.SourceCourse, 4, day(-120), rec),
			rub(11, 4, day(-161)), rub(12, 4, day(-156)), rub(13, 4, day(-146)),
			rub(14, 4, day(-134)), rub(15, 4, day(-125)), rub(16, 4, day(-115)),
			rub(17, 5, day(-226)),
		}
		x := r.Explain(7, evs, nil, now)
		if x.Level != 3 || x.Proficiency.Evidence != evs[0] || !strings.Contains(x.SummaryEN, "#1") {
			t.Errorf("level %d, %+v, %q", x.Level, x.Proficiency, x.SummaryEN)
		}
		check(t, x, map[int64]want{
			1: {competency.VerdictCounted, 0},
			2: {competency.VerdictSuperseded, 1},
			3: {competency.VerdictOutranked, 1},
			4: {competency.VerdictOutranked, 1},
			5: {competency.VerdictOutsideWindow, 0},
			6: {competency.VerdictRaiseOnlyBelow, 1},
			7: {competency.VerdictOutranked, 1},
			// The last five scorecards are one voice, outranked by the later
			// rating; the sixth is superseded by the newest.
			11: {competency.VerdictSuperseded, 16},
			12: {competency.VerdictOutranked, 1}, 13: {competency.VerdictOutranked, 1}, 14: {competency.VerdictOutranked, 1},
			15: {competency.VerdictOutranked, 1}, 16: {competency.VerdictOutranked, 1},
			17: {competency.VerdictOutsideWindow, 0},
		})
	})

	t.Run("RubricDecidesThenACompletionRaises", func(t *testing.T) {
		evs := []*competency.Evidence{
			rub(11, 2, day(-75)), rub(12, 3, day(-66)), rub(13, 2, day(-45)),
			ev(1, competency.SourceManager, 4, day(-106), rec),
		}
		x := r.Explain(7, evs, nil, now)
		if x.Level != 2 || x.Proficiency.Source != competency.SourceRubric || x.Proficiency.Evidence.ID != 13 {
			t.Errorf("got %+v", x.Proficiency)
		}
		check(t, x, map[int64]want{
			11: {competency.VerdictCounted, 0}, 12: {competency.VerdictCounted, 0}, 13: {competency.VerdictCounted, 0},
			1: {competency.VerdictOutranked, 13},
		})
		course := ev(2, competency.SourceCourse, 3, day(-14), rec)
		x = r.Explain(7, append(evs, course), nil, now)
		if x.Level != 3 || x.Proficiency.Evidence != course {
			t.Errorf("got %+v, want the completion's 3", x.Proficiency)
		}
		check(t, x, map[int64]want{
			2:  {competency.VerdictCounted, 0},
			11: {competency.VerdictOutranked, 2}, 12: {competency.VerdictOutranked, 2}, 13: {competency.VerdictOutranked, 2},
			1: {competency.VerdictOutranked, 2},
		})
	})

	t.Run("OnlyOwnCompetency", func(t *testing.T) {
		other := ev(1, competency.SourceManager, 3, day(-106), rec)
		other.CompetencyID = 8
		x := r.Explain(7, []*competency.Evidence{other}, nil, now)
		if x.Level != 0 || len(x.Evidence) != 0 || x.Evidence == nil || x.SummaryEN != "No evidence counts yet." {
			t.Errorf("got %+v", x)
		}
	})
}

// TestExplainAgreesWithCurrent: without criteria, Explain and Current give
// the same level from the same evidence, on many generated cases.
func TestExplainAgreesWithCurrent(t *testing.T) {
	t.Parallel()
	r := competency.DefaultRule()
	rng := rand.New(rand.NewPCG(1, 2))
	sources := []string{competency.SourceSelf, competency.SourceManager, competency.SourceTrainer, competency.SourceHR,
		competency.SourceCourse, competency.SourceAssessment, competency.SourceRubric, competency.SourceKPI}
	for n := range 3000 {
		var evs []*competency.Evidence
		for i := range rng.IntN(10) {
			observed := now.AddDate(0, 0, -rng.IntN(1300))
			e := sample(int64(i+1), sources[rng.IntN(len(sources))], "QA-CALLS", 1+rng.IntN(5), 80, int64(i), observed)
			evs = append(evs, e)
		}
		p, ok := r.Current(evs, now)
		x := r.Explain(7, evs, nil, now)
		if ok != (x.Level > 0) || (ok && !sameProficiency(p, x.Proficiency)) {
			t.Fatalf("case %d: Current %+v (%v), Explain %+v", n, p, ok, x.Proficiency)
		}
		counted := 0
		for _, j := range x.Evidence {
			if j.Verdict == competency.VerdictCounted {
				counted++
				if j.Evidence.Source != p.Source {
					t.Fatalf("case %d: counted %s evidence, the level is from %s", n, j.Evidence.Source, p.Source)
				}
			}
		}
		if ok && counted != max(p.Samples, 1) {
			t.Fatalf("case %d: %d counted, want %d", n, counted, max(p.Samples, 1))
		}
	}
}

func sameProficiency(a, b competency.Proficiency) bool {
	id := func(e *competency.Evidence) int64 {
		if e == nil {
			return 0
		}
		return e.ID
	}
	return a.CompetencyID == b.CompetencyID && a.Level == b.Level && a.Source == b.Source && a.ObservedOn.Equal(b.ObservedOn) &&
		a.Stale == b.Stale && id(a.Evidence) == id(b.Evidence) && a.Samples == b.Samples && a.Default == b.Default &&
		a.MetCriteria == b.MetCriteria && a.CappedBy == b.CappedBy
}

// TestStoreExplainAgreesWithProficiencies generates evidence of every source
// for many employees, with criteria on both competencies, and checks at
// several clocks that Store.Explain gives exactly the level
// Store.Proficiencies gives.
func TestStoreExplainAgreesWithProficiencies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		comp  int64
		level int
		expr  string
	}{
		{f.empathy.ID, 2, `{"kpi": {"kpi": "CSAT", "min": 75, "lastN": 2}}`},
		{f.empathy.ID, 3, communication3},
		{f.empathy.ID, 5, `{"confirmedBy": ["HR", "TRAINER"], "minLevel": 5}`},
		{f.listening.ID, 1, `{"any": [{"assessmentPassed": {"assessment": "PRODUCT-TEST"}}, {"confirmedBy": ["MANAGER"], "minLevel": 1}]}`},
		{f.listening.ID, 4, `{"rubricAverage": {"rubric": "QA-CHATS", "min": 70, "lastN": 2}}`},
	} {
		if _, err := f.store.SetCriteria(ctx, admin, c.comp, c.level, json.RawMessage(c.expr)); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	sources := []string{competency.SourceSelf, competency.SourceManager, competency.SourceTrainer, competency.SourceHR,
		competency.SourceCourse, competency.SourceAssessment, competency.SourceRubric, competency.SourceKPI}
	instruments := map[string][]string{
		competency.SourceRubric:     {"QA-CALLS", "QA-CHATS"},
		competency.SourceKPI:        {"CSAT"},
		competency.SourceAssessment: {"CS-SCRIPTS-TEST", "PRODUCT-TEST"},
	}
	emps := []int64{f.agent, f.agent2, f.manager}
	for range 37 {
		emps = append(emps, mustEmployee(t, f))
	}
	comps := []int64{f.empathy.ID, f.listening.ID}
	for _, emp := range emps {
		for range 2 + rng.IntN(14) {
			src := sources[rng.IntN(len(sources))]
			inst := ""
			if is := instruments[src]; is != nil {
				inst = is[rng.IntN(len(is))]
			}
			// Half of it recent, so that samples combine and completions raise.
			age := rng.IntN(1200)
			if rng.IntN(2) == 0 {
				age = rng.IntN(150)
			}
			f.evidence(t, emp, comps[rng.IntN(2)], src, 1+rng.IntN(5), now.AddDate(0, 0, -age),
				inst, float64(55+rng.IntN(46)), int64(1+rng.IntN(12)))
		}
	}
	levels, outcomes := map[int]int{}, map[string]int{}
	for _, clock := range []time.Time{now, now.AddDate(0, 0, 100), now.AddDate(0, 0, 400), now.AddDate(0, 0, 179)} {
		s := competency.NewStore(f.db)
		s.Now = func() time.Time { return clock }
		got, err := s.Proficiencies(ctx, emps)
		if err != nil {
			t.Fatal(err)
		}
		for i, emp := range emps {
			for _, comp := range comps {
				x, err := s.Explain(ctx, emp, comp)
				if err != nil {
					t.Fatal(err)
				}
				p, ok := got[i][comp]
				if ok != (x.Level > 0) || (ok && !sameProficiency(p, x.Proficiency)) {
					t.Fatalf("at %s, employee %d, competency %d: Proficiencies %+v (%v), Explain %+v\n%s",
						clock.Format(time.DateOnly), emp, comp, p, ok, x.Proficiency, x.SummaryEN)
				}
				levels[x.Level]++
				q := x.Proficiency
				switch {
				case q.MetCriteria > 0:
					outcomes["raised"]++
				case q.CappedBy > 0 && x.Level > 0:
					outcomes["capped"]++
				case q.CappedBy > 0:
					outcomes["capped to nothing"]++
				case q.Samples > 0:
					outcomes["combined"]++
				case q.Source == competency.SourceCourse:
					outcomes["completion"]++
				case x.Level > 0:
					outcomes["single"]++
				}
			}
		}
	}
	// The generated cases reach every kind of outcome.
	t.Logf("levels: %v, outcomes: %v", levels, outcomes)
	if len(levels) < 5 || len(outcomes) < 6 {
		t.Errorf("generated cases reach only levels %v, outcomes %v", levels, outcomes)
	}
}

func mustEmployee(t *testing.T, f *fixture) int64 {
	t.Helper()
	var pos int64
	if err := f.db.Get(&pos, `SELECT position_id FROM employees WHERE id = $1`, f.agent); err != nil {
		t.Fatal(err)
	}
	return dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{PositionID: pos, ManagerID: f.manager})
}
