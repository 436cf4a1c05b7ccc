package learning_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/learning"
)

func TestAssignEmployees(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 2})
	a, b, d := f.employee(t, f.teamA, f.agentPos), f.employee(t, f.teamA, f.agentPos), f.employee(t, f.teamB, f.agentPos)

	res, err := f.store.Assign(ctx, f.trainer, learning.AssignInput{
		CourseID: c.ID, EmployeeIDs: []int64{a, b, a}, DueOn: day(16), Reason: "onboarding"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.Existing != 0 {
		t.Fatalf("first assign: created %d existing %d, want 2 0", res.Created, res.Existing)
	}
	if res.Assignment.Scope != learning.ScopeEmployees || res.Assignment.AssignedBy.Int64 != f.trainer.EmployeeID {
		t.Fatalf("assignment %+v", res.Assignment)
	}
	e := f.enrollment(t, a, c)
	if e.Status != learning.StatusAssigned || e.Cycle != 1 || !e.DueOn.Time.Equal(day(16)) ||
		e.AssignmentID.Int64 != res.Assignment.ID || e.ModulesTotal != 2 || e.ModulesDone != 0 {
		t.Fatalf("enrollment %+v", e)
	}

	// The notification carries every name in both languages and the ids.
	var raw []byte
	f.get(t, &raw, `SELECT params FROM notifications WHERE recipient_id = $1 AND kind = 'COURSE_ASSIGNED'`, a)
	var params map[string]any
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"course_id": float64(c.ID), "course_code": c.Code, "course_title_en": c.Code + " course",
		"course_title_zh": c.Code + " 课程", "due_on": day(16).Format(time.DateOnly), "reason": "onboarding",
		"assignment_id": float64(res.Assignment.ID), "enrollment_id": float64(e.ID),
	}
	for k, v := range want {
		if params[k] != v {
			t.Errorf("params[%s] = %v, want %v", k, params[k], v)
		}
	}
	// The event names the actor and starts from nothing.
	events, err := f.store.EventsOf(ctx, []int64{e.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(events[0]) != 1 || events[0][0].FromStatus.Valid || events[0][0].ToStatus != "ASSIGNED" ||
		events[0][0].ActorID.Int64 != f.trainer.EmployeeID || events[0][0].Note != "onboarding" {
		t.Fatalf("events %+v", events[0])
	}

	// Again, with one new person, after b completed: no double enrolment,
	// no second notice, and b's completion counts as existing.
	if _, err := f.store.Complete(ctx, f.trainer, f.enrollment(t, b, c).ID); err != nil {
		t.Fatal(err)
	}
	res, err = f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, EmployeeIDs: []int64{a, b, d}, DueOn: day(47)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || res.Existing != 2 {
		t.Fatalf("second assign: created %d existing %d, want 1 2", res.Created, res.Existing)
	}
	if n := f.count(t, `SELECT count(*) FROM enrollments WHERE course_id = $1`, c.ID); n != 3 {
		t.Fatalf("%d enrollments, want 3", n)
	}
	if n := f.count(t, `SELECT count(*) FROM notifications WHERE kind = 'COURSE_ASSIGNED'`); n != 3 {
		t.Fatalf("%d notifications, want 3", n)
	}
	if e2 := f.enrollment(t, a, c); !e2.DueOn.Time.Equal(day(16)) || e2.AssignmentID.Int64 == res.Assignment.ID {
		t.Fatalf("an existing enrolment changed: %+v", e2)
	}
	if e2 := f.enrollment(t, b, c); e2.Status != "COMPLETED" || e2.Cycle != 1 {
		t.Fatalf("a completed enrolment changed: %+v", e2)
	}
}

func TestAssignRefusesUnknownAndOffboarded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{})
	ok := f.employee(t, f.teamA, f.agentPos)
	gone := f.employee(t, f.teamA, f.agentPos)
	f.exec(t, `UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, gone, day(-14))

	_, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, EmployeeIDs: []int64{ok, gone, 999999}, DueOn: day(16)})
	wantCode(t, err, rungs.ErrBadUserInput, "assignment.employees.unknown")
	for _, id := range []string{"999999", strconv.FormatInt(gone, 10)} {
		if !strings.Contains(err.Error(), id) {
			t.Errorf("%q does not name %s", err, id)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM assignments`); n != 0 {
		t.Fatalf("a refused assignment left %d rows", n)
	}
}

