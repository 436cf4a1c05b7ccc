package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/courses"
	"github.com/rungs/rungs/development"
	"github.com/rungs/rungs/graph/model"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/progression"
	"github.com/rungs/rungs/progression/pathplan"
)

// Paths, readiness and plans are development records: the employee, their
// line, their trainers and HR read them (mayReadDevelopment). The board
// and the bench are HR's (the schema's @hasRole).

// positionExists answers NOT_FOUND for a position id that names none.
func (r *Resolver) positionExists(ctx context.Context, id int64) error {
	p, err := LoadersFromContext(ctx).Position.Load(ctx, id)()
	if err == nil && p == nil {
		err = rungs.Errorf(rungs.ErrNotFound, "position.not_found", "position %d not found", id)
	}
	return err
}

// visibleCourses loads courses by id, leaving out any the viewer may not see.
func (r *Resolver) visibleCourses(ctx context.Context, ids []int64) ([]*courses.Course, error) {
	cs, errs := LoadersFromContext(ctx).Course.LoadMany(ctx, ids)()
	out := []*courses.Course{}
	for i, c := range cs {
		if errs != nil && errs[i] != nil {
			return nil, errs[i]
		}
		if c != nil {
			out = append(out, c)
		}
	}
	return out, nil
}

// adoptLearningPath plans the viewer's path and keeps it as their plan,
// enrolling them in its courses.
func (r *Resolver) adoptLearningPath(ctx context.Context, positionID int64) (*development.Plan, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := r.Ladder.PositionByID(ctx, positionID); err != nil {
		return nil, err
	}
	path, err := LoadersFromContext(ctx).Path.Load(ctx, gapKey{EmployeeID: v.EmployeeID, PositionID: positionID})()
	if err != nil {
		return nil, err
	}
	in := development.AdoptInput{EmployeeID: v.EmployeeID, TargetPositionID: positionID,
		TotalHours: path.Plan.TotalHours, FinishOn: path.FinishOn}
	if in.FinishOn.IsZero() {
		in.FinishOn = r.Now()
	}
	for _, st := range path.Plan.Steps {
		if st.Kind == pathplan.StepCourse {
			in.Courses = append(in.Courses, development.PlanCourse{CourseID: st.CourseID, Hours: st.Hours, Prerequisite: st.Prerequisite})
		}
	}
	res, err := r.Development.AdoptPlan(ctx, v, in)
	if err != nil {
		return nil, err
	}
	return res.Plan, nil
}

// describeStep says in both languages what a step asks.
func (r *Resolver) describeStep(ctx context.Context, st *pathplan.Step) (*model.LocalizedText, error) {
	switch {
	case st.Kind == pathplan.StepCourse:
		c, err := LoadersFromContext(ctx).Course.Load(ctx, st.CourseID)()
		if err != nil || c == nil {
			return &model.LocalizedText{En: "Take course " + st.Code, Zh: "学习课程 " + st.Code}, err
		}
		return &model.LocalizedText{En: fmt.Sprintf("Take %s (%s), %.1f h", c.TitleEN, c.Code, st.Hours),
			Zh: fmt.Sprintf("学习《%s》（%s），%.1f 小时", c.TitleZH, c.Code, st.Hours)}, nil
	case st.Kind == pathplan.StepGap && st.Gap != nil:
		comp, err := LoadersFromContext(ctx).Competency.Load(ctx, st.Gap.CompetencyID)()
		if err != nil || comp == nil {
			return &model.LocalizedText{}, err
		}
		return &model.LocalizedText{
			En: fmt.Sprintf("%s: no course goes beyond level %d; level %d needs a rating, a test or practice", comp.NameEN, st.Gap.Reachable, st.Gap.Required),
			Zh: fmt.Sprintf("%s：现有课程最多达到 %d 级；%d 级需要评定、测验或实践", comp.NameZH, st.Gap.Reachable, st.Gap.Required),
		}, nil
	case st.Kind == pathplan.StepGap:
		return &model.LocalizedText{En: "The required course " + st.Code + " is not open for enrolment",
			Zh: "必修课程 " + st.Code + " 暂未开放报名"}, nil
	case st.Other != nil && st.Other.Kind == ladder.KindKPI:
		// The description states the employee's KPI average: not for
		// trainers (kpiaccess.go).
		if ok, err := mayReadKPIsAbove(ctx); err != nil || !ok {
			return &model.LocalizedText{En: "Still needed: a KPI result the position asks for",
				Zh: "尚需满足：岗位要求的 KPI 指标"}, err
		}
		return &model.LocalizedText{En: "Still needed: " + st.Other.Description, Zh: "尚需满足：KPI 指标（" + st.Other.Description + "）"}, nil
	case st.Other != nil:
		zh := map[string]string{
			ladder.KindMonthsInPosition:  "在现岗位任职时间",
			ladder.KindPerformanceRating: "绩效评分",
			ladder.KindKPI:               "KPI 指标",
		}[st.Other.Kind]
		return &model.LocalizedText{En: "Still needed: " + st.Other.Description, Zh: "尚需满足：" + zh + "（" + st.Other.Description + "）"}, nil
	}
	return &model.LocalizedText{En: string(st.Kind), Zh: string(st.Kind)}, nil
}

