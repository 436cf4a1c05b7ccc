package graph_test

import (
	"strings"
	"testing"

	"github.com/rungs/rungs/dbtest"
)

// TestAgentAdoptsHerPath: the demo agent sees the fastest path to team
// lead with its hours and finish date, and adopts it: the plan keeps the
// courses and she is enrolled in each.
func TestAgentAdoptsHerPath(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent := e.login(t, "agent@rungs.demo")
	lead := e.positionID(t, "TEAM_LEAD")
	var me struct {
		WeeklyStudyHours float64
		LearningPath     struct {
			Method      string
			TotalHours  float64
			WeeklyHours float64
			FinishOn    *string
			Steps       []struct {
				Kind        string
				Hours       float64
				Course      *struct{ ID, Code string }
				Closes      []struct{ From, To int }
				Description struct{ En, Zh string }
			}
		}
	}
	decode(t, e.do(t, agent, `query($p: ID!) { me { weeklyStudyHours learningPath(targetPositionId: $p) { method totalHours weeklyHours finishOn
		steps { kind hours course { id code } closes { from to } description { en zh } } } } }`, map[string]any{"p": lead}), "me", &me)
	p := me.LearningPath
	if p.Method != "EXACT" || p.TotalHours <= 0 || p.FinishOn == nil || p.WeeklyHours != me.WeeklyStudyHours {
		t.Fatalf("path %+v", p)
	}
	var sum float64
	var planned []string
	for _, s := range p.Steps {
		if s.Description.En == "" || s.Description.Zh == "" {
			t.Errorf("step without a description: %+v", s)
		}
		if s.Kind == "COURSE" {
			sum += s.Hours
			planned = append(planned, s.Course.ID)
			for _, c := range s.Closes {
				if c.To <= c.From {
					t.Errorf("a step closes nothing: %+v", s)
				}
			}
		}
	}
	if len(planned) == 0 || sum < p.TotalHours-0.01 || sum > p.TotalHours+0.01 {
		t.Errorf("steps sum to %.2f h over %d courses, total says %.2f", sum, len(planned), p.TotalHours)
	}

	var plan struct {
		TargetPosition struct{ Code string }
		TotalHours     float64
		Courses        []struct{ ID string }
	}
	decode(t, e.do(t, agent, `mutation($p: ID!) { adoptLearningPath(targetPositionId: $p) { targetPosition { code } totalHours courses { id } } }`,
		map[string]any{"p": lead}), "adoptLearningPath", &plan)
	if plan.TargetPosition.Code != "TEAM_LEAD" || len(plan.Courses) != len(planned) {
		t.Errorf("adopted plan %+v, planned %v", plan, planned)
	}
	var list struct {
		Enrollments []struct{ Course *struct{ ID string } }
		Plan        *struct{ CoursesNotStarted, CoursesInProgress, CoursesDone int }
	}
	decode(t, e.do(t, agent, `{ me { enrollments(status: [ASSIGNED, IN_PROGRESS]) { course { id } } plan { coursesNotStarted coursesInProgress coursesDone } } }`, nil), "me", &list)
	enrolled := map[string]bool{}
	for _, en := range list.Enrollments {
		if en.Course != nil {
			enrolled[en.Course.ID] = true
		}
	}
	for _, id := range planned {
		if !enrolled[id] {
			t.Errorf("planned course %s has no open enrolment", id)
		}
	}
	if list.Plan == nil || list.Plan.CoursesNotStarted+list.Plan.CoursesInProgress+list.Plan.CoursesDone != len(planned) {
		t.Errorf("plan progress %+v for %d courses", list.Plan, len(planned))
	}
	// Her path is hers, her line's, her trainers' and HR's.
	agentID := e.idOf(t, "agent@rungs.demo")
	for login, want := range map[string]string{"lead": "", "hr": "", "trainer": "", "deng.chao": "NOT_FOUND"} {
		res := e.do(t, e.login(t, login+"@rungs.demo"), `query($id: ID!, $p: ID!) { employee(id: $id) { learningPath(targetPositionId: $p) { totalHours } } }`,
			map[string]any{"id": agentID, "p": lead})
		if res.code() != want {
			t.Errorf("%s reading the agent's path: %q, want %q (%v)", login, res.code(), want, res.Errors)
		}
	}
}

