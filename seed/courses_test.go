package seed

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"golang.org/x/crypto/bcrypt"
)

// TestCourseContent checks the demo course content for consistency on its
// own, without a database: the catalogue, and a learning history that
// agrees with the catalogue, the people and itself.
func TestCourseContent(t *testing.T) {
	codeRE := regexp.MustCompile(`^[A-Z][A-Z0-9_-]{1,39}$`)
	emps := map[string]demoEmployee{}
	for _, e := range employees {
		emps[e.No] = e
	}
	comps := map[string]bool{}
	for _, c := range demoCompetencies {
		comps[c.Code] = true
	}
	// The highest level any position asks of each competency.
	topRequired := map[string]int{}
	for _, r := range demoRequirements {
		for c, l := range r.Competencies {
			topRequired[c] = max(topRequired[c], l)
		}
	}
	courses := map[string]demoCourse{}

	t.Run("catalogue", func(t *testing.T) {
		status := map[string]int{}
		for _, c := range demoCourses {
			if !codeRE.MatchString(c.Code) {
				t.Errorf("course code %q is malformed", c.Code)
			}
			if _, dup := courses[c.Code]; dup {
				t.Errorf("course %s is declared twice", c.Code)
			}
			courses[c.Code] = c
			status[c.Status]++
			if fcMissingText(c.TitleEN, c.TitleZH, c.SummaryEN, c.SummaryZH) || len(c.TitleEN) > 200 || len(c.TitleZH) > 200 {
				t.Errorf("%s: a title or summary is empty or too long", c.Code)
			}
			if !slices.Contains(emps[c.Owner].Roles, auth.RoleTrainer) {
				t.Errorf("%s: owner %s does not have the TRAINER role", c.Code, c.Owner)
			}
			if !slices.Contains([]string{"E_LEARNING", "CLASSROOM", "COACHING", "ON_THE_JOB"}, c.Format) {
				t.Errorf("%s: format %q", c.Code, c.Format)
			}
			if c.Certification != (c.ValidityMonths > 0) {
				t.Errorf("%s: certification %v with validity %d months", c.Code, c.Certification, c.ValidityMonths)
			}
			if c.Since <= 0 || (c.Status == "ARCHIVED") != (c.ArchivedAgo > 0) || c.ArchivedAgo >= c.Since {
				t.Errorf("%s: published %d days ago, archived %d days ago", c.Code, c.Since, c.ArchivedAgo)
			}
			if n := len(c.Modules); n < 3 || n > 6 {
				t.Errorf("%s has %d modules, want 3 to 6", c.Code, n)
			}
			minutes := 0
			for i, m := range c.Modules {
				if fcMissingText(m.EN, m.ZH) || m.Minutes <= 0 {
					t.Errorf("%s module %d: %+v", c.Code, i+1, m)
				}
				minutes += m.Minutes
			}
			if h := float64(minutes) / 60; h < c.Hours*0.75 || h > c.Hours*1.25 {
				t.Errorf("%s: modules take %.1f hours, the course says %.1f", c.Code, h, c.Hours)
			}
			if n := len(c.Competencies); n < 1 || n > 3 {
				t.Errorf("%s develops %d competencies, want 1 to 3", c.Code, n)
			}
			for _, l := range c.Competencies {
				if !comps[l.Competency] {
					t.Errorf("%s develops unknown competency %q", c.Code, l.Competency)
				}
				if l.Entry < 0 || l.Target <= l.Entry || l.Target > len(defaultScale) {
					t.Errorf("%s: %s from %d to %d", c.Code, l.Competency, l.Entry, l.Target)
				}
				// A course closes a gap the ladder has: some position asks
				// for the level it brings people to.
				if topRequired[l.Competency] < l.Target {
					t.Errorf("%s takes %s to %d, which no position requires", c.Code, l.Competency, l.Target)
				}
			}
		}
		if status["DRAFT"] != 1 || status["ARCHIVED"] != 1 || status["PUBLISHED"] < 20 {
			t.Errorf("statuses %v: want one draft, one archived, the rest published", status)
		}
		// Prerequisites name other courses and form no cycle: a
		// depth-first walk never meets a course still on its own path.
		const (
			unseen = iota
			onPath
			done
		)
		state := map[string]int{}
		var visit func(code string, path []string)
		visit = func(code string, path []string) {
			state[code] = onPath
			for _, p := range courses[code].Prerequisites {
				switch state[p.Course] {
				case onPath:
					t.Errorf("prerequisite cycle: %v -> %s", append(path, code), p.Course)
				case unseen:
					visit(p.Course, append(path, code))
				}
			}
			state[code] = done
		}
		for _, c := range demoCourses {
			seen := map[string]bool{}
			for _, p := range c.Prerequisites {
				if _, ok := courses[p.Course]; !ok || p.Course == c.Code || seen[p.Course] {
					t.Errorf("%s: bad prerequisite %q", c.Code, p.Course)
				}
				seen[p.Course] = true
			}
			if state[c.Code] == unseen {
				visit(c.Code, nil)
			}
		}
		pos := map[string]bool{}
		for _, p := range positions {
			pos[p.Code] = true
		}
		for _, r := range demoCourseRequirements {
			c, ok := courses[r.Course]
			if !pos[r.Position] || !ok || c.Status != "PUBLISHED" {
				t.Errorf("requirement %+v names an unknown position or unpublished course", r)
			}
			if (r.Kind == "CERTIFICATION") != c.Certification || (r.Kind != "COURSE" && r.Kind != "CERTIFICATION") {
				t.Errorf("requirement %+v: kind does not match the course", r)
			}
		}
	})

	asgs := map[string]demoAssignment{}
	enrolled := map[[2]string]demoEnrollment{}
	t.Run("enrolments", func(t *testing.T) {
		for _, a := range demoAssignments {
			if _, dup := asgs[a.Key]; dup {
				t.Errorf("assignment %s twice", a.Key)
			}
			asgs[a.Key] = a
			if c, ok := courses[a.Course]; !ok || c.Status != "PUBLISHED" {
				t.Errorf("assignment %s: course %s is not published", a.Key, a.Course)
			}
			by := emps[a.By]
			if !slices.Contains(by.Roles, auth.RoleTrainer) && !slices.Contains(by.Roles, auth.RoleHR) {
				t.Errorf("assignment %s is by %s, neither trainer nor HR", a.Key, a.By)
			}
			if (a.Scope == "EMPLOYEES") != (a.Target == "") || a.CreatedAgo <= 0 || a.DueIn <= -a.CreatedAgo {
				t.Errorf("assignment %s: scope %s target %q, made %d days ago, due in %d", a.Key, a.Scope, a.Target, a.CreatedAgo, a.DueIn)
			}
		}
		today := dbtest.Today()
		for _, e := range demoEnrollments {
			k := [2]string{e.Emp, e.Course}
			if _, dup := enrolled[k]; dup {
				t.Errorf("%s is enrolled in %s twice", e.Emp, e.Course)
			}
			enrolled[k] = e
			emp, ok := emps[e.Emp]
			c, okC := courses[e.Course]
			if !ok || emp.Offboarded != "" || !okC || c.Status == "DRAFT" || (c.Status == "ARCHIVED" && e.Status != stCompleted) {
				t.Errorf("%s in %s: unknown or inactive employee, or a course not open to learners", e.Emp, e.Course)
				continue
			}
			if e.Asg != "" {
				a, ok := asgs[e.Asg]
				switch {
				case !ok || a.Course != e.Course:
					t.Errorf("%s in %s: assignment %q is for another course", e.Emp, e.Course, e.Asg)
				case a.Scope == "TEAM" && emp.Team != a.Target, a.Scope == "POSITION" && emp.Position != a.Target:
					t.Errorf("%s in %s: outside the reach of %s", e.Emp, e.Course, e.Asg)
				}
			}
			ago, started := enrollmentAgo(e), e.startedAgo()
			hired, _ := time.Parse(time.DateOnly, emp.Hired)
			if ago > c.Since || today.AddDate(0, 0, -ago).Before(hired) {
				t.Errorf("%s in %s: enrolled %d days ago, before the course (%d) or their hiring", e.Emp, e.Course, ago, c.Since)
			}
			ok = true
			switch e.Status {
			case stAssigned:
				ok = started == 0 && e.Done == 0 && e.Ticked == 0
			case stInProgress:
				ok = started >= 1 && started <= ago && e.Done == 0 && e.Ticked < len(c.Modules)
			case stCompleted:
				ok = e.Done >= 1 && started >= e.Done && started <= ago
			case stWithdrawn:
				ok = e.Done >= 1 && e.Done <= ago && (started == 0 || started >= e.Done) && e.Ticked < len(c.Modules) && e.Note != ""
			default:
				ok = false
			}
			if e.PrevDone > 0 {
				ok = ok && c.Certification && e.PrevDone+5 <= ago && (started == 0 || started < e.PrevDone-365+30)
			}
			if !ok {
				t.Errorf("%s in %s: inconsistent %+v", e.Emp, e.Course, e)
			}
			// Enforced prerequisites were completed before starting.
			if started > 0 {
				for _, p := range c.Prerequisites {
					pre, done := enrolled[[2]string{e.Emp, p.Course}]
					if p.Enforced && (!done || pre.Status != stCompleted || pre.Done <= started) {
						t.Errorf("%s started %s without completing %s first", e.Emp, e.Course, p.Course)
					}
				}
			}
		}
		// Standing rules reach everyone in their team or position.
		for _, a := range asgs {
			for _, emp := range employees {
				inScope := (a.Scope == "TEAM" && emp.Team == a.Target) || (a.Scope == "POSITION" && emp.Position == a.Target)
				if _, ok := enrolled[[2]string{emp.No, a.Course}]; inScope && emp.Offboarded == "" && !ok {
					t.Errorf("standing rule %s does not reach %s", a.Key, emp.No)
				}
			}
		}
		for _, emp := range employees {
			found := false
			for k := range enrolled {
				found = found || k[0] == emp.No
			}
			if found == (emp.Offboarded != "") {
				t.Errorf("employee %s (offboarded %q): enrolled %v", emp.No, emp.Offboarded, found)
			}
		}
	})

	t.Run("sessions", func(t *testing.T) {
		for _, s := range demoSessions {
			if c := courses[s.Course]; c.Format != "CLASSROOM" || c.Status != "PUBLISHED" {
				t.Errorf("session of %s: not a published classroom course", s.Course)
			}
			if len(s.Registered) > s.Capacity || (len(s.Waitlisted) > 0 && len(s.Registered) < s.Capacity) {
				t.Errorf("session of %s on day %d: %d registered, %d waitlisted, %d seats", s.Course, s.InDays, len(s.Registered), len(s.Waitlisted), s.Capacity)
			}
			if s.InDays > 0 && len(s.NoShow) > 0 || s.Days < 1 {
				t.Errorf("session of %s on day %d: attendance before it happened", s.Course, s.InDays)
			}
			seen := map[string]bool{}
			for _, emp := range append(slices.Clone(s.Registered), s.Waitlisted...) {
				e, ok := enrolled[[2]string{emp, s.Course}]
				if seen[emp] || !ok {
					t.Errorf("session of %s on day %d: %s is booked twice or not enrolled", s.Course, s.InDays, emp)
					continue
				}
				seen[emp] = true
				attended := s.InDays < 0 && slices.Contains(s.Registered, emp) && !slices.Contains(s.NoShow, emp)
				lastDay := -(s.InDays + s.Days - 1)
				switch {
				case attended && (e.Status != stCompleted || e.Done != lastDay):
					t.Errorf("%s attended %s on day %d but did not complete it then", emp, s.Course, s.InDays)
				case !attended && e.Status != stAssigned && e.Status != stInProgress:
					t.Errorf("%s is booked on %s on day %d, enrolment %s", emp, s.Course, s.InDays, e.Status)
				case enrollmentAgo(e) < max(s.RegisteredAgo, -s.InDays):
					t.Errorf("%s booked %s on day %d before enrolling", emp, s.Course, s.InDays)
				}
			}
		}
	})

	t.Run("feedback and notices", func(t *testing.T) {
		for _, f := range demoFeedback {
			e := enrolled[[2]string{f.Emp, f.Course}]
			if (e.Status != stCompleted && e.PrevDone == 0) || f.Rating < 1 || f.Rating > 5 || fcMissingText(f.Comment) {
				t.Errorf("feedback %+v is not from a completer", f)
			}
		}
		for _, o := range demoOverdueNotices {
			e := enrolled[[2]string{o.Emp, o.Course}]
			if a := asgs[e.Asg]; (e.Status != stAssigned && e.Status != stInProgress) || a.DueIn >= 0 {
				t.Errorf("overdue notice %+v for an enrolment that is not overdue", o)
			}
		}
	})
}

