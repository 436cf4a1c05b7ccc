package development

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// maxPlanCourses bounds a plan's length: a path longer than this is not a
// plan anyone follows, and the bound keeps one adoption's statement small.
const maxPlanCourses = 200

// AdoptInput is a computed career path the employee takes on as their
// plan: the target position, the courses in the order to take them with
// the hours each counts, the total hours and the estimated finish date.
type AdoptInput struct {
	EmployeeID       int64
	TargetPositionID int64
	// Courses in order; PlanID and Position are ignored (the order is the
	// position).
	Courses    []PlanCourse
	TotalHours float64
	FinishOn   time.Time
}

// AdoptResult is the new plan and how many enrolments adopting it created
// (new ones and withdrawn ones re-opened).
type AdoptResult struct {
	Plan    *Plan
	Created int
}

// hoursSlack is how far the total may be from the sum of the courses'
// hours: float sums of remaining hours (2.333…) differ in the last digits,
// and a total shown to one decimal is still the same total.
const hoursSlack = 0.05

func (in *AdoptInput) validate(today time.Time) error {
	var v rungs.Validation
	v.Check(in.TargetPositionID != 0, "targetPositionId", "plan.target.required", "a plan leads to a position")
	v.Check(len(in.Courses) <= maxPlanCourses, "courses", "plan.courses.too_many", "a plan holds at most %d courses", maxPlanCourses)
	seen := make(map[int64]bool, len(in.Courses))
	var dup []int64
	var sum float64
	badHours := false
	for _, c := range in.Courses {
		if seen[c.CourseID] {
			dup = append(dup, c.CourseID)
		}
		seen[c.CourseID] = true
		if math.IsNaN(c.Hours) || c.Hours < 0 || c.Hours > 1000 {
			badHours = true
		}
		sum += c.Hours
	}
	v.Check(len(dup) == 0, "courses", "plan.courses.duplicate", "courses named twice: %s", joinIDs(dup))
	v.Check(!badHours, "courses", "plan.courses.hours.range", "a course counts 0 to 1000 hours")
	if math.IsNaN(in.TotalHours) || in.TotalHours < 0 || in.TotalHours > 100000 { // as the migration checks
		v.Add("totalHours", "plan.total_hours.range", "the total is 0 to 100000 hours")
	} else if !badHours {
		// Progress compares hours done with the total, so the total must be
		// what the courses add up to.
		v.Check(math.Abs(in.TotalHours-sum) <= hoursSlack, "totalHours", "plan.total_hours.mismatch",
			"the total (%.1f h) is not the sum of the courses' hours (%.1f h)", in.TotalHours, sum)
	}
	if in.FinishOn.IsZero() {
		v.Add("finishOn", "plan.finish_on.required", "a plan needs an estimated finish date")
	} else {
		v.Check(!dateOf(in.FinishOn).Before(today), "finishOn", "plan.finish_on.past", "the finish date must be today or later")
	}
	return v.Err()
}

