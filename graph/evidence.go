package graph

import (
	"context"
	"database/sql"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/graph/model"
	"github.com/rungs/rungs/rubric"
)

// Tests, rubric scorecards, KPIs and ratings: access to the records is
// decided in the domain packages' SQL (learner, assessor or owner,
// reporting line, HR); the resolvers here map arguments and results.

func (r *Resolver) oneAssessment(ctx context.Context, v *auth.Viewer, id int64) (*assessment.Assessment, error) {
	as, err := r.AssessmentStore.AssessmentsByIDs(ctx, v, []int64{id})
	if err != nil {
		return nil, err
	}
	if as[0] == nil {
		return nil, rungs.Errorf(rungs.ErrNotFound, "assessment.not_found", "assessment %d not found", id)
	}
	return as[0], nil
}

// Rubrics carry no secrets once published; a draft is its owner's, HR's
// and admins' until then.
func mayReadRubric(v *auth.Viewer, rb *rubric.Rubric) bool {
	return rb.Status != "DRAFT" || v.Has(auth.RoleHR, auth.RoleAdmin) || rb.OwnerID == v.EmployeeID
}

func (r *Resolver) requiredRubric(ctx context.Context, id int64) (*rubric.Rubric, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	rb, err := LoadersFromContext(ctx).Rubric.Load(ctx, id)()
	if err != nil {
		return nil, err
	}
	if rb == nil || !mayReadRubric(v, rb) {
		return nil, rungs.Errorf(rungs.ErrNotFound, "rubric.not_found", "rubric %d not found", id)
	}
	return rb, nil
}

func (r *Resolver) visibleRubrics(ctx context.Context, f rubric.Filter) ([]*rubric.Rubric, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	all, err := r.RubricStore.Rubrics(ctx, f)
	if err != nil {
		return nil, err
	}
	out := []*rubric.Rubric{}
	for _, rb := range all {
		if mayReadRubric(v, rb) {
			out = append(out, rb)
		}
	}
	return out, nil
}

func (r *Resolver) requiredCriterion(ctx context.Context, id int64) (*rubric.Criterion, error) {
	c, err := LoadersFromContext(ctx).Criterion.Load(ctx, id)()
	if err == nil && c == nil {
		err = rungs.Errorf(rungs.ErrNotFound, "rubric.criterion.not_found", "criterion %d not found", id)
	}
	return c, err
}

func rubricInput(in model.RubricInput) rubric.RubricInput {
	return rubric.RubricInput{Code: deref(in.Code), NameEN: in.NameEn, NameZH: in.NameZh, Purpose: string(in.Purpose)}
}

func assessmentInput(in model.AssessmentInput) assessment.AssessmentInput {
	out := assessment.AssessmentInput{
		Code: deref(in.Code), TitleEN: in.TitleEn, TitleZH: in.TitleZh,
		DescriptionEN: deref(in.DescriptionEn), DescriptionZH: deref(in.DescriptionZh),
		CourseID: deref(in.CourseID), IsFinal: deref(in.IsFinal), PassMark: in.PassMark,
		TimeLimitMinutes: deref(in.TimeLimitMinutes), MaxAttempts: deref(in.MaxAttempts), DrawCount: deref(in.DrawCount),
	}
	if in.Certifies != nil {
		out.Competencies = []assessment.CompetencyInput{}
		for _, c := range in.Certifies {
			out.Competencies = append(out.Competencies, assessment.CompetencyInput{CompetencyID: c.CompetencyID, Level: c.Level})
		}
	}
	return out
}

func questionInputs(in []*model.QuestionInput) []assessment.QuestionInput {
	out := make([]assessment.QuestionInput, len(in))
	for i, q := range in {
		out[i] = assessment.QuestionInput{Kind: string(q.Kind), TextEN: q.TextEn, TextZH: q.TextZh, Points: q.Points,
			ExplanationEN: deref(q.ExplanationEn), ExplanationZH: deref(q.ExplanationZh)}
		for _, o := range q.Options {
			out[i].Options = append(out[i].Options, assessment.OptionInput{TextEN: o.TextEn, TextZH: o.TextZh, Correct: o.Correct})
		}
	}
	return out
}

func answerInputs(in []*model.AnswerInput) []assessment.Answer {
	out := make([]assessment.Answer, len(in))
	for i, a := range in {
		out[i] = assessment.Answer{QuestionID: a.QuestionID, OptionIDs: a.OptionIds, Text: deref(a.Text)}
	}
	return out
}

func nullFloat(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

// parseDay reads a loader key's date back; the key was formatted from a
// valid Date, so an error cannot happen and yields the zero (open) bound.
func parseDay(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}
