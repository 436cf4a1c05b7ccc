package people_test

import (
	"context"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/people"
)

// scoped is the test org with a trainer (TRAINER, a sign-in, reporting to
// the manager, in no team) who owns a published course.
type scoped struct {
	*org
	trainer, course int64
}

func newScoped(t *testing.T) *scoped {
	t.Helper()
	o := newOrg(t)
	s := &scoped{org: o}
	s.trainer = dbtest.MustCreateEmployee(t, o.db, dbtest.Employee{Name: "Trainer", PositionID: o.leadPos,
		ManagerID: o.manager, PasswordHash: "x", Roles: []string{"TRAINER"}})
	o.db.Get(&s.course, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
		VALUES ('SCOPE-1', 'Course', '课程', 'E_LEARNING', 2, $1, 'PUBLISHED', now()) RETURNING id`, s.trainer)
	return s
}

func (s *scoped) grant(t *testing.T, in people.ScopeInput) *people.Scope {
	t.Helper()
	in.TrainerID = s.trainer
	sc, err := s.store.GrantScope(context.Background(), as(s.hr, auth.RoleHR), in)
	if err != nil {
		t.Fatalf("GrantScope %+v: %v", in, err)
	}
	return sc
}

func wantCode(t *testing.T, err error, code, key string) {
	t.Helper()
	var re *rungs.Error
	if !asErr(err, &re) || re.Code != code || (key != "" && re.Key != key) {
		t.Fatalf("got %v, want %s %s", err, code, key)
	}
}

// TestTrainingScopeVisibility: a trainer sees the people of the teams and
// positions granted to them, and their own line; what they do (enrol,
// register, score, test) adds nobody; a revoked grant or a lost TRAINER role
// takes the people away again, and a transfer moves a person in or out.
func TestTrainingScopeVisibility(t *testing.T) {
	t.Parallel()
	s := newScoped(t)
	ctx := context.Background()
	trainer := as(s.trainer, auth.RoleTrainer)
	// Everything a trainer could once widen their view with, about agent2
	// (and the HR employee, scored on a rubric).
	s.db.MustExec(`
		WITH en AS (
			INSERT INTO enrollments (employee_id, course_id, status) VALUES ($2, $3, 'ASSIGNED')
		), se AS (
			INSERT INTO course_sessions (course_id, starts_at, ends_at, place, capacity, trainer_id)
			VALUES ($3, now() + interval '1 day', now() + interval '2 days', 'Room 1', 5, $1) RETURNING id
		)
		INSERT INTO session_registrations (session_id, employee_id, status) SELECT id, $2, 'REGISTERED' FROM se`,
		s.trainer, s.agent2, s.course)
	s.db.MustExec(`
		WITH f AS (INSERT INTO frameworks (version, status, published_at) VALUES (1, 'PUBLISHED', now()) RETURNING id),
		r AS (INSERT INTO rubrics (code, name_en, name_zh, purpose, owner_id)
		      VALUES ('R-1', 'Rubric', '量表', 'QA_SAMPLING', $1) RETURNING id)
		INSERT INTO scorecards (rubric_id, employee_id, assessor_id, framework_id, weighted_score, scored_at)
		SELECT r.id, $2, $1, f.id, 50, now() FROM r, f`, s.trainer, s.hr)

	check := func(t *testing.T, sees, hidden []int64) {
		t.Helper()
		got := visibleIDs(t, s.org, trainer)
		for _, id := range sees {
			if !got[id] {
				t.Errorf("trainer does not see employee %d", id)
			}
		}
		for _, id := range hidden {
			if got[id] {
				t.Errorf("trainer sees employee %d", id)
			}
		}
	}
	// No scope: themself and their chain of managers only.
	check(t, []int64{s.trainer, s.manager}, []int64{s.agent, s.agent2, s.agent3, s.lead, s.lead2, s.hr})

	teamB := s.grant(t, people.ScopeInput{TeamID: s.teamB})
	check(t, []int64{s.lead2, s.agent3}, []int64{s.agent, s.agent2, s.lead, s.hr})
	s.grant(t, people.ScopeInput{PositionID: s.agentPos})
	check(t, []int64{s.lead2, s.agent3, s.agent, s.agent2}, []int64{s.lead, s.hr})

	if _, err := s.store.RevokeScope(ctx, as(s.hr, auth.RoleHR), teamB.ID); err != nil {
		t.Fatal(err)
	}
	check(t, []int64{s.agent3, s.agent}, []int64{s.lead2, s.lead, s.hr})

	// A transfer moves the lead into the agents' position: in scope now.
	s.db.MustExec(`UPDATE employees SET position_id = $2 WHERE id = $1`, s.lead, s.agentPos)
	check(t, []int64{s.lead}, nil)

	// Without the TRAINER role the grants count for nothing.
	s.db.MustExec(`DELETE FROM user_roles WHERE employee_id = $1 AND role = 'TRAINER'`, s.trainer)
	check(t, []int64{s.trainer}, []int64{s.agent, s.agent2, s.agent3, s.lead})
}

// TestScopeSQL: the helpers other packages put in their statements agree
// with the rule.
func TestScopeSQL(t *testing.T) {
	t.Parallel()
	s := newScoped(t)
	s.grant(t, people.ScopeInput{TeamID: s.teamA})
	s.grant(t, people.ScopeInput{PositionID: s.mgrPos})
	// agent3 is enrolled in the trainer's course but outside the scope;
	// agent is in the scope and enrolled; agent2 in the scope, not enrolled.
	s.db.MustExec(`INSERT INTO enrollments (employee_id, course_id, status) VALUES ($1, $3, 'ASSIGNED'), ($2, $3, 'ASSIGNED')`,
		s.agent, s.agent3, s.course)
	// A report of the trainer's own: the line serves too.
	other := dbtest.MustCreateEmployee(t, s.db, dbtest.Employee{Name: "Report", PositionID: s.agentPos, ManagerID: s.trainer})
	cases := []struct {
		employee                       int64
		inScope, serves, trainerOfThem bool
	}{
		{s.agent, true, true, true},
		{s.agent2, true, true, false},
		{s.lead, true, true, false},
		{s.manager, true, true, false}, // the manager's position is granted
		{s.agent3, false, false, false},
		{other, false, true, false}, // their own report: the line, not the scope
		{s.hr, true, true, false},   // HR holds the manager position in this org
	}
	for _, c := range cases {
		var got struct {
			InScope bool `db:"in_scope"`
			Serves  bool `db:"serves"`
			Trainer bool `db:"trainer_of"`
		}
		err := s.db.Get(&got, `SELECT `+people.InScopeSQL("$1", "$2::bigint")+` AS in_scope, `+
			people.ServesSQL("$1", "$2::bigint")+` AS serves, `+people.TrainerOfSQL("$1", "$2::bigint")+` AS trainer_of`,
			s.trainer, c.employee)
		if err != nil {
			t.Fatal(err)
		}
		if got.InScope != c.inScope || got.Serves != c.serves || got.Trainer != c.trainerOfThem {
			t.Errorf("employee %d: in scope %v, serves %v, trainer of %v; want %v, %v, %v",
				c.employee, got.InScope, got.Serves, got.Trainer, c.inScope, c.serves, c.trainerOfThem)
		}
	}
	var team, teamB, pos, agentPos bool
	if err := s.db.QueryRow(`SELECT `+people.TeamInScopeSQL("$1", "$2::bigint")+`, `+people.TeamInScopeSQL("$1", "$3::bigint")+`, `+
		people.PositionInScopeSQL("$1", "$4::bigint")+`, `+people.PositionInScopeSQL("$1", "$5::bigint"),
		s.trainer, s.teamA, s.teamB, s.mgrPos, s.agentPos).Scan(&team, &teamB, &pos, &agentPos); err != nil {
		t.Fatal(err)
	}
	if !team || teamB || !pos || agentPos {
		t.Errorf("team A %v, team B %v, manager position %v, agent position %v; want true, false, true, false", team, teamB, pos, agentPos)
	}
}

func TestGrantScope(t *testing.T) {
	t.Parallel()
	s := newScoped(t)
	ctx := context.Background()
	hr := as(s.hr, auth.RoleHR)

	t.Run("OK", func(t *testing.T) {
		sc := s.grant(t, people.ScopeInput{TeamID: s.teamA})
		if sc.TrainerID != s.trainer || sc.TeamID.Int64 != s.teamA || sc.PositionID.Valid || sc.GrantedBy != s.hr ||
			!sc.GrantedAt.Equal(now) || sc.RevokedAt.Valid {
			t.Errorf("grant %+v", sc)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		_, err := s.store.GrantScope(ctx, hr, people.ScopeInput{TrainerID: s.trainer, TeamID: s.teamA})
		wantCode(t, err, rungs.ErrConflict, "scope.duplicate")
	})
	t.Run("ErrNotTrainer", func(t *testing.T) {
		_, err := s.store.GrantScope(ctx, hr, people.ScopeInput{TrainerID: s.agent, TeamID: s.teamA})
		wantCode(t, err, rungs.ErrBadUserInput, "scope.not_trainer")
	})
	t.Run("ErrTargetOne", func(t *testing.T) {
		_, err := s.store.GrantScope(ctx, hr, people.ScopeInput{TrainerID: s.trainer, TeamID: s.teamB, PositionID: s.agentPos})
		wantCode(t, err, rungs.ErrBadUserInput, "scope.target.one")
		_, err = s.store.GrantScope(ctx, hr, people.ScopeInput{TrainerID: s.trainer})
		wantCode(t, err, rungs.ErrBadUserInput, "scope.target.one")
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		_, err := s.store.GrantScope(ctx, hr, people.ScopeInput{TrainerID: 1 << 40, TeamID: s.teamA})
		wantCode(t, err, rungs.ErrNotFound, "employee.not_found")
		_, err = s.store.GrantScope(ctx, hr, people.ScopeInput{TrainerID: s.trainer, TeamID: 1 << 40})
		wantCode(t, err, rungs.ErrNotFound, "team.not_found")
		_, err = s.store.GrantScope(ctx, hr, people.ScopeInput{TrainerID: s.trainer, PositionID: 1 << 40})
		wantCode(t, err, rungs.ErrNotFound, "position.not_found")
	})
	t.Run("ErrNotHR", func(t *testing.T) {
		for _, by := range []*auth.Viewer{as(s.trainer, auth.RoleTrainer), as(s.manager, auth.RoleManager), as(s.agent)} {
			_, err := s.store.GrantScope(ctx, by, people.ScopeInput{TrainerID: s.trainer, TeamID: s.teamB})
			wantCode(t, err, rungs.ErrForbidden, "scope.forbidden")
		}
		_, err := s.store.GrantScope(ctx, nil, people.ScopeInput{TrainerID: s.trainer, TeamID: s.teamB})
		wantCode(t, err, rungs.ErrUnauthenticated, "")
	})
	t.Run("OKAdmin", func(t *testing.T) {
		if _, err := s.store.GrantScope(ctx, as(s.agent, auth.RoleAdmin), people.ScopeInput{TrainerID: s.trainer, PositionID: s.agentPos}); err != nil {
			t.Fatal(err)
		}
	})
	var n int
	s.db.Get(&n, `SELECT count(*) FROM training_scopes WHERE trainer_id = $1`, s.trainer)
	if n != 2 {
		t.Errorf("%d grants written, want the 2 allowed", n)
	}
}

func TestRevokeScope(t *testing.T) {
	t.Parallel()
	s := newScoped(t)
	ctx := context.Background()
	sc := s.grant(t, people.ScopeInput{TeamID: s.teamA})
	if _, err := s.store.RevokeScope(ctx, as(s.trainer, auth.RoleTrainer), sc.ID); rungs.ErrorCode(err) != rungs.ErrForbidden {
		t.Fatalf("a trainer revoked their own scope: %v", err)
	}
	got, err := s.store.RevokeScope(ctx, as(s.hr, auth.RoleHR), sc.ID)
	if err != nil || got.RevokedBy.Int64 != s.hr || !got.RevokedAt.Valid {
		t.Fatalf("revoke: %+v, %v", got, err)
	}
	_, err = s.store.RevokeScope(ctx, as(s.hr, auth.RoleHR), sc.ID)
	wantCode(t, err, rungs.ErrNotFound, "scope.not_found")
	// The same team may be granted again after a revoke; the revoked row stays.
	s.grant(t, people.ScopeInput{TeamID: s.teamA})
	var n int
	s.db.Get(&n, `SELECT count(*) FROM training_scopes WHERE trainer_id = $1`, s.trainer)
	if n != 2 {
		t.Errorf("%d rows, want the revoked grant and the new one", n)
	}
}

// TestScopesOf: a scope is read by its trainer, their line, HR and admins.
func TestScopesOf(t *testing.T) {
	t.Parallel()
	s := newScoped(t)
	s.grant(t, people.ScopeInput{TeamID: s.teamA})
	s.grant(t, people.ScopeInput{PositionID: s.agentPos})
	revoked := s.grant(t, people.ScopeInput{TeamID: s.teamB})
	if _, err := s.store.RevokeScope(context.Background(), as(s.hr, auth.RoleHR), revoked.ID); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		v    *auth.Viewer
		want int
	}{
		"Trainer": {as(s.trainer, auth.RoleTrainer), 2},
		"Manager": {as(s.manager), 2},
		"HR":      {as(s.hr, auth.RoleHR), 2},
		"Admin":   {as(s.agent3, auth.RoleAdmin), 2},
		"Lead":    {as(s.lead, auth.RoleManager), 0},
		"Agent":   {as(s.agent), 0},
		"Nobody":  {nil, 0},
	} {
		got, err := s.store.ScopesOf(context.Background(), c.v, []int64{s.trainer, s.agent})
		if err != nil {
			t.Fatal(err)
		}
		if len(got[0]) != c.want || len(got[1]) != 0 {
			t.Errorf("%s reads %d and %d grants, want %d and 0", name, len(got[0]), len(got[1]), c.want)
		}
	}
}
