package competency

import (
	"context"
	"fmt"
	"time"
)

// Explanation is how an employee's level in one competency came about:
// every piece of their evidence in it with the rule's verdict, and the
// criteria of each level, evaluated. It is what Proficiencies computes,
// shown: both run Rule.assess.
type Explanation struct {
	CompetencyID int64
	// Level is the level shown, 0 when there is none. Proficiency holds
	// the rest of it; without a level only its Default and CappedBy may be
	// set (criteria took the level away).
	Level       int
	Proficiency Proficiency
	// Evidence is every piece of evidence in the competency, newest first.
	Evidence []Judgement
	// Criteria are the criteria of each level that has some, lowest first.
	Criteria []CriteriaResult
	// SummaryEN and SummaryZH say in one sentence where the level comes
	// from.
	SummaryEN, SummaryZH string
}

// Explain explains one employee's level in competency competencyID. evs is
// all of the employee's evidence, in every competency (criteria may read
// any of it); crit the competency's criteria (others are skipped).
func (r Rule) Explain(competencyID int64, evs []*Evidence, crit []*Criteria, now time.Time) Explanation {
	var own []*Evidence
	for _, e := range evs {
		if e.CompetencyID == competencyID {
			own = append(own, e)
		}
	}
	a := r.assess(competencyID, own, newPool(r, evs, now), crit, now, true)
	x := Explanation{CompetencyID: competencyID, Proficiency: a.p, Evidence: a.judgements, Criteria: a.criteria}
	if x.Evidence == nil {
		x.Evidence = []Judgement{}
	}
	if a.ok {
		x.Level = a.p.Level
	}
	x.SummaryEN, x.SummaryZH = r.summary(a)
	return x
}

// Explain explains one employee's level in one competency at the store's
// clock. Callers check that the viewer may see the employee's development.
func (s *Store) Explain(ctx context.Context, employeeID, competencyID int64) (*Explanation, error) {
	var evs []*Evidence
	err := s.db.SelectContext(ctx, &evs, `SELECT * FROM competency_evidence WHERE employee_id = $1`, employeeID)
	if err != nil {
		return nil, fmt.Errorf("competency: explain: %w", err)
	}
	crit, err := s.criteriaInForce(ctx, []int64{competencyID})
	if err != nil {
		return nil, fmt.Errorf("competency: explain: %w", err)
	}
	x := s.Rule.Explain(competencyID, evs, crit, s.Now())
	return &x, nil
}

func (r Rule) summary(a assessment) (en, zh string) {
	p := a.p
	switch {
	case p.MetCriteria > 0:
		return fmt.Sprintf("The criteria of level %d are met, so the level is %d (the evidence alone gives %d).", p.MetCriteria, p.Level, p.Default),
			fmt.Sprintf("已满足 %d 级的达成标准，因此等级为 %d（仅凭证据为 %d）。", p.MetCriteria, p.Level, p.Default)
	case p.CappedBy > 0 && a.ok:
		return fmt.Sprintf("The evidence gives level %d, but the criteria of level %d are not met, so the level is %d.", p.Default, p.CappedBy, p.Level),
			fmt.Sprintf("证据给出 %d 级，但未满足 %d 级的达成标准，因此等级为 %d。", p.Default, p.CappedBy, p.Level)
	case p.CappedBy > 0:
		return fmt.Sprintf("The evidence gives level %d, but the criteria of level %d are not met, so there is no level yet.", p.Default, p.CappedBy),
			fmt.Sprintf("证据给出 %d 级，但未满足 %d 级的达成标准，因此尚无等级。", p.Default, p.CappedBy)
	case !a.ok:
		return "No evidence counts yet.", "尚无有效证据。"
	case p.Samples > 0:
		return fmt.Sprintf("Level %d: the median of the last %d %s samples (newest observed %s).", p.Level, p.Samples, p.Source, date(p.ObservedOn)),
			fmt.Sprintf("等级 %d：最近 %d 次%s的中位数（最新一次 %s）。", p.Level, p.Samples, sourceZH(p.Source), date(p.ObservedOn))
	}
	return fmt.Sprintf("Level %d from %s evidence #%d observed %s.", p.Level, p.Source, p.Evidence.ID, date(p.ObservedOn)),
		fmt.Sprintf("等级 %d，来自%s于 %s 的证据 #%d。", p.Level, sourceZH(p.Source), date(p.ObservedOn), p.Evidence.ID)
}

