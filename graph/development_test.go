package graph_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rungs/rungs/dbtest"
)

func (e *env) positionID(t *testing.T, code string) string {
	t.Helper()
	var id string
	if err := e.db.Get(&id, `SELECT id::text FROM positions WHERE code = $1`, code); err != nil {
		t.Fatalf("no position %s: %v", code, err)
	}
	return id
}

func (e *env) competencyID(t *testing.T, code string) string {
	t.Helper()
	var id string
	if err := e.db.Get(&id, `SELECT id::text FROM competencies WHERE code = $1`, code); err != nil {
		t.Fatalf("no competency %s: %v", code, err)
	}
	return id
}

// TestAgentSeesTheirDevelopment is the "done when": a demo agent sees
// their competencies, the positions they can move to and their gap to team
// lead.
func TestAgentSeesTheirDevelopment(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent := e.login(t, "agent@rungs.demo")
	res := e.do(t, agent, `query($lead: ID!) { me {
		position { code requirements { kind competency { code } minLevel minMonths minRating } }
		competencies { competency { code name { en zh } indicators { level specific text { zh } } } level source stale }
		nextPositions { kind to { code name { zh } } }
		gapTo(positionId: $lead) { met totalGap position { code }
			competencies { competency { code } requiredLevel currentLevel gap met }
			otherRequirements { kind required actual met } }
	} }`, map[string]any{"lead": e.positionID(t, "TEAM_LEAD")})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	var me struct {
		Position struct {
			Code         string
			Requirements []struct{ Kind string }
		}
		Competencies []struct {
			Competency struct {
				Code       string
				Indicators []struct {
					Level    int
					Specific bool
				}
			}
			Level  *int
			Source *string
		}
		NextPositions []struct {
			Kind string
			To   struct{ Code string }
		}
		GapTo struct {
			Met          bool
			TotalGap     int
			Competencies []struct {
				RequiredLevel int
				CurrentLevel  *int
				Gap           int
				Met           bool
			}
			OtherRequirements []struct {
				Kind     string
				Required float64
				Actual   *float64
				Met      bool
			}
		}
	}
	if err := json.Unmarshal(res.Data["me"], &me); err != nil {
		t.Fatal(err)
	}
	if me.Position.Code != "AGENT" || len(me.Position.Requirements) == 0 {
		t.Errorf("position: %+v", me.Position)
	}
	if len(me.Competencies) < 16 {
		t.Errorf("%d competencies, want every one of the framework", len(me.Competencies))
	}
	for _, c := range me.Competencies {
		if c.Level == nil || c.Source == nil {
			t.Errorf("%s has no level: the demo rates everyone", c.Competency.Code)
		}
		if len(c.Competency.Indicators) != 5 || !c.Competency.Indicators[0].Specific {
			t.Errorf("%s indicators: %+v", c.Competency.Code, c.Competency.Indicators)
		}
	}
	var toLead bool
	for _, m := range me.NextPositions {
		toLead = toLead || (m.To.Code == "TEAM_LEAD" && m.Kind == "PROMOTION")
	}
	if !toLead {
		t.Errorf("next positions lack a promotion to team lead: %+v", me.NextPositions)
	}
	// The demo agent grows toward team lead but is not there yet.
	g := me.GapTo
	if g.Met || g.TotalGap == 0 || len(g.Competencies) == 0 {
		t.Errorf("gap to team lead: met %v, total %d, %d lines", g.Met, g.TotalGap, len(g.Competencies))
	}
	sum := 0
	for i, c := range g.Competencies {
		cur := 0
		if c.CurrentLevel != nil {
			cur = *c.CurrentLevel
		}
		if want := max(c.RequiredLevel-cur, 0); c.Gap != want || c.Met != (want == 0) {
			t.Errorf("line %d: required %d, current %d, gap %d, met %v", i, c.RequiredLevel, cur, c.Gap, c.Met)
		}
		if i > 0 && c.Gap > g.Competencies[i-1].Gap {
			t.Errorf("lines are not biggest gap first")
		}
		sum += c.Gap
	}
	if sum != g.TotalGap {
		t.Errorf("total gap %d, lines sum to %d", g.TotalGap, sum)
	}
	var months bool
	for _, o := range g.OtherRequirements {
		if o.Kind == "MONTHS_IN_POSITION" {
			months = o.Actual != nil && *o.Actual > 12 && o.Met
		}
		if o.Kind == "PERFORMANCE_RATING" {
			// The latest undisputed rating, as the seed gave it.
			var want float64
			e.db.Get(&want, `SELECT r.rating FROM performance_ratings r JOIN review_periods p ON p.id = r.period_id
				WHERE r.employee_id = $1 AND r.status <> 'DISPUTED' ORDER BY p.starts_on DESC LIMIT 1`, e.idOf(t, "agent@rungs.demo"))
			if o.Actual == nil || *o.Actual != want || o.Met != (want >= o.Required) {
				t.Errorf("performance rating check %+v, want actual %v", o, want)
			}
		}
	}
	if !months {
		t.Errorf("months in position (in post for years in the seed) not met: %+v", g.OtherRequirements)
	}
}

