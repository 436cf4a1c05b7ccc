package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
)

// The hostile tester's finding: a trainer widened their own visibility by
// assigning a course to someone, registering them for a session or scoring
// them on a rubric (even an HR user, whose levels the score then lowered).
// Now a trainer reaches the teams and positions HR granted them (the seed
// gives trainer@ and qa@ the three service teams) and their own line, and
// nothing they do adds anyone.

// scopeEnv is the seeded server with the people these tests use: Xu Tao
// (CX & analytics) is in no trainer's scope; Deng Chao (Team East) is in
// trainer@'s and qa@'s.
type scopeEnv struct {
	*env
	trainer, qa, hr, agent string // tokens
	outsider, inScope      string // employee ids
	course, classroom      string // published courses trainer@ owns
}

func newScopeEnv(t *testing.T) *scopeEnv {
	t.Helper()
	e := newEnv(t)
	s := &scopeEnv{env: e,
		trainer: e.login(t, "trainer@rungs.demo"), qa: e.login(t, "qa@rungs.demo"),
		hr: e.login(t, "hr@rungs.demo"), agent: e.login(t, "agent@rungs.demo"),
		outsider: e.idOf(t, "xu.tao@rungs.demo"), inScope: e.idOf(t, "deng.chao@rungs.demo"),
	}
	owned := `SELECT c.id::text FROM courses c JOIN employees o ON o.id = c.owner_id
		WHERE o.email = 'trainer@rungs.demo' AND c.status = 'PUBLISHED' AND c.format = $1 ORDER BY c.code LIMIT 1`
	if err := e.db.Get(&s.course, owned, "E_LEARNING"); err != nil {
		t.Fatalf("no e-learning course of trainer@: %v", err)
	}
	if err := e.db.Get(&s.classroom, owned, "CLASSROOM"); err != nil {
		t.Fatalf("no classroom course of trainer@: %v", err)
	}
	return s
}

// count runs a counting query against the database.
func (s *scopeEnv) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// wantCode fails unless res failed with code (and key, when given).
func wantCode(t *testing.T, res *response, code, key string) {
	t.Helper()
	if res.code() != code {
		t.Fatalf("got %q (%v), want %s", res.code(), res.Errors, code)
	}
	if key != "" && res.Errors[0].Extensions["key"] != key {
		t.Fatalf("key %v, want %s", res.Errors[0].Extensions["key"], key)
	}
}

func (s *scopeEnv) teamID(t *testing.T, code string) string {
	t.Helper()
	var id string
	if err := s.db.Get(&id, `SELECT id::text FROM teams WHERE code = $1`, code); err != nil {
		t.Fatalf("no team %s: %v", code, err)
	}
	return id
}

const assignQ = `mutation($in: AssignCourseInput!) { assignCourse(input: $in) { created existing } }`

