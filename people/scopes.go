package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Training scopes: the teams and positions HR grants a trainer or QA
// specialist (the TRAINER role) to serve. A trainer's reach over people who
// are not in their own reporting line comes from here and from nowhere
// else: assigning a course, registering someone for a session, scoring them
// on a rubric or having them take one's test never makes a person readable
// (the package comment states the whole rule).
//
// The rule is SQL, in one home, so the visibility CTE and every package
// that checks a right in the statement that needs it (learning, classroom,
// rubric, development) read the same thing:
//
//   - a grant counts while it is not revoked and its trainer holds TRAINER
//     (a trainer who loses the role loses the scope with it);
//   - it covers the employees whose current team or position it names, so
//     a transfer moves a person in or out of a scope the day it happens.

// Scope is one grant: a team or a position (exactly one is set) a trainer
// serves, with who granted it and when, and who revoked it.
type Scope struct {
	ID         int64         `db:"id"`
	TrainerID  int64         `db:"trainer_id"`
	TeamID     sql.NullInt64 `db:"team_id"`
	PositionID sql.NullInt64 `db:"position_id"`
	GrantedBy  int64         `db:"granted_by"`
	GrantedAt  time.Time     `db:"granted_at"`
	RevokedBy  sql.NullInt64 `db:"revoked_by"`
	RevokedAt  sql.NullTime  `db:"revoked_at"`
}

// ScopeInput grants TrainerID one team or one position (the other is 0).
type ScopeInput struct {
	TrainerID  int64
	TeamID     int64
	PositionID int64
}

// liveScope is the condition on a training_scopes row sg that it is one of
// trainer's grants that count now: not revoked, and the trainer still
// holds TRAINER. trainer is a column or a placeholder.
func liveScope(trainer string) string {
	return `sg.trainer_id = ` + trainer + ` AND sg.revoked_at IS NULL
		AND EXISTS (SELECT 1 FROM user_roles sr WHERE sr.employee_id = sg.trainer_id AND sr.role = 'TRAINER')`
}

// scopeMembersSQL selects the ids of the employees in trainer's scope: those
// whose team or position one of the live grants names. With trainer a
// placeholder the subquery is uncorrelated, so PostgreSQL runs it once per
// statement and hashes it, however many rows the caller checks.
func scopeMembersSQL(trainer string) string {
	return `SELECT se.id FROM training_scopes sg
		JOIN employees se ON se.team_id = sg.team_id OR se.position_id = sg.position_id
		WHERE ` + liveScope(trainer)
}

// InScopeSQL is a SQL condition that holds when the employee given by the
// expression employee (a column or a placeholder) is in the training scope
// of the trainer given by trainer. Like ManagesSQL, callers put it in the
// statement that reads or writes the rows, so a check costs no statement
// of its own.
func InScopeSQL(trainer, employee string) string {
	return `(` + employee + ` IN (` + scopeMembersSQL(trainer) + `))`
}

// ServesSQL holds when actor may act on employee as someone who trains
// them: assign them a course or a test, register them for a session, score
// them on a rubric. That is the employee being below actor in the reporting
// line, or in actor's training scope. HR and admins act on anyone; callers
// add that from the viewer's roles.
func ServesSQL(actor, employee string) string {
	return `(` + ManagesSQL(actor, employee) + ` OR ` + InScopeSQL(actor, employee) + `)`
}

// TeamInScopeSQL holds when trainer has a live grant of the team given by
// team: assigning a course to a whole team needs one (or HR).
func TeamInScopeSQL(trainer, team string) string {
	return `EXISTS (SELECT 1 FROM training_scopes sg WHERE ` + liveScope(trainer) + ` AND sg.team_id = ` + team + `)`
}

// PositionInScopeSQL holds when trainer has a live grant of the position
// given by position.
func PositionInScopeSQL(trainer, position string) string {
	return `EXISTS (SELECT 1 FROM training_scopes sg WHERE ` + liveScope(trainer) + ` AND sg.position_id = ` + position + `)`
}

// TrainerOfSQL holds when trainer is a trainer of employee: the employee is
// in trainer's scope and enrolled (in any status: a withdrawn learner's
// record stays readable) in a course trainer owns. It is what opens an
// employee's development record (competency levels, gaps, enrolments,
// plans, goals) to a trainer and lets them rate and coach the employee.
// Both halves are needed: the scope says HR put the person in the
// trainer's care, the enrolment that the trainer teaches them; an
// enrolment alone (HR enrolled an outsider, or the outsider enrolled
// themself) gives the owner rights on that enrolment's records, never on
// the person.
func TrainerOfSQL(trainer, employee string) string {
	return `(` + InScopeSQL(trainer, employee) + ` AND EXISTS (
		SELECT 1 FROM enrollments ten JOIN courses tc ON tc.id = ten.course_id
		WHERE ten.employee_id = ` + employee + ` AND tc.owner_id = ` + trainer + `))`
}

