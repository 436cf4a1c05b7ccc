package graph

import (
	"context"
	"database/sql"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/graph/model"
	"github.com/rungs/rungs/ladder"
)

// An employee's development record (competency levels, evidence, gaps,
// enrolments) is read by the employee, by anyone above them in the
// reporting line, by a trainer of theirs (their training scope holds the
// employee, who is enrolled in one of the trainer's courses:
// people.TrainerOfSQL), and by HR and admins; not by the people they
// manage or by peers, even though those may see their name, and not by a
// course owner the employee is merely enrolled with.
func (r *Resolver) mayReadDevelopment(ctx context.Context, employeeID int64) error {
	v, err := viewer(ctx)
	if err != nil {
		return err
	}
	if v.EmployeeID == employeeID || v.SeesEveryone() {
		return nil
	}
	manages, err := LoadersFromContext(ctx).Manages.Load(ctx, employeeID)()
	if err != nil {
		return err
	}
	if manages {
		return nil
	}
	learner, err := LoadersFromContext(ctx).Learner.Load(ctx, employeeID)()
	if err != nil {
		return err
	}
	if !learner {
		return rungs.Errorf(rungs.ErrForbidden, "development.forbidden", "only the employee, their line, their trainers and HR see this")
	}
	return nil
}

// ratingSource decides what a rating by v of an employee counts as: their
// own rating is a self-assessment; a rating of someone in their reporting
// line a manager's; HR may rate anyone; a trainer rates the learners of
// their courses within their training scope. Nobody else may rate: an
// employee never rates a colleague.
func (r *Resolver) ratingSource(ctx context.Context, v *auth.Viewer, employeeID int64) (string, error) {
	if v.EmployeeID == employeeID {
		return competency.SourceSelf, nil
	}
	manages, err := LoadersFromContext(ctx).Manages.Load(ctx, employeeID)()
	if err != nil {
		return "", err
	}
	switch {
	case manages:
		return competency.SourceManager, nil
	case v.Has(auth.RoleHR):
		return competency.SourceHR, nil
	}
	if learner, err := LoadersFromContext(ctx).Learner.Load(ctx, employeeID)(); err != nil {
		return "", err
	} else if learner {
		return competency.SourceTrainer, nil
	}
	return "", rungs.Errorf(rungs.ErrForbidden, "competency.rate.forbidden",
		"you may assess yourself and rate the people in your reporting line, or the learners of your courses in your training scope")
}

// scale is what competency requirements are checked against: the
// published framework and its competencies.
func (r *Resolver) scale(ctx context.Context) (ladder.Scale, error) {
	f, err := r.CompetencyStore.Published(ctx)
	if err != nil {
		return ladder.Scale{}, err
	}
	comps, err := r.CompetencyStore.Competencies(ctx, f.ID, false)
	if err != nil {
		return ladder.Scale{}, err
	}
	s := ladder.Scale{FrameworkID: f.ID, MaxLevel: f.MaxLevel, Competencies: map[int64]bool{}}
	for _, c := range comps {
		s.Competencies[c.ID] = true
	}
	return s, nil
}

func trackInput(in model.TrackInput) ladder.TrackInput {
	return ladder.TrackInput{
		Code: in.Code, NameEN: in.NameEn, NameZH: in.NameZh,
		DescEN: deref(in.DescriptionEn), DescZH: deref(in.DescriptionZh), SortOrder: deref(in.SortOrder),
	}
}

func positionInput(in model.PositionInput) ladder.PositionInput {
	return ladder.PositionInput{
		Code: in.Code, TrackID: in.TrackID, Level: in.Level, NameEN: in.NameEn, NameZH: in.NameZh,
		DescEN: deref(in.DescriptionEn), DescZH: deref(in.DescriptionZh),
		RespEN: deref(in.ResponsibilitiesEn), RespZH: deref(in.ResponsibilitiesZh),
	}
}

func competencyInput(in model.CompetencyInput) competency.CompetencyInput {
	return competency.CompetencyInput{
		Code: deref(in.Code), CategoryCode: in.CategoryCode, NameEN: in.NameEn, NameZH: in.NameZh,
		DescEN: deref(in.DescriptionEn), DescZH: deref(in.DescriptionZh), SortOrder: deref(in.SortOrder),
	}
}

func nullInt(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}
