package assessment

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{1,39}$`)

// Limits, in characters or items, as the tables' CHECKs count them.
const (
	maxTitle        = 200
	maxDescription  = 4000
	maxQuestionText = 4000
	maxOptionText   = 1000
	maxQuestions    = 200
	maxOptions      = 10
	maxPoints       = 1000
)

// AssessmentInput is an assessment's own fields and the competencies it
// certifies. Zero values of the optional numbers mean "none".
type AssessmentInput struct {
	// Code is upper-cased: 2–40 capitals, digits, '_' or '-', starting with
	// a letter (QA-101-FINAL).
	Code                         string
	TitleEN, TitleZH             string
	DescriptionEN, DescriptionZH string
	// CourseID attaches the assessment to a course; 0: standalone.
	CourseID int64
	// IsFinal makes it the course's final test, which must be passed
	// before the course completes. Needs CourseID; only the course's owner
	// or an admin may set it (it holds back someone's course).
	IsFinal          bool
	PassMark         int // percent, 1..100
	TimeLimitMinutes int // 1..600; 0: no limit
	MaxAttempts      int // 1..20; 0: unlimited
	DrawCount        int // questions drawn per attempt, ≥ 1; 0: the whole bank
	// OwnerID hands the assessment to another trainer: admins only. 0: the
	// creator (on create) or unchanged (on update).
	OwnerID int64
	// Competencies replaces the certified competencies; nil on update
	// leaves them as they are.
	Competencies []CompetencyInput
}

// CompetencyInput says the assessment certifies a competency of the
// published framework at Level (1..the framework's max level).
type CompetencyInput struct {
	CompetencyID int64
	Level        int
}

// QuestionInput is one question of an ordered bank; its place in the list
// is its position.
type QuestionInput struct {
	Kind                         string
	TextEN, TextZH               string
	Points                       float64 // above 0, at most 1000
	ExplanationEN, ExplanationZH string
	Options                      []OptionInput
}

// OptionInput is one answer option, in order.
type OptionInput struct {
	TextEN, TextZH string
	Correct        bool
}

func (in *AssessmentInput) normalise() {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.TitleEN, in.TitleZH = strings.TrimSpace(in.TitleEN), strings.TrimSpace(in.TitleZH)
	in.DescriptionEN, in.DescriptionZH = strings.TrimSpace(in.DescriptionEN), strings.TrimSpace(in.DescriptionZH)
}

// check records every problem with the assessment's own fields.
func (in *AssessmentInput) check(v *rungs.Validation) {
	v.Check(codePattern.MatchString(in.Code), "code", "assessment.code.invalid",
		"code must be 2–40 capitals, digits, '_' or '-', starting with a letter, e.g. QA-101")
	checkText(v, "titleEn", "assessment.title_en", in.TitleEN, true, maxTitle)
	checkText(v, "titleZh", "assessment.title_zh", in.TitleZH, true, maxTitle)
	checkText(v, "descriptionEn", "assessment.description_en", in.DescriptionEN, false, maxDescription)
	checkText(v, "descriptionZh", "assessment.description_zh", in.DescriptionZH, false, maxDescription)
	v.Check(in.PassMark >= 1 && in.PassMark <= 100, "passMark", "assessment.pass_mark.range", "the pass mark is a percentage from 1 to 100")
	v.Check(in.TimeLimitMinutes >= 0 && in.TimeLimitMinutes <= 600, "timeLimitMinutes", "assessment.time_limit.range",
		"the time limit is 1 to 600 minutes, or none")
	v.Check(in.MaxAttempts >= 0 && in.MaxAttempts <= 20, "maxAttempts", "assessment.max_attempts.range",
		"the attempt limit is 1 to 20, or none")
	v.Check(in.DrawCount >= 0, "drawCount", "assessment.draw_count.range", "the number of questions drawn is at least 1, or none")
	v.Check(!in.IsFinal || in.CourseID != 0, "isFinal", "assessment.final.needs_course", "a final test belongs to a course")
	seen := map[int64]bool{}
	for i, c := range in.Competencies {
		p := fmt.Sprintf("competencies[%d]", i)
		v.Check(!seen[c.CompetencyID], p+".competencyId", "assessment.competency.duplicate", "each competency is listed once")
		seen[c.CompetencyID] = true
		v.Check(c.Level >= 1, p+".level", "assessment.competency.level.range", "the level is at least 1")
	}
}

// checkText records a missing or over-long text.
func checkText(v *rungs.Validation, field, key, s string, required bool, max int) {
	if required && s == "" {
		v.Add(field, key+".required", "%s is required", field)
	}
	v.Check(utf8.RuneCountInString(s) <= max, field, key+".too_long", "%s is at most %d characters", field, max)
}

// checkQuestions records every problem of a bank, each with its field path
// (questions[2].options[0].textZh). What each kind needs:
//   - SINGLE_CHOICE: 2+ options, exactly one correct;
//   - MULTIPLE_CHOICE: 2+ options, at least one correct;
//   - TRUE_FALSE: exactly two options (the author words them in both
//     languages), one correct;
//   - SHORT_ANSWER: no options (a trainer grades the text).
func checkQuestions(v *rungs.Validation, qs []QuestionInput) {
	v.Check(len(qs) <= maxQuestions, "questions", "assessment.questions.too_many", "a bank holds at most %d questions", maxQuestions)
	for i := range qs {
		q := &qs[i]
		p := fmt.Sprintf("questions[%d]", i)
		v.Check(slices.Contains(Kinds, q.Kind), p+".kind", "assessment.question.kind.unknown",
			"kind must be one of %s", strings.Join(Kinds, ", "))
		checkText(v, p+".textEn", "assessment.question.text_en", q.TextEN, true, maxQuestionText)
		checkText(v, p+".textZh", "assessment.question.text_zh", q.TextZH, true, maxQuestionText)
		checkText(v, p+".explanationEn", "assessment.question.explanation_en", q.ExplanationEN, false, maxQuestionText)
		checkText(v, p+".explanationZh", "assessment.question.explanation_zh", q.ExplanationZH, false, maxQuestionText)
		v.Check(q.Points > 0 && q.Points <= maxPoints, p+".points", "assessment.question.points.range",
			"points are above 0 and at most %d", maxPoints)
		correct := 0
		for j := range q.Options {
			o := &q.Options[j]
			op := fmt.Sprintf("%s.options[%d]", p, j)
			checkText(v, op+".textEn", "assessment.option.text_en", o.TextEN, true, maxOptionText)
			checkText(v, op+".textZh", "assessment.option.text_zh", o.TextZH, true, maxOptionText)
			if o.Correct {
				correct++
			}
		}
		n := len(q.Options)
		switch q.Kind {
		case KindSingleChoice:
			v.Check(n >= 2 && n <= maxOptions, p+".options", "assessment.question.options.count", "a choice question has 2 to %d options", maxOptions)
			v.Check(correct == 1, p+".options", "assessment.question.options.one_correct", "a single-choice question has exactly one correct option")
		case KindMultipleChoice:
			v.Check(n >= 2 && n <= maxOptions, p+".options", "assessment.question.options.count", "a choice question has 2 to %d options", maxOptions)
			v.Check(correct >= 1, p+".options", "assessment.question.options.some_correct", "a multiple-choice question has at least one correct option")
		case KindTrueFalse:
			v.Check(n == 2, p+".options", "assessment.question.options.true_false", "a true/false question has exactly two options")
			v.Check(correct == 1, p+".options", "assessment.question.options.one_correct", "a true/false question has exactly one correct option")
		case KindShortAnswer:
			v.Check(n == 0, p+".options", "assessment.question.options.not_allowed", "a short-answer question has no options")
		}
	}
}

func normaliseQuestions(qs []QuestionInput) []QuestionInput {
	out := make([]QuestionInput, len(qs))
	for i, q := range qs {
		q.Kind = strings.ToUpper(strings.TrimSpace(q.Kind))
		q.TextEN, q.TextZH = strings.TrimSpace(q.TextEN), strings.TrimSpace(q.TextZH)
		q.ExplanationEN, q.ExplanationZH = strings.TrimSpace(q.ExplanationEN), strings.TrimSpace(q.ExplanationZH)
		opts := make([]OptionInput, len(q.Options))
		for j, o := range q.Options {
			opts[j] = OptionInput{TextEN: strings.TrimSpace(o.TextEN), TextZH: strings.TrimSpace(o.TextZH), Correct: o.Correct}
		}
		q.Options = opts
		out[i] = q
	}
	return out
}

// checkRefs records problems that need the database: a new owner (0: none
// to check) must be a trainer, the course must exist (and a final test is its owner's or an
// admin's call), and each competency must be in the published framework,
// not archived, with the level on its scale.
func checkRefs(ctx context.Context, tx *sqlx.Tx, v *rungs.Validation, by *auth.Viewer, in *AssessmentInput, newOwner int64, finalChanged bool) error {
	if newOwner != 0 {
		var ok bool
		if err := tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM user_roles WHERE employee_id = $1 AND role = 'TRAINER')`, newOwner); err != nil {
			return err
		}
		v.Check(ok, "ownerId", "assessment.owner.not_trainer", "the owner must hold the TRAINER role")
	}
	if in.CourseID != 0 {
		var courseOwner int64
		err := tx.GetContext(ctx, &courseOwner, `SELECT owner_id FROM courses WHERE id = $1`, in.CourseID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v.Add("courseId", "assessment.course.not_found", "course %d does not exist", in.CourseID)
		case err != nil:
			return err
		case in.IsFinal && finalChanged && courseOwner != by.EmployeeID && !by.Has(auth.RoleAdmin):
			v.Add("isFinal", "assessment.final.not_course_owner", "only the course's owner or an admin may give it a final test")
		}
	}
	if len(in.Competencies) == 0 {
		return nil
	}
	ids := make([]int64, len(in.Competencies))
	for i, c := range in.Competencies {
		ids[i] = c.CompetencyID
	}
	var rows []struct {
		CompetencyID int64 `db:"competency_id"`
		MaxLevel     int   `db:"max_level"`
	}
	if err := tx.SelectContext(ctx, &rows, `
		SELECT v.competency_id, f.max_level
		FROM competency_versions v JOIN frameworks f ON f.id = v.framework_id AND f.status = 'PUBLISHED'
		WHERE v.competency_id = ANY($1) AND NOT v.archived`, pq.Array(ids)); err != nil {
		return err
	}
	maxLevel := map[int64]int{}
	for _, r := range rows {
		maxLevel[r.CompetencyID] = r.MaxLevel
	}
	for i, c := range in.Competencies {
		p := fmt.Sprintf("competencies[%d]", i)
		m, ok := maxLevel[c.CompetencyID]
		if !ok {
			v.Add(p+".competencyId", "assessment.competency.unknown", "competency %d is not in the published framework", c.CompetencyID)
			continue
		}
		v.Check(c.Level <= m, p+".level", "assessment.competency.level.range", "the level is at most %d", m)
	}
	return nil
}

