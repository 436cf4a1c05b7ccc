package development_test

import (
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/development"
)

// planCourses builds a plan's courses from (id, hours) pairs; the first is
// marked a prerequisite.
func planCourses(pairs ...any) []development.PlanCourse {
	var out []development.PlanCourse
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, development.PlanCourse{CourseID: pairs[i].(int64), Hours: pairs[i+1].(float64), Prerequisite: i == 0})
	}
	return out
}

// enrolment is the agent's enrolment in a course as the tests look at it.
type enrolment struct {
	Status       string `db:"status"`
	Cycle        int    `db:"cycle"`
	DueOn        string `db:"due_on"`
	AssignmentID *int64 `db:"assignment_id"`
}

func (f *fixture) enrolment(t *testing.T, who *auth.Viewer, course int64) enrolment {
	t.Helper()
	var e enrolment
	f.get(t, &e, `SELECT status, cycle, coalesce(due_on::text, '') AS due_on, assignment_id FROM enrollments
		WHERE employee_id = $1 AND course_id = $2`, who.EmployeeID, course)
	return e
}

func TestAdoptPlan(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.course(t, f.trainer2, "PUBLISHED", 4)
	b := f.course(t, f.trainer2, "PUBLISHED", 6)
	started := f.course(t, f.trainer2, "PUBLISHED", 3)
	withdrawn := f.course(t, f.trainer2, "PUBLISHED", 2)
	extra := f.course(t, f.trainer2, "PUBLISHED", 1.5)
	f.enrol(t, f.agent, started, "IN_PROGRESS")
	f.enrol(t, f.agent, withdrawn, "WITHDRAWN")
	must(f.store.SetStudyBudget(ctx, f.agent, f.agent.EmployeeID, 5))(t)

	in := development.AdoptInput{
		EmployeeID: f.agent.EmployeeID, TargetPositionID: f.seniorPos,
		Courses:    planCourses(a, 4.0, b, 6.0, started, 3.0, withdrawn, 2.0),
		TotalHours: 15, FinishOn: day(46),
	}
	res := must(f.store.AdoptPlan(ctx, f.agent, in))(t)
	// a and b are new, withdrawn is re-opened; started stays as it is.
	if res.Created != 3 {
		t.Fatalf("created %d enrolments, want 3", res.Created)
	}
	p := res.Plan
	if p.Status != development.PlanActive || p.TargetPositionID != f.seniorPos || p.AdoptedBy != f.agent.EmployeeID ||
		p.TotalHours != 15 || p.WeeklyHours != 5 || !p.FinishOn.Equal(day(46)) || !p.AdoptedAt.Equal(now) {
		t.Fatalf("plan %+v", p)
	}
	finish := day(46).Format(time.DateOnly)
	for _, c := range []struct {
		course int64
		want   enrolment
	}{
		{a, enrolment{"ASSIGNED", 1, finish, nil}},
		{b, enrolment{"ASSIGNED", 1, finish, nil}},
		{started, enrolment{"IN_PROGRESS", 1, "", nil}},
		{withdrawn, enrolment{"ASSIGNED", 2, finish, nil}},
	} {
		got := f.enrolment(t, f.agent, c.course)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Fatalf("course %d: enrolment %+v, want %+v", c.course, got, c.want)
		}
	}
	var events []string
	if err := f.db.Select(&events, `
		SELECT coalesce(ev.from_status, '-') || '>' || ev.to_status || ':' || ev.note || ':' || ev.actor_id
		FROM enrollment_events ev JOIN enrollments en ON en.id = ev.enrollment_id
		WHERE en.employee_id = $1 ORDER BY en.course_id`, f.agent.EmployeeID); err != nil {
		t.Fatal(err)
	}
	actor := f.agent.EmployeeID
	want := []string{
		fmt.Sprintf("->ASSIGNED:adopted plan:%d", actor),
		fmt.Sprintf("->ASSIGNED:adopted plan:%d", actor),
		fmt.Sprintf("WITHDRAWN>ASSIGNED:adopted plan:%d", actor),
	}
	if fmt.Sprint(events) != fmt.Sprint(want) {
		t.Fatalf("events %v, want %v", events, want)
	}
	courses := must(f.store.PlanCoursesOf(ctx, []int64{p.ID}))(t)[0]
	if len(courses) != 4 || courses[0].CourseID != a || courses[0].Position != 1 || !courses[0].Prerequisite ||
		courses[3].CourseID != withdrawn || courses[3].Position != 4 || courses[3].Prerequisite || courses[1].Hours != 6 {
		t.Fatalf("plan courses %+v", courses)
	}

	t.Run("AdoptAgainReplaces", func(t *testing.T) {
		// HR adopts a new path for the agent: the first plan is replaced,
		// and only the one course not yet enrolled is enrolled.
		again := development.AdoptInput{
			EmployeeID: f.agent.EmployeeID, TargetPositionID: f.leadPos,
			Courses:    planCourses(a, 4.0, b, 6.0, extra, 1.5),
			TotalHours: 11.5, FinishOn: day(77),
		}
		res2 := must(f.store.AdoptPlan(ctx, f.hr, again))(t)
		if res2.Created != 1 || res2.Plan.AdoptedBy != f.hr.EmployeeID {
			t.Fatalf("second adoption: %+v created %d", res2.Plan, res2.Created)
		}
		var n int
		f.get(t, &n, `SELECT count(*) FROM enrollments WHERE employee_id = $1`, f.agent.EmployeeID)
		if n != 6 { // intro, a, b, started, withdrawn, extra
			t.Fatalf("%d enrolments, want 6", n)
		}
		if e := f.enrolment(t, f.agent, a); e.DueOn != finish {
			t.Fatalf("an open enrolment was changed: %+v", e)
		}
		plans := must(f.store.PlansOf(ctx, f.agent, []int64{f.agent.EmployeeID}))(t)[0]
		if len(plans) != 2 || plans[0].ID != res2.Plan.ID || plans[0].Status != development.PlanActive ||
			plans[1].ID != p.ID || plans[1].Status != development.PlanReplaced || !plans[1].ReplacedAt.Time.Equal(now) {
			t.Fatalf("plans %+v", plans)
		}
	})

	t.Run("Progress", func(t *testing.T) {
		plans := must(f.store.PlansOf(ctx, f.agent, []int64{f.agent.EmployeeID}))(t)[0]
		active, replaced := plans[0], plans[1]
		f.setEnrolment(t, f.agent, a, "COMPLETED")
		f.setEnrolment(t, f.agent, extra, "WITHDRAWN")
		got := must(f.store.PlanProgress(ctx, []int64{replaced.ID, 999999, active.ID}))(t)
		if got[1] != nil {
			t.Fatalf("unknown plan: %+v", got[1])
		}
		// replaced: a done (4 h), started in progress, b and withdrawn
		// (re-opened, ASSIGNED) not started.
		wantReplaced := development.Progress{PlanID: replaced.ID, CoursesTotal: 4, CoursesDone: 1, CoursesInProgress: 1,
			CoursesNotStarted: 2, HoursDone: 4, HoursTotal: 15}
		// active: a done, b assigned, extra withdrawn.
		wantActive := development.Progress{PlanID: active.ID, CoursesTotal: 3, CoursesDone: 1, CoursesInProgress: 0,
			CoursesNotStarted: 2, HoursDone: 4, HoursTotal: 11.5}
		if *got[0] != wantReplaced || *got[2] != wantActive {
			t.Fatalf("progress %+v, %+v; want %+v, %+v", *got[0], *got[2], wantReplaced, wantActive)
		}
		f.setEnrolment(t, f.agent, b, "COMPLETED")
		got = must(f.store.PlanProgress(ctx, []int64{active.ID}))(t)
		if got[0].CoursesDone != 2 || got[0].HoursDone != 10 {
			t.Fatalf("after b: %+v", *got[0])
		}
	})

	t.Run("EmptyPlan", func(t *testing.T) {
		// A path with no courses (only months in position to wait out).
		res := must(f.store.AdoptPlan(ctx, f.peer, development.AdoptInput{EmployeeID: f.peer.EmployeeID,
			TargetPositionID: f.seniorPos, FinishOn: today}))(t)
		if res.Created != 0 || res.Plan.WeeklyHours != development.DefaultWeeklyHours {
			t.Fatalf("empty plan %+v created %d", res.Plan, res.Created)
		}
		got := must(f.store.PlanProgress(ctx, []int64{res.Plan.ID}))(t)[0]
		if *got != (development.Progress{PlanID: res.Plan.ID}) {
			t.Fatalf("empty progress %+v", *got)
		}
	})
}

func TestAdoptPlanRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ok := f.course(t, f.trainer, "PUBLISHED", 2)
	draft := f.course(t, f.trainer, "DRAFT", 2)
	archived := f.course(t, f.trainer, "ARCHIVED", 2)
	valid := func() development.AdoptInput {
		return development.AdoptInput{EmployeeID: f.agent.EmployeeID, TargetPositionID: f.seniorPos,
			Courses: planCourses(ok, 2.0), TotalHours: 2, FinishOn: day(78)}
	}

	for _, tc := range []struct {
		name string
		by   *auth.Viewer
		edit func(*development.AdoptInput)
		code string
		keys []string
	}{
		{"Manager", f.manager, nil, rungs.ErrForbidden, []string{"plan.adopt.forbidden"}},
		{"Trainer", f.trainer, nil, rungs.ErrForbidden, []string{"plan.adopt.forbidden"}},
		{"Peer", f.peer, nil, rungs.ErrForbidden, []string{"plan.adopt.forbidden"}},
		{"Anonymous", nil, nil, rungs.ErrUnauthenticated, nil},
		{"Unpublished", f.agent, func(in *development.AdoptInput) {
			in.Courses = planCourses(ok, 2.0, draft, 1.0, archived, 1.0, int64(999999), 1.0)
			in.TotalHours = 5
		}, rungs.ErrBadUserInput, []string{"plan.courses.unavailable"}},
		{"ArchivedTarget", f.agent, func(in *development.AdoptInput) { in.TargetPositionID = f.archivedPos },
			rungs.ErrBadUserInput, []string{"plan.target.not_found"}},
		{"Shape", f.agent, func(in *development.AdoptInput) {
			in.TargetPositionID = 0
			in.Courses = planCourses(ok, 2.0, ok, -1.0)
			in.TotalHours = 2
			in.FinishOn = day(-1)
		}, rungs.ErrBadUserInput, []string{"plan.target.required", "plan.courses.duplicate", "plan.courses.hours.range",
			"plan.finish_on.past"}},
		{"TotalMismatch", f.agent, func(in *development.AdoptInput) { in.TotalHours = 3 },
			rungs.ErrBadUserInput, []string{"plan.total_hours.mismatch"}},
		{"NoFinish", f.agent, func(in *development.AdoptInput) { in.FinishOn = time.Time{} },
			rungs.ErrBadUserInput, []string{"plan.finish_on.required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			if tc.edit != nil {
				tc.edit(&in)
			}
			_, err := f.store.AdoptPlan(ctx, tc.by, in)
			if tc.code == rungs.ErrBadUserInput {
				wantKeys(t, err, tc.keys...)
			} else {
				wantErr(t, err, tc.code, "")
			}
		})
	}
	var plans, enrolments int
	f.get(t, &plans, `SELECT count(*) FROM development_plans`)
	f.get(t, &enrolments, `SELECT count(*) FROM enrollments WHERE course_id = $1`, ok)
	if plans != 0 || enrolments != 0 {
		t.Fatalf("refused adoptions left %d plans, %d enrolments", plans, enrolments)
	}

	// HR adopts for the agent; nobody adopts for someone who left.
	must(f.store.AdoptPlan(ctx, f.admin, valid()))(t)
	f.exec(t, `UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, f.agent.EmployeeID, day(-14))
	_, err := f.store.AdoptPlan(ctx, f.hr, valid())
	wantErr(t, err, rungs.ErrConflict, "employee.offboarded")
	in := valid()
	in.EmployeeID = 999999
	_, err = f.store.AdoptPlan(ctx, f.hr, in)
	wantErr(t, err, rungs.ErrNotFound, "employee.not_found")
}

// Two adoptions for the same employee at once: the employee's row lock
// makes the second wait and replace the first, never two ACTIVE plans nor
// a constraint error.
func TestAdoptPlanConcurrent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, f.trainer, "PUBLISHED", 2)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.store.AdoptPlan(ctx, f.agent, development.AdoptInput{EmployeeID: f.agent.EmployeeID,
				TargetPositionID: f.seniorPos, Courses: planCourses(c, 2.0), TotalHours: 2, FinishOn: day(78)})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var active, total, created int
	f.get(t, &active, `SELECT count(*) FROM development_plans WHERE status = 'ACTIVE'`)
	f.get(t, &total, `SELECT count(*) FROM development_plans`)
	f.get(t, &created, `SELECT count(*) FROM enrollment_events WHERE note = 'adopted plan'`)
	if active != 1 || total != 4 || created != 1 {
		t.Fatalf("active %d, total %d, enrolment events %d; want 1, 4, 1", active, total, created)
	}
}

func TestPlanAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	res := must(f.store.AdoptPlan(ctx, f.agent, development.AdoptInput{EmployeeID: f.agent.EmployeeID,
		TargetPositionID: f.seniorPos, FinishOn: day(78)}))(t)
	for _, tc := range []struct {
		name string
		v    *auth.Viewer
		sees bool
	}{
		{"Employee", f.agent, true},
		{"Manager", f.manager, true},
		{"ManagersManager", f.director, true},
		{"HR", f.hr, true},
		{"Admin", f.admin, true},
		{"TrainerOfTheirs", f.trainer, true},
		{"OtherTrainer", f.trainer2, false},
		{"Peer", f.peer, false},
		{"Anonymous", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			of := must(f.store.PlansOf(ctx, tc.v, []int64{f.agent.EmployeeID, f.peer.EmployeeID}))(t)
			byID := must(f.store.PlansByIDs(ctx, tc.v, []int64{res.Plan.ID}))(t)
			if len(of[1]) != 0 || (len(of[0]) == 1) != tc.sees || (byID[0] != nil) != tc.sees {
				t.Fatalf("PlansOf %v, PlansByIDs %v; want sees=%v", of, byID, tc.sees)
			}
		})
	}
	// A trainer is "of theirs" through any enrolment, a withdrawn one too.
	f.setEnrolment(t, f.agent, f.intro, "WITHDRAWN")
	if got := must(f.store.PlansOf(ctx, f.trainer, []int64{f.agent.EmployeeID}))(t); len(got[0]) != 1 {
		t.Fatal("the owner of a withdrawn enrolment lost sight of the plan")
	}
	// The TRAINER role is needed, not only course ownership.
	noRole := &auth.Viewer{EmployeeID: f.trainer.EmployeeID, Roles: []auth.Role{auth.RoleEmployee}}
	if got := must(f.store.PlansOf(ctx, noRole, []int64{f.agent.EmployeeID}))(t); len(got[0]) != 0 {
		t.Fatal("a course owner without the TRAINER role sees the plan")
	}
}

// The path solver counts a started course's remaining hours, fractions
// such as 1/3 that no decimal holds: their float sum is still the total,
// and the stored hours add up to it.
func TestAdoptPlanFractionalHours(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var courses []development.PlanCourse
	var ids []int64
	total := 0.0
	for range 3 {
		id := f.course(t, f.trainer, "PUBLISHED", 1)
		ids = append(ids, id)
		courses = append(courses, development.PlanCourse{CourseID: id, Hours: 1.0 / 3})
		total += 1.0 / 3
	}
	// Shown rounded to a tenth, the total is still accepted.
	res := must(f.store.AdoptPlan(ctx, f.agent, development.AdoptInput{EmployeeID: f.agent.EmployeeID,
		TargetPositionID: f.seniorPos, Courses: courses, TotalHours: 1.0, FinishOn: day(7)}))(t)
	for _, id := range ids {
		f.setEnrolment(t, f.agent, id, "COMPLETED")
	}
	got := must(f.store.PlanProgress(ctx, []int64{res.Plan.ID}))(t)[0]
	if got.CoursesDone != 3 || math.Abs(got.HoursDone-total) > 1e-9 || got.HoursTotal != 1 {
		t.Fatalf("progress %+v", *got)
	}
	_, err := f.store.AdoptPlan(ctx, f.agent, development.AdoptInput{EmployeeID: f.agent.EmployeeID,
		TargetPositionID: f.seniorPos, Courses: courses, TotalHours: 1.1, FinishOn: day(7)})
	wantErr(t, err, rungs.ErrBadUserInput, "plan.total_hours.mismatch")
}
