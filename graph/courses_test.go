package graph_test

import (
	"bytes"
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
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/server"
	"golang.org/x/crypto/bcrypt"
)

// decode unmarshals one field of a response's data, failing on errors.
func decode(t *testing.T, res *response, field string, into any) {
	t.Helper()
	if len(res.Errors) > 0 {
		t.Fatalf("%s: %v", field, res.Errors)
	}
	if err := json.Unmarshal(res.Data[field], into); err != nil {
		t.Fatalf("%s: %v in %s", field, err, res.Data[field])
	}
}

// TestCourseFlow is the story end to end: a trainer creates and
// publishes a course, assigns it to a team with a due date and watches the
// team's progress; an agent of that team finds it on her list, completes
// its modules and sees her competency level rise.
func TestCourseFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	trainer, agent, lead := e.login(t, "trainer@rungs.demo"), e.login(t, "agent@rungs.demo"), e.login(t, "lead@rungs.demo")

	// Pick a competency the agent is below 5 in.
	var me struct {
		ID           string
		Team         struct{ ID string }
		Competencies []struct {
			Level      *int
			Competency struct{ ID, Code string }
		}
	}
	decode(t, e.do(t, agent, `{ me { id team { id } competencies { level competency { id code } } } }`, nil), "me", &me)
	var compID, compCode string
	var before int
	for _, c := range me.Competencies {
		if c.Level != nil && *c.Level < 5 {
			compID, compCode, before = c.Competency.ID, c.Competency.Code, *c.Level
			break
		}
	}
	if compID == "" {
		t.Fatal("the demo agent has no competency below 5")
	}

	var created struct {
		ID      string
		Status  string
		Modules []struct{ ID string }
	}
	decode(t, e.do(t, trainer, `mutation($in: CourseInput!) { createCourse(input: $in) { id status modules { id } } }`,
		map[string]any{"in": map[string]any{
			"code": "flow-101", "titleEn": "Calm under pressure", "titleZh": "压力下保持冷静", "format": "E_LEARNING",
			"estimatedHours": 2.5,
			"modules": []map[string]any{
				{"titleEn": "Why it matters", "titleZh": "为什么重要"},
				{"titleEn": "Practice", "titleZh": "练习", "estimatedMinutes": 90},
			},
			"competencies": []map[string]any{{"competencyId": compID, "entryLevel": before - 1, "targetLevel": before + 1}},
		}}), "createCourse", &created)
	if created.Status != "DRAFT" || len(created.Modules) != 2 {
		t.Fatalf("created %+v", created)
	}
	// A draft is the owner's: the agent cannot see it yet.
	if res := e.do(t, agent, `query($id: ID!) { course(id: $id) { id } }`, map[string]any{"id": created.ID}); string(res.Data["course"]) != "null" {
		t.Errorf("agent sees the draft: %s %v", res.Data["course"], res.Errors)
	}
	var published struct{ Status string }
	decode(t, e.do(t, trainer, `mutation($id: ID!) { publishCourse(id: $id) { status } }`, map[string]any{"id": created.ID}), "publishCourse", &published)
	if published.Status != "PUBLISHED" {
		t.Fatalf("status %s after publishing", published.Status)
	}

	due := dbtest.Date(14)
	var assigned struct {
		Created, Existing int
		Assignment        struct{ Scope, DueOn string }
	}
	assign := `mutation($in: AssignCourseInput!) { assignCourse(input: $in) { created existing assignment { scope dueOn } } }`
	in := map[string]any{"in": map[string]any{"courseId": created.ID, "teamId": me.Team.ID, "dueOn": due, "reason": "Peak season"}}
	decode(t, e.do(t, trainer, assign, in), "assignCourse", &assigned)
	var members int
	e.db.Get(&members, `SELECT count(*) FROM employees WHERE team_id = $1 AND status = 'ACTIVE'`, me.Team.ID)
	if assigned.Created != members || assigned.Existing != 0 || assigned.Assignment.Scope != "TEAM" || assigned.Assignment.DueOn != due {
		t.Fatalf("assigned %+v to a team of %d", assigned, members)
	}
	// Assigning again creates nothing new.
	decode(t, e.do(t, trainer, assign, in), "assignCourse", &assigned)
	if assigned.Created != 0 || assigned.Existing != members {
		t.Errorf("second assignment %+v", assigned)
	}

	// The trainer sees the team's progress on their course; the lead on all.
	progressOf := func(token string) map[string][3]int {
		var team struct {
			Progress []struct {
				Course                          struct{ Code string }
				Assigned, InProgress, Completed int
			}
		}
		decode(t, e.do(t, token, `query($id: ID!) { team(id: $id) { progress { course { code } assigned inProgress completed } } }`,
			map[string]any{"id": me.Team.ID}), "team", &team)
		out := map[string][3]int{}
		for _, p := range team.Progress {
			out[p.Course.Code] = [3]int{p.Assigned, p.InProgress, p.Completed}
		}
		return out
	}
	if got := progressOf(trainer)["FLOW-101"]; got != [3]int{members, 0, 0} {
		t.Errorf("trainer sees FLOW-101 progress %v, want %d assigned", got, members)
	}

	// The agent finds it on her list, with a notification.
	var list struct {
		Enrollments []struct {
			ID      string
			Status  string
			DueOn   string
			Overdue bool
			Course  struct {
				Code    string
				Modules []struct{ ID string }
			}
		}
	}
	decode(t, e.do(t, agent, `{ me { enrollments(status: [ASSIGNED, IN_PROGRESS]) { id status dueOn overdue course { code modules { id } } } } }`, nil), "me", &list)
	var enrollment string
	var modules []string
	for _, en := range list.Enrollments {
		if en.Course.Code == "FLOW-101" {
			enrollment = en.ID
			for _, m := range en.Course.Modules {
				modules = append(modules, m.ID)
			}
			if en.Status != "ASSIGNED" || en.DueOn != due || en.Overdue {
				t.Errorf("enrollment %+v", en)
			}
		}
	}
	if enrollment == "" {
		t.Fatalf("FLOW-101 is not on the agent's list: %+v", list)
	}
	var feed struct {
		UnreadCount int
		Nodes       []struct{ Kind, Title, Body string }
	}
	decode(t, e.do(t, agent, `{ notifications(first: 5) { unreadCount nodes { kind title body } } }`, nil), "notifications", &feed)
	if len(feed.Nodes) == 0 || feed.Nodes[0].Kind != "COURSE_ASSIGNED" || !strings.Contains(feed.Nodes[0].Body+feed.Nodes[0].Title, "压力下保持冷静") {
		t.Errorf("newest notification %+v, want the assignment in Chinese", feed.Nodes)
	}
	// Switching to English renders the same notice in English, and the
	// choice reads back on her own record only.
	var loc struct{ Locale *string }
	decode(t, e.do(t, agent, `{ me { locale } }`, nil), "me", &loc)
	if loc.Locale == nil || *loc.Locale != "ZH_CN" {
		t.Errorf("default locale %v, want ZH_CN", loc.Locale)
	}
	decode(t, e.do(t, agent, `mutation { setLocale(locale: EN) }`, nil), "setLocale", new(string))
	decode(t, e.do(t, agent, `{ me { locale } }`, nil), "me", &loc)
	if loc.Locale == nil || *loc.Locale != "EN" {
		t.Errorf("locale after setLocale(EN) %v", loc.Locale)
	}
	decode(t, e.do(t, lead, `query($id: ID!) { employee(id: $id) { locale } }`, map[string]any{"id": e.idOf(t, "agent@rungs.demo")}), "employee", &loc)
	if loc.Locale != nil {
		t.Errorf("her lead reads her locale %v", *loc.Locale)
	}
	decode(t, e.do(t, agent, `{ notifications(first: 1) { unreadCount nodes { kind title body } } }`, nil), "notifications", &feed)
	if !strings.Contains(feed.Nodes[0].Body+feed.Nodes[0].Title, "Calm under pressure") {
		t.Errorf("English notice %+v", feed.Nodes[0])
	}
	var marked int
	decode(t, e.do(t, agent, `mutation { markNotificationsRead(all: true) }`, nil), "markNotificationsRead", &marked)
	if marked != feed.UnreadCount || marked == 0 {
		t.Errorf("marked %d read, %d were unread", marked, feed.UnreadCount)
	}

	// Nobody else ticks her modules, not even her lead.
	tick := `mutation($e: ID!, $m: ID!) { completeModule(enrollmentId: $e, moduleId: $m) { status percentComplete } }`
	if res := e.do(t, lead, tick, map[string]any{"e": enrollment, "m": modules[0]}); res.code() != "FORBIDDEN" {
		t.Errorf("lead ticks the agent's module: %v", res.Errors)
	}
	var step struct {
		Status          string
		PercentComplete float64
	}
	decode(t, e.do(t, agent, tick, map[string]any{"e": enrollment, "m": modules[0]}), "completeModule", &step)
	if step.Status != "IN_PROGRESS" || step.PercentComplete != 50 {
		t.Errorf("after the first module: %+v", step)
	}
	decode(t, e.do(t, agent, tick, map[string]any{"e": enrollment, "m": modules[1]}), "completeModule", &step)
	if step.Status != "COMPLETED" || step.PercentComplete != 100 {
		t.Errorf("after the last module: %+v", step)
	}

	// Her level rose to the course's target, from the course.
	var after struct {
		Competencies []struct {
			Level      *int
			Source     *string
			Competency struct{ Code string }
			Evidence   *struct{ Course *struct{ Code string } }
		}
	}
	decode(t, e.do(t, agent, `{ me { competencies { level source competency { code } evidence { course { code } } } } }`, nil), "me", &after)
	for _, c := range after.Competencies {
		if c.Competency.Code != compCode {
			continue
		}
		if c.Level == nil || *c.Level != before+1 || c.Source == nil || *c.Source != "COURSE" || c.Evidence == nil || c.Evidence.Course == nil || c.Evidence.Course.Code != "FLOW-101" {
			t.Errorf("%s after the course: %+v, want level %d from FLOW-101", compCode, c, before+1)
		}
	}
	if got := progressOf(trainer)["FLOW-101"]; got != [3]int{members - 1, 0, 1} {
		t.Errorf("trainer sees FLOW-101 progress %v after one completion", got)
	}
	if got := progressOf(lead)["FLOW-101"]; got[2] != 1 {
		t.Errorf("lead sees FLOW-101 progress %v after one completion", got)
	}

	// She rates it; the owner reads the feedback, the lead only the average.
	if res := e.do(t, agent, `mutation($c: ID!) { leaveCourseFeedback(courseId: $c, rating: 5, comment: "很实用") { rating } }`,
		map[string]any{"c": created.ID}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	feedbackQ := `query($id: ID!) { course(id: $id) { rating { count average } feedback { rating comment } } }`
	var fb struct {
		Rating   struct{ Count int }
		Feedback []struct{ Comment string }
	}
	decode(t, e.do(t, trainer, feedbackQ, map[string]any{"id": created.ID}), "course", &fb)
	if fb.Rating.Count != 1 || len(fb.Feedback) != 1 || fb.Feedback[0].Comment != "很实用" {
		t.Errorf("owner sees %+v", fb)
	}
	decode(t, e.do(t, lead, feedbackQ, map[string]any{"id": created.ID}), "course", &fb)
	if fb.Rating.Count != 1 || len(fb.Feedback) != 0 {
		t.Errorf("lead sees %+v", fb)
	}
}