// CreateAssessment adds a DRAFT assessment with the competencies it
// certifies. Trainers and admins may create; the creator owns it unless an
// admin names another owner, who must hold the TRAINER role.
func (s *Store) CreateAssessment(ctx context.Context, by *auth.Viewer, in AssessmentInput) (*Assessment, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if !by.Has(auth.RoleTrainer, auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "assessment.create.forbidden", "only trainers and admins can create assessments")
	}
	owner := by.EmployeeID
	if in.OwnerID != 0 && in.OwnerID != by.EmployeeID {
		if !by.Has(auth.RoleAdmin) {
			return nil, rungs.Errorf(rungs.ErrForbidden, "assessment.owner.forbidden", "only an admin can make someone else the owner")
		}
		owner = in.OwnerID
	}
	in.normalise()
	var a Assessment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var v rungs.Validation
		in.check(&v)
		newOwner := int64(0)
		if owner != by.EmployeeID {
			newOwner = owner
		}
		if err := checkRefs(ctx, tx, &v, by, &in, newOwner, true); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		now := s.Now()
		err := tx.GetContext(ctx, &a, `
			INSERT INTO assessments AS a (code, title_en, title_zh, description_en, description_zh, course_id, is_final,
				pass_mark, time_limit_minutes, max_attempts, draw_count, owner_id, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, NULLIF($6, 0), $7, $8, NULLIF($9, 0), NULLIF($10, 0), NULLIF($11, 0), $12, $13, $13)
			RETURNING `+assessmentCols,
			in.Code, in.TitleEN, in.TitleZH, in.DescriptionEN, in.DescriptionZH, in.CourseID, in.IsFinal,
			in.PassMark, in.TimeLimitMinutes, in.MaxAttempts, in.DrawCount, owner, now)
		if err != nil {
			return translate(err, "assessment "+in.Code)
		}
		return setCompetencies(ctx, tx, a.ID, in.Competencies)
	})
	if err != nil {
		return nil, wrap("create", err)
	}
	return &a, nil
}