// TestDevelopmentAccess: the employee, their line, their trainers and HR
// read an employee's competencies and gaps; the people they manage, their
// peers and other trainers do not.
func TestDevelopmentAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent := e.idOf(t, "agent@rungs.demo")
	lead := e.idOf(t, "lead@rungs.demo")
	q := `query($id: ID!, $p: ID!) { employee(id: $id) { competencies { level } gapTo(positionId: $p) { totalGap } } }`
	vars := func(id string) map[string]any {
		return map[string]any{"id": id, "p": e.positionID(t, "SERVICE_MANAGER")}
	}
	cases := []struct {
		login, target, want string
	}{
		{"agent", agent, ""},
		{"lead", agent, ""},
		{"manager", agent, ""},
		{"hr", agent, ""},
		{"admin", lead, ""},
		{"agent", lead, "FORBIDDEN"}, // her own lead: a name, not a record
		{"trainer", agent, ""},       // enrolled in trainer@'s courses
		{"qa", agent, "FORBIDDEN"},   // she scored her calls: the person, not the record
		{"deng.chao", agent, "NOT_FOUND"},
	}
	for _, c := range cases {
		res := e.do(t, e.login(t, c.login+"@rungs.demo"), q, vars(c.target))
		if got := res.code(); got != c.want {
			t.Errorf("%s reading %s: %q, want %q (%v)", c.login, c.target, got, c.want, res.Errors)
		}
	}
}

func TestRateCompetency(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent := e.idOf(t, "agent@rungs.demo")
	colleague := e.idOf(t, "deng.chao@rungs.demo")
	comm := e.competencyID(t, "COMMUNICATION")
	q := `mutation($in: RateCompetencyInput!) { rateCompetency(input: $in) { level source assessor { email } frameworkVersion } }`
	rate := func(login, who string, level int) *response {
		return e.do(t, e.login(t, login+"@rungs.demo"), q, map[string]any{"in": map[string]any{
			"employeeId": who, "competencyId": comm, "level": level, "comment": "observed on calls", "observedOn": dbtest.Date(0)}})
	}
	cases := []struct {
		name, login, who, source, code string
	}{
		{"OKSelf", "agent", agent, "SELF", ""},
		{"OKLead", "lead", agent, "MANAGER", ""},
		{"OKManagerTwoUp", "manager", agent, "MANAGER", ""},
		{"OKTrainerOfHerCourses", "trainer", agent, "TRAINER", ""},
		{"OKHR", "hr", agent, "HR", ""},
		{"ErrColleague", "agent", colleague, "", "FORBIDDEN"},
		{"ErrUpward", "agent", e.idOf(t, "lead@rungs.demo"), "", "FORBIDDEN"},
		{"ErrTrainerOfOthers", "qa", agent, "", "FORBIDDEN"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := rate(c.login, c.who, 3)
			if res.code() != c.code {
				t.Fatalf("code %q, want %q: %v", res.code(), c.code, res.Errors)
			}
			if c.source != "" && !strings.Contains(string(res.Data["rateCompetency"]), `"source":"`+c.source+`"`) {
				t.Errorf("result %s, want source %s", res.Data["rateCompetency"], c.source)
			}
		})
	}
	t.Run("ErrLevelOutsideScale", func(t *testing.T) {
		res := rate("lead", agent, 6)
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "level" {
			t.Errorf("%v", res.Errors)
		}
	})
	// The lead's fresh rating decides the level: HR's came after it in this
	// test, and both are confirmations, so the latest (HR, level 3) wins;
	// the self-assessment never does.
	res := e.do(t, e.login(t, "agent@rungs.demo"), `{ me { competencies { competency { code } level source } } }`, nil)
	if !strings.Contains(string(res.Data["me"]), `{"competency":{"code":"COMMUNICATION"},"level":3,"source":"HR"}`) {
		t.Errorf("current level after the ratings: %s", res.Data["me"])
	}
}

