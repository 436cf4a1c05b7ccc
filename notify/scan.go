package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/jobs"
	"github.com/rungs/rungs/postgres"
)

// DueSoonDays is how many days ahead of its due date an open enrolment
// gets its DUE_SOON notice.
const DueSoonDays = 3

// ScanDue writes the scheduled notices due on today (a date; the time of
// day is ignored): DUE_SOON for every open (ASSIGNED or IN_PROGRESS)
// enrolment of an active employee due between today and DueSoonDays later,
// OVERDUE for every one due before today. An enrolment in a course gets the
// course_* params, one in an assessment the assessment_* params. Each exists once per enrolment
// cycle, keyed 'DUE_SOON:<enrollment>:<cycle>' and 'OVERDUE:<enrollment>:<cycle>';
// a re-opened enrolment (next cycle) gets fresh ones. It returns how many
// it created.
//
// One statement. The unique dedupe_key makes it safe to run repeatedly and
// from many processes at once: a concurrent scanner's insert of the same key
// waits for the first to commit and then does nothing. Rows are inserted in
// enrolment order so two scanners take those waits in the same order and
// never deadlock.
func (s *Store) ScanDue(ctx context.Context, q postgres.Queryer, today time.Time) (created int, err error) {
	res, err := q.ExecContext(ctx, `
		INSERT INTO notifications (recipient_id, kind, params, dedupe_key)
		SELECT due.employee_id, due.kind,
		       CASE WHEN due.course_id IS NOT NULL
		           THEN jsonb_build_object('course_id', c.id, 'course_code', c.code,
		               'course_title_en', c.title_en, 'course_title_zh', c.title_zh)
		           ELSE jsonb_build_object('assessment_id', a.id, 'assessment_code', a.code,
		               'assessment_title_en', a.title_en, 'assessment_title_zh', a.title_zh)
		       END || jsonb_build_object(
		           'due_on', to_char(due.due_on, 'YYYY-MM-DD'),
		           'enrollment_id', due.id, 'cycle', due.cycle),
		       due.kind || ':' || due.id || ':' || due.cycle
		FROM (
		    SELECT en.id, en.cycle, en.employee_id, en.course_id, en.assessment_id, en.due_on,
		           CASE WHEN en.due_on < $1::date THEN 'OVERDUE' ELSE 'DUE_SOON' END AS kind
		    FROM enrollments en
		    WHERE en.status IN ('ASSIGNED', 'IN_PROGRESS')
		      AND en.due_on <= $1::date + $2::integer
		) due
		-- An enrolment is in a course or in an assessment (migration 00015).
		LEFT JOIN courses c ON c.id = due.course_id
		LEFT JOIN assessments a ON a.id = due.assessment_id
		JOIN employees e ON e.id = due.employee_id AND e.status = 'ACTIVE'
		ORDER BY due.id
		ON CONFLICT (dedupe_key) DO NOTHING`,
		today.Format(time.DateOnly), DueSoonDays)
	if err != nil {
		return 0, fmt.Errorf("notify: scan due: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("notify: scan due: %w", err)
	}
	return int(n), nil
}

// Job names in job_schedule.
const (
	JobScanDue   = "notify.scan-due"
	JobSendEmail = "notify.send-email"
)

// Jobs returns the background jobs of notifications for a jobs.Runner: the
// due scan every 15 minutes and, when mailer is not nil (SMTP configured),
// the e-mail sender every 30 seconds.
func (s *Store) Jobs(mailer *Mailer) []jobs.Job {
	js := []jobs.Job{{
		Name:  JobScanDue,
		Every: 15 * time.Minute,
		Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
			_, err := s.ScanDue(ctx, tx, s.today(now))
			return err
		},
	}}
	if mailer != nil {
		js = append(js, jobs.Job{
			Name:  JobSendEmail,
			Every: 30 * time.Second,
			Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
				_, err := mailer.SendPending(ctx, tx, now)
				return err
			},
		})
	}
	return js
}

// today is the calendar date of now where the organisation is.
func (s *Store) today(now time.Time) time.Time {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
