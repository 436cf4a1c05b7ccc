package assessment_test

import (
	"slices"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
)

func TestCreateAssessmentValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	_, err := f.store.CreateAssessment(ctx, f.learner, assessment.AssessmentInput{Code: "QA-1", TitleEN: "x", TitleZH: "x", PassMark: 50})
	wantCode(t, err, rungs.ErrForbidden, "assessment.create.forbidden")

	_, err = f.store.CreateAssessment(ctx, f.trainer, assessment.AssessmentInput{
		Code: "1bad", TitleZH: "测验", PassMark: 0, TimeLimitMinutes: 601, MaxAttempts: 21, DrawCount: -1, IsFinal: true,
		Competencies: []assessment.CompetencyInput{
			{CompetencyID: f.empathy, Level: 3},
			{CompetencyID: f.empathy, Level: 2},
			{CompetencyID: f.draftOne, Level: 2},
			{CompetencyID: f.listening, Level: 6},
		},
	})
	got := problems(t, err)
	want := map[string]string{
		"code":                         "assessment.code.invalid",
		"titleEn":                      "assessment.title_en.required",
		"passMark":                     "assessment.pass_mark.range",
		"timeLimitMinutes":             "assessment.time_limit.range",
		"maxAttempts":                  "assessment.max_attempts.range",
		"drawCount":                    "assessment.draw_count.range",
		"isFinal":                      "assessment.final.needs_course",
		"competencies[1].competencyId": "assessment.competency.duplicate",
		"competencies[2].competencyId": "assessment.competency.unknown",
		"competencies[3].level":        "assessment.competency.level.range",
	}
	for field, key := range want {
		if !slices.Contains(got[field], key) {
			t.Errorf("%s: got %v, want %s", field, got[field], key)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got problems %v, want exactly the fields of %v", got, want)
	}
}

func TestSetQuestionsValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a, err := f.store.CreateAssessment(ctx, f.trainer, assessment.AssessmentInput{Code: "QA-1", TitleEN: "Quiz", TitleZH: "测验", PassMark: 60})
	if err != nil {
		t.Fatal(err)
	}
	twoRight := single(1, 0)
	twoRight.Options[1].Correct = true
	noZh := multiple(2, 3, 1)
	noZh.Options[0].TextZH = " "
	tfThree := trueFalse(1, 0)
	tfThree.Options = append(tfThree.Options, assessment.OptionInput{TextEN: "Maybe", TextZH: "也许"})
	saOpts := shortAnswer(5)
	saOpts.Options = []assessment.OptionInput{{TextEN: "A", TextZH: "甲"}}
	bad := shortAnswer(0)
	bad.Kind = "ESSAY"
	bad.TextEN = ""
	noneRight := multiple(2, 3)

	_, err = f.store.SetQuestions(ctx, f.trainer, a.ID, []assessment.QuestionInput{twoRight, noZh, tfThree, saOpts, bad, noneRight})
	got := problems(t, err)
	want := map[string]string{
		"questions[0].options":           "assessment.question.options.one_correct",
		"questions[1].options[0].textZh": "assessment.option.text_zh.required",
		"questions[2].options":           "assessment.question.options.true_false",
		"questions[3].options":           "assessment.question.options.not_allowed",
		"questions[4].kind":              "assessment.question.kind.unknown",
		"questions[4].textEn":            "assessment.question.text_en.required",
		"questions[4].points":            "assessment.question.points.range",
		"questions[5].options":           "assessment.question.options.some_correct",
	}
	for field, key := range want {
		if !slices.Contains(got[field], key) {
			t.Errorf("%s: got %v, want %s", field, got[field], key)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got problems %v, want exactly the fields of %v", got, want)
	}
	if n := f.count(t, `SELECT count(*) FROM questions WHERE assessment_id = $1`, a.ID); n != 0 {
		t.Errorf("a refused bank left %d questions", n)
	}

	// Only the owner or an admin edits; another trainer does not even see
	// a draft.
	_, err = f.store.SetQuestions(ctx, f.trainer2, a.ID, []assessment.QuestionInput{single(1, 0)})
	wantCode(t, err, rungs.ErrNotFound, "assessment.not_found")

	// A good bank is stored in order, options and all.
	qs, err := f.store.SetQuestions(ctx, f.admin, a.ID, []assessment.QuestionInput{single(1, 2), trueFalse(1, 1), shortAnswer(3)})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 || qs[0].Kind != assessment.KindSingleChoice || qs[2].Kind != assessment.KindShortAnswer || qs[1].Position != 2 {
		t.Fatalf("stored bank: %+v", qs)
	}
	if len(qs[0].Options) != 3 || !qs[0].Options[2].Correct || qs[0].Options[0].Correct || len(qs[2].Options) != 0 {
		t.Errorf("options: %+v / %+v", qs[0].Options, qs[2].Options)
	}
}

