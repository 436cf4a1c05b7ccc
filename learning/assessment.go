package learning

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rungs/rungs/postgres"
)

// The steps of an assessment enrolment, taken by package assessment inside
// its own transactions (q): the attempt and the enrolment change together
// or not at all. They check no access: the caller already decided that
// employeeID is taking (or has passed) the assessment.

// AssessmentCycle returns the cycle of employeeID's open (ASSIGNED or
// IN_PROGRESS) enrolment in assessmentID, or 0 when they have none, and
// locks that enrolment for the rest of q's transaction so a concurrent
// withdrawal or completion waits. Package assessment counts only the
// attempts of this cycle while it is open.
func AssessmentCycle(ctx context.Context, q postgres.Queryer, employeeID, assessmentID int64) (int, error) {
	var cycle int
	err := q.GetContext(ctx, &cycle, `
		SELECT cycle FROM enrollments
		WHERE employee_id = $1 AND assessment_id = $2 AND status IN ('ASSIGNED', 'IN_PROGRESS')
		FOR UPDATE`, employeeID, assessmentID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("learning: assessment cycle: %w", err)
	}
	return cycle, nil
}

// StartAssessment moves employeeID's ASSIGNED enrolment in assessmentID to
// IN_PROGRESS, started at now, with an event whose actor is the learner:
// they started an attempt. It reports whether there was one to move; an
// enrolment already in progress, closed, or absent is left as it is.
func StartAssessment(ctx context.Context, q postgres.Queryer, now time.Time, employeeID, assessmentID int64) (bool, error) {
	var n int
	err := q.GetContext(ctx, &n, `
		WITH started AS (
			UPDATE enrollments SET status = 'IN_PROGRESS', started_at = $3, updated_at = now()
			WHERE employee_id = $1 AND assessment_id = $2 AND status = 'ASSIGNED'
			RETURNING id, cycle
		), ev AS (
			INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
			SELECT id, cycle, 'ASSIGNED', 'IN_PROGRESS', $1, 'attempt started' FROM started
		)
		SELECT count(*) FROM started`, employeeID, assessmentID, now)
	if err != nil {
		return false, fmt.Errorf("learning: start assessment: %w", err)
	}
	return n > 0, nil
}

// CompleteAssessment completes employeeID's open enrolment in assessmentID
// the moment they pass it (package assessment calls it in the transaction
// that grades the passing attempt). It runs the same completion as every
// other path: the event (actor: the system, NULL), the completion dates,
// and valid_until from the assignment's recurrence (none: the pass never
// expires). No COURSE evidence: the attempt wrote ASSESSMENT evidence. It
// reports whether it completed an enrolment; with none open it does
// nothing.
func CompleteAssessment(ctx context.Context, q postgres.Queryer, now time.Time, employeeID, assessmentID int64) (bool, error) {
	var ids []int64
	err := q.SelectContext(ctx, &ids, `
		SELECT id FROM enrollments
		WHERE employee_id = $1 AND assessment_id = $2 AND status IN ('ASSIGNED', 'IN_PROGRESS')
		FOR UPDATE`, employeeID, assessmentID)
	if err != nil {
		return false, fmt.Errorf("learning: complete assessment: %w", err)
	}
	if len(ids) == 0 {
		return false, nil
	}
	s := &Store{Now: func() time.Time { return now }}
	done, err := s.complete(ctx, q, sql.NullInt64{}, ids, "assessment passed")
	if err != nil {
		return false, fmt.Errorf("learning: complete assessment: %w", err)
	}
	return len(done) > 0, nil
}
