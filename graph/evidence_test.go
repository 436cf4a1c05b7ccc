package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/dbtest"
)

// upload sends a GraphQL multipart request (the multipart request spec)
// with one file bound to the variable "file".
func (e *env) upload(t *testing.T, token, query, filename, content string) *response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"file": nil}})
	w.WriteField("operations", string(ops))
	w.WriteField("map", `{"0": ["variables.file"]}`)
	part, _ := w.CreateFormFile("0", filename)
	io.WriteString(part, content)
	w.Close()
	req, _ := http.NewRequest("POST", e.url+"/graphql", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("GraphQL-Require-Preflight", "1") // as the web app sends it
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := &response{Status: res.StatusCode}
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("response %d is not JSON: %s", res.StatusCode, b)
	}
	return out
}

// levelOf reads the viewer's current level and its source in one competency.
func (e *env) levelOf(t *testing.T, token, code string) (int, string) {
	t.Helper()
	var me struct {
		Competencies []struct {
			Level      *int
			Source     *string
			Competency struct{ Code string }
		}
	}
	decode(t, e.do(t, token, `{ me { competencies { level source competency { code } } } }`, nil), "me", &me)
	for _, c := range me.Competencies {
		if c.Competency.Code == code && c.Level != nil {
			return *c.Level, *c.Source
		}
	}
	return 0, ""
}