func TestPublishAndFinal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, 1)

	a, err := f.store.CreateAssessment(ctx, f.trainer, assessment.AssessmentInput{
		Code: "qa-final", TitleEN: "Final", TitleZH: "结业", PassMark: 80, CourseID: c.ID, IsFinal: true, DrawCount: 3})
	if err != nil {
		t.Fatal(err)
	}
	if a.Code != "QA-FINAL" || !a.IsFinal || a.Status != assessment.StatusDraft {
		t.Fatalf("created %+v", a)
	}
	_, err = f.store.Publish(ctx, f.trainer, a.ID)
	if p := problems(t, err); !slices.Contains(p["questions"], "assessment.publish.no_questions") {
		t.Errorf("publish without questions: %v", p)
	}
	if _, err := f.store.SetQuestions(ctx, f.trainer, a.ID, []assessment.QuestionInput{single(1, 0), single(1, 1)}); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.Publish(ctx, f.trainer, a.ID)
	if p := problems(t, err); !slices.Contains(p["drawCount"], "assessment.draw_count.exceeds_bank") {
		t.Errorf("draw 3 of 2: %v", p)
	}
	in := assessment.AssessmentInput{TitleEN: "Final", TitleZH: "结业", PassMark: 80, CourseID: c.ID, IsFinal: true, DrawCount: 2}
	if a, err = f.store.UpdateAssessment(ctx, f.trainer, a.ID, in); err != nil {
		t.Fatal(err)
	}
	if a.Code != "QA-FINAL" {
		t.Errorf("an update without a code changed it to %q", a.Code)
	}
	if a, err = f.store.Publish(ctx, f.trainer, a.ID); err != nil || a.Status != assessment.StatusPublished {
		t.Fatalf("Publish: %v %+v", err, a)
	}

	_, err = f.store.UpdateAssessment(ctx, f.trainer2, a.ID, in)
	wantCode(t, err, rungs.ErrForbidden, "assessment.edit.forbidden")

	// One final test per course.
	_, err = f.store.CreateAssessment(ctx, f.trainer, assessment.AssessmentInput{
		Code: "QA-FINAL2", TitleEN: "Final", TitleZH: "结业", PassMark: 80, CourseID: c.ID, IsFinal: true})
	wantCode(t, err, rungs.ErrConflict, "assessment.final.taken")
	// Another trainer may attach a quiz to the course, but not its final test.
	_, err = f.store.CreateAssessment(ctx, f.trainer2, assessment.AssessmentInput{
		Code: "QA-OTHER", TitleEN: "Final", TitleZH: "结业", PassMark: 80, CourseID: c.ID, IsFinal: true})
	if p := problems(t, err); !slices.Contains(p["isFinal"], "assessment.final.not_course_owner") {
		t.Errorf("final by another trainer: %v", p)
	}
	if _, err := f.store.CreateAssessment(ctx, f.trainer2, assessment.AssessmentInput{
		Code: "QA-QUIZ", TitleEN: "Quiz", TitleZH: "小测", PassMark: 50, CourseID: c.ID}); err != nil {
		t.Errorf("quiz by another trainer: %v", err)
	}
	_, err = f.store.CreateAssessment(ctx, f.trainer, assessment.AssessmentInput{Code: "QA-FINAL", TitleEN: "x", TitleZH: "x", PassMark: 50})
	wantCode(t, err, rungs.ErrConflict, "assessment.code.taken")

	// Once attempted, the bank is fixed; archiving closes it to edits.
	f.startAttempt(t, f.learner, &test{Assessment: a})
	_, err = f.store.SetQuestions(ctx, f.trainer, a.ID, []assessment.QuestionInput{single(1, 0), single(1, 1), single(1, 2)})
	wantCode(t, err, rungs.ErrConflict, "assessment.questions.locked")
	if _, err := f.store.Archive(ctx, f.trainer, a.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.UpdateAssessment(ctx, f.trainer, a.ID, in)
	wantCode(t, err, rungs.ErrConflict, "assessment.archived")
	_, err = f.store.StartAttempt(ctx, f.colleague, a.ID)
	wantCode(t, err, rungs.ErrBadUserInput, "assessment.not_published")
}

