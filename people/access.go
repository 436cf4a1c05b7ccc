package people

import "github.com/rungs/rungs/auth"

// visibleCTE is the visibility rule of the package comment in SQL, so
// lists, loaders and single reads share one rule and nothing is filtered
// after the fact: below (the viewer's reporting subtree and themself),
// above (their chain of managers) and scoped (the people of their training
// scope, scopes.go). Nothing a viewer did (enrolments, registrations,
// scorecards, attempts) is part of it.
//
// It takes the viewer's employee id as $1 and defines `visible(id)`.
// Queries use it as `($2 OR e.id IN (SELECT id FROM visible))` with $2 the
// viewer's see-everyone flag.
var visibleCTE = `
WITH RECURSIVE below (id) AS (
    SELECT $1::bigint
    UNION
    SELECT e.id FROM employees e JOIN below b ON e.manager_id = b.id
), above (id) AS (
    SELECT manager_id FROM employees WHERE id = $1 AND manager_id IS NOT NULL
    UNION
    SELECT e.manager_id FROM employees e JOIN above a ON e.id = a.id WHERE e.manager_id IS NOT NULL
), scoped (id) AS (
    ` + scopeMembersSQL("$1") + `
), visible (id) AS (
    SELECT id FROM below UNION SELECT id FROM above UNION SELECT id FROM scoped
)`

// viewerArgs are the first two arguments of every visibility-checked query.
func viewerArgs(v *auth.Viewer) []any {
	if v == nil {
		return []any{int64(0), false}
	}
	return []any{v.EmployeeID, v.SeesEveryone()}
}

// ManagesSQL is a SQL condition that holds when the employee given by the
// expression employee (a column or a placeholder) reports, directly or up
// the line, to the employee given by manager. Packages that keep records
// about people (scorecards, ratings, attempts) use it to give the
// reporting line its rights in the same statement that reads the rows:
//
//	WHERE s.employee_id = $1 OR `+people.ManagesSQL("$1", "s.employee_id")+`
func ManagesSQL(manager, employee string) string {
	return `EXISTS (
		WITH RECURSIVE up (id) AS (
			SELECT manager_id FROM employees WHERE id = ` + employee + ` AND manager_id IS NOT NULL
			UNION
			SELECT e.manager_id FROM employees e JOIN up ON e.id = up.id WHERE e.manager_id IS NOT NULL
		)
		SELECT 1 FROM up WHERE id = ` + manager + `)`
}