// GrantScope grants a trainer a team or a position (HR and admins). The
// grantee must hold TRAINER (BAD_USER_INPUT scope.not_trainer) and not have
// left (CONFLICT people.offboarded); the same live grant twice is a
// CONFLICT (scope.duplicate). Unknown trainers, teams and positions are
// NOT_FOUND.
func (s *Store) GrantScope(ctx context.Context, by *auth.Viewer, in ScopeInput) (*Scope, error) {
	if err := mayGrant(by); err != nil {
		return nil, err
	}
	if (in.TeamID != 0) == (in.PositionID != 0) {
		return nil, rungs.FieldError("teamId", "scope.target.one", "grant exactly one of: a team, a position")
	}
	var out Scope
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// FOR KEY SHARE: the trainer row stays while the grant is written.
		var t struct {
			Name     string `db:"name_en"`
			Status   string `db:"status"`
			Trainer  bool   `db:"trainer"`
			Team     bool   `db:"team"`
			Position bool   `db:"position"`
		}
		err := tx.GetContext(ctx, &t, `
			SELECT e.name_en, e.status,
			       EXISTS (SELECT 1 FROM user_roles r WHERE r.employee_id = e.id AND r.role = 'TRAINER') AS trainer,
			       EXISTS (SELECT 1 FROM teams WHERE id = $2) AS team,
			       EXISTS (SELECT 1 FROM positions WHERE id = $3) AS position
			FROM employees e WHERE e.id = $1 FOR KEY SHARE OF e`, in.TrainerID, in.TeamID, in.PositionID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return notFound("employee", in.TrainerID)
		case err != nil:
			return err
		case !t.Trainer:
			return &rungs.Error{Code: rungs.ErrBadUserInput, Key: "scope.not_trainer", Field: "trainerId",
				Message: fmt.Sprintf("%s is not a trainer: only holders of the TRAINER role get a training scope", t.Name)}
		case t.Status == StatusOffboarded:
			return rungs.Errorf(rungs.ErrConflict, "people.offboarded", "%s has been offboarded", t.Name)
		case in.TeamID != 0 && !t.Team:
			return notFound("team", in.TeamID)
		case in.PositionID != 0 && !t.Position:
			return notFound("position", in.PositionID)
		}
		err = tx.GetContext(ctx, &out, `
			INSERT INTO training_scopes (trainer_id, team_id, position_id, granted_by, granted_at)
			VALUES ($1, NULLIF($2, 0), NULLIF($3, 0), $4, $5) RETURNING *`,
			in.TrainerID, in.TeamID, in.PositionID, by.EmployeeID, s.Now())
		return translateScope(err)
	})
	if err != nil {
		return nil, wrap("grant training scope", err)
	}
	return &out, nil
}

// RevokeScope ends a live grant (HR and admins). The row stays, with who
// revoked it and when; the trainer's reach shrinks at once. An unknown or
// already revoked grant is NOT_FOUND (scope.not_found).
func (s *Store) RevokeScope(ctx context.Context, by *auth.Viewer, id int64) (*Scope, error) {
	if err := mayGrant(by); err != nil {
		return nil, err
	}
	var out Scope
	// greatest: a grant made a moment ago by a process whose clock runs
	// ahead must not make the revoke break the revoked-after-granted check.
	err := s.db.GetContext(ctx, &out, `
		UPDATE training_scopes SET revoked_by = $2, revoked_at = greatest($3, granted_at)
		WHERE id = $1 AND revoked_at IS NULL RETURNING *`, id, by.EmployeeID, s.Now())
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rungs.Errorf(rungs.ErrNotFound, "scope.not_found", "training scope %d not found (or already revoked)", id)
	} else if err != nil {
		return nil, fmt.Errorf("people: revoke training scope %d: %w", id, err)
	}
	return &out, nil
}

// ScopesOf returns the live grants of each trainer, oldest first, as v may
// see them: a trainer's scope is read by the trainer themself, everyone
// above them in the reporting line, HR and admins; anyone else gets an
// empty list. One statement for any number of trainers.
func (s *Store) ScopesOf(ctx context.Context, v *auth.Viewer, trainerIDs []int64) ([][]*Scope, error) {
	var rows []*Scope
	err := s.db.SelectContext(ctx, &rows, `
		SELECT ts.* FROM training_scopes ts
		WHERE ts.trainer_id = ANY($3) AND ts.revoked_at IS NULL
		  AND ($2 OR ts.trainer_id = $1 OR `+ManagesSQL("$1", "ts.trainer_id")+`)
		ORDER BY ts.trainer_id, ts.granted_at, ts.id`,
		append(viewerArgs(v), pq.Array(trainerIDs))...)
	if err != nil {
		return nil, fmt.Errorf("people: training scopes: %w", err)
	}
	return postgres.GroupByKey(trainerIDs, rows, func(sc *Scope) int64 { return sc.TrainerID }), nil
}

// mayGrant: HR and admins decide whom a trainer serves.
func mayGrant(by *auth.Viewer) error {
	if err := auth.Require(by); err != nil {
		return err
	}
	if !by.SeesEveryone() {
		return rungs.Errorf(rungs.ErrForbidden, "scope.forbidden", "only HR and admins grant and revoke training scopes")
	}
	return nil
}

// translateScope maps the constraints a grant can break to clear errors.
func translateScope(err error) error {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return err
	}
	switch pqErr.Constraint {
	case "training_scopes_team_key", "training_scopes_position_key":
		return rungs.Errorf(rungs.ErrConflict, "scope.duplicate", "the trainer already serves this team or position")
	case "training_scopes_team_id_fkey":
		return rungs.Errorf(rungs.ErrNotFound, "team.not_found", "team not found")
	case "training_scopes_position_id_fkey":
		return rungs.Errorf(rungs.ErrNotFound, "position.not_found", "position not found")
	}
	return postgres.Translate(err, "training scope")
}