func TestAssignTeamAndPosition(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{})
	a1, a2 := f.employee(t, f.teamA, f.agentPos), f.employee(t, f.teamA, f.leadPos)
	b1 := f.employee(t, f.teamB, f.agentPos)
	onLeave := f.employee(t, f.teamA, f.agentPos)
	f.exec(t, `UPDATE employees SET status = 'ON_LEAVE' WHERE id = $1`, onLeave)

	res, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, TeamID: &f.teamA, DueOn: day(16)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.Existing != 0 || res.Assignment.Scope != learning.ScopeTeam || res.Assignment.JoinerDueDays != 30 {
		t.Fatalf("team: %+v %+v", res, res.Assignment)
	}
	// The agent position holds a1 (already enrolled), b1 and the cast has
	// none: only ACTIVE people are targeted, so onLeave is in neither count.
	res, err = f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, PositionID: &f.agentPos, DueOn: day(16)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || res.Existing != 1 {
		t.Fatalf("position: created %d existing %d, want 1 1", res.Created, res.Existing)
	}
	var enrolled []int64
	if err := f.db.Select(&enrolled, `SELECT employee_id FROM enrollments WHERE course_id = $1 ORDER BY employee_id`, c.ID); err != nil {
		t.Fatal(err)
	}
	if want := []int64{a1, a2, b1}; !slices.Equal(enrolled, want) {
		t.Fatalf("enrolled %v, want %v", enrolled, want)
	}
}

func TestAssignValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{})
	draft := f.course(t, courseSpec{Status: "DRAFT"})
	e := f.employee(t, f.teamA, f.agentPos)
	due := day(16)
	missingTeam := int64(999999)
	for _, tc := range []struct {
		name      string
		in        learning.AssignInput
		code, key string
	}{
		{"NoTarget", learning.AssignInput{CourseID: c.ID, DueOn: due}, rungs.ErrBadUserInput, "assignment.target.one"},
		{"TwoTargets", learning.AssignInput{CourseID: c.ID, EmployeeIDs: []int64{e}, TeamID: &f.teamA, DueOn: due}, rungs.ErrBadUserInput, "assignment.target.one"},
		{"NoDueDate", learning.AssignInput{CourseID: c.ID, TeamID: &f.teamA}, rungs.ErrBadUserInput, "assignment.due_on.required"},
		{"DuePast", learning.AssignInput{CourseID: c.ID, TeamID: &f.teamA, DueOn: day(-1)}, rungs.ErrBadUserInput, "assignment.due_on.past"},
		{"JoinerDays", learning.AssignInput{CourseID: c.ID, TeamID: &f.teamA, DueOn: due, JoinerDueDays: ptr(0)}, rungs.ErrBadUserInput, "assignment.joiner_due_days.range"},
		{"Recurrence", learning.AssignInput{CourseID: c.ID, TeamID: &f.teamA, DueOn: due, RecurrenceMonths: ptr(121)}, rungs.ErrBadUserInput, "assignment.recurrence_months.range"},
		{"Draft", learning.AssignInput{CourseID: draft.ID, TeamID: &f.teamA, DueOn: due}, rungs.ErrBadUserInput, "course.not_published"},
		{"NoCourse", learning.AssignInput{CourseID: 999999, TeamID: &f.teamA, DueOn: due}, rungs.ErrNotFound, "course.not_found"},
		{"NoTeam", learning.AssignInput{CourseID: c.ID, TeamID: &missingTeam, DueOn: due}, rungs.ErrBadUserInput, "assignment.team.not_found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.store.Assign(ctx, f.hr, tc.in)
			wantCode(t, err, tc.code, tc.key)
		})
	}
	// Due today is fine.
	if _, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: c.ID, EmployeeIDs: []int64{e}, DueOn: today}); err != nil {
		t.Fatalf("due today: %v", err)
	}
}

