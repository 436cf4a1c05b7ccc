package pathplan

import (
	"cmp"
	"slices"
)

// greedy is the approximation used beyond the exact limit: a weighted set
// cover over levels of gap.
//
//  1. Start from the required courses and their prerequisites.
//  2. While the canonical order of the set misses a target, add the course
//     (with its missing enforced prerequisites) with the fewest added hours
//     per level of gap it closes, levels measured by replaying the set in
//     canonical order; ties go to the lower code. If no course closes
//     anything more (order conflicts), take every candidate, which reaches
//     the targets by construction.
//  3. Drop redundant courses: most hours first (ties: higher code first),
//     remove a course that is not required and no other planned course
//     needs, if the rest still has an order reaching the targets; repeat
//     while anything drops.
//
// The result is always a valid plan (its order is checked), but not always
// the cheapest. The known weakness is myopia: hours per level favours
// cheap courses that close a little each over one course that closes many
// gaps at once, and a course whose value is to lift an entry level for a
// later one is judged only on the levels it closes itself. Step 3 repairs
// most of the first (an expensive early pick made redundant by later cheap
// ones is dropped), not the second. On 400 random catalogues of 8–16
// courses where the exact plan is computable (TestGreedyAgainstExact, 379
// of them with hours to plan) the greedy plan was optimal in 362 (95%),
// 0.7% more hours on average and 56% more at worst.
func (p *problem) greedy(cands []int) ([]int, bool) {
	chosen := make([]bool, len(p.courses))
	for _, i := range p.required {
		for _, j := range p.closure[i] {
			chosen[j] = true
		}
	}
	set := func() []int {
		var out []int
		for i, ok := range chosen {
			if ok {
				out = append(out, i)
			}
		}
		return out
	}
	gain := func(level []int) int {
		g := 0
		for k := range level {
			g += level[k]
		}
		return g
	}
	for {
		s := set()
		_, level := p.simulate(s, p.tgt)
		if meets(level, p.tgt) {
			break
		}
		now := gain(level)
		best, bestRatio := -1, 0.0
		for _, i := range cands {
			if chosen[i] || !slices.ContainsFunc(p.links[i], func(l ilink) bool { return p.useful(l, p.tgt) }) {
				continue
			}
			hours, with := 0.0, slices.Clone(s)
			for _, j := range p.closure[i] {
				if !chosen[j] {
					hours += p.cost[j]
					with = append(with, j)
				}
			}
			slices.Sort(with)
			_, after := p.simulate(with, p.tgt)
			g := gain(after) - now
			if g <= 0 {
				continue
			}
			if ratio := hours / float64(g); best < 0 || ratio < bestRatio-eps {
				best, bestRatio = i, ratio
			}
		}
		if best < 0 {
			if _, ok := p.order(s, p.tgt); !ok {
				for _, i := range cands {
					chosen[i] = true
				}
			}
			break
		}
		for _, j := range p.closure[best] {
			chosen[j] = true
		}
	}

	required := map[int]bool{}
	for _, i := range p.required {
		required[i] = true
	}
	// Repeat until nothing drops: dropping a course can free the
	// prerequisites an earlier round had to keep.
	for dropped := true; dropped; {
		dropped = false
		drop := set()
		slices.SortFunc(drop, func(a, b int) int { return cmp.Or(cmp.Compare(p.cost[b], p.cost[a]), cmp.Compare(b, a)) })
		for _, i := range drop {
			if required[i] || p.neededBy(i, chosen) {
				continue
			}
			chosen[i] = false
			if _, ok := p.order(set(), p.tgt); ok {
				dropped = true
			} else {
				chosen[i] = true
			}
		}
	}
	return p.order(set(), p.tgt)
}

// neededBy reports whether a chosen course has i as enforced prerequisite.
func (p *problem) neededBy(i int, chosen []bool) bool {
	for j, ok := range chosen {
		if ok && slices.Contains(p.enf[j], i) {
			return true
		}
	}
	return false
}
