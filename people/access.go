package people

import "github.com/rungs/rungs/auth"

// Who may see whom, decided in SQL so lists, loaders and single reads share
// one rule and nothing is filtered after the fact:
//
//   - everyone sees themself;
//   - manager rights come from the reporting line, not from the MANAGER
//     role: a viewer sees their whole reporting subtree;
//   - a viewer sees their own chain of managers (whom they report to);
//   - a trainer sees the learners enrolled in the courses they own (any
//     enrolment status: a withdrawn learner's record stays readable to the
//     owner), the people registered in their sessions, the people who took
//     their tests, and an assessor the people they scored with a rubric;
//   - HR and admins see everyone.
//
// visibleCTE takes the viewer's employee id as $1 and defines `visible(id)`.
// Queries use it as `($2 OR e.id IN (SELECT id FROM visible))` with $2 the
// viewer's see-everyone flag.
const visibleCTE = `
WITH RECURSIVE below (id) AS (
    SELECT $1::bigint
    UNION
    SELECT e.id FROM employees e JOIN below b ON e.manager_id = b.id
), above (id) AS (
    SELECT manager_id FROM employees WHERE id = $1 AND manager_id IS NOT NULL
    UNION
    SELECT e.manager_id FROM employees e JOIN above a ON e.id = a.id WHERE e.manager_id IS NOT NULL
), learners (id) AS (
    SELECT en.employee_id FROM enrollments en JOIN courses c ON c.id = en.course_id WHERE c.owner_id = $1
    UNION
    SELECT r.employee_id FROM session_registrations r JOIN course_sessions s ON s.id = r.session_id
    WHERE s.trainer_id = $1
    UNION
    SELECT employee_id FROM scorecards WHERE assessor_id = $1
    UNION
    SELECT t.employee_id FROM attempts t JOIN assessments a ON a.id = t.assessment_id WHERE a.owner_id = $1
), visible (id) AS (
    SELECT id FROM below UNION SELECT id FROM above UNION SELECT id FROM learners
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