// TestCoursesAccess: the role × operation table for this capability.
func TestCoursesAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	logins := []string{"anonymous", "agent", "lead", "manager", "trainer", "qa", "hr", "admin"}
	tokens := map[string]string{}
	for _, l := range logins[1:] {
		tokens[l] = e.login(t, l+"@rungs.demo")
	}
	var course, draft, session, team, agentEnrollment string
	// A published course trainer@ owns, with a session.
	e.db.Get(&course, `SELECT c.id::text FROM courses c JOIN employees o ON o.id = c.owner_id
		WHERE o.email = 'trainer@rungs.demo' AND c.status = 'PUBLISHED' AND c.format = 'CLASSROOM' ORDER BY c.code LIMIT 1`)
	e.db.Get(&draft, `SELECT id::text FROM courses WHERE status = 'DRAFT' LIMIT 1`)
	e.db.Get(&session, `SELECT id::text FROM course_sessions WHERE course_id = $1 LIMIT 1`, course)
	e.db.Get(&team, `SELECT id::text FROM teams WHERE code = 'CS-EAST'`)
	e.db.Get(&agentEnrollment, `SELECT en.id::text FROM enrollments en JOIN employees p ON p.id = en.employee_id
		WHERE p.email = 'agent@rungs.demo' ORDER BY en.id LIMIT 1`)
	agent := e.idOf(t, "agent@rungs.demo")
	if course == "" || draft == "" || session == "" || agentEnrollment == "" {
		t.Fatalf("seed lacks fixtures: course %q draft %q session %q enrollment %q", course, draft, session, agentEnrollment)
	}
	const (
		ok        = "ok"
		unauth    = "UNAUTHENTICATED"
		forbidden = "FORBIDDEN"
		notFound  = "NOT_FOUND"
	)
	vars := map[string]any{"course": course, "draft": draft, "session": session, "team": team, "agent": agent, "enrollment": agentEnrollment}
	rows := []struct {
		op, query string
		want      []string
	}{
		{"courses", `{ courses(first: 5) { totalCount } }`, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"course(draft)", `query($draft: ID!) { course(id: $draft) { id } }`, []string{unauth, notFound, notFound, notFound, notFound, notFound, ok, ok}},
		{"createCourse", `mutation { createCourse(input: {code: "", titleEn: "", titleZh: "", format: E_LEARNING, estimatedHours: 0}) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, ok, forbidden, ok}},
		{"updateCourse(trainer's)", `mutation($course: ID!) { updateCourse(id: $course, input: {estimatedHours: -1}) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, forbidden, forbidden, ok}},
		{"archiveCourse(trainer's)", `mutation($course: ID!) { archiveCourse(id: $course) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, forbidden, forbidden, ok}},
		// Past dates: the call is refused after the access check and
		// changes nothing.
		{"assignCourse(trainer's)", `mutation($course: ID!, $agent: ID!) { assignCourse(input: {courseId: $course, employeeIds: [$agent], dueOn: "` + dbtest.Date(-1) + `"}) { created } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, forbidden, ok, ok}},
		{"createSession", `mutation($course: ID!) { createSession(input: {courseId: $course, startsAt: "` + dbtest.Date(-1) + `T00:00:00Z", endsAt: "` + dbtest.Date(-1) + `T01:00:00Z", place: "", capacity: 0}) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, forbidden, forbidden, ok}},
		{"registerForSession(other)", `mutation($session: ID!, $agent: ID!) { registerForSession(sessionId: $session, employeeId: $agent) { id } }`,
			[]string{unauth, ok, forbidden, forbidden, ok, forbidden, ok, ok}},
		{"recordAttendance", `mutation($session: ID!, $agent: ID!) { recordAttendance(sessionId: $session, attendance: [{employeeId: $agent, attended: true}]) { id } }`,
			[]string{unauth, forbidden, forbidden, forbidden, ok, forbidden, forbidden, ok}},
		{"completeModule(agent's)", `mutation($enrollment: ID!) { completeModule(enrollmentId: $enrollment, moduleId: "1") { id } }`,
			[]string{unauth, ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden}},
		{"agent.enrollments", `query($agent: ID!) { employee(id: $agent) { enrollments { id } } }`,
			[]string{unauth, ok, ok, ok, ok, forbidden, ok, ok}},
		{"agent.learningLoad", `query($agent: ID!) { employee(id: $agent) { learningLoad { hoursAssigned } } }`,
			[]string{unauth, ok, ok, ok, ok, forbidden, ok, ok}},
		{"team.progress", `query($team: ID!) { team(id: $team) { progress { assigned } } }`,
			[]string{unauth, ok, ok, ok, ok, ok, ok, ok}},
		{"notifications", `{ notifications { unreadCount } }`, []string{unauth, ok, ok, ok, ok, ok, ok, ok}},
	}
	for _, r := range rows {
		for i, l := range logins {
			res := e.do(t, tokens[l], r.query, vars)
			got := res.code()
			if got != unauth && got != forbidden && got != notFound {
				got = ok
			}
			// A NOT_FOUND employee (outside the viewer's sight) is a denial too.
			if got == notFound && r.want[i] == forbidden && strings.HasPrefix(r.op, "agent.") {
				got = forbidden
			}
			if got != r.want[i] {
				t.Errorf("%s as %s: %s, want %s (%v)", r.op, l, got, r.want[i], res.Errors)
			}
		}
	}
}

// TestCoursesStatementsFlat: the catalogue with its edges, and a team's
// members with their enrolments, cost the same number of statements for
// 5 rows as for 50.
func TestCoursesStatementsFlat(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Enough courses for a page of 50, each with a competency, a
	// prerequisite and a session; enough team members with enrolments.
	e.db.MustExec(`
		WITH owner AS (SELECT id FROM employees WHERE email = 'trainer@rungs.demo'),
		made AS (
			INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
			SELECT 'ZZ-' || g, 'Course ' || g, '课程 ' || g, 'CLASSROOM', 2, owner.id, 'PUBLISHED', now()
			FROM generate_series(1, 40) g, owner RETURNING id, code
		), links AS (
			INSERT INTO course_competencies (course_id, competency_id, framework_id, entry_level, target_level)
			SELECT m.id, (SELECT min(id) FROM competencies), (SELECT id FROM frameworks WHERE status = 'PUBLISHED'), 1, 2 FROM made m
		), pre AS (
			INSERT INTO course_prerequisites (course_id, prerequisite_id)
			SELECT m.id, (SELECT min(id) FROM courses WHERE code NOT LIKE 'ZZ-%') FROM made m
		)
		INSERT INTO course_sessions (course_id, starts_at, ends_at, place, capacity)
		SELECT m.id, now() + interval '7 days', now() + interval '7 days 2 hours', 'Room ' || m.code, 10 FROM made m`)
	var pos, team int64
	e.db.Get(&pos, `SELECT id FROM positions WHERE code = 'AGENT'`)
	e.db.Get(&team, `SELECT id FROM teams WHERE code = 'CS-EAST'`)
	e.db.MustExec(`
		WITH people AS (
			INSERT INTO employees (employee_no, name_en, name_zh, email, team_id, position_id, hire_date, position_since)
			SELECT 'ZZ-' || g, 'Zz Member ' || g, '成员' || g, 'zz' || g || '@rungs.test', $1, $2, $3::date, $3::date
			FROM generate_series(1, 60) g RETURNING id
		)
		INSERT INTO enrollments (employee_id, course_id, status, due_on)
		SELECT p.id, c.id, 'ASSIGNED', current_date + 7 FROM people p, (SELECT id FROM courses WHERE code LIKE 'ZZ-%' LIMIT 2) c
		ON CONFLICT DO NOTHING`, team, pos, dbtest.Date(-365))

	e.resolver.LoaderWait = 200 * time.Millisecond // see TestStatementsFlat
	token := e.login(t, "hr@rungs.demo")
	count := func(query string, first int) (int64, string) {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"n": first, "team": fmt.Sprint(team)}})
		req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		ctx, counter := postgres.NewContextWithCounter(req.Context())
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, req.WithContext(ctx))
		var res response
		json.Unmarshal(rec.Body.Bytes(), &res)
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
		return counter.Count(), rec.Body.String()
	}
	cases := []struct {
		name, query, marker string
		max                 int64
	}{
		// authenticate + page + competency links + competencies +
		// prerequisites + their courses + sessions
		{"catalogue", `query($n: Int) { courses(first: $n) { nodes { code
			competencies { targetLevel competency { code } }
			prerequisites { enforced course { code } }
			sessions { place seatsTaken } } } }`, `"competencies":`, 8},
		// authenticate + team + members page + enrolments + courses
		{"team", `query($n: Int, $team: ID!) { team(id: $team) { members(first: $n) { nodes {
			enrollments { status overdue course { code } } } } } }`, `"enrollments":`, 6},
	}
	for _, c := range cases {
		small, body5 := count(c.query, 5)
		large, body50 := count(c.query, 50)
		if n5, n50 := strings.Count(body5, c.marker), strings.Count(body50, c.marker); n5 != 5 || n50 != 50 {
			t.Fatalf("%s: %d and %d rows, want 5 and 50", c.name, n5, n50)
		}
		// 50 rows may cost less than 5 (courses already on the page need
		// no second read), never more.
		if large > small {
			t.Errorf("%s: 50 rows cost %d statements, 5 rows %d: the count grows with the page", c.name, large, small)
		}
		if large > c.max {
			t.Errorf("%s: 50 rows cost %d statements, want at most %d", c.name, large, c.max)
		}
		t.Logf("%s: 50 rows cost %d SQL statements", c.name, large)
	}
}

// TestTeamProgressExport: the CSV mirrors Team.progress, for those who may
// see it, and refuses everyone else clearly.
func TestTeamProgressExport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
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
	var team string
	e.db.Get(&team, `SELECT id::text FROM teams WHERE code = 'CS-EAST'`)
	get := func(token, path string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}

	res, body := get(e.login(t, "lead@rungs.demo"), "/export/teams/"+team+"/progress.csv")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("%d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) < 2 || strings.Join(records[0], ",") != "course_code,course_title_en,course_title_zh,assigned,in_progress,completed,overdue,withdrawn" {
		t.Fatalf("csv %v", records)
	}
	// Each row matches the GraphQL field.
	var g struct {
		Progress []struct {
			Course                                              struct{ Code string }
			Assigned, InProgress, Completed, Overdue, Withdrawn int
		}
	}
	decode(t, e.do(t, e.login(t, "lead@rungs.demo"), `query($id: ID!) { team(id: $id) { progress { course { code } assigned inProgress completed overdue withdrawn } } }`,
		map[string]any{"id": team}), "team", &g)
	if len(g.Progress) != len(records)-1 {
		t.Fatalf("%d csv rows, %d progress rows", len(records)-1, len(g.Progress))
	}
	for i, p := range g.Progress {
		want := fmt.Sprintf("%s,%d,%d,%d,%d,%d", p.Course.Code, p.Assigned, p.InProgress, p.Completed, p.Overdue, p.Withdrawn)
		rec := records[i+1]
		if got := strings.Join(append([]string{rec[0]}, rec[3:]...), ","); got != want {
			t.Errorf("row %d: %s, want %s", i, got, want)
		}
	}

	for _, c := range []struct {
		token, path string
		status      int
	}{
		{"", "/export/teams/" + team + "/progress.csv", 401},
		{"not-a-token", "/export/teams/" + team + "/progress.csv", 401},
		{e.login(t, "hr@rungs.demo"), "/export/teams/999999/progress.csv", 404},
		{e.login(t, "hr@rungs.demo"), "/export/teams/abc/progress.csv", 400},
	} {
		if res, body := get(c.token, c.path); res.StatusCode != c.status || !strings.Contains(body, `"code"`) {
			t.Errorf("%s with %q: %d %s, want %d", c.path, c.token, res.StatusCode, body, c.status)
		}
	}
}

// TestAttendanceCompletes: a trainer marks a classroom session's attendance
// in bulk; attendees' enrolments complete in the same transaction and the
// position's course requirement shows as met in the gap analysis.
func TestAttendanceCompletes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	trainer := e.login(t, "trainer@rungs.demo")
	agentID, colleagueID := e.idOf(t, "agent@rungs.demo"), e.idOf(t, "deng.chao@rungs.demo")
	// A classroom session, started an hour ago with both agents in seats,
	// of a course TEAM_LEAD requires (handed to trainer@ for the test).
	var course, session string
	err := e.db.Get(&course, `
		SELECT c.id::text FROM courses c
		JOIN position_requirements r ON r.course_id = c.id AND r.kind = 'COURSE'
		JOIN positions p ON p.id = r.position_id AND p.code = 'TEAM_LEAD'
		WHERE c.status = 'PUBLISHED' LIMIT 1`)
	if err != nil {
		t.Fatalf("no course TEAM_LEAD requires: %v", err)
	}
	e.db.MustExec(`UPDATE courses SET format = 'CLASSROOM', owner_id = (SELECT id FROM employees WHERE email = 'trainer@rungs.demo')
		WHERE id = $1`, course)
	e.db.Get(&session, `
		INSERT INTO course_sessions (course_id, starts_at, ends_at, place, capacity)
		VALUES ($1, now() - interval '1 hour', now() + interval '1 hour', 'Room 301', 10) RETURNING id::text`, course)
	e.db.MustExec(`INSERT INTO session_registrations (session_id, employee_id, status) VALUES ($1, $2, 'REGISTERED'), ($1, $3, 'REGISTERED')`,
		session, agentID, colleagueID)

	gap := func() (met bool, found bool) {
		var g struct {
			GapTo struct {
				OtherRequirements []struct {
					Kind   string
					Met    bool
					Course *struct{ ID string }
				}
			}
		}
		decode(t, e.do(t, e.login(t, "agent@rungs.demo"), `query($p: ID!) { me { gapTo(positionId: $p) { otherRequirements { kind met course { id } } } } }`,
			map[string]any{"p": e.positionID(t, "TEAM_LEAD")}), "me", &g)
		for _, r := range g.GapTo.OtherRequirements {
			if r.Kind == "COURSE" && r.Course != nil && r.Course.ID == course {
				return r.Met, true
			}
		}
		return false, false
	}
	// Undo any seeded completion so the requirement starts unmet.
	e.db.MustExec(`DELETE FROM enrollments WHERE course_id = $1 AND employee_id = $2`, course, agentID)
	if met, found := gap(); !found || met {
		t.Fatalf("before: found %v, met %v", found, met)
	}

	var regs []struct {
		Attended *bool
		Employee struct{ ID string }
	}
	decode(t, e.do(t, trainer, `mutation($s: ID!, $a: ID!, $c: ID!) { recordAttendance(sessionId: $s,
		attendance: [{employeeId: $a, attended: true}, {employeeId: $c, attended: false}]) { attended employee { id } } }`,
		map[string]any{"s": session, "a": agentID, "c": colleagueID}), "recordAttendance", &regs)
	if len(regs) != 2 {
		t.Fatalf("registrations %+v", regs)
	}
	for _, r := range regs {
		if r.Attended == nil || *r.Attended != (r.Employee.ID == agentID) {
			t.Errorf("attendance of %s: %v", r.Employee.ID, r.Attended)
		}
	}
	var status string
	e.db.Get(&status, `SELECT status FROM enrollments WHERE course_id = $1 AND employee_id = $2`, course, agentID)
	if status != "COMPLETED" {
		t.Errorf("attendee's enrolment is %q", status)
	}
	if met, found := gap(); !found || !met {
		t.Errorf("after attending: found %v, met %v", found, met)
	}

	// Someone not in a seat is refused and nothing is written.
	hr := e.idOf(t, "hr@rungs.demo")
	res := e.do(t, trainer, `mutation($s: ID!, $a: ID!, $h: ID!) { recordAttendance(sessionId: $s,
		attendance: [{employeeId: $a, attended: false}, {employeeId: $h, attended: true}]) { attended } }`,
		map[string]any{"s": session, "a": agentID, "h": hr})
	if res.code() != "BAD_USER_INPUT" {
		t.Errorf("attendance of a stranger: %v", res.Errors)
	}
	var attended bool
	e.db.Get(&attended, `SELECT attended FROM session_registrations WHERE session_id = $1 AND employee_id = $2`, session, agentID)
	if !attended {
		t.Error("a refused attendance list changed the agent's record")
	}
}

// TestReadinessExportFilters: the readiness CSV keeps the same candidates as
// the board on screen with the same status and team filters.
func TestReadinessExportFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
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
	hr := e.login(t, "hr@rungs.demo")
	var team, pos string
	e.db.Get(&team, `SELECT id::text FROM teams WHERE code = 'CS-EAST'`)
	e.db.Get(&pos, `SELECT id::text FROM positions WHERE code = 'TEAM_LEAD'`)
	rows := func(query string) (int, int) {
		req, _ := http.NewRequest("GET", ts.URL+"/export/positions/"+pos+"/readiness.csv"+query, nil)
		req.Header.Set("Authorization", "Bearer "+hr)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			return res.StatusCode, 0
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return 200, len(recs) - 1
	}
	board := func(vars map[string]any) int {
		var g struct{ TotalCount int }
		decode(t, e.do(t, hr, `query($p: ID!, $team: ID) { readinessBoard(positionId: $p, teamId: $team) { totalCount } }`, vars), "readinessBoard", &g)
		return g.TotalCount
	}
	all := board(map[string]any{"p": pos})
	east := board(map[string]any{"p": pos, "team": team})
	if east == 0 || east >= all {
		t.Fatalf("seed: %d candidates in Team East of %d: the filter test needs some, not all", east, all)
	}
	if code, n := rows(""); code != 200 || n != all {
		t.Errorf("whole board: %d, %d rows, want %d", code, n, all)
	}
	if code, n := rows("?team=" + team); code != 200 || n != east {
		t.Errorf("Team East: %d, %d rows, want %d", code, n, east)
	}
	if code, _ := rows("?team=abc"); code != 400 {
		t.Errorf("?team=abc: %d, want 400", code)
	}
}
