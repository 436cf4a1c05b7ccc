// Package pathplan solves the learning path: the cheapest set of courses,
// in a valid order, that closes every competency gap to a target position.
// It is pure Go over plain input types (no database): the progression
// package maps its rows onto Input and GraphQL maps Plan onto the API.
//
// # The model
//
// A course's link (entry e, target t) on a competency raises the learner's
// level there to t, but only if, at the moment the course is taken, the
// level is already at least e. A course may still be taken while one of its
// links is out of reach (for another link, or as a prerequisite); that link
// then simply raises nothing. Levels only rise (the maximum wins). Links on
// competencies that are not gaps are ignored.
//
// Completed courses cost nothing and are not planned: their effect is
// already in Gap.Current and they satisfy prerequisites. A course in
// progress costs its remaining hours, Hours×(1−Progress), and its effect
// counts once it is finished. An enforced prerequisite of a planned course
// is planned too (recursively) unless completed, and comes before it; an
// advisory one is only suggested on the step. A course whose enforced
// prerequisite is not in the catalogue (unpublished) cannot be planned.
//
// # The objective
//
// Fewest total remaining hours such that every gap reaches its required
// level and every required course is planned. A gap no combination of
// courses can close is brought as far as the courses go and reported as
// unclosed with that reachable level; requirements no course meets (a test,
// a rating, a KPI, months in the position) are steps of their own.
//
// # Exact or approximate
//
// Candidates are the courses with a link that can raise a gap, the required
// courses, and the enforced-prerequisite closure of both. Up to ExactLimit
// candidates (DefaultExactLimit = 20) the plan is exact: a branch and bound
// over course sets (see exact.go). Beyond that it is a greedy weighted set
// cover with a redundancy pass (see greedy.go), which is always a valid plan
// but may cost more than the optimum. Plan.Method says which was used.
// Whether one set of courses can be ordered to reach the targets is itself
// a search (order.go), bounded for safety; within that bound, which random
// catalogues at the exact limit never reach, EXACT plans are optimal.
//
// Ties are broken by course code (then id), so the same input always gives
// the same plan.
package pathplan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/rungs/rungs"
)

// Status is where the learner stands with a course.
type Status string

// Course statuses. The zero value counts as Available.
const (
	Available  Status = "AVAILABLE"
	Completed  Status = "COMPLETED"
	InProgress Status = "IN_PROGRESS"
)

// Link is what a course develops: one competency from Entry (the level the
// learner should already have) to Target.
type Link struct {
	CompetencyID int64
	Entry        int
	Target       int
}

// Prereq is a prerequisite of a course. An enforced one must be completed
// before the course starts; an advisory one only warns.
type Prereq struct {
	CourseID int64
	Enforced bool
}

// Course is a published course as the learner sees it.
type Course struct {
	ID    int64
	Code  string
	Hours float64
	Links []Link
	// Prereqs may name courses missing from the catalogue (unpublished): an
	// enforced one then makes this course impossible to plan.
	Prereqs []Prereq
	Status  Status
	// Progress is the share already done (0..1), used for InProgress.
	Progress float64
}

// remaining is the hours still to study.
func (c *Course) remaining() float64 {
	switch c.Status {
	case Completed:
		return 0
	case InProgress:
		return c.Hours * (1 - c.Progress)
	}
	return c.Hours
}

// Gap is one competency below the level the target position requires.
// Gaps already met (Current ≥ Required) are accepted and ignored.
type Gap struct {
	CompetencyID int64
	Current      int
	Required     int
}

// OtherNeed is a requirement no course meets (a test to pass, a manager's
// confirmation, a KPI threshold, months in the position); each becomes a
// step of its own, in input order.
type OtherNeed struct {
	// Kind is the requirement kind, e.g. PERFORMANCE_RATING, KPI,
	// MONTHS_IN_POSITION, ASSESSMENT.
	Kind string
	// RequirementID optionally names the position requirement behind it.
	RequirementID int64
	Description   string
}

