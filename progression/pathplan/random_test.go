package pathplan

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand"
	"slices"
	"testing"
)

// randomInput builds a catalogue of n courses over comps competencies with
// random hours, links, entry levels, a random prerequisite DAG (enforced
// and advisory, now and then on an unpublished course), completed and
// in-progress courses, gaps and required courses.
func randomInput(r *rand.Rand, n, comps int) Input {
	var in Input
	// About three prerequisites a course at most: denser DAGs on large
	// catalogues make nearly every course depend on an unpublished one.
	prereqs := min(0.2, 3/float64(n))
	for i := range n {
		c := Course{ID: int64(100 + i), Code: fmt.Sprintf("C%03d", r.Intn(1000)), Hours: float64(1+r.Intn(40)) + float64(r.Intn(4))/4}
		for range 1 + r.Intn(2) {
			comp := int64(1 + r.Intn(comps))
			entry := r.Intn(4)
			c.Links = append(c.Links, Link{CompetencyID: comp, Entry: entry, Target: entry + 1 + r.Intn(3)})
		}
		for j := range i {
			if r.Float64() < prereqs {
				c.Prereqs = append(c.Prereqs, Prereq{CourseID: int64(100 + j), Enforced: r.Float64() < 0.7})
			}
		}
		if r.Float64() < 0.03 {
			c.Prereqs = append(c.Prereqs, Prereq{CourseID: 9999, Enforced: true})
		}
		switch x := r.Float64(); {
		case x < 0.1:
			c.Status = Completed
		case x < 0.25:
			c.Status, c.Progress = InProgress, float64(r.Intn(5))/5
		}
		in.Courses = append(in.Courses, c)
	}
	// Shuffle so ids, codes and prerequisite direction do not line up.
	r.Shuffle(len(in.Courses), func(a, b int) { in.Courses[a], in.Courses[b] = in.Courses[b], in.Courses[a] })
	for k := range comps {
		cur := r.Intn(3)
		in.Gaps = append(in.Gaps, Gap{CompetencyID: int64(1 + k), Current: cur, Required: cur + r.Intn(4)})
	}
	if r.Float64() < 0.3 {
		in.RequiredCourses = append(in.RequiredCourses, int64(100+r.Intn(n)))
	}
	if r.Float64() < 0.1 {
		in.RequiredCourses = append(in.RequiredCourses, 7777) // not published
	}
	return in
}

