// Package assessment holds knowledge tests: assessments attached to a
// course (possibly as its FINAL test) or to competencies, their question
// banks, learners' attempts, scoring and grading, and the competency
// evidence a pass writes.
//
// Life of an attempt: StartAttempt draws the questions (all of the bank, or
// draw_count at random) and fixes the deadline; the learner reads them
// through QuestionsForAttempt, whose types carry no correctness at all;
// SaveAnswers keeps answers along the way and SubmitAttempt closes the
// attempt. Objective questions score themselves at once; short answers wait
// for the owner's GradeAttempt. A pass writes ASSESSMENT evidence for each
// certified competency and, for a course's final test, completes the
// learner's enrolment when every module is ticked (learning.CompleteIfReady).
//
// A standalone assessment can be assigned like a course (package learning:
// Assign with AssessmentID). Its enrolment follows the attempts: starting
// one moves it to IN_PROGRESS, a pass completes it
// (learning.CompleteAssessment), each in the attempt's own transaction;
// after a recurring assignment re-opens it, a new pass is due (see
// StartAttempt).
//
// Scoring:
//   - SINGLE_CHOICE and TRUE_FALSE are all or nothing: the full points when
//     exactly the correct option is chosen, else 0.
//   - MULTIPLE_CHOICE gives partial credit: points × max(0, (correct chosen −
//     wrong chosen) / correct options). Guessing every option therefore
//     earns 0, and a wrong pick never costs more than the question's points.
//   - SHORT_ANSWER is graded by the assessment's owner (0..points); a blank
//     one scores 0 at once, there being nothing to grade.
//
// The attempt's percent is score × 100 / max_score, rounded to two decimals;
// it passes when percent ≥ pass_mark.
//
// Time limit: an attempt submitted more than Grace after its deadline is
// closed with the answers saved before the deadline only (the answers sent
// with the late submission are ignored) and scored; Attempt.TimedOut says
// so. SaveAnswers after the deadline is refused (CONFLICT assessment.time_up).
package assessment

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
)

// Assessment statuses: written as a DRAFT, PUBLISHED to learners, ARCHIVED
// (kept for history, closed to edits and new attempts).
const (
	StatusDraft     = "DRAFT"
	StatusPublished = "PUBLISHED"
	StatusArchived  = "ARCHIVED"
)

// Question kinds.
const (
	KindSingleChoice   = "SINGLE_CHOICE"
	KindMultipleChoice = "MULTIPLE_CHOICE"
	KindTrueFalse      = "TRUE_FALSE"
	KindShortAnswer    = "SHORT_ANSWER"
)

// Kinds lists every question kind.
var Kinds = []string{KindSingleChoice, KindMultipleChoice, KindTrueFalse, KindShortAnswer}

// Attempt statuses.
const (
	AttemptInProgress      = "IN_PROGRESS"
	AttemptAwaitingGrading = "AWAITING_GRADING"
	AttemptGraded          = "GRADED"
)

// Grace is how long after its deadline a submission still counts in full:
// the network and a slow click should not cost a learner their answers.
const Grace = 60 * time.Second

// Store reads and writes assessments and attempts.
type Store struct {
	db *sqlx.DB
	// Now is the clock of attempts (start, deadline, submission, grading)
	// and of the evidence's observation date; tests replace it.
	Now func() time.Time
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, Now: clock.Now}
}

// Assessment is a knowledge test.
type Assessment struct {
	ID               int64         `db:"id"`
	Code             string        `db:"code"`
	TitleEN          string        `db:"title_en"`
	TitleZH          string        `db:"title_zh"`
	DescriptionEN    string        `db:"description_en"`
	DescriptionZH    string        `db:"description_zh"`
	CourseID         sql.NullInt64 `db:"course_id"` // NULL: standalone
	IsFinal          bool          `db:"is_final"`
	PassMark         int           `db:"pass_mark"` // percent
	TimeLimitMinutes sql.NullInt64 `db:"time_limit_minutes"`
	MaxAttempts      sql.NullInt64 `db:"max_attempts"`
	DrawCount        sql.NullInt64 `db:"draw_count"`
	Status           string        `db:"status"`
	OwnerID          int64         `db:"owner_id"`
	CreatedAt        time.Time     `db:"created_at"`
	UpdatedAt        time.Time     `db:"updated_at"`
	PublishedAt      sql.NullTime  `db:"published_at"`
	ArchivedAt       sql.NullTime  `db:"archived_at"`
}

const assessmentCols = `a.id, a.code, a.title_en, a.title_zh, a.description_en, a.description_zh,
	a.course_id, a.is_final, a.pass_mark, a.time_limit_minutes, a.max_attempts, a.draw_count,
	a.status, a.owner_id, a.created_at, a.updated_at, a.published_at, a.archived_at`

