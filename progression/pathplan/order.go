package pathplan

import "slices"

// Ordering a set of courses.
//
// Whether a set of courses closes the gaps depends on the order: a link
// only applies if its entry level is reached first, and enforced
// prerequisites come before the courses that need them. Two rules make the
// search small:
//
//   - A course that is ready (its enforced prerequisites taken) and loses
//     nothing by being taken now (every link either applies now or could
//     not raise the level anyway) is taken at once, lowest code first.
//     Taking it later would give the same effect from it and leave every
//     other course with levels no higher, so no order is better.
//   - Only when every ready course would lose a link does the search
//     branch, over which one to take, remembering states that failed and
//     cutting states from which even the best case misses the targets.
//     Branches are tried most promising first (rank); the canonical order
//     used by the greedy approximation takes the first.
//
// Branching needs a prerequisite or an entry level that points against
// another (a prerequisite whose own link needs a level its dependant
// brings), which catalogues rarely have. After maxBranches branch points
// the search stops branching and takes the first ranked, so it may then call
// an orderable set unorderable; a plan is still only ever built from an
// order that was checked.

// maxBranches bounds the branch points of one ordering search.
const maxBranches = 2000

// apply raises level by link l when its entry is met. Levels are capped at
// the target since higher levels change nothing (every useful entry is
// below the target).
func apply(level []int, l ilink, tgt []int) {
	if level[l.comp] >= l.entry && l.target > level[l.comp] {
		level[l.comp] = min(l.target, tgt[l.comp])
	}
}

// effect applies course i to level: every link is measured against the
// level before the course, so two links of one course on one competency
// (which the database does not allow anyway) do not chain.
func (p *problem) effect(level []int, i int, tgt []int) {
	var buf [8]int
	raised := buf[:0]
	for _, l := range p.links[i] {
		lv := level[l.comp]
		if lv >= l.entry && l.target > lv {
			lv = min(l.target, tgt[l.comp])
		}
		raised = append(raised, lv)
	}
	for k, l := range p.links[i] {
		level[l.comp] = max(level[l.comp], raised[k])
	}
}

// meets reports whether level reaches tgt everywhere.
func meets(level, tgt []int) bool {
	for k := range tgt {
		if level[k] < tgt[k] {
			return false
		}
	}
	return true
}

// startLevels are the current levels capped at tgt.
func (p *problem) startLevels(tgt []int) []int {
	level := make([]int, len(tgt))
	for k := range tgt {
		level[k] = min(p.cur[k], tgt[k])
	}
	return level
}

// relax is an upper bound on the levels any order of set reaches: the
// fixpoint that applies every link whose entry some other link of the set
// (or the current level) reaches, ignoring order and prerequisites.
func (p *problem) relax(set []int, tgt []int) []int {
	level := p.startLevels(tgt)
	for changed := true; changed; {
		changed = false
		for _, i := range set {
			for _, l := range p.links[i] {
				before := level[l.comp]
				apply(level, l, tgt)
				changed = changed || level[l.comp] != before
			}
		}
	}
	return level
}

// orderer searches the orders of one set for one target.
type orderer struct {
	p        *problem
	tgt      []int
	set      []int   // course indices, ascending (code order)
	pre      [][]int // enforced prerequisites as positions in set
	failed   map[string]bool
	branches int
	// canonical: never branch, take the first ranked (the canonical order).
	canonical bool
}

type orderState struct {
	taken []bool
	level []int
	order []int
}

func (p *problem) newOrderer(set []int, tgt []int) (*orderer, bool) {
	o := &orderer{p: p, tgt: tgt, set: set, pre: make([][]int, len(set)), failed: map[string]bool{}}
	pos := make(map[int]int, len(set))
	for li, i := range set {
		pos[i] = li
	}
	for li, i := range set {
		for _, j := range p.enf[i] {
			lj, ok := pos[j]
			if !ok {
				return nil, false // not closed under prerequisites
			}
			o.pre[li] = append(o.pre[li], lj)
		}
	}
	return o, true
}

// order finds an order of set (course indices, ascending) that respects
// enforced prerequisites and reaches tgt, as course indices.
func (p *problem) order(set []int, tgt []int) ([]int, bool) {
	if !meets(p.relax(set, tgt), tgt) {
		return nil, false
	}
	o, ok := p.newOrderer(set, tgt)
	if !ok {
		return nil, false
	}
	st, ok := o.search(orderState{taken: make([]bool, len(set)), level: p.startLevels(tgt), order: make([]int, 0, len(set))})
	return st.order, ok
}