// TestReadinessBoardAndBench: HR opens the board for service manager and
// sees who is ready and why; the bench flags a position nobody is ready
// for; readiness explains itself line by line and answers what-ifs.
func TestReadinessBoardAndBench(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.login(t, "hr@rungs.demo")
	var board struct {
		TotalCount int
		Nodes      []struct {
			Score    int
			Status   string
			Employee struct{ Email string }
			Lines    []struct {
				Kind   string
				Weight float64
				Score  float64
				Met    bool
			}
			TopGaps []struct{ En, Zh string }
		}
	}
	decode(t, e.do(t, hr, `query($p: ID!) { readinessBoard(positionId: $p, first: 50) { totalCount nodes { score status employee { email }
		lines { kind weight score met } topGaps { en zh } } } }`, map[string]any{"p": e.positionID(t, "SERVICE_MANAGER")}), "readinessBoard", &board)
	if board.TotalCount == 0 || len(board.Nodes) != board.TotalCount {
		t.Fatalf("board %+v", board)
	}
	for i, n := range board.Nodes {
		if i > 0 && n.Score > board.Nodes[i-1].Score {
			t.Errorf("board not sorted by score at %d", i)
		}
		if len(n.Lines) == 0 || (n.Status != "READY_NOW" && len(n.TopGaps) == 0) {
			t.Errorf("%s: %s without reasons: %+v", n.Employee.Email, n.Status, n)
		}
	}
	if res := e.do(t, e.login(t, "lead@rungs.demo"), `query($p: ID!) { readinessBoard(positionId: $p) { totalCount } }`,
		map[string]any{"p": e.positionID(t, "SERVICE_MANAGER")}); res.code() != "FORBIDDEN" {
		t.Errorf("a lead opens the board: %v", res.Errors)
	}

	var bench []struct {
		Position         struct{ Code string }
		Holders          int
		ReadyNow         int
		NoSuccessorReady bool
	}
	decode(t, e.do(t, hr, `{ benchStrength { position { code } holders readyNow noSuccessorReady } }`, nil), "benchStrength", &bench)
	flagged := 0
	for _, b := range bench {
		if b.NoSuccessorReady != (b.ReadyNow == 0) {
			t.Errorf("%s: %d ready now but flag %v", b.Position.Code, b.ReadyNow, b.NoSuccessorReady)
		}
		if b.NoSuccessorReady {
			flagged++
		}
	}
	if len(bench) == 0 || flagged == 0 {
		t.Errorf("bench of %d positions flags %d", len(bench), flagged)
	}

	// What if the agent took every course the team-lead requirements name?
	agent := e.login(t, "agent@rungs.demo")
	var courses []string
	e.db.Select(&courses, `SELECT DISTINCT cc.course_id::text FROM course_competencies cc
		JOIN position_requirements r ON r.competency_id = cc.competency_id
		JOIN positions p ON p.id = r.position_id AND p.code = 'TEAM_LEAD'
		JOIN courses c ON c.id = cc.course_id AND c.status = 'PUBLISHED'`)
	q := `query($p: ID!, $a: [ID!]) { me { readiness(targetPositionId: $p, assumeCompleted: $a) { score status lines { kind met } } } }`
	var now, whatIf struct{ Readiness struct{ Score int } }
	decode(t, e.do(t, agent, q, map[string]any{"p": e.positionID(t, "TEAM_LEAD")}), "me", &now)
	decode(t, e.do(t, agent, q, map[string]any{"p": e.positionID(t, "TEAM_LEAD"), "a": courses}), "me", &whatIf)
	if whatIf.Readiness.Score <= now.Readiness.Score {
		t.Errorf("what-if with %d courses: %d, now %d", len(courses), whatIf.Readiness.Score, now.Readiness.Score)
	}

	// HR tunes the policy; nobody else may.
	policy := `mutation { updateReadinessPolicy(input: {weightCompetency: 60, weightCourses: 10, weightMonths: 5, weightRating: 15, weightKpi: 10,
		readyNowMin: 85, readySoonMin: 65, readyNowRequiresAllMet: true}) { readyNowMin weightKpi } }`
	if res := e.do(t, agent, policy, nil); res.code() != "FORBIDDEN" {
		t.Errorf("the agent changes the policy: %v", res.Errors)
	}
	res := e.do(t, hr, policy, nil)
	if len(res.Errors) > 0 || !strings.Contains(string(res.Data["updateReadinessPolicy"]), `"readyNowMin":85`) {
		t.Errorf("policy update: %s %v", res.Data["updateReadinessPolicy"], res.Errors)
	}
}

