package seed

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// The demo's assessment evidence: knowledge tests with their attempts,
// rubric scorecards (QA call sampling, team-lead observation), two quarters
// of KPI results, two review periods of performance ratings, and the KPI
// requirements of the ladder. evidence_content.go holds the data.
//
// Like courses.go this is plain SQL: the assessment, rubric, kpi and
// performance packages are not imported, but every row keeps the invariants
// their code keeps (scores, weighted scores, period shapes, rating steps,
// the evidence each writes). Definitions are upserted by code; history
// (attempts, scorecards, KPI records, ratings) has no natural key and is
// written once, for whoever has none yet, as seedRatings does.
//
// The rating story: the manager ratings of demoProfiles say who is ready
// for the next step. Evidence from tests, scorecards and KPIs must not
// rewrite it, so (as insertCourseEvidence does for completions) a test pass
// newer than the latest confirmed rating becomes evidence only when it
// agrees with it; rubric levels are drawn around the rated level so that
// their median is the rated level; and a KPI result becomes evidence only
// at the rated level (a median of samples would otherwise mix older,
// disagreeing ones back in). The one change the demo wants is the one
// agent@ makes herself: passing CS-210-FINAL.

// demoAssessment is a knowledge test of a course. Its owner is the course's
// owner; it certifies the course's competencies at their target levels.
type demoAssessment struct {
	Code, Course string
	// Final makes it the course's final test.
	Final                        bool
	TitleEN, TitleZH             string
	DescriptionEN, DescriptionZH string
	PassMark                     int // percent
	TimeLimit, MaxAttempts, Draw int // 0: none
	Questions                    []demoQuestion
}

// demoQuestion is one question of a bank; its position is its index + 1.
type demoQuestion struct {
	Kind            string
	EN, ZH          string
	Points          float64
	Options         []demoOption
	WhyEN, WhyZH    string
	AnswerZH        string // a learner's typical short answer
	GraderCommentZH string // what the grader said about it
}

type demoOption struct {
	EN, ZH  string
	Correct bool
}

// Question constructors: the kinds and their usual points.
func single(en, zh string, o ...demoOption) demoQuestion {
	return demoQuestion{Kind: "SINGLE_CHOICE", EN: en, ZH: zh, Points: 2, Options: o}
}

func multi(en, zh string, o ...demoOption) demoQuestion {
	return demoQuestion{Kind: "MULTIPLE_CHOICE", EN: en, ZH: zh, Points: 3, Options: o}
}

func truth(en, zh string, isTrue bool) demoQuestion {
	return demoQuestion{Kind: "TRUE_FALSE", EN: en, ZH: zh, Points: 1, Options: []demoOption{
		{"True", "正确", isTrue}, {"False", "错误", !isTrue},
	}}
}

func short(en, zh, answerZH, graderZH string) demoQuestion {
	return demoQuestion{Kind: "SHORT_ANSWER", EN: en, ZH: zh, Points: 5, AnswerZH: answerZH, GraderCommentZH: graderZH}
}

func right(en, zh string) demoOption { return demoOption{en, zh, true} }
func wrong(en, zh string) demoOption { return demoOption{en, zh, false} }

// why adds the explanation shown after submission.
func (q demoQuestion) why(en, zh string) demoQuestion {
	q.WhyEN, q.WhyZH = en, zh
	return q
}

// demoAttempt is one learner's submitted attempt. Questions are answered
// right except Miss (wrong option) and Partial (a multiple-choice question
// with only its first correct option), both by place in the attempt
// (1-based). Short answers get ShortPoints in order, or wait for the grader
// when Awaiting.
type demoAttempt struct {
	Test, Emp   string
	Number      int
	Ago         int     // days ago submitted
	Hour        float64 // UTC hour submitted (default: between 3 and 7)
	Miss        []int
	Partial     []int
	ShortPoints []float64
	Awaiting    bool
}

// evidenceCounts is what seedEvidence reports: definitions upserted, and
// the history rows this run added.
type evidenceCounts struct {
	Assessments, Questions, Attempts      int
	Rubrics, Scorecards                   int
	KPIRecords, Requirements              int
	Periods, PerformanceRatings, Evidence int
}

// seedEvidence writes the assessments, rubrics, KPIs and performance
// ratings after the courses (tests hang off them, and a final test's
// completions must already be there).
func seedEvidence(ctx context.Context, tx *sqlx.Tx, frameworkID int64, today time.Time) (evidenceCounts, error) {
	var n evidenceCounts
	var err error
	if n.Assessments, err = upsertAssessments(ctx, tx, frameworkID, today); err != nil {
		return n, err
	}
	if n.Questions, err = insertQuestionBanks(ctx, tx); err != nil {
		return n, err
	}
	var ev int
	if n.Attempts, ev, err = insertAttempts(ctx, tx, frameworkID, today); err != nil {
		return n, err
	}
	n.Evidence += ev
	story, err := storyLevels(ctx, tx)
	if err != nil {
		return n, err
	}
	if frameworkID != 0 {
		if n.Rubrics, err = upsertRubrics(ctx, tx, frameworkID, today); err != nil {
			return n, err
		}
		if n.Scorecards, ev, err = insertScorecards(ctx, tx, frameworkID, today, story); err != nil {
			return n, err
		}
		n.Evidence += ev
		if err := upsertKPIThresholds(ctx, tx); err != nil {
			return n, err
		}
	}
	if n.KPIRecords, ev, err = insertKPIRecords(ctx, tx, today, story); err != nil {
		return n, err
	}
	n.Evidence += ev
	if n.Requirements, err = upsertKPIRequirements(ctx, tx); err != nil {
		return n, err
	}
	if n.Periods, n.PerformanceRatings, err = seedPerformance(ctx, tx, today); err != nil {
		return n, err
	}
	return n, nil
}

