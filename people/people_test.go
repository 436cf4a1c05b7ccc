package people_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/people"
	"golang.org/x/crypto/bcrypt"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// today is the day the tests run on, as the code reads it (clock), and
// now, that morning, is the clock of the store.
var (
	today = clock.Today()
	now   = today.Add(10 * time.Hour)
)

// org is a small reporting line for the tests:
//
//	manager
//	├── lead
//	│   ├── agent
//	│   └── agent2
//	└── lead2
//	    └── agent3
//	hr (no line)
type org struct {
	db                                          *sqlx.DB
	store                                       *people.Store
	agentPos, leadPos, mgrPos                   int64
	teamA, teamB                                int64
	manager, lead, lead2, agent, agent2, agent3 int64
	hr                                          int64
}

func newOrg(t *testing.T) *org {
	t.Helper()
	db := dbtest.New(t)
	svc, err := auth.NewService(db, auth.Config{Secret: []byte(strings.Repeat("k", 32)), BcryptCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	o := &org{db: db, store: people.NewStore(db, svc)}
	o.store.Now = func() time.Time { return now }
	o.agentPos = dbtest.MustCreatePosition(t, db, "", 1)
	o.leadPos = dbtest.MustCreatePosition(t, db, "", 2)
	o.mgrPos = dbtest.MustCreatePosition(t, db, "", 3)
	o.teamA = dbtest.MustCreateTeam(t, db, "")
	o.teamB = dbtest.MustCreateTeam(t, db, "")
	mk := func(name string, pos, team, mgr int64) int64 {
		return dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, PositionID: pos, TeamID: team, ManagerID: mgr})
	}
	o.manager = mk("Manager", o.mgrPos, 0, 0)
	o.lead = mk("Lead", o.leadPos, o.teamA, o.manager)
	o.lead2 = mk("Lead Two", o.leadPos, o.teamB, o.manager)
	o.agent = mk("Agent", o.agentPos, o.teamA, o.lead)
	o.agent2 = mk("Agent Two", o.agentPos, o.teamA, o.lead)
	o.agent3 = mk("Agent Three", o.agentPos, o.teamB, o.lead2)
	o.hr = mk("HR", o.mgrPos, 0, 0)
	return o
}

func as(id int64, roles ...auth.Role) *auth.Viewer {
	return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
}

func visibleIDs(t *testing.T, o *org, v *auth.Viewer) map[int64]bool {
	t.Helper()
	page, err := o.store.Employees(context.Background(), v, people.Filter{}, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]bool{}
	for _, e := range page.Employees {
		got[e.ID] = true
	}
	if page.Total != len(page.Employees) {
		t.Errorf("total %d but %d rows on a page of 100", page.Total, len(page.Employees))
	}
	return got
}

func TestVisibility(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	// The HR employee (seen here without the HR role) owns a course agent is
	// enrolled in and trains a session of it agent3 registered for; as a
	// trainer they have no training scope.
	o.db.MustExec(`
		WITH c AS (
			INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
			VALUES ('VIS-1', 'Course', '课程', 'CLASSROOM', 4, $1, 'PUBLISHED', now()) RETURNING id
		), en AS (
			INSERT INTO enrollments (employee_id, course_id, status) SELECT $2, id, 'ASSIGNED' FROM c
		), s AS (
			INSERT INTO course_sessions (course_id, starts_at, ends_at, place, capacity, trainer_id)
			SELECT id, now() + interval '1 day', now() + interval '2 days', 'Room 1', 5, $1 FROM c RETURNING id
		)
		INSERT INTO session_registrations (session_id, employee_id, status) SELECT id, $3, 'REGISTERED' FROM s`,
		o.hr, o.agent, o.agent3)
	cases := []struct {
		name   string
		viewer *auth.Viewer
		sees   []int64
		hidden []int64
	}{
		// An agent sees themself and their line up, never a colleague.
		{"Agent", as(o.agent), []int64{o.agent, o.lead, o.manager}, []int64{o.agent2, o.agent3, o.lead2, o.hr}},
		// A lead sees their whole team below them, not the other lead's.
		{"Lead", as(o.lead), []int64{o.lead, o.agent, o.agent2, o.manager}, []int64{o.agent3, o.lead2, o.hr}},
		// Manager rights come from the line, not from the MANAGER role.
		{"ManagerWithoutRole", as(o.manager), []int64{o.manager, o.lead, o.lead2, o.agent, o.agent2, o.agent3}, []int64{o.hr}},
		// A MANAGER role without a line gives nothing extra.
		{"RoleWithoutLine", as(o.agent3, auth.RoleManager), []int64{o.agent3}, []int64{o.agent, o.agent2}},
		{"HR", as(o.hr, auth.RoleHR), []int64{o.manager, o.lead, o.lead2, o.agent, o.agent2, o.agent3, o.hr}, nil},
		// Enrolling someone in one's course or having them in one's session
		// opens nothing: a trainer without a training scope sees only their
		// own line (TestTrainingScopeVisibility has the scope). This row
		// used to say the opposite: a trainer saw their learners and
		// session participants.
		{"Trainer", as(o.hr, auth.RoleTrainer), []int64{o.hr}, []int64{o.agent, o.agent3, o.agent2, o.lead, o.manager}},
		{"Admin", as(o.agent3, auth.RoleAdmin), []int64{o.manager, o.agent, o.hr}, nil},
		{"Anonymous", nil, nil, []int64{o.agent, o.manager}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := visibleIDs(t, o, c.viewer)
			for _, id := range c.sees {
				if !got[id] {
					t.Errorf("does not see employee %d", id)
				}
			}
			for _, id := range c.hidden {
				if got[id] {
					t.Errorf("sees employee %d", id)
				}
				if _, err := o.store.EmployeeByID(context.Background(), c.viewer, id); rungs.ErrorCode(err) != rungs.ErrNotFound {
					t.Errorf("EmployeeByID(%d) = %v, want NOT_FOUND", id, err)
				}
			}
		})
	}
}

