package assessment

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/postgres"
)

const (
	maxAnswerText = 4000
	maxComment    = 2000
)

// StartAttempt starts the viewer's attempt at a published assessment, or
// returns the attempt they already have open (unchanged). An open attempt
// past its deadline is first closed with what it has (and scored), then the
// rules below decide on a new one:
//   - a passed assessment is not retaken (CONFLICT assessment.already_passed);
//   - an attempt awaiting grading must be graded first (CONFLICT
//     assessment.attempt.awaiting_grading);
//   - submitted attempts count against max_attempts (CONFLICT
//     assessment.attempts.exhausted); a retake after a fail is fine within it.
//
// While the viewer has an open enrolment in the assessment (it was assigned
// to them: package learning), only the attempts of that enrolment's cycle
// count for the first and third rule. Any pass while an enrolment is open
// completes it, so a pass beside an open enrolment is from before it: an
// expired cycle that a recurring assignment re-opened, or a test taken
// before it was assigned. Either way the assignment asks for a new pass,
// with a fresh attempt limit. Without an open enrolment every attempt
// counts, as for a test nobody assigned.
//
// Starting (or resuming) an attempt moves that enrolment from ASSIGNED to
// IN_PROGRESS in the same transaction (learning.StartAssessment).
//
// The questions are drawn now: draw_count at random (without repeats, in
// random order) or else the whole bank in order; they are stored in
// attempt_questions so every later read and the scoring see the same draw.
// The deadline is now + the time limit.
func (s *Store) StartAttempt(ctx context.Context, by *auth.Viewer, assessmentID int64) (*Attempt, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	// Closing an expired attempt is committed on its own, so that the
	// refusals below (which roll back) cannot undo it.
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := lockLearner(ctx, tx, assessmentID, by.EmployeeID); err != nil {
			return err
		}
		return s.closeExpired(ctx, tx, assessmentID, by.EmployeeID)
	})
	if err != nil {
		return nil, wrap("start attempt", err)
	}
	var t Attempt
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var a Assessment
		err := tx.GetContext(ctx, &a, `SELECT `+assessmentCols+` FROM assessments a WHERE a.id = $3 AND `+visibleSQL,
			append(viewerArgs(by), assessmentID)...)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("assessment", assessmentID)
		} else if err != nil {
			return err
		}
		if err := lockLearner(ctx, tx, assessmentID, by.EmployeeID); err != nil {
			return err
		}
		// Closed in the first transaction unless the deadline passed in
		// between; then it is closed here.
		if err := s.closeExpired(ctx, tx, assessmentID, by.EmployeeID); err != nil {
			return err
		}
		cycle, err := learning.AssessmentCycle(ctx, tx, by.EmployeeID, assessmentID)
		if err != nil {
			return err
		}
		var st struct {
			Open      sql.NullInt64 `db:"open"`
			Submitted int           `db:"submitted"`
			Passed    bool          `db:"passed"`
			Awaiting  bool          `db:"awaiting"`
			Last      int           `db:"last"`
		}
		// counts: the attempts of the open enrolment's cycle ($3), or all
		// of them without one (0). An open or ungraded attempt, and the
		// numbering, span every cycle.
		if err := tx.GetContext(ctx, &st, `
			SELECT max(id) FILTER (WHERE status = 'IN_PROGRESS') AS open,
			       count(*) FILTER (WHERE status <> 'IN_PROGRESS' AND counts) AS submitted,
			       coalesce(bool_or(passed AND counts), false) AS passed,
			       coalesce(bool_or(status = 'AWAITING_GRADING'), false) AS awaiting,
			       coalesce(max(number), 0) AS last
			FROM (SELECT *, ($3 = 0 OR cycle IS NOT DISTINCT FROM $3) AS counts FROM attempts
			      WHERE assessment_id = $1 AND employee_id = $2) x`,
			assessmentID, by.EmployeeID, cycle); err != nil {
			return err
		}
		if st.Open.Valid {
			if err := tx.GetContext(ctx, &t, `SELECT `+attemptCols+` FROM attempts t WHERE t.id = $1`, st.Open.Int64); err != nil {
				return err
			}
			_, err := learning.StartAssessment(ctx, tx, s.Now(), by.EmployeeID, assessmentID)
			return err
		}
		switch {
		case a.Status != StatusPublished:
			return rungs.Errorf(rungs.ErrBadUserInput, "assessment.not_published", "assessment %s is not open for attempts", a.Code)
		case st.Passed:
			return rungs.Errorf(rungs.ErrConflict, "assessment.already_passed", "you have already passed %s", a.Code)
		case st.Awaiting:
			return rungs.Errorf(rungs.ErrConflict, "assessment.attempt.awaiting_grading", "your last attempt at %s is still being graded", a.Code)
		case a.MaxAttempts.Valid && int64(st.Submitted) >= a.MaxAttempts.Int64:
			return rungs.Errorf(rungs.ErrConflict, "assessment.attempts.exhausted", "you have used all %d attempts at %s", a.MaxAttempts.Int64, a.Code)
		}
		var bank []int64
		if err := tx.SelectContext(ctx, &bank, `SELECT id FROM questions WHERE assessment_id = $1 ORDER BY position`, assessmentID); err != nil {
			return err
		}
		drawn := draw(bank, a.DrawCount)
		if len(drawn) == 0 {
			return rungs.Errorf(rungs.ErrConflict, "assessment.questions.required", "assessment %s has no questions", a.Code)
		}
		now := s.Now()
		var deadline sql.NullTime
		if a.TimeLimitMinutes.Valid {
			deadline = sql.NullTime{Time: now.Add(time.Duration(a.TimeLimitMinutes.Int64) * time.Minute), Valid: true}
		}
		err = tx.GetContext(ctx, &t, `
			WITH t AS (
				INSERT INTO attempts (assessment_id, employee_id, number, started_at, deadline_at, max_score, cycle)
				SELECT $1, $2, $3, $4, $5, sum(points), NULLIF($7, 0) FROM questions WHERE id = ANY($6)
				RETURNING *
			), drawn AS (
				INSERT INTO attempt_questions (attempt_id, assessment_id, question_id, position)
				SELECT t.id, t.assessment_id, x.q, x.ord FROM t, unnest($6::bigint[]) WITH ORDINALITY AS x (q, ord)
			)
			SELECT `+attemptCols+` FROM t`,
			assessmentID, by.EmployeeID, st.Last+1, now, deadline, pq.Array(drawn), cycle)
		if err != nil {
			return err
		}
		_, err = learning.StartAssessment(ctx, tx, now, by.EmployeeID, assessmentID)
		return err
	})
	if err != nil {
		return nil, wrap("start attempt", err)
	}
	return &t, nil
}