// hashOf is a stable number for a demo key: the demo's "random" variation
// is the same on every load.
func hashOf(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// unit is a stable fraction in [0, 1) for a demo key.
func unit(parts ...string) float64 {
	return float64(hashOf(parts...)%10000) / 10000
}

func demoAssessmentByCode(code string) (demoAssessment, bool) {
	for _, a := range demoAssessments {
		if a.Code == code {
			return a, true
		}
	}
	return demoAssessment{}, false
}

func demoEmployeeByNo(no string) (demoEmployee, bool) {
	for _, e := range employees {
		if e.No == no {
			return e, true
		}
	}
	return demoEmployee{}, false
}

// upsertAssessments writes the tests (by code) and what they certify. The
// settings that decide existing attempts (pass mark, limits, final, status)
// are written once: a later load updates the texts only, so it never
// re-grades history nor clashes with a final test a trainer set since.
func upsertAssessments(ctx context.Context, tx *sqlx.Tx, frameworkID int64, today time.Time) (int, error) {
	var code, course, owner, ten, tzh, den, dzh, created, published []string
	var final []bool
	var pass, limit, maxAtt, draw []int
	var ccode, ccomp []string
	var clevel []int
	for _, a := range demoAssessments {
		c, ok := demoCourseByCode(a.Course)
		if !ok {
			return 0, fmt.Errorf("assessments: %s names unknown course %s", a.Code, a.Course)
		}
		// Written a week after its course was published, published a week later.
		pub := at(today, c.Since-14, 2)
		code, course, owner = append(code, a.Code), append(course, a.Course), append(owner, c.Owner)
		ten, tzh, den, dzh = append(ten, a.TitleEN), append(tzh, a.TitleZH), append(den, a.DescriptionEN), append(dzh, a.DescriptionZH)
		created, published = append(created, ts(pub.AddDate(0, 0, -7))), append(published, ts(pub))
		final, pass, limit, maxAtt, draw = append(final, a.Final), append(pass, a.PassMark), append(limit, a.TimeLimit), append(maxAtt, a.MaxAttempts), append(draw, a.Draw)
		for _, l := range c.Competencies {
			ccode, ccomp, clevel = append(ccode, a.Code), append(ccomp, l.Competency), append(clevel, l.Target)
		}
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO assessments (code, title_en, title_zh, description_en, description_zh, course_id, is_final, pass_mark,
		                         time_limit_minutes, max_attempts, draw_count, status, owner_id, created_at, updated_at, published_at)
		SELECT d.code, d.ten, d.tzh, d.den, d.dzh, c.id, d.final, d.pass, NULLIF(d.lim, 0), NULLIF(d.att, 0), NULLIF(d.draw, 0),
		       'PUBLISHED', o.id, d.created::timestamptz, d.published::timestamptz, d.published::timestamptz
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[],
		            $9::int[], $10::int[], $11::int[], $12::int[], $13::text[], $14::text[])
		     AS d (code, course, owner, ten, tzh, den, dzh, final, pass, lim, att, draw, created, published)
		JOIN courses c ON c.code = d.course
		JOIN employees o ON o.employee_no = d.owner
		ON CONFLICT (code) DO UPDATE SET
			title_en = EXCLUDED.title_en, title_zh = EXCLUDED.title_zh,
			description_en = EXCLUDED.description_en, description_zh = EXCLUDED.description_zh`,
		pq.Array(code), pq.Array(course), pq.Array(owner), pq.Array(ten), pq.Array(tzh), pq.Array(den), pq.Array(dzh),
		pq.Array(final), pq.Array(pass), pq.Array(limit), pq.Array(maxAtt), pq.Array(draw), pq.Array(created), pq.Array(published))
	if err != nil {
		return 0, fmt.Errorf("assessments: %w", err)
	}
	if n, _ := res.RowsAffected(); int(n) != len(demoAssessments) {
		return 0, fmt.Errorf("assessments: wrote %d of %d (unknown course or owner?)", n, len(demoAssessments))
	}
	// What a pass certifies names competencies of the published framework.
	if frameworkID != 0 {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO assessment_competencies (assessment_id, competency_id, level)
			SELECT a.id, k.id, least(d.level, f.max_level)
			FROM unnest($1::text[], $2::text[], $3::int[]) AS d (code, comp, level)
			JOIN assessments a ON a.code = d.code
			JOIN competencies k ON k.code = d.comp
			JOIN frameworks f ON f.id = $4
			ON CONFLICT (assessment_id, competency_id) DO UPDATE SET level = EXCLUDED.level`,
			pq.Array(ccode), pq.Array(ccomp), pq.Array(clevel), frameworkID); err != nil {
			return 0, fmt.Errorf("assessment competencies: %w", err)
		}
	}
	return len(demoAssessments), nil
}