func TestEmployeesPaging(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	hr := as(o.hr, auth.RoleHR)
	var all []int64
	var after *people.Cursor
	for pages := 0; ; pages++ {
		page, err := o.store.Employees(ctx, hr, people.Filter{}, 3, after)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 7 {
			t.Fatalf("total %d, want 7", page.Total)
		}
		for _, e := range page.Employees {
			all = append(all, e.ID)
		}
		if !page.HasNextPage {
			break
		}
		c := people.CursorOf(page.Employees[len(page.Employees)-1])
		after = &c
		if pages > 5 {
			t.Fatal("paging does not end")
		}
	}
	if len(all) != 7 {
		t.Errorf("paged through %d employees, want 7: %v", len(all), all)
	}
	seen := map[int64]bool{}
	for _, id := range all {
		if seen[id] {
			t.Errorf("employee %d on two pages", id)
		}
		seen[id] = true
	}
	// A page after the last still knows the total.
	last, err := o.store.Employees(ctx, hr, people.Filter{}, 3, &people.Cursor{Name: "zzzz", ID: 1 << 40})
	if err != nil || len(last.Employees) != 0 || last.Total != 7 {
		t.Errorf("page past the end: %+v, %v", last, err)
	}

	t.Run("Filters", func(t *testing.T) {
		for name, c := range map[string]struct {
			f    people.Filter
			want int
		}{
			"Team":      {people.Filter{TeamID: o.teamA}, 3},
			"Manager":   {people.Filter{ManagerID: o.lead}, 2},
			"Position":  {people.Filter{PositionID: o.agentPos}, 3},
			"TextEN":    {people.Filter{Text: "agent t"}, 2},
			"TextZH":    {people.Filter{Text: "Lead Two（中"}, 1},
			"TextLike%": {people.Filter{Text: "%"}, 0},
		} {
			page, err := o.store.Employees(ctx, hr, c.f, 100, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Employees) != c.want {
				t.Errorf("%s: %d employees, want %d", name, len(page.Employees), c.want)
			}
		}
	})
}

func TestTeamMembers(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	pages, err := o.store.TeamMembers(context.Background(), as(o.hr, auth.RoleHR), []int64{o.teamA, o.teamB, 999999}, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages[0].Employees) != 2 || !pages[0].HasNextPage || pages[0].Total != 3 {
		t.Errorf("team A page: %d employees, next %v, total %d", len(pages[0].Employees), pages[0].HasNextPage, pages[0].Total)
	}
	if len(pages[1].Employees) != 2 || pages[1].HasNextPage {
		t.Errorf("team B page: %d employees, next %v", len(pages[1].Employees), pages[1].HasNextPage)
	}
	if len(pages[2].Employees) != 0 {
		t.Errorf("missing team has members")
	}
	// An agent sees only themself and their lead among team A's members.
	pages, _ = o.store.TeamMembers(context.Background(), as(o.agent), []int64{o.teamA}, 50, nil)
	if pages[0].Total != 2 {
		t.Errorf("agent sees %d of team A, want 2 (self and lead)", pages[0].Total)
	}
}