// UpdateAssessment replaces an assessment's own fields (and its
// competencies when in.Competencies is not nil); an empty Code keeps the
// current code. Its owner and admins may
// edit it; an archived one is closed to edits. A published assessment's
// draw count must still fit its bank.
func (s *Store) UpdateAssessment(ctx context.Context, by *auth.Viewer, id int64, in AssessmentInput) (*Assessment, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	in.normalise()
	var a Assessment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		cur, err := editable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if in.Code == "" {
			in.Code = cur.Code
		}
		owner := cur.OwnerID
		if in.OwnerID != 0 && in.OwnerID != cur.OwnerID {
			if !by.Has(auth.RoleAdmin) {
				return rungs.Errorf(rungs.ErrForbidden, "assessment.owner.forbidden", "only an admin can hand an assessment to another owner")
			}
			owner = in.OwnerID
		}
		var v rungs.Validation
		in.check(&v)
		// Only a new final-test link needs the course owner's say; the
		// current owner was checked when they became it.
		finalChanged := in.IsFinal && (!cur.IsFinal || cur.CourseID.Int64 != in.CourseID)
		newOwner := int64(0)
		if owner != cur.OwnerID {
			newOwner = owner
		}
		if err := checkRefs(ctx, tx, &v, by, &in, newOwner, finalChanged); err != nil {
			return err
		}
		if cur.Status == StatusPublished && in.DrawCount > 0 {
			n, err := bankSize(ctx, tx, id)
			if err != nil {
				return err
			}
			v.Check(in.DrawCount <= n, "drawCount", "assessment.draw_count.exceeds_bank",
				"cannot draw %d questions from a bank of %d", in.DrawCount, n)
		}
		if err := v.Err(); err != nil {
			return err
		}
		err = tx.GetContext(ctx, &a, `
			UPDATE assessments a SET code = $2, title_en = $3, title_zh = $4, description_en = $5, description_zh = $6,
				course_id = NULLIF($7, 0), is_final = $8, pass_mark = $9, time_limit_minutes = NULLIF($10, 0),
				max_attempts = NULLIF($11, 0), draw_count = NULLIF($12, 0), owner_id = $13, updated_at = $14
			WHERE a.id = $1 RETURNING `+assessmentCols,
			id, in.Code, in.TitleEN, in.TitleZH, in.DescriptionEN, in.DescriptionZH, in.CourseID, in.IsFinal,
			in.PassMark, in.TimeLimitMinutes, in.MaxAttempts, in.DrawCount, owner, s.Now())
		if err != nil {
			return translate(err, "assessment "+in.Code)
		}
		if in.Competencies == nil {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assessment_competencies WHERE assessment_id = $1`, id); err != nil {
			return err
		}
		return setCompetencies(ctx, tx, id, in.Competencies)
	})
	if err != nil {
		return nil, wrap("update", err)
	}
	return &a, nil
}

func setCompetencies(ctx context.Context, tx *sqlx.Tx, id int64, cs []CompetencyInput) error {
	if len(cs) == 0 {
		return nil
	}
	comps := make([]int64, len(cs))
	levels := make([]int64, len(cs))
	for i, c := range cs {
		comps[i], levels[i] = c.CompetencyID, int64(c.Level)
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO assessment_competencies (assessment_id, competency_id, level)
		SELECT $1, x.c, x.l FROM unnest($2::bigint[], $3::int[]) AS x (c, l)`,
		id, pq.Array(comps), pq.Array(levels))
	if err != nil {
		return fmt.Errorf("set competencies: %w", err)
	}
	return nil
}

