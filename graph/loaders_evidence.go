package graph

import (
	"context"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/rubric"
)

// EvidenceLoaders batch the edges of tests, rubric scorecards, KPIs and
// performance ratings.
type EvidenceLoaders struct {
	Assessment        *dataloader.Loader[int64, *assessment.Assessment]
	CourseAssessments *dataloader.Loader[int64, []*assessment.Assessment]
	Certifies         *dataloader.Loader[int64, []*assessment.CompetencyLink]
	AuthoredQuestions *dataloader.Loader[int64, []*assessment.Question]
	Attempt           *dataloader.Loader[int64, *assessment.Attempt]
	EmployeeAttempts  *dataloader.Loader[int64, []*assessment.Attempt]
	// MyAttempts holds the viewer's own attempts per assessment, from one
	// read of all of them.
	MyAttempts *dataloader.Loader[int64, []*assessment.Attempt]

	Rubric             *dataloader.Loader[int64, *rubric.Rubric]
	Criteria           *dataloader.Loader[int64, []*rubric.Criterion]
	Criterion          *dataloader.Loader[int64, *rubric.Criterion]
	Descriptors        *dataloader.Loader[int64, []*rubric.Descriptor]
	EmployeeScorecards *dataloader.Loader[int64, []*rubric.Scorecard]
	Items              *dataloader.Loader[int64, []*rubric.Item]

	KPI          *dataloader.Loader[int64, *kpi.Definition]
	EmployeeKPIs *dataloader.Loader[paramKey[dateRange], []*kpi.Record]

	// LevelCriteria holds each competency's achievement criteria.
	LevelCriteria *dataloader.Loader[int64, []*competency.Criteria]

	Period          *dataloader.Loader[int64, *performance.Period]
	EmployeeRatings *dataloader.Loader[int64, []*performance.Rating]
}

// dateRange is a from–to pair of field arguments, as comparable strings.
type dateRange struct{ From, To string }

func newEvidenceLoaders(r *Resolver, w wait) *EvidenceLoaders {
	viewerOf := auth.ViewerFromContext
	return &EvidenceLoaders{
		Assessment: one(w, func(ctx context.Context, ids []int64) ([]*assessment.Assessment, error) {
			return r.AssessmentStore.AssessmentsByIDs(ctx, viewerOf(ctx), ids)
		}),
		CourseAssessments: one(w, func(ctx context.Context, ids []int64) ([][]*assessment.Assessment, error) {
			return r.AssessmentStore.AssessmentsOfCourses(ctx, viewerOf(ctx), ids)
		}),
		Certifies: one(w, r.AssessmentStore.CompetenciesOf),
		AuthoredQuestions: one(w, func(ctx context.Context, ids []int64) ([][]*assessment.Question, error) {
			return r.AssessmentStore.QuestionsOf(ctx, viewerOf(ctx), ids)
		}),
		Attempt: one(w, func(ctx context.Context, ids []int64) ([]*assessment.Attempt, error) {
			return r.AssessmentStore.AttemptsByIDs(ctx, viewerOf(ctx), ids)
		}),
		EmployeeAttempts: one(w, func(ctx context.Context, ids []int64) ([][]*assessment.Attempt, error) {
			return r.AssessmentStore.AttemptsOf(ctx, viewerOf(ctx), ids, 0)
		}),
		MyAttempts: one(w, func(ctx context.Context, assessmentIDs []int64) ([][]*assessment.Attempt, error) {
			out := make([][]*assessment.Attempt, len(assessmentIDs))
			v := viewerOf(ctx)
			if v == nil {
				return out, nil
			}
			mine, err := r.AssessmentStore.AttemptsOf(ctx, v, []int64{v.EmployeeID}, 0)
			if err != nil {
				return nil, err
			}
			for i, id := range assessmentIDs {
				out[i] = []*assessment.Attempt{}
				for _, a := range mine[0] {
					if a.AssessmentID == id {
						out[i] = append(out[i], a)
					}
				}
			}
			return out, nil
		}),
		Rubric:      one(w, r.RubricStore.RubricsByIDs),
		Criteria:    one(w, r.RubricStore.CriteriaOf),
		Criterion:   one(w, r.RubricStore.CriteriaByIDs),
		Descriptors: one(w, r.RubricStore.DescriptorsOf),
		EmployeeScorecards: one(w, func(ctx context.Context, ids []int64) ([][]*rubric.Scorecard, error) {
			return r.RubricStore.ScorecardsOf(ctx, viewerOf(ctx), ids, 0)
		}),
		Items: one(w, r.RubricStore.ItemsOf),
		KPI:   one(w, r.KPIs.DefinitionsByIDs),
		EmployeeKPIs: byParam(w, func(ctx context.Context, ids []int64, p dateRange) ([][]*kpi.Record, error) {
			from, to := parseDay(p.From), parseDay(p.To)
			return r.KPIs.RecordsOf(ctx, viewerOf(ctx), ids, from, to)
		}),
		LevelCriteria: one(w, r.CompetencyStore.CriteriaOf),
		Period:        one(w, r.Performance.PeriodsByIDs),
		EmployeeRatings: one(w, func(ctx context.Context, ids []int64) ([][]*performance.Rating, error) {
			return r.Performance.RatingsOf(ctx, viewerOf(ctx), ids)
		}),
	}
}