// AdoptPlan makes a computed path the employee's plan. The employee adopts
// their own; HR and admins may adopt one for them (a manager may not: the
// plan commits the employee's time). In one transaction it marks the
// previous ACTIVE plan REPLACED, stores the plan and its courses, and
// enrols the employee in every course of the plan they are not enrolled in
// yet (ASSIGNED, self-enrolled, due on the finish date), re-opening a
// WITHDRAWN enrolment in a new cycle as package learning does. Open and
// completed enrolments are left as they are, so adopting again never
// enrols twice. Every course must be PUBLISHED and the target an existing
// position that is not archived.
func (s *Store) AdoptPlan(ctx context.Context, by *auth.Viewer, in AdoptInput) (*AdoptResult, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if by.EmployeeID != in.EmployeeID && !by.SeesEveryone() {
		return nil, forbidden("plan.adopt.forbidden", "only the employee or HR adopts a plan")
	}
	if err := in.validate(s.today()); err != nil {
		return nil, err
	}
	n := len(in.Courses)
	courseIDs, hours, prereq := make([]int64, n), make([]float64, n), make([]bool, n)
	for i, c := range in.Courses {
		courseIDs[i], hours[i], prereq[i] = c.CourseID, c.Hours, c.Prerequisite
	}
	now := s.Now()
	res := &AdoptResult{Plan: &Plan{}}
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The employee's row lock serialises two adoptions for the same
		// person: the second waits and then replaces the first.
		rel, err := relationTo(ctx, tx, by, in.EmployeeID, true)
		if err != nil {
			return err
		}
		if !(rel.Self || rel.HR) {
			return forbidden("plan.adopt.forbidden", "only the employee or HR adopts a plan")
		}
		if err := offboarded(rel); err != nil {
			return err
		}
		if err := checkPlanSubjects(ctx, tx, in.TargetPositionID, courseIDs); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE development_plans SET status = 'REPLACED', replaced_at = $2
			WHERE employee_id = $1 AND status = 'ACTIVE'`, in.EmployeeID, now); err != nil {
			return err
		}
		err = tx.GetContext(ctx, res.Plan, `
			INSERT INTO development_plans (employee_id, target_position_id, adopted_at, adopted_by, total_hours,
				weekly_hours, finish_on)
			VALUES ($1, $2, $3, $4, $5,
				coalesce((SELECT weekly_hours FROM study_budgets WHERE employee_id = $1), $7), $6)
			RETURNING *`,
			in.EmployeeID, in.TargetPositionID, now, by.EmployeeID, in.TotalHours, dateOf(in.FinishOn), DefaultWeeklyHours)
		if err != nil {
			return postgres.Translate(err, "the plan")
		}
		// The plan's courses, then the enrolments, the same shape as
		// learning.Assign writes: targets are the plan's courses with any
		// enrolment the employee already has; those with none are
		// inserted, WITHDRAWN ones re-opened in the next cycle with their
		// module ticks cleared, and every one created gets an ASSIGNED
		// event. Plan enrolments have no assignment: the employee chose
		// them (assignment_id NULL, as a self-enrolment).
		return tx.GetContext(ctx, &res.Created, `
			WITH pc AS (
				INSERT INTO plan_courses (plan_id, course_id, position, hours, prerequisite)
				SELECT $1, x.course_id, x.ord, x.hours, x.prerequisite
				FROM unnest($2::bigint[], $3::numeric[], $4::boolean[]) WITH ORDINALITY
				     AS x (course_id, hours, prerequisite, ord)
			), targets AS (
				SELECT x.course_id, old.id AS enrollment_id, old.status AS prior_status
				FROM unnest($2::bigint[]) AS x (course_id)
				LEFT JOIN enrollments old ON old.employee_id = $5 AND old.course_id = x.course_id
			), inserted AS (
				INSERT INTO enrollments (employee_id, course_id, status, due_on)
				SELECT $5, t.course_id, 'ASSIGNED', $6 FROM targets t WHERE t.enrollment_id IS NULL
				-- An enrolment another transaction made meanwhile stays as it is.
				ON CONFLICT (employee_id, course_id) DO NOTHING
				RETURNING id, cycle
			), reopened AS (
				UPDATE enrollments en
				SET status = 'ASSIGNED', assignment_id = NULL, due_on = $6, cycle = en.cycle + 1,
				    started_at = NULL, withdrawn_at = NULL, updated_at = now()
				FROM targets t
				WHERE en.id = t.enrollment_id AND t.prior_status = 'WITHDRAWN' AND en.status = 'WITHDRAWN'
				RETURNING en.id, en.cycle
			), created AS (
				SELECT id, cycle, NULL::text AS from_status FROM inserted
				UNION ALL
				SELECT id, cycle, 'WITHDRAWN' FROM reopened
			), cleared AS (
				DELETE FROM module_progress mp USING reopened r WHERE mp.enrollment_id = r.id
			), ev AS (
				INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
				SELECT id, cycle, from_status, 'ASSIGNED', $7, 'adopted plan' FROM created
			)
			SELECT count(*) FROM created`,
			res.Plan.ID, pq.Array(courseIDs), pq.Array(hours), pq.Array(prereq),
			in.EmployeeID, dateOf(in.FinishOn), by.EmployeeID)
	})
	if err != nil {
		return nil, wrap("adopt plan", err)
	}
	return res, nil
}

// checkPlanSubjects refuses a target position that does not exist or is
// archived, and courses that do not exist or are not PUBLISHED (nobody is
// enrolled in a draft or an archived course), listing all of them.
func checkPlanSubjects(ctx context.Context, tx *sqlx.Tx, positionID int64, courseIDs []int64) error {
	var check struct {
		Target bool          `db:"target"`
		Bad    pq.Int64Array `db:"bad"`
	}
	err := tx.GetContext(ctx, &check, `
		SELECT EXISTS (SELECT 1 FROM positions WHERE id = $1 AND archived_at IS NULL) AS target,
		       ARRAY(SELECT x.id FROM unnest($2::bigint[]) AS x (id)
		             LEFT JOIN courses c ON c.id = x.id AND c.status = 'PUBLISHED'
		             WHERE c.id IS NULL ORDER BY x.id) AS bad`,
		positionID, pq.Array(courseIDs))
	if err != nil {
		return err
	}
	var v rungs.Validation
	v.Check(check.Target, "targetPositionId", "plan.target.not_found", "position %d does not exist or is archived", positionID)
	v.Check(len(check.Bad) == 0, "courses", "plan.courses.unavailable", "unknown or unpublished courses: %s", joinIDs(check.Bad))
	return v.Err()
}

// PlansOf returns each employee's plans, the active one first, then the
// replaced ones newest first. The employee, their reporting line, HR and
// admins and a trainer of theirs see them; anyone else gets an empty slice.
func (s *Store) PlansOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64) ([][]*Plan, error) {
	viewer, all, trainer := readArgs(v)
	var rows []*Plan
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.* FROM development_plans p
		WHERE p.employee_id = ANY($1) AND `+canSeePlanning("p.employee_id")+`
		ORDER BY p.employee_id, p.status = 'ACTIVE' DESC, p.adopted_at DESC, p.id DESC`,
		pq.Array(employeeIDs), viewer, all, trainer)
	if err != nil {
		return nil, fmt.Errorf("development: plans of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(p *Plan) int64 { return p.EmployeeID }), nil
}

// PlansByIDs returns the plans with ids the viewer may see (as PlansOf),
// in key order, nil where none exists or the viewer may not see it.
func (s *Store) PlansByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Plan, error) {
	viewer, all, trainer := readArgs(v)
	var rows []*Plan
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.* FROM development_plans p WHERE p.id = ANY($1) AND `+canSeePlanning("p.employee_id"),
		pq.Array(ids), viewer, all, trainer)
	if err != nil {
		return nil, fmt.Errorf("development: plans by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(p *Plan) int64 { return p.ID }), nil
}

// PlanCoursesOf returns each plan's courses in order. It checks no access:
// callers reach it through a plan they were allowed to read.
func (s *Store) PlanCoursesOf(ctx context.Context, planIDs []int64) ([][]*PlanCourse, error) {
	var rows []*PlanCourse
	err := s.db.SelectContext(ctx, &rows, `
		SELECT plan_id, course_id, position, hours::float8 AS hours, prerequisite
		FROM plan_courses WHERE plan_id = ANY($1) ORDER BY plan_id, position`, pq.Array(planIDs))
	if err != nil {
		return nil, fmt.Errorf("development: plan courses: %w", err)
	}
	return postgres.GroupByKey(planIDs, rows, func(c *PlanCourse) int64 { return c.PlanID }), nil
}

// PlanProgress returns each plan's progress (see Progress), read from the
// employee's enrolments in one statement, in key order, nil for an unknown
// plan. It checks no access: callers reach it through a plan they were
// allowed to read. A replaced plan's progress is still computed, against
// today's enrolments.
func (s *Store) PlanProgress(ctx context.Context, planIDs []int64) ([]*Progress, error) {
	var rows []*Progress
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.id AS plan_id,
		       count(pc.course_id) AS courses_total,
		       count(*) FILTER (WHERE en.status = 'COMPLETED') AS courses_done,
		       count(*) FILTER (WHERE en.status = 'IN_PROGRESS') AS courses_in_progress,
		       count(pc.course_id) FILTER (WHERE en.status IS NULL OR en.status IN ('ASSIGNED', 'WITHDRAWN'))
		           AS courses_not_started,
		       coalesce(sum(pc.hours) FILTER (WHERE en.status = 'COMPLETED'), 0)::float8 AS hours_done,
		       p.total_hours::float8 AS hours_total
		FROM development_plans p
		LEFT JOIN plan_courses pc ON pc.plan_id = p.id
		LEFT JOIN enrollments en ON en.employee_id = p.employee_id AND en.course_id = pc.course_id
		WHERE p.id = ANY($1)
		GROUP BY p.id`, pq.Array(planIDs))
	if err != nil {
		return nil, fmt.Errorf("development: plan progress: %w", err)
	}
	return postgres.InKeyOrder(planIDs, rows, func(p *Progress) int64 { return p.PlanID }), nil
}
