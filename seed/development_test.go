package seed

import (
	"context"
	"slices"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/progression"
	"golang.org/x/crypto/bcrypt"
)

// TestDevelopmentContent checks the demo development content on its own:
// the rules package development keeps, stated on the tables here.
func TestDevelopmentContent(t *testing.T) {
	emps := map[string]demoEmployee{}
	for _, e := range employees {
		emps[e.No] = e
	}
	comps := map[string]bool{}
	for _, c := range demoCompetencies {
		comps[c.Code] = true
	}
	posCodes := map[string]bool{}
	for _, p := range positions {
		posCodes[p.Code] = true
	}
	// The demo agents and leads: every active one gets aspirations and
	// goals.
	var frontline []string
	for _, e := range employees {
		if (e.Position == "AGENT" || e.Position == "TEAM_LEAD") && e.Offboarded == "" {
			frontline = append(frontline, e.No)
		}
	}
	above := func(boss, emp string) bool {
		for m := emps[emp].Manager; m != ""; m = emps[m].Manager {
			if m == boss {
				return true
			}
		}
		return false
	}

	for _, b := range demoBudgets {
		if _, ok := emps[b.Emp]; !ok || b.Hours < 0.5 || b.Hours > 40 || b.Hours == 3 {
			t.Errorf("budget %+v: unknown employee, out of range or the default", b)
		}
		if b.By != b.Emp && !slices.Contains(emps[b.By].Roles, roleH) {
			t.Errorf("budget of %s set by %s, who is neither the employee nor HR", b.Emp, b.By)
		}
	}

	asp := map[string]bool{}
	for _, a := range demoAspirations {
		e, ok := emps[a.Emp]
		if !ok || asp[a.Emp] {
			t.Errorf("aspirations of %s: unknown or listed twice", a.Emp)
		}
		asp[a.Emp] = true
		if n := len(a.Choices); n < 1 || n > 3 {
			t.Errorf("%s names %d positions; want 1 to 3", a.Emp, n)
		}
		seen := map[string]bool{}
		for _, c := range a.Choices {
			switch {
			case !posCodes[c.Position] || seen[c.Position]:
				t.Errorf("%s aspires to %s: unknown or twice", a.Emp, c.Position)
			case c.Position == e.Position:
				t.Errorf("%s aspires to their own position %s", a.Emp, c.Position)
			case c.Position == "CX_DIRECTOR":
				t.Errorf("%s aspires to CX_DIRECTOR, whose bench the demo keeps empty", a.Emp)
			}
			seen[c.Position] = true
		}
	}
	for _, no := range frontline {
		if !asp[no] {
			t.Errorf("%s (%s) has no aspirations", no, emps[no].Position)
		}
	}

	goals := map[string][]demoGoal{}
	statuses := map[string]int{}
	for _, g := range demoGoals {
		e, ok := emps[g.Emp]
		if !ok || e.Manager == "" || e.Offboarded != "" {
			t.Errorf("goal %q: employee %s unknown, without a manager or gone", g.Title, g.Emp)
		}
		for _, o := range goals[g.Emp] {
			if o.Title == g.Title {
				t.Errorf("%s has the goal %q twice", g.Emp, g.Title)
			}
		}
		goals[g.Emp] = append(goals[g.Emp], g)
		statuses[g.Status]++
		agreed, closed := g.AgreedAgo > 0, g.ClosedAgo > 0
		shape := map[string]bool{
			goalDraft: !agreed && !closed, goalAgreed: agreed && !closed, goalInProgress: agreed && !closed,
			goalAchieved: agreed && closed, goalMissed: agreed && closed, goalCancelled: closed,
		}
		if ok := shape[g.Status]; !ok {
			t.Errorf("goal %q is %s with agreed %v, closed %v", g.Title, g.Status, agreed, closed)
		}
		switch {
		case g.CreatedAgo < 1 || g.AgreedAgo > g.CreatedAgo || g.ClosedAgo > g.CreatedAgo || (agreed && closed && g.ClosedAgo > g.AgreedAgo):
			t.Errorf("goal %q: dates out of order (created %d, agreed %d, closed %d days ago)", g.Title, g.CreatedAgo, g.AgreedAgo, g.ClosedAgo)
		case g.DueIn < -g.CreatedAgo:
			t.Errorf("goal %q is due before it was written", g.Title)
		case agreed && g.DueIn < -g.AgreedAgo:
			t.Errorf("goal %q was agreed after its due date", g.Title)
		case !closed && g.DueIn < 0:
			t.Errorf("goal %q is open and overdue", g.Title)
		case len(g.Title) == 0 || len([]rune(g.Title)) > 200 || g.Measure == "" || g.Target == "":
			t.Errorf("goal %q: a SMART goal needs a title, a measure and a target", g.Title)
		case len(g.Competencies) == 0 || len(g.Competencies) > 10:
			t.Errorf("goal %q links %d competencies", g.Title, len(g.Competencies))
		}
		if g.By != "" && !above(g.By, g.Emp) && !slices.Contains(emps[g.By].Roles, roleH) {
			t.Errorf("goal %q written by %s, neither in %s's line nor HR", g.Title, g.By, g.Emp)
		}
		for _, c := range g.Competencies {
			if !comps[c] {
				t.Errorf("goal %q links unknown competency %s", g.Title, c)
			}
		}
	}
	for _, no := range frontline {
		if n := len(goals[no]); n < 2 || n > 3 {
			t.Errorf("%s has %d goals; want 2 or 3", no, n)
		}
	}
	for _, s := range []string{goalDraft, goalAgreed, goalInProgress, goalAchieved, goalCancelled} {
		if statuses[s] == 0 {
			t.Errorf("no %s goal", s)
		}
	}
	if statuses[goalMissed] != 1 {
		t.Errorf("%d MISSED goals; want one", statuses[goalMissed])
	}

	owner := map[string]string{}
	for _, c := range demoCourses {
		owner[c.Code] = c.Owner
	}
	// A trainer of theirs (people.TrainerOfSQL): the coach's training
	// scope holds the employee's team or position, and the employee is
	// enrolled in one of the coach's courses.
	inScope := func(coach, emp string) bool {
		for _, s := range demoScopes {
			if s.Trainer == coach && ((s.Team != "" && s.Team == emps[emp].Team) || (s.Position != "" && s.Position == emps[emp].Position)) {
				return true
			}
		}
		return false
	}
	trainerOf := func(coach, emp string) bool {
		if !slices.Contains(emps[coach].Roles, roleT) || !inScope(coach, emp) {
			return false
		}
		for _, en := range demoEnrollments {
			if en.Emp == emp && owner[en.Course] == coach {
				return true
			}
		}
		return false
	}
	byTrainer := 0
	for _, c := range demoCoachingLog {
		coach := c.Coach
		if coach == "" {
			coach = emps[c.Emp].Manager
		}
		switch {
		case c.Ago < 1 || c.Ago > 90:
			t.Errorf("coaching of %s %d days ago: want the last three months", c.Emp, c.Ago)
		case c.Notes == "":
			t.Errorf("coaching of %s %d days ago has no notes", c.Emp, c.Ago)
		case coach == c.Emp || !(above(coach, c.Emp) || trainerOf(coach, c.Emp)):
			t.Errorf("%s coaching %s: neither in the line nor a trainer of theirs", coach, c.Emp)
		}
		if coach == trainerAssessor {
			byTrainer++
		}
	}
	if byTrainer < 2 {
		t.Errorf("trainer@ holds %d coaching sessions; want a couple", byTrainer)
	}

	for _, p := range demoPlans {
		if p.Emp == "CS-1102" {
			t.Error("agent@ adopts her plan in the demo: the seed must not adopt one for her")
		}
		if emps[p.Emp].Position == p.Target {
			t.Errorf("%s's plan leads to their own position", p.Emp)
		}
	}
}

