package assessment_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
)

// TestAnswersHidden: nothing a learner reads before submitting can tell
// them which options are right.
func TestAnswersHidden(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{}, single(2, 1), multiple(2, 4, 0, 3), trueFalse(1, 0), shortAnswer(3))

	for _, typ := range []reflect.Type{reflect.TypeOf(assessment.LearnerQuestion{}), reflect.TypeOf(assessment.LearnerOption{})} {
		for i := 0; i < typ.NumField(); i++ {
			name := strings.ToLower(typ.Field(i).Name)
			if strings.Contains(name, "correct") || strings.Contains(name, "explanation") {
				t.Errorf("%s has a field %s", typ.Name(), typ.Field(i).Name)
			}
		}
	}

	at := f.startAttempt(t, f.learner, a)
	if _, err := f.store.SaveAnswers(ctx, f.learner, at.ID, []assessment.Answer{pick(a.Questions[0], 1)}); err != nil {
		t.Fatal(err)
	}
	qs, err := f.store.QuestionsForAttempt(ctx, f.learner, at.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 4 || len(qs[1].Options) != 4 || qs[1].Options[0].TextEN != "Option A" {
		t.Fatalf("QuestionsForAttempt: %+v", qs)
	}
	if !slices.Equal(qs[0].SelectedOptionIDs, []int64{a.Questions[0].Options[1].ID}) {
		t.Errorf("the saved answer is not given back: %v", qs[0].SelectedOptionIDs)
	}
	b, err := json.Marshal(qs)
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.ToLower(string(b)); strings.Contains(s, "correct") || strings.Contains(s, "because") {
		t.Errorf("the learner's questions give the answers away: %s", b)
	}

	// Only the learner reads their attempt's questions.
	_, err = f.store.QuestionsForAttempt(ctx, f.colleague, at.ID)
	wantCode(t, err, rungs.ErrForbidden, "attempt.learner_only")
	// No review before submission, then a review with the answers.
	_, err = f.store.AttemptReview(ctx, f.learner, at.ID)
	wantCode(t, err, rungs.ErrConflict, "attempt.in_progress")
	if _, err := f.store.SubmitAttempt(ctx, f.learner, at.ID, nil); err != nil {
		t.Fatal(err)
	}
	r, err := f.store.AttemptReview(ctx, f.learner, at.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Questions) != 4 || !r.Questions[0].Options[1].Correct || r.Questions[0].ExplanationEN != "Because." ||
		!r.Questions[0].PointsAwarded.Valid || r.Questions[0].PointsAwarded.Float64 != 2 ||
		!slices.Equal([]int64(r.Questions[0].SelectedOptionIDs), []int64{a.Questions[0].Options[1].ID}) {
		t.Errorf("review: %+v", r.Questions[0])
	}
	_, err = f.store.AttemptReview(ctx, f.colleague, at.ID)
	wantCode(t, err, rungs.ErrNotFound, "attempt.not_found")
}

