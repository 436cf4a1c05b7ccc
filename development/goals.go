package development

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// The longest goal texts, in characters, and the most competencies one goal
// links, as the migration checks (the competency cap is the code's only).
const (
	maxGoalTitle        = 200
	maxGoalText         = 1000
	maxGoalCompetencies = 10
)

// GoalInput is what a goal says: a specific title, how progress is
// measured, the target to reach, when, and the competencies it develops
// (current ones of the published framework).
type GoalInput struct {
	Title         string
	Measure       string
	Target        string
	DueOn         time.Time
	CompetencyIDs []int64
}

func (in *GoalInput) validate(today time.Time) error {
	trimmed(&in.Title, &in.Measure, &in.Target)
	if in.CompetencyIDs == nil {
		// An empty array, not NULL: "<> ALL(NULL)" would keep every link.
		in.CompetencyIDs = []int64{}
	}
	var v rungs.Validation
	v.Check(in.Title != "", "title", "goal.title.required", "a goal needs a title")
	v.Check(runes(in.Title) <= maxGoalTitle, "title", "goal.title.too_long", "a title is at most %d characters", maxGoalTitle)
	v.Check(in.Measure != "", "measure", "goal.measure.required", "say how the goal is measured")
	v.Check(runes(in.Measure) <= maxGoalText, "measure", "goal.measure.too_long", "the measure is at most %d characters", maxGoalText)
	v.Check(in.Target != "", "target", "goal.target.required", "say what target the goal aims at")
	v.Check(runes(in.Target) <= maxGoalText, "target", "goal.target.too_long", "the target is at most %d characters", maxGoalText)
	if in.DueOn.IsZero() {
		v.Add("dueOn", "goal.due_on.required", "a goal needs a due date")
	} else {
		v.Check(!dateOf(in.DueOn).Before(today), "dueOn", "goal.due_on.past", "the due date must be today or later")
	}
	v.Check(len(in.CompetencyIDs) <= maxGoalCompetencies, "competencyIds", "goal.competencies.too_many",
		"link at most %d competencies", maxGoalCompetencies)
	ids := slices.Clone(in.CompetencyIDs)
	slices.Sort(ids)
	v.Check(len(slices.Compact(ids)) == len(in.CompetencyIDs), "competencyIds", "goal.competencies.duplicate",
		"a competency is linked twice")
	return v.Err()
}

// checkCompetencies refuses competencies that are not current: a goal
// links only what the framework in force holds and has not archived.
func checkCompetencies(ctx context.Context, tx *sqlx.Tx, ids []int64) error {
	var bad []int64
	err := tx.SelectContext(ctx, &bad, `
		SELECT x.id FROM unnest($1::bigint[]) AS x (id)
		WHERE NOT EXISTS (
			SELECT 1 FROM competency_versions v JOIN frameworks f ON f.id = v.framework_id AND f.status = 'PUBLISHED'
			WHERE v.competency_id = x.id AND NOT v.archived)
		ORDER BY x.id`, pq.Array(ids))
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return rungs.FieldError("competencyIds", "goal.competencies.unknown",
			"not competencies of the published framework: %s", joinIDs(bad))
	}
	return nil
}

// CreateGoal adds a DRAFT goal for an employee. The employee creates their
// own; everyone above them in the reporting line, HR and admins create
// goals for them. A goal is agreed separately (AgreeGoal), even when the
// manager wrote it, so agreeing stays one deliberate step.
func (s *Store) CreateGoal(ctx context.Context, by *auth.Viewer, employeeID int64, in GoalInput) (*Goal, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if err := in.validate(s.today()); err != nil {
		return nil, err
	}
	var g Goal
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		rel, err := relationTo(ctx, tx, by, employeeID, false)
		if err != nil {
			return err
		}
		if !(rel.Self || rel.Line || rel.HR) {
			return forbidden("goal.create.forbidden", "only the employee, their reporting line or HR create their goals")
		}
		if err := offboarded(rel); err != nil {
			return err
		}
		if err := checkCompetencies(ctx, tx, in.CompetencyIDs); err != nil {
			return err
		}
		return tx.GetContext(ctx, &g, `
			WITH g AS (
				INSERT INTO goals (employee_id, title, measure, target, due_on, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *
			), c AS (
				INSERT INTO goal_competencies (goal_id, competency_id)
				SELECT g.id, x.id FROM g, unnest($8::bigint[]) AS x (id)
			)
			SELECT * FROM g`,
			employeeID, in.Title, in.Measure, in.Target, dateOf(in.DueOn), by.EmployeeID, s.Now(), pq.Array(in.CompetencyIDs))
	})
	if err != nil {
		return nil, wrap("create goal", err)
	}
	return &g, nil
}