func bankSize(ctx context.Context, q sqlx.QueryerContext, id int64) (int, error) {
	var n int
	err := sqlx.GetContext(ctx, q, &n, `SELECT count(*) FROM questions WHERE assessment_id = $1`, id)
	return n, err
}

// editable locks assessment id for a change by `by` and returns it:
// NOT_FOUND when by cannot see it, FORBIDDEN unless by owns it or is an
// admin, CONFLICT when it is archived.
func editable(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, id int64) (*Assessment, error) {
	var a Assessment
	err := tx.GetContext(ctx, &a, `
		SELECT `+assessmentCols+` FROM assessments a WHERE a.id = $3 AND `+visibleSQL+` FOR NO KEY UPDATE`,
		append(viewerArgs(by), id)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("assessment", id)
	} else if err != nil {
		return nil, err
	}
	if a.OwnerID != by.EmployeeID && !by.Has(auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "assessment.edit.forbidden", "only the assessment's owner or an admin can change it")
	}
	if a.Status == StatusArchived {
		return nil, rungs.Errorf(rungs.ErrConflict, "assessment.archived", "assessment %s is archived and can no longer be changed", a.Code)
	}
	return &a, nil
}

// SetQuestions replaces the whole bank with the ordered list qs and returns
// it as stored. Who may call it: as UpdateAssessment. Once anyone has
// started an attempt the bank is fixed (CONFLICT assessment.questions.locked):
// their attempts point at its questions; archive it and write a new one.
// A published assessment keeps at least draw_count questions (and one).
func (s *Store) SetQuestions(ctx context.Context, by *auth.Viewer, id int64, qs []QuestionInput) ([]*Question, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	qs = normaliseQuestions(qs)
	var out []*Question
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		a, err := editable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		var attempted bool
		if err := tx.GetContext(ctx, &attempted, `SELECT EXISTS (SELECT 1 FROM attempts WHERE assessment_id = $1)`, id); err != nil {
			return err
		}
		if attempted {
			return rungs.Errorf(rungs.ErrConflict, "assessment.questions.locked",
				"assessment %s has attempts, so its questions can no longer change", a.Code)
		}
		var v rungs.Validation
		checkQuestions(&v, qs)
		if a.Status == StatusPublished {
			v.Check(len(qs) > 0, "questions", "assessment.questions.required", "a published assessment needs questions")
			v.Check(!a.DrawCount.Valid || int(a.DrawCount.Int64) <= len(qs), "questions", "assessment.draw_count.exceeds_bank",
				"the assessment draws %d questions; the bank needs at least that many", a.DrawCount.Int64)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM questions WHERE assessment_id = $1`, id); err != nil {
			return fmt.Errorf("clear questions: %w", err)
		}
		if err := insertQuestions(ctx, tx, id, qs); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET updated_at = $2 WHERE id = $1`, id, s.Now()); err != nil {
			return err
		}
		groups, err := questionsOf(ctx, tx, []int64{id})
		if err != nil {
			return err
		}
		out = groups[0]
		return nil
	})
	if err != nil {
		return nil, wrap("set questions", err)
	}
	return out, nil
}

