package graph_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/graph"
	"github.com/rungs/rungs/server"
	"golang.org/x/crypto/bcrypt"
)

// The security holes a hostile tester found in records, reviews, exports
// and dates, each closed and kept closed here: through GraphQL with the
// real middleware chain, and over HTTP for the CSV files.

// TestTrainersReadNoKPIRecords: individual KPI records are for the person,
// their reporting line, HR and admins. A trainer (qa@, trainer@) reaches
// many people — learners, people she scored, her own managers — and reads
// none of their KPI records.
func TestTrainersReadNoKPIRecords(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	query := `query($f: Date!, $t: Date!) { me { email } employees(first: 100) { nodes { email kpis(from: $f, to: $t) { value } } } }`
	vars := map[string]any{"f": dbtest.Date(-3650), "t": dbtest.Date(0)}
	// withRecords lists the people other than the viewer whose records the
	// viewer reads, and how many people the viewer sees at all.
	withRecords := func(login string) (others []string, seen int) {
		var g struct {
			Me        struct{ Email string }
			Employees struct {
				Nodes []struct {
					Email string
					Kpis  []struct{ Value float64 }
				}
			}
		}
		res := e.do(t, e.login(t, login), query, vars)
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %v", login, res.Errors)
		}
		raw, _ := json.Marshal(res.Data)
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatal(err)
		}
		for _, n := range g.Employees.Nodes {
			if n.Email != g.Me.Email && len(n.Kpis) > 0 {
				others = append(others, n.Email)
			}
		}
		return others, len(g.Employees.Nodes)
	}
	for _, trainer := range []string{"qa@rungs.demo", "trainer@rungs.demo"} {
		others, seen := withRecords(trainer)
		if seen < 5 {
			t.Fatalf("%s sees %d people: the test needs a trainer who reaches people", trainer, seen)
		}
		if len(others) > 0 {
			t.Errorf("%s (TRAINER) reads the KPI records of %d people: %v", trainer, len(others), others)
		}
	}
	// The line and HR still read them.
	if others, _ := withRecords("lead@rungs.demo"); len(others) == 0 {
		t.Error("the lead reads no KPI records of her reports")
	}
	if others, _ := withRecords("hr@rungs.demo"); len(others) < 16 {
		t.Errorf("HR reads the KPI records of %d people", len(others))
	}
}