// topGaps names a readiness's largest gaps in both languages.
func (r *Resolver) topGaps(ctx context.Context, rd *progression.Readiness) ([]*model.LocalizedText, error) {
	out := []*model.LocalizedText{}
	for _, g := range rd.TopGaps {
		switch {
		case g.Competency != nil:
			comp, err := LoadersFromContext(ctx).Competency.Load(ctx, g.Competency.CompetencyID)()
			if err != nil {
				return nil, err
			}
			if comp == nil {
				continue // no longer in the published framework
			}
			out = append(out, &model.LocalizedText{
				En: fmt.Sprintf("%s: level %d of %d", comp.NameEN, g.Competency.Current, g.Competency.Required),
				Zh: fmt.Sprintf("%s：%d / %d 级", comp.NameZH, g.Competency.Current, g.Competency.Required)})
		case g.Check != nil:
			out = append(out, &model.LocalizedText{En: "Not met: " + g.Check.Kind, Zh: "未满足：" + g.Check.Kind})
		}
	}
	return out, nil
}

// readinessBoard pages HR's board; the cursor is the last row's sort key.
func (r *Resolver) readinessBoard(ctx context.Context, positionID int64, teamID *int64, status *model.ReadinessStatus,
	sort *model.BoardSort, first *int, after *string) (*model.ReadinessConnection, error) {
	n, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	q := progression.BoardQuery{PositionID: positionID, TeamID: deref(teamID), First: n}
	if status != nil {
		q.Status = string(*status)
	}
	if sort != nil {
		q.Sort = string(*sort)
	}
	if after != nil && *after != "" {
		var c progression.BoardCursor
		b, err := base64.RawURLEncoding.DecodeString(*after)
		if err == nil {
			err = json.Unmarshal(b, &c)
		}
		if err != nil || c.ID <= 0 {
			return nil, rungs.FieldError("after", "page.cursor.invalid", "after is not a cursor this list gave out")
		}
		q.After = &c
	}
	page, err := r.Progress.Board(ctx, q)
	if err != nil {
		return nil, err
	}
	conn := &model.ReadinessConnection{Nodes: make([]*progression.Readiness, len(page.Rows)), TotalCount: page.Total,
		PageInfo: &model.PageInfo{HasNextPage: page.HasNextPage}}
	for i, row := range page.Rows {
		LoadersFromContext(ctx).Employee.Prime(ctx, row.Employee.ID, row.Employee)
		conn.Nodes[i] = row.Readiness
	}
	if len(page.Rows) > 0 {
		b, _ := json.Marshal(page.Rows[len(page.Rows)-1].Cursor())
		c := base64.RawURLEncoding.EncodeToString(b)
		conn.PageInfo.EndCursor = &c
	}
	return conn, nil
}