// CompetencyLink says an assessment certifies a competency at Level.
type CompetencyLink struct {
	AssessmentID int64 `db:"assessment_id"`
	CompetencyID int64 `db:"competency_id"`
	Level        int   `db:"level"`
}

// Question is a question of the bank as its author sees it: with the
// correct options and the explanation.
type Question struct {
	ID            int64   `db:"id"`
	AssessmentID  int64   `db:"assessment_id"`
	Position      int     `db:"position"`
	Kind          string  `db:"kind"`
	TextEN        string  `db:"text_en"`
	TextZH        string  `db:"text_zh"`
	Points        float64 `db:"points"`
	ExplanationEN string  `db:"explanation_en"`
	ExplanationZH string  `db:"explanation_zh"`
	Options       Options `db:"options"`
}

// Option is an answer option as its author sees it.
type Option struct {
	ID       int64  `db:"id" json:"id"`
	Position int    `db:"position" json:"position"`
	TextEN   string `db:"text_en" json:"text_en"`
	TextZH   string `db:"text_zh" json:"text_zh"`
	Correct  bool   `db:"correct" json:"correct"`
}

// Options scans a question's options aggregated as JSON in the same
// statement as the question.
type Options []Option

// Scan implements sql.Scanner.
func (o *Options) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*o = Options{}
		return nil
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return fmt.Errorf("assessment: options: unexpected %T", src)
	}
	*o = Options{}
	return json.Unmarshal(b, (*[]Option)(o))
}

// LearnerQuestion is a question of an attempt as the learner sees it while
// taking it. It deliberately has no correctness and no explanation: what is
// not in the type cannot leak through any API built on it.
type LearnerQuestion struct {
	ID       int64
	Position int // its place in this attempt
	Kind     string
	TextEN   string
	TextZH   string
	Points   float64
	Options  []LearnerOption
	// The answer saved so far (none: no options, empty text).
	SelectedOptionIDs []int64
	TextAnswer        string
}

// LearnerOption is an answer option without its correctness.
type LearnerOption struct {
	ID       int64
	Position int
	TextEN   string
	TextZH   string
}

// Attempt is one learner's go at an assessment. Score, Percent and Passed
// are known once it is GRADED.
type Attempt struct {
	ID           int64           `db:"id"`
	AssessmentID int64           `db:"assessment_id"`
	EmployeeID   int64           `db:"employee_id"`
	Number       int             `db:"number"`
	Status       string          `db:"status"`
	StartedAt    time.Time       `db:"started_at"`
	DeadlineAt   sql.NullTime    `db:"deadline_at"`
	SubmittedAt  sql.NullTime    `db:"submitted_at"`
	TimedOut     bool            `db:"timed_out"`
	MaxScore     float64         `db:"max_score"`
	Score        sql.NullFloat64 `db:"score"`
	Percent      sql.NullFloat64 `db:"percent"`
	Passed       sql.NullBool    `db:"passed"`
	GradedBy     sql.NullInt64   `db:"graded_by"`
	GradedAt     sql.NullTime    `db:"graded_at"`
}

const attemptCols = `t.id, t.assessment_id, t.employee_id, t.number, t.status, t.started_at, t.deadline_at,
	t.submitted_at, t.timed_out, t.max_score, t.score, t.percent, t.passed, t.graded_by, t.graded_at`

// Expired reports whether an open attempt is past its deadline and grace
// at now: it can only be closed with what it has.
func (t *Attempt) Expired(now time.Time) bool {
	return t.Status == AttemptInProgress && t.DeadlineAt.Valid && now.After(t.DeadlineAt.Time.Add(Grace))
}

// Answer is a learner's answer to one question of their attempt: the chosen
// options for choice questions, the text for a short answer.
type Answer struct {
	QuestionID int64
	OptionIDs  []int64
	Text       string
}

// Grade is a grader's points and comment for one short answer.
type Grade struct {
	QuestionID int64
	Points     float64
	Comment    string
}

// Review is a submitted attempt with the right answers: for the learner
// after submission, and for whoever may read the attempt.
type Review struct {
	Attempt   *Attempt
	Questions []*ReviewQuestion
}

// ReviewQuestion is one drawn question with its options (correctness
// included), the explanation, the answer given and its points.
type ReviewQuestion struct {
	Question
	AttemptPosition   int             `db:"attempt_position"`
	SelectedOptionIDs pq.Int64Array   `db:"selected_option_ids"`
	TextAnswer        string          `db:"text_answer"`
	PointsAwarded     sql.NullFloat64 `db:"points_awarded"` // NULL: a short answer not graded yet
	GraderComment     string          `db:"grader_comment"`
}

func notFound(what string, id int64) error {
	return rungs.Errorf(rungs.ErrNotFound, what+".not_found", "%s %d not found", what, id)
}

// wrap adds the operation to internal errors; errors a user can act on
// pass through as they are.
func wrap(op string, err error) error {
	var re *rungs.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("assessment: %s: %w", op, err)
}
