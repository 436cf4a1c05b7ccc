package graph

import (
	"context"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/people"
)

// Training scopes (package people, scopes.go) decide whom a trainer sees,
// assigns, registers and scores; HR and admins grant them here. A course or
// test owner reads their own records about learners outside their scope
// (a session's roster, an attempt to grade) with the learner's name only:
// learnerName, which skips the visibility rule because the record it
// hangs from was already checked, and opens no Employee.

// learnerName is the name of the employee a record the viewer may read is
// about.
func (r *Resolver) learnerName(ctx context.Context, employeeID int64) (*people.Name, error) {
	n, err := LoadersFromContext(ctx).Name.Load(ctx, employeeID)()
	if err == nil && n == nil {
		err = employeeNotFound(employeeID)
	}
	return n, err
}

// employeeNotFound is the NOT_FOUND of an employee who is missing or hidden
// (the two look the same).
func employeeNotFound(id int64) error {
	return rungs.Errorf(rungs.ErrNotFound, "employee.not_found", "employee %d not found", id)
}