// draw picks the questions of an attempt: n at random without repeats (in
// random order) when n is set and smaller than the bank, else the bank in
// its order.
func draw(bank []int64, n sql.NullInt64) []int64 {
	if !n.Valid || int(n.Int64) >= len(bank) {
		return bank
	}
	out := make([]int64, n.Int64)
	for i, j := range rand.Perm(len(bank))[:n.Int64] {
		out[i] = bank[j]
	}
	return out
}

// lockLearner serialises attempt starts and closes of one learner at one
// assessment for the rest of tx, so two clicks on "start" cannot both pass
// the attempt limit.
func lockLearner(ctx context.Context, tx *sqlx.Tx, assessmentID, employeeID int64) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('assessment.attempt:' || $1::text || ':' || $2::text, 0))`,
		assessmentID, employeeID)
	return err
}

// closeExpired closes the learner's open attempt at assessmentID when it is
// past its deadline and grace, with the answers saved so far.
func (s *Store) closeExpired(ctx context.Context, tx *sqlx.Tx, assessmentID, employeeID int64) error {
	var t Attempt
	err := tx.GetContext(ctx, &t, `
		SELECT `+attemptCols+` FROM attempts t
		WHERE t.assessment_id = $1 AND t.employee_id = $2 AND t.status = 'IN_PROGRESS' FOR UPDATE`, assessmentID, employeeID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	if !t.Expired(s.Now()) {
		return nil
	}
	_, err = s.close(ctx, tx, &t, true)
	return err
}

// openAttempt locks the viewer's own attempt for a change: FORBIDDEN when
// it is someone else's, CONFLICT attempt.submitted when it is closed.
func (s *Store) openAttempt(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, id int64) (*Attempt, error) {
	t, err := s.attemptFor(ctx, tx, by, id, true)
	if err != nil {
		return nil, err
	}
	if t.Status != AttemptInProgress {
		return nil, rungs.Errorf(rungs.ErrConflict, "attempt.submitted", "attempt %d is already submitted", id)
	}
	return t, nil
}

// SaveAnswers stores answers to the viewer's open attempt along the way
// (each replaces the saved answer to its question; questions not listed
// keep theirs). Past the deadline and grace it is refused (CONFLICT
// assessment.time_up): only SubmitAttempt closes an attempt.
func (s *Store) SaveAnswers(ctx context.Context, by *auth.Viewer, attemptID int64, answers []Answer) (*Attempt, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var out *Attempt
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		t, err := s.openAttempt(ctx, tx, by, attemptID)
		if err != nil {
			return err
		}
		if t.Expired(s.Now()) {
			return rungs.Errorf(rungs.ErrConflict, "assessment.time_up", "the time for this attempt is up")
		}
		if err := s.saveAnswers(ctx, tx, t, answers); err != nil {
			return err
		}
		out = t
		return nil
	})
	if err != nil {
		return nil, wrap("save answers", err)
	}
	return out, nil
}

// SubmitAttempt saves answers (as SaveAnswers) and closes the viewer's open
// attempt. Objective questions are scored at once; with no short answer to
// grade the attempt is GRADED with its percent and pass, else it is
// AWAITING_GRADING. A pass writes the evidence and may complete the course
// (see the package doc) in the same transaction.
//
// Submitted more than Grace after the deadline, the answers sent now are
// ignored: the attempt is closed and scored with those saved before, and
// TimedOut is set on the result. The caller should tell the learner so.
func (s *Store) SubmitAttempt(ctx context.Context, by *auth.Viewer, attemptID int64, answers []Answer) (*Attempt, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var out *Attempt
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		t, err := s.openAttempt(ctx, tx, by, attemptID)
		if err != nil {
			return err
		}
		late := t.Expired(s.Now())
		if !late {
			if err := s.saveAnswers(ctx, tx, t, answers); err != nil {
				return err
			}
		}
		out, err = s.close(ctx, tx, t, late)
		return err
	})
	if err != nil {
		return nil, wrap("submit attempt", err)
	}
	return out, nil
}

// drawnQuestion is a question of an attempt with what scoring and answer
// checks need.
type drawnQuestion struct {
	ID      int64         `db:"id"`
	Kind    string        `db:"kind"`
	Points  float64       `db:"points"`
	Options pq.Int64Array `db:"options"`
	Correct pq.Int64Array `db:"correct"`
}

func drawnQuestions(ctx context.Context, tx *sqlx.Tx, attemptID int64) (map[int64]*drawnQuestion, error) {
	var rows []*drawnQuestion
	err := tx.SelectContext(ctx, &rows, `
		SELECT q.id, q.kind, q.points,
		       coalesce(array_agg(o.id ORDER BY o.position) FILTER (WHERE o.id IS NOT NULL), '{}') AS options,
		       coalesce(array_agg(o.id ORDER BY o.position) FILTER (WHERE o.correct), '{}') AS correct
		FROM attempt_questions aq
		JOIN questions q ON q.id = aq.question_id
		LEFT JOIN question_options o ON o.question_id = q.id
		WHERE aq.attempt_id = $1
		GROUP BY q.id`, attemptID)
	if err != nil {
		return nil, fmt.Errorf("drawn questions: %w", err)
	}
	m := make(map[int64]*drawnQuestion, len(rows))
	for _, r := range rows {
		m[r.ID] = r
	}
	return m, nil
}

// saveAnswers checks answers against the attempt's questions, reporting
// every problem at once, and upserts them in one statement.
func (s *Store) saveAnswers(ctx context.Context, tx *sqlx.Tx, t *Attempt, answers []Answer) error {
	if len(answers) == 0 {
		return nil
	}
	qs, err := drawnQuestions(ctx, tx, t.ID)
	if err != nil {
		return err
	}
	var v rungs.Validation
	seen := map[int64]bool{}
	var (
		qids  []int64
		opts  []string // each a bigint[] literal: pq cannot send an array of arrays of unequal length
		texts []string
	)
	for i, a := range answers {
		p := fmt.Sprintf("answers[%d]", i)
		q := qs[a.QuestionID]
		if q == nil {
			v.Add(p+".questionId", "assessment.answer.not_in_attempt", "question %d is not part of this attempt", a.QuestionID)
			continue
		}
		if seen[a.QuestionID] {
			v.Add(p+".questionId", "assessment.answer.duplicate", "question %d is answered twice", a.QuestionID)
			continue
		}
		seen[a.QuestionID] = true
		chosen := slices.Compact(slices.Sorted(slices.Values(a.OptionIDs)))
		for _, o := range chosen {
			v.Check(slices.Contains(q.Options, o), p+".optionIds", "assessment.answer.option_invalid",
				"option %d is not an option of question %d", o, a.QuestionID)
		}
		text := strings.TrimSpace(a.Text)
		switch q.Kind {
		case KindShortAnswer:
			v.Check(len(chosen) == 0, p+".optionIds", "assessment.answer.options_not_allowed", "a short answer has no options")
			v.Check(utf8.RuneCountInString(text) <= maxAnswerText, p+".text", "assessment.answer.text_too_long",
				"an answer is at most %d characters", maxAnswerText)
		case KindSingleChoice, KindTrueFalse:
			v.Check(len(chosen) <= 1, p+".optionIds", "assessment.answer.one_option", "choose one option")
			text = ""
		default:
			text = ""
		}
		qids = append(qids, a.QuestionID)
		opts = append(opts, int64Literal(chosen))
		texts = append(texts, text)
	}
	if err := v.Err(); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO attempt_answers (attempt_id, question_id, option_ids, text_answer, saved_at)
		SELECT $1, x.q, x.o::bigint[], x.t, $5 FROM unnest($2::bigint[], $3::text[], $4::text[]) AS x (q, o, t)
		ON CONFLICT (attempt_id, question_id) DO UPDATE
			SET option_ids = EXCLUDED.option_ids, text_answer = EXCLUDED.text_answer, saved_at = EXCLUDED.saved_at`,
		t.ID, pq.Array(qids), pq.Array(opts), pq.Array(texts), s.Now())
	if err != nil {
		return fmt.Errorf("save answers: %w", err)
	}
	return nil
}