// insertQuestionBanks writes the bank of every demo test that has no
// questions yet; a bank a trainer has written is left alone.
func insertQuestionBanks(ctx context.Context, tx *sqlx.Tx) (int, error) {
	var qcode, kind, ten, tzh, wen, wzh []string
	var qpos []int
	var points []float64
	var ocode, oen, ozh []string
	var oq, opos []int
	var ocorrect []bool
	for _, a := range demoAssessments {
		for i, q := range a.Questions {
			qcode, qpos, kind, points = append(qcode, a.Code), append(qpos, i+1), append(kind, q.Kind), append(points, q.Points)
			ten, tzh, wen, wzh = append(ten, q.EN), append(tzh, q.ZH), append(wen, q.WhyEN), append(wzh, q.WhyZH)
			for j, o := range q.Options {
				ocode, oq, opos = append(ocode, a.Code), append(oq, i+1), append(opos, j+1)
				oen, ozh, ocorrect = append(oen, o.EN), append(ozh, o.ZH), append(ocorrect, o.Correct)
			}
		}
	}
	var added []int64
	err := tx.SelectContext(ctx, &added, `
		INSERT INTO questions (assessment_id, position, kind, text_en, text_zh, points, explanation_en, explanation_zh)
		SELECT a.id, d.pos, d.kind, d.ten, d.tzh, d.points, d.wen, d.wzh
		FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[])
		     AS d (code, pos, kind, ten, tzh, points, wen, wzh)
		JOIN assessments a ON a.code = d.code
		WHERE NOT EXISTS (SELECT 1 FROM questions x WHERE x.assessment_id = a.id)
		RETURNING id`,
		pq.Array(qcode), pq.Array(qpos), pq.Array(kind), pq.Array(ten), pq.Array(tzh), pq.Array(points), pq.Array(wen), pq.Array(wzh))
	if err != nil {
		return 0, fmt.Errorf("questions: %w", err)
	}
	if len(added) == 0 {
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO question_options (question_id, position, text_en, text_zh, correct)
		SELECT q.id, d.pos, d.en, d.zh, d.correct
		FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::bool[]) AS d (code, q, pos, en, zh, correct)
		JOIN assessments a ON a.code = d.code
		JOIN questions q ON q.assessment_id = a.id AND q.position = d.q AND q.id = ANY($1)`,
		pq.Array(added), pq.Array(ocode), pq.Array(oq), pq.Array(opos), pq.Array(oen), pq.Array(ozh), pq.Array(ocorrect)); err != nil {
		return 0, fmt.Errorf("question options: %w", err)
	}
	return len(added), nil
}

// attemptPlan is a demo attempt worked out into rows.
type attemptPlan struct {
	status                                 string
	started, deadline, submitted, gradedAt time.Time
	gradedBy                               string
	maxScore, score                        float64
	// drawn are bank positions in the order shown.
	drawn   []int
	answers []answerPlan
}

type answerPlan struct {
	bankPos int
	options []int // option positions chosen
	text    string
	points  float64
	scored  bool
	comment string
}

// drawFor is the questions an attempt drew: the whole bank in order, or
// Draw of them in a stable "random" order.
func drawFor(a demoAssessment, t demoAttempt) []int {
	n := len(a.Questions)
	if a.Draw == 0 || a.Draw >= n {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	seed := hashOf(a.Code, t.Emp, fmt.Sprint(t.Number))
	perm := rand.New(rand.NewPCG(seed, seed>>7)).Perm(n)[:a.Draw]
	out := make([]int, a.Draw)
	for i, p := range perm {
		out[i] = p + 1
	}
	return out
}

// scoreChoice is what a choice answer earns under the assessment package's
// rule: all or nothing for single choice and true/false, and for multiple
// choice points × max(0, (right − wrong) / correct options), to the cent.
func scoreChoice(q demoQuestion, chosen []int) float64 {
	var right, wrong, correct int
	for i, o := range q.Options {
		if o.Correct {
			correct++
		}
		if slices.Contains(chosen, i+1) {
			if o.Correct {
				right++
			} else {
				wrong++
			}
		}
	}
	if q.Kind == "MULTIPLE_CHOICE" {
		if correct == 0 {
			return 0
		}
		return math.Round(q.Points*math.Max(0, float64(right-wrong)/float64(correct))*100) / 100
	}
	if right == 1 && wrong == 0 {
		return q.Points
	}
	return 0
}

// plan works out an attempt's draw, answers, points and times.
func (t demoAttempt) plan(today time.Time) (attemptPlan, error) {
	a, ok := demoAssessmentByCode(t.Test)
	if !ok {
		return attemptPlan{}, fmt.Errorf("attempt of unknown test %s", t.Test)
	}
	c, _ := demoCourseByCode(a.Course)
	p := attemptPlan{drawn: drawFor(a, t), status: "GRADED"}
	if t.Awaiting {
		p.status = "AWAITING_GRADING"
	}
	hour := t.Hour
	if hour == 0 {
		hour = 3 + unit(t.Test, t.Emp, "hour")*4
	}
	p.submitted = at(today, t.Ago, hour)
	// About two minutes a question, inside the time limit.
	minutes := 5 + 2*len(p.drawn)
	if a.TimeLimit > 0 {
		minutes = min(minutes, a.TimeLimit-2)
	}
	p.started = p.submitted.Add(-time.Duration(minutes) * time.Minute)
	if a.TimeLimit > 0 {
		p.deadline = p.started.Add(time.Duration(a.TimeLimit) * time.Minute)
	}
	shortSeen, graded := 0, false
	for i, pos := range p.drawn {
		q := a.Questions[pos-1]
		place := i + 1
		p.maxScore += q.Points
		ans := answerPlan{bankPos: pos, scored: true}
		switch q.Kind {
		case "SHORT_ANSWER":
			ans.text = q.AnswerZH
			if t.Awaiting {
				ans.scored = false
			} else {
				if shortSeen >= len(t.ShortPoints) {
					return attemptPlan{}, fmt.Errorf("attempt %s/%s: no points for short answer %d", t.Test, t.Emp, place)
				}
				ans.points, ans.comment, graded = t.ShortPoints[shortSeen], q.GraderCommentZH, true
			}
			shortSeen++
		default:
			correct, incorrect := []int{}, []int{}
			for j, o := range q.Options {
				if o.Correct {
					correct = append(correct, j+1)
				} else {
					incorrect = append(incorrect, j+1)
				}
			}
			switch {
			case slices.Contains(t.Miss, place):
				ans.options = incorrect[:1]
			case slices.Contains(t.Partial, place) && q.Kind == "MULTIPLE_CHOICE":
				ans.options = correct[:1]
			default:
				ans.options = correct
			}
			ans.points = scoreChoice(q, ans.options)
		}
		if ans.scored {
			p.score += ans.points
		}
		p.answers = append(p.answers, ans)
	}
	p.score = math.Round(p.score*100) / 100
	p.maxScore = math.Round(p.maxScore*100) / 100
	switch {
	case t.Awaiting:
	case graded:
		// The owner graded the short answers the next morning.
		p.gradedBy, p.gradedAt = c.Owner, at(today, t.Ago-1, 1.5)
		if t.Ago <= 1 {
			p.gradedAt = p.submitted.Add(2 * time.Hour)
		}
	default:
		p.gradedAt = p.submitted
	}
	return p, nil
}

// insertAttempts writes the demo attempts of every learner who has none at
// that test, with their drawn questions, answers and (for passes) the
// ASSESSMENT evidence the assessment package writes, where it agrees with
// the rating story. It returns the attempts and evidence rows added.
func insertAttempts(ctx context.Context, tx *sqlx.Tx, frameworkID int64, today time.Time) (int, int, error) {
	var code, emp, status, started, deadline, submitted, gradedBy, gradedAt []string
	var number []int
	var maxScore, score []float64
	var qcode, qemp []string
	var qnum, qpos, qord []int
	var acode, aemp, aopts, atext, apoints, acomment []string
	var anum, apos []int
	for _, t := range demoAttempts {
		p, err := t.plan(today)
		if err != nil {
			return 0, 0, fmt.Errorf("attempts: %w", err)
		}
		code, emp, number, status = append(code, t.Test), append(emp, t.Emp), append(number, t.Number), append(status, p.status)
		started, deadline, submitted = append(started, ts(p.started)), append(deadline, ts(p.deadline)), append(submitted, ts(p.submitted))
		gradedBy, gradedAt = append(gradedBy, p.gradedBy), append(gradedAt, ts(p.gradedAt))
		maxScore, score = append(maxScore, p.maxScore), append(score, p.score)
		for i, a := range p.answers {
			qcode, qemp, qnum, qpos, qord = append(qcode, t.Test), append(qemp, t.Emp), append(qnum, t.Number), append(qpos, a.bankPos), append(qord, i+1)
			pts := ""
			if a.scored {
				pts = fmt.Sprint(a.points)
			}
			opts := make([]string, len(a.options))
			for j, o := range a.options {
				opts[j] = fmt.Sprint(o)
			}
			acode, aemp, anum, apos = append(acode, t.Test), append(aemp, t.Emp), append(anum, t.Number), append(apos, a.bankPos)
			aopts, atext = append(aopts, "{"+strings.Join(opts, ",")+"}"), append(atext, a.text)
			apoints, acomment = append(apoints, pts), append(acomment, a.comment)
		}
	}
	// percent and passed are worked out as the assessment package's finish
	// does: score × 100 / max_score to the cent, passed at the pass mark.
	var added []int64
	err := tx.SelectContext(ctx, &added, `
		INSERT INTO attempts (assessment_id, employee_id, number, status, started_at, deadline_at, submitted_at,
		                      max_score, score, percent, passed, graded_by, graded_at)
		SELECT a.id, e.id, d.number, d.status, d.started::timestamptz, NULLIF(d.deadline, '')::timestamptz, d.submitted::timestamptz,
		       d.max_score,
		       CASE WHEN d.status = 'GRADED' THEN d.score END,
		       CASE WHEN d.status = 'GRADED' THEN round(d.score * 100 / d.max_score, 2) END,
		       CASE WHEN d.status = 'GRADED' THEN round(d.score * 100 / d.max_score, 2) >= a.pass_mark END,
		       g.id, NULLIF(d.graded_at, '')::timestamptz
		FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[], $10::text[], $11::text[])
		     AS d (code, emp, number, status, started, deadline, submitted, max_score, score, graded_by, graded_at)
		JOIN assessments a ON a.code = d.code
		JOIN employees e ON e.employee_no = d.emp AND e.status <> 'OFFBOARDED'
		LEFT JOIN employees g ON g.employee_no = d.graded_by
		WHERE NOT EXISTS (SELECT 1 FROM attempts x WHERE x.assessment_id = a.id AND x.employee_id = e.id)
		RETURNING id`,
		pq.Array(code), pq.Array(emp), pq.Array(number), pq.Array(status), pq.Array(started), pq.Array(deadline), pq.Array(submitted),
		pq.Array(maxScore), pq.Array(score), pq.Array(gradedBy), pq.Array(gradedAt))
	if err != nil {
		return 0, 0, fmt.Errorf("attempts: %w", err)
	}
	if len(added) == 0 {
		return 0, 0, nil
	}
	const attemptJoin = `
		JOIN assessments a ON a.code = d.code
		JOIN employees e ON e.employee_no = d.emp
		JOIN attempts t ON t.assessment_id = a.id AND t.employee_id = e.id AND t.number = d.number AND t.id = ANY($1)
		JOIN questions q ON q.assessment_id = a.id AND q.position = d.pos`
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO attempt_questions (attempt_id, assessment_id, question_id, position)
		SELECT t.id, t.assessment_id, q.id, d.ord
		FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[]) AS d (code, emp, number, pos, ord)`+attemptJoin,
		pq.Array(added), pq.Array(qcode), pq.Array(qemp), pq.Array(qnum), pq.Array(qpos), pq.Array(qord)); err != nil {
		return 0, 0, fmt.Errorf("attempt questions: %w", err)
	}
	// Choices are stored as option ids in ascending order, as the package
	// stores them.
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO attempt_answers (attempt_id, question_id, option_ids, text_answer, points_awarded, grader_comment, saved_at)
		SELECT t.id, q.id,
		       ARRAY(SELECT o.id FROM question_options o WHERE o.question_id = q.id AND o.position = ANY(d.opts::int[]) ORDER BY o.id),
		       d.text, NULLIF(d.points, '')::numeric, d.comment, t.submitted_at
		FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[])
		     AS d (code, emp, number, pos, opts, text, points, comment)`+attemptJoin,
		pq.Array(added), pq.Array(acode), pq.Array(aemp), pq.Array(anum), pq.Array(apos), pq.Array(aopts), pq.Array(atext),
		pq.Array(apoints), pq.Array(acomment)); err != nil {
		return 0, 0, fmt.Errorf("attempt answers: %w", err)
	}
	if frameworkID == 0 {
		return len(added), 0, nil
	}
	// The evidence of a pass, as assessment.passed writes it, left out
	// where it is at least as recent as the latest confirmed rating and
	// disagrees with it (see insertCourseEvidence).
	res, err := tx.ExecContext(ctx, `
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source,
			instrument, score, ref_id, assessor_id, observed_on, comment)
		SELECT t.employee_id, ac.competency_id, f.id, least(ac.level, f.max_level), 'ASSESSMENT',
		       a.code, t.percent, t.id, NULL, (t.submitted_at AT TIME ZONE 'UTC')::date, ''
		FROM attempts t
		JOIN assessments a ON a.id = t.assessment_id
		JOIN assessment_competencies ac ON ac.assessment_id = a.id
		JOIN frameworks f ON f.id = $2
		JOIN competency_versions v ON v.framework_id = f.id AND v.competency_id = ac.competency_id AND NOT v.archived
		WHERE t.id = ANY($1) AND t.passed
		  AND NOT EXISTS (
			SELECT 1 FROM (`+latestRatingSQL("t.employee_id", "ac.competency_id")+`) r
			WHERE r.observed_on <= (t.submitted_at AT TIME ZONE 'UTC')::date AND r.level <> least(ac.level, f.max_level))`,
		pq.Array(added), frameworkID)
	if err != nil {
		return 0, 0, fmt.Errorf("assessment evidence: %w", err)
	}
	ev, _ := res.RowsAffected()
	return len(added), int(ev), nil
}

// latestRatingSQL selects the latest confirmed rating (by a manager,
// trainer or HR) of one employee in one competency: the rating story.
func latestRatingSQL(employee, competency string) string {
	return `SELECT x.level, x.observed_on FROM competency_evidence x
		WHERE x.employee_id = ` + employee + ` AND x.competency_id = ` + competency + `
		  AND x.source IN ('MANAGER', 'TRAINER', 'HR')
		ORDER BY x.observed_on DESC, x.recorded_at DESC, x.id DESC LIMIT 1`
}

// storyLevels reads every employee's latest confirmed rating per
// competency, by employee number and competency code.
func storyLevels(ctx context.Context, tx *sqlx.Tx) (map[string]map[string]int, error) {
	var rows []struct {
		No    string `db:"employee_no"`
		Code  string `db:"code"`
		Level int    `db:"level"`
	}
	err := tx.SelectContext(ctx, &rows, `
		SELECT DISTINCT ON (x.employee_id, x.competency_id) e.employee_no, c.code, x.level
		FROM competency_evidence x
		JOIN employees e ON e.id = x.employee_id
		JOIN competencies c ON c.id = x.competency_id
		WHERE x.source IN ('MANAGER', 'TRAINER', 'HR')
		ORDER BY x.employee_id, x.competency_id, x.observed_on DESC, x.recorded_at DESC, x.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("rating story: %w", err)
	}
	out := map[string]map[string]int{}
	for _, r := range rows {
		if out[r.No] == nil {
			out[r.No] = map[string]int{}
		}
		out[r.No][r.Code] = r.Level
	}
	return out, nil
}