func TestScoring(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// 2 + 1 + 4 = 7 points; the multiple-choice question has two right
	// options (A and C) among four.
	a := f.publish(t, assessment.AssessmentInput{PassMark: 70}, single(2, 1), trueFalse(1, 0), multiple(4, 4, 0, 2))
	sc, tf, mc := a.Questions[0], a.Questions[1], a.Questions[2]

	for _, tc := range []struct {
		name    string
		answers []assessment.Answer
		score   float64
		mcScore float64
		passed  bool
	}{
		{"all right", []assessment.Answer{pick(sc, 1), pick(tf, 0), pick(mc, 0, 2)}, 7, 4, true},
		{"nothing answered", nil, 0, 0, false},
		{"single and true/false wrong", []assessment.Answer{pick(sc, 0), pick(tf, 1), pick(mc, 0, 2)}, 4, 4, false},
		{"one of two right", []assessment.Answer{pick(sc, 1), pick(tf, 0), pick(mc, 0)}, 5, 2, true},
		{"one right one wrong", []assessment.Answer{pick(sc, 1), pick(tf, 0), pick(mc, 0, 1)}, 3, 0, false},
		{"two right one wrong", []assessment.Answer{pick(sc, 1), pick(tf, 0), pick(mc, 0, 1, 2)}, 5, 2, true},
		{"all wrong is 0, not negative", []assessment.Answer{pick(sc, 1), pick(tf, 0), pick(mc, 1, 3)}, 3, 0, false},
		{"everything chosen", []assessment.Answer{pick(sc, 1), pick(tf, 0), pick(mc, 0, 1, 2, 3)}, 3, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := f.person(t, tc.name, 0)
			at := f.take(t, v, a, tc.answers...)
			if at.Status != assessment.AttemptGraded || !at.Score.Valid || at.Score.Float64 != tc.score || at.MaxScore != 7 {
				t.Fatalf("attempt: %s score %v of %v, want GRADED %v of 7", at.Status, at.Score, at.MaxScore, tc.score)
			}
			wantPercent := float64(int(tc.score*10000/7+0.5)) / 100
			if at.Percent.Float64 != wantPercent || at.Passed.Bool != tc.passed || !at.GradedAt.Valid || at.GradedBy.Valid {
				t.Errorf("percent %v passed %v graded %v by %v; want %v %v", at.Percent, at.Passed, at.GradedAt, at.GradedBy, wantPercent, tc.passed)
			}
			var mcPoints float64
			f.get(t, &mcPoints, `SELECT points_awarded FROM attempt_answers WHERE attempt_id = $1 AND question_id = $2`, at.ID, mc.ID)
			if mcPoints != tc.mcScore {
				t.Errorf("multiple choice earned %v, want %v", mcPoints, tc.mcScore)
			}
		})
	}

	// Partial credit rounds to cents: 1 of 3 right options of 1 point.
	thirds := f.publish(t, assessment.AssessmentInput{}, multiple(1, 4, 0, 1, 2))
	at := f.take(t, f.person(t, "thirds", 0), thirds, pick(thirds.Questions[0], 0))
	if at.Score.Float64 != 0.33 || at.Percent.Float64 != 33 {
		t.Errorf("a third of a point: score %v percent %v", at.Score, at.Percent)
	}

	// Bad answers are refused together.
	other := f.publish(t, assessment.AssessmentInput{}, single(1, 0), shortAnswer(1))
	at = f.startAttempt(t, f.learner, a)
	_, err := f.store.SubmitAttempt(ctx, f.learner, at.ID, []assessment.Answer{
		pick(sc, 0, 1), // two options to a single choice
		{QuestionID: tf.ID, OptionIDs: []int64{sc.Options[0].ID}}, // an option of another question
		pick(other.Questions[0], 0),                               // a question not in the attempt
		pick(mc, 0), pick(mc, 2),                                  // twice
	})
	got := problems(t, err)
	for field, key := range map[string]string{
		"answers[0].optionIds":  "assessment.answer.one_option",
		"answers[1].optionIds":  "assessment.answer.option_invalid",
		"answers[2].questionId": "assessment.answer.not_in_attempt",
		"answers[4].questionId": "assessment.answer.duplicate",
	} {
		if !slices.Contains(got[field], key) {
			t.Errorf("%s: got %v, want %s", field, got[field], key)
		}
	}
	if st := f.count(t, `SELECT count(*) FROM attempts WHERE id = $1 AND status = 'IN_PROGRESS'`, at.ID); st != 1 {
		t.Error("a refused submission closed the attempt")
	}
}