// DefaultExactLimit is the candidate count up to which the plan is exact.
// At 20 candidates the branch and bound takes about 3–10 ms on random
// catalogues (BenchmarkExactAtLimit; 110 ms the worst of 200), but it is
// exponential: its worst case is 2^20 course sets, each needing an order.
const DefaultExactLimit = 20

// MaxExactLimit caps Input.ExactLimit: course sets are bit masks and the
// search is exponential.
const MaxExactLimit = 30

// Input is everything the solver needs about one learner and one target.
type Input struct {
	// Courses is the published catalogue (completed and in-progress courses
	// included, with their status).
	Courses []Course
	Gaps    []Gap
	// RequiredCourses are courses (or certifications) the position requires
	// outright. A completed one is already met; one missing from Courses,
	// or impossible to plan, is reported in Plan.Unavailable.
	RequiredCourses []int64
	Other           []OtherNeed
	// ExactLimit is the candidate count up to which the plan is exact; 0
	// means DefaultExactLimit, values above MaxExactLimit count as it.
	ExactLimit int
}

// Method names how the plan was found.
type Method string

// Methods.
const (
	Exact  Method = "EXACT"
	Greedy Method = "GREEDY"
)

// StepKind is what a step asks of the learner.
type StepKind string

// Step kinds.
const (
	// StepCourse: study a course.
	StepCourse StepKind = "COURSE"
	// StepGap: a gap no course closes (Gap set), or a required course that
	// cannot be taken (CourseID set, Gap nil).
	StepGap StepKind = "GAP"
	// StepOther: a requirement no course meets (Other set).
	StepOther StepKind = "OTHER"
)

// Closure is a gap a course step (partly) closes: the level before the
// course and the level it brings. To may exceed the required level.
type Closure struct {
	CompetencyID int64
	From         int
	To           int
}

// Unclosed is a gap the courses cannot close: they reach Reachable, and
// Required−Reachable levels must come from elsewhere.
type Unclosed struct {
	Gap
	Reachable int
}

// Missing is how many levels no course gives.
func (u Unclosed) Missing() int { return u.Required - u.Reachable }

// Step is one thing to do, in plan order: courses first, in an order that
// respects enforced prerequisites and entry levels, then unclosed gaps and
// unavailable required courses, then the other requirements.
type Step struct {
	Kind     StepKind
	CourseID int64
	Code     string
	// Hours still to study (courses only).
	Hours float64
	// Closes lists the gaps the course raises, at the point it is taken.
	Closes []Closure
	// Required: the position requires this course outright.
	Required bool
	// Prerequisite: planned only because a later step needs it (it is an
	// enforced prerequisite, closes no gap and is not required).
	Prerequisite bool
	// Suggested are advisory prerequisites that are neither planned nor
	// completed, by code.
	Suggested  []int64
	InProgress bool
	Gap        *Unclosed
	Other      *OtherNeed
}

// Plan is the learning path.
type Plan struct {
	Method Method
	// Candidates is the number of candidate courses, which chose Method.
	Candidates int
	Steps      []Step
	// TotalHours sums the remaining hours of every course step.
	TotalHours float64
	Unclosed   []Unclosed
	// Unavailable are required courses that cannot be planned (missing
	// from the catalogue or behind an unpublished enforced prerequisite).
	Unavailable []int64
}

// Finish estimates when the plan is done at weeklyHours of study a week:
// start plus ceil(TotalHours/weeklyHours) whole weeks (start itself when
// nothing is left to study). A budget that is not positive is a
// BAD_USER_INPUT error ("pathplan.budget.invalid"), since no date follows.
func (p *Plan) Finish(start time.Time, weeklyHours float64) (time.Time, error) {
	if !(weeklyHours > 0) || math.IsInf(weeklyHours, 0) {
		return time.Time{}, rungs.FieldError("weeklyHours", "pathplan.budget.invalid",
			"weekly study hours must be a positive number")
	}
	// The tolerance keeps 10/2.5 at 4 weeks despite float rounding.
	weeks := math.Ceil(p.TotalHours/weeklyHours - 1e-9)
	if weeks <= 0 {
		return start, nil
	}
	return start.AddDate(0, 0, 7*int(weeks)), nil
}