// storyLevel is the rated level, 2 (an agent's standard) when unrated.
func storyLevel(story map[string]map[string]int, emp, comp string) int {
	if l, ok := story[emp][comp]; ok {
		return l
	}
	return 2
}

// demoRubric is a rubric with its weighted criteria; Descriptors are for
// levels 1..5 (index 0 is level 1).
type demoRubric struct {
	Code, Purpose, Owner         string
	NameEN, NameZH               string
	DescriptionEN, DescriptionZH string
	Criteria                     []demoCriterion
}

type demoCriterion struct {
	Competency     string
	Weight         float64
	NameEN, NameZH string
	Descriptors    [5]indicator
	// Notes are item comments an assessor writes when the level is above
	// (index 0) or below (index 1) the employee's usual.
	Notes [2]string
}

func demoRubricByCode(code string) (demoRubric, bool) {
	for _, r := range demoRubrics {
		if r.Code == code {
			return r, true
		}
	}
	return demoRubric{}, false
}

// upsertRubrics writes the rubrics (by code), published against the
// framework's scale, and the criteria and descriptors of a rubric that has
// none yet (a scored rubric's criteria can no longer change anyway).
func upsertRubrics(ctx context.Context, tx *sqlx.Tx, frameworkID int64, today time.Time) (int, error) {
	var code, purpose, owner, nen, nzh, den, dzh []string
	var ccode, ccomp, cen, czh []string
	var cpos []int
	var cweight []float64
	var dcode, den2, dzh2 []string
	var dpos, dlevel []int
	for _, r := range demoRubrics {
		code, purpose, owner = append(code, r.Code), append(purpose, r.Purpose), append(owner, r.Owner)
		nen, nzh, den, dzh = append(nen, r.NameEN), append(nzh, r.NameZH), append(den, r.DescriptionEN), append(dzh, r.DescriptionZH)
		for i, c := range r.Criteria {
			ccode, ccomp, cpos, cweight = append(ccode, r.Code), append(ccomp, c.Competency), append(cpos, i), append(cweight, c.Weight)
			cen, czh = append(cen, c.NameEN), append(czh, c.NameZH)
			for l, d := range c.Descriptors {
				dcode, dpos, dlevel = append(dcode, r.Code), append(dpos, i), append(dlevel, l+1)
				den2, dzh2 = append(den2, d.EN), append(dzh2, d.ZH)
			}
		}
	}
	published := at(today, 200, 2)
	res, err := tx.ExecContext(ctx, `
		INSERT INTO rubrics (code, name_en, name_zh, description_en, description_zh, purpose, status, owner_id, max_level,
		                     created_at, updated_at, published_at)
		SELECT d.code, d.nen, d.nzh, d.den, d.dzh, d.purpose, 'PUBLISHED', o.id, f.max_level, $9::timestamptz - interval '10 days', $9, $9
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS d (code, purpose, owner, nen, nzh, den, dzh)
		JOIN employees o ON o.employee_no = d.owner
		JOIN frameworks f ON f.id = $8
		ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh,
			description_en = EXCLUDED.description_en, description_zh = EXCLUDED.description_zh`,
		pq.Array(code), pq.Array(purpose), pq.Array(owner), pq.Array(nen), pq.Array(nzh), pq.Array(den), pq.Array(dzh),
		frameworkID, published)
	if err != nil {
		return 0, fmt.Errorf("rubrics: %w", err)
	}
	if n, _ := res.RowsAffected(); int(n) != len(demoRubrics) {
		return 0, fmt.Errorf("rubrics: wrote %d of %d (unknown owner?)", n, len(demoRubrics))
	}
	var added []int64
	err = tx.SelectContext(ctx, &added, `
		INSERT INTO rubric_criteria (rubric_id, competency_id, weight, position, name_en, name_zh)
		SELECT r.id, k.id, d.weight, d.pos, d.en, d.zh
		FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[], $5::text[], $6::text[]) AS d (code, comp, pos, weight, en, zh)
		JOIN rubrics r ON r.code = d.code
		JOIN competencies k ON k.code = d.comp
		WHERE NOT EXISTS (SELECT 1 FROM rubric_criteria x WHERE x.rubric_id = r.id)
		RETURNING id`,
		pq.Array(ccode), pq.Array(ccomp), pq.Array(cpos), pq.Array(cweight), pq.Array(cen), pq.Array(czh))
	if err != nil {
		return 0, fmt.Errorf("rubric criteria: %w", err)
	}
	if len(added) > 0 {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO rubric_level_descriptors (criterion_id, level, text_en, text_zh)
			SELECT c.id, d.level, d.en, d.zh
			FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[]) AS d (code, pos, level, en, zh)
			JOIN rubrics r ON r.code = d.code
			JOIN rubric_criteria c ON c.rubric_id = r.id AND c.position = d.pos AND c.id = ANY($1)`,
			pq.Array(added), pq.Array(dcode), pq.Array(dpos), pq.Array(dlevel), pq.Array(den2), pq.Array(dzh2)); err != nil {
			return 0, fmt.Errorf("rubric descriptors: %w", err)
		}
	}
	return len(demoRubrics), nil
}

// weightedScore is rubric.WeightedScore, repeated here because the seed
// does not import the package: Σ(weight × level / maxLevel) / Σ weight ×
// 100, in exact integer arithmetic over weights in hundredths, rounded half
// up to two decimals.
func weightedScore(weights []float64, levels []int, maxLevel int) float64 {
	var num, den int64
	for i, w := range weights {
		wi := int64(math.Round(w * 100))
		num += wi * int64(levels[i])
		den += wi
	}
	if den <= 0 || maxLevel <= 0 {
		return 0
	}
	den *= int64(maxLevel)
	return float64((2*num*10000+den)/(2*den)) / 100
}

// scorecardPlan is one planned scorecard.
type scorecardPlan struct {
	rubric, emp, assessor, channel, ref, comment string
	on, scoredAt                                 time.Time
	levels                                       []int
	notes                                        []string
	score                                        float64
}

// offset is how far an item lies from the employee's rated level: row k
// of a person's scorecards and criterion c. Over any five consecutive rows
// each criterion gets one +1 and one −1, the rest 0, so the lower median
// of the last five samples (how the proficiency rule combines scorecards)
// is the rated level itself.
func offset(k, c, seed int) int {
	switch (k + c + seed) % 5 {
	case 0:
		return 1
	case 2:
		return -1
	}
	return 0
}

// planScorecards works out every demo scorecard from the rating story.
func planScorecards(today time.Time, story map[string]map[string]int, maxLevel int) []scorecardPlan {
	var out []scorecardPlan
	add := func(rubric, emp, assessor, channel, ref string, on time.Time, row, seed int, commentIdx int, onlyUp bool) {
		r, ok := demoRubricByCode(rubric)
		if !ok {
			return
		}
		p := scorecardPlan{rubric: rubric, emp: emp, assessor: assessor, channel: channel, ref: ref, on: on}
		weights := make([]float64, len(r.Criteria))
		for c, cr := range r.Criteria {
			o := offset(row, c, seed)
			if onlyUp && o < 0 {
				o = 0
			}
			weights[c] = cr.Weight
			l := clamp(storyLevel(story, emp, cr.Competency)+o, 1, maxLevel)
			note := ""
			switch {
			case o > 0:
				note = cr.Notes[0]
			case o < 0:
				note = cr.Notes[1]
			}
			p.levels, p.notes = append(p.levels, l), append(p.notes, note)
		}
		p.score = weightedScore(weights, p.levels, maxLevel)
		p.comment = scorecardComments[commentIdx%len(scorecardComments)]
		// Scored one to three days after the interaction, never in the future.
		p.scoredAt = on.AddDate(0, 0, 1+int(hashOf(ref, assessor)%3)).Add(time.Duration(6+hashOf(emp, ref)%4) * time.Hour)
		if !p.scoredAt.Before(today) {
			p.scoredAt = today.Add(-time.Hour)
		}
		out = append(out, p)
	}
	for i, s := range demoQASamples {
		e, _ := demoEmployeeByNo(s.Emp)
		// Four sampled contacts over the last three months: QA twice, a
		// trainer once, the agent's own team lead once.
		assessors := []string{qaAssessor, trainerAssessor, qaAssessor, e.Manager}
		for k := range 4 {
			ago := 8 + k*21 + int(hashOf(s.Emp, fmt.Sprint(k))%9)
			on := today.AddDate(0, 0, -ago)
			channel := "CALL"
			if (i+k)%3 == 2 {
				channel = "CHAT"
			}
			ref := fmt.Sprintf("%s-%d-%04d", channel, on.Year(), 1000+hashOf(s.Emp, fmt.Sprint(k), "ref")%9000)
			add("QA-CALLS", s.Emp, assessors[k], channel, ref, on, k, i, i+k, false)
			// Calibration: the trainer scores the same interaction too,
			// independently; row 4 keeps the medians where they were.
			if s.Calibrate == k+1 {
				add("QA-CALLS", s.Emp, trainerAssessor, channel, ref, on, 4, i, i+k+3, false)
			}
		}
	}
	// Observations of the team leads by their managers: two each, levels at
	// or one above the rated level (two samples: a lower one would pull the
	// lower median down).
	for i, o := range demoObservations {
		e, _ := demoEmployeeByNo(o)
		for k, ago := range []int{68, 19} {
			on := today.AddDate(0, 0, -ago-i)
			ref := fmt.Sprintf("SHIFT-%s-%s", on.Format("2006-01-02"), strings.TrimPrefix(o, "CS-"))
			add("TL-OBSERVE", o, e.Manager, "OTHER", ref, on, k, i, 5+i+k, true)
		}
	}
	return out
}

// insertScorecards writes the demo scorecards of employees who have none on
// that rubric, their items and one RUBRIC evidence row per item, as
// rubric.Score does: observed on the interaction's day, the weighted score
// as score, the scorecard as record.
func insertScorecards(ctx context.Context, tx *sqlx.Tx, frameworkID int64, today time.Time, story map[string]map[string]int) (int, int, error) {
	var maxLevel int
	if err := tx.GetContext(ctx, &maxLevel, `SELECT max_level FROM frameworks WHERE id = $1`, frameworkID); err != nil {
		return 0, 0, fmt.Errorf("scorecards: %w", err)
	}
	plans := planScorecards(today, story, maxLevel)
	var rub, emp, ass, channel, ref, on, comment, scored []string
	var score []float64
	var irub, iemp, iass, iref, icomment []string
	var ipos, ilevel []int
	for _, p := range plans {
		rub, emp, ass, channel, ref = append(rub, p.rubric), append(emp, p.emp), append(ass, p.assessor), append(channel, p.channel), append(ref, p.ref)
		on, comment, scored, score = append(on, p.on.Format(time.DateOnly)), append(comment, p.comment), append(scored, ts(p.scoredAt)), append(score, p.score)
		for c, l := range p.levels {
			irub, iemp, iass, iref = append(irub, p.rubric), append(iemp, p.emp), append(iass, p.assessor), append(iref, p.ref)
			ipos, ilevel, icomment = append(ipos, c), append(ilevel, l), append(icomment, p.notes[c])
		}
	}
	var out struct {
		Scorecards int `db:"scorecards"`
		Evidence   int `db:"evidence"`
	}
	// One statement, as rubric.Score writes a scorecard: the scorecard,
	// its items, and the items' evidence.
	err := tx.GetContext(ctx, &out, `
		WITH sc AS (
			INSERT INTO scorecards (rubric_id, employee_id, assessor_id, framework_id, channel, interaction_ref,
			                        interaction_on, comment, weighted_score, scored_at)
			SELECT r.id, e.id, a.id, $1, d.channel, d.ref, d.day::date, d.comment, d.score, d.scored::timestamptz
			FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::text[])
			     AS d (rubric, emp, assessor, channel, ref, day, comment, score, scored)
			JOIN rubrics r ON r.code = d.rubric
			JOIN employees e ON e.employee_no = d.emp AND e.status <> 'OFFBOARDED'
			JOIN employees a ON a.employee_no = d.assessor
			WHERE NOT EXISTS (SELECT 1 FROM scorecards x WHERE x.rubric_id = r.id AND x.employee_id = e.id)
			RETURNING id, rubric_id, employee_id, assessor_id, framework_id, interaction_ref, interaction_on, weighted_score
		), it AS (
			INSERT INTO scorecard_items (scorecard_id, rubric_id, criterion_id, level, comment)
			SELECT sc.id, sc.rubric_id, c.id, d.level, d.comment
			FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::int[], $16::int[], $17::text[])
			     AS d (rubric, emp, assessor, ref, pos, level, comment)
			JOIN rubrics r ON r.code = d.rubric
			JOIN employees e ON e.employee_no = d.emp
			JOIN employees a ON a.employee_no = d.assessor
			JOIN sc ON sc.rubric_id = r.id AND sc.employee_id = e.id AND sc.assessor_id = a.id AND sc.interaction_ref = d.ref
			JOIN rubric_criteria c ON c.rubric_id = r.id AND c.position = d.pos
			RETURNING scorecard_id, criterion_id, level, comment
		), ev AS (
			INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source,
				assessor_id, comment, observed_on, instrument, score, ref_id)
			SELECT sc.employee_id, c.competency_id, sc.framework_id, it.level, 'RUBRIC',
			       sc.assessor_id, it.comment, sc.interaction_on, r.code, sc.weighted_score, sc.id
			FROM it
			JOIN sc ON sc.id = it.scorecard_id
			JOIN rubric_criteria c ON c.id = it.criterion_id
			JOIN rubrics r ON r.id = sc.rubric_id
			RETURNING id
		)
		SELECT (SELECT count(*) FROM sc) AS scorecards, (SELECT count(*) FROM ev) AS evidence`,
		frameworkID, pq.Array(rub), pq.Array(emp), pq.Array(ass), pq.Array(channel), pq.Array(ref), pq.Array(on),
		pq.Array(comment), pq.Array(score), pq.Array(scored),
		pq.Array(irub), pq.Array(iemp), pq.Array(iass), pq.Array(iref), pq.Array(ipos), pq.Array(ilevel), pq.Array(icomment))
	if err != nil {
		return 0, 0, fmt.Errorf("scorecards: %w", err)
	}
	return out.Scorecards, out.Evidence, nil
}

// kpiBand is the range a KPI's monthly values fall in for someone at each
// rated level of the KPI's competency (index 0 is level 1, the last serves
// every level above). The bands sit inside the thresholds of
// demoKPIThresholds, so a result shows the level the person is rated at.
type kpiBand struct {
	Code       string
	Competency string // whose rated level picks the band
	Bands      [4][2]float64
	Decimals   int
	// Volume is the share of a person's contacts behind the value (CSAT:
	// the surveyed ones); QA_SCORE counts its sampled contacts instead.
	Volume float64
}

// quarterStart is the first day of the quarter holding d.
func quarterStart(d time.Time) time.Time {
	m := (int(d.Month())-1)/3*3 + 1
	return time.Date(d.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}

// kpiMonths are the six months of the last two complete quarters before
// today.
func kpiMonths(today time.Time) []time.Time {
	first := quarterStart(today).AddDate(0, -6, 0)
	out := make([]time.Time, 6)
	for i := range out {
		out[i] = first.AddDate(0, i, 0)
	}
	return out
}

// upsertKPIThresholds writes which KPI values show which competency levels.
func upsertKPIThresholds(ctx context.Context, tx *sqlx.Tx) error {
	var kpi, comp []string
	var level []int
	var threshold []float64
	for _, t := range demoKPIThresholds {
		kpi, comp, level, threshold = append(kpi, t.KPI), append(comp, t.Competency), append(level, t.Level), append(threshold, t.Threshold)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO kpi_competency_levels (kpi_id, competency_id, level, threshold)
		SELECT k.id, c.id, d.level, d.threshold
		FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[]) AS d (kpi, comp, level, threshold)
		JOIN kpi_definitions k ON k.code = d.kpi
		JOIN competencies c ON c.code = d.comp
		ON CONFLICT (kpi_id, competency_id, level) DO NOTHING`,
		pq.Array(kpi), pq.Array(comp), pq.Array(level), pq.Array(threshold)); err != nil {
		return fmt.Errorf("KPI thresholds: %w", err)
	}
	return nil
}

