package development

import (
	"context"
	"fmt"
	"math"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
)

// SetStudyBudget sets how many hours a week the employee can study: 0.5 to
// 40, kept to one decimal. The employee sets their own; HR and admins may
// set anyone's (a manager may not: the budget is the employee's word on
// their own time). It returns the stored value.
func (s *Store) SetStudyBudget(ctx context.Context, by *auth.Viewer, employeeID int64, hours float64) (float64, error) {
	if err := auth.Require(by); err != nil {
		return 0, err
	}
	if by.EmployeeID != employeeID && !by.SeesEveryone() {
		return 0, forbidden("study_budget.forbidden", "only the employee or HR sets a study budget")
	}
	hours = math.Round(hours*10) / 10
	if math.IsNaN(hours) || hours < MinWeeklyHours || hours > MaxWeeklyHours {
		return 0, rungs.FieldError("weeklyHours", "study_budget.hours.range",
			"a weekly study budget is %.1f to %.0f hours", MinWeeklyHours, MaxWeeklyHours)
	}
	var stored float64
	// No row comes back for an unknown employee (NOT_FOUND), which only HR
	// can reach: everyone else may name only themself.
	err := s.db.GetContext(ctx, &stored, `
		INSERT INTO study_budgets (employee_id, weekly_hours, updated_by, updated_at)
		SELECT e.id, $2, $3, $4 FROM employees e WHERE e.id = $1
		ON CONFLICT (employee_id) DO UPDATE
		SET weekly_hours = EXCLUDED.weekly_hours, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
		RETURNING weekly_hours::float8`, employeeID, hours, by.EmployeeID, s.Now())
	if err != nil {
		return 0, wrap("set study budget", employeeNotFound(err, employeeID))
	}
	return stored, nil
}

// StudyBudgets returns each employee's weekly study hours in key order,
// DefaultWeeklyHours for those who never set one. A system read with no
// viewer: the path computation needs it after the caller checked who may
// see the employee.
func (s *Store) StudyBudgets(ctx context.Context, employeeIDs []int64) ([]float64, error) {
	type row struct {
		EmployeeID  int64   `db:"employee_id"`
		WeeklyHours float64 `db:"weekly_hours"`
	}
	var rows []row
	err := s.db.SelectContext(ctx, &rows, `
		SELECT employee_id, weekly_hours::float8 AS weekly_hours FROM study_budgets WHERE employee_id = ANY($1)`,
		pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("development: study budgets: %w", err)
	}
	byID := make(map[int64]float64, len(rows))
	for _, r := range rows {
		byID[r.EmployeeID] = r.WeeklyHours
	}
	out := make([]float64, len(employeeIDs))
	for i, id := range employeeIDs {
		if h, ok := byID[id]; ok {
			out[i] = h
		} else {
			out[i] = DefaultWeeklyHours
		}
	}
	return out, nil
}