// TestSeedCourses loads the demo into a real database and checks what the
// product will show.
func TestSeedCourses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	sum, err := Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("seeded:", sum)
	if sum.Courses != len(demoCourses) || sum.Sessions != len(demoSessions) || sum.Assignments != len(demoAssignments) || sum.Enrollments != len(demoEnrollments) {
		t.Errorf("summary %v: want %d courses, %d sessions, %d assignments, %d enrolments",
			sum, len(demoCourses), len(demoSessions), len(demoAssignments), len(demoEnrollments))
	}
	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := db.GetContext(ctx, &n, query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	agent := employeeID(t, db, "agent@rungs.demo")
	trainer := employeeID(t, db, "trainer@rungs.demo")

	checks := []struct {
		name  string
		query string
		want  func(int) bool
	}{
		{"courses", `SELECT count(*) FROM courses`, func(n int) bool { return n >= 24 && n <= 30 }},
		{"published courses without three modules", `SELECT count(*) FROM courses c WHERE status = 'PUBLISHED'
			AND (SELECT count(*) FROM course_modules m WHERE m.course_id = c.id) < 3`, isZero},
		{"published courses without competencies", `SELECT count(*) FROM courses c WHERE status = 'PUBLISHED'
			AND NOT EXISTS (SELECT 1 FROM course_competencies k WHERE k.course_id = c.id)`, isZero},
		{"links off the scale", `SELECT count(*) FROM course_competencies k JOIN frameworks f ON f.id = k.framework_id
			WHERE f.status <> 'PUBLISHED' OR k.target_level <= k.entry_level OR k.target_level > f.max_level`, isZero},
		{"enforced and advisory prerequisites", `SELECT count(DISTINCT enforced) FROM course_prerequisites`, func(n int) bool { return n == 2 }},
		// UNION (not UNION ALL) stops at a fixpoint, so a cycle ends the
		// walk instead of looping; a course reaching itself is a cycle.
		{"prerequisite cycles", `WITH RECURSIVE walk (start, course) AS (
				SELECT course_id, prerequisite_id FROM course_prerequisites
				UNION SELECT w.start, p.prerequisite_id FROM walk w JOIN course_prerequisites p ON p.course_id = w.course)
			SELECT count(*) FROM walk WHERE start = course`, isZero},
		{"course and certification requirements", `SELECT count(*) FROM position_requirements WHERE kind IN ('COURSE', 'CERTIFICATION')`,
			func(n int) bool { return n == len(demoCourseRequirements) }},
		{"overbooked sessions", `SELECT count(*) FROM course_sessions s WHERE s.seats_taken > s.capacity
			OR s.seats_taken <> (SELECT count(*) FROM session_registrations r WHERE r.session_id = s.id AND r.status = 'REGISTERED')`, isZero},
		{"full sessions with a waitlist", `SELECT count(*) FROM course_sessions s WHERE s.seats_taken = s.capacity AND s.starts_at > now()
			AND EXISTS (SELECT 1 FROM session_registrations r WHERE r.session_id = s.id AND r.status = 'WAITLISTED')`, isOne},
		{"past sessions with attendance", `SELECT count(DISTINCT r.session_id) FROM session_registrations r JOIN course_sessions s ON s.id = r.session_id
			WHERE s.ends_at < now() AND r.attended IS NOT NULL`, isPositive},
		{"upcoming sessions", `SELECT count(*) FROM course_sessions WHERE starts_at > now()`, func(n int) bool { return n >= 5 }},
		{"registrations of people not enrolled", `SELECT count(*) FROM session_registrations r JOIN course_sessions s ON s.id = r.session_id
			WHERE NOT EXISTS (SELECT 1 FROM enrollments en WHERE en.employee_id = r.employee_id AND en.course_id = s.course_id)`, isZero},
		{"active employees without enrolments", `SELECT count(*) FROM employees e WHERE e.status = 'ACTIVE'
			AND NOT EXISTS (SELECT 1 FROM enrollments en WHERE en.employee_id = e.id)`, isZero},
		{"overdue enrolments", `SELECT count(*) FROM enrollments WHERE status IN ('ASSIGNED', 'IN_PROGRESS') AND due_on < current_date`,
			func(n int) bool { return n >= 4 }},
		{"withdrawn enrolments", `SELECT count(*) FROM enrollments WHERE status = 'WITHDRAWN'`, func(n int) bool { return n >= 2 }},
		{"standing rules", `SELECT count(DISTINCT scope) FROM assignments WHERE scope IN ('TEAM', 'POSITION')`, func(n int) bool { return n == 2 }},
		{"yearly recurring position rules", `SELECT count(*) FROM assignments a JOIN positions p ON p.id = a.position_id
			WHERE p.code = 'AGENT' AND a.recurrence_months = 12`, isOne},
		{"re-opened certifications", `SELECT count(*) FROM enrollments WHERE cycle = 2 AND last_completed_at IS NOT NULL`, func(n int) bool { return n >= 1 }},
		// Every status an enrolment reached is in its history, in order.
		{"enrolments whose history does not end in their status", `SELECT count(*) FROM enrollments en
			WHERE en.status <> (SELECT v.to_status FROM enrollment_events v WHERE v.enrollment_id = en.id ORDER BY v.at DESC, v.id DESC LIMIT 1)`, isZero},
		{"completions without a completed event", `SELECT count(*) FROM enrollments en WHERE en.last_completed_at IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM enrollment_events v WHERE v.enrollment_id = en.id AND v.to_status = 'COMPLETED')`, isZero},
		{"in-progress enrolments with ticked modules", `SELECT count(DISTINCT en.id) FROM enrollments en JOIN module_progress mp ON mp.enrollment_id = en.id
			WHERE en.status = 'IN_PROGRESS'`, func(n int) bool { return n >= 10 }},
		{"completions with modules left", `SELECT count(*) FROM enrollments en WHERE en.status = 'COMPLETED'
			AND (SELECT count(*) FROM module_progress mp WHERE mp.enrollment_id = en.id) <> (SELECT count(*) FROM course_modules m WHERE m.course_id = en.course_id)`, isZero},
		{"completed certifications without validity", `SELECT count(*) FROM enrollments en JOIN courses c ON c.id = en.course_id
			WHERE en.status = 'COMPLETED' AND c.validity_months IS NOT NULL
			  AND en.valid_until <> (en.completed_at + make_interval(months => c.validity_months))::date`, isZero},
		{"enrolments before the course or the hiring", `SELECT count(*) FROM enrollments en JOIN courses c ON c.id = en.course_id JOIN employees e ON e.id = en.employee_id
			WHERE en.created_at < c.published_at OR en.created_at::date < e.hire_date OR en.started_at < en.created_at OR en.completed_at < en.started_at`, isZero},
		{"started without an enforced prerequisite completed first", `SELECT count(*) FROM enrollments en
			JOIN course_prerequisites p ON p.course_id = en.course_id AND p.enforced
			WHERE en.started_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enrollments pre
				WHERE pre.employee_id = en.employee_id AND pre.course_id = p.prerequisite_id AND pre.last_completed_at < en.started_at)`, isZero},
		{"course evidence", `SELECT count(*) FROM competency_evidence x JOIN frameworks f ON f.id = x.framework_id
			WHERE x.source = 'COURSE' AND f.status = 'PUBLISHED' AND x.assessor_id IS NULL AND x.course_id IS NOT NULL`, func(n int) bool { return n >= 40 }},
		{"feedback from non-completers", `SELECT count(*) FROM course_feedback f WHERE NOT EXISTS (SELECT 1 FROM enrollments en
			WHERE en.employee_id = f.employee_id AND en.course_id = f.course_id AND en.last_completed_at IS NOT NULL)`, isZero},
		{"feedback", `SELECT count(*) FROM course_feedback`, func(n int) bool { return n == len(demoFeedback) }},
		{"notifications missing a param", `SELECT count(*) FROM notifications
			WHERE NOT params ?& array['course_id', 'course_code', 'course_title_en', 'course_title_zh', 'due_on', 'enrollment_id']`, isZero},
		{"assignment notices", `SELECT count(*) FROM notifications WHERE kind = 'COURSE_ASSIGNED' AND dedupe_key IS NULL`, func(n int) bool { return n >= 10 }},
		{"overdue notices", `SELECT count(*) FROM notifications n JOIN enrollments en ON en.id = (n.params->>'enrollment_id')::bigint
			WHERE n.kind = 'OVERDUE' AND n.dedupe_key = 'OVERDUE:' || en.id || ':' || en.cycle AND en.due_on < current_date`, isOne},
	}
	for _, c := range checks {
		if n := count(c.query); !c.want(n) {
			t.Errorf("%s: %d", c.name, n)
		}
	}

	// The demo agent: one overdue item, a completion, and an open course
	// with modules left whose target is above her current level.
	if n := count(`SELECT count(*) FROM enrollments WHERE employee_id = $1 AND status IN ('ASSIGNED', 'IN_PROGRESS') AND due_on < current_date`, agent); n != 1 {
		t.Errorf("agent@ has %d overdue courses, want 1", n)
	}
	if n := count(`SELECT count(*) FROM enrollments WHERE employee_id = $1 AND status = 'COMPLETED'`, agent); n < 1 {
		t.Error("agent@ has completed nothing")
	}
	if n := count(`SELECT count(*) FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`, agent); n < 1 {
		t.Error("agent@ has no unread notification")
	}
	var open []struct {
		Code   string `db:"code"`
		CompID int64  `db:"competency_id"`
		Target int    `db:"target_level"`
	}
	if err := db.SelectContext(ctx, &open, `
		SELECT c.code, k.competency_id, k.target_level
		FROM enrollments en JOIN courses c ON c.id = en.course_id JOIN course_competencies k ON k.course_id = c.id
		WHERE en.employee_id = $1 AND en.status IN ('ASSIGNED', 'IN_PROGRESS')
		  AND (SELECT count(*) FROM module_progress mp WHERE mp.enrollment_id = en.id)
		      < (SELECT count(*) FROM course_modules m WHERE m.course_id = c.id)`, agent); err != nil {
		t.Fatal(err)
	}
	store := competency.NewStore(db)
	levels, err := store.Proficiencies(ctx, []int64{agent})
	if err != nil {
		t.Fatal(err)
	}
	raises := false
	for _, o := range open {
		if p, ok := levels[0][o.CompID]; ok && o.Target > p.Level {
			t.Logf("agent@: %s takes competency %d from %d to %d", o.Code, o.CompID, p.Level, o.Target)
			raises = true
		}
	}
	if !raises {
		t.Errorf("no open course of agent@ raises her level: %+v", open)
	}

	// The demo trainer owns several courses that have learners.
	if n := count(`SELECT count(*) FROM courses c WHERE c.owner_id = $1
		AND EXISTS (SELECT 1 FROM enrollments en WHERE en.course_id = c.id)`, trainer); n < 5 {
		t.Errorf("trainer@ owns %d courses with learners, want 5 or more", n)
	}

	// Course evidence does not contradict the ratings: everyone's current
	// levels are the same whether completions count or not, under the
	// product's rule (completions only raise) and under a stricter one
	// where the latest evidence always wins.
	var all []int64
	if err := db.SelectContext(ctx, &all, `SELECT id FROM employees ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	levelsUnder := func(r competency.Rule) []map[int64]competency.Proficiency {
		t.Helper()
		s := competency.NewStore(db)
		s.Rule = r
		p, err := s.Proficiencies(ctx, all)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	withoutCourses := competency.DefaultRule()
	withoutCourses.Trust = map[string]int{"SELF": 1, "MANAGER": 2, "TRAINER": 2, "HR": 2}
	withoutCourses.RaiseOnly = nil
	latestWins := withoutCourses
	latestWins.Trust = map[string]int{"SELF": 1, "MANAGER": 2, "TRAINER": 2, "HR": 2, "COURSE": 2}
	ratings := levelsUnder(withoutCourses)
	for name, r := range map[string]competency.Rule{"default rule": competency.DefaultRule(), "latest wins": latestWins} {
		got := levelsUnder(r)
		for i := range all {
			for comp, p := range got[i] {
				if q, ok := ratings[i][comp]; !ok || q.Level != p.Level {
					t.Errorf("%s: employee %d, competency %d: level %d from ratings, %d once courses count", name, all[i], comp, q.Level, p.Level)
				}
			}
		}
	}

	// A second run adds nothing.
	tables := []string{"courses", "course_modules", "course_competencies", "course_prerequisites", "position_requirements",
		"course_sessions", "session_registrations", "assignments", "enrollments", "enrollment_events", "module_progress",
		"competency_evidence", "course_feedback", "notifications"}
	rows := map[string]int{}
	for _, tb := range tables {
		rows[tb] = count(`SELECT count(*) FROM ` + tb)
	}
	again, err := Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if again.Courses != sum.Courses || again.Requirements != sum.Requirements || again.Sessions != 0 || again.Assignments != 0 || again.Enrollments != 0 {
		t.Errorf("second run: %v", again)
	}
	for _, tb := range tables {
		if n := count(`SELECT count(*) FROM ` + tb); n != rows[tb] {
			t.Errorf("%s: %d rows after the first run, %d after the second", tb, rows[tb], n)
		}
	}
}

func isZero(n int) bool     { return n == 0 }
func isOne(n int) bool      { return n == 1 }
func isPositive(n int) bool { return n > 0 }

func employeeID(t *testing.T, db interface {
	Get(dest any, query string, args ...any) error
}, email string) int64 {
	t.Helper()
	var id int64
	if err := db.Get(&id, `SELECT id FROM employees WHERE email = $1`, email); err != nil {
		t.Fatalf("employee %s: %v", email, err)
	}
	return id
}