// lockGoal reads goal id for update with how by stands to its employee.
// A goal by may not read is NOT_FOUND, like one that does not exist.
func lockGoal(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, id int64) (*Goal, *relation, error) {
	var g Goal
	if err := tx.GetContext(ctx, &g, `SELECT * FROM goals WHERE id = $1 FOR UPDATE`, id); err != nil {
		return nil, nil, notFound(err, "goal", id)
	}
	rel, err := relationTo(ctx, tx, by, g.EmployeeID, false)
	if err != nil {
		return nil, nil, err
	}
	if !(rel.Self || rel.Line || rel.HR || rel.Trainer) {
		return nil, nil, rungs.Errorf(rungs.ErrNotFound, "goal.not_found", "goal %d not found", id)
	}
	return &g, rel, nil
}

// UpdateGoal replaces what a DRAFT goal says, its competencies included.
// Once agreed a goal no longer changes (CONFLICT goal.not_draft): what was
// agreed stays what was agreed. Same people as CreateGoal.
func (s *Store) UpdateGoal(ctx context.Context, by *auth.Viewer, goalID int64, in GoalInput) (*Goal, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if err := in.validate(s.today()); err != nil {
		return nil, err
	}
	var g Goal
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, rel, err := lockGoal(ctx, tx, by, goalID)
		if err != nil {
			return err
		}
		if !(rel.Self || rel.Line || rel.HR) {
			return forbidden("goal.update.forbidden", "only the employee, their reporting line or HR edit their goals")
		}
		if before.Status != GoalDraft {
			return rungs.Errorf(rungs.ErrConflict, "goal.not_draft", "goal %d is %s: only a draft can be changed", goalID, before.Status)
		}
		if err := checkCompetencies(ctx, tx, in.CompetencyIDs); err != nil {
			return err
		}
		// The links that go and those that come touch different keys, so
		// they can share one statement with the update.
		return tx.GetContext(ctx, &g, `
			WITH g AS (
				UPDATE goals SET title = $2, measure = $3, target = $4, due_on = $5, updated_at = $6
				WHERE id = $1 RETURNING *
			), gone AS (
				DELETE FROM goal_competencies WHERE goal_id = $1 AND competency_id <> ALL($7::bigint[])
			), added AS (
				INSERT INTO goal_competencies (goal_id, competency_id)
				SELECT $1, x.id FROM unnest($7::bigint[]) AS x (id)
				ON CONFLICT DO NOTHING
			)
			SELECT * FROM g`,
			goalID, in.Title, in.Measure, in.Target, dateOf(in.DueOn), s.Now(), pq.Array(in.CompetencyIDs))
	})
	if err != nil {
		return nil, wrap("update goal", err)
	}
	return &g, nil
}

// AgreeGoal records that someone above the employee in the reporting line
// agrees a DRAFT goal. Nobody agrees their own goal (goal.agree.self), and
// HR as such does not agree: the goal is between the employee and their
// line. A goal whose due date has passed is changed first (goal.overdue).
func (s *Store) AgreeGoal(ctx context.Context, by *auth.Viewer, goalID int64) (*Goal, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var g Goal
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, rel, err := lockGoal(ctx, tx, by, goalID)
		if err != nil {
			return err
		}
		switch {
		case rel.Self:
			return forbidden("goal.agree.self", "nobody agrees their own goal")
		case !rel.Line:
			return forbidden("goal.agree.forbidden", "only someone above the employee in the reporting line agrees a goal")
		case before.Status != GoalDraft:
			return rungs.Errorf(rungs.ErrConflict, "goal.not_draft", "goal %d is already %s", goalID, before.Status)
		case before.DueOn.Before(s.today()):
			return rungs.Errorf(rungs.ErrConflict, "goal.overdue", "goal %d was due on %s: change the due date first",
				goalID, before.DueOn.Format(time.DateOnly))
		}
		if err := offboarded(rel); err != nil {
			return err
		}
		return tx.GetContext(ctx, &g, `
			UPDATE goals SET status = 'AGREED', agreed_by = $2, agreed_at = $3, updated_at = $3
			WHERE id = $1 RETURNING *`, goalID, by.EmployeeID, s.Now())
	})
	if err != nil {
		return nil, wrap("agree goal", err)
	}
	return &g, nil
}

// goalMoves lists, for each status SetGoalStatus sets, the statuses it may
// come from.
var goalMoves = map[string][]string{
	GoalInProgress: {GoalAgreed},
	GoalAchieved:   {GoalAgreed, GoalInProgress},
	GoalMissed:     {GoalAgreed, GoalInProgress},
	GoalCancelled:  {GoalDraft, GoalAgreed, GoalInProgress},
}