func TestAssessmentReads(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.course(t, 1)
	pub := f.publish(t, assessment.AssessmentInput{CourseID: c.ID, Competencies: []assessment.CompetencyInput{
		{CompetencyID: f.listening, Level: 2}, {CompetencyID: f.empathy, Level: 3}}}, single(1, 0))
	draft, err := f.store.CreateAssessment(ctx, f.trainer, assessment.AssessmentInput{
		Code: "QA-DRAFT", TitleEN: "Draft", TitleZH: "草稿", PassMark: 50, CourseID: c.ID, IsFinal: true})
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name      string
		v         *auth.Viewer
		seesDraft bool
	}{
		{"owner", f.trainer, true}, {"hr", f.hr, true}, {"admin", f.admin, true},
		{"learner", f.learner, false}, {"other trainer", f.trainer2, false},
	} {
		got, err := f.store.AssessmentsByIDs(ctx, tc.v, []int64{draft.ID, 0, pub.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got[1] != nil || got[2] == nil || got[2].ID != pub.ID || (got[0] != nil) != tc.seesDraft {
			t.Errorf("%s: AssessmentsByIDs = %v", tc.name, got)
		}
		ofCourses, err := f.store.AssessmentsOfCourses(ctx, tc.v, []int64{c.ID, 0})
		if err != nil {
			t.Fatal(err)
		}
		wantN := 1
		if tc.seesDraft {
			wantN = 2
			if ofCourses[0][0].ID != draft.ID {
				t.Errorf("%s: the final test comes first: %v", tc.name, ofCourses[0])
			}
		}
		if len(ofCourses[0]) != wantN || len(ofCourses[1]) != 0 {
			t.Errorf("%s: AssessmentsOfCourses = %v", tc.name, ofCourses)
		}
	}

	list, err := f.store.Assessments(ctx, f.learner, assessment.Filter{CompetencyID: f.empathy})
	if err != nil || len(list) != 1 || list[0].ID != pub.ID {
		t.Errorf("Assessments by competency: %v %v", list, err)
	}
	list, err = f.store.Assessments(ctx, f.admin, assessment.Filter{CourseID: c.ID, Status: assessment.StatusDraft})
	if err != nil || len(list) != 1 || list[0].ID != draft.ID {
		t.Errorf("Assessments drafts of course: %v %v", list, err)
	}
	comps, err := f.store.CompetenciesOf(ctx, []int64{pub.ID, draft.ID})
	if err != nil || len(comps[0]) != 2 || len(comps[1]) != 0 || comps[0][0].CompetencyID != f.empathy || comps[0][0].Level != 3 {
		t.Errorf("CompetenciesOf: %v %v", comps, err)
	}

	// The bank with answers: owner and admin only.
	for _, tc := range []struct {
		name string
		v    *auth.Viewer
		want int
	}{{"owner", f.trainer, 1}, {"admin", f.admin, 1}, {"other trainer", f.trainer2, 0}, {"hr", f.hr, 0}, {"learner", f.learner, 0}} {
		qs, err := f.store.QuestionsOf(ctx, tc.v, []int64{pub.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(qs[0]) != tc.want {
			t.Errorf("%s: QuestionsOf gave %d questions, want %d", tc.name, len(qs[0]), tc.want)
		}
	}
}
