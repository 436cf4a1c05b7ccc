package courses

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// MaxCommentLength is the longest feedback comment, in characters.
const MaxCommentLength = 4000

// FeedbackSummaries returns the number and mean of the ratings of each
// course, in key order; a course without feedback gets Count 0, Average 0.
// Ratings are aggregate and anonymous, so no viewer is needed.
func (s *Store) FeedbackSummaries(ctx context.Context, courseIDs []int64) ([]FeedbackSummary, error) {
	var rows []*FeedbackSummary
	err := s.db.SelectContext(ctx, &rows, `
		SELECT course_id, count(*) AS count, avg(rating)::float8 AS average
		FROM course_feedback WHERE course_id = ANY($1) GROUP BY course_id`, pq.Array(courseIDs))
	if err != nil {
		return nil, fmt.Errorf("courses: feedback summaries: %w", err)
	}
	ordered := postgres.InKeyOrder(courseIDs, rows, func(f *FeedbackSummary) int64 { return f.CourseID })
	out := make([]FeedbackSummary, len(courseIDs))
	for i, f := range ordered {
		if f != nil {
			out[i] = *f
		} else {
			out[i] = FeedbackSummary{CourseID: courseIDs[i]}
		}
	}
	return out, nil
}

// FeedbackOf returns the feedback on each course that v may read, newest
// first: the course's owner, HR and admins read all of it; anyone else only
// their own. Courses hidden from v yield nothing.
func (s *Store) FeedbackOf(ctx context.Context, v *auth.Viewer, courseIDs []int64) ([][]*Feedback, error) {
	var fs []*Feedback
	err := s.db.SelectContext(ctx, &fs, `
		SELECT f.* FROM course_feedback f JOIN courses c ON c.id = f.course_id
		WHERE f.course_id = ANY($3) AND `+visibleSQL+`
		  AND ($2 OR c.owner_id = $1 OR f.employee_id = $1)
		ORDER BY f.course_id, f.updated_at DESC, f.employee_id`,
		append(viewerArgs(v), pq.Array(courseIDs))...)
	if err != nil {
		return nil, fmt.Errorf("courses: feedback: %w", err)
	}
	return postgres.GroupByKey(courseIDs, fs, func(f *Feedback) int64 { return f.CourseID }), nil
}

// LeaveFeedback records by's rating (1..5) and comment on a course, or
// replaces the one they left before. Only a learner who has completed the
// course may rate it (a completion survives a later re-open, so the
// latest completion counts: enrollments.last_completed_at).
func (s *Store) LeaveFeedback(ctx context.Context, by *auth.Viewer, courseID int64, rating int, comment string) (*Feedback, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	comment = strings.TrimSpace(comment)
	var v rungs.Validation
	v.Check(rating >= 1 && rating <= 5, "rating", "course.feedback.rating_range", "rating must be between 1 and 5")
	v.Check(utf8.RuneCountInString(comment) <= MaxCommentLength, "comment", "course.feedback.comment_too_long",
		"comment is at most %d characters", MaxCommentLength)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var f Feedback
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var completed bool
		err := tx.GetContext(ctx, &completed, `
			SELECT EXISTS (SELECT 1 FROM enrollments e
			               WHERE e.course_id = c.id AND e.employee_id = $1 AND e.last_completed_at IS NOT NULL)
			FROM courses c WHERE c.id = $3 AND `+visibleSQL,
			append(viewerArgs(by), courseID)...)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(courseID)
		} else if err != nil {
			return err
		}
		if !completed {
			return rungs.Errorf(rungs.ErrForbidden, "course.feedback.not_completed",
				"only learners who have completed the course can leave feedback")
		}
		now := s.Now()
		return tx.GetContext(ctx, &f, `
			INSERT INTO course_feedback (course_id, employee_id, rating, comment, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)
			ON CONFLICT (course_id, employee_id) DO UPDATE
			SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at
			RETURNING *`, courseID, by.EmployeeID, rating, comment, now)
	})
	if err != nil {
		return nil, wrap("leave feedback", err)
	}
	return &f, nil
}