// SetGoalStatus moves a goal on. IN_PROGRESS (from AGREED), ACHIEVED and
// MISSED (from AGREED or IN_PROGRESS) are set by the employee or their
// reporting line: they follow the work, which both sides see. CANCELLED
// (from anything not closed, a draft included) is set by the line or HR
// only: dropping an agreed goal is the manager's call. A closed goal is
// final (goal.closed); DRAFT and AGREED are not set here (AgreeGoal).
func (s *Store) SetGoalStatus(ctx context.Context, by *auth.Viewer, goalID int64, status string) (*Goal, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	from, ok := goalMoves[status]
	if !ok {
		return nil, rungs.FieldError("status", "goal.status.invalid",
			"a goal can be moved to IN_PROGRESS, ACHIEVED, MISSED or CANCELLED")
	}
	var g Goal
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, rel, err := lockGoal(ctx, tx, by, goalID)
		if err != nil {
			return err
		}
		if status == GoalCancelled {
			if !(rel.Line || rel.HR) {
				return forbidden("goal.cancel.forbidden", "only the reporting line or HR cancel a goal")
			}
		} else if !(rel.Self || rel.Line) {
			return forbidden("goal.status.forbidden", "only the employee or their reporting line move a goal on")
		}
		switch {
		case before.Closed():
			return rungs.Errorf(rungs.ErrConflict, "goal.closed", "goal %d is already %s", goalID, before.Status)
		case !slices.Contains(from, before.Status):
			return rungs.Errorf(rungs.ErrConflict, "goal.status.transition", "goal %d is %s and cannot become %s",
				goalID, before.Status, status)
		}
		closing := status != GoalInProgress
		return tx.GetContext(ctx, &g, `
			UPDATE goals SET status = $2, updated_at = $3,
				closed_by = CASE WHEN $4 THEN $5::bigint END,
				closed_at = CASE WHEN $4 THEN $3::timestamptz END
			WHERE id = $1 RETURNING *`, goalID, status, s.Now(), closing, by.EmployeeID)
	})
	if err != nil {
		return nil, wrap("set goal status", err)
	}
	return &g, nil
}

// canSeePlanning is who reads an employee's goals and plans: the employee,
// their reporting line, HR and admins, and a trainer of theirs.
func canSeePlanning(emp string) string {
	return `(` + lineOrHR(emp) + ` OR ` + trainerOf("$2", "$4", emp) + `)`
}

// GoalsOf returns each employee's goals, soonest due first. The employee,
// their reporting line, HR and admins and a trainer of theirs see them;
// anyone else gets an empty slice.
func (s *Store) GoalsOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64) ([][]*Goal, error) {
	viewer, all, trainer := readArgs(v)
	var rows []*Goal
	err := s.db.SelectContext(ctx, &rows, `
		SELECT g.* FROM goals g
		WHERE g.employee_id = ANY($1) AND `+canSeePlanning("g.employee_id")+`
		ORDER BY g.employee_id, g.due_on, g.id`,
		pq.Array(employeeIDs), viewer, all, trainer)
	if err != nil {
		return nil, fmt.Errorf("development: goals of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(g *Goal) int64 { return g.EmployeeID }), nil
}

// GoalsByIDs returns the goals with ids the viewer may see (as GoalsOf), in
// key order, nil where none exists or the viewer may not see it.
func (s *Store) GoalsByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Goal, error) {
	viewer, all, trainer := readArgs(v)
	var rows []*Goal
	err := s.db.SelectContext(ctx, &rows, `
		SELECT g.* FROM goals g WHERE g.id = ANY($1) AND `+canSeePlanning("g.employee_id"),
		pq.Array(ids), viewer, all, trainer)
	if err != nil {
		return nil, fmt.Errorf("development: goals by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(g *Goal) int64 { return g.ID }), nil
}

// GoalCompetenciesOf returns the ids of the competencies each goal links,
// in id order. It checks no access: callers reach it through a goal they
// were allowed to read.
func (s *Store) GoalCompetenciesOf(ctx context.Context, goalIDs []int64) ([][]int64, error) {
	type row struct {
		GoalID       int64 `db:"goal_id"`
		CompetencyID int64 `db:"competency_id"`
	}
	var rows []*row
	err := s.db.SelectContext(ctx, &rows, `
		SELECT goal_id, competency_id FROM goal_competencies WHERE goal_id = ANY($1) ORDER BY goal_id, competency_id`,
		pq.Array(goalIDs))
	if err != nil {
		return nil, fmt.Errorf("development: goal competencies: %w", err)
	}
	groups := postgres.GroupByKey(goalIDs, rows, func(r *row) int64 { return r.GoalID })
	out := make([][]int64, len(groups))
	for i, g := range groups {
		out[i] = make([]int64, len(g))
		for j, r := range g {
			out[i][j] = r.CompetencyID
		}
	}
	return out, nil
}