// kpiPeople is who has KPI results: every active agent and team lead.
func kpiPeople() []demoEmployee {
	var out []demoEmployee
	for _, e := range employees {
		if e.Offboarded == "" && (e.Position == "AGENT" || e.Position == "TEAM_LEAD") {
			out = append(out, e)
		}
	}
	return out
}

// kpiValue is one person's value of one KPI in one month.
func kpiValue(b kpiBand, e demoEmployee, story map[string]map[string]int, month time.Time, latestQuarter bool) float64 {
	l := clamp(storyLevel(story, e.No, b.Competency), 1, len(b.Bands)) - 1
	lo, hi := b.Bands[l][0], b.Bands[l][1]
	// A steady personal level within the band, plus a little monthly noise
	// that stays inside it.
	base := lo + (hi-lo)*(0.25+0.5*unit(e.No, b.Code))
	v := base + (hi-lo)*0.25*(2*unit(e.No, b.Code, month.Format("2006-01"))-1)
	// Team East's complaints rose last quarter (why CS-210 was assigned).
	if b.Code == "COMPLAINT_RATE" && e.Team == "CS-EAST" && latestQuarter {
		v += 0.4
	}
	p := math.Pow(10, float64(b.Decimals))
	return math.Round(v*p) / p
}

// insertKPIRecords writes two quarters of monthly results for every active
// agent and lead who has no KPI records yet, as one import by HR, and the
// KPI evidence the import would add where it agrees with the rating story.
// It returns the records and evidence rows added.
func insertKPIRecords(ctx context.Context, tx *sqlx.Tx, today time.Time, story map[string]map[string]int) (int, int, error) {
	var have []string
	if err := tx.SelectContext(ctx, &have, `SELECT DISTINCT e.employee_no FROM kpi_records r JOIN employees e ON e.id = r.employee_id`); err != nil {
		return 0, 0, fmt.Errorf("KPI records: %w", err)
	}
	months := kpiMonths(today)
	latest := months[3]
	var emp, kpi, start, end []string
	var value []float64
	var volume []int
	for _, e := range kpiPeople() {
		if slices.Contains(have, e.No) {
			continue
		}
		contacts := 420 + int(hashOf(e.No, "volume")%200)
		if e.Position == "TEAM_LEAD" {
			contacts = 150 + int(hashOf(e.No, "volume")%70) // escalations
		}
		for _, m := range months {
			n := contacts + int(hashOf(e.No, m.Format("2006-01"))%60) - 30
			for _, b := range demoKPIBands {
				vol := int(math.Round(float64(n) * b.Volume))
				if b.Code == "QA_SCORE" {
					vol = 4 + int(hashOf(e.No, m.Format("2006-01"), "qa")%3)
				}
				emp, kpi = append(emp, e.No), append(kpi, b.Code)
				start, end = append(start, m.Format(time.DateOnly)), append(end, m.AddDate(0, 1, -1).Format(time.DateOnly))
				value, volume = append(value, kpiValue(b, e, story, m, !m.Before(latest))), append(volume, max(vol, 1))
			}
		}
	}
	if len(emp) == 0 {
		return 0, 0, nil
	}
	// Imported a few days after the quarter closed, never in the future.
	imported := quarterStart(today).AddDate(0, 0, 5).Add(2 * time.Hour)
	if !imported.Before(today) {
		imported = today.AddDate(0, 0, -1).Add(2 * time.Hour)
	}
	filename := fmt.Sprintf("contact-centre-kpis-%s-to-%s.csv", months[0].Format("2006-01"), months[5].Format("2006-01"))
	var out struct {
		Records  int `db:"records"`
		Evidence int `db:"evidence"`
	}
	// As kpi's import writes them: records, the import, and per record and
	// competency the highest level whose threshold it meets as evidence,
	// here only where that is the rated level.
	err := tx.GetContext(ctx, &out, `
		WITH imp AS (
			INSERT INTO kpi_imports (filename, imported_by, rows, created_at)
			SELECT $1, h.id, $2, $3 FROM (SELECT 1) one LEFT JOIN employees h ON h.employee_no = $4
			RETURNING id
		), up AS (
			INSERT INTO kpi_records (employee_id, kpi_id, period_start, period_end, value, volume, source, import_id, created_at, updated_at)
			SELECT e.id, k.id, d.start::date, d.end::date, d.value, d.volume, 'IMPORT', imp.id, $3, $3
			FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::int[]) AS d (emp, kpi, start, "end", value, volume)
			JOIN employees e ON e.employee_no = d.emp
			JOIN kpi_definitions k ON k.code = d.kpi
			CROSS JOIN imp
			ON CONFLICT (employee_id, kpi_id, period_start) DO NOTHING
			RETURNING id, employee_id, kpi_id, period_end, value
		), best AS (
			SELECT DISTINCT ON (u.id, l.competency_id)
			       u.id, u.employee_id, u.period_end, u.value, k.code, l.competency_id, l.level
			FROM up u
			JOIN kpi_definitions k ON k.id = u.kpi_id
			JOIN kpi_competency_levels l ON l.kpi_id = u.kpi_id
			WHERE CASE k.direction WHEN 'LOWER_IS_BETTER' THEN u.value <= l.threshold ELSE u.value >= l.threshold END
			ORDER BY u.id, l.competency_id, l.level DESC
		), ev AS (
			INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source,
				instrument, score, ref_id, observed_on, assessor_id, comment)
			SELECT b.employee_id, b.competency_id, f.id, least(b.level, f.max_level), 'KPI',
			       b.code, b.value, b.id, b.period_end, NULL, ''
			FROM best b
			JOIN frameworks f ON f.status = 'PUBLISHED'
			JOIN competency_versions v ON v.framework_id = f.id AND v.competency_id = b.competency_id AND NOT v.archived
			WHERE EXISTS (SELECT 1 FROM (`+latestRatingSQL("b.employee_id", "b.competency_id")+`) r
			              WHERE r.level = least(b.level, f.max_level))
			RETURNING id
		)
		SELECT (SELECT count(*) FROM up) AS records, (SELECT count(*) FROM ev) AS evidence`,
		filename, len(emp), imported, hrImporter,
		pq.Array(emp), pq.Array(kpi), pq.Array(start), pq.Array(end), pq.Array(value), pq.Array(volume))
	if err != nil {
		return 0, 0, fmt.Errorf("KPI records: %w", err)
	}
	return out.Records, out.Evidence, nil
}