// reason writes why j got its verdict, in both languages.
func (r Rule) reason(j *Judgement, now time.Time) {
	e, by := j.Evidence, j.By
	src, srcZH := e.Source, sourceZH(e.Source)
	switch j.Verdict {
	case VerdictCounted:
		if n := r.Samples[src]; n > 0 {
			j.ReasonEN = fmt.Sprintf("Counts: one of the last %d %s samples in the window; the level is their median.", n, src)
			j.ReasonZH = fmt.Sprintf("计入：窗口内最近 %d 次%s之一，等级取其中位数。", n, srcZH)
		} else {
			j.ReasonEN = fmt.Sprintf("Decides the level: %s evidence at level %d, observed %s.", src, e.Level, date(e.ObservedOn))
			j.ReasonZH = fmt.Sprintf("决定等级：%s于 %s 给出的 %d 级证据。", srcZH, date(e.ObservedOn), e.Level)
		}
		if now.Sub(e.ObservedOn) > r.StaleAfter {
			j.ReasonEN += fmt.Sprintf(" Older than %d days: it wants renewing.", int(r.StaleAfter/day))
			j.ReasonZH += fmt.Sprintf(" 已超过 %d 天，需要更新。", int(r.StaleAfter/day))
		}
	case VerdictOutranked:
		switch {
		case r.RaiseOnly[by.Source]:
			j.ReasonEN = fmt.Sprintf("A newer, higher %s evidence #%d (level %d) raises the level above it.", by.Source, by.ID, by.Level)
			j.ReasonZH = fmt.Sprintf("更新且更高的%s证据 #%d（%d 级）提升了等级。", sourceZH(by.Source), by.ID, by.Level)
		case r.Trust[by.Source] > r.Trust[src]:
			j.ReasonEN = fmt.Sprintf("Outranked by %s evidence #%d (level %d): a more trusted source.", by.Source, by.ID, by.Level)
			j.ReasonZH = fmt.Sprintf("被更可信的来源取代：%s证据 #%d（%d 级）。", sourceZH(by.Source), by.ID, by.Level)
		case r.RaiseOnly[src]:
			j.ReasonEN = fmt.Sprintf("A %s can raise a level only when newer than the rating or assessment that decides it: %s evidence #%d, observed %s.",
				src, by.Source, by.ID, date(by.ObservedOn))
			j.ReasonZH = fmt.Sprintf("%s只有在晚于决定等级的评定或测评时才能提升等级：%s证据 #%d，观察于 %s。",
				srcZH, sourceZH(by.Source), by.ID, date(by.ObservedOn))
		default:
			j.ReasonEN = fmt.Sprintf("Outranked by %s evidence #%d (level %d), observed later (%s) by an equally trusted source.",
				by.Source, by.ID, by.Level, date(by.ObservedOn))
			j.ReasonZH = fmt.Sprintf("被同等可信、观察更晚（%s）的%s证据 #%d（%d 级）取代。",
				date(by.ObservedOn), sourceZH(by.Source), by.ID, by.Level)
		}
	case VerdictSuperseded:
		if n := r.Samples[src]; n > 0 {
			j.ReasonEN = fmt.Sprintf("Older than the last %d %s samples (the newest is #%d), which are the ones that count.", n, src, by.ID)
			j.ReasonZH = fmt.Sprintf("早于最近 %d 次%s（最新为 #%d），只有最近几次计入。", n, srcZH, by.ID)
		} else {
			j.ReasonEN = fmt.Sprintf("Superseded by newer %s evidence #%d (observed %s).", by.Source, by.ID, date(by.ObservedOn))
			j.ReasonZH = fmt.Sprintf("已被更新的%s证据 #%d（观察于 %s）取代。", sourceZH(by.Source), by.ID, date(by.ObservedOn))
		}
	case VerdictOutsideWindow:
		days := int(r.Window[src] / day)
		j.ReasonEN = fmt.Sprintf("Observed %s: older than the %d-day recency window of %s evidence, so it is ignored.", date(e.ObservedOn), days, src)
		j.ReasonZH = fmt.Sprintf("观察于 %s，超出%s证据 %d 天的有效期，不再计入。", date(e.ObservedOn), srcZH, days)
	case VerdictRaiseOnlyBelow:
		j.ReasonEN = fmt.Sprintf("A %s can raise a level but never lower it: level %d is not above level %d (evidence #%d).", src, e.Level, by.Level, by.ID)
		j.ReasonZH = fmt.Sprintf("%s只能提升等级，不能降低：%d 级不高于当前的 %d 级（证据 #%d）。", srcZH, e.Level, by.Level, by.ID)
	}
}

func date(t time.Time) string { return t.Format(time.DateOnly) }

// sourceZH names a source in Chinese.
func sourceZH(source string) string {
	switch source {
	case SourceSelf:
		return "自评"
	case SourceManager:
		return "经理"
	case SourceTrainer:
		return "培训师"
	case SourceHR:
		return "人力资源"
	case SourceCourse:
		return "课程结业"
	case SourceAssessment:
		return "测评"
	case SourceRubric:
		return "评分表"
	case SourceKPI:
		return "绩效指标"
	case SourceCriteria:
		return "达成标准"
	}
	return source
}