// simulate is the canonical order of set (never branching) and the levels
// it reaches; the greedy approximation measures gains with it.
func (p *problem) simulate(set []int, tgt []int) ([]int, []int) {
	o, ok := p.newOrderer(set, tgt)
	if !ok {
		return nil, p.startLevels(tgt)
	}
	o.canonical = true
	st, _ := o.search(orderState{taken: make([]bool, len(set)), level: p.startLevels(tgt)})
	return st.order, st.level
}

func (o *orderer) ready(st *orderState, li int) bool {
	if st.taken[li] {
		return false
	}
	for _, lj := range o.pre[li] {
		if !st.taken[lj] {
			return false
		}
	}
	return true
}

// lossless reports whether taking the course now wastes none of its links:
// each either applies now or could not bring more than the course brings
// now anyway.
func (o *orderer) lossless(st *orderState, li int) bool {
	i := o.set[li]
	var after []int
	for _, l := range o.p.links[i] {
		lv := st.level[l.comp]
		if lv >= l.entry || lv >= min(l.target, o.tgt[l.comp]) {
			continue
		}
		if after == nil {
			after = slices.Clone(st.level)
			o.p.effect(after, i, o.tgt)
		}
		if after[l.comp] < min(l.target, o.tgt[l.comp]) {
			return false
		}
	}
	return true
}

func (o *orderer) take(st *orderState, li int) {
	st.taken[li] = true
	st.order = append(st.order, o.set[li])
	o.p.effect(st.level, o.set[li], o.tgt)
}

// search completes the order from st; st is the search's own to change.
func (o *orderer) search(st orderState) (orderState, bool) {
	for {
		next := -1
		for li := range o.set {
			if o.ready(&st, li) && o.lossless(&st, li) {
				next = li
				break
			}
		}
		if next < 0 {
			break
		}
		o.take(&st, next)
	}
	if len(st.order) == len(o.set) {
		return st, meets(st.level, o.tgt)
	}
	var ready []int
	for li := range o.set {
		if o.ready(&st, li) {
			ready = append(ready, li)
		}
	}
	o.rank(&st, ready)
	if o.canonical || o.branches >= maxBranches {
		o.take(&st, ready[0]) // a closed set always has a ready course
		return o.search(st)
	}
	key := o.key(&st)
	if o.failed[key] || !o.reachable(&st) {
		return st, false
	}
	o.branches++
	for _, li := range ready {
		branch := orderState{taken: slices.Clone(st.taken), level: slices.Clone(st.level),
			order: append(make([]int, 0, len(o.set)), st.order...)}
		o.take(&branch, li)
		if res, ok := o.search(branch); ok {
			return res, true
		}
	}
	o.failed[key] = true
	return st, false
}

// rank orders the ready courses of a stuck state by promise: first those
// that raise a level now, then those that unlock another course, then by
// code. The canonical order takes the first; the search tries them in
// this order.
func (o *orderer) rank(st *orderState, ready []int) {
	score := make(map[int]int, len(ready))
	for _, li := range ready {
		after := slices.Clone(st.level)
		o.p.effect(after, o.set[li], o.tgt)
		if !slices.Equal(after, st.level) {
			score[li] += 2
		}
		for lj := range o.set {
			if !st.taken[lj] && slices.Contains(o.pre[lj], li) {
				score[li]++
				break
			}
		}
	}
	slices.SortStableFunc(ready, func(a, b int) int { return score[b] - score[a] })
}

// reachable reports whether the courses not yet taken could still reach
// the targets from st in the best case (relax from here): a lost link
// often makes that impossible, which ends the branch at once.
func (o *orderer) reachable(st *orderState) bool {
	level := slices.Clone(st.level)
	for changed := true; changed; {
		changed = false
		for li, i := range o.set {
			if st.taken[li] {
				continue
			}
			for _, l := range o.p.links[i] {
				before := level[l.comp]
				apply(level, l, o.tgt)
				changed = changed || level[l.comp] != before
			}
		}
	}
	return meets(level, o.tgt)
}

func (o *orderer) key(st *orderState) string {
	b := make([]byte, 0, len(st.taken)/8+1+len(st.level))
	var acc byte
	for li, t := range st.taken {
		if t {
			acc |= 1 << (li % 8)
		}
		if li%8 == 7 {
			b, acc = append(b, acc), 0
		}
	}
	b = append(b, acc)
	for _, lv := range st.level {
		b = append(b, byte(lv))
	}
	return string(b)
}