// upsertKPIRequirements adds the ladder's KPI requirements (kind KPI,
// migration 00014), keyed by position and KPI.
func upsertKPIRequirements(ctx context.Context, tx *sqlx.Tx) (int, error) {
	var pos, kpi []string
	var threshold []float64
	var months []int
	for _, r := range demoKPIRequirements {
		pos, kpi, threshold, months = append(pos, r.Position), append(kpi, r.KPI), append(threshold, r.Threshold), append(months, r.Months)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO position_requirements (position_id, kind, kpi_id, kpi_threshold, kpi_months)
		SELECT p.id, 'KPI', k.id, d.threshold, d.months
		FROM unnest($1::text[], $2::text[], $3::numeric[], $4::int[]) AS d (pos, kpi, threshold, months)
		JOIN positions p ON p.code = d.pos JOIN kpi_definitions k ON k.code = d.kpi
		ON CONFLICT (position_id, kpi_id) WHERE kind = 'KPI'
		DO UPDATE SET kpi_threshold = EXCLUDED.kpi_threshold, kpi_months = EXCLUDED.kpi_months`,
		pq.Array(pos), pq.Array(kpi), pq.Array(threshold), pq.Array(months))
	if err != nil {
		return 0, fmt.Errorf("KPI requirements: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// halfYear is the half-year holding d: its code (2026-H1), first and last
// day.
func halfYear(d time.Time) (code string, start, end time.Time) {
	h, m := 1, time.January
	if d.Month() > time.June {
		h, m = 2, time.July
	}
	start = time.Date(d.Year(), m, 1, 0, 0, 0, 0, time.UTC)
	return fmt.Sprintf("%d-H%d", d.Year(), h), start, start.AddDate(0, 6, -1)
}

// reviewPeriods are the demo's two periods: the half-year whose review round
// runs now (OPEN; it has been going for at least six weeks, or it would be
// too young to rate) and the one before it (CLOSED).
func reviewPeriods(today time.Time) (prev, cur demoPeriod) {
	code, s, e := halfYear(today.AddDate(0, 0, -45))
	cur = demoPeriod{code, s, e}
	code, s, e = halfYear(s.AddDate(0, 0, -1))
	return demoPeriod{code, s, e}, cur
}

type demoPeriod struct {
	Code       string
	Start, End time.Time
}

func (p demoPeriod) names() (en, zh string) {
	y, h := p.Start.Year(), "first"
	zhH := "上"
	if p.Start.Month() == time.July {
		h, zhH = "second", "下"
	}
	return fmt.Sprintf("%d %s half", y, h), fmt.Sprintf("%d年%s半年", y, zhH)
}

// ratingEvent is one row of performance_rating_events.
type ratingEvent struct {
	kind, from, to, actor, note string
	rating, previous            float64
	at                          time.Time
}

// seedPerformance writes the two review periods and everyone's ratings with
// their events, into a database without review periods: once HR runs
// reviews, the demo leaves them alone. It returns the periods and ratings
// added.
func seedPerformance(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, int, error) {
	var any bool
	if err := tx.GetContext(ctx, &any, `SELECT EXISTS (SELECT 1 FROM review_periods)`); err != nil || any {
		return 0, 0, err
	}
	prev, cur := reviewPeriods(today)
	pen, pzh := prev.names()
	cen, czh := cur.names()
	closed := prev.End.AddDate(0, 0, 30).Add(8 * time.Hour)
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO review_periods (code, name_en, name_zh, starts_on, ends_on, status, opened_by, opened_at, closed_by, closed_at)
		SELECT d.code, d.en, d.zh, d.starts::date, d.ends::date, d.status, h.id, d.starts::timestamptz + interval '1 hour',
		       CASE WHEN d.status = 'CLOSED' THEN h.id END, NULLIF(d.closed, '')::timestamptz
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
		     AS d (code, en, zh, starts, ends, status, closed)
		LEFT JOIN employees h ON h.employee_no = $8`,
		pq.Array([]string{prev.Code, cur.Code}), pq.Array([]string{pen, cen}), pq.Array([]string{pzh, czh}),
		pq.Array([]string{prev.Start.Format(time.DateOnly), cur.Start.Format(time.DateOnly)}),
		pq.Array([]string{prev.End.Format(time.DateOnly), cur.End.Format(time.DateOnly)}),
		pq.Array([]string{"CLOSED", "OPEN"}), pq.Array([]string{ts(closed), ""}), hrImporter); err != nil {
		return 0, 0, fmt.Errorf("review periods: %w", err)
	}

	var period, emp, rater, comment, status, empComment, ratedAt, ackAt, disAt, updated []string
	var rating []float64
	var eperiod, eemp, ekind, efrom, eto, eactor, enote, eat []string
	var erating, eprev []float64
	for i, r := range demoPerformance {
		e, ok := demoEmployeeByNo(r.Emp)
		if !ok {
			return 0, 0, fmt.Errorf("performance: unknown employee %s", r.Emp)
		}
		p := prev
		rated := prev.End.AddDate(0, 0, -12+i%8).Add(3*time.Hour + time.Duration(i)*7*time.Minute)
		if r.Current {
			p = cur
			rated = today.AddDate(0, 0, -r.DaysAgo).Add(3*time.Hour + time.Duration(i)*7*time.Minute)
			if rated.Before(cur.Start) {
				rated = cur.Start.Add(3 * time.Hour)
			}
		}
		var evs []ratingEvent
		first, value := r.Rating, r.Rating
		if r.RatedFirst != 0 {
			first = r.RatedFirst
		}
		note := r.Comment
		if r.FirstComment != "" {
			note = r.FirstComment
		}
		evs = append(evs, ratingEvent{kind: "RATED", to: "SUBMITTED", actor: e.Manager, note: note, rating: first, at: rated})
		if r.RatedFirst != 0 {
			rated = rated.AddDate(0, 0, 1)
			evs = append(evs, ratingEvent{kind: "RERATED", from: "SUBMITTED", to: "SUBMITTED", actor: e.Manager,
				note: r.Comment, rating: value, previous: first, at: rated})
		}
		st, ack, dis, last := "SUBMITTED", time.Time{}, time.Time{}, rated
		respond := rated.AddDate(0, 0, 1+i%2).Add(3 * time.Hour)
		switch r.Status {
		case "ACKNOWLEDGED":
			st, ack, last = "ACKNOWLEDGED", respond, respond
			evs = append(evs, ratingEvent{kind: "ACKNOWLEDGED", from: "SUBMITTED", to: st, actor: e.No, note: r.EmployeeComment,
				rating: value, previous: value, at: ack})
		case "DISPUTED":
			st, dis, last = "DISPUTED", respond, respond
			evs = append(evs, ratingEvent{kind: "DISPUTED", from: "SUBMITTED", to: st, actor: e.No, note: r.EmployeeComment,
				rating: value, previous: value, at: dis})
		}
		period, emp, rater, rating, comment = append(period, p.Code), append(emp, e.No), append(rater, e.Manager), append(rating, value), append(comment, r.Comment)
		status, empComment, ratedAt = append(status, st), append(empComment, r.EmployeeComment), append(ratedAt, ts(rated))
		ackAt, disAt, updated = append(ackAt, ts(ack)), append(disAt, ts(dis)), append(updated, ts(last))
		for _, v := range evs {
			eperiod, eemp, ekind, efrom, eto = append(eperiod, p.Code), append(eemp, e.No), append(ekind, v.kind), append(efrom, v.from), append(eto, v.to)
			eactor, enote, eat, erating, eprev = append(eactor, v.actor), append(enote, v.note), append(eat, ts(v.at)), append(erating, v.rating), append(eprev, v.previous)
		}
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO performance_ratings (period_id, employee_id, rated_by, rating, comment, rated_at, status, employee_comment,
		                                 acknowledged_at, disputed_at, updated_at)
		SELECT p.id, e.id, m.id, d.rating, d.comment, d.rated::timestamptz, d.status, d.emp_comment,
		       NULLIF(d.ack, '')::timestamptz, NULLIF(d.dis, '')::timestamptz, d.updated::timestamptz
		FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
		     AS d (period, emp, rater, rating, comment, rated, status, emp_comment, ack, dis, updated)
		JOIN review_periods p ON p.code = d.period
		JOIN employees e ON e.employee_no = d.emp AND e.status <> 'OFFBOARDED'
		JOIN employees m ON m.employee_no = d.rater`,
		pq.Array(period), pq.Array(emp), pq.Array(rater), pq.Array(rating), pq.Array(comment), pq.Array(ratedAt),
		pq.Array(status), pq.Array(empComment), pq.Array(ackAt), pq.Array(disAt), pq.Array(updated))
	if err != nil {
		return 0, 0, fmt.Errorf("performance ratings: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO performance_rating_events (rating_id, kind, from_status, to_status, rating, previous_rating, actor_id, at, note)
		SELECT r.id, d.kind, NULLIF(d.from_status, ''), d.to_status, d.rating, NULLIF(d.previous, 0), a.id, d.at::timestamptz, d.note
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::text[], $10::text[])
		     WITH ORDINALITY AS d (period, emp, kind, from_status, to_status, rating, previous, actor, at, note, n)
		JOIN review_periods p ON p.code = d.period
		JOIN employees e ON e.employee_no = d.emp
		JOIN performance_ratings r ON r.period_id = p.id AND r.employee_id = e.id
		JOIN employees a ON a.employee_no = d.actor
		ORDER BY d.n`,
		pq.Array(eperiod), pq.Array(eemp), pq.Array(ekind), pq.Array(efrom), pq.Array(eto), pq.Array(erating), pq.Array(eprev),
		pq.Array(eactor), pq.Array(eat), pq.Array(enote)); err != nil {
		return 0, 0, fmt.Errorf("performance rating events: %w", err)
	}
	return 2, int(n), nil
}
