package graph

import (
	"context"
	"encoding/json"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/graph/model"
)

// explainCompetency shows how an employee's level in one competency came
// about, to whoever may read their development record.
func (r *Resolver) explainCompetency(ctx context.Context, employeeID, competencyID int64) (*model.CompetencyExplanation, error) {
	if err := r.mayReadDevelopment(ctx, employeeID); err != nil {
		return nil, err
	}
	comp, err := LoadersFromContext(ctx).Competency.Load(ctx, competencyID)()
	if err != nil {
		return nil, err
	}
	if comp == nil {
		return nil, rungs.Errorf(rungs.ErrNotFound, "competency.not_found", "competency %d not found", competencyID)
	}
	ex, err := r.CompetencyStore.Explain(ctx, employeeID, competencyID)
	if err != nil {
		return nil, err
	}
	out := &model.CompetencyExplanation{
		Competency: comp,
		Evidence:   make([]*model.ExplainedEvidence, len(ex.Evidence)),
		Criteria:   make([]*model.CriteriaResult, len(ex.Criteria)),
		Summary:    &model.LocalizedText{En: ex.SummaryEN, Zh: ex.SummaryZH},
	}
	if ex.Level > 0 {
		out.Level = &ex.Level
	}
	for i, j := range ex.Evidence {
		out.Evidence[i] = &model.ExplainedEvidence{Evidence: j.Evidence, By: j.By,
			Verdict: model.EvidenceVerdict(j.Verdict), Reason: &model.LocalizedText{En: j.ReasonEN, Zh: j.ReasonZH}}
	}
	// A KPI clause states the employee's KPI average: readers who may not
	// read their KPI values (trainers, kpiaccess.go) get the rule alone.
	kpis, err := mayReadKPIs(ctx, employeeID)
	if err != nil {
		return nil, err
	}
	for i, c := range ex.Criteria {
		res := &model.CriteriaResult{Level: c.Level, Met: c.Met, Expression: string(c.Expression),
			Clauses: make([]*model.LocalizedText, len(c.Clauses))}
		for k, cl := range c.Clauses {
			res.Clauses[k] = &model.LocalizedText{En: cl.EN, Zh: cl.ZH}
			if cl.Kind == competency.KindKPI && !kpis {
				res.Clauses[k] = &model.LocalizedText{En: cl.RuleEN, Zh: cl.RuleZH}
			}
		}
		out.Criteria[i] = res
	}
	return out, nil
}

func (r *Resolver) levelCriteria(ctx context.Context, competencyID int64) ([]*model.LevelCriteria, error) {
	cs, err := LoadersFromContext(ctx).LevelCriteria.Load(ctx, competencyID)()
	if err != nil {
		return nil, err
	}
	out := make([]*model.LevelCriteria, len(cs))
	for i, c := range cs {
		out[i] = &model.LevelCriteria{Level: c.Level, Expression: string(c.Expression)}
	}
	return out, nil
}

// setLevelCriteria sets or (with no expression) removes the criteria of
// one level.
func (r *Resolver) setLevelCriteria(ctx context.Context, competencyID int64, level int, expression *string) (*competency.Competency, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	if expression == nil {
		err = r.CompetencyStore.DeleteCriteria(ctx, v, competencyID, level)
	} else {
		_, err = r.CompetencyStore.SetCriteria(ctx, v, competencyID, level, json.RawMessage(*expression))
	}
	if err != nil {
		return nil, err
	}
	return LoadersFromContext(ctx).Competency.Load(ctx, competencyID)()
}
