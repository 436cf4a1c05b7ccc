package assessment

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// visibleSQL: a published or archived assessment is visible to everyone
// signed in; a draft only to its owner, HR and admins. $1 is the viewer's
// employee id (0: anonymous), $2 their see-everyone flag.
const visibleSQL = `($1::bigint <> 0 AND (a.status <> 'DRAFT' OR a.owner_id = $1::bigint OR $2::boolean))`

func viewerArgs(v *auth.Viewer) []any {
	if v == nil {
		return []any{int64(0), false}
	}
	return []any{v.EmployeeID, v.SeesEveryone()}
}

// attemptAccessSQL: who may read an attempt (t, joined to its assessment
// a). The learner; the assessment's owner; the learner's reporting line
// (anyone the learner reports to, directly or up the line); HR and admins.
// $1 and $2 as in visibleSQL.
var attemptAccessSQL = `($1::bigint <> 0 AND ($2::boolean OR t.employee_id = $1::bigint OR a.owner_id = $1::bigint OR ` +
	people.ManagesSQL("$1::bigint", "t.employee_id") + `))`

// AssessmentsByIDs returns the assessments with ids that v may see, in key
// order, nil for ids that do not exist or are hidden (drafts are seen by
// their owner, HR and admins only).
func (s *Store) AssessmentsByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Assessment, error) {
	var rows []*Assessment
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+assessmentCols+` FROM assessments a WHERE a.id = ANY($3) AND `+visibleSQL,
		append(viewerArgs(v), pq.Array(ids))...)
	if err != nil {
		return nil, fmt.Errorf("assessment: by ids: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(a *Assessment) int64 { return a.ID }), nil
}

// AssessmentsOfCourses returns, for each course id, the assessments
// attached to it that v may see: the final test first, then by code.
func (s *Store) AssessmentsOfCourses(ctx context.Context, v *auth.Viewer, courseIDs []int64) ([][]*Assessment, error) {
	var rows []*Assessment
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+assessmentCols+` FROM assessments a WHERE a.course_id = ANY($3) AND `+visibleSQL+`
		ORDER BY a.is_final DESC, a.code`,
		append(viewerArgs(v), pq.Array(courseIDs))...)
	if err != nil {
		return nil, fmt.Errorf("assessment: of courses: %w", err)
	}
	return postgres.GroupByKey(courseIDs, rows, func(a *Assessment) int64 { return a.CourseID.Int64 }), nil
}

// Filter narrows Assessments; zero fields do not filter.
type Filter struct {
	CourseID     int64
	CompetencyID int64 // assessments certifying this competency
	Status       string
}

// Assessments lists the assessments v may see that match f, by code.
func (s *Store) Assessments(ctx context.Context, v *auth.Viewer, f Filter) ([]*Assessment, error) {
	where := []string{visibleSQL}
	args := viewerArgs(v)
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, strings.ReplaceAll(cond, "$?", fmt.Sprintf("$%d", len(args))))
	}
	if f.CourseID != 0 {
		add(`a.course_id = $?`, f.CourseID)
	}
	if f.CompetencyID != 0 {
		add(`EXISTS (SELECT 1 FROM assessment_competencies ac WHERE ac.assessment_id = a.id AND ac.competency_id = $?)`, f.CompetencyID)
	}
	if f.Status != "" {
		add(`a.status = $?`, f.Status)
	}
	rows := []*Assessment{}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+assessmentCols+` FROM assessments a WHERE `+strings.Join(where, " AND ")+` ORDER BY a.code`, args...)
	if err != nil {
		return nil, fmt.Errorf("assessment: list: %w", err)
	}
	return rows, nil
}

// CompetenciesOf returns, for each assessment id, the competencies it
// certifies, by competency id. The caller has already shown v the
// assessment (what a test certifies is no secret).
func (s *Store) CompetenciesOf(ctx context.Context, assessmentIDs []int64) ([][]*CompetencyLink, error) {
	var rows []*CompetencyLink
	err := s.db.SelectContext(ctx, &rows, `
		SELECT assessment_id, competency_id, level FROM assessment_competencies
		WHERE assessment_id = ANY($1) ORDER BY assessment_id, competency_id`, pq.Array(assessmentIDs))
	if err != nil {
		return nil, fmt.Errorf("assessment: competencies of: %w", err)
	}
	return postgres.GroupByKey(assessmentIDs, rows, func(c *CompetencyLink) int64 { return c.AssessmentID }), nil
}