// TestTrainingEffectMinimumGroup: a course's owner learns how its
// completers' KPIs moved only over groups of at least five; a smaller group
// is suppressed (no count, no figures), and the owner never reads the
// completers' own records.
func TestTrainingEffectMinimumGroup(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	trainer, hr := e.login(t, "trainer@rungs.demo"), e.login(t, "hr@rungs.demo")
	var course string
	if err := e.db.Get(&course, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
		SELECT 'EFFECT-101', 'Effect', '效果', 'E_LEARNING', 2, id, 'PUBLISHED', now() FROM employees WHERE email = 'trainer@rungs.demo'
		RETURNING id::text`); err != nil {
		t.Fatal(err)
	}
	// Completers in Team East, which trainer@ serves: she sees them.
	var agentPos, east, lead int64
	e.db.Get(&agentPos, `SELECT id FROM positions WHERE code = 'AGENT'`)
	e.db.Get(&east, `SELECT id FROM teams WHERE code = 'CS-EAST'`)
	e.db.Get(&lead, `SELECT id FROM employees WHERE email = 'lead@rungs.demo'`)
	// Completion on the 10th of the month a year ago: before is the three
	// months before it, after the three months after it.
	ago := dbtest.Today().AddDate(-1, 0, 0)
	month := time.Date(ago.Year(), ago.Month(), 1, 0, 0, 0, 0, time.UTC)
	completer := func(n int) string {
		id := dbtest.MustCreateEmployee(t, e.db, dbtest.Employee{Name: fmt.Sprintf("Completer %d", n), PositionID: agentPos,
			TeamID: east, ManagerID: lead})
		mustExec(t, e, `INSERT INTO enrollments (employee_id, course_id, status, started_at, completed_at, last_completed_at)
			VALUES ($1, $2, 'COMPLETED', $3, $3, $3)`, id, course, month.AddDate(0, 0, 9).Add(10*time.Hour))
		for _, m := range []int{-3, -2, -1, 1, 2, 3} {
			value := 80.0
			if m > 0 {
				value = 90
			}
			start := month.AddDate(0, m, 0)
			mustExec(t, e, `INSERT INTO kpi_records (employee_id, kpi_id, period_start, period_end, value, volume, source)
				SELECT $1, id, $2, $3, $4, 100, 'MANUAL' FROM kpi_definitions WHERE code = 'CSAT'`,
				id, start, start.AddDate(0, 1, -1), value+float64(n))
		}
		return fmt.Sprint(id)
	}
	type effect struct {
		Suppressed       bool
		MinimumGroupSize int
		Completers       *int
		Before, After    *float64
		Change           *float64
		Improved         *bool
	}
	read := func(token string) effect {
		var c struct{ TrainingEffect []effect }
		decode(t, e.do(t, token, `query($c: ID!) { course(id: $c) { trainingEffect(kpis: ["CSAT"], months: 3) {
			suppressed minimumGroupSize completers before after change improved } } }`, map[string]any{"c": course}), "course", &c)
		if len(c.TrainingEffect) != 1 {
			t.Fatalf("effect %+v", c)
		}
		return c.TrainingEffect[0]
	}
	var ids []string
	for n := range 4 {
		ids = append(ids, completer(n))
	}
	for _, token := range []string{trainer, hr} {
		got := read(token)
		if !got.Suppressed || got.MinimumGroupSize != 5 || got.Completers != nil || got.Before != nil || got.After != nil ||
			got.Change != nil || got.Improved != nil {
			t.Errorf("four completers: %+v, want suppressed without count or figures", got)
		}
	}
	ids = append(ids, completer(4))
	got := read(trainer)
	// Before: mean of 80..84 = 82; after: 92.
	if got.Suppressed || got.Completers == nil || *got.Completers != 5 || got.Before == nil || *got.Before != 82 ||
		got.After == nil || *got.After != 92 || got.Improved == nil || !*got.Improved {
		t.Errorf("five completers: %+v", got)
	}
	// The owner sees the completers as learners, never their records.
	for _, id := range ids {
		var emp struct {
			Kpis []struct{ Value float64 }
		}
		decode(t, e.do(t, trainer, `query($e: ID!, $f: Date!, $t: Date!) { employee(id: $e) { kpis(from: $f, to: $t) { value } } }`,
			map[string]any{"e": id, "f": dbtest.Date(-3650), "t": dbtest.Date(0)}), "employee", &emp)
		if len(emp.Kpis) > 0 {
			t.Errorf("the owner reads completer %s's KPI records: %+v", id, emp.Kpis)
		}
	}
}

// TestTrainersReadNoKPIValuesThroughEvidence: a trainer may read a
// learner's development record, but the KPI values in it (KPI evidence
// scores, KPI criteria, KPI requirement actuals) are left out for her.
func TestTrainersReadNoKPIValuesThroughEvidence(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// The people with KPI evidence and a line manager, each with the
	// competency of their first KPI evidence.
	var candidates []struct {
		Employee   string `db:"employee_id"`
		Competency string `db:"competency_id"`
		Manager    string `db:"manager_email"`
	}
	if err := e.db.Select(&candidates, `
		SELECT DISTINCT ON (ev.employee_id) ev.employee_id::text, ev.competency_id::text, m.email AS manager_email
		FROM competency_evidence ev
		JOIN employees emp ON emp.id = ev.employee_id
		JOIN employees m ON m.id = emp.manager_id
		WHERE ev.source = 'KPI'
		ORDER BY ev.employee_id, ev.id`); err != nil || len(candidates) == 0 {
		t.Fatalf("seed: nobody with KPI evidence: %v", err)
	}
	// A position with a KPI requirement, for the gap analysis.
	var pos string
	if err := e.db.Get(&pos, `SELECT position_id::text FROM position_requirements WHERE kind = 'KPI' ORDER BY id LIMIT 1`); err != nil {
		t.Fatalf("seed: no KPI requirement: %v", err)
	}
	query := `query($e: ID!, $c: ID!, $p: ID!) { employee(id: $e) {
		competencyHistory(competencyId: $c) { source score }
		competencyEvidence(competencyId: $c) { evidence { evidence { source score } } criteria { clauses { en zh } } }
		gapTo(positionId: $p) { otherRequirements { kind actual volume } }
		learningPath(targetPositionId: $p) { steps { description { en zh } } } } }`
	type result struct {
		CompetencyHistory []struct {
			Source string
			Score  *float64
		}
		CompetencyEvidence struct {
			Evidence []struct {
				Evidence struct {
					Source string
					Score  *float64
				}
			}
			Criteria []struct {
				Clauses []struct{ En, Zh string }
			}
		}
		LearningPath struct {
			Steps []struct {
				Description struct{ En, Zh string }
			}
		}
		GapTo struct {
			OtherRequirements []struct {
				Kind   string
				Actual *float64
				Volume *int
			}
		}
	}
	// kpiValues counts the KPI values the reader gets of the candidate's
	// development record; read says whether the reader may read it at all.
	kpiValues := func(token string, c int) (n int, read bool) {
		var r result
		res := e.do(t, token, query, map[string]any{"e": candidates[c].Employee, "c": candidates[c].Competency, "p": pos})
		if len(res.Errors) > 0 || string(res.Data["employee"]) == "null" {
			return 0, false
		}
		decode(t, res, "employee", &r)
		for _, h := range r.CompetencyHistory {
			if h.Source == "KPI" && h.Score != nil {
				n++
			}
		}
		for _, x := range r.CompetencyEvidence.Evidence {
			if x.Evidence.Source == "KPI" && x.Evidence.Score != nil {
				n++
			}
		}
		for _, o := range r.GapTo.OtherRequirements {
			if o.Kind == "KPI" && (o.Actual != nil || o.Volume != nil) {
				n++
			}
		}
		// Texts that state a KPI value: a criterion's "— 88.50 over 3", a
		// step's "CSAT of 88.00 over the last 6 months (now 86.20)".
		for _, c := range r.CompetencyEvidence.Criteria {
			for _, cl := range c.Clauses {
				if strings.HasPrefix(cl.En, "KPI ") && strings.Contains(cl.En, " — ") {
					n++
				}
			}
		}
		for _, st := range r.LearningPath.Steps {
			if strings.Contains(st.Description.En, " over the last ") && strings.Contains(st.Description.En, "(now ") {
				n++
			}
		}
		return n, true
	}
	trainer, hr := e.login(t, "trainer@rungs.demo"), e.login(t, "hr@rungs.demo")
	readable := 0
	for c := range candidates {
		n, read := kpiValues(trainer, c)
		if !read {
			continue
		}
		readable++
		if n > 0 {
			t.Errorf("trainer@ reads %d KPI values through the development record of %s", n, candidates[c].Employee)
		}
		// The same record shows them to the line and HR.
		if n, _ := kpiValues(e.login(t, candidates[c].Manager), c); n == 0 {
			t.Errorf("the line manager %s reads no KPI values of %s", candidates[c].Manager, candidates[c].Employee)
		}
		if n, _ := kpiValues(hr, c); n == 0 {
			t.Errorf("HR reads no KPI values of %s", candidates[c].Employee)
		}
	}
	if readable == 0 {
		t.Fatal("seed: trainer@ reads the development record of nobody with KPI evidence: the test shows nothing")
	}
}

func mustExec(t *testing.T, e *env, query string, args ...any) {
	t.Helper()
	if _, err := e.db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// selfReview nominates hr@ (by hr2@) for a position one level up the
// track of hers, names a panel of the manager and hr2@, and has both vote
// with a confidential comment. It returns the review id.
func selfReview(t *testing.T, e *env, hr2 string) string {
	t.Helper()
	var pos string
	if err := e.db.Get(&pos, `
		WITH mine AS (SELECT p.* FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.email = 'hr@rungs.demo'),
		up AS (
			INSERT INTO positions (code, track_id, level, name_en, name_zh)
			SELECT 'HR_LEAD_TEST', track_id, level + 1, 'HR lead', '人力主管' FROM mine RETURNING id
		), mv AS (
			INSERT INTO position_moves (from_position_id, to_position_id, kind) SELECT mine.id, up.id, 'PROMOTION' FROM mine, up
		)
		SELECT id::text FROM up`); err != nil {
		t.Fatal(err)
	}
	var review struct{ ID string }
	decode(t, e.do(t, hr2, `mutation($e: ID!, $p: ID!) { nominateForPromotion(employeeId: $e, positionId: $p, justification: "Runs HR") { id } }`,
		map[string]any{"e": e.idOf(t, "hr@rungs.demo"), "p": pos}), "nominateForPromotion", &review)
	return review.ID
}

// TestNobodyRunsTheirOwnReview: an HR user who is nominated neither acts on
// her review (panel, votes, decisions, appeal decisions, withdrawal) nor
// reads its confidential parts: the panel's votes and comments, and the
// panel's names in the audit trail. She still sees its status.
func TestNobodyRunsTheirOwnReview(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr, hr2 := e.login(t, "hr@rungs.demo"), e.login(t, "hr2@rungs.demo")
	manager := e.login(t, "manager@rungs.demo")
	review := selfReview(t, e, hr2)
	panel := []string{e.idOf(t, "manager@rungs.demo"), e.idOf(t, "hr2@rungs.demo")}
	setPanel := `mutation($r: ID!, $p: [ID!]!) { setPromotionPanel(reviewId: $r, reviewerIds: $p) { status } }`

	// She may not name her own panel (hr2@ may).
	if res := e.do(t, hr, setPanel, map[string]any{"r": review, "p": panel}); res.code() != "FORBIDDEN" {
		t.Fatalf("the nominee names her own panel: %s %v", res.Data["setPromotionPanel"], res.Errors)
	}
	decode(t, e.do(t, hr2, setPanel, map[string]any{"r": review, "p": panel}), "setPromotionPanel", &struct{ Status string }{})
	for _, tok := range []string{manager, hr2} {
		if res := e.do(t, tok, `mutation($r: ID!) { voteOnNomination(reviewId: $r, vote: OPPOSE, comment: "Not yet: secret", confidential: true) { id } }`,
			map[string]any{"r": review}); len(res.Errors) > 0 {
			t.Fatal(res.Errors)
		}
	}
	// Nor vote, decide or withdraw it.
	for name, q := range map[string]string{
		"vote":     `mutation($r: ID!) { voteOnNomination(reviewId: $r, vote: SUPPORT, comment: "me!") { id } }`,
		"decide":   `mutation($r: ID!) { decidePromotion(reviewId: $r, decision: APPROVE, reason: "I am ready") { id } }`,
		"withdraw": `mutation($r: ID!) { withdrawNomination(reviewId: $r, reason: "not now") { id } }`,
	} {
		if res := e.do(t, hr, q, map[string]any{"r": review}); res.code() != "FORBIDDEN" {
			t.Errorf("the nominee may %s her own review: %v", name, res.Errors)
		}
	}
	// What she reads of it: the status, no votes, no panel names.
	readAs := func(token string) (status string, votes []map[string]any, audit []map[string]any) {
		var r struct {
			Status     string
			Votes      []map[string]any
			AuditTrail []map[string]any
		}
		decode(t, e.do(t, token, `query($r: ID!) { promotionReview(id: $r) { status
			votes { reviewer { id } vote comment confidential votedAt }
			auditTrail { actor { id email } action before after } } }`, map[string]any{"r": review}), "promotionReview", &r)
		return r.Status, r.Votes, r.AuditTrail
	}
	status, votes, audit := readAs(hr)
	if status != "IN_PANEL" {
		t.Errorf("the nominee reads status %q", status)
	}
	if len(votes) != 0 {
		t.Errorf("the nominee reads the panel's votes: %v", votes)
	}
	if len(audit) < 4 {
		t.Fatalf("the nominee's audit trail %v", audit)
	}
	for _, a := range audit {
		text := fmt.Sprint(a)
		switch a["action"] {
		case "SET_PANEL", "VOTE":
			if a["actor"] != nil {
				t.Errorf("the nominee reads who did %s: %v", a["action"], a["actor"])
			}
		}
		for _, id := range panel {
			if strings.Contains(fmt.Sprint(a["before"], a["after"]), id) {
				t.Errorf("the nominee reads panel member %s in the trail: %s", id, text)
			}
		}
		if strings.Contains(text, "secret") || strings.Contains(text, "OPPOSE") {
			t.Errorf("the nominee reads a vote in the trail: %s", text)
		}
	}
	// HR2 (not the nominee) still reads everything.
	_, votes, audit = readAs(hr2)
	if len(votes) != 2 || votes[0]["comment"] != "Not yet: secret" {
		t.Errorf("HR reads votes %v", votes)
	}
	named := 0
	for _, a := range audit {
		if a["action"] == "VOTE" && a["actor"] != nil {
			named++
		}
	}
	if named != 2 {
		t.Errorf("HR reads %d named votes in the trail", named)
	}

	// Rejected, appealed: she may not decide her own appeal either.
	decode(t, e.do(t, hr2, `mutation($r: ID!) { decidePromotion(reviewId: $r, decision: REJECT, reason: "Not yet") { status } }`,
		map[string]any{"r": review}), "decidePromotion", &struct{ Status string }{})
	decode(t, e.do(t, hr, `mutation($r: ID!) { appealDecision(reviewId: $r, statement: "I disagree") { status } }`,
		map[string]any{"r": review}), "appealDecision", &struct{ Status string }{})
	if res := e.do(t, hr, `mutation($r: ID!) { decideAppeal(reviewId: $r, decision: OVERTURN, reason: "Yes") { id } }`,
		map[string]any{"r": review}); res.code() != "FORBIDDEN" {
		t.Errorf("the nominee decides her own appeal: %v", res.Errors)
	}
	if res := e.do(t, hr, `mutation($r: ID!) { withdrawNomination(reviewId: $r, reason: "") { id } }`,
		map[string]any{"r": review}); res.code() != "FORBIDDEN" {
		t.Errorf("the nominee withdraws her appealed review: %v", res.Errors)
	}
	// Nor does she read who looked at it.
	var log []struct{ Viewer *struct{ Email string } }
	decode(t, e.do(t, hr, `query($s: ID!) { viewLog(subjectId: $s) { viewer { email } } }`,
		map[string]any{"s": e.idOf(t, "hr@rungs.demo")}), "viewLog", &log)
	if len(log) != 0 {
		t.Errorf("the nominee reads %d views of her own records", len(log))
	}
}

// exportServer serves /export/ over the same database as e.
func exportServer(t *testing.T, e *env) string {
	t.Helper()
	svc, err := auth.NewService(e.db, auth.Config{Secret: []byte(secret), BcryptCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	r := graph.NewResolver(e.db, svc, "test", false)
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	srv := server.New(server.Options{DB: e.db, Logger: logger, Routes: func(mux *server.Router) {
		mux.Handle("GET /export/", graph.NewExportHandler(r))
	}})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

func getCSV(t *testing.T, url, token string) [][]string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("%s: %d %s", url, res.StatusCode, b)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestCSVFormulaInjection: text people typed (course titles, names) never
// reaches a spreadsheet as a formula: every CSV the product writes prefixes
// a cell starting with = + - @ tab or carriage return with a quote, while
// numbers it computes itself stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	base := exportServer(t, e)
	trainer, hr, admin := e.login(t, "trainer@rungs.demo"), e.login(t, "hr@rungs.demo"), e.login(t, "admin@rungs.demo")
	const (
		title   = `=HYPERLINK("http://x","y")`
		titleZh = "+1+2+cmd|' /C calc'!A0"
		name    = `=1+2+cmd|' /C calc'!A0`
		nameZh  = "@SUM(1+1)*cmd|' /C calc'!A0"
	)
	var team string
	e.db.Get(&team, `SELECT id::text FROM teams WHERE code = 'CS-EAST'`)

	var course struct{ ID string }
	decode(t, e.do(t, trainer, `mutation($in: CourseInput!) { createCourse(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"code": "CSV-101", "titleEn": title, "titleZh": titleZh,
			"format": "E_LEARNING", "estimatedHours": 1,
			"modules": []map[string]any{{"titleEn": "-2+3", "titleZh": "@A1"}}}}), "createCourse", &course)
	decode(t, e.do(t, trainer, `mutation($id: ID!) { publishCourse(id: $id) { id } }`, map[string]any{"id": course.ID}),
		"publishCourse", &struct{ ID string }{})
	decode(t, e.do(t, trainer, `mutation($in: AssignCourseInput!) { assignCourse(input: $in) { created } }`,
		map[string]any{"in": map[string]any{"courseId": course.ID, "teamId": team, "dueOn": dbtest.Date(14)}}),
		"assignCourse", &struct{ Created int }{})
	decode(t, e.do(t, admin, `mutation($in: HireEmployeeInput!) { hireEmployee(input: $in) { employee { id } } }`,
		map[string]any{"in": map[string]any{"employeeNumber": "CS-9901", "nameEn": name, "nameZh": nameZh,
			"email": "formula@rungs.demo", "teamId": team, "managerId": e.idOf(t, "lead@rungs.demo"),
			"positionId": e.positionID(t, "AGENT"), "hireDate": dbtest.Date(-400)}}), "hireEmployee", &struct{}{})

	progress := getCSV(t, base+"/export/teams/"+team+"/progress.csv", hr)
	readiness := getCSV(t, base+"/export/positions/"+e.positionID(t, "TEAM_LEAD")+"/readiness.csv", hr)
	files := map[string][][]string{"progress": progress, "readiness": readiness}
	found := map[string]bool{}
	for file, recs := range files {
		for i, rec := range recs {
			for j, cell := range rec {
				for _, typed := range []string{title, titleZh, name, nameZh} {
					if cell == "'"+typed {
						found[typed] = true
					}
				}
				if cell == "" || cell[0] == '\'' {
					continue
				}
				if strings.ContainsRune("=+@\t\r", rune(cell[0])) || (cell[0] == '-' && !isNumber(cell)) {
					t.Errorf("%s.csv line %d column %d starts a formula: %q", file, i+1, j+1, cell)
				}
			}
		}
	}
	for _, typed := range []string{title, titleZh, name, nameZh} {
		if !found[typed] {
			t.Errorf("%q is not in the exports as a quoted text cell", typed)
		}
	}
}

