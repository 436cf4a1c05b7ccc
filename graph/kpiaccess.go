package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/progression"
)

// Individual KPI results are read by the employee, their reporting line,
// HR and admins: kpi.Store.RecordsOf applies the rule to Employee.kpis.
// A trainer may read a learner's development record (levels, evidence,
// gaps, paths), where KPI values appear too: as the score of KPI evidence,
// as the actual of a KPI requirement. mayReadKPIs is the same rule for
// those fields, which then read null (or the rule without the value) for
// her.

// mayReadKPIs reports whether the viewer may read employeeID's individual
// KPI values.
func mayReadKPIs(ctx context.Context, employeeID int64) (bool, error) {
	v := auth.ViewerFromContext(ctx)
	switch {
	case v == nil:
		return false, nil
	case v.EmployeeID == employeeID || kpi.MayReadAll(v):
		return true, nil
	}
	return LoadersFromContext(ctx).Manages.Load(ctx, employeeID)()
}

// mayReadKPIsAbove reports whether the viewer may read the KPI values of
// a requirement check or a learning-path step being resolved: their
// employee is that of the gap analysis or the learning path above them in
// the response. Without one the values are withheld.
func mayReadKPIsAbove(ctx context.Context) (bool, error) {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		switch x := fc.Result.(type) {
		case *progression.Gap:
			if x != nil {
				return mayReadKPIs(ctx, x.EmployeeID)
			}
		case *progression.Path:
			if x != nil {
				return mayReadKPIs(ctx, x.EmployeeID)
			}
		}
	}
	return false, nil
}