func TestAssignReopensWithdrawn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, courseSpec{Modules: 2})
	e := f.enroll(t, f.learner, c)
	if _, err := f.store.CompleteModule(ctx, f.learner, e.ID, c.Modules[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Withdraw(ctx, f.learner, e.ID, "too busy"); err != nil {
		t.Fatal(err)
	}
	res := f.assign(t, c, f.learner.EmployeeID)
	if res.Created != 1 || res.Existing != 0 {
		t.Fatalf("created %d existing %d, want 1 0", res.Created, res.Existing)
	}
	got := f.enrollment(t, f.learner.EmployeeID, c)
	if got.ID != e.ID || got.Status != learning.StatusAssigned || got.Cycle != 2 || got.WithdrawnAt.Valid ||
		got.StartedAt.Valid || got.ModulesDone != 0 || got.AssignmentID.Int64 != res.Assignment.ID {
		t.Fatalf("re-opened enrollment %+v", got)
	}
	events, _ := f.store.EventsOf(ctx, []int64{e.ID})
	last := events[0][len(events[0])-1]
	if last.FromStatus.String != "WITHDRAWN" || last.ToStatus != "ASSIGNED" || last.Cycle != 2 {
		t.Fatalf("last event %+v", last)
	}
}

// Standing rules are the employees trigger's work: hires and transfers
// written with plain SQL pick them up.
func TestStandingRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	teamCourse := f.course(t, courseSpec{})
	posCourse := f.course(t, courseSpec{})
	ended := f.course(t, courseSpec{})
	teamRule, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: teamCourse.ID, TeamID: &f.teamA,
		DueOn: day(16), JoinerDueDays: ptr(10), Reason: "team basics"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: posCourse.ID, PositionID: &f.leadPos, DueOn: day(16)}); err != nil {
		t.Fatal(err)
	}
	endedRule, err := f.store.Assign(ctx, f.hr, learning.AssignInput{CourseID: ended.ID, TeamID: &f.teamA, DueOn: day(16)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.EndAssignment(ctx, f.hr, endedRule.Assignment.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.EndAssignment(ctx, f.hr, endedRule.Assignment.ID)
	wantCode(t, err, rungs.ErrConflict, "assignment.ended")

	courses := func(emp int64) []int64 {
		var ids []int64
		if err := f.db.Select(&ids, `SELECT course_id FROM enrollments WHERE employee_id = $1 ORDER BY course_id`, emp); err != nil {
			t.Fatal(err)
		}
		return ids
	}

	// A later hire into team A (agent position) gets the team course only,
	// due no earlier than the rule's date, joiner days counted from the
	// database's today.
	hire := f.employee(t, f.teamA, f.agentPos)
	if got := courses(hire); !slices.Equal(got, []int64{teamCourse.ID}) {
		t.Fatalf("hire enrolled in %v, want [%d]", got, teamCourse.ID)
	}
	var wantDue time.Time
	f.get(t, &wantDue, `SELECT greatest($1::date, current_date + 10)`, day(16))
	e := f.enrollment(t, hire, teamCourse)
	if !e.DueOn.Time.Equal(wantDue) || e.AssignmentID.Int64 != teamRule.Assignment.ID || e.Status != "ASSIGNED" {
		t.Fatalf("joiner enrolment %+v, want due %s", e, wantDue)
	}
	events, _ := f.store.EventsOf(ctx, []int64{e.ID})
	if len(events[0]) != 1 || events[0][0].ActorID.Valid {
		t.Fatalf("joiner events %+v, want one by the system", events[0])
	}
	var reason string
	f.get(t, &reason, `SELECT params->>'reason' FROM notifications WHERE recipient_id = $1 AND kind = 'COURSE_ASSIGNED'
		AND (params->>'enrollment_id')::bigint = $2`, hire, e.ID)
	if reason != "team basics" {
		t.Fatalf("notification reason %q", reason)
	}

	// A transfer to the lead position adds the position course; the team
	// did not change, so nothing else happens.
	f.exec(t, `UPDATE employees SET position_id = $2 WHERE id = $1`, hire, f.leadPos)
	if got := courses(hire); !slices.Equal(got, []int64{teamCourse.ID, posCourse.ID}) {
		t.Fatalf("after promotion %v", got)
	}
	// A transfer from team B into team A reaches them too.
	mover := f.employee(t, f.teamB, f.agentPos)
	if got := courses(mover); len(got) != 0 {
		t.Fatalf("team B member enrolled in %v", got)
	}
	f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, mover, f.teamA)
	if got := courses(mover); !slices.Equal(got, []int64{teamCourse.ID}) {
		t.Fatalf("mover enrolled in %v", got)
	}
	// Moving away and back again does not enrol twice.
	f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, mover, f.teamB)
	f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, mover, f.teamA)
	if n := f.count(t, `SELECT count(*) FROM enrollment_events v JOIN enrollments e ON e.id = v.enrollment_id WHERE e.employee_id = $1`, mover); n != 1 {
		t.Fatalf("mover has %d events, want 1", n)
	}
	// Someone hired on leave is enrolled when they become ACTIVE.
	back := f.employee(t, f.teamB, f.agentPos)
	f.exec(t, `UPDATE employees SET status = 'ON_LEAVE' WHERE id = $1`, back)
	f.exec(t, `UPDATE employees SET team_id = $2 WHERE id = $1`, back, f.teamA)
	if got := courses(back); len(got) != 0 {
		t.Fatalf("on leave but enrolled in %v", got)
	}
	f.exec(t, `UPDATE employees SET status = 'ACTIVE' WHERE id = $1`, back)
	if got := courses(back); !slices.Equal(got, []int64{teamCourse.ID}) {
		t.Fatalf("back from leave: %v", got)
	}
	// Other changes fire nothing.
	before := f.count(t, `SELECT count(*) FROM notifications`)
	f.exec(t, `UPDATE employees SET name_en = 'Renamed', status = 'ACTIVE' WHERE id = $1`, back)
	if n := f.count(t, `SELECT count(*) FROM notifications`); n != before {
		t.Fatalf("renaming made %d notifications", n-before)
	}
}