// TestPublishKeepsRatings: an admin edits the framework (which makes a draft
// version 2), publishes it, and the ratings given against version 1 still
// count.
func TestPublishKeepsRatings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.login(t, "admin@rungs.demo")
	comm := e.competencyID(t, "COMMUNICATION")
	before := e.do(t, e.login(t, "agent@rungs.demo"), `{ me { competencies { competency { code } level } } }`, nil)

	res := e.do(t, admin, `mutation($id: ID!) { updateCompetency(id: $id, input: {categoryCode: "SERVICE", nameEn: "Customer communication", nameZh: "客户沟通"}) { frameworkVersion name { en } } }`,
		map[string]any{"id": comm})
	if len(res.Errors) > 0 {
		t.Fatalf("update: %v", res.Errors)
	}
	if !strings.Contains(string(res.Data["updateCompetency"]), `"frameworkVersion":2`) {
		t.Errorf("the edit did not go to a new version: %s", res.Data["updateCompetency"])
	}
	// Until published, everyone still sees version 1.
	if r := e.do(t, admin, `{ competency(id: "`+comm+`") { name { en } frameworkVersion } }`, nil); !strings.Contains(string(r.Data["competency"]), `"frameworkVersion":1`) {
		t.Errorf("before publishing: %s", r.Data["competency"])
	}
	res = e.do(t, admin, `mutation { publishCompetencyFramework(notes: "Renamed communication") { version status } }`, nil)
	if !strings.Contains(string(res.Data["publishCompetencyFramework"]), `"version":2,"status":"PUBLISHED"`) {
		t.Fatalf("publish: %s %v", res.Data["publishCompetencyFramework"], res.Errors)
	}
	after := e.do(t, e.login(t, "agent@rungs.demo"), `{ me { competencies { competency { code } level } competencyHistory { frameworkVersion } } }`, nil)
	var b, a struct {
		Competencies []struct {
			Competency struct{ Code string }
			Level      *int
		}
		CompetencyHistory []struct{ FrameworkVersion int }
	}
	json.Unmarshal(before.Data["me"], &b)
	json.Unmarshal(after.Data["me"], &a)
	if len(a.Competencies) != len(b.Competencies) {
		t.Fatalf("%d competencies before, %d after", len(b.Competencies), len(a.Competencies))
	}
	for i := range a.Competencies {
		if a.Competencies[i].Level == nil || *a.Competencies[i].Level != *b.Competencies[i].Level {
			t.Errorf("%s changed level across the publish", a.Competencies[i].Competency.Code)
		}
	}
	if len(a.CompetencyHistory) == 0 || a.CompetencyHistory[0].FrameworkVersion != 1 {
		t.Errorf("old evidence no longer says it was given against version 1: %+v", a.CompetencyHistory)
	}
	fw := e.do(t, admin, `{ competencyFrameworks { version status } }`, nil)
	if !strings.Contains(string(fw.Data["competencyFrameworks"]), `{"version":1,"status":"RETIRED"}`) {
		t.Errorf("frameworks: %s", fw.Data["competencyFrameworks"])
	}
}