// TestGoalsCoachingAspirations: an agent writes a goal, her lead agrees it
// and logs a coaching session; she names her aspirations, which her lead
// sees and a colleague does not.
func TestGoalsCoachingAspirations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent, lead := e.login(t, "agent@rungs.demo"), e.login(t, "lead@rungs.demo")
	agentID := e.idOf(t, "agent@rungs.demo")
	var goal struct{ ID, Status string }
	decode(t, e.do(t, agent, `mutation($c: ID!, $due: Date!) { createGoal(input: {title: "Raise CSAT to 88%", measure: "monthly CSAT", target: "88%",
		dueOn: $due, competencyIds: [$c]}) { id status } }`, map[string]any{"c": e.competencyID(t, "COMMUNICATION"), "due": dbtest.Date(120)}), "createGoal", &goal)
	if res := e.do(t, agent, `mutation($g: ID!) { agreeGoal(goalId: $g) { status } }`, map[string]any{"g": goal.ID}); res.code() != "FORBIDDEN" {
		t.Errorf("the agent agrees her own goal: %v", res.Errors)
	}
	decode(t, e.do(t, lead, `mutation($g: ID!) { agreeGoal(goalId: $g) { id status } }`, map[string]any{"g": goal.ID}), "agreeGoal", &goal)
	if goal.Status != "AGREED" {
		t.Errorf("goal %+v", goal)
	}
	if res := e.do(t, lead, `mutation($e: ID!, $on: Date!) { logCoaching(employeeId: $e, heldOn: $on, notes: "Went through two escalations", followUps: "Shadow a senior") { id } }`,
		map[string]any{"e": agentID, "on": dbtest.Date(-7)}); len(res.Errors) > 0 {
		t.Errorf("coaching: %v", res.Errors)
	}
	var asp []struct{ Rank int }
	decode(t, e.do(t, agent, `mutation($a: ID!, $b: ID!) { setAspirations(positionIds: [$a, $b]) { rank } }`,
		map[string]any{"a": e.positionID(t, "TEAM_LEAD"), "b": e.positionID(t, "QA_SPECIALIST")}), "setAspirations", &asp)
	if len(asp) != 2 || asp[0].Rank != 1 {
		t.Errorf("aspirations %+v", asp)
	}
	var seen struct {
		Goals       []struct{ ID string }
		CoachingLog []struct{ Notes string }
		Aspirations []struct{ Position struct{ Code string } }
	}
	decode(t, e.do(t, lead, `query($e: ID!) { employee(id: $e) { goals { id } coachingLog { notes } aspirations { position { code } } } }`,
		map[string]any{"e": agentID}), "employee", &seen)
	if len(seen.Goals) == 0 || len(seen.CoachingLog) == 0 || len(seen.Aspirations) != 2 || seen.Aspirations[0].Position.Code != "TEAM_LEAD" {
		t.Errorf("the lead sees %+v", seen)
	}
	if res := e.do(t, e.login(t, "deng.chao@rungs.demo"), `query($e: ID!) { employee(id: $e) { aspirations { rank } } }`,
		map[string]any{"e": agentID}); res.code() != "NOT_FOUND" {
		t.Errorf("a colleague reads her aspirations: %v", res.Errors)
	}
}

// TestUnknownPositionAndHiddenPrerequisite: asking about a position that
// does not exist is NOT_FOUND, not an internal error; a prerequisite the
// viewer may not see (its owner's draft) is left out of the course, not a
// reason to lose the whole catalogue.
func TestUnknownPositionAndHiddenPrerequisite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agent, trainer := e.login(t, "agent@rungs.demo"), e.login(t, "trainer@rungs.demo")
	for _, q := range []string{
		`{ me { readiness(targetPositionId: "999999") { score } } }`,
		`{ me { readiness(targetPositionId: "999999", assumeCompleted: ["1"]) { score } } }`,
		`{ me { learningPath(targetPositionId: "999999") { totalHours } } }`,
	} {
		if res := e.do(t, agent, q, nil); res.code() != "NOT_FOUND" {
			t.Errorf("%s: %v", q, res.Errors)
		}
	}

	var published string
	e.db.Get(&published, `SELECT c.id::text FROM courses c JOIN employees o ON o.id = c.owner_id
		WHERE o.email = 'trainer@rungs.demo' AND c.status = 'PUBLISHED' ORDER BY c.code LIMIT 1`)
	var draft struct{ ID string }
	decode(t, e.do(t, trainer, `mutation { createCourse(input: {code: "HIDDEN-1", titleEn: "Draft", titleZh: "草稿", format: E_LEARNING, estimatedHours: 1}) { id } }`, nil),
		"createCourse", &draft)
	if res := e.do(t, trainer, `mutation($id: ID!, $p: ID!) { updateCourse(id: $id, input: {prerequisites: [{courseId: $p, enforced: false}]}) { id } }`,
		map[string]any{"id": published, "p": draft.ID}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var c struct {
		Prerequisites []struct{ Course struct{ ID string } }
	}
	decode(t, e.do(t, agent, `query($id: ID!) { course(id: $id) { prerequisites { course { id } } } }`, map[string]any{"id": published}), "course", &c)
	for _, p := range c.Prerequisites {
		if p.Course.ID == draft.ID {
			t.Error("the agent sees the trainer's draft as a prerequisite")
		}
	}
	decode(t, e.do(t, trainer, `query($id: ID!) { course(id: $id) { prerequisites { course { id } } } }`, map[string]any{"id": published}), "course", &c)
	found := false
	for _, p := range c.Prerequisites {
		found = found || p.Course.ID == draft.ID
	}
	if !found {
		t.Error("the owner does not see her own draft prerequisite")
	}
}
