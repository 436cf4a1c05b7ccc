package progression

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
)

// Readiness statuses.
const (
	StatusReadyNow  = "READY_NOW"
	StatusReadySoon = "READY_SOON"
	StatusNotReady  = "NOT_READY"
)

// Line kinds: the requirement groups readiness weighs.
const (
	LineCompetency = "COMPETENCY"
	// LineCourses groups COURSE and CERTIFICATION requirements.
	LineCourses = "COURSES"
	LineMonths  = "MONTHS_IN_POSITION"
	LineRating  = "PERFORMANCE_RATING"
	LineKPI     = "KPI"
)

// lineKinds is the order lines are shown in.
var lineKinds = []string{LineCompetency, LineCourses, LineMonths, LineRating, LineKPI}

// Line is one requirement group of a readiness score: what it weighs, the
// employee's value, what the position asks and whether it is met, so that
// anyone can see where the score comes from.
type Line struct {
	Kind string
	// Weight is the policy's weight of the group.
	Weight float64
	// Value is the employee's value: for COMPETENCY the share (0..1) of the
	// required levels held, for COURSES and KPI the share of requirements
	// met, for MONTHS_IN_POSITION the whole months in position, for
	// PERFORMANCE_RATING the latest rating (0 when Known is false).
	Value float64
	// Requirement is what the group asks: 1 (all of it) for the shares,
	// the minimum months or rating otherwise.
	Requirement float64
	// Known is false when there is nothing to measure (no rating yet).
	Known bool
	// Met is true when every requirement of the group is met.
	Met bool
	// MetCount of Count requirements of the group are met.
	MetCount, Count int
	// Score is the line's fulfilment, 0..1, that Weight multiplies.
	Score float64
	// Points is what the line adds to the total score (0..100).
	Points float64
}

// TopGap is one unmet requirement: a competency gap or an unmet check,
// pointing into the Gap.
type TopGap struct {
	Competency *CompetencyGap
	Check      *Check
}

// Readiness is how ready an employee is to move into a position.
type Readiness struct {
	EmployeeID int64
	PositionID int64
	// Score is 0..100, Status one of the Status* constants.
	Score  int
	Status string
	// Lines are the requirement groups the position has, in a fixed order.
	Lines []Line
	// TopGaps are the unmet requirements: competency gaps, largest first,
	// then the unmet checks in requirement order.
	TopGaps []TopGap
	// Gap is the gap analysis the score was computed from.
	Gap    *Gap
	Policy *Policy
	// Assumed are the courses a what-if treated as completed.
	Assumed []int64
}

