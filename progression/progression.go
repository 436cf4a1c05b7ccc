// Package progression answers "how far is this person from that position?"
// over the competency framework, the ladder and (later) courses: the gap
// analysis here, and the learning path and readiness that build on it. It
// sits above those packages so none of them imports another.
package progression

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/performance"
)

// CompetencyGap compares one competency requirement with the employee's
// current level (0 when there is no evidence).
type CompetencyGap struct {
	CompetencyID int64
	Required     int
	Current      int
	// Gap is how many levels are missing (0 when met).
	Gap   int
	Met   bool
	Stale bool
	// Proficiency is the evidence behind Current, nil without any.
	Proficiency *competency.Proficiency
}

// Check is a requirement other than a competency level.
type Check struct {
	Requirement *ladder.Requirement
	Kind        string
	// Required and Actual are in the requirement's unit (months, rating).
	Required float64
	Actual   float64
	// Known is false when there is nothing to measure yet (no rating).
	Known bool
	Met   bool
	// Completion is the employee's latest completion of the required course
	// (COURSE and CERTIFICATION requirements), nil when never completed.
	Completion *learning.Completion
	// KPI is the KPI of a KPI requirement and Volume the contacts behind
	// Actual (the volume-weighted mean over the requirement's window).
	KPI    *kpi.Definition
	Volume int64
}

// KPIResult is an employee's result in one KPI over a requirement's window.
type KPIResult struct {
	Definition *kpi.Definition
	kpi.Aggregate
}

// Gap is an employee measured against a position's requirements.
type Gap struct {
	EmployeeID   int64
	PositionID   int64
	Competencies []CompetencyGap
	Checks       []Check
	// TotalGap sums the missing levels over every competency.
	TotalGap int
	// Met is true when every requirement is met.
	Met bool
}

// Facts are what the rule needs to know about one employee.
type Facts struct {
	Employee    *people.Employee
	Proficiency map[int64]competency.Proficiency
	// Rating is the latest performance rating, when there is one; the
	// performance capability provides it.
	Rating *float64
	// Completions are the employee's course completions by course id.
	Completions map[int64]learning.Completion
	// KPIs are the employee's KPI results by requirement id.
	KPIs map[int64]KPIResult
}

// Evaluate measures one employee against requirements: the one
// implementation of the gap rule, used for a single person and for whole
// organisations alike.
func Evaluate(f Facts, positionID int64, reqs []*ladder.Requirement, now time.Time) *Gap {
	g := &Gap{EmployeeID: f.Employee.ID, PositionID: positionID, Met: true}
	for _, r := range reqs {
		switch r.Kind {
		case ladder.KindCompetency:
			cg := CompetencyGap{CompetencyID: r.CompetencyID.Int64, Required: int(r.MinLevel.Int64)}
			if p, ok := f.Proficiency[cg.CompetencyID]; ok {
				cg.Current, cg.Stale = p.Level, p.Stale
				cg.Proficiency = &p
			}
			cg.Gap = max(cg.Required-cg.Current, 0)
			cg.Met = cg.Gap == 0
			g.TotalGap += cg.Gap
			g.Met = g.Met && cg.Met
			g.Competencies = append(g.Competencies, cg)
		case ladder.KindMonthsInPosition:
			months := MonthsBetween(f.Employee.PositionSince, now)
			c := Check{Requirement: r, Kind: r.Kind, Required: float64(r.MinMonths.Int64), Actual: float64(months), Known: true}
			c.Met = months >= int(r.MinMonths.Int64)
			g.Met = g.Met && c.Met
			g.Checks = append(g.Checks, c)
		case ladder.KindPerformanceRating:
			c := Check{Requirement: r, Kind: r.Kind, Required: r.MinRating.Float64}
			if f.Rating != nil {
				c.Known, c.Actual = true, *f.Rating
				c.Met = *f.Rating >= r.MinRating.Float64
			}
			g.Met = g.Met && c.Met
			g.Checks = append(g.Checks, c)
		case ladder.KindCourse, ladder.KindCertification:
			// A course counts once completed; a certification only while
			// its completion is valid.
			c := Check{Requirement: r, Kind: r.Kind, Required: 1, Known: true}
			if done, ok := f.Completions[r.CourseID.Int64]; ok {
				c.Completion = &done
				if r.Kind == ladder.KindCourse || done.ValidOn(now) {
					c.Actual, c.Met = 1, true
				}
			}
			g.Met = g.Met && c.Met
			g.Checks = append(g.Checks, c)
		case ladder.KindKPI:
			// No data over the window is unknown, and unknown is not met.
			c := Check{Requirement: r, Kind: r.Kind, Required: r.KPIThreshold.Float64}
			if res, ok := f.KPIs[r.ID]; ok {
				c.KPI = res.Definition
				if res.Periods > 0 {
					c.Known, c.Actual, c.Volume = true, res.Value, res.Volume
					c.Met = kpi.Met(res.Definition, res.Value, r.KPIThreshold.Float64)
				}
			}
			g.Met = g.Met && c.Met
			g.Checks = append(g.Checks, c)
		}
	}
	return g
}

