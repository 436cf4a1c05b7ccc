package ladder

// MaxPathMoves bounds the routes CareerPaths looks at: no career in the
// product's ladder takes more moves than this, and the bound keeps the
// search finite on any graph.
const MaxPathMoves = 8

// CareerPaths returns at most first simple routes (no position twice) from
// one position to another through moves, fewest moves first; routes of the
// same length keep the order of the moves (promotions before lateral
// moves). Each route lists the positions from start to end.
//
// It is a breadth-first search over routes rather than positions, so it
// finds every simple route of each length before any longer one. The move
// graph has dozens of positions, so this is exact and cheap.
func CareerPaths(moves []*Move, from, to int64, first int) [][]int64 {
	if first <= 0 {
		return nil
	}
	if from == to {
		return [][]int64{{from}}
	}
	out := map[int64][]*Move{}
	for _, m := range moves {
		out[m.FromID] = append(out[m.FromID], m)
	}
	for k := range out {
		sortMoves(out[k])
	}
	var found [][]int64
	frontier := [][]int64{{from}}
	for depth := 0; depth < MaxPathMoves && len(frontier) > 0 && len(found) < first; depth++ {
		var next [][]int64
		for _, route := range frontier {
			last := route[len(route)-1]
			for _, m := range out[last] {
				if contains(route, m.ToID) {
					continue
				}
				r := append(append(make([]int64, 0, len(route)+1), route...), m.ToID)
				if m.ToID == to {
					found = append(found, r)
					if len(found) == first {
						return found
					}
					continue // a route ends at the target
				}
				next = append(next, r)
			}
		}
		frontier = next
	}
	return found
}

// sortMoves puts promotions before lateral moves, then by target id, so
// results are stable.
func sortMoves(ms []*Move) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && less(ms[j], ms[j-1]); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func less(a, b *Move) bool {
	if a.Kind != b.Kind {
		return a.Kind == MovePromotion
	}
	return a.ToID < b.ToID
}

func contains(route []int64, id int64) bool {
	for _, r := range route {
		if r == id {
			return true
		}
	}
	return false
}
