package learning

import (
	"context"
	"fmt"
	"slices"

	"github.com/lib/pq"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// The batch reads behind the GraphQL fields: one statement each, results in
// key order, so dataloaders keep the statement count flat. They check no
// access: the GraphQL layer decides who may see whose learning.

// AssignmentsByIDs returns the assignments with ids, in key order, nil
// where none exists.
func (s *Store) AssignmentsByIDs(ctx context.Context, ids []int64) ([]*Assignment, error) {
	var rows []*Assignment
	if err := s.db.SelectContext(ctx, &rows, `SELECT * FROM assignments WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("learning: assignments by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(a *Assignment) int64 { return a.ID }), nil
}

// EnrollmentsByIDs returns the enrolments with ids (with module counts),
// in key order, nil where none exists.
func (s *Store) EnrollmentsByIDs(ctx context.Context, ids []int64) ([]*Enrollment, error) {
	var rows []*Enrollment
	if err := s.db.SelectContext(ctx, &rows, enrollmentSelect+` WHERE e.id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("learning: enrollments by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(e *Enrollment) int64 { return e.ID }), nil
}

// EnrollmentsOf returns each employee's enrolments, in courses and in
// assessments, whose status is one of statuses (nil or empty: all): open
// ones first, each group by due date (none last), then in the order they
// were made.
func (s *Store) EnrollmentsOf(ctx context.Context, employeeIDs []int64, statuses []string) ([][]*Enrollment, error) {
	var rows []*Enrollment
	err := s.db.SelectContext(ctx, &rows, enrollmentSelect+`
		WHERE e.employee_id = ANY($1) AND (cardinality($2::text[]) = 0 OR e.status = ANY($2))
		ORDER BY e.employee_id, e.status NOT IN ('ASSIGNED', 'IN_PROGRESS'), e.due_on NULLS LAST, e.id`,
		pq.Array(employeeIDs), pq.Array(nonNil(statuses)))
	if err != nil {
		return nil, fmt.Errorf("learning: enrollments of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(e *Enrollment) int64 { return e.EmployeeID }), nil
}

// ModuleProgressOf returns the modules ticked in the current cycle of each
// enrolment, in the course's module order.
func (s *Store) ModuleProgressOf(ctx context.Context, enrollmentIDs []int64) ([][]*ModuleTick, error) {
	var rows []*ModuleTick
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.enrollment_id, p.module_id, p.completed_at
		FROM module_progress p JOIN course_modules m ON m.id = p.module_id
		WHERE p.enrollment_id = ANY($1)
		ORDER BY p.enrollment_id, m.position`, pq.Array(enrollmentIDs))
	if err != nil {
		return nil, fmt.Errorf("learning: module progress: %w", err)
	}
	return postgres.GroupByKey(enrollmentIDs, rows, func(t *ModuleTick) int64 { return t.EnrollmentID }), nil
}

// EventsOf returns each enrolment's history, oldest first.
func (s *Store) EventsOf(ctx context.Context, enrollmentIDs []int64) ([][]*Event, error) {
	var rows []*Event
	err := s.db.SelectContext(ctx, &rows, `
		SELECT * FROM enrollment_events WHERE enrollment_id = ANY($1) ORDER BY enrollment_id, id`,
		pq.Array(enrollmentIDs))
	if err != nil {
		return nil, fmt.Errorf("learning: events: %w", err)
	}
	return postgres.GroupByKey(enrollmentIDs, rows, func(e *Event) int64 { return e.EnrollmentID }), nil
}

// LoadOf returns each employee's learning load (see Load), overdue judged
// by the store's clock; an employee with no enrolments gets a zero Load.
// An assessment enrolment counts like a course, its hours being the
// assessment's time limit (none: 0 hours).
func (s *Store) LoadOf(ctx context.Context, employeeIDs []int64) ([]Load, error) {
	type row struct {
		EmployeeID int64 `db:"employee_id"`
		Load
	}
	var rows []*row
	err := s.db.SelectContext(ctx, &rows, `
		WITH x AS (
			SELECT e.*, coalesce(c.estimated_hours, a.time_limit_minutes / 60.0, 0) AS hours
			FROM enrollments e
			LEFT JOIN courses c ON c.id = e.course_id
			LEFT JOIN assessments a ON a.id = e.assessment_id
			WHERE e.employee_id = ANY($1) AND e.status <> 'WITHDRAWN'
		)
		SELECT e.employee_id,
		       coalesce(sum(e.hours), 0)::float8 AS hours_assigned,
		       coalesce(sum(e.hours) FILTER (WHERE e.status = 'COMPLETED'), 0)::float8 AS hours_done,
		       coalesce(sum(e.hours) FILTER (WHERE `+overdue+`), 0)::float8 AS hours_overdue,
		       count(*) AS assigned,
		       count(*) FILTER (WHERE e.status = 'COMPLETED') AS completed,
		       count(*) FILTER (WHERE `+overdue+`) AS overdue
		FROM x e
		GROUP BY e.employee_id`, pq.Array(employeeIDs), s.today())
	if err != nil {
		return nil, fmt.Errorf("learning: load: %w", err)
	}
	byKey := postgres.InKeyOrder(employeeIDs, rows, func(r *row) int64 { return r.EmployeeID })
	out := make([]Load, len(employeeIDs))
	for i, r := range byKey {
		if r != nil {
			out[i] = r.Load
		}
	}
	return out, nil
}

// overdue is the SQL twin of Enrollment.Overdue for enrolments e, with
// today as $2.
const overdue = `e.status IN ('ASSIGNED', 'IN_PROGRESS') AND e.due_on < $2::date`

// ProgressOfTeams returns, for each team, its ACTIVE members' enrolments
// counted by status per course they are enrolled in, ordered by course id;
// overdue judged by the store's clock. With viewerID set, an enrolment
// counts only when the member is in the viewer's reporting subtree (a
// manager sees their own people) or the course is the viewer's own (a
// trainer sees their learners); 0 counts everything (HR). Assessment
// enrolments are left out (the join on courses drops them): CourseProgress
// is per course, and a team's standing in an assessment shows in its
// attempts and competency evidence.
func (s *Store) ProgressOfTeams(ctx context.Context, teamIDs []int64, viewerID int64) ([][]CourseProgress, error) {
	type row struct {
		TeamID int64 `db:"team_id"`
		CourseProgress
	}
	var rows []*row
	err := s.db.SelectContext(ctx, &rows, `
		WITH RECURSIVE below (id) AS (
			SELECT $3::bigint WHERE $3 <> 0
			UNION
			SELECT e.id FROM employees e JOIN below b ON e.manager_id = b.id
		)
		SELECT m.team_id, e.course_id,
		       count(*) FILTER (WHERE e.status = 'ASSIGNED') AS assigned,
		       count(*) FILTER (WHERE e.status = 'IN_PROGRESS') AS in_progress,
		       count(*) FILTER (WHERE e.status = 'COMPLETED') AS completed,
		       count(*) FILTER (WHERE `+overdue+`) AS overdue,
		       count(*) FILTER (WHERE e.status = 'WITHDRAWN') AS withdrawn
		FROM employees m JOIN enrollments e ON e.employee_id = m.id JOIN courses c ON c.id = e.course_id
		WHERE m.team_id = ANY($1) AND m.status = 'ACTIVE'
		  AND ($3 = 0 OR c.owner_id = $3 OR m.id IN (SELECT id FROM below))
		GROUP BY m.team_id, e.course_id
		ORDER BY m.team_id, e.course_id`, pq.Array(teamIDs), s.today(), viewerID)
	if err != nil {
		return nil, fmt.Errorf("learning: progress of teams: %w", err)
	}
	grouped := postgres.GroupByKey(teamIDs, rows, func(r *row) int64 { return r.TeamID })
	out := make([][]CourseProgress, len(teamIDs))
	for i, g := range grouped {
		out[i] = make([]CourseProgress, len(g))
		for j, r := range g {
			out[i][j] = r.CourseProgress
		}
	}
	return out, nil
}

// CompletionsOf returns each employee's latest completion of every course
// they have completed at least once (whatever the enrolment's status now),
// ordered by course id. Requirement checks read these. Passes of assigned
// assessments are not course completions and are left out.
func (s *Store) CompletionsOf(ctx context.Context, employeeIDs []int64) ([][]Completion, error) {
	var rows []*Completion
	err := s.db.SelectContext(ctx, &rows, `
		SELECT employee_id, course_id, last_completed_at, valid_until
		FROM enrollments
		WHERE employee_id = ANY($1) AND last_completed_at IS NOT NULL AND course_id IS NOT NULL
		ORDER BY employee_id, course_id`, pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("learning: completions: %w", err)
	}
	grouped := postgres.GroupByKey(employeeIDs, rows, func(c *Completion) int64 { return c.EmployeeID })
	out := make([][]Completion, len(employeeIDs))
	for i, g := range grouped {
		out[i] = make([]Completion, len(g))
		for j, c := range g {
			out[i][j] = *c
		}
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// LearnersOf reports, for each employee, whether ownerID is a trainer of
// theirs (people.TrainerOfSQL): the employee is in ownerID's training scope
// and enrolled (in any status) in a course ownerID owns. That lets ownerID
// read their development record and rate them. An enrolment alone does not
// (HR may enrol an outsider in anyone's course, anyone may enrol
// themself), nor does an enrolment in an assessment ownerID owns. One
// statement for any number of employees.
func (s *Store) LearnersOf(ctx context.Context, ownerID int64, employeeIDs []int64) ([]bool, error) {
	var ids []int64
	err := s.db.SelectContext(ctx, &ids, `
		SELECT x.id FROM unnest($2::bigint[]) AS x (id)
		WHERE `+people.TrainerOfSQL("$1::bigint", "x.id"), ownerID, pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("learning: learners of: %w", err)
	}
	out := make([]bool, len(employeeIDs))
	for i, id := range employeeIDs {
		out[i] = slices.Contains(ids, id)
	}
	return out, nil
}