// insertQuestions writes a bank in two set-based statements: the questions
// (position = place in the list), then every option joined to its question
// by position.
func insertQuestions(ctx context.Context, tx *sqlx.Tx, id int64, qs []QuestionInput) error {
	if len(qs) == 0 {
		return nil
	}
	var (
		kinds, textEN, textZH, explEN, explZH []string
		points                                []float64
		oq, opos                              []int64
		oEN, oZH                              []string
		oCorrect                              []bool
	)
	for i, q := range qs {
		kinds, textEN, textZH = append(kinds, q.Kind), append(textEN, q.TextEN), append(textZH, q.TextZH)
		explEN, explZH, points = append(explEN, q.ExplanationEN), append(explZH, q.ExplanationZH), append(points, q.Points)
		for j, o := range q.Options {
			oq, opos = append(oq, int64(i+1)), append(opos, int64(j+1))
			oEN, oZH, oCorrect = append(oEN, o.TextEN), append(oZH, o.TextZH), append(oCorrect, o.Correct)
		}
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO questions (assessment_id, position, kind, text_en, text_zh, points, explanation_en, explanation_zh)
		SELECT $1, x.ord, x.kind, x.te, x.tz, x.pts, x.ee, x.ez
		FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::text[])
			WITH ORDINALITY AS x (kind, te, tz, pts, ee, ez, ord)`,
		id, pq.Array(kinds), pq.Array(textEN), pq.Array(textZH), pq.Array(points), pq.Array(explEN), pq.Array(explZH)); err != nil {
		return translate(err, "question")
	}
	if len(oq) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO question_options (question_id, position, text_en, text_zh, correct)
		SELECT q.id, x.pos, x.te, x.tz, x.correct
		FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::boolean[]) AS x (qpos, pos, te, tz, correct)
		JOIN questions q ON q.assessment_id = $1 AND q.position = x.qpos`,
		id, pq.Array(oq), pq.Array(opos), pq.Array(oEN), pq.Array(oZH), pq.Array(oCorrect)); err != nil {
		return translate(err, "option")
	}
	return nil
}