func progressionService(db *sqlx.DB) *progression.Service {
	return &progression.Service{Competency: competency.NewStore(db), Ladder: ladder.NewStore(db), Learning: learning.NewStore(db),
		KPI: kpi.NewStore(db), Performance: performance.NewStore(db), Now: clock.Now, DB: db}
}

// TestSeedDevelopment loads the demo and checks the development rows
// against the rules of package development, the plan against the
// readiness rule, and the empty bench.
func TestSeedDevelopment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	sum, err := Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	choices := 0
	for _, a := range demoAspirations {
		choices += len(a.Choices)
	}
	// Every demo row was written: none was dropped by the rules the SQL
	// checks.
	if sum.StudyBudgets != len(demoBudgets) || sum.Aspirations != choices || sum.Goals != len(demoGoals) ||
		sum.CoachingSessions != len(demoCoachingLog) || sum.Plans != len(demoPlans) || sum.PlanEnrollments != 4 {
		t.Errorf("summary %v: want %d budgets, %d aspirations, %d goals, %d sessions, %d plans with 4 enrolments",
			sum, len(demoBudgets), choices, len(demoGoals), len(demoCoachingLog), len(demoPlans))
	}
	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := db.Get(&n, query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	for _, c := range []struct {
		name, query string
		want        func(int) bool
	}{
		{"employees with more than three aspirations", `SELECT count(*) FROM (SELECT employee_id FROM aspirations GROUP BY employee_id HAVING count(*) > 3) x`, isZero},
		{"aspiration ranks not 1..n", `SELECT count(*) FROM (SELECT employee_id FROM aspirations GROUP BY employee_id HAVING max(rank) <> count(*)) x`, isZero},
		{"aspirations to the current position", `SELECT count(*) FROM aspirations a JOIN employees e ON e.id = a.employee_id WHERE a.position_id = e.position_id`, isZero},
		{"aspirants to CX_DIRECTOR", `SELECT count(*) FROM aspirations a JOIN positions p ON p.id = a.position_id WHERE p.code = 'CX_DIRECTOR'`, isZero},
		{"goals agreed by someone not above the employee", `SELECT count(*) FROM goals g WHERE g.agreed_by IS NOT NULL
			AND NOT ` + people.ManagesSQL("g.agreed_by", "g.employee_id"), isZero},
		{"goals achieved or missed by someone outside the employee and the line", `SELECT count(*) FROM goals g
			WHERE g.status IN ('ACHIEVED', 'MISSED') AND g.closed_by <> g.employee_id AND NOT ` + people.ManagesSQL("g.closed_by", "g.employee_id"), isZero},
		{"goals cancelled by someone outside the line", `SELECT count(*) FROM goals g
			WHERE g.status = 'CANCELLED' AND NOT ` + people.ManagesSQL("g.closed_by", "g.employee_id"), isZero},
		{"goals without a competency", `SELECT count(*) FROM goals g WHERE NOT EXISTS (SELECT 1 FROM goal_competencies c WHERE c.goal_id = g.id)`, isZero},
		{"open goals overdue", `SELECT count(*) FROM goals WHERE status IN ('DRAFT', 'AGREED', 'IN_PROGRESS') AND due_on < current_date`, isZero},
		{"missed goals", `SELECT count(*) FROM goals WHERE status = 'MISSED'`, isOne},
		{"active agents and leads without 2-3 goals", `SELECT count(*) FROM employees e JOIN positions p ON p.id = e.position_id
			WHERE p.code IN ('AGENT', 'TEAM_LEAD') AND e.status = 'ACTIVE'
			  AND (SELECT count(*) FROM goals g WHERE g.employee_id = e.id) NOT BETWEEN 2 AND 3`, isZero},
		{"active agents and leads without aspirations", `SELECT count(*) FROM employees e JOIN positions p ON p.id = e.position_id
			WHERE p.code IN ('AGENT', 'TEAM_LEAD') AND e.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM aspirations a WHERE a.employee_id = e.id)`, isZero},
		{"coaching by someone neither in the line nor a trainer of theirs", `SELECT count(*) FROM coaching_sessions s
			WHERE NOT ` + people.ManagesSQL("s.coach_id", "s.employee_id") + `
			  AND NOT (EXISTS (SELECT 1 FROM user_roles r WHERE r.employee_id = s.coach_id AND r.role = 'TRAINER')
			           AND EXISTS (SELECT 1 FROM enrollments en JOIN courses c ON c.id = en.course_id
			                       WHERE en.employee_id = s.employee_id AND c.owner_id = s.coach_id))`, isZero},
		{"coaching older than three months or in the future", `SELECT count(*) FROM coaching_sessions
			WHERE held_on < current_date - 92 OR held_on > current_date`, isZero},
		{"coaching by trainer@", `SELECT count(*) FROM coaching_sessions s JOIN employees k ON k.id = s.coach_id
			WHERE k.email = 'trainer@rungs.demo'`, func(n int) bool { return n >= 2 }},
		{"coaching of agent@ by lead@", `SELECT count(*) FROM coaching_sessions s JOIN employees e ON e.id = s.employee_id
			JOIN employees k ON k.id = s.coach_id WHERE e.email = 'agent@rungs.demo' AND k.email = 'lead@rungs.demo'`, func(n int) bool { return n >= 2 }},
		{"agent@'s study budget", `SELECT count(*) FROM study_budgets b JOIN employees e ON e.id = b.employee_id
			WHERE e.email = 'agent@rungs.demo' AND b.weekly_hours = 4`, isOne},
		{"plans of agent@", `SELECT count(*) FROM development_plans p JOIN employees e ON e.id = p.employee_id WHERE e.email = 'agent@rungs.demo'`, isZero},
		{"active plans toward TEAM_LEAD", `SELECT count(*) FROM development_plans d JOIN positions p ON p.id = d.target_position_id
			WHERE d.status = 'ACTIVE' AND p.code = 'TEAM_LEAD'`, isOne},
		{"plan courses without an enrolment", `SELECT count(*) FROM plan_courses pc JOIN development_plans d ON d.id = pc.plan_id
			WHERE NOT EXISTS (SELECT 1 FROM enrollments en WHERE en.employee_id = d.employee_id AND en.course_id = pc.course_id)`, isZero},
		{"plan enrolments without their ASSIGNED event", `SELECT count(*) FROM plan_courses pc JOIN development_plans d ON d.id = pc.plan_id
			JOIN enrollments en ON en.employee_id = d.employee_id AND en.course_id = pc.course_id
			WHERE NOT EXISTS (SELECT 1 FROM enrollment_events v WHERE v.enrollment_id = en.id AND v.to_status = 'ASSIGNED')`, isZero},
		{"plans whose total is not their courses' hours", `SELECT count(*) FROM development_plans d
			WHERE d.total_hours <> (SELECT sum(hours) FROM plan_courses pc WHERE pc.plan_id = d.id)`, isZero},
		{"plans whose finish does not follow from the budget", `SELECT count(*) FROM development_plans d
			LEFT JOIN study_budgets b ON b.employee_id = d.employee_id
			WHERE d.weekly_hours <> coalesce(b.weekly_hours, 3)
			   OR d.finish_on <> (d.adopted_at AT TIME ZONE 'UTC')::date + 7 * ceil(d.total_hours / d.weekly_hours)::int`, isZero},
		{"plan courses not published", `SELECT count(*) FROM plan_courses pc JOIN courses c ON c.id = pc.course_id WHERE c.status <> 'PUBLISHED'`, isZero},
	} {
		if n := count(c.query); !c.want(n) {
			t.Errorf("%s: %d", c.name, n)
		}
	}
	if n := count(`SELECT count(DISTINCT status) FROM goals`); n != 6 {
		t.Errorf("goals take %d statuses; want all six", n)
	}

	// The plan closes every competency and course requirement of a team
	// lead for Du Kai: the what-if with its courses completed leaves only
	// the KPI bar.
	svc := progressionService(db)
	var duKai people.Employee
	if err := db.Get(&duKai, `SELECT * FROM employees WHERE email = 'du.kai@rungs.demo'`); err != nil {
		t.Fatal(err)
	}
	var lead int64
	if err := db.Get(&lead, `SELECT id FROM positions WHERE code = 'TEAM_LEAD'`); err != nil {
		t.Fatal(err)
	}
	var plan []struct {
		CourseID     int64 `db:"course_id"`
		Prerequisite bool  `db:"prerequisite"`
	}
	if err := db.Select(&plan, `SELECT pc.course_id, pc.prerequisite FROM plan_courses pc JOIN development_plans d ON d.id = pc.plan_id
		WHERE d.employee_id = $1 AND d.status = 'ACTIVE' ORDER BY pc.position`, duKai.ID); err != nil {
		t.Fatal(err)
	}
	var planCourses []int64
	for _, c := range plan {
		planCourses = append(planCourses, c.CourseID)
	}
	before, err := svc.Readiness(ctx, &duKai, lead, nil)
	if err != nil {
		t.Fatal(err)
	}
	after, err := svc.Readiness(ctx, &duKai, lead, planCourses)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{progression.LineCompetency, progression.LineCourses} {
		if l := before.Line(kind); l == nil || l.Met {
			t.Errorf("Du Kai meets the %s requirements of a team lead before his plan: nothing to plan", kind)
		}
		if l := after.Line(kind); l == nil || !l.Met {
			t.Errorf("Du Kai's plan %v leaves %s requirements of a team lead unmet: %+v", planCourses, kind, l)
		}
	}
	// Each course of the plan is needed: without it some requirement stays
	// unmet. (A prerequisite is needed by the course that requires it, which
	// the what-if does not model.)
	for i := range planCourses {
		if plan[i].Prerequisite {
			continue
		}
		without := slices.Delete(slices.Clone(planCourses), i, i+1)
		r, err := svc.Readiness(ctx, &duKai, lead, without)
		if err != nil {
			t.Fatal(err)
		}
		if r.Line(progression.LineCompetency).Met && r.Line(progression.LineCourses).Met {
			t.Errorf("course %d of Du Kai's plan is not needed", planCourses[i])
		}
	}

	// Readiness: some demo employees are READY_NOW for team lead and some
	// NOT_READY; CX_DIRECTOR has candidates and none of them ready.
	page, err := svc.Board(ctx, progression.BoardQuery{PositionID: lead, First: 100})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string][]string{}
	for _, r := range page.Rows {
		status[r.Readiness.Status] = append(status[r.Readiness.Status], r.Employee.Email)
	}
	if !slices.Contains(status[progression.StatusReadyNow], "cao.lin@rungs.demo") || !slices.Contains(status[progression.StatusNotReady], "agent@rungs.demo") {
		t.Errorf("team-lead board: %v; want Cao Lin READY_NOW and agent@ NOT_READY", status)
	}
	bench, err := svc.BenchStrength(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var director int64
	if err := db.Get(&director, `SELECT id FROM positions WHERE code = 'CX_DIRECTOR'`); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range bench {
		if b.PositionID == director {
			found = true
			if !b.NoSuccessorReady || len(b.ReadySoonIDs) > 0 || b.Candidates == 0 || len(b.HolderIDs) != 1 {
				t.Errorf("CX_DIRECTOR bench %+v: want a holder, candidates, and none ready now or soon", b)
			}
		}
		if b.PositionID == lead && b.NoSuccessorReady {
			t.Error("TEAM_LEAD has nobody ready now")
		}
	}
	if !found {
		t.Error("no bench for CX_DIRECTOR")
	}
}