// TestAgentTakesATest: a trainer writes and publishes a test; the agent
// takes it without ever seeing the answers, passes, and her level rises with
// the test as the reason the explanation gives.
func TestAgentTakesATest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	trainer, agent := e.login(t, "trainer@rungs.demo"), e.login(t, "agent@rungs.demo")
	comp := e.competencyID(t, "PRODUCT_KNOWLEDGE")
	before, _ := e.levelOf(t, agent, "PRODUCT_KNOWLEDGE")
	if before >= 5 {
		t.Fatalf("agent already at %d", before)
	}

	var a struct{ ID string }
	decode(t, e.do(t, trainer, `mutation($in: AssessmentInput!) { createAssessment(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"code": "GT-PRODUCT", "titleEn": "Product check", "titleZh": "产品知识测验", "passMark": 70, "maxAttempts": 2,
		"certifies": []map[string]any{{"competencyId": comp, "level": before + 1}},
	}}), "createAssessment", &a)
	questions := []map[string]any{
		{"kind": "SINGLE_CHOICE", "textEn": "Which plan has no contract?", "textZh": "哪个套餐无合约？", "points": 2,
			"options": []map[string]any{{"textEn": "Flex", "textZh": "灵活套餐", "correct": true}, {"textEn": "Annual", "textZh": "年度套餐", "correct": false}}},
		{"kind": "MULTIPLE_CHOICE", "textEn": "Which channels are 24/7?", "textZh": "哪些渠道全天候？", "points": 2,
			"options": []map[string]any{{"textEn": "Chat", "textZh": "在线聊天", "correct": true}, {"textEn": "Phone", "textZh": "电话", "correct": true},
				{"textEn": "Branch", "textZh": "门店", "correct": false}}},
		{"kind": "TRUE_FALSE", "textEn": "Refunds take 7 days.", "textZh": "退款需 7 天。", "points": 1,
			"options": []map[string]any{{"textEn": "True", "textZh": "对", "correct": true}, {"textEn": "False", "textZh": "错", "correct": false}}},
	}
	if res := e.do(t, trainer, `mutation($id: ID!, $q: [QuestionInput!]!) { setQuestions(assessmentId: $id, questions: $q) { id } }`,
		map[string]any{"id": a.ID, "q": questions}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	if res := e.do(t, trainer, `mutation($id: ID!) { publishAssessment(id: $id) { status } }`, map[string]any{"id": a.ID}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	// The bank with answers is the author's alone.
	res := e.do(t, agent, `query($id: ID!) { assessment(id: $id) { questions { id } } }`, map[string]any{"id": a.ID})
	if strings.Contains(string(res.Data["assessment"]), `"id"`) {
		t.Errorf("the agent reads the authored bank: %s", res.Data["assessment"])
	}

	// It is assigned to her like a course, and lands on her list.
	due := dbtest.Date(7)
	var assigned struct{ Created int }
	decode(t, e.do(t, trainer, `mutation($a: ID!, $e: ID!, $d: Date!) { assignCourse(input: {assessmentId: $a, employeeIds: [$e], dueOn: $d}) { created } }`,
		map[string]any{"a": a.ID, "e": e.idOf(t, "agent@rungs.demo"), "d": due}), "assignCourse", &assigned)
	if assigned.Created != 1 {
		t.Errorf("assigned %+v", assigned)
	}
	listStatus := func() string {
		var me struct {
			Enrollments []struct {
				Status     string
				Assessment *struct{ Code string }
			}
		}
		decode(t, e.do(t, agent, `{ me { enrollments { status assessment { code } } } }`, nil), "me", &me)
		for _, en := range me.Enrollments {
			if en.Assessment != nil && en.Assessment.Code == "GT-PRODUCT" {
				return en.Status
			}
		}
		return ""
	}
	if st := listStatus(); st != "ASSIGNED" {
		t.Errorf("the assigned test is %q on her list", st)
	}

	var attempt struct{ ID, Status string }
	decode(t, e.do(t, agent, `mutation($id: ID!) { startAttempt(assessmentId: $id) { id status } }`, map[string]any{"id": a.ID}), "startAttempt", &attempt)
	res = e.do(t, agent, `query($id: ID!) { attemptQuestions(attemptId: $id) { id kind text { en } options { id text { en } } } }`, map[string]any{"id": attempt.ID})
	raw := string(res.Data["attemptQuestions"])
	if len(res.Errors) > 0 || strings.Contains(strings.ToLower(raw), "correct") {
		t.Fatalf("questions during the attempt: %s %v", raw, res.Errors)
	}
	// Nobody else sees her questions.
	if res := e.do(t, e.login(t, "deng.chao@rungs.demo"), `query($id: ID!) { attemptQuestions(attemptId: $id) { id } }`, map[string]any{"id": attempt.ID}); len(res.Errors) == 0 {
		t.Error("a colleague reads the agent's attempt")
	}
	var qs []struct {
		ID, Kind string
		Text     struct{ En string }
		Options  []struct {
			ID   string
			Text struct{ En string }
		}
	}
	json.Unmarshal([]byte(raw), &qs)
	right := map[string]bool{"Flex": true, "Chat": true, "Phone": true, "True": true}
	var answers []map[string]any
	for _, q := range qs {
		var picked []string
		for _, o := range q.Options {
			if right[o.Text.En] {
				picked = append(picked, o.ID)
			}
		}
		answers = append(answers, map[string]any{"questionId": q.ID, "optionIds": picked})
	}
	var result struct {
		Status  string
		Percent float64
		Passed  bool
	}
	decode(t, e.do(t, agent, `mutation($id: ID!, $a: [AnswerInput!]!) { submitAttempt(attemptId: $id, answers: $a) { status percent passed } }`,
		map[string]any{"id": attempt.ID, "a": answers}), "submitAttempt", &result)
	if result.Status != "GRADED" || result.Percent != 100 || !result.Passed {
		t.Fatalf("result %+v", result)
	}
	// After submission the review shows what was right.
	res = e.do(t, agent, `query($id: ID!) { attemptReview(attemptId: $id) { points question { options { correct } } } }`, map[string]any{"id": attempt.ID})
	if len(res.Errors) > 0 || !strings.Contains(string(res.Data["attemptReview"]), `"correct":true`) {
		t.Errorf("review %s %v", res.Data["attemptReview"], res.Errors)
	}

	if st := listStatus(); st != "COMPLETED" {
		t.Errorf("after the pass the assigned test is %q", st)
	}
	after, source := e.levelOf(t, agent, "PRODUCT_KNOWLEDGE")
	if after != before+1 || source != "ASSESSMENT" {
		t.Errorf("level %d from %s after passing, want %d from ASSESSMENT", after, source, before+1)
	}
	var ex struct {
		Level    *int
		Summary  struct{ En string }
		Evidence []struct {
			Verdict  string
			Evidence struct {
				Source     string
				Instrument *string
				Score      *float64
			}
		}
	}
	decode(t, e.do(t, agent, `query($c: ID!) { me { competencyEvidence(competencyId: $c) { level summary { en }
		evidence { verdict evidence { source instrument score } } } } }`, map[string]any{"c": comp}), "me", &struct {
		CompetencyEvidence any
	}{&ex})
	counted := false
	for _, j := range ex.Evidence {
		if j.Evidence.Source == "ASSESSMENT" && j.Verdict == "COUNTED" && j.Evidence.Instrument != nil && *j.Evidence.Instrument == "GT-PRODUCT" &&
			j.Evidence.Score != nil && *j.Evidence.Score == 100 {
			counted = true
		}
	}
	if ex.Level == nil || *ex.Level != after || !counted || ex.Summary.En == "" {
		t.Errorf("explanation %+v", ex)
	}
	// A pass is final.
	if res := e.do(t, agent, `mutation($id: ID!) { startAttempt(assessmentId: $id) { id } }`, map[string]any{"id": a.ID}); res.code() != "CONFLICT" {
		t.Errorf("retake after a pass: %v", res.Errors)
	}
}

// TestQAScoresACall: the QA specialist builds a call-sampling rubric and
// scores an agent's call; the agent sees her scorecard, a colleague does not.
func TestQAScoresACall(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	qa, agent := e.login(t, "qa@rungs.demo"), e.login(t, "agent@rungs.demo")
	agentID := e.idOf(t, "agent@rungs.demo")
	descriptors := func(what string) []map[string]any {
		var ds []map[string]any
		for l := 1; l <= 5; l++ {
			ds = append(ds, map[string]any{"level": l, "textEn": fmt.Sprintf("%s at level %d", what, l), "textZh": fmt.Sprintf("%s 第%d级", what, l)})
		}
		return ds
	}
	var rb struct{ ID string }
	decode(t, e.do(t, qa, `mutation { createRubric(input: {code: "GT-CALLS", nameEn: "Call sampling", nameZh: "通话抽检", purpose: QA_SAMPLING}) { id } }`, nil), "createRubric", &rb)
	var withCriteria struct {
		Criteria []struct{ ID string }
	}
	decode(t, e.do(t, qa, `mutation($id: ID!, $c: [RubricCriterionInput!]!) { setRubricCriteria(rubricId: $id, criteria: $c) { criteria { id } } }`,
		map[string]any{"id": rb.ID, "c": []map[string]any{
			{"competencyId": e.competencyID(t, "COMMUNICATION"), "nameEn": "Greeting and script", "nameZh": "问候与话术", "weight": 1, "descriptors": descriptors("script")},
			{"competencyId": e.competencyID(t, "PROBLEM_SOLVING"), "nameEn": "Resolution", "nameZh": "问题解决", "weight": 3, "descriptors": descriptors("resolution")},
		}}), "setRubricCriteria", &withCriteria)
	if res := e.do(t, qa, `mutation($id: ID!) { publishRubric(id: $id) { status } }`, map[string]any{"id": rb.ID}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var card struct {
		ID            string
		WeightedScore float64
		Items         []struct{ Level int }
	}
	today := dbtest.Date(0)
	callRef := fmt.Sprintf("CALL-%d-0001", dbtest.Today().Year()) // named like the seed's calls
	decode(t, e.do(t, qa, `mutation($in: ScoreInput!) { scoreRubric(input: $in) { id weightedScore items { level } } }`, map[string]any{"in": map[string]any{
		"rubricId": rb.ID, "employeeId": agentID, "channel": "CALL", "interactionRef": callRef, "interactionOn": today,
		"items": []map[string]any{{"criterionId": withCriteria.Criteria[0].ID, "level": 5}, {"criterionId": withCriteria.Criteria[1].ID, "level": 3, "comment": "solved on the second try"}},
	}}), "scoreRubric", &card)
	// (1×5/5 + 3×3/5) / 4 × 100 = 70
	if card.WeightedScore != 70 || len(card.Items) != 2 {
		t.Errorf("scorecard %+v, want weighted score 70", card)
	}
	var mine struct{ Scorecards []struct{ ID string } }
	decode(t, e.do(t, agent, `{ me { scorecards { id } } }`, nil), "me", &mine)
	if len(mine.Scorecards) == 0 || mine.Scorecards[0].ID != card.ID {
		t.Errorf("the agent's scorecards %+v", mine)
	}
	// Her line and HR read it; her assessor does; a colleague cannot see her.
	for _, login := range []string{"lead", "manager", "hr", "qa"} {
		var emp struct{ Scorecards []struct{ ID string } }
		decode(t, e.do(t, e.login(t, login+"@rungs.demo"), `query($id: ID!) { employee(id: $id) { scorecards { id } } }`,
			map[string]any{"id": agentID}), "employee", &emp)
		if len(emp.Scorecards) == 0 {
			t.Errorf("%s does not see the agent's scorecard", login)
		}
	}
	if res := e.do(t, e.login(t, "deng.chao@rungs.demo"), `query($id: ID!) { employee(id: $id) { scorecards { id } } }`,
		map[string]any{"id": agentID}); res.code() != "NOT_FOUND" {
		t.Errorf("a colleague reads the agent's scorecards: %s %v", res.Data["employee"], res.Errors)
	}
	// An agent never scores anyone, least of all a colleague.
	res := e.do(t, e.login(t, "deng.chao@rungs.demo"), `mutation($in: ScoreInput!) { scoreRubric(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"rubricId": rb.ID, "employeeId": agentID, "items": []map[string]any{},
	}})
	if res.code() != "FORBIDDEN" {
		t.Errorf("a colleague scores the agent: %v", res.Errors)
	}
	// A second assessor on the same call shows up in calibration.
	trainer := e.login(t, "trainer@rungs.demo")
	decode(t, e.do(t, trainer, `mutation($in: ScoreInput!) { scoreRubric(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"rubricId": rb.ID, "employeeId": agentID, "channel": "CALL", "interactionRef": callRef, "interactionOn": today,
		"items": []map[string]any{{"criterionId": withCriteria.Criteria[0].ID, "level": 4}, {"criterionId": withCriteria.Criteria[1].ID, "level": 3}},
	}}), "scoreRubric", new(struct{ ID string }))
	var cal struct {
		ScoreSpread float64
		Criteria    []struct {
			Spread int
			Agree  bool
		}
	}
	decode(t, e.do(t, qa, `query($id: ID!, $ref: String!) { calibration(rubricId: $id, interactionRef: $ref) { scoreSpread criteria { spread agree } } }`,
		map[string]any{"id": rb.ID, "ref": callRef}), "calibration", &cal)
	if cal.ScoreSpread != 5 || len(cal.Criteria) != 2 || cal.Criteria[0].Spread != 1 || !cal.Criteria[1].Agree {
		t.Errorf("calibration %+v", cal)
	}
}

// TestLeadRatesAndHRImportsKPIs: HR opens a review period, the lead rates
// her agent, the agent acknowledges, and the gap analysis reads the rating;
// HR imports a quarter of KPIs, and a broken file is refused naming every
// bad line.
func TestLeadRatesAndHRImportsKPIs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr, lead, agent := e.login(t, "hr@rungs.demo"), e.login(t, "lead@rungs.demo"), e.login(t, "agent@rungs.demo")
	agentID := e.idOf(t, "agent@rungs.demo")
	var agentNo string
	e.db.Get(&agentNo, `SELECT employee_no FROM employees WHERE id = $1`, agentID)

	// A period around today that overlaps no seeded one (the seeded talent review goes with the periods).
	e.db.MustExec(`TRUNCATE nine_box_moves, nine_box_placements, talent_cycles; DELETE FROM performance_rating_events; DELETE FROM performance_ratings; DELETE FROM review_periods`)
	start := dbtest.Today().AddDate(0, -1, 0).Format(time.DateOnly)
	end := dbtest.Today().AddDate(0, 2, 0).Format(time.DateOnly)
	var period struct{ ID string }
	decode(t, e.do(t, hr, `mutation($s: Date!, $e: Date!) { openReviewPeriod(input: {code: "GT-H1", nameEn: "Test half", nameZh: "测试半年", startsOn: $s, endsOn: $e}) { id } }`,
		map[string]any{"s": start, "e": end}), "openReviewPeriod", &period)
	if res := e.do(t, agent, `mutation($p: ID!, $e: ID!) { ratePerformance(periodId: $p, employeeId: $e, rating: 5) { id } }`,
		map[string]any{"p": period.ID, "e": agentID}); res.code() != "FORBIDDEN" {
		t.Errorf("the agent rates herself: %v", res.Errors)
	}
	var rating struct{ ID, Status string }
	decode(t, e.do(t, lead, `mutation($p: ID!, $e: ID!) { ratePerformance(periodId: $p, employeeId: $e, rating: 4.5, comment: "steady and kind") { id status } }`,
		map[string]any{"p": period.ID, "e": agentID}), "ratePerformance", &rating)
	decode(t, e.do(t, agent, `mutation($r: ID!) { acknowledgeRating(ratingId: $r) { id status } }`, map[string]any{"r": rating.ID}), "acknowledgeRating", &rating)
	if rating.Status != "ACKNOWLEDGED" {
		t.Errorf("status %s", rating.Status)
	}
	var gap struct {
		GapTo struct {
			OtherRequirements []struct {
				Kind   string
				Actual *float64
			}
		}
	}
	decode(t, e.do(t, agent, `query($p: ID!) { me { gapTo(positionId: $p) { otherRequirements { kind actual } } } }`,
		map[string]any{"p": e.positionID(t, "TEAM_LEAD")}), "me", &gap)
	for _, r := range gap.GapTo.OtherRequirements {
		if r.Kind == "PERFORMANCE_RATING" && (r.Actual == nil || *r.Actual != 4.5) {
			t.Errorf("the gap reads rating %v, want 4.5", r.Actual)
		}
	}

	// A quarter of KPIs for the agent, one month per line: the first
	// quarter of last year, older than the seeded months whatever today is.
	q := time.Date(dbtest.Today().Year()-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	var good strings.Builder
	good.WriteString("employee_no,kpi,period_start,period_end,value,volume\n")
	for m := range 3 {
		first := q.AddDate(0, m, 0)
		last := first.AddDate(0, 1, -1)
		fmt.Fprintf(&good, "%s,CSAT,%s,%s,%d,%d\n", agentNo, first.Format(time.DateOnly), last.Format(time.DateOnly), 88+m, 300)
	}
	importQ := `mutation($file: Upload!) { importKpis(file: $file) { records evidence } }`
	if res := e.upload(t, agent, importQ, "q1.csv", good.String()); res.code() != "FORBIDDEN" {
		t.Errorf("the agent imports KPIs: %v", res.Errors)
	}
	var imported struct{ Records int }
	decode(t, e.upload(t, hr, importQ, "q1.csv", good.String()), "importKpis", &imported)
	if imported.Records != 3 {
		t.Errorf("imported %d records", imported.Records)
	}
	var kpis struct {
		Kpis []struct {
			Value  float64
			Volume int
			Kpi    struct{ Code string }
		}
	}
	decode(t, e.do(t, agent, `query($f: Date!, $t: Date!) { me { kpis(from: $f, to: $t) { value volume kpi { code } } } }`,
		map[string]any{"f": q.Format(time.DateOnly), "t": q.AddDate(0, 3, -1).Format(time.DateOnly)}), "me", &kpis)
	if len(kpis.Kpis) != 3 || kpis.Kpis[0].Kpi.Code != "CSAT" {
		t.Errorf("the agent's KPIs %+v", kpis)
	}

	// The broken file is about the same quarter a year earlier, which
	// holds no records yet.
	old := q.AddDate(-1, 0, 0)
	month := func(m int) string { // first,last day of the quarter's month m
		first := old.AddDate(0, m, 0)
		return first.Format(time.DateOnly) + "," + first.AddDate(0, 1, -1).Format(time.DateOnly)
	}
	bad := "employee_no,kpi,period_start,period_end,value,volume\n" +
		agentNo + ",CSAT," + month(0) + ",91,100\n" + // fine on its own
		"NOBODY-1,CSAT," + month(0) + ",91,100\n" + // unknown employee
		agentNo + ",XYZ," + month(0) + ",91,100\n" + // unknown KPI
		agentNo + ",FCR," + month(1) + ",140,100\n" + // a percentage over 100
		agentNo + ",AHT," + month(2) + ",300,-5\n" // negative volume
	res := e.upload(t, hr, importQ, "broken.csv", bad)
	if res.code() != "BAD_USER_INPUT" {
		t.Fatalf("broken file: %v", res.Errors)
	}
	details, _ := res.Errors[0].Extensions["details"].([]any)
	lines := map[string]bool{}
	for _, d := range details {
		if f, ok := d.(map[string]any)["field"].(string); ok {
			lines[strings.SplitN(f, ":", 2)[0]] = true
		}
	}
	for _, want := range []string{"line 3", "line 4", "line 5", "line 6"} {
		if !lines[want] {
			t.Errorf("the refusal does not name %s: %v", want, details)
		}
	}
	if lines["line 2"] {
		t.Errorf("the refusal names the good line 2: %v", details)
	}
	var n int
	e.db.Get(&n, `SELECT count(*) FROM kpi_records WHERE period_start = $1 AND employee_id = $2`, old.Format(time.DateOnly), agentID)
	if n != 0 {
		t.Errorf("a refused file wrote %d records", n)
	}
}

// TestEvidenceAccess: the role × operation table for tests, rubrics, KPIs,
// ratings and level criteria.
func TestEvidenceAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	logins := []string{"anonymous", "agent", "lead", "manager", "trainer", "qa", "hr", "admin"}
	tokens := map[string]string{}
	for _, l := range logins[1:] {
		tokens[l] = e.login(t, l+"@rungs.demo")
	}
	const (
		ok        = "ok"
		unauth    = "UNAUTHENTICATED"
		forbidden = "FORBIDDEN"
	)
	vars := map[string]any{"comp": e.competencyID(t, "COMMUNICATION"), "agent": e.idOf(t, "agent@rungs.demo")}
	rows := []struct {
		op, query string
		want      []string
	}{
		{"assessments", `{ assessments { id } }`, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"gradingQueue", `{ gradingQueue { id } }`, []string{unauth, forbidden, forbidden, forbidden, ok, ok, forbidden, ok}},
		{"createAssessment", `mutation { createAssessment(input: {titleEn: "", titleZh: "", passMark: 0}) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, ok, forbidden, ok}},
		{"rubrics", `{ rubrics { id } }`, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"createRubric", `mutation { createRubric(input: {nameEn: "", nameZh: "", purpose: QA_SAMPLING}) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, ok, forbidden, ok}},
		{"calibrations", `{ calibrations(rubricId: "999999") { interactionRef } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, ok, ok, ok}},
		{"kpiDefinitions", `{ kpiDefinitions { code } }`, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		// A period ending before it starts: refused after the access check.
		{"openReviewPeriod", `mutation { openReviewPeriod(input: {code: "", nameEn: "", nameZh: "", startsOn: "` + dbtest.Date(365) + `", endsOn: "` + dbtest.Date(0) + `"}) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, ok, ok}},
		{"ratePerformance(agent)", `mutation($agent: ID!) { ratePerformance(periodId: "999999", employeeId: $agent, rating: 3) { id } }`,
			[]string{unauth, forbidden, ok, ok, forbidden, forbidden, forbidden, forbidden}},
		{"setLevelCriteria", `mutation($comp: ID!) { setLevelCriteria(competencyId: $comp, level: 3, expression: "{") { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok}},
		{"agent.competencyEvidence", `query($agent: ID!, $comp: ID!) { employee(id: $agent) { competencyEvidence(competencyId: $comp) { level } } }`,
			[]string{unauth, ok, ok, ok, ok, forbidden, ok, ok}},
	}
	for _, r := range rows {
		for i, l := range logins {
			res := e.do(t, tokens[l], r.query, vars)
			got := res.code()
			if got == "NOT_FOUND" && r.want[i] == forbidden {
				got = forbidden // out of sight is a denial too
			}
			if got != unauth && got != forbidden {
				got = ok
			}
			if got != r.want[i] {
				t.Errorf("%s as %s: %s, want %s (%v)", r.op, l, got, r.want[i], res.Errors)
			}
		}
	}
}