// eps absorbs float rounding when comparing sums of hours.
const eps = 1e-9

// Solve plans the learning path for in. Bad input (negative hours, progress
// outside 0..1, a link whose target is not above its entry, duplicate ids,
// an enforced prerequisite cycle) is a BAD_USER_INPUT error listing every
// problem.
func Solve(in Input) (*Plan, error) {
	if err := validate(in); err != nil {
		return nil, err
	}
	p := newProblem(in)
	plan := &Plan{Unavailable: p.unavailable}

	all := p.candidates(p.req)
	p.setTargets(all)
	cands := p.candidates(p.tgt)
	plan.Candidates = len(cands)

	limit := in.ExactLimit
	if limit == 0 {
		limit = DefaultExactLimit
	}
	limit = min(limit, MaxExactLimit)
	var order []int
	if len(cands) <= limit {
		plan.Method, order = Exact, p.exact(cands)
	} else {
		plan.Method = Greedy
		order, _ = p.greedy(cands)
	}
	level := p.steps(plan, order)

	for k := range p.comps {
		if level[k] < p.req[k] {
			u := Unclosed{Gap: Gap{CompetencyID: p.comps[k], Current: p.cur[k], Required: p.req[k]}, Reachable: level[k]}
			plan.Unclosed = append(plan.Unclosed, u)
			plan.Steps = append(plan.Steps, Step{Kind: StepGap, Gap: &u})
		}
	}
	for _, id := range p.unavailable {
		plan.Steps = append(plan.Steps, Step{Kind: StepGap, CourseID: id, Required: true})
	}
	for i := range in.Other {
		plan.Steps = append(plan.Steps, Step{Kind: StepOther, Other: &in.Other[i]})
	}
	return plan, nil
}

func validate(in Input) error {
	var v rungs.Validation
	ids := map[int64]int{}
	for i, c := range in.Courses {
		f := fmt.Sprintf("courses[%d]", i)
		if _, dup := ids[c.ID]; dup {
			v.Add(f+".id", "pathplan.course.duplicate", "course %d is given twice", c.ID)
		}
		ids[c.ID] = i
		v.Check(c.Hours >= 0 && !math.IsInf(c.Hours, 0), f+".hours", "pathplan.course.hours",
			"course %s: hours must be a non-negative number", c.Code)
		v.Check(c.Progress >= 0 && c.Progress <= 1, f+".progress", "pathplan.course.progress",
			"course %s: progress must be between 0 and 1", c.Code)
		v.Check(slices.Contains([]Status{"", Available, Completed, InProgress}, c.Status), f+".status",
			"pathplan.course.status", "course %s: unknown status %q", c.Code, c.Status)
		for j, l := range c.Links {
			v.Check(l.Entry >= 0 && l.Target > l.Entry, fmt.Sprintf("%s.links[%d]", f, j), "pathplan.link.levels",
				"course %s: a link must raise its competency (entry %d, target %d)", c.Code, l.Entry, l.Target)
		}
	}
	// Enforced prerequisites must form a DAG (the courses package already
	// guarantees it for stored data; this guards the solver's recursion).
	state := make([]byte, len(in.Courses)) // 0 new, 1 on the stack, 2 done
	var visit func(i int) bool
	visit = func(i int) bool {
		state[i] = 1
		for _, pr := range in.Courses[i].Prereqs {
			j, ok := ids[pr.CourseID]
			if !pr.Enforced || !ok {
				continue
			}
			if state[j] == 1 || (state[j] == 0 && !visit(j)) {
				return false
			}
		}
		state[i] = 2
		return true
	}
	for i := range in.Courses {
		if state[i] == 0 && !visit(i) {
			v.Add(fmt.Sprintf("courses[%d].prereqs", i), "pathplan.prerequisite.cycle",
				"course %s: enforced prerequisites form a cycle", in.Courses[i].Code)
			break
		}
	}
	comps := map[int64]bool{}
	for i, g := range in.Gaps {
		f := fmt.Sprintf("gaps[%d]", i)
		v.Check(!comps[g.CompetencyID], f, "pathplan.gap.duplicate", "competency %d has two gaps", g.CompetencyID)
		comps[g.CompetencyID] = true
		v.Check(g.Current >= 0 && g.Required >= 0, f, "pathplan.gap.levels", "competency %d: levels must not be negative", g.CompetencyID)
	}
	v.Check(in.ExactLimit >= 0, "exactLimit", "pathplan.exactLimit.invalid", "the exact limit must not be negative")
	return v.Err()
}