// TestTrainerAssignsOnlyInScope: assigning to someone outside the trainer's
// scope and line, or to a team or position outside it, is FORBIDDEN and
// writes nothing; inside it works.
func TestTrainerAssignsOnlyInScope(t *testing.T) {
	t.Parallel()
	s := newScopeEnv(t)
	due := dbtest.Date(20)
	in := func(target map[string]any) map[string]any {
		target["courseId"], target["dueOn"] = s.course, due
		return map[string]any{"in": target}
	}
	written := func() int {
		return s.count(t, `SELECT count(*) FROM assignments WHERE course_id = $1`, s.course) +
			s.count(t, `SELECT count(*) FROM enrollments WHERE course_id = $1`, s.course)
	}
	before := written()

	wantCode(t, s.do(t, s.trainer, assignQ, in(map[string]any{"employeeIds": []string{s.outsider}})), "FORBIDDEN", "assignment.out_of_scope")
	wantCode(t, s.do(t, s.trainer, assignQ, in(map[string]any{"employeeIds": []string{s.inScope, s.outsider}})), "FORBIDDEN", "assignment.out_of_scope")
	wantCode(t, s.do(t, s.trainer, assignQ, in(map[string]any{"teamId": s.teamID(t, "CX-DATA")})), "FORBIDDEN", "assignment.out_of_scope")
	wantCode(t, s.do(t, s.trainer, assignQ, in(map[string]any{"positionId": s.positionID(t, "DATA_ANALYST")})), "FORBIDDEN", "assignment.out_of_scope")
	// The same for a standalone test: HR's people are never a trainer's to assign.
	var test string
	if err := s.db.Get(&test, `
		INSERT INTO assessments (code, title_en, title_zh, pass_mark, status, owner_id, published_at)
		SELECT 'SCOPE-TEST', 'Standalone test', '独立测评', 70, 'PUBLISHED', id, now() FROM employees WHERE email = 'trainer@rungs.demo'
		RETURNING id::text`); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.do(t, s.trainer, assignQ, map[string]any{"in": map[string]any{
		"assessmentId": test, "dueOn": due, "employeeIds": []string{s.idOf(t, "hr2@rungs.demo")}}}), "FORBIDDEN", "assignment.out_of_scope")
	if got := written() + s.count(t, `SELECT count(*) FROM enrollments WHERE assessment_id = $1::bigint`, test); got != before {
		t.Fatalf("refused assignments wrote %d rows", got-before)
	}

	// Inside the scope: a person, and the whole team.
	var res struct{ Created, Existing int }
	decode(t, s.do(t, s.trainer, assignQ, in(map[string]any{"employeeIds": []string{s.inScope}})), "assignCourse", &res)
	if res.Created+res.Existing != 1 {
		t.Errorf("assign in scope: %+v", res)
	}
	decode(t, s.do(t, s.trainer, assignQ, in(map[string]any{"teamId": s.teamID(t, "CS-EAST")})), "assignCourse", &res)
	if res.Created+res.Existing < 5 {
		t.Errorf("assign Team East: %+v", res)
	}
	// HR assigns anyone.
	decode(t, s.do(t, s.hr, assignQ, in(map[string]any{"employeeIds": []string{s.outsider}})), "assignCourse", &res)
}

