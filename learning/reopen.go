package learning

import (
	"context"
	"time"

	"github.com/rungs/rungs/postgres"
)

// ReopenDueDays is how long a learner gets to redo a course (or pass an
// assessment again) whose completion expired.
const ReopenDueDays = 30

// ReopenExpired re-opens, in one statement through q, every completed
// enrolment whose validity ended before today and whose assignment is
// still active (a self-enrolment or an ended assignment just lapses: the
// expired completion stays on record). Each goes back to ASSIGNED in the
// next cycle, due in ReopenDueDays, with its module ticks cleared, an
// 'expired' event and an ASSIGNMENT_REOPENED notification (course_* params
// for a course, assessment_* for an assessment, which then needs a new
// pass: see package assessment). It returns how many it re-opened.
//
// Safe to run twice or from several processes at once: rows are claimed
// FOR UPDATE SKIP LOCKED and the update re-checks the status, so a row
// another run is re-opening or has re-opened is left alone; the
// notification's dedupe key ('ASSIGNMENT_REOPENED:<enrollment>:<cycle>')
// guards the notice as well.
func (s *Store) ReopenExpired(ctx context.Context, q postgres.Queryer, today time.Time) (int, error) {
	var n int
	err := q.GetContext(ctx, &n, `
		WITH due AS (
			SELECT e.id
			FROM enrollments e
			JOIN assignments a ON a.id = e.assignment_id AND a.ended_at IS NULL
			WHERE e.status = 'COMPLETED' AND e.valid_until < $1::date
			FOR UPDATE OF e SKIP LOCKED
		), reopened AS (
			UPDATE enrollments e
			SET status = 'ASSIGNED', cycle = e.cycle + 1, due_on = $1::date + $2::int,
			    started_at = NULL, completed_at = NULL, updated_at = now()
			FROM due
			WHERE e.id = due.id AND e.status = 'COMPLETED'
			RETURNING e.id, e.employee_id, e.course_id, e.assessment_id, e.assignment_id, e.cycle, e.due_on
		), cleared AS (
			DELETE FROM module_progress mp USING reopened r WHERE mp.enrollment_id = r.id
		), ev AS (
			INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note)
			SELECT r.id, r.cycle, 'COMPLETED', 'ASSIGNED', NULL, 'expired' FROM reopened r
		), notified AS (
			INSERT INTO notifications (recipient_id, kind, params, dedupe_key)
			SELECT r.employee_id, 'ASSIGNMENT_REOPENED',
			       CASE WHEN r.course_id IS NOT NULL
			           THEN jsonb_build_object('course_id', c.id, 'course_code', c.code,
			               'course_title_en', c.title_en, 'course_title_zh', c.title_zh)
			           ELSE jsonb_build_object('assessment_id', s.id, 'assessment_code', s.code,
			               'assessment_title_en', s.title_en, 'assessment_title_zh', s.title_zh)
			       END || jsonb_build_object(
			           'due_on', r.due_on, 'cycle', r.cycle, 'reason', a.reason,
			           'assignment_id', r.assignment_id, 'enrollment_id', r.id),
			       'ASSIGNMENT_REOPENED:' || r.id || ':' || r.cycle
			FROM reopened r
			LEFT JOIN courses c ON c.id = r.course_id
			LEFT JOIN assessments s ON s.id = r.assessment_id
			JOIN assignments a ON a.id = r.assignment_id
			ON CONFLICT (dedupe_key) DO NOTHING
		)
		SELECT count(*) FROM reopened`, dateOf(today), ReopenDueDays)
	if err != nil {
		return 0, wrap("reopen expired", err)
	}
	return n, nil
}