// Publish opens a DRAFT assessment to learners. It needs questions, and a
// draw count no larger than the bank. Its owner and admins may publish it.
func (s *Store) Publish(ctx context.Context, by *auth.Viewer, id int64) (*Assessment, error) {
	return s.transition(ctx, by, id, "publish", func(tx *sqlx.Tx, a *Assessment) (string, error) {
		if a.Status == StatusPublished {
			return "", rungs.Errorf(rungs.ErrConflict, "assessment.publish.already_published", "assessment %s is already published", a.Code)
		}
		n, err := bankSize(ctx, tx, id)
		if err != nil {
			return "", err
		}
		var v rungs.Validation
		v.Check(n > 0, "questions", "assessment.publish.no_questions", "add questions before publishing")
		v.Check(n == 0 || !a.DrawCount.Valid || int(a.DrawCount.Int64) <= n, "drawCount", "assessment.draw_count.exceeds_bank",
			"cannot draw %d questions from a bank of %d", a.DrawCount.Int64, n)
		if err := v.Err(); err != nil {
			return "", err
		}
		return `status = 'PUBLISHED', published_at = $2`, nil
	})
}

// Archive retires a published assessment: no new attempts, closed to
// edits; attempts and evidence stay. Open attempts may still be submitted.
// A draft cannot be archived. Its owner and admins may archive it.
//
// Archiving a course's final test lifts its hold on the course: learners
// whose modules are all ticked complete when the owner signs them off.
func (s *Store) Archive(ctx context.Context, by *auth.Viewer, id int64) (*Assessment, error) {
	return s.transition(ctx, by, id, "archive", func(tx *sqlx.Tx, a *Assessment) (string, error) {
		if a.Status == StatusDraft {
			return "", rungs.Errorf(rungs.ErrConflict, "assessment.archive.draft", "assessment %s was never published, so it cannot be archived", a.Code)
		}
		return `status = 'ARCHIVED', archived_at = $2`, nil
	})
}

// transition runs a status change: lock, check with do (which returns the
// SET clause, $2 being now), update.
func (s *Store) transition(ctx context.Context, by *auth.Viewer, id int64, op string,
	do func(tx *sqlx.Tx, a *Assessment) (string, error)) (*Assessment, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var a Assessment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		cur, err := editable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		set, err := do(tx, cur)
		if err != nil {
			return err
		}
		return tx.GetContext(ctx, &a, `UPDATE assessments a SET `+set+`, updated_at = $2 WHERE a.id = $1 RETURNING `+assessmentCols,
			id, s.Now())
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return &a, nil
}

func translate(err error, what string) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Constraint {
		case "assessments_code_key":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "assessment.code.taken", Field: "code", Message: "that assessment code is taken"}
		case "assessments_one_final":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "assessment.final.taken", Field: "isFinal", Message: "that course already has a final test"}
		case "assessments_owner_id_fkey":
			return rungs.FieldError("ownerId", "assessment.owner.not_found", "no such employee")
		}
	}
	return postgres.Translate(err, what)
}