func isNumber(s string) bool {
	var f float64
	_, err := fmt.Sscanf(s, "%g", &f)
	return err == nil && fmt.Sprint(f) == strings.TrimSuffix(s, ".0")
}

// TestDatesBeyondSense: a date a user gives outside the first day of
// 1990 … today + 10 years is refused with BAD_USER_INPUT naming the field,
// whether it is written in the query or passed as a variable; the KPI
// import names the line and column.
func TestDatesBeyondSense(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent, hr := e.login(t, "agent@rungs.demo"), e.login(t, "hr@rungs.demo")
	far := dbtest.Today().AddDate(10, 0, 1).Format(time.DateOnly)
	goal := func(due string) map[string]any {
		return map[string]any{"title": "Be calm", "measure": "CSAT", "target": "90", "dueOn": due}
	}
	refused := func(what string, res *response, field string) {
		t.Helper()
		if res.code() != "BAD_USER_INPUT" {
			t.Errorf("%s: %v, want BAD_USER_INPUT", what, res.Errors)
			return
		}
		if f, _ := res.Errors[0].Extensions["field"].(string); f != field {
			t.Errorf("%s: field %q, want %q (%v)", what, f, field, res.Errors[0])
		}
		if k, _ := res.Errors[0].Extensions["key"].(string); k != "date.range" {
			t.Errorf("%s: key %q, want date.range", what, k)
		}
	}
	createGoal := `mutation($in: GoalInput!) { createGoal(input: $in) { id } }`
	for _, due := range []string{"9999-12-31", far} { // fixed-date: refused whatever the day
		refused("goal due "+due+" (variable)", e.do(t, agent, createGoal, map[string]any{"in": goal(due)}), "input.dueOn")
		refused("goal due "+due+" (literal)", e.do(t, agent, `mutation { createGoal(input: {title: "Be calm", measure: "CSAT", target: "90", dueOn: "`+due+`"}) { id } }`, nil), "input.dueOn")
	}
	for _, day := range []string{"0001-01-01", "1989-12-31"} { // fixed-date: refused whatever the day
		refused("kpis from "+day+" (variable)", e.do(t, agent, `query($f: Date!, $t: Date!) { me { kpis(from: $f, to: $t) { value } } }`,
			map[string]any{"f": day, "t": dbtest.Date(0)}), "from")
		refused("kpis from "+day+" (literal)", e.do(t, agent, `{ me { kpis(from: "`+day+`", to: "`+dbtest.Date(0)+`") { value } } }`, nil), "from")
	}
	// The edges are accepted.
	if res := e.do(t, agent, createGoal, map[string]any{"in": goal(dbtest.Today().AddDate(10, 0, 0).Format(time.DateOnly))}); len(res.Errors) > 0 {
		t.Errorf("a goal due in ten years: %v", res.Errors)
	}
	if res := e.do(t, agent, `{ me { kpis(from: "1990-01-01", to: "`+dbtest.Date(0)+`") { value } } }`, nil); len(res.Errors) > 0 { // fixed-date: the first day accepted
		t.Errorf("kpis from the first day of 1990: %v", res.Errors)
	}
	// A malformed date is still refused as such, with its field.
	res := e.do(t, agent, createGoal, map[string]any{"in": goal("31/12/2030")}) // fixed-date: not a date at all
	if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["key"] != "date.invalid" || res.Errors[0].Extensions["field"] != "input.dueOn" {
		t.Errorf("malformed date: %v", res.Errors)
	}

	// KPI import: periods in year 1, 9999 and next month (it has no
	// results yet) are refused, each named by line and column; nothing is
	// written.
	var agentNo string
	e.db.Get(&agentNo, `SELECT employee_no FROM employees WHERE email = 'agent@rungs.demo'`)
	next := dbtest.Today().AddDate(0, 1, 0)
	nextMonth := time.Date(next.Year(), next.Month(), 1, 0, 0, 0, 0, time.UTC)
	file := "employee_no,kpi,period_start,period_end,value,volume\n" +
		agentNo + ",CSAT,0001-01-01,0001-01-31,90,100\n" + // fixed-date: year 1 is refused whatever the day
		agentNo + ",CSAT,9999-12-01,9999-12-31,90,100\n" + // fixed-date: year 9999 is refused whatever the day
		agentNo + ",CSAT," + nextMonth.Format(time.DateOnly) + "," + nextMonth.AddDate(0, 1, -1).Format(time.DateOnly) + ",90,100\n"
	up := e.upload(t, hr, `mutation($file: Upload!) { importKpis(file: $file) { records } }`, "dates.csv", file)
	if up.code() != "BAD_USER_INPUT" {
		t.Fatalf("import of absurd periods: %v", up.Errors)
	}
	details, _ := up.Errors[0].Extensions["details"].([]any)
	fields := map[string]bool{}
	for _, d := range details {
		fields[fmt.Sprint(d.(map[string]any)["field"])] = true
	}
	for _, want := range []string{"line 2: period_start", "line 3: period_end", "line 4: period_end"} {
		if !fields[want] {
			t.Errorf("the refusal does not name %s: %v", want, details)
		}
	}
	var n int
	e.db.Get(&n, `SELECT count(*) FROM kpi_records WHERE period_start < '1990-01-01' OR period_start > now()`) // fixed-date: the range's first day
	if n != 0 {
		t.Errorf("%d records outside the range", n)
	}
}