// TestSeedDevelopmentIsIdempotent: a second run adds nothing, and leaves a
// study budget the employee changed as they set it.
func TestSeedDevelopmentIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	if _, err := Run(ctx, db, bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	db.MustExec(`UPDATE study_budgets SET weekly_hours = 7 WHERE employee_id = (SELECT id FROM employees WHERE email = 'agent@rungs.demo')`)
	tables := []string{"study_budgets", "aspirations", "goals", "goal_competencies", "coaching_sessions",
		"development_plans", "plan_courses", "enrollments", "enrollment_events"}
	before := map[string]int{}
	for _, tb := range tables {
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM `+tb); err != nil {
			t.Fatal(err)
		}
		before[tb] = n
	}
	second, err := Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if second.StudyBudgets+second.Aspirations+second.Goals+second.CoachingSessions+second.Plans+second.PlanEnrollments != 0 {
		t.Errorf("second run added development rows: %v", second)
	}
	for _, tb := range tables {
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM `+tb); err != nil {
			t.Fatal(err)
		}
		if n != before[tb] {
			t.Errorf("%s: %d rows after the second run, %d before", tb, n, before[tb])
		}
	}
	var hours float64
	if err := db.Get(&hours, `SELECT weekly_hours FROM study_budgets b JOIN employees e ON e.id = b.employee_id WHERE e.email = 'agent@rungs.demo'`); err != nil || hours != 7 {
		t.Errorf("agent@'s own budget after a second run: %v, %v; want 7", hours, err)
	}
}