// TestLadderAccessAndValidation: HR and admins edit the ladder, only admins
// the framework; a promotion that does not rise is refused.
func TestLadderAccessAndValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var track string
	e.db.Get(&track, `SELECT id::text FROM tracks WHERE code = 'CX'`)
	create := `mutation($in: PositionInput!) { createPosition(input: $in) { code level } }`
	in := func(code string) map[string]any {
		return map[string]any{"in": map[string]any{"code": code, "trackId": track, "level": 4, "nameEn": "CX Lead Architect", "nameZh": "客户体验架构师"}}
	}
	for login, want := range map[string]string{"agent": "FORBIDDEN", "manager": "FORBIDDEN", "hr": "", "admin": ""} {
		res := e.do(t, e.login(t, login+"@rungs.demo"), create, in("CX_ARCH_"+strings.ToUpper(login)))
		if res.code() != want {
			t.Errorf("createPosition as %s: %q, want %q", login, res.code(), want)
		}
	}
	hr := e.login(t, "hr@rungs.demo")
	if r := e.do(t, hr, `mutation { createCompetencyCategory(input: {code: "NEW", nameEn: "New", nameZh: "新"}) { code } }`, nil); r.code() != "FORBIDDEN" {
		t.Errorf("HR edited the framework: %v", r.Errors)
	}
	move := `mutation($f: ID!, $t: ID!, $k: MoveKind!) { addPositionMove(fromPositionId: $f, toPositionId: $t, kind: $k) { kind } }`
	res := e.do(t, hr, move, map[string]any{"f": e.positionID(t, "SERVICE_MANAGER"), "t": e.positionID(t, "TEAM_LEAD"), "k": "PROMOTION"})
	if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["key"] != "ladder.move.promotion_not_rising" {
		t.Errorf("a promotion down the ladder: %v", res.Errors)
	}
	res = e.do(t, hr, `mutation($p: ID!, $c: ID!) { setPositionRequirements(positionId: $p, requirements: [
		{kind: COMPETENCY, competencyId: $c, minLevel: 9},
		{kind: COMPETENCY, competencyId: $c, minLevel: 2},
		{kind: MONTHS_IN_POSITION, minMonths: 6}]) { code } }`,
		map[string]any{"p": e.positionID(t, "TEAM_LEAD"), "c": e.competencyID(t, "LEADERSHIP")})
	if res.code() != "BAD_USER_INPUT" {
		t.Fatalf("bad requirements: %v", res.Errors)
	}
	details, _ := res.Errors[0].Extensions["details"].([]any)
	if len(details) != 2 {
		t.Errorf("want both problems reported, got %v", res.Errors[0].Extensions)
	}
}

func TestCareerPaths(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.do(t, e.login(t, "agent@rungs.demo"), `query($f: ID!, $t: ID!) { careerPaths(fromPositionId: $f, toPositionId: $t, first: 3) { moves positions { code } } }`,
		map[string]any{"f": e.positionID(t, "AGENT"), "t": e.positionID(t, "CX_DIRECTOR")})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var paths []struct {
		Moves     int
		Positions []struct{ Code string }
	}
	json.Unmarshal(res.Data["careerPaths"], &paths)
	if len(paths) != 3 {
		t.Fatalf("%d paths, want 3", len(paths))
	}
	for i, p := range paths {
		if p.Positions[0].Code != "AGENT" || p.Positions[len(p.Positions)-1].Code != "CX_DIRECTOR" || p.Moves != len(p.Positions)-1 {
			t.Errorf("path %d: %+v", i, p)
		}
		if i > 0 && p.Moves < paths[i-1].Moves {
			t.Errorf("paths not fewest moves first")
		}
	}
	if r := e.do(t, e.login(t, "agent@rungs.demo"), `{ careerPaths(fromPositionId: "1", toPositionId: "2", first: 50) { moves } }`, nil); r.code() != "BAD_USER_INPUT" {
		t.Errorf("first: 50 accepted: %v", r.Errors)
	}
}