// MonthsBetween counts whole calendar months from since to now.
func MonthsBetween(since, now time.Time) int {
	y1, m1, d1 := since.Date()
	y2, m2, d2 := now.UTC().Date()
	months := (y2-y1)*12 + int(m2-m1)
	if d2 < d1 {
		months--
	}
	return int(math.Max(0, float64(months)))
}

// Service computes gaps from the stores.
type Service struct {
	Competency  *competency.Store
	Ladder      *ladder.Store
	Learning    *learning.Store
	KPI         *kpi.Store
	Performance *performance.Store
	Now         func() time.Time
	// DB serves the readiness policy, the board's candidates, bench
	// strength and the what-if's course links (readiness.go, board.go).
	DB *sqlx.DB
}

// Gaps measures each employee against one position with a fixed number of
// statements however many employees there are: one for the requirements,
// and those of loadFacts (two for everyone's evidence, and one per further
// source the position asks for).
func (s *Service) Gaps(ctx context.Context, emps []*people.Employee, positionID int64) ([]*Gap, error) {
	reqs, err := s.Ladder.RequirementsOf(ctx, []int64{positionID})
	if err != nil {
		return nil, err
	}
	now := s.Now()
	facts, err := s.loadFacts(ctx, emps, reqs[0], now)
	if err != nil {
		return nil, fmt.Errorf("progression: gaps: %w", err)
	}
	out := make([]*Gap, len(emps))
	for i := range emps {
		out[i] = Evaluate(facts[i], positionID, reqs[0], now)
	}
	return out, nil
}

// loadFacts reads what Evaluate needs to measure emps against reqs, which
// may be the requirements of one position or of many: everyone's evidence
// (two statements), and each further source only when some requirement
// asks for it — one statement for completions, one for ratings, and for
// KPIs one for the definitions plus one per distinct (KPI, window), so the
// count depends on the requirements, never on the number of employees.
func (s *Service) loadFacts(ctx context.Context, emps []*people.Employee, reqs []*ladder.Requirement, now time.Time) ([]Facts, error) {
	ids := make([]int64, len(emps))
	for i, e := range emps {
		ids[i] = e.ID
	}
	profs, err := s.Competency.Proficiencies(ctx, ids)
	if err != nil {
		return nil, err
	}
	has := func(kinds ...string) bool {
		return slices.ContainsFunc(reqs, func(r *ladder.Requirement) bool { return slices.Contains(kinds, r.Kind) })
	}
	done := make([][]learning.Completion, len(ids))
	if has(ladder.KindCourse, ladder.KindCertification) {
		if done, err = s.Learning.CompletionsOf(ctx, ids); err != nil {
			return nil, err
		}
	}
	ratings := make([]*float64, len(ids))
	if has(ladder.KindPerformanceRating) {
		if ratings, err = s.Performance.LatestRatings(ctx, ids); err != nil {
			return nil, err
		}
	}
	kpis, err := s.kpiResults(ctx, ids, reqs, now)
	if err != nil {
		return nil, err
	}
	out := make([]Facts, len(emps))
	for i, e := range emps {
		f := Facts{Employee: e, Proficiency: profs[i], Rating: ratings[i],
			Completions: make(map[int64]learning.Completion, len(done[i])), KPIs: make(map[int64]KPIResult, len(kpis))}
		for _, c := range done[i] {
			f.Completions[c.CourseID] = c
		}
		for reqID, results := range kpis {
			f.KPIs[reqID] = results[i]
		}
		out[i] = f
	}
	return out, nil
}

// kpiResults reads, per KPI requirement, every employee's volume-weighted
// result over the requirement's window of whole months before this one.
// Requirements sharing a KPI and a window (the same threshold on several
// positions) share one statement.
func (s *Service) kpiResults(ctx context.Context, ids []int64, reqs []*ladder.Requirement, now time.Time) (map[int64][]KPIResult, error) {
	type window struct{ kpi, months int64 }
	byWindow := map[window][]int64{}
	var windows []window
	for _, r := range reqs {
		if r.Kind != ladder.KindKPI {
			continue
		}
		w := window{r.KPIID.Int64, r.KPIMonths.Int64}
		if _, ok := byWindow[w]; !ok {
			windows = append(windows, w)
		}
		byWindow[w] = append(byWindow[w], r.ID)
	}
	if len(windows) == 0 {
		return nil, nil
	}
	kpiIDs := make([]int64, len(windows))
	for i, w := range windows {
		kpiIDs[i] = w.kpi
	}
	defs, err := s.KPI.DefinitionsByIDs(ctx, kpiIDs)
	if err != nil {
		return nil, fmt.Errorf("KPIs: %w", err)
	}
	out := map[int64][]KPIResult{}
	for i, w := range windows {
		def := defs[i]
		if def == nil {
			continue
		}
		from, to := kpi.LastMonths(now, int(w.months))
		aggs, err := s.KPI.Aggregate(ctx, ids, def.Code, from, to)
		if err != nil {
			return nil, fmt.Errorf("KPI %s: %w", def.Code, err)
		}
		res := make([]KPIResult, len(ids))
		for j := range ids {
			res[j] = KPIResult{Definition: def, Aggregate: aggs[j]}
		}
		for _, reqID := range byWindow[w] {
			out[reqID] = res
		}
	}
	return out, nil
}