// problem is the input indexed for the search: courses by position in
// (code, id) order, unmet gaps by position in competency id order.
type problem struct {
	courses []*Course
	cost    []float64
	links   [][]ilink // links on unmet gaps only
	enf     [][]int   // enforced prerequisites still to take
	advice  [][]int   // advisory prerequisites not completed
	ok      []bool    // takeable: not completed, every enforced prerequisite available
	closure [][]int   // the course and its enforced prerequisites still to take, recursively
	comps   []int64
	cur     []int
	req     []int
	// tgt is what the plan aims for: req, lowered where courses cannot reach.
	tgt         []int
	required    []int
	unavailable []int64
}

type ilink struct{ comp, entry, target int }

func newProblem(in Input) *problem {
	p := &problem{}
	for i := range in.Courses {
		p.courses = append(p.courses, &in.Courses[i])
	}
	slices.SortFunc(p.courses, func(a, b *Course) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.ID, b.ID))
	})
	gaps := slices.Clone(in.Gaps)
	slices.SortFunc(gaps, func(a, b Gap) int { return cmp.Compare(a.CompetencyID, b.CompetencyID) })
	compIdx := map[int64]int{}
	for _, g := range gaps {
		if g.Current < g.Required {
			compIdx[g.CompetencyID] = len(p.comps)
			p.comps = append(p.comps, g.CompetencyID)
			p.cur = append(p.cur, g.Current)
			p.req = append(p.req, g.Required)
		}
	}
	byID := map[int64]int{}
	for i, c := range p.courses {
		byID[c.ID] = i
	}
	n := len(p.courses)
	p.cost = make([]float64, n)
	p.links = make([][]ilink, n)
	p.enf = make([][]int, n)
	p.advice = make([][]int, n)
	p.ok = make([]bool, n)
	p.closure = make([][]int, n)
	missing := make([]bool, n) // an enforced prerequisite is not in the catalogue
	for i, c := range p.courses {
		p.cost[i] = c.remaining()
		for _, l := range c.Links {
			if k, ok := compIdx[l.CompetencyID]; ok {
				p.links[i] = append(p.links[i], ilink{k, l.Entry, l.Target})
			}
		}
		for _, pr := range c.Prereqs {
			j, ok := byID[pr.CourseID]
			switch {
			case !ok && pr.Enforced:
				missing[i] = true
			case !ok || p.courses[j].Status == Completed:
			case pr.Enforced:
				p.enf[i] = append(p.enf[i], j)
			default:
				p.advice[i] = append(p.advice[i], j)
			}
		}
		slices.Sort(p.enf[i])
		slices.Sort(p.advice[i])
	}
	// Takeable and closure, prerequisites first (validate rejected cycles).
	done := make([]bool, n)
	var visit func(i int)
	visit = func(i int) {
		if done[i] {
			return
		}
		done[i] = true
		p.ok[i] = p.courses[i].Status != Completed && !missing[i]
		set := map[int]bool{i: true}
		for _, j := range p.enf[i] {
			visit(j)
			p.ok[i] = p.ok[i] && p.ok[j]
			for _, k := range p.closure[j] {
				set[k] = true
			}
		}
		for k := range set {
			p.closure[i] = append(p.closure[i], k)
		}
		slices.Sort(p.closure[i])
	}
	for i := range p.courses {
		visit(i)
	}
	seen := map[int64]bool{}
	for _, id := range in.RequiredCourses {
		if seen[id] {
			continue
		}
		seen[id] = true
		i, ok := byID[id]
		switch {
		case !ok:
			p.unavailable = append(p.unavailable, id)
		case p.courses[i].Status == Completed:
		case !p.ok[i]:
			p.unavailable = append(p.unavailable, id)
		default:
			p.required = append(p.required, i)
		}
	}
	slices.Sort(p.required)
	p.tgt = slices.Clone(p.req)
	return p
}