// QuestionsOf returns, for each assessment id, its bank in order with the
// correct options and explanations: for authors only. The filter is in the
// SQL: a viewer who is neither the assessment's owner nor an admin gets an
// empty list for it, whatever the assessment.
func (s *Store) QuestionsOf(ctx context.Context, v *auth.Viewer, assessmentIDs []int64) ([][]*Question, error) {
	if v == nil {
		return postgres.GroupByKey(assessmentIDs, []*Question(nil), func(q *Question) int64 { return q.AssessmentID }), nil
	}
	var rows []*Question
	err := s.db.SelectContext(ctx, &rows, questionSelect+`
		WHERE q.assessment_id = ANY($1)
		  AND ($3::boolean OR EXISTS (SELECT 1 FROM assessments a WHERE a.id = q.assessment_id AND a.owner_id = $2))
		ORDER BY q.assessment_id, q.position`,
		pq.Array(assessmentIDs), v.EmployeeID, v.Has(auth.RoleAdmin))
	if err != nil {
		return nil, fmt.Errorf("assessment: questions of: %w", err)
	}
	return postgres.GroupByKey(assessmentIDs, rows, func(q *Question) int64 { return q.AssessmentID }), nil
}

// questionSelect reads questions with their options (correctness included)
// aggregated in the same statement. Callers add WHERE / ORDER.
const questionSelect = `
	SELECT q.id, q.assessment_id, q.position, q.kind, q.text_en, q.text_zh, q.points,
	       q.explanation_en, q.explanation_zh,
	       coalesce((SELECT json_agg(json_build_object('id', o.id, 'position', o.position,
	                     'text_en', o.text_en, 'text_zh', o.text_zh, 'correct', o.correct) ORDER BY o.position)
	                 FROM question_options o WHERE o.question_id = q.id), '[]') AS options
	FROM questions q`

// questionsOf reads banks without an access check, through q.
func questionsOf(ctx context.Context, q postgres.Queryer, ids []int64) ([][]*Question, error) {
	var rows []*Question
	if err := q.SelectContext(ctx, &rows, questionSelect+`
		WHERE q.assessment_id = ANY($1) ORDER BY q.assessment_id, q.position`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("questions: %w", err)
	}
	return postgres.GroupByKey(ids, rows, func(q *Question) int64 { return q.AssessmentID }), nil
}