func TestHire(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	hr := as(o.hr, auth.RoleHR)
	in := people.HireInput{
		EmployeeNo: "cs-2001", NameEN: "New Agent", NameZH: "新客服", Email: "new.agent@test.example",
		TeamID: o.teamA, ManagerID: o.lead, PositionID: o.agentPos,
		HireDate: today.AddDate(0, 0, -20), Roles: []auth.Role{auth.RoleTrainer},
	}
	t.Run("OK", func(t *testing.T) {
		e, pw, err := o.store.Hire(ctx, hr, in)
		if err != nil {
			t.Fatal(err)
		}
		if e.EmployeeNo != "CS-2001" || !e.PositionSince.Equal(in.HireDate) || e.Status != people.StatusActive {
			t.Errorf("hired %+v", e)
		}
		if len(pw) < 12 {
			t.Errorf("generated password %q", pw)
		}
		evs, _ := o.store.EventsOf(ctx, []int64{e.ID})
		if len(evs[0]) != 1 || evs[0][0].Kind != people.EventHire || evs[0][0].RecordedBy.Int64 != o.hr {
			t.Errorf("history after hire: %+v", evs[0])
		}
		roles, _ := o.store.RolesOf(ctx, []int64{e.ID})
		if len(roles[0]) != 2 || roles[0][0] != auth.RoleEmployee || roles[0][1] != auth.RoleTrainer {
			t.Errorf("roles %v", roles[0])
		}
	})
	t.Run("ErrDuplicateEmail", func(t *testing.T) {
		dup := in
		dup.EmployeeNo, dup.Email = "CS-2002", "NEW.AGENT@test.example"
		_, _, err := o.store.Hire(ctx, hr, dup)
		var re *rungs.Error
		if rungs.ErrorCode(err) != rungs.ErrConflict || !asErr(err, &re) || re.Field != "email" {
			t.Errorf("err = %v, want CONFLICT on email", err)
		}
	})
	t.Run("ErrEveryProblemAtOnce", func(t *testing.T) {
		_, _, err := o.store.Hire(ctx, hr, people.HireInput{EmployeeNo: "x", Email: "nope", InitialPassword: "short"})
		var re *rungs.Error
		if !asErr(err, &re) || re.Code != rungs.ErrBadUserInput {
			t.Fatalf("err = %v", err)
		}
		fields := map[string]bool{}
		for _, d := range re.Details {
			fields[d.Field] = true
		}
		for _, f := range []string{"employeeNumber", "nameEn", "nameZh", "email", "positionId", "hireDate", "initialPassword"} {
			if !fields[f] {
				t.Errorf("no error for %s (got %v)", f, fields)
			}
		}
	})
	t.Run("ErrUnknownManager", func(t *testing.T) {
		bad := in
		bad.EmployeeNo, bad.Email, bad.ManagerID = "CS-2003", "x3@test.example", 987654
		_, _, err := o.store.Hire(ctx, hr, bad)
		var re *rungs.Error
		if !asErr(err, &re) || re.Field != "managerId" {
			t.Errorf("err = %v, want a managerId error", err)
		}
	})
}