func int64Literal(ids []int64) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, id)
	}
	b.WriteByte('}')
	return b.String()
}

// score is what an objective answer earns (see the package doc for the
// rule), rounded to cents as stored; ok is false for a short answer that
// waits for a grader.
func score(q *drawnQuestion, chosen []int64, text string) (points float64, ok bool) {
	var right, wrong int
	for _, o := range chosen {
		if slices.Contains(q.Correct, o) {
			right++
		} else {
			wrong++
		}
	}
	switch q.Kind {
	case KindShortAnswer:
		if strings.TrimSpace(text) == "" {
			return 0, true // nothing to grade
		}
		return 0, false
	case KindMultipleChoice:
		if len(q.Correct) == 0 {
			return 0, true
		}
		share := math.Max(0, float64(right-wrong)/float64(len(q.Correct)))
		return math.Round(q.Points*share*100) / 100, true
	default: // SINGLE_CHOICE, TRUE_FALSE: all or nothing
		if right == 1 && wrong == 0 {
			return q.Points, true
		}
		return 0, true
	}
}

// close submits attempt t with the answers it has (timedOut: closed after
// its deadline), scores what scores itself and, when nothing waits for a
// grader, finishes it.
func (s *Store) close(ctx context.Context, tx *sqlx.Tx, t *Attempt, timedOut bool) (*Attempt, error) {
	qs, err := drawnQuestions(ctx, tx, t.ID)
	if err != nil {
		return nil, err
	}
	// Every drawn question gets an answer row, blank if never answered, so
	// each has points_awarded once scored.
	var answers []struct {
		QuestionID int64         `db:"question_id"`
		OptionIDs  pq.Int64Array `db:"option_ids"`
		Text       string        `db:"text_answer"`
	}
	err = tx.SelectContext(ctx, &answers, `
		WITH blank AS (
			INSERT INTO attempt_answers (attempt_id, question_id, saved_at)
			SELECT aq.attempt_id, aq.question_id, $2 FROM attempt_questions aq WHERE aq.attempt_id = $1
			ON CONFLICT (attempt_id, question_id) DO NOTHING
			RETURNING question_id, option_ids, text_answer
		)
		SELECT question_id, option_ids, text_answer FROM attempt_answers WHERE attempt_id = $1
		UNION ALL
		SELECT question_id, option_ids, text_answer FROM blank`, t.ID, s.Now())
	if err != nil {
		return nil, fmt.Errorf("close: answers: %w", err)
	}
	var (
		scored  []int64
		points  []float64
		pending bool
	)
	for _, a := range answers {
		q := qs[a.QuestionID]
		if q == nil {
			continue
		}
		p, ok := score(q, a.OptionIDs, a.Text)
		if !ok {
			pending = true
			continue
		}
		scored, points = append(scored, a.QuestionID), append(points, p)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE attempt_answers ans SET points_awarded = x.p
		FROM unnest($2::bigint[], $3::numeric[]) AS x (q, p)
		WHERE ans.attempt_id = $1 AND ans.question_id = x.q`,
		t.ID, pq.Array(scored), pq.Array(points)); err != nil {
		return nil, fmt.Errorf("close: score: %w", err)
	}
	now := s.Now()
	if _, err := tx.ExecContext(ctx, `
		UPDATE attempts SET status = 'AWAITING_GRADING', submitted_at = $2, timed_out = $3 WHERE id = $1`,
		t.ID, now, timedOut); err != nil {
		return nil, fmt.Errorf("close: %w", err)
	}
	if pending {
		return attemptByID(ctx, tx, t.ID)
	}
	return s.finish(ctx, tx, t.ID, sql.NullInt64{})
}

func attemptByID(ctx context.Context, q postgres.Queryer, id int64) (*Attempt, error) {
	var t Attempt
	if err := q.GetContext(ctx, &t, `SELECT `+attemptCols+` FROM attempts t WHERE t.id = $1`, id); err != nil {
		return nil, err
	}
	return &t, nil
}

// finish grades a submitted attempt whose every answer has its points:
// score, percent (rounded to cents) and pass against the assessment's pass
// mark. grader is NULL when it graded itself at submission. On a pass it
// writes the evidence and, for a final test, completes the course if ready.
func (s *Store) finish(ctx context.Context, tx *sqlx.Tx, id int64, grader sql.NullInt64) (*Attempt, error) {
	var t Attempt
	err := tx.GetContext(ctx, &t, `
		WITH s AS (SELECT coalesce(sum(points_awarded), 0) AS score FROM attempt_answers WHERE attempt_id = $1)
		UPDATE attempts t
		SET status = 'GRADED', score = s.score, percent = round(s.score * 100 / t.max_score, 2),
		    passed = round(s.score * 100 / t.max_score, 2) >= a.pass_mark, graded_by = $2, graded_at = $3
		FROM s, assessments a
		WHERE t.id = $1 AND a.id = t.assessment_id
		RETURNING `+attemptCols, id, grader, s.Now())
	if err != nil {
		return nil, fmt.Errorf("finish: %w", err)
	}
	if t.Passed.Bool {
		if err := s.passed(ctx, tx, &t); err != nil {
			return nil, err
		}
	}
	return &t, nil
}

// passed records a pass: ASSESSMENT evidence for each certified competency
// that is in the published framework and not archived there, at the
// certified level (capped at the framework's scale), with the assessment's
// code as instrument, the percent as score and the attempt as record. It is
// observed on the day the learner submitted (when they showed the
// knowledge; a grader may come days later). No assessor: the test is the
// instrument. A pass then completes the learner's open enrolment in the
// assessment, if it was assigned to them, and a passed final test completes
// their enrolment in its course when every module is ticked.
func (s *Store) passed(ctx context.Context, tx *sqlx.Tx, t *Attempt) error {
	var a struct {
		IsFinal  bool          `db:"is_final"`
		CourseID sql.NullInt64 `db:"course_id"`
	}
	err := tx.GetContext(ctx, &a, `
		WITH ev AS (
			INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source,
				instrument, score, ref_id, assessor_id, observed_on, comment)
			SELECT t.employee_id, ac.competency_id, f.id, least(ac.level, f.max_level), 'ASSESSMENT',
			       a.code, t.percent, t.id, NULL, (t.submitted_at AT TIME ZONE 'UTC')::date, ''
			FROM attempts t
			JOIN assessments a ON a.id = t.assessment_id
			JOIN assessment_competencies ac ON ac.assessment_id = a.id
			JOIN frameworks f ON f.status = 'PUBLISHED'
			JOIN competency_versions v ON v.framework_id = f.id AND v.competency_id = ac.competency_id AND NOT v.archived
			WHERE t.id = $1 AND t.passed
		)
		SELECT a.is_final, a.course_id FROM assessments a WHERE a.id = $2`, t.ID, t.AssessmentID)
	if err != nil {
		return fmt.Errorf("pass: evidence: %w", err)
	}
	if _, err := learning.CompleteAssessment(ctx, tx, s.Now(), t.EmployeeID, t.AssessmentID); err != nil {
		return err
	}
	if a.IsFinal && a.CourseID.Valid {
		if _, err := learning.CompleteIfReady(ctx, tx, s.Now(), t.EmployeeID, a.CourseID.Int64); err != nil {
			return err
		}
	}
	return nil
}

// shortAnswer is a short answer of an attempt, for grading.
type shortAnswer struct {
	QuestionID int64           `db:"question_id"`
	Points     float64         `db:"points"`
	Awarded    sql.NullFloat64 `db:"points_awarded"`
}

// GradeAttempt grades the short answers of a submitted attempt and
// finishes it. The assessment's owner or an admin may grade, never their
// own attempt. Each grade names a short-answer question of the attempt
// with 0..its points; every short answer still ungraded must be in grades
// (a blank one was scored 0 at submission and may be regraded). Problems
// are reported at once with field paths (grades[1].points).
func (s *Store) GradeAttempt(ctx context.Context, by *auth.Viewer, attemptID int64, grades []Grade) (*Attempt, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var out *Attempt
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var t struct {
			Attempt
			OwnerID int64  `db:"owner_id"`
			Code    string `db:"code"`
		}
		err := tx.GetContext(ctx, &t, `
			SELECT `+attemptCols+`, a.owner_id, a.code FROM attempts t JOIN assessments a ON a.id = t.assessment_id
			WHERE t.id = $1 FOR UPDATE OF t`, attemptID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("attempt", attemptID)
		} else if err != nil {
			return err
		}
		switch {
		case t.OwnerID != by.EmployeeID && !by.Has(auth.RoleAdmin):
			return rungs.Errorf(rungs.ErrForbidden, "attempt.grade.forbidden", "only the owner of %s or an admin may grade it", t.Code)
		case t.EmployeeID == by.EmployeeID:
			return rungs.Errorf(rungs.ErrForbidden, "attempt.grade.own", "nobody grades their own attempt")
		case t.Status != AttemptAwaitingGrading:
			return rungs.Errorf(rungs.ErrConflict, "attempt.not_awaiting_grading", "attempt %d is not awaiting grading", attemptID)
		}
		var short []shortAnswer
		if err := tx.SelectContext(ctx, &short, `
			SELECT ans.question_id, q.points, ans.points_awarded
			FROM attempt_answers ans JOIN questions q ON q.id = ans.question_id
			WHERE ans.attempt_id = $1 AND q.kind = 'SHORT_ANSWER'`, attemptID); err != nil {
			return err
		}
		var v rungs.Validation
		given := map[int64]bool{}
		var (
			qids     []int64
			points   []float64
			comments []string
		)
		for i, g := range grades {
			p := fmt.Sprintf("grades[%d]", i)
			idx := slices.IndexFunc(short, func(sa shortAnswer) bool { return sa.QuestionID == g.QuestionID })
			if idx < 0 {
				v.Add(p+".questionId", "attempt.grade.not_short_answer", "question %d is not a short answer of this attempt", g.QuestionID)
				continue
			}
			if given[g.QuestionID] {
				v.Add(p+".questionId", "attempt.grade.duplicate", "question %d is graded twice", g.QuestionID)
				continue
			}
			given[g.QuestionID] = true
			max := short[idx].Points
			v.Check(g.Points >= 0 && g.Points <= max && !math.IsNaN(g.Points), p+".points", "attempt.grade.points.range",
				"points are between 0 and %g", max)
			comment := strings.TrimSpace(g.Comment)
			v.Check(utf8.RuneCountInString(comment) <= maxComment, p+".comment", "attempt.grade.comment.too_long",
				"a comment is at most %d characters", maxComment)
			qids, points, comments = append(qids, g.QuestionID), append(points, math.Round(g.Points*100)/100), append(comments, comment)
		}
		for _, sa := range short {
			v.Check(sa.Awarded.Valid || given[sa.QuestionID], "grades", "attempt.grade.missing",
				"question %d still needs a grade", sa.QuestionID)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE attempt_answers ans SET points_awarded = x.p, grader_comment = x.c
			FROM unnest($2::bigint[], $3::numeric[], $4::text[]) AS x (q, p, c)
			WHERE ans.attempt_id = $1 AND ans.question_id = x.q`,
			attemptID, pq.Array(qids), pq.Array(points), pq.Array(comments)); err != nil {
			return fmt.Errorf("grade: %w", err)
		}
		out, err = s.finish(ctx, tx, attemptID, sql.NullInt64{Int64: by.EmployeeID, Valid: true})
		return err
	})
	if err != nil {
		return nil, wrap("grade attempt", err)
	}
	return out, nil
}