func TestShortAnswerWaitsForGrading(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{PassMark: 60}, single(2, 0), shortAnswer(3), shortAnswer(5))
	sc, sa1, sa2 := a.Questions[0], a.Questions[1], a.Questions[2]

	// Blank short answers score 0 at once: nothing waits.
	blank := f.take(t, f.colleague, a, pick(sc, 0))
	if blank.Status != assessment.AttemptGraded || blank.Score.Float64 != 2 || blank.Passed.Bool {
		t.Errorf("blank short answers: %s %v %v", blank.Status, blank.Score, blank.Passed)
	}

	at := f.take(t, f.learner, a, pick(sc, 0), write(sa1, "Listen first."), write(sa2, "Then summarise."))
	if at.Status != assessment.AttemptAwaitingGrading || at.Score.Valid || at.Percent.Valid || at.Passed.Valid {
		t.Fatalf("with short answers: %+v", at)
	}
	queue := func(v *auth.Viewer) []int64 {
		t.Helper()
		q, err := f.store.GradingQueue(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, x := range q {
			ids = append(ids, x.ID)
		}
		return ids
	}
	if got := queue(f.trainer); !slices.Equal(got, []int64{at.ID}) {
		t.Errorf("owner's queue: %v", got)
	}
	if got := queue(f.admin); !slices.Equal(got, []int64{at.ID}) {
		t.Errorf("admin's queue: %v", got)
	}
	if got := queue(f.trainer2); len(got) != 0 {
		t.Errorf("other trainer's queue: %v", got)
	}
	// No new attempt while one waits for a grader.
	_, err := f.store.StartAttempt(ctx, f.learner, a.ID)
	wantCode(t, err, rungs.ErrConflict, "assessment.attempt.awaiting_grading")

	// Only the owner or an admin grades.
	_, err = f.store.GradeAttempt(ctx, f.trainer2, at.ID, []assessment.Grade{{QuestionID: sa1.ID, Points: 3}, {QuestionID: sa2.ID, Points: 5}})
	wantCode(t, err, rungs.ErrForbidden, "attempt.grade.forbidden")
	_, err = f.store.GradeAttempt(ctx, f.learner, at.ID, []assessment.Grade{{QuestionID: sa1.ID, Points: 3}, {QuestionID: sa2.ID, Points: 5}})
	wantCode(t, err, rungs.ErrForbidden, "attempt.grade.forbidden")

	// Every short answer, points in range, only short answers.
	_, err = f.store.GradeAttempt(ctx, f.trainer, at.ID, []assessment.Grade{{QuestionID: sa1.ID, Points: 3.5}, {QuestionID: sc.ID, Points: 1}})
	got := problems(t, err)
	for field, key := range map[string]string{
		"grades[0].points":     "attempt.grade.points.range",
		"grades[1].questionId": "attempt.grade.not_short_answer",
		"grades":               "attempt.grade.missing",
	} {
		if !slices.Contains(got[field], key) {
			t.Errorf("%s: got %v, want %s", field, got[field], key)
		}
	}
	_, err = f.store.GradeAttempt(ctx, f.trainer, at.ID, []assessment.Grade{{QuestionID: sa1.ID, Points: -1}, {QuestionID: sa2.ID, Points: 5}})
	if p := problems(t, err); !slices.Contains(p["grades[0].points"], "attempt.grade.points.range") {
		t.Errorf("negative points: %v", p)
	}

	f.now = f.now.Add(48 * time.Hour)
	graded, err := f.store.GradeAttempt(ctx, f.trainer, at.ID, []assessment.Grade{
		{QuestionID: sa1.ID, Points: 1.5, Comment: "Say why."}, {QuestionID: sa2.ID, Points: 4}})
	if err != nil {
		t.Fatal(err)
	}
	// 2 + 1.5 + 4 = 7.5 of 10.
	if graded.Status != assessment.AttemptGraded || graded.Score.Float64 != 7.5 || graded.Percent.Float64 != 75 || !graded.Passed.Bool ||
		graded.GradedBy.Int64 != f.trainer.EmployeeID || !graded.GradedAt.Time.Equal(f.now) {
		t.Errorf("graded: %+v", graded)
	}
	var comment string
	f.get(t, &comment, `SELECT grader_comment FROM attempt_answers WHERE attempt_id = $1 AND question_id = $2`, at.ID, sa1.ID)
	if comment != "Say why." {
		t.Errorf("comment %q", comment)
	}
	if got := queue(f.trainer); len(got) != 0 {
		t.Errorf("queue after grading: %v", got)
	}
	_, err = f.store.GradeAttempt(ctx, f.trainer, at.ID, []assessment.Grade{{QuestionID: sa1.ID, Points: 3}, {QuestionID: sa2.ID, Points: 5}})
	wantCode(t, err, rungs.ErrConflict, "attempt.not_awaiting_grading")
	// The evidence is observed on the day of submission, not of grading.
	var observed time.Time
	f.exec(t, `INSERT INTO assessment_competencies (assessment_id, competency_id, level) VALUES ($1, $2, 2)`, a.ID, f.empathy)
	at2 := f.take(t, f.hr, a, pick(sc, 0), write(sa1, "x"), write(sa2, "y"))
	f.now = f.now.Add(72 * time.Hour)
	if g, err := f.store.GradeAttempt(ctx, f.admin, at2.ID, []assessment.Grade{{QuestionID: sa1.ID, Points: 3}, {QuestionID: sa2.ID, Points: 5}}); err != nil || !g.Passed.Bool {
		t.Fatal(err, g)
	}
	f.get(t, &observed, `SELECT observed_on FROM competency_evidence WHERE ref_id = $1`, at2.ID)
	if want := at2.SubmittedAt.Time.UTC().Truncate(24 * time.Hour); !observed.Equal(want) {
		t.Errorf("observed on %v, want %v", observed, want)
	}
}

func TestTimeLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{PassMark: 50, TimeLimitMinutes: 10}, single(1, 0), single(1, 0))
	q1, q2 := a.Questions[0], a.Questions[1]

	at := f.startAttempt(t, f.learner, a)
	if !at.DeadlineAt.Valid || !at.DeadlineAt.Time.Equal(start.Add(10*time.Minute)) {
		t.Fatalf("deadline %v", at.DeadlineAt)
	}
	f.now = start.Add(5 * time.Minute)
	if _, err := f.store.SaveAnswers(ctx, f.learner, at.ID, []assessment.Answer{pick(q1, 0)}); err != nil {
		t.Fatal(err)
	}
	// Starting again returns the open attempt as it is.
	if again := f.startAttempt(t, f.learner, a); again.ID != at.ID {
		t.Errorf("a second start gave attempt %d, want %d", again.ID, at.ID)
	}
	f.now = start.Add(10*time.Minute + assessment.Grace + time.Second)
	_, err := f.store.SaveAnswers(ctx, f.learner, at.ID, []assessment.Answer{pick(q2, 0)})
	wantCode(t, err, rungs.ErrConflict, "assessment.time_up")
	// The late submission's answers are ignored; the saved one counts.
	done, err := f.store.SubmitAttempt(ctx, f.learner, at.ID, []assessment.Answer{pick(q1, 0), pick(q2, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !done.TimedOut || done.Status != assessment.AttemptGraded || done.Score.Float64 != 1 || done.Percent.Float64 != 50 || !done.Passed.Bool {
		t.Errorf("late submission: %+v", done)
	}
	_, err = f.store.SubmitAttempt(ctx, f.learner, at.ID, nil)
	wantCode(t, err, rungs.ErrConflict, "attempt.submitted")

	// Within the grace a submission counts in full.
	f.now = start
	at = f.startAttempt(t, f.colleague, a)
	f.now = start.Add(10*time.Minute + assessment.Grace/2)
	done, err = f.store.SubmitAttempt(ctx, f.colleague, at.ID, []assessment.Answer{pick(q1, 0), pick(q2, 0)})
	if err != nil || done.TimedOut || done.Score.Float64 != 2 {
		t.Errorf("within grace: %v %+v", err, done)
	}

	// An abandoned attempt is closed by the next start, which then starts
	// a new one (the abandoned one failed with nothing saved).
	v := f.person(t, "Abandons", 0)
	f.now = start
	old := f.startAttempt(t, v, a)
	f.now = start.Add(time.Hour)
	fresh := f.startAttempt(t, v, a)
	if fresh.ID == old.ID || fresh.Number != 2 || fresh.Status != assessment.AttemptInProgress {
		t.Errorf("start after expiry: %+v", fresh)
	}
	closed, err := f.store.AttemptsByIDs(ctx, v, []int64{old.ID})
	if err != nil || !closed[0].TimedOut || closed[0].Status != assessment.AttemptGraded || closed[0].Passed.Bool {
		t.Errorf("the abandoned attempt: %v %+v", err, closed[0])
	}
}

func TestAttemptLimitAndRetakes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{PassMark: 100, MaxAttempts: 2}, single(1, 0))
	q := a.Questions[0]

	first := f.take(t, f.learner, a, pick(q, 1))
	if first.Passed.Bool || first.Number != 1 {
		t.Fatalf("first: %+v", first)
	}
	second := f.take(t, f.learner, a, pick(q, 2)) // a retake after a fail
	if second.Passed.Bool || second.Number != 2 {
		t.Fatalf("second: %+v", second)
	}
	_, err := f.store.StartAttempt(ctx, f.learner, a.ID)
	wantCode(t, err, rungs.ErrConflict, "assessment.attempts.exhausted")

	// A pass ends the retakes, even with attempts to spare.
	if at := f.take(t, f.colleague, a, pick(q, 0)); !at.Passed.Bool {
		t.Fatalf("pass: %+v", at)
	}
	_, err = f.store.StartAttempt(ctx, f.colleague, a.ID)
	wantCode(t, err, rungs.ErrConflict, "assessment.already_passed")

	// Someone else's attempt cannot be answered.
	at := f.startAttempt(t, f.hr, a)
	_, err = f.store.SubmitAttempt(ctx, f.manager, at.ID, nil)
	wantCode(t, err, rungs.ErrForbidden, "attempt.learner_only")
}