func TestTransfer(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	hr := as(o.hr, auth.RoleHR)
	day := today.AddDate(0, 0, -21) // three weeks ago

	t.Run("OKPromotion", func(t *testing.T) {
		e, err := o.store.Transfer(ctx, hr, people.TransferInput{
			EmployeeID: o.agent2, PositionID: o.leadPos, TeamID: o.teamB, ManagerID: o.manager,
			EffectiveOn: day, Reason: "Promoted to lead team B",
		})
		if err != nil {
			t.Fatal(err)
		}
		if e.PositionID != o.leadPos || !e.PositionSince.Equal(day) || e.ManagerID.Int64 != o.manager {
			t.Errorf("after transfer: %+v", e)
		}
		evs, _ := o.store.EventsOf(ctx, []int64{o.agent2})
		last := evs[0][len(evs[0])-1]
		if last.Kind != people.EventPromotion || last.FromPositionID.Int64 != o.agentPos || last.ToTeamID.Int64 != o.teamB ||
			last.FromManagerID.Int64 != o.lead || last.Reason != "Promoted to lead team B" {
			t.Errorf("history: %+v", last)
		}
	})
	t.Run("OKSidewaysKeepsPositionSince", func(t *testing.T) {
		before, _ := o.store.EmployeeByID(ctx, hr, o.agent3)
		e, err := o.store.Transfer(ctx, hr, people.TransferInput{EmployeeID: o.agent3, TeamID: o.teamA, EffectiveOn: day, Reason: "Rebalancing"})
		if err != nil {
			t.Fatal(err)
		}
		if !e.PositionSince.Equal(before.PositionSince) || e.ManagerID != before.ManagerID {
			t.Errorf("a team move changed position_since or manager: %+v", e)
		}
	})
	t.Run("ErrManagerCycle", func(t *testing.T) {
		_, err := o.store.Transfer(ctx, hr, people.TransferInput{EmployeeID: o.manager, ManagerID: o.agent, EffectiveOn: day, Reason: "loop"})
		var re *rungs.Error
		if !asErr(err, &re) || re.Key != "people.manager.cycle" {
			t.Errorf("err = %v, want people.manager.cycle", err)
		}
	})
	t.Run("ErrFuture", func(t *testing.T) {
		_, err := o.store.Transfer(ctx, hr, people.TransferInput{EmployeeID: o.agent, TeamID: o.teamB, EffectiveOn: day.AddDate(1, 0, 0), Reason: "later"})
		if rungs.ErrorCode(err) != rungs.ErrBadUserInput {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ErrNoChange", func(t *testing.T) {
		_, err := o.store.Transfer(ctx, hr, people.TransferInput{EmployeeID: o.agent, TeamID: o.teamA, EffectiveOn: day, Reason: "same"})
		if rungs.ErrorCode(err) != rungs.ErrBadUserInput {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ErrUnknownEmployee", func(t *testing.T) {
		_, err := o.store.Transfer(ctx, hr, people.TransferInput{EmployeeID: 999999, TeamID: o.teamA, EffectiveOn: day, Reason: "x"})
		if rungs.ErrorCode(err) != rungs.ErrNotFound {
			t.Errorf("err = %v", err)
		}
	})
}

func TestOffboard(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	hr := as(o.hr, auth.RoleHR)
	day := today.AddDate(0, 0, -2)

	if _, err := o.store.Offboard(ctx, hr, o.lead, day, "Leaving"); rungs.ErrorCode(err) != rungs.ErrConflict {
		t.Errorf("offboarding a lead with reports: %v, want CONFLICT", err)
	}
	e, err := o.store.Offboard(ctx, hr, o.agent, day, "Moved city")
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != people.StatusOffboarded || !e.OffboardedOn.Time.Equal(day) {
		t.Errorf("after offboarding: %+v", e)
	}
	if _, err := o.store.Offboard(ctx, hr, o.agent, day, "again"); rungs.ErrorCode(err) != rungs.ErrConflict {
		t.Errorf("second offboarding: %v, want CONFLICT", err)
	}
	// Records are kept: HR still reads them; the default list leaves them out.
	if _, err := o.store.EmployeeByID(ctx, hr, o.agent); err != nil {
		t.Errorf("offboarded record gone: %v", err)
	}
	if visibleIDs(t, o, hr)[o.agent] {
		t.Error("offboarded employee in the default list")
	}
	page, _ := o.store.Employees(ctx, hr, people.Filter{Status: people.StatusOffboarded}, 10, nil)
	if len(page.Employees) != 1 {
		t.Errorf("OFFBOARDED filter found %d", len(page.Employees))
	}
}

func TestReportsAndHistory(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	reports, err := o.store.ReportsOf(context.Background(), as(o.manager), []int64{o.manager, o.lead, o.agent})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports[0]) != 2 || len(reports[1]) != 2 || len(reports[2]) != 0 {
		t.Errorf("reports: %d, %d, %d", len(reports[0]), len(reports[1]), len(reports[2]))
	}
	// The agent asking about their lead's reports sees only themself.
	reports, _ = o.store.ReportsOf(context.Background(), as(o.agent), []int64{o.lead})
	if len(reports[0]) != 1 || reports[0][0].ID != o.agent {
		t.Errorf("agent sees lead's reports: %v", reports[0])
	}
}

func asErr(err error, target **rungs.Error) bool { return errors.As(err, target) }

func TestManagesSQL(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	cases := []struct {
		manager, employee int64
		want              bool
	}{
		{o.lead, o.agent, true},
		{o.manager, o.agent3, true}, // two levels up
		{o.lead, o.agent3, false},   // another lead's agent
		{o.agent, o.lead, false},    // upwards is not managing
		{o.agent, o.agent, false},   // nor is oneself
	}
	for _, c := range cases {
		var got bool
		if err := o.db.Get(&got, `SELECT `+people.ManagesSQL("$1", "$2::bigint"), c.manager, c.employee); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("ManagesSQL(%d, %d) = %v, want %v", c.manager, c.employee, got, c.want)
		}
	}
}