// Assess turns a gap into a readiness score and status under a policy: the
// one implementation of the readiness rule. It is pure, so the board, the
// bench and a single employee all compute it the same way.
//
// The formula. Each requirement group the position has becomes a line with
// a score from 0 to 1:
//
//   - COMPETENCY: the share of the required levels held, partial levels
//     counting: Σ min(current, required) / Σ required over the required
//     competencies. Two of three levels in one competency is 2/3 of it, so
//     a near miss scores better than no evidence at all.
//   - COURSES: the share of the required courses and certifications held
//     (a certification only while its completion is valid).
//   - MONTHS_IN_POSITION: 1 when the minimum months are reached, else 0.
//     Time passes by itself; a partial score would rank people by
//     seniority, which the weight on competencies is there to avoid.
//   - PERFORMANCE_RATING: 1 when the latest rating reaches the minimum,
//     else 0 (also without any rating: unknown is not met).
//   - KPI: the share of the KPI thresholds met over their windows (no data
//     over a window is not met).
//
// score = round(100 × Σ weight × lineScore / Σ weight), both sums over the
// lines present: a position that asks no rating does not count the
// rating's weight, so its candidates are not marked down for it. When the
// lines present all weigh 0 (or the position has no requirement) the score
// is 100 if every requirement is met, else 0.
//
// status: READY_NOW when score ≥ ReadyNowMin and, if the policy says so
// (the default does), every requirement is met; else READY_SOON when
// score ≥ ReadySoonMin; else NOT_READY. The rounded score is compared, so
// the status always agrees with the score shown. HR sets the weights and
// thresholds (UpdatePolicy), per position if need be.
func Assess(g *Gap, p *Policy) *Readiness {
	r := &Readiness{EmployeeID: g.EmployeeID, PositionID: g.PositionID, Gap: g, Policy: p}
	type acc struct {
		present          bool
		held, required   float64
		met, count       int
		value, requireOf float64
		known            bool
	}
	groups := map[string]*acc{}
	group := func(kind string) *acc {
		a := groups[kind]
		if a == nil {
			a = &acc{present: true, known: true}
			groups[kind] = a
		}
		return a
	}
	for _, c := range g.Competencies {
		a := group(LineCompetency)
		a.held += float64(min(c.Current, c.Required))
		a.required += float64(c.Required)
		a.count++
		if c.Met {
			a.met++
		}
	}
	for _, c := range g.Checks {
		var a *acc
		switch c.Kind {
		case ladder.KindCourse, ladder.KindCertification:
			a = group(LineCourses)
		case ladder.KindMonthsInPosition:
			a = group(LineMonths)
			a.value, a.requireOf = c.Actual, max(a.requireOf, c.Required)
		case ladder.KindPerformanceRating:
			a = group(LineRating)
			a.value, a.requireOf, a.known = c.Actual, max(a.requireOf, c.Required), a.known && c.Known
		case ladder.KindKPI:
			a = group(LineKPI)
		default:
			continue
		}
		a.count++
		if c.Met {
			a.met++
		}
	}

	var sumW, sumWS float64
	for _, kind := range lineKinds {
		a := groups[kind]
		if a == nil {
			continue
		}
		l := Line{Kind: kind, Weight: p.Weight(kind), Known: a.known, MetCount: a.met, Count: a.count, Met: a.met == a.count}
		switch kind {
		case LineCompetency:
			l.Value, l.Requirement = a.held/a.required, 1
			l.Score = l.Value
		case LineCourses, LineKPI:
			l.Value, l.Requirement = float64(a.met)/float64(a.count), 1
			l.Score = l.Value
		case LineMonths, LineRating:
			l.Value, l.Requirement = a.value, a.requireOf
			l.Score = float64(a.met) / float64(a.count)
		}
		sumW += l.Weight
		sumWS += l.Weight * l.Score
		r.Lines = append(r.Lines, l)
	}
	switch {
	case sumW > 0:
		for i := range r.Lines {
			r.Lines[i].Points = 100 * r.Lines[i].Weight * r.Lines[i].Score / sumW
		}
		r.Score = int(math.Round(100 * sumWS / sumW))
	case g.Met:
		r.Score = 100
	}

	score := float64(r.Score)
	switch {
	case score >= p.ReadyNowMin && (g.Met || !p.ReadyNowRequiresAllMet):
		r.Status = StatusReadyNow
	case score >= p.ReadySoonMin:
		r.Status = StatusReadySoon
	default:
		r.Status = StatusNotReady
	}

	for i := range g.Competencies {
		if c := &g.Competencies[i]; !c.Met {
			r.TopGaps = append(r.TopGaps, TopGap{Competency: c})
		}
	}
	slices.SortStableFunc(r.TopGaps, func(a, b TopGap) int {
		return cmp.Or(b.Competency.Gap-a.Competency.Gap, b.Competency.Required-a.Competency.Required)
	})
	for i := range g.Checks {
		if c := &g.Checks[i]; !c.Met {
			r.TopGaps = append(r.TopGaps, TopGap{Check: c})
		}
	}
	return r
}

// Line returns the line of a kind, nil when the position has none.
func (r *Readiness) Line(kind string) *Line {
	for i := range r.Lines {
		if r.Lines[i].Kind == kind {
			return &r.Lines[i]
		}
	}
	return nil
}

