package learning

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/rungs/rungs/postgres"
)

// CompleteIfReady completes employeeID's enrolment in courseID inside the
// caller's transaction q when it is IN_PROGRESS with every module of the
// course ticked: the moment a learner passes the course's final test
// (package assessment calls it), the completion that completionBlocked held
// back goes through. It runs the same completion as every other path, so
// the event, the validity and the COURSE evidence are written the same way;
// the event's actor is the system (NULL), now its time. It reports whether
// it completed the enrolment; an enrolment that is not ready, or any
// final test still unpassed, leaves everything as it was.
func CompleteIfReady(ctx context.Context, q postgres.Queryer, now time.Time, employeeID, courseID int64) (bool, error) {
	var ids []int64
	err := q.SelectContext(ctx, &ids, `
		SELECT e.id FROM enrollments e
		WHERE e.employee_id = $1 AND e.course_id = $2 AND e.status = 'IN_PROGRESS'
		  AND NOT EXISTS (SELECT 1 FROM course_modules m
		                  WHERE m.course_id = e.course_id
		                    AND NOT EXISTS (SELECT 1 FROM module_progress p WHERE p.enrollment_id = e.id AND p.module_id = m.id))
		FOR UPDATE OF e`, employeeID, courseID)
	if err != nil {
		return false, fmt.Errorf("learning: complete if ready: %w", err)
	}
	if len(ids) == 0 {
		return false, nil
	}
	s := &Store{Now: func() time.Time { return now }}
	done, err := s.complete(ctx, q, sql.NullInt64{}, ids, "final test passed")
	if err != nil {
		return false, fmt.Errorf("learning: complete if ready: %w", err)
	}
	return len(done) > 0, nil
}
