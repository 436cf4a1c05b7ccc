package graph

import "github.com/rungs/rungs/graph/model"

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
	c.Query.Teams = func(child int) int { return 1 + 10*child }
	c.Query.Positions = func(child int, _ *int64, _ *bool) int { return 1 + 20*child }
	return c
}