// AttemptsByIDs returns the attempts with ids that v may read (see
// attemptAccessSQL), in key order, nil where missing or hidden.
func (s *Store) AttemptsByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Attempt, error) {
	var rows []*Attempt
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+attemptCols+` FROM attempts t JOIN assessments a ON a.id = t.assessment_id
		WHERE t.id = ANY($3) AND `+attemptAccessSQL,
		append(viewerArgs(v), pq.Array(ids))...)
	if err != nil {
		return nil, fmt.Errorf("assessment: attempts by ids: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(t *Attempt) int64 { return t.ID }), nil
}

// AttemptsOf returns, for each employee id, their attempts that v may read,
// at assessmentID (0: every assessment), newest first.
func (s *Store) AttemptsOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64, assessmentID int64) ([][]*Attempt, error) {
	var rows []*Attempt
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+attemptCols+` FROM attempts t JOIN assessments a ON a.id = t.assessment_id
		WHERE t.employee_id = ANY($3) AND ($4::bigint = 0 OR t.assessment_id = $4) AND `+attemptAccessSQL+`
		ORDER BY t.employee_id, t.started_at DESC, t.id DESC`,
		append(viewerArgs(v), pq.Array(employeeIDs), assessmentID)...)
	if err != nil {
		return nil, fmt.Errorf("assessment: attempts of: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(t *Attempt) int64 { return t.EmployeeID }), nil
}

// GradingQueue lists the attempts awaiting grading at the assessments v
// owns (an admin: at every assessment), oldest submission first.
func (s *Store) GradingQueue(ctx context.Context, v *auth.Viewer) ([]*Attempt, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	rows := []*Attempt{}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT `+attemptCols+` FROM attempts t JOIN assessments a ON a.id = t.assessment_id
		WHERE t.status = 'AWAITING_GRADING' AND ($2::boolean OR a.owner_id = $1)
		ORDER BY t.submitted_at, t.id`, v.EmployeeID, v.Has(auth.RoleAdmin))
	if err != nil {
		return nil, fmt.Errorf("assessment: grading queue: %w", err)
	}
	return rows, nil
}

// attemptFor reads one attempt for its learner: NOT_FOUND when it does not
// exist, FORBIDDEN when it is someone else's.
func (s *Store) attemptFor(ctx context.Context, q postgres.Queryer, by *auth.Viewer, id int64, lock bool) (*Attempt, error) {
	query := `SELECT ` + attemptCols + ` FROM attempts t WHERE t.id = $1`
	if lock {
		query += ` FOR UPDATE`
	}
	var t Attempt
	err := q.GetContext(ctx, &t, query, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("attempt", id)
	} else if err != nil {
		return nil, err
	}
	if t.EmployeeID != by.EmployeeID {
		return nil, rungs.Errorf(rungs.ErrForbidden, "attempt.learner_only", "only the learner takes their own attempt")
	}
	return &t, nil
}

// QuestionsForAttempt returns the questions drawn for the viewer's own
// attempt, in the attempt's order, with the answers saved so far. The
// types carry no correctness and no explanation, before or after
// submission; AttemptReview is the read that has them.
func (s *Store) QuestionsForAttempt(ctx context.Context, by *auth.Viewer, attemptID int64) ([]*LearnerQuestion, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if _, err := s.attemptFor(ctx, s.db, by, attemptID, false); err != nil {
		return nil, wrap("questions for attempt", err)
	}
	// The option JSON is built here without the "correct" column: what is
	// never read cannot leak.
	var rows []struct {
		ID        int64         `db:"id"`
		Position  int           `db:"position"`
		Kind      string        `db:"kind"`
		TextEN    string        `db:"text_en"`
		TextZH    string        `db:"text_zh"`
		Points    float64       `db:"points"`
		Options   []byte        `db:"options"`
		OptionIDs pq.Int64Array `db:"option_ids"`
		Text      string        `db:"text_answer"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT q.id, aq.position, q.kind, q.text_en, q.text_zh, q.points,
		       coalesce((SELECT json_agg(json_build_object('id', o.id, 'position', o.position,
		                     'text_en', o.text_en, 'text_zh', o.text_zh) ORDER BY o.position)
		                 FROM question_options o WHERE o.question_id = q.id), '[]') AS options,
		       coalesce(ans.option_ids, '{}') AS option_ids, coalesce(ans.text_answer, '') AS text_answer
		FROM attempt_questions aq
		JOIN questions q ON q.id = aq.question_id
		LEFT JOIN attempt_answers ans ON ans.attempt_id = aq.attempt_id AND ans.question_id = aq.question_id
		WHERE aq.attempt_id = $1
		ORDER BY aq.position`, attemptID)
	if err != nil {
		return nil, wrap("questions for attempt", err)
	}
	out := make([]*LearnerQuestion, len(rows))
	for i, r := range rows {
		var opts []struct {
			ID       int64  `json:"id"`
			Position int    `json:"position"`
			TextEN   string `json:"text_en"`
			TextZH   string `json:"text_zh"`
		}
		if err := json.Unmarshal(r.Options, &opts); err != nil {
			return nil, wrap("questions for attempt", err)
		}
		lq := &LearnerQuestion{ID: r.ID, Position: r.Position, Kind: r.Kind, TextEN: r.TextEN, TextZH: r.TextZH,
			Points: r.Points, Options: make([]LearnerOption, len(opts)),
			SelectedOptionIDs: append([]int64{}, r.OptionIDs...), TextAnswer: r.Text}
		for j, o := range opts {
			lq.Options[j] = LearnerOption{ID: o.ID, Position: o.Position, TextEN: o.TextEN, TextZH: o.TextZH}
		}
		out[i] = lq
	}
	return out, nil
}

// AttemptReview returns a submitted attempt with the right answers, the
// explanations, the answers given and the points each earned. Whoever may
// read the attempt (AttemptsByIDs) may review it, the learner included,
// but only once it is submitted: CONFLICT attempt.in_progress before.
func (s *Store) AttemptReview(ctx context.Context, by *auth.Viewer, attemptID int64) (*Review, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	ts, err := s.AttemptsByIDs(ctx, by, []int64{attemptID})
	if err != nil {
		return nil, err
	}
	t := ts[0]
	if t == nil {
		return nil, notFound("attempt", attemptID)
	}
	if t.Status == AttemptInProgress {
		return nil, rungs.Errorf(rungs.ErrConflict, "attempt.in_progress", "the answers are shown once the attempt is submitted")
	}
	var rows []*ReviewQuestion
	err = s.db.SelectContext(ctx, &rows, `
		SELECT sub.*, aq.position AS attempt_position,
		       coalesce(ans.option_ids, '{}') AS selected_option_ids, coalesce(ans.text_answer, '') AS text_answer,
		       ans.points_awarded, coalesce(ans.grader_comment, '') AS grader_comment
		FROM attempt_questions aq
		JOIN LATERAL (`+questionSelect+` WHERE q.id = aq.question_id) sub ON true
		LEFT JOIN attempt_answers ans ON ans.attempt_id = aq.attempt_id AND ans.question_id = aq.question_id
		WHERE aq.attempt_id = $1
		ORDER BY aq.position`, attemptID)
	if err != nil {
		return nil, wrap("review", err)
	}
	return &Review{Attempt: t, Questions: rows}, nil
}
