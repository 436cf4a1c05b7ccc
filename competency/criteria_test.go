package competency_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
)

// communication3 is the example: level 3 takes a QA rubric average
// of 85 or more over the last three sampled calls and the call-scripts test
// passed, or a manager's confirmation.
const communication3 = `{"any": [
	{"all": [
		{"rubricAverage": {"rubric": "QA-CALLS", "min": 85, "lastN": 3}},
		{"assessmentPassed": {"assessment": "CS-SCRIPTS-TEST"}}
	]},
	{"confirmedBy": ["MANAGER"], "minLevel": 3}
]}`

func problems(err error) map[string]string {
	var e *rungs.Error
	if !errors.As(err, &e) {
		return nil
	}
	out := map[string]string{}
	for _, d := range e.Details {
		out[d.Field] = d.Key
	}
	return out
}

func TestParseCriteria(t *testing.T) {
	t.Parallel()

	t.Run("OK", func(t *testing.T) {
		for _, src := range []string{
			communication3,
			`{"kpi": {"kpi": "AHT", "max": 300, "lastN": 3}}`,
			`{"kpi": {"kpi": "CSAT", "min": 90, "max": 100, "lastN": 2}}`,
			`{"assessmentPassed": {"assessment": "CS-SCRIPTS-TEST", "minScore": 90}}`,
			`{"confirmedBy": ["MANAGER", "TRAINER", "HR"], "minLevel": 5}`,
			`{"all": [{"all": [{"all": [{"any": [{"confirmedBy": ["HR"], "minLevel": 1}]}]}]}]}`, // depth 5
		} {
			if _, err := competency.ParseCriteria([]byte(src), 5); err != nil {
				t.Errorf("%s: %v", src, err)
			}
		}
		e, err := competency.ParseCriteria([]byte(communication3), 5)
		if err != nil {
			t.Fatal(err)
		}
		r := e.Any[0].All[0].RubricAverage
		if len(e.Any) != 2 || r == nil || r.Rubric != "QA-CALLS" || r.Min != 85 || r.LastN != 3 ||
			e.Any[0].All[1].AssessmentPassed.Assessment != "CS-SCRIPTS-TEST" ||
			!slices.Equal(e.Any[1].ConfirmedBy, []string{"MANAGER"}) || e.Any[1].MinLevel != 3 {
			t.Errorf("parsed %+v", e)
		}
	})

	t.Run("Err", func(t *testing.T) {
		cases := []struct {
			name string
			src  string
			want map[string]string // field -> key
		}{
			{"NotJSON", `{"all": [`, map[string]string{"expression": "competency.criteria.invalid_json"}},
			{"TwoValues", `{"confirmedBy": ["HR"], "minLevel": 1} {}`, map[string]string{"expression": "competency.criteria.invalid_json"}},
			{"NotObject", `[1]`, map[string]string{"expression": "competency.criteria.not_object"}},
			{"Null", `null`, map[string]string{"expression": "competency.criteria.not_object"}},
			{"UnknownKind", `{"rumour": true}`, map[string]string{"expression": "competency.criteria.kind"}},
			{"TwoKinds", `{"all": [], "any": []}`, map[string]string{"expression": "competency.criteria.kind"}},
			{"EmptyAll", `{"all": []}`, map[string]string{"expression.all": "competency.criteria.list"}},
			{"ChildNotObject", `{"any": [{"confirmedBy": ["HR"], "minLevel": 1}, 7]}`,
				map[string]string{"expression.any[1]": "competency.criteria.not_object"}},
			{"TooDeep", `{"all": [{"all": [{"all": [{"all": [{"all": [{"confirmedBy": ["HR"], "minLevel": 1}]}]}]}]}]}`,
				map[string]string{"expression.all[0].all[0].all[0].all[0].all[0]": "competency.criteria.too_deep"}},
			{"RubricAllWrong", `{"all": [{"rubricAverage": {"rubric": "qa calls", "min": 101, "lastN": 2.5, "max": 3}}]}`,
				map[string]string{
					"expression.all[0].rubricAverage.rubric": "competency.criteria.code",
					"expression.all[0].rubricAverage.min":    "competency.criteria.range",
					"expression.all[0].rubricAverage.lastN":  "competency.criteria.range",
					"expression.all[0].rubricAverage.max":    "competency.criteria.unknown_field",
				}},
			{"RubricMissing", `{"rubricAverage": {"rubric": "QA-CALLS"}}`, map[string]string{
				"expression.rubricAverage.min":   "competency.criteria.required",
				"expression.rubricAverage.lastN": "competency.criteria.required",
			}},
			{"RubricNegative", `{"rubricAverage": {"rubric": "QA-CALLS", "min": -1, "lastN": 0}}`, map[string]string{
				"expression.rubricAverage.min":   "competency.criteria.range",
				"expression.rubricAverage.lastN": "competency.criteria.range",
			}},
			{"RubricStringNumber", `{"rubricAverage": {"rubric": "QA-CALLS", "min": "85", "lastN": 3}}`, map[string]string{
				"expression.rubricAverage.min": "competency.criteria.range",
			}},
			{"KPINoBounds", `{"kpi": {"kpi": "CSAT", "lastN": 3}}`, map[string]string{"expression.kpi": "competency.criteria.required"}},
			{"KPIBoundsCrossed", `{"kpi": {"kpi": "CSAT", "min": 90, "max": 80, "lastN": 3}}`,
				map[string]string{"expression.kpi.max": "competency.criteria.range"}},
			{"AssessmentScore", `{"any": [{"assessmentPassed": {"assessment": "X", "minScore": 120}}]}`, map[string]string{
				"expression.any[0].assessmentPassed.assessment": "competency.criteria.code",
				"expression.any[0].assessmentPassed.minScore":   "competency.criteria.range",
			}},
			{"ConfirmedByWrong", `{"confirmedBy": ["MANAGER", "SELF", "MANAGER"], "minLevel": 6, "extra": 1}`, map[string]string{
				"expression.confirmedBy[1]": "competency.criteria.source",
				"expression.confirmedBy[2]": "competency.criteria.source",
				"expression.minLevel":       "competency.criteria.range",
				"expression.extra":          "competency.criteria.unknown_field",
			}},
			{"ConfirmedByEmpty", `{"confirmedBy": [], "minLevel": 2}`, map[string]string{"expression.confirmedBy": "competency.criteria.list"}},
			{"ConfirmedByNoLevel", `{"confirmedBy": ["HR"]}`, map[string]string{"expression.minLevel": "competency.criteria.required"}},
			{"TooLarge", `{"any": [` + strings.Repeat(`{"confirmedBy": ["HR"], "minLevel": 1},`, 500) + `{"confirmedBy": ["HR"], "minLevel": 1}]}`,
				map[string]string{"expression": "competency.criteria.too_large"}},
		}
		for _, c := range cases {
			_, err := competency.ParseCriteria([]byte(c.src), 5)
			var e *rungs.Error
			if !errors.As(err, &e) || e.Code != rungs.ErrBadUserInput {
				t.Errorf("%s: err = %v, want BAD_USER_INPUT", c.name, err)
				continue
			}
			if got := problems(err); !mapsEqual(got, c.want) {
				t.Errorf("%s: problems %v, want %v", c.name, got, c.want)
			}
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// criteria builds criteria of competency 7 (the pure tests' competency).
func criteria(t *testing.T, level int, src string) *competency.Criteria {
	t.Helper()
	e, err := competency.ParseCriteria([]byte(src), 5)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return &competency.Criteria{CompetencyID: 7, Level: level, Expression: json.RawMessage(src), Expr: e}
}

func TestCriteriaEvaluation(t *testing.T) {
	t.Parallel()
	r := competency.DefaultRule()
	rec := day(-14).Add(9 * time.Hour)
	call := func(id int64, score float64, observed time.Time) *competency.Evidence {
		return sample(id, competency.SourceRubric, "QA-CALLS", 2, score, id, observed)
	}
	// The test certifies another competency: criteria read every
	// competency's evidence.
	passed := sample(20, competency.SourceAssessment, "CS-SCRIPTS-TEST", 2, 92, 500, day(-26))
	passed.CompetencyID = 8
	goodCalls := []*competency.Evidence{call(11, 80, day(-45)), call(12, 90, day(-36)), call(13, 85, day(-26)), call(14, 95, day(-14))}
	self := ev(30, competency.SourceSelf, 1, day(-14), rec)
	c3 := criteria(t, 3, communication3)
	cat := func(parts ...[]*competency.Evidence) []*competency.Evidence { return slices.Concat(parts...) }
	other := func(e *competency.Evidence) *competency.Evidence {
		c := *e
		c.ID += 1000
		c.CompetencyID = 8
		return &c
	}

	cases := []struct {
		name  string
		evs   []*competency.Evidence
		crit  []*competency.Criteria
		level int
		// source and the criteria fields of the result
		source             string
		def, met, cappedBy int
	}{
		// Rubric average of the last three calls (90, 85, 95 -> 90) and
		// the test passed: level 3, though the evidence alone gives 2.
		{"RubricAndTestRaise", cat(goodCalls, []*competency.Evidence{passed}), []*competency.Criteria{c3}, 3, competency.SourceCriteria, 2, 3, 0},
		{"NoTestNoRaise", goodCalls, []*competency.Criteria{c3}, 2, competency.SourceRubric, 2, 0, 0},
		// The last three are 80, 85, 81: 82 < 85.
		{"LowAverage", cat([]*competency.Evidence{call(11, 99, day(-75)), call(12, 80, day(-45)),
			call(13, 85, day(-36)), call(14, 81, day(-26)), passed}), []*competency.Criteria{c3}, 2, competency.SourceRubric, 2, 0, 0},
		{"TooFewCalls", cat(goodCalls[2:], []*competency.Evidence{passed}), []*competency.Criteria{c3}, 2, competency.SourceRubric, 2, 0, 0},
		// Calls older than the rubric window do not count for criteria either.
		{"OldCallsDoNotCount", cat([]*competency.Evidence{call(11, 95, day(-257)), call(12, 95, day(-226))},
			goodCalls[3:], []*competency.Evidence{passed, self}), []*competency.Criteria{c3}, 2, competency.SourceRubric, 2, 0, 0},
		// Scorecards recorded against another competency count, once each.
		{"OtherCompetencysCalls", []*competency.Evidence{other(goodCalls[1]), other(goodCalls[2]), other(goodCalls[3]), passed, self},
			[]*competency.Criteria{c3}, 3, competency.SourceCriteria, 1, 3, 0},
		{"SameScorecardCountsOnce", []*competency.Evidence{goodCalls[2], other(goodCalls[2]), goodCalls[3], other(goodCalls[3]), passed, self},
			[]*competency.Criteria{c3}, 2, competency.SourceRubric, 2, 0, 0},
		// Or a manager's confirmation at 3.
		{"ManagerConfirms", []*competency.Evidence{ev(40, competency.SourceManager, 3, day(-75), rec)},
			[]*competency.Criteria{c3}, 3, competency.SourceManager, 3, 0, 0},
		// The same manager rating 4 later still confirms 3: no cap.
		{"ManagerRatesAbove", []*competency.Evidence{ev(40, competency.SourceManager, 4, day(-75), rec)},
			[]*competency.Criteria{c3}, 4, competency.SourceManager, 4, 0, 0},
		// A later rating of 2 withdraws the confirmation of 3.
		{"ConfirmationWithdrawn", []*competency.Evidence{ev(40, competency.SourceManager, 3, day(-106), rec),
			ev(41, competency.SourceManager, 2, day(-75), rec)}, []*competency.Criteria{c3}, 2, competency.SourceManager, 2, 0, 0},
		// A trainer's 4 without calls, test or manager: capped below 3.
		{"Cap", []*competency.Evidence{ev(40, competency.SourceTrainer, 4, day(-75), rec)},
			[]*competency.Criteria{c3}, 2, competency.SourceTrainer, 4, 0, 3},
		// Criteria above the evidence's level that are not met change nothing.
		{"UnmetAboveIsNoCap", []*competency.Evidence{ev(40, competency.SourceTrainer, 2, day(-75), rec)},
			[]*competency.Criteria{c3}, 2, competency.SourceTrainer, 2, 0, 0},
		// Unmet criteria at level 1 take the level away altogether.
		{"CapToNothing", []*competency.Evidence{ev(40, competency.SourceTrainer, 2, day(-75), rec)},
			[]*competency.Criteria{criteria(t, 1, `{"assessmentPassed": {"assessment": "CS-SCRIPTS-TEST"}}`)}, 0, "", 2, 0, 1},
		// Met criteria at 4 win over unmet criteria at 2.
		{"MetAboveUnmet", []*competency.Evidence{ev(40, competency.SourceTrainer, 3, day(-75), rec), passed},
			[]*competency.Criteria{criteria(t, 2, `{"confirmedBy": ["HR"], "minLevel": 2}`),
				criteria(t, 4, `{"assessmentPassed": {"assessment": "CS-SCRIPTS-TEST", "minScore": 90}}`)}, 4, competency.SourceCriteria, 3, 4, 0},
		{"MinScoreNotReached", []*competency.Evidence{ev(40, competency.SourceTrainer, 3, day(-75), rec), passed},
			[]*competency.Criteria{criteria(t, 4, `{"assessmentPassed": {"assessment": "CS-SCRIPTS-TEST", "minScore": 95}}`)}, 3, competency.SourceTrainer, 3, 0, 0},
		// Criteria give a level without any evidence in the competency.
		{"NoOwnEvidence", []*competency.Evidence{other(passed)},
			[]*competency.Criteria{criteria(t, 2, `{"assessmentPassed": {"assessment": "CS-SCRIPTS-TEST"}}`)}, 2, competency.SourceCriteria, 0, 2, 0},
		// KPI bounds: average handle time of the last two at most 300.
		{"KPIMax", []*competency.Evidence{sample(50, competency.SourceKPI, "AHT", 2, 280, 1, day(-45)),
			sample(51, competency.SourceKPI, "AHT", 2, 310, 2, day(-14))},
			[]*competency.Criteria{criteria(t, 3, `{"kpi": {"kpi": "AHT", "max": 300, "lastN": 2}}`)}, 3, competency.SourceCriteria, 2, 3, 0},
		{"KPIMaxMissed", []*competency.Evidence{sample(50, competency.SourceKPI, "AHT", 2, 300, 1, day(-45)),
			sample(51, competency.SourceKPI, "AHT", 2, 320, 2, day(-14))},
			[]*competency.Criteria{criteria(t, 3, `{"kpi": {"kpi": "AHT", "max": 300, "lastN": 2}}`)}, 2, competency.SourceKPI, 2, 0, 0},
	}
	for _, c := range cases {
		x := r.Explain(7, c.evs, c.crit, now)
		p := x.Proficiency
		if x.Level != c.level || p.Level != c.level || p.Source != c.source || p.Default != c.def || p.MetCriteria != c.met || p.CappedBy != c.cappedBy {
			t.Errorf("%s: level %d (proficiency %d from %q, default %d, met %d, capped by %d), want %d from %q, default %d, met %d, capped by %d\n%s",
				c.name, x.Level, p.Level, p.Source, p.Default, p.MetCriteria, p.CappedBy, c.level, c.source, c.def, c.met, c.cappedBy, x.SummaryEN)
		}
		if x.SummaryEN == "" || x.SummaryZH == "" {
			t.Errorf("%s: no summary", c.name)
		}
	}

	t.Run("Clauses", func(t *testing.T) {
		x := r.Explain(7, cat(goodCalls, []*competency.Evidence{passed}), []*competency.Criteria{c3}, now)
		if len(x.Criteria) != 1 || !x.Criteria[0].Met || x.Criteria[0].Level != 3 {
			t.Fatalf("criteria %+v", x.Criteria)
		}
		cl := x.Criteria[0].Clauses
		if len(cl) != 3 {
			t.Fatalf("clauses %+v", cl)
		}
		if c := cl[0]; c.Path != "any[0].all[0]" || c.Kind != "rubricAverage" || !c.Met || c.Actual != 90 || c.Count != 3 ||
			!slices.Equal(c.Evidence, []int64{14, 13, 12}) || !strings.Contains(c.EN, "90.00 over 3") || !strings.Contains(c.ZH, "QA-CALLS") {
			t.Errorf("rubric clause %+v", c)
		}
		if c := cl[1]; c.Path != "any[0].all[1]" || !c.Met || c.Actual != 92 || !c.Known {
			t.Errorf("test clause %+v", c)
		}
		if c := cl[2]; c.Path != "any[1]" || c.Kind != "confirmedBy" || c.Met || c.Known || c.EN == "" || c.ZH == "" {
			t.Errorf("confirmation clause %+v", c)
		}
		// Criteria met are dated by the newest evidence they rest on.
		if !x.Proficiency.ObservedOn.Equal(day(-14)) || x.Proficiency.Evidence != nil {
			t.Errorf("proficiency %+v", x.Proficiency)
		}
	})
}

// evidence inserts a piece of evidence by plain SQL: any source, with an
// instrument for ASSESSMENT, RUBRIC and KPI and a course for COURSE.
func (f *fixture) evidence(t *testing.T, emp, comp int64, source string, level int, observed time.Time, instrument string, score float64, ref int64) *competency.Evidence {
	t.Helper()
	var assessor, course sql.NullInt64
	var inst sql.NullString
	var sc sql.NullFloat64
	var rid sql.NullInt64
	switch source {
	case competency.SourceSelf:
		assessor = sql.NullInt64{Int64: emp, Valid: true}
	case competency.SourceManager, competency.SourceTrainer, competency.SourceHR:
		assessor = sql.NullInt64{Int64: f.manager, Valid: true}
		if emp == f.manager {
			assessor.Int64 = f.agent
		}
	case competency.SourceCourse:
		course = sql.NullInt64{Int64: f.course(t), Valid: true}
	default:
		inst, sc, rid = sql.NullString{String: instrument, Valid: true}, sql.NullFloat64{Float64: score, Valid: true}, sql.NullInt64{Int64: ref, Valid: true}
	}
	var e competency.Evidence
	err := f.db.Get(&e, `
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, assessor_id, course_id,
			observed_on, instrument, score, ref_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
		emp, comp, f.v1.ID, level, source, assessor, course, observed, inst, sc, rid)
	if err != nil {
		t.Fatalf("evidence %s: %v", source, err)
	}
	return &e
}

// course returns a course for COURSE evidence, creating it once.
func (f *fixture) course(t *testing.T) int64 {
	t.Helper()
	var id int64
	err := f.db.Get(&id, `
		WITH c AS (
			INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id)
			VALUES ('CALL-SCRIPTS', 'Call scripts', '话术', 'E_LEARNING', 2, $1)
			ON CONFLICT (code) DO NOTHING RETURNING id)
		SELECT id FROM c UNION ALL SELECT id FROM courses WHERE code = 'CALL-SCRIPTS'`, f.manager)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

var admin = &auth.Viewer{Roles: []auth.Role{auth.RoleEmployee, auth.RoleAdmin}}

func TestSetCriteria(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	by := &auth.Viewer{EmployeeID: f.manager, Roles: admin.Roles}

	t.Run("OK", func(t *testing.T) {
		c, err := f.store.SetCriteria(ctx, by, f.empathy.ID, 3, json.RawMessage(communication3))
		if err != nil {
			t.Fatal(err)
		}
		if c.CompetencyID != f.empathy.ID || c.Level != 3 || c.CreatedBy.Int64 != f.manager || c.Expr == nil {
			t.Errorf("got %+v", c)
		}
		// Stored in canonical form, the same expression.
		var stored, given any
		if err := json.Unmarshal(c.Expression, &stored); err != nil {
			t.Fatal(err)
		}
		_ = json.Unmarshal([]byte(communication3), &given)
		if a, b := mustJSON(t, stored), mustJSON(t, given); a != b {
			t.Errorf("stored %s, want %s", a, b)
		}
		// Setting again replaces.
		if _, err := f.store.SetCriteria(ctx, by, f.empathy.ID, 3, json.RawMessage(`{"confirmedBy": ["HR"], "minLevel": 3}`)); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.SetCriteria(ctx, by, f.listening.ID, 2, json.RawMessage(`{"kpi": {"kpi": "CSAT", "min": 80, "lastN": 2}}`)); err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.SetCriteria(ctx, by, f.empathy.ID, 1, json.RawMessage(`{"confirmedBy": ["MANAGER"], "minLevel": 1}`)); err != nil {
			t.Fatal(err)
		}
		cctx, counter := postgres.NewContextWithCounter(ctx)
		got, err := f.store.CriteriaOf(cctx, []int64{f.listening.ID, -1, f.empathy.ID})
		if err != nil {
			t.Fatal(err)
		}
		if counter.Count() != 1 {
			t.Errorf("%d statements, want 1", counter.Count())
		}
		levels := func(cs []*competency.Criteria) (ls []int) {
			for _, c := range cs {
				ls = append(ls, c.Level)
			}
			return ls
		}
		if len(got) != 3 || !slices.Equal(levels(got[0]), []int{2}) || len(got[1]) != 0 || !slices.Equal(levels(got[2]), []int{1, 3}) {
			t.Fatalf("got %v %v %v", levels(got[0]), levels(got[1]), levels(got[2]))
		}
		if !strings.Contains(string(got[2][1].Expression), `"HR"`) {
			t.Errorf("level 3 not replaced: %s", got[2][1].Expression)
		}

		// Delete, and delete again: nothing to remove is not an error.
		for range 2 {
			if err := f.store.DeleteCriteria(ctx, by, f.empathy.ID, 1); err != nil {
				t.Fatal(err)
			}
		}
		got, _ = f.store.CriteriaOf(ctx, []int64{f.empathy.ID})
		if !slices.Equal(levels(got[0]), []int{3}) {
			t.Errorf("after delete: %v", levels(got[0]))
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		for _, v := range []*auth.Viewer{nil, {EmployeeID: f.manager, Roles: []auth.Role{auth.RoleHR, auth.RoleManager, auth.RoleTrainer}}} {
			_, err := f.store.SetCriteria(ctx, v, f.empathy.ID, 3, json.RawMessage(communication3))
			wantErr(t, err, rungs.ErrForbidden, "competency.criteria.forbidden", "")
			wantErr(t, f.store.DeleteCriteria(ctx, v, f.empathy.ID, 3), rungs.ErrForbidden, "competency.criteria.forbidden", "")
		}
	})

	t.Run("ErrAllAtOnce", func(t *testing.T) {
		_, err := f.store.SetCriteria(ctx, by, -1, 6, json.RawMessage(`{"any": [{"confirmedBy": ["SELF"], "minLevel": 6}]}`))
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
		want := map[string]string{
			"competencyId":                     "competency.not_in_framework",
			"level":                            "competency.level.range",
			"expression.any[0].confirmedBy[0]": "competency.criteria.source",
			"expression.any[0].minLevel":       "competency.criteria.range",
		}
		if got := problems(err); !mapsEqual(got, want) {
			t.Errorf("problems %v, want %v", got, want)
		}
	})

	t.Run("ErrNotInPublishedFramework", func(t *testing.T) {
		c, err := f.store.CreateCompetency(ctx, 0, competency.CompetencyInput{Code: "DRAFT_ONLY", CategoryCode: "SERVICE", NameEN: "Draft", NameZH: "草稿"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.store.SetCriteria(ctx, by, c.ID, 2, json.RawMessage(`{"confirmedBy": ["HR"], "minLevel": 2}`))
		wantErr(t, err, rungs.ErrBadUserInput, "competency.not_in_framework", "competencyId")
	})

	t.Run("ErrTableCheck", func(t *testing.T) {
		// The table itself keeps non-objects out.
		_, err := f.db.Exec(`INSERT INTO competency_level_criteria (competency_id, level, expression) VALUES ($1, 2, '[1]')`, f.empathy.ID)
		if err == nil {
			t.Error("an array was stored as an expression")
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestProficienciesWithCriteria(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.store.SetCriteria(ctx, admin, f.empathy.ID, 3, json.RawMessage(communication3)); err != nil {
		t.Fatal(err)
	}
	// Listening 2 takes a CSAT average of 80 over the last two months.
	if _, err := f.store.SetCriteria(ctx, admin, f.listening.ID, 2, json.RawMessage(`{"kpi": {"kpi": "CSAT", "min": 80, "lastN": 2}}`)); err != nil {
		t.Fatal(err)
	}

	// agent: QA calls recorded against listening, the test against
	// empathy at level 2: empathy rises to 3. Listening's rubric 2 is
	// capped at 1: no CSAT results.
	for i, score := range []float64{88, 90, 86} {
		f.evidence(t, f.agent, f.listening.ID, competency.SourceRubric, 2, day(-45+7*i), "QA-CALLS", score, int64(100+i))
	}
	f.evidence(t, f.agent, f.empathy.ID, competency.SourceAssessment, 2, day(-16), "CS-SCRIPTS-TEST", 90, 7)
	f.rate(t, f.agent, f.empathy.ID, 1, competency.SourceSelf, day(-14))
	// agent2: a trainer's 4 in empathy but no calls, test or manager's
	// word: capped at 2. CSAT results give listening 2 without a rating.
	f.rate(t, f.agent2, f.empathy.ID, 4, competency.SourceTrainer, day(-10))
	f.evidence(t, f.agent2, f.empathy.ID, competency.SourceKPI, 1, day(-46), "CSAT", 78, 1)
	f.evidence(t, f.agent2, f.empathy.ID, competency.SourceKPI, 1, day(-15), "CSAT", 84, 2)

	got, err := f.store.Proficiencies(ctx, []int64{f.agent, f.agent2, f.manager})
	if err != nil {
		t.Fatal(err)
	}
	if p := got[0][f.empathy.ID]; p.Level != 3 || p.Source != competency.SourceCriteria || p.MetCriteria != 3 || p.Default != 2 {
		t.Errorf("agent empathy: %+v, want 3 from criteria", p)
	}
	if p := got[0][f.listening.ID]; p.Level != 1 || p.Source != competency.SourceRubric || p.Samples != 3 || p.CappedBy != 2 {
		t.Errorf("agent listening: %+v, want the rubric's 2 capped at 1", p)
	}
	if p := got[1][f.empathy.ID]; p.Level != 2 || p.CappedBy != 3 || p.Default != 4 || p.Source != competency.SourceTrainer {
		t.Errorf("agent2 empathy: %+v, want the trainer's 4 capped at 2", p)
	}
	if p, ok := got[1][f.listening.ID]; !ok || p.Level != 2 || p.Source != competency.SourceCriteria {
		t.Errorf("agent2 listening: %+v, want 2 from the CSAT criteria", p)
	}
	if len(got[2]) != 0 {
		t.Errorf("manager: %v, want nothing", got[2])
	}

	t.Run("TheClockDecides", func(t *testing.T) {
		// Half a year on, the calls and CSAT results are outside their
		// window: the raise goes, and so does the level without evidence.
		s := competency.NewStore(f.db)
		s.Now = func() time.Time { return now.AddDate(0, 7, 0) }
		later, err := s.Proficiencies(ctx, []int64{f.agent, f.agent2})
		if err != nil {
			t.Fatal(err)
		}
		if p := later[0][f.empathy.ID]; p.Level != 2 || p.Source != competency.SourceAssessment || p.MetCriteria != 0 {
			t.Errorf("agent empathy later: %+v, want the test's 2", p)
		}
		if _, ok := later[1][f.listening.ID]; ok {
			t.Errorf("agent2 listening later: %+v, want none", later[1][f.listening.ID])
		}
	})

	t.Run("TwoStatements", func(t *testing.T) {
		pos := dbtest.MustCreatePosition(t, f.db, "", 1)
		var emps []int64
		for i := range 30 {
			id := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{PositionID: pos, ManagerID: f.manager})
			emps = append(emps, id)
			f.evidence(t, id, f.listening.ID, competency.SourceRubric, 2, day(-45), "QA-CALLS", float64(60+i), int64(1000+i))
			f.rate(t, id, f.empathy.ID, 1+i%5, competency.SourceManager, day(-134))
		}
		for _, n := range []int{1, 30} {
			cctx, counter := postgres.NewContextWithCounter(ctx)
			got, err := f.store.Proficiencies(cctx, emps[:n])
			if err != nil {
				t.Fatal(err)
			}
			if c := counter.Count(); c != 2 {
				t.Errorf("%d employees: %d statements, want 2", n, c)
			}
			for i := range n {
				// The manager's 3 confirms level 3, so nobody is capped.
				if p := got[i][f.empathy.ID]; p.Level != 1+i%5 {
					t.Errorf("employee %d empathy: %+v, want %d", i, p, 1+i%5)
				}
			}
		}
	})
}