// Readiness is one employee's readiness for a position. assumeCompleted is
// a what-if: those courses are treated as completed today, exactly as
// completing them would count (see assume). Access is the caller's: the
// GraphQL layer lets through whoever may see the employee's development.
// An unknown position is NOT_FOUND, an unknown course BAD_USER_INPUT.
func (s *Service) Readiness(ctx context.Context, emp *people.Employee, positionID int64, assumeCompleted []int64) (*Readiness, error) {
	if err := s.positionExists(ctx, positionID); err != nil {
		return nil, err
	}
	reqs, err := s.Ladder.RequirementsOf(ctx, []int64{positionID})
	if err != nil {
		return nil, err
	}
	policy, err := s.Policy(ctx, positionID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	facts, err := s.loadFacts(ctx, []*people.Employee{emp}, reqs[0], now)
	if err != nil {
		return nil, fmt.Errorf("progression: readiness: %w", err)
	}
	assumed := slices.Compact(slices.Sorted(slices.Values(assumeCompleted)))
	if len(assumed) > 0 {
		if err := s.assume(ctx, &facts[0], reqs[0], assumed, now); err != nil {
			return nil, err
		}
	}
	r := Assess(Evaluate(facts[0], positionID, reqs[0], now), policy)
	r.Assumed = assumed
	return r, nil
}

// courseLink is an assumed course and one competency it trains, at the
// level a completion today would record (none when the course trains no
// competency of the published framework).
type courseLink struct {
	CourseID       int64         `db:"course_id"`
	ValidityMonths sql.NullInt64 `db:"validity_months"`
	CompetencyID   sql.NullInt64 `db:"competency_id"`
	FrameworkID    sql.NullInt64 `db:"framework_id"`
	Level          sql.NullInt64 `db:"level"`
	MaxLevel       sql.NullInt64 `db:"max_level"`
}

// assume changes f as if the employee completed courses today, doing what
// a real completion does (learning.Store's completion): the course joins
// the completions (valid for its validity months), and for every
// competency the course trains in the published framework a COURSE piece
// of evidence observed today at min(target level, the scale's top) joins
// the employee's evidence. The competency rule then runs again over the
// real evidence plus these, through competency.Rule.Explain — the same
// assess that Proficiencies runs — for every required competency (criteria
// of one competency may read evidence of another). So a completion raises
// a level exactly when it would: never above a more recent confirmation,
// never lowering one. Assumed evidence has ID 0.
func (s *Service) assume(ctx context.Context, f *Facts, reqs []*ladder.Requirement, courses []int64, now time.Time) error {
	var links []courseLink
	err := s.DB.SelectContext(ctx, &links, `
		SELECT c.id AS course_id, c.validity_months, l.competency_id, l.framework_id, l.level, l.max_level
		FROM courses c
		LEFT JOIN LATERAL (
			SELECT cc.competency_id, f.id AS framework_id, least(cc.target_level, f.max_level) AS level, f.max_level
			FROM course_competencies cc
			JOIN frameworks f ON f.status = 'PUBLISHED'
			JOIN competency_versions v ON v.framework_id = f.id AND v.competency_id = cc.competency_id AND NOT v.archived
			WHERE cc.course_id = c.id
		) l ON true
		WHERE c.id = ANY($1)
		ORDER BY c.id, l.competency_id`, pq.Array(courses))
	if err != nil {
		return fmt.Errorf("progression: readiness: assumed courses: %w", err)
	}
	found := map[int64]bool{}
	for _, l := range links {
		found[l.CourseID] = true
	}
	var v rungs.Validation
	for _, id := range courses {
		v.Check(found[id], "assumeCompleted", "readiness.assume.course.not_found", "course %d not found", id)
	}
	if err := v.Err(); err != nil {
		return err
	}

	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var extra []*competency.Evidence
	maxLevel := 0
	for _, l := range links {
		c := learning.Completion{EmployeeID: f.Employee.ID, CourseID: l.CourseID, LastCompletedAt: now}
		if l.ValidityMonths.Valid {
			c.ValidUntil = sql.NullTime{Time: today.AddDate(0, int(l.ValidityMonths.Int64), 0), Valid: true}
		}
		if f.Completions == nil {
			f.Completions = map[int64]learning.Completion{}
		}
		f.Completions[l.CourseID] = c
		if l.CompetencyID.Valid {
			extra = append(extra, &competency.Evidence{EmployeeID: f.Employee.ID, CompetencyID: l.CompetencyID.Int64,
				FrameworkID: l.FrameworkID.Int64, Level: int(l.Level.Int64), Source: competency.SourceCourse,
				CourseID: sql.NullInt64{Int64: l.CourseID, Valid: true}, ObservedOn: today, RecordedAt: now})
			maxLevel = int(l.MaxLevel.Int64)
		}
	}
	if len(extra) == 0 {
		return nil
	}

	var required []int64
	for _, r := range reqs {
		if r.Kind == ladder.KindCompetency {
			required = append(required, r.CompetencyID.Int64)
		}
	}
	if len(required) == 0 {
		return nil
	}
	history, err := s.Competency.History(ctx, []int64{f.Employee.ID}, 0)
	if err != nil {
		return fmt.Errorf("progression: readiness: %w", err)
	}
	crit, err := s.Competency.CriteriaOf(ctx, required)
	if err != nil {
		return fmt.Errorf("progression: readiness: %w", err)
	}
	evs := append(slices.Clone(history[0]), extra...)
	profs := make(map[int64]competency.Proficiency, len(f.Proficiency)+len(required))
	for k, p := range f.Proficiency {
		profs[k] = p
	}
	for i, comp := range required {
		// Levels above the published scale are not in force (as in
		// Proficiencies).
		inForce := slices.DeleteFunc(slices.Clone(crit[i]), func(c *competency.Criteria) bool { return c.Level > maxLevel })
		x := s.Competency.Rule.Explain(comp, evs, inForce, now)
		if x.Level > 0 {
			profs[comp] = x.Proficiency
		} else {
			delete(profs, comp)
		}
	}
	f.Proficiency = profs
	return nil
}