// useful reports whether a link can help reach tgt: it raises the level
// above the current one, and its entry is below the target (at or above
// the target the gap would already be closed when it applies).
func (p *problem) useful(l ilink, tgt []int) bool {
	return l.entry < tgt[l.comp] && l.target > p.cur[l.comp]
}

// candidates are the takeable courses with a useful link, the required
// courses and the closure of both, in course order.
func (p *problem) candidates(tgt []int) []int {
	in := make([]bool, len(p.courses))
	add := func(i int) {
		for _, j := range p.closure[i] {
			in[j] = true
		}
	}
	for _, i := range p.required {
		add(i)
	}
	for i := range p.courses {
		if p.ok[i] && slices.ContainsFunc(p.links[i], func(l ilink) bool { return p.useful(l, tgt) }) {
			add(i)
		}
	}
	var out []int
	for i, ok := range in {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// setTargets lowers each gap's target to what the courses can reach. Taking
// more courses never lowers a level (a course added last changes nothing
// before it), so taking every candidate shows how far each gap can go. Each
// gap is first measured alone; if the reachable levels still conflict
// (order constraints can let either of two gaps reach its level but not
// both, which needs a prerequisite or entry level pointing against the
// other), targets are lowered further in competency id order until one
// order reaches them all.
func (p *problem) setTargets(all []int) {
	for k := range p.comps {
		alone := slices.Clone(p.cur)
		for alone[k] = p.req[k]; alone[k] > p.cur[k]; alone[k]-- {
			if _, ok := p.order(all, alone); ok {
				break
			}
		}
		p.tgt[k] = alone[k]
	}
	for k := range p.comps {
		for p.tgt[k] > p.cur[k] {
			if _, ok := p.order(all, p.tgt); ok {
				break
			}
			p.tgt[k]--
		}
	}
}

// steps turns the chosen order into course steps, replaying it to find what
// each course closes, and returns the levels the plan reaches.
func (p *problem) steps(plan *Plan, order []int) []int {
	planned := map[int]bool{}
	needed := map[int]bool{} // enforced prerequisite of a planned course
	for _, i := range order {
		planned[i] = true
		for _, j := range p.enf[i] {
			needed[j] = true
		}
	}
	required := map[int]bool{}
	for _, i := range p.required {
		required[i] = true
	}
	level := slices.Clone(p.cur)
	for _, i := range order {
		c := p.courses[i]
		s := Step{Kind: StepCourse, CourseID: c.ID, Code: c.Code, Hours: p.cost[i],
			Required: required[i], InProgress: c.Status == InProgress}
		// Uncapped, unlike the search, to show the levels the course brings.
		before := slices.Clone(level)
		for _, l := range p.links[i] {
			if before[l.comp] >= l.entry {
				level[l.comp] = max(level[l.comp], l.target)
			}
		}
		for k := range level {
			if level[k] > before[k] && before[k] < p.req[k] {
				s.Closes = append(s.Closes, Closure{CompetencyID: p.comps[k], From: before[k], To: level[k]})
			}
		}
		s.Prerequisite = needed[i] && !s.Required && len(s.Closes) == 0
		for _, j := range p.advice[i] {
			if !planned[j] {
				s.Suggested = append(s.Suggested, p.courses[j].ID)
			}
		}
		plan.Steps = append(plan.Steps, s)
		plan.TotalHours += s.Hours
	}
	return level
}
