package graph

import (
	"time"

	"github.com/rungs/rungs/graph/model"
)

// complexity prices list fields by the number of items they can return, so
// the limit in NewHandler bounds the rows a query can ask for, not just its
// field count. Paged lists cost their page size; unpaged ones a fixed
// estimate of their usual length.
func complexity() ComplexityRoot {
	var c ComplexityRoot
	c.Query.Employees = func(child int, _ *model.EmployeeFilter, first *int, _ *string) int {
		return 1 + pageCost(first, 20)*child
	}
	c.Team.Members = func(child int, first *int, _ *string) int {
		return 1 + pageCost(first, 50)*child
	}
	// A span of control rarely passes ten; a history rarely twenty events.
	c.Employee.Reports = func(child int) int { return 1 + 10*child }
	c.Employee.History = func(child int) int { return 1 + 20*child }
	// A trainer serves a handful of teams and positions.
	c.Employee.TrainingScope = func(child int) int { return 1 + 10*child }
	c.Query.Teams = func(child int) int { return 1 + 10*child }
	// Public and read from the database: priced so that an anonymous
	// request cannot alias it into hundreds of statements (at most 24).
	c.Query.ServerInfo = func(child int) int { return 200 + child }
	c.Query.Positions = func(child int, _ *int64, _ *bool) int { return 1 + 20*child }

	// Learning records: paged lists cost their page; the rest an estimate
	// of their usual length (a learner's list, a month of samples, two
	// years of monthly KPIs).
	c.Query.Courses = func(child int, _ *model.CourseFilter, first *int, _ *string) int {
		return 1 + pageCost(first, 20)*child
	}
	c.Query.Notifications = func(child int, first *int, _ *string, _ *bool) int {
		return 1 + pageCost(first, 20)*child
	}
	c.Employee.Enrollments = func(child int, _ []model.EnrollmentStatus) int { return 1 + 20*child }
	c.Employee.SessionRegistrations = func(child int) int { return 1 + 5*child }
	c.Employee.Attempts = func(child int) int { return 1 + 20*child }
	c.Employee.Scorecards = func(child int) int { return 1 + 20*child }
	c.Employee.Kpis = func(child int, _, _ time.Time) int { return 1 + 24*child }
	c.Employee.PerformanceRatings = func(child int) int { return 1 + 4*child }
	c.Team.Progress = func(child int) int { return 1 + 20*child }
	c.Course.Modules = func(child int) int { return 1 + 8*child }
	c.Course.Sessions = func(child int, _ *bool) int { return 1 + 5*child }
	c.Course.Feedback = func(child int) int { return 1 + 20*child }
	c.Query.Assessments = func(child int, _, _ *int64) int { return 1 + 20*child }
	c.Query.GradingQueue = func(child int) int { return 1 + 20*child }
	c.Query.Calibrations = func(child int, _ int64) int { return 1 + 20*child }
	// Answered one item at a time (an analysis, an explanation, a what-if):
	// priced so a query cannot ask them for a long list.
	c.Course.TrainingEffect = func(child int, _ []string, _ *int) int { return 200 + 6*child }
	c.Employee.CompetencyEvidence = func(child int, _ int64) int { return 100 + 20*child }
	c.Employee.Readiness = func(child int, _ int64, assume []int64) int {
		if len(assume) > 0 {
			return 200 + 5*child
		}
		return 1 + 5*child
	}
	return c
}
