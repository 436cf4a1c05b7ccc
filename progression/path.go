package progression

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/progression/pathplan"
)

// Path is one employee's learning path to a position: the solver's plan
// with the gap it closes and the finish date at their weekly budget.
type Path struct {
	EmployeeID  int64
	PositionID  int64
	Gap         *Gap
	Plan        *pathplan.Plan
	WeeklyHours float64
	// FinishOn is when the courses would be done; zero when nothing is left.
	FinishOn time.Time
}

// catalogue is the published catalogue as the solver sees it, read once
// for any number of employees.
type catalogue struct {
	courses []pathplan.Course
	byID    map[int64]int
}

// LearningPaths plans the way to one position for each employee, with a
// fixed number of statements however many there are: the gaps (Gaps), the
// catalogue (three statements), everyone's enrolments and budgets.
// weekly gives each employee's study budget (hours per week).
func (s *Service) LearningPaths(ctx context.Context, emps []*people.Employee, positionID int64,
	weekly func(context.Context, []int64) ([]float64, error)) ([]*Path, error) {
	gaps, err := s.Gaps(ctx, emps, positionID)
	if err != nil {
		return nil, err
	}
	cat, err := s.catalogue(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(emps))
	for i, e := range emps {
		ids[i] = e.ID
	}
	enrolments, err := s.Learning.EnrollmentsOf(ctx, ids, nil)
	if err != nil {
		return nil, fmt.Errorf("progression: paths: %w", err)
	}
	budgets, err := weekly(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("progression: paths: %w", err)
	}
	now := s.Now()
	out := make([]*Path, len(emps))
	for i, g := range gaps {
		in := pathplan.Input{Courses: cat.forLearner(enrolments[i], now)}
		for _, c := range g.Competencies {
			if !c.Met {
				in.Gaps = append(in.Gaps, pathplan.Gap{CompetencyID: c.CompetencyID, Current: c.Current, Required: c.Required})
			}
		}
		for _, c := range g.Checks {
			switch {
			case c.Met:
			case c.Kind == ladder.KindCourse || c.Kind == ladder.KindCertification:
				in.RequiredCourses = append(in.RequiredCourses, c.Requirement.CourseID.Int64)
			default:
				in.Other = append(in.Other, pathplan.OtherNeed{Kind: c.Kind, RequirementID: c.Requirement.ID, Description: describe(c)})
			}
		}
		plan, err := pathplan.Solve(in)
		if err != nil {
			return nil, fmt.Errorf("progression: path of employee %d: %w", g.EmployeeID, err)
		}
		p := &Path{EmployeeID: g.EmployeeID, PositionID: positionID, Gap: g, Plan: plan, WeeklyHours: budgets[i]}
		if plan.TotalHours > 0 {
			if p.FinishOn, err = plan.Finish(now, budgets[i]); err != nil {
				return nil, err
			}
		}
		out[i] = p
	}
	return out, nil
}

// describe says in words what a requirement no course meets asks for.
func describe(c Check) string {
	switch c.Kind {
	case ladder.KindMonthsInPosition:
		return fmt.Sprintf("%.0f months in the current position (now %.0f)", c.Required, c.Actual)
	case ladder.KindPerformanceRating:
		if !c.Known {
			return fmt.Sprintf("a performance rating of at least %.1f (none yet)", c.Required)
		}
		return fmt.Sprintf("a performance rating of at least %.1f (now %.1f)", c.Required, c.Actual)
	case ladder.KindKPI:
		code := "KPI"
		if c.KPI != nil {
			code = c.KPI.Code
		}
		if !c.Known {
			return fmt.Sprintf("%s of %.2f over the last %d months (no data yet)", code, c.Required, c.Requirement.KPIMonths.Int64)
		}
		return fmt.Sprintf("%s of %.2f over the last %d months (now %.2f)", code, c.Required, c.Requirement.KPIMonths.Int64, c.Actual)
	}
	return c.Kind
}

// catalogue reads every published course with its competency links and
// prerequisites: three statements.
func (s *Service) catalogue(ctx context.Context) (*catalogue, error) {
	var rows []struct {
		ID    int64   `db:"id"`
		Code  string  `db:"code"`
		Hours float64 `db:"estimated_hours"`
	}
	if err := s.DB.SelectContext(ctx, &rows, `
		SELECT id, code, estimated_hours FROM courses WHERE status = 'PUBLISHED' ORDER BY code`); err != nil {
		return nil, fmt.Errorf("progression: catalogue: %w", err)
	}
	cat := &catalogue{byID: map[int64]int{}}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		cat.byID[r.ID] = i
		ids[i] = r.ID
		cat.courses = append(cat.courses, pathplan.Course{ID: r.ID, Code: r.Code, Hours: r.Hours})
	}
	var links []struct {
		CourseID     int64 `db:"course_id"`
		CompetencyID int64 `db:"competency_id"`
		Entry        int   `db:"entry_level"`
		Target       int   `db:"target_level"`
	}
	if err := s.DB.SelectContext(ctx, &links, `
		SELECT course_id, competency_id, entry_level, target_level FROM course_competencies
		WHERE course_id = ANY($1) ORDER BY course_id, competency_id`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("progression: catalogue links: %w", err)
	}
	for _, l := range links {
		c := &cat.courses[cat.byID[l.CourseID]]
		c.Links = append(c.Links, pathplan.Link{CompetencyID: l.CompetencyID, Entry: l.Entry, Target: l.Target})
	}
	var pres []struct {
		CourseID int64 `db:"course_id"`
		PrereqID int64 `db:"prerequisite_id"`
		Enforced bool  `db:"enforced"`
	}
	if err := s.DB.SelectContext(ctx, &pres, `
		SELECT course_id, prerequisite_id, enforced FROM course_prerequisites
		WHERE course_id = ANY($1) ORDER BY course_id, prerequisite_id`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("progression: catalogue prerequisites: %w", err)
	}
	for _, p := range pres {
		c := &cat.courses[cat.byID[p.CourseID]]
		c.Prereqs = append(c.Prereqs, pathplan.Prereq{CourseID: p.PrereqID, Enforced: p.Enforced})
	}
	return cat, nil
}

// forLearner is the catalogue with one learner's standing in each course:
// completed (and, for a certification, still valid), or in progress with
// the share of modules done.
func (c *catalogue) forLearner(es []*learning.Enrollment, now time.Time) []pathplan.Course {
	out := make([]pathplan.Course, len(c.courses))
	copy(out, c.courses)
	for _, e := range es {
		if !e.CourseID.Valid {
			continue
		}
		i, ok := c.byID[e.CourseID.Int64]
		if !ok {
			continue
		}
		switch {
		case e.Status == learning.StatusCompleted && (!e.ValidUntil.Valid || !e.ValidUntil.Time.Before(now.Truncate(24*time.Hour))):
			out[i].Status = pathplan.Completed
		case e.Status == learning.StatusInProgress:
			out[i].Status = pathplan.InProgress
			out[i].Progress = float64(e.PercentComplete()) / 100
		}
	}
	return out
}