// TestTrainerRegistersOnlyInScope: registering an outsider for the
// trainer's session is FORBIDDEN and writes nothing. An outsider who
// registers themself is on the roster by name, and stays hidden.
func TestTrainerRegistersOnlyInScope(t *testing.T) {
	t.Parallel()
	s := newScopeEnv(t)
	var session struct{ ID string }
	decode(t, s.do(t, s.trainer, `mutation($in: SessionInput!) { createSession(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"courseId": s.classroom, "startsAt": dbtest.Date(10) + "T01:00:00Z", "endsAt": dbtest.Date(10) + "T04:00:00Z",
		"place": "Room 5", "capacity": 10}}), "createSession", &session)
	register := `mutation($s: ID!, $e: ID) { registerForSession(sessionId: $s, employeeId: $e) { id status } }`

	wantCode(t, s.do(t, s.trainer, register, map[string]any{"s": session.ID, "e": s.outsider}), "FORBIDDEN", "session.out_of_scope")
	if n := s.count(t, `SELECT count(*) FROM session_registrations WHERE session_id = $1`, session.ID); n != 0 {
		t.Fatalf("a refused registration wrote %d rows", n)
	}
	decode(t, s.do(t, s.trainer, register, map[string]any{"s": session.ID, "e": s.inScope}), "registerForSession", new(struct{ ID string }))

	// The outsider registers themself: the owner sees the registration by
	// name, not the person.
	decode(t, s.do(t, s.login(t, "xu.tao@rungs.demo"), register, map[string]any{"s": session.ID}), "registerForSession", new(struct{ ID string }))
	var roster struct {
		Registrations []struct {
			Employee *struct{ ID string }
			Learner  struct {
				ID   string
				Name struct{ En string }
			}
		}
	}
	decode(t, s.do(t, s.trainer, `query($s: ID!) { courseSession(id: $s) { registrations { employee { id } learner { id name { en } } } } }`,
		map[string]any{"s": session.ID}), "courseSession", &roster)
	var names []string
	for _, r := range roster.Registrations {
		names = append(names, r.Learner.Name.En)
		if r.Learner.ID == s.outsider && r.Employee != nil {
			t.Error("the roster opens the outsider's profile")
		}
		if r.Learner.ID == s.inScope && r.Employee == nil {
			t.Error("the roster hides a learner in the trainer's scope")
		}
	}
	if strings.Join(names, ",") != "Deng Chao,Xu Tao" && strings.Join(names, ",") != "Xu Tao,Deng Chao" {
		t.Errorf("roster names %v", names)
	}
	wantCode(t, s.do(t, s.trainer, `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": s.outsider}), "NOT_FOUND", "")
}

// TestQACannotScoreHR: a QA specialist scoring an HR user is FORBIDDEN and
// the HR user's levels stay as they were; an agent in her scope she scores.
func TestQACannotScoreHR(t *testing.T) {
	t.Parallel()
	s := newScopeEnv(t)
	hr2 := s.idOf(t, "hr2@rungs.demo")
	var rubricID string
	var criteria []string
	s.db.Get(&rubricID, `SELECT id::text FROM rubrics WHERE code = 'QA-CALLS'`)
	s.db.Select(&criteria, `SELECT id::text FROM rubric_criteria WHERE rubric_id = $1::bigint ORDER BY position`, rubricID)
	score := func(token, employee string) *response {
		var items []map[string]any
		for _, c := range criteria {
			items = append(items, map[string]any{"criterionId": c, "level": 1})
		}
		return s.do(t, token, `mutation($in: ScoreInput!) { scoreRubric(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"rubricId": rubricID, "employeeId": employee, "channel": "CALL", "interactionOn": dbtest.Date(0), "items": items}})
	}
	levels := func() string {
		t.Helper()
		res := s.do(t, s.hr, `query($id: ID!) { employee(id: $id) { competencies { competency { code } level source } } }`, map[string]any{"id": hr2})
		if len(res.Errors) > 0 {
			t.Fatal(res.Errors)
		}
		return string(res.Data["employee"])
	}
	before := levels()
	wantCode(t, score(s.qa, hr2), "FORBIDDEN", "rubric.scorecard.forbidden")
	wantCode(t, score(s.trainer, hr2), "FORBIDDEN", "rubric.scorecard.forbidden")
	wantCode(t, score(s.qa, s.outsider), "FORBIDDEN", "rubric.scorecard.forbidden")
	if after := levels(); after != before {
		t.Errorf("HR's levels changed:\n%s\n%s", before, after)
	}
	if n := s.count(t, `SELECT count(*) FROM scorecards WHERE employee_id IN ($1::bigint, $2::bigint)`, hr2, s.outsider); n != 0 {
		t.Errorf("%d scorecards of people out of reach", n)
	}
	decode(t, score(s.qa, s.inScope), "scoreRubric", new(struct{ ID string }))
}

// TestEnrolmentOpensNothing: after HR enrols an outsider in trainer@'s
// course, trainer@ still cannot see them, nor their competencies, KPIs,
// ratings or development; nor rate or coach them. A learner in her scope
// enrolled in her course she reads and rates. A learner who leaves her
// scope stays on her grading queue by name only.
func TestEnrolmentOpensNothing(t *testing.T) {
	t.Parallel()
	s := newScopeEnv(t)
	decode(t, s.do(t, s.hr, assignQ, map[string]any{"in": map[string]any{
		"courseId": s.course, "dueOn": dbtest.Date(20), "employeeIds": []string{s.outsider, s.inScope}}}), "assignCourse", new(struct{ Created int }))

	read := func(id string) map[string]string {
		out := map[string]string{}
		for name, field := range map[string]string{
			"profile":      `id`,
			"competencies": `competencies { level }`,
			"enrollments":  `enrollments { id }`,
			"kpis":         `kpis(from: "` + dbtest.Date(-365) + `", to: "` + dbtest.Date(0) + `") { value }`,
			"ratings":      `performanceRatings { rating }`,
			"goals":        `goals { id }`,
			"plan":         `plan { id }`,
			"coaching":     `coachingLog { id }`,
		} {
			out[name] = s.do(t, s.trainer, `query($id: ID!) { employee(id: $id) { `+field+` } }`, map[string]any{"id": id}).code()
		}
		return out
	}
	for name, code := range read(s.outsider) {
		if code != "NOT_FOUND" {
			t.Errorf("trainer@ reads the outsider's %s: %q, want NOT_FOUND", name, code)
		}
	}
	if res := s.do(t, s.trainer, `{ employees(filter: {text: "Xu Tao"}) { totalCount } }`, nil); !strings.Contains(string(res.Data["employees"]), `"totalCount":0`) {
		t.Errorf("the outsider is in trainer@'s employee list: %s", res.Data["employees"])
	}
	comm := s.competencyID(t, "COMMUNICATION")
	rate := `mutation($in: RateCompetencyInput!) { rateCompetency(input: $in) { level } }`
	rateIn := func(id string) map[string]any {
		return map[string]any{"in": map[string]any{"employeeId": id, "competencyId": comm, "level": 1, "comment": "x", "observedOn": dbtest.Date(0)}}
	}
	wantCode(t, s.do(t, s.trainer, rate, rateIn(s.outsider)), "FORBIDDEN", "")
	wantCode(t, s.do(t, s.trainer, `mutation($id: ID!, $on: Date!) { logCoaching(employeeId: $id, heldOn: $on, notes: "n") { id } }`,
		map[string]any{"id": s.outsider, "on": dbtest.Date(-1)}), "FORBIDDEN", "")

	// Inside her scope, her learner's record is hers to read and rate
	// (KPIs and performance ratings stay with the line and HR).
	for name, code := range read(s.inScope) {
		if name == "kpis" || name == "ratings" {
			continue
		}
		if code != "" {
			t.Errorf("trainer@ reads her learner's %s: %q, want success", name, code)
		}
	}
	decode(t, s.do(t, s.trainer, rate, rateIn(s.inScope)), "rateCompetency", new(struct{ Level int }))

	// Cao Lin's attempt waits in trainer@'s grading queue; moved out of
	// the service teams, Cao Lin is out of her scope: the attempt stays
	// hers to grade, named, and the person hidden.
	caoLin := s.idOf(t, "cao.lin@rungs.demo")
	s.db.MustExec(`UPDATE employees SET team_id = (SELECT id FROM teams WHERE code = 'CX-DATA') WHERE id = $1`, caoLin)
	var queue []struct {
		Employee *struct{ ID string }
		Learner  struct {
			ID   string
			Name struct{ En string }
		}
	}
	decode(t, s.do(t, s.trainer, `{ gradingQueue { employee { id } learner { id name { en } } } }`, nil), "gradingQueue", &queue)
	found := false
	for _, a := range queue {
		if a.Learner.ID == caoLin {
			found = true
			if a.Employee != nil || a.Learner.Name.En != "Cao Lin" {
				t.Errorf("grading queue entry %+v: want the name only", a)
			}
		}
	}
	if !found {
		t.Errorf("Cao Lin's attempt left trainer@'s grading queue: %+v", queue)
	}
	wantCode(t, s.do(t, s.trainer, `query($id: ID!) { employee(id: $id) { competencies { level } } }`, map[string]any{"id": caoLin}), "NOT_FOUND", "")
}

const grantQ = `mutation($in: GrantTrainingScopeInput!) { grantTrainingScope(input: $in) {
	id trainer { email } team { code } position { code } grantedBy { email } grantedAt revokedAt } }`

// TestGrantAndRevokeScope: HR grants a trainer a team and the trainer's
// view follows; a revoke takes it back. Only trainers get a scope; only HR
// and admins grant one.
func TestGrantAndRevokeScope(t *testing.T) {
	t.Parallel()
	s := newScopeEnv(t)
	trainerID := s.idOf(t, "trainer@rungs.demo")
	cxData := s.teamID(t, "CX-DATA")
	sees := func() string {
		return s.do(t, s.trainer, `query($id: ID!) { employee(id: $id) { id } }`, map[string]any{"id": s.outsider}).code()
	}
	if got := sees(); got != "NOT_FOUND" {
		t.Fatalf("before the grant trainer@ reads the outsider: %q", got)
	}

	var g struct {
		ID        string
		Trainer   struct{ Email string }
		Team      *struct{ Code string }
		Position  *struct{ Code string }
		GrantedBy struct{ Email string }
		RevokedAt *string
	}
	decode(t, s.do(t, s.hr, grantQ, map[string]any{"in": map[string]any{"trainerId": trainerID, "teamId": cxData}}), "grantTrainingScope", &g)
	if g.Trainer.Email != "trainer@rungs.demo" || g.Team == nil || g.Team.Code != "CX-DATA" || g.Position != nil ||
		g.GrantedBy.Email != "hr@rungs.demo" || g.RevokedAt != nil {
		t.Errorf("grant %+v", g)
	}
	if got := sees(); got != "" {
		t.Errorf("after the grant trainer@ cannot read the outsider: %q", got)
	}
	decode(t, s.do(t, s.trainer, assignQ, map[string]any{"in": map[string]any{
		"courseId": s.course, "dueOn": dbtest.Date(20), "employeeIds": []string{s.outsider}}}), "assignCourse", new(struct{ Created int }))

	// Her scope is read by herself, her line and HR; others see nothing of it.
	scopeOf := func(token string) string {
		res := s.do(t, token, `query($id: ID!) { employee(id: $id) { trainingScope { team { code } position { code } } } }`,
			map[string]any{"id": trainerID})
		if len(res.Errors) > 0 {
			return res.code()
		}
		return string(res.Data["employee"])
	}
	for _, token := range []string{s.trainer, s.hr, s.login(t, "sun.qiang@rungs.demo"), s.login(t, "admin@rungs.demo")} {
		if got := scopeOf(token); !strings.Contains(got, `"CX-DATA"`) || !strings.Contains(got, `"CS-EAST"`) {
			t.Errorf("the scope as read: %s", got)
		}
	}
	if got := scopeOf(s.agent); got != "NOT_FOUND" {
		t.Errorf("an agent reads trainer@'s scope: %s", got)
	}

	// Same grant again: CONFLICT. A non-trainer: BAD_USER_INPUT. Unknown
	// team: NOT_FOUND. An employee, a trainer: FORBIDDEN.
	wantCode(t, s.do(t, s.hr, grantQ, map[string]any{"in": map[string]any{"trainerId": trainerID, "teamId": cxData}}), "CONFLICT", "scope.duplicate")
	wantCode(t, s.do(t, s.hr, grantQ, map[string]any{"in": map[string]any{"trainerId": s.idOf(t, "agent@rungs.demo"), "teamId": cxData}}),
		"BAD_USER_INPUT", "scope.not_trainer")
	wantCode(t, s.do(t, s.hr, grantQ, map[string]any{"in": map[string]any{"trainerId": trainerID, "teamId": "999999"}}), "NOT_FOUND", "team.not_found")
	wantCode(t, s.do(t, s.hr, grantQ, map[string]any{"in": map[string]any{"trainerId": trainerID, "teamId": cxData,
		"positionId": s.positionID(t, "AGENT")}}), "BAD_USER_INPUT", "scope.target.one")
	for _, token := range []string{s.agent, s.trainer, s.qa, s.login(t, "lead@rungs.demo")} {
		wantCode(t, s.do(t, token, grantQ, map[string]any{"in": map[string]any{"trainerId": trainerID, "teamId": s.teamID(t, "PEOPLE-IT")}}),
			"FORBIDDEN", "")
		wantCode(t, s.do(t, token, `mutation($id: ID!) { revokeTrainingScope(id: $id) { id } }`, map[string]any{"id": g.ID}), "FORBIDDEN", "")
	}
	if n := s.count(t, `SELECT count(*) FROM training_scopes WHERE team_id = (SELECT id FROM teams WHERE code = 'PEOPLE-IT')`); n != 0 {
		t.Errorf("refused grants wrote %d rows", n)
	}

	// The revoke: the outsider is hidden again, and a second revoke finds nothing.
	var r struct{ RevokedAt *string }
	decode(t, s.do(t, s.hr, `mutation($id: ID!) { revokeTrainingScope(id: $id) { revokedAt } }`, map[string]any{"id": g.ID}), "revokeTrainingScope", &r)
	if r.RevokedAt == nil {
		t.Error("revoke without a time")
	}
	if got := sees(); got != "NOT_FOUND" {
		t.Errorf("after the revoke trainer@ reads the outsider: %q", got)
	}
	wantCode(t, s.do(t, s.trainer, assignQ, map[string]any{"in": map[string]any{
		"courseId": s.course, "dueOn": dbtest.Date(20), "employeeIds": []string{s.outsider}}}), "FORBIDDEN", "assignment.out_of_scope")
	wantCode(t, s.do(t, s.hr, `mutation($id: ID!) { revokeTrainingScope(id: $id) { id } }`, map[string]any{"id": g.ID}), "NOT_FOUND", "scope.not_found")
}

// TestScopeStatementsFlat: the scope is part of the statements that read
// people and their records, never a statement per row. trainer@ lists a
// team HR granted her, every member her learner, with their development
// record and her scope: a page of 50 costs what a page of 5 does.
func TestScopeStatementsFlat(t *testing.T) {
	t.Parallel()
	s := newScopeEnv(t)
	s.resolver.LoaderWait = 200 * time.Millisecond // a busy machine must not split a batch
	team := dbtest.MustCreateTeam(t, s.db, "")
	var pos int64
	s.db.Get(&pos, `SELECT id FROM positions WHERE code = 'AGENT'`)
	for range 55 {
		id := dbtest.MustCreateEmployee(t, s.db, dbtest.Employee{PositionID: pos, TeamID: team})
		s.db.MustExec(`INSERT INTO enrollments (employee_id, course_id, status) VALUES ($1, $2::bigint, 'ASSIGNED')`, id, s.course)
	}
	decode(t, s.do(t, s.hr, grantQ, map[string]any{"in": map[string]any{"trainerId": s.idOf(t, "trainer@rungs.demo"), "teamId": team}}),
		"grantTrainingScope", new(struct{ ID string }))

	query := `query($n: Int, $team: ID) { employees(first: $n, filter: {teamId: $team}) { nodes {
		team { code } competencies { level } enrollments { status } learningLoad { assigned } trainingScope { id } } } }`
	count := func(first int) (int64, int) {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"n": first, "team": team}})
		req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+s.trainer)
		ctx, counter := postgres.NewContextWithCounter(req.Context())
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, req.WithContext(ctx))
		var res response
		json.Unmarshal(rec.Body.Bytes(), &res)
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
		return counter.Count(), strings.Count(string(res.Data["employees"]), `"enrollments":`)
	}
	small, n5 := count(5)
	large, n50 := count(50)
	if n5 != 5 || n50 != 50 {
		t.Fatalf("pages of %d and %d learners, want 5 and 50", n5, n50)
	}
	if large > small {
		t.Errorf("a page of 50 costs %d statements, a page of 5 %d: the scope costs a statement per row", large, small)
	}
	t.Logf("trainer@'s page of 50 learners with their records and scopes: %d SQL statements", large)
}