// bruteForce explores every order of every set of courses (state: courses
// taken and the levels reached) without any of the solver's pruning or
// candidate filtering. It returns the highest level each gap can reach and
// the fewest hours of a set that reaches min(required, reachable) on every
// gap and holds every takeable required course (ok false when no single
// order reaches all of those at once).
func bruteForce(in Input) (reach map[int64]int, best float64, ok bool) {
	n := len(in.Courses)
	idx := map[int64]int{}
	for i, c := range in.Courses {
		idx[c.ID] = i
	}
	comps := []int64{}
	compIdx := map[int64]int{}
	var cur, req []int
	for _, g := range in.Gaps {
		if g.Current < g.Required {
			compIdx[g.CompetencyID] = len(comps)
			comps = append(comps, g.CompetencyID)
			cur, req = append(cur, g.Current), append(req, g.Required)
		}
	}
	takeable := func(mask uint64, i int) bool {
		c := in.Courses[i]
		if c.Status == Completed || mask&(1<<i) != 0 {
			return false
		}
		for _, pr := range c.Prereqs {
			j, ok := idx[pr.CourseID]
			if !pr.Enforced {
				continue
			}
			if !ok || (in.Courses[j].Status != Completed && mask&(1<<j) == 0) {
				return false
			}
		}
		return true
	}
	type state struct {
		mask  uint64
		level string
	}
	start := state{0, levelKey(cur)}
	seen := map[state]bool{start: true}
	queue := []state{start}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for i := range n {
			if !takeable(s.mask, i) {
				continue
			}
			level := []int(nil)
			for _, b := range []byte(s.level) {
				level = append(level, int(b))
			}
			before := slices.Clone(level)
			for _, l := range in.Courses[i].Links {
				if k, ok := compIdx[l.CompetencyID]; ok && before[k] >= l.Entry {
					level[k] = max(level[k], l.Target)
				}
			}
			t := state{s.mask | 1<<i, levelKey(level)}
			if !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	reach = map[int64]int{}
	for s := range seen {
		for k, b := range []byte(s.level) {
			reach[comps[k]] = max(reach[comps[k]], min(int(b), req[k]))
		}
	}
	// Required courses no state takes cannot be taken at all; the plan
	// reports them unavailable instead.
	var need uint64
	for _, id := range in.RequiredCourses {
		i, ok := idx[id]
		if !ok || in.Courses[i].Status == Completed {
			continue
		}
		for s := range seen {
			if s.mask&(1<<i) != 0 {
				need |= 1 << i
				break
			}
		}
	}
	best = math.Inf(1)
	for s := range seen {
		if s.mask&need != need {
			continue
		}
		good := true
		for k, b := range []byte(s.level) {
			good = good && int(b) >= reach[comps[k]]
		}
		if !good {
			continue
		}
		h := 0.0
		for i := range n {
			if s.mask&(1<<i) != 0 {
				h += in.Courses[i].remaining()
			}
		}
		best = min(best, h)
	}
	return reach, best, !math.IsInf(best, 1)
}

func levelKey(level []int) string {
	b := make([]byte, len(level))
	for k, lv := range level {
		b[k] = byte(lv)
	}
	return string(b)
}

// checkPlan replays plan against in and fails t on anything invalid: a
// course twice, completed or before an enforced prerequisite; wrong hours
// or closures; a gap neither reached nor reported unclosed at the level
// reached; a required course neither planned nor reported.
func checkPlan(t *testing.T, in Input, plan *Plan) {
	t.Helper()
	byID := map[int64]*Course{}
	for i := range in.Courses {
		byID[in.Courses[i].ID] = &in.Courses[i]
	}
	level := map[int64]int{}
	required := map[int64]int{}
	for _, g := range in.Gaps {
		level[g.CompetencyID] = g.Current
		required[g.CompetencyID] = g.Required
	}
	done := map[int64]bool{}
	total := 0.0
	for _, s := range plan.Steps {
		if s.Kind != StepCourse {
			continue
		}
		c := byID[s.CourseID]
		if c == nil || c.Status == Completed || done[c.ID] {
			t.Fatalf("step %s: not a course to take (or twice)", s.Code)
		}
		for _, pr := range c.Prereqs {
			if pr.Enforced && !done[pr.CourseID] && (byID[pr.CourseID] == nil || byID[pr.CourseID].Status != Completed) {
				t.Fatalf("step %s comes before its enforced prerequisite %d", c.Code, pr.CourseID)
			}
		}
		if math.Abs(s.Hours-c.remaining()) > 1e-9 {
			t.Fatalf("step %s: hours %v, want %v", c.Code, s.Hours, c.remaining())
		}
		before := maps.Clone(level)
		for _, l := range c.Links {
			if _, gap := required[l.CompetencyID]; gap && before[l.CompetencyID] >= l.Entry {
				level[l.CompetencyID] = max(level[l.CompetencyID], l.Target)
			}
		}
		var closes []Closure
		for _, g := range in.Gaps {
			k := g.CompetencyID
			if level[k] > before[k] && before[k] < g.Required {
				closes = append(closes, Closure{k, before[k], level[k]})
			}
		}
		slices.SortFunc(closes, func(a, b Closure) int { return cmp.Compare(a.CompetencyID, b.CompetencyID) })
		if !slices.Equal(closes, s.Closes) {
			t.Fatalf("step %s closes %v, replay says %v", c.Code, s.Closes, closes)
		}
		done[c.ID] = true
		total += s.Hours
	}
	if math.Abs(total-plan.TotalHours) > 1e-6 {
		t.Fatalf("total hours %v, steps sum to %v", plan.TotalHours, total)
	}
	unclosed := map[int64]Unclosed{}
	for _, u := range plan.Unclosed {
		unclosed[u.CompetencyID] = u
	}
	for _, g := range in.Gaps {
		u, isUnclosed := unclosed[g.CompetencyID]
		switch lv := level[g.CompetencyID]; {
		case lv >= g.Required && isUnclosed:
			t.Fatalf("competency %d reached %d but reported unclosed", g.CompetencyID, lv)
		case lv < g.Required && (!isUnclosed || u.Reachable != lv):
			t.Fatalf("competency %d stops at %d of %d; unclosed says %+v", g.CompetencyID, lv, g.Required, u)
		}
	}
	for _, id := range in.RequiredCourses {
		c := byID[id]
		if (c == nil || c.Status != Completed) && !done[id] && !slices.Contains(plan.Unavailable, id) {
			t.Fatalf("required course %d neither planned nor reported", id)
		}
	}
}

// The exact solver agrees with a brute force over every order of every set
// of courses: the same fewest hours, the same reachable levels, and a plan
// that replays correctly.
func TestExactAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	conflicts := 0
	for c := range 1000 {
		in := randomInput(r, 3+r.Intn(8), 1+r.Intn(3))
		plan, err := Solve(in)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		if plan.Method != Exact {
			t.Fatalf("case %d: method %s with %d candidates", c, plan.Method, plan.Candidates)
		}
		checkPlan(t, in, plan)
		reach, best, ok := bruteForce(in)
		if !ok {
			// Two gaps that can each be reached but not both: the solver
			// settles for less on one (documented); only validity counts.
			conflicts++
			continue
		}
		for _, u := range plan.Unclosed {
			if reach[u.CompetencyID] != u.Reachable {
				t.Fatalf("case %d: competency %d reachable %d, brute force %d", c, u.CompetencyID, u.Reachable, reach[u.CompetencyID])
			}
		}
		if math.Abs(plan.TotalHours-best) > 1e-6 {
			t.Fatalf("case %d: %v hours, brute force %v\n%+v\n%+v", c, plan.TotalHours, best, in, plan.Steps)
		}
	}
	t.Logf("%d of 1000 cases had gaps that cannot all be reached at once", conflicts)
}