func TestRandomDraw(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	bank := []assessment.QuestionInput{single(1, 0), single(2, 0), single(3, 0), single(4, 0), single(5, 0), single(6, 0)}
	a := f.publish(t, assessment.AssessmentInput{DrawCount: 3}, bank...)
	inBank := map[int64]float64{}
	for _, q := range a.Questions {
		inBank[q.ID] = q.Points
	}
	seen := map[int64]bool{}
	for i := 0; i < 8; i++ {
		v := f.person(t, "drawer", 0)
		at := f.startAttempt(t, v, a)
		var stored []int64
		if err := f.db.Select(&stored, `SELECT question_id FROM attempt_questions WHERE attempt_id = $1 ORDER BY position`, at.ID); err != nil {
			t.Fatal(err)
		}
		qs, err := f.store.QuestionsForAttempt(ctx, v, at.ID)
		if err != nil {
			t.Fatal(err)
		}
		var shown []int64
		var max float64
		for _, q := range qs {
			shown = append(shown, q.ID)
			max += inBank[q.ID]
			seen[q.ID] = true
			if _, ok := inBank[q.ID]; !ok {
				t.Errorf("question %d is not from the bank", q.ID)
			}
		}
		if len(stored) != 3 || !slices.Equal(stored, shown) || len(slices.Compact(slices.Sorted(slices.Values(shown)))) != 3 {
			t.Errorf("drawn %v, shown %v: want 3 distinct, stored as shown", stored, shown)
		}
		if at.MaxScore != max {
			t.Errorf("max score %v, want the drawn points %v", at.MaxScore, max)
		}
	}
	// Eight draws of 3 from 6 that all miss a question have odds of about
	// (1/2)^8 per question: a draw that is not random fails here.
	if len(seen) < 5 {
		t.Errorf("eight draws covered only %d of 6 questions", len(seen))
	}
}

func TestPassWritesEvidence(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.publish(t, assessment.AssessmentInput{Code: "QA-EMP", PassMark: 50, Competencies: []assessment.CompetencyInput{
		{CompetencyID: f.empathy, Level: 3}, {CompetencyID: f.listening, Level: 2}}}, single(1, 0), single(1, 0))
	// Archived in the published framework after the link was made: no
	// evidence for it.
	f.exec(t, `UPDATE competency_versions SET archived = true WHERE competency_id = $1`, f.listening)

	failed := f.take(t, f.colleague, a, pick(a.Questions[0], 1))
	if failed.Passed.Bool {
		t.Fatal("a fail passed")
	}
	if n := f.count(t, `SELECT count(*) FROM competency_evidence`); n != 0 {
		t.Errorf("a fail wrote %d evidence rows", n)
	}

	// Submitted a minute before midnight UTC, on a later day than the
	// database's today: the evidence is dated the UTC day of submission.
	passedOn := today.AddDate(0, 0, 16)
	f.now = passedOn.Add(23*time.Hour + 59*time.Minute)
	at := f.take(t, f.learner, a, pick(a.Questions[0], 0))
	var ev []struct {
		CompetencyID int64     `db:"competency_id"`
		Framework    int64     `db:"framework_id"`
		Level        int       `db:"level"`
		Source       string    `db:"source"`
		Instrument   string    `db:"instrument"`
		Score        float64   `db:"score"`
		RefID        int64     `db:"ref_id"`
		Assessor     *int64    `db:"assessor_id"`
		ObservedOn   time.Time `db:"observed_on"`
	}
	if err := f.db.Select(&ev, `
		SELECT competency_id, framework_id, level, source, instrument, score, ref_id, assessor_id, observed_on
		FROM competency_evidence WHERE employee_id = $1`, f.learner.EmployeeID); err != nil {
		t.Fatal(err)
	}
	if len(ev) != 1 {
		t.Fatalf("evidence: %+v", ev)
	}
	e := ev[0]
	if e.CompetencyID != f.empathy || e.Framework != f.framework || e.Level != 3 || e.Source != "ASSESSMENT" ||
		e.Instrument != "QA-EMP" || e.Score != 50 || e.RefID != at.ID || e.Assessor != nil ||
		!e.ObservedOn.Equal(passedOn) {
		t.Errorf("evidence: %+v (attempt %d)", e, at.ID)
	}
}
