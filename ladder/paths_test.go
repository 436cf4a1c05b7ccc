package ladder_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rungs/rungs/ladder"
)

func promo(from, to int64) *ladder.Move {
	return &ladder.Move{FromID: from, ToID: to, Kind: ladder.MovePromotion}
}

func lateral(from, to int64) *ladder.Move {
	return &ladder.Move{FromID: from, ToID: to, Kind: ladder.MoveLateral}
}

// both is a lateral move stored both ways, as AddMove stores it.
func both(a, b int64) []*ladder.Move { return []*ladder.Move{lateral(a, b), lateral(b, a)} }

func graph(parts ...any) []*ladder.Move {
	var ms []*ladder.Move
	for _, p := range parts {
		switch p := p.(type) {
		case *ladder.Move:
			ms = append(ms, p)
		case []*ladder.Move:
			ms = append(ms, p...)
		}
	}
	return ms
}

func routesEqual(a, b [][]int64) bool {
	return slices.EqualFunc(a, b, func(x, y []int64) bool { return slices.Equal(x, y) })
}

// checkSimple fails when a route repeats a position or does not run from
// from to to along moves of the graph.
func checkSimple(t *testing.T, moves []*ladder.Move, routes [][]int64, from, to int64) {
	t.Helper()
	edge := map[[2]int64]bool{}
	for _, m := range moves {
		edge[[2]int64{m.FromID, m.ToID}] = true
	}
	for _, r := range routes {
		if r[0] != from || r[len(r)-1] != to {
			t.Errorf("route %v does not run from %d to %d", r, from, to)
		}
		seen := map[int64]bool{}
		for i, p := range r {
			if seen[p] {
				t.Errorf("route %v visits %d twice", r, p)
			}
			seen[p] = true
			if i > 0 && !edge[[2]int64{r[i-1], p}] {
				t.Errorf("route %v uses %d → %d, which is not a move", r, r[i-1], p)
			}
		}
	}
}

func TestCareerPaths(t *testing.T) {
	t.Parallel()

	// 1 agent → 2 lead → 3 supervisor → 4 manager, with a shortcut 2 → 4,
	// and a side track 5 (level of 2) and 6 (level of 3) joined laterally.
	ladderGraph := graph(
		promo(1, 2), promo(2, 3), promo(3, 4), promo(2, 4),
		both(2, 5), both(3, 6), promo(5, 6), promo(6, 4),
	)

	t.Run("OK", func(t *testing.T) {
		got := ladder.CareerPaths(ladderGraph, 1, 4, 10)
		want := [][]int64{
			{1, 2, 4},
			{1, 2, 3, 4},
			{1, 2, 3, 6, 4},
			{1, 2, 5, 6, 4},
			{1, 2, 5, 6, 3, 4},
		}
		if !routesEqual(got, want) {
			t.Errorf("routes\n got %v\nwant %v", got, want)
		}
		checkSimple(t, ladderGraph, got, 1, 4)
	})

	t.Run("FewestMovesFirst", func(t *testing.T) {
		// Listed longest first; the result still starts with the direct move.
		ms := graph(promo(1, 2), promo(2, 3), promo(3, 9), promo(1, 4), promo(4, 9), promo(1, 9))
		got := ladder.CareerPaths(ms, 1, 9, 10)
		want := [][]int64{{1, 9}, {1, 4, 9}, {1, 2, 3, 9}}
		if !routesEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})

	t.Run("PromotionsBeforeLaterals", func(t *testing.T) {
		// The lateral route goes through the lower id and is listed first,
		// yet the promotion route comes first; same kinds go by target id.
		ms := graph(lateral(1, 2), promo(1, 4), promo(1, 3), promo(2, 9), promo(3, 9), promo(4, 9))
		got := ladder.CareerPaths(ms, 1, 9, 10)
		want := [][]int64{{1, 3, 9}, {1, 4, 9}, {1, 2, 9}}
		if !routesEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		// Ordering is by the first move that differs, then the next.
		ms = graph(promo(1, 2), promo(1, 3), lateral(2, 8), promo(2, 7), promo(3, 7), promo(7, 9), promo(8, 9))
		got = ladder.CareerPaths(ms, 1, 9, 10)
		want = [][]int64{{1, 2, 7, 9}, {1, 2, 8, 9}, {1, 3, 7, 9}}
		if !routesEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})

	t.Run("FirstLimit", func(t *testing.T) {
		all := ladder.CareerPaths(ladderGraph, 1, 4, 100)
		if len(all) != 5 {
			t.Fatalf("%d routes in all, want 5", len(all))
		}
		for n := 1; n <= 6; n++ {
			got := ladder.CareerPaths(ladderGraph, 1, 4, n)
			if want := all[:min(n, len(all))]; !routesEqual(got, want) {
				t.Errorf("first %d: got %v, want %v", n, got, want)
			}
		}
		for _, n := range []int{0, -1} {
			if got := ladder.CareerPaths(ladderGraph, 1, 4, n); len(got) != 0 {
				t.Errorf("first %d: got %v, want none", n, got)
			}
		}
	})

	t.Run("SamePosition", func(t *testing.T) {
		if got := ladder.CareerPaths(ladderGraph, 3, 3, 5); !routesEqual(got, [][]int64{{3}}) {
			t.Errorf("got %v, want the empty route [[3]]", got)
		}
		if got := ladder.CareerPaths(nil, 42, 42, 1); !routesEqual(got, [][]int64{{42}}) {
			t.Errorf("no moves: got %v, want [[42]]", got)
		}
	})

	t.Run("Unreachable", func(t *testing.T) {
		// Promotions only rise: nothing leads from the top back down.
		for _, c := range [][2]int64{{4, 1}, {1, 99}, {99, 1}} {
			if got := ladder.CareerPaths(ladderGraph, c[0], c[1], 10); len(got) != 0 {
				t.Errorf("%d → %d: got %v, want none", c[0], c[1], got)
			}
		}
		if got := ladder.CareerPaths(nil, 1, 2, 10); len(got) != 0 {
			t.Errorf("empty graph: got %v", got)
		}
	})

	t.Run("CyclesTerminate", func(t *testing.T) {
		// Laterals both ways form cycles; a ring of one-way moves too.
		ring := graph(both(1, 2), both(2, 3), both(1, 3), lateral(3, 4), lateral(4, 5), lateral(5, 1))
		got := ladder.CareerPaths(ring, 1, 5, 100)
		want := [][]int64{{1, 3, 4, 5}, {1, 2, 3, 4, 5}}
		if !routesEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		checkSimple(t, ring, got, 1, 5)
		if got := ladder.CareerPaths(ring, 1, 99, 100); len(got) != 0 {
			t.Errorf("unreachable in a cycle: got %v", got)
		}
	})

	t.Run("EverySimpleRoute", func(t *testing.T) {
		// In a complete graph of six positions, the simple routes from 1 to
		// 6 pass through k of the other four in order: 1+4+12+24+24 = 65.
		var ms []*ladder.Move
		for a := int64(1); a <= 6; a++ {
			for b := int64(1); b <= 6; b++ {
				if a != b {
					ms = append(ms, lateral(a, b))
				}
			}
		}
		got := ladder.CareerPaths(ms, 1, 6, 1000)
		if len(got) != 65 {
			t.Errorf("%d routes, want 65", len(got))
		}
		checkSimple(t, ms, got, 1, 6)
		seen := map[string]bool{}
		for i, r := range got {
			if i > 0 && len(r) < len(got[i-1]) {
				t.Errorf("route %v after the longer %v", r, got[i-1])
			}
			k := fmt.Sprint(r)
			if seen[k] {
				t.Errorf("route %v twice", r)
			}
			seen[k] = true
		}
	})

	t.Run("MaxPathMoves", func(t *testing.T) {
		// A chain of 10 moves: routes up to MaxPathMoves moves are found.
		var chain []*ladder.Move
		for i := int64(1); i <= 10; i++ {
			chain = append(chain, promo(i, i+1))
		}
		n := int64(ladder.MaxPathMoves)
		got := ladder.CareerPaths(chain, 1, 1+n, 5)
		if len(got) != 1 || len(got[0]) != int(n)+1 {
			t.Errorf("%d moves: got %v", n, got)
		}
		if got := ladder.CareerPaths(chain, 1, 2+n, 5); len(got) != 0 {
			t.Errorf("%d moves: got %v, want none beyond the bound", n+1, got)
		}
	})

	t.Run("DoesNotReorderInput", func(t *testing.T) {
		ms := graph(lateral(1, 2), promo(1, 3))
		ladder.CareerPaths(ms, 1, 3, 5)
		if ms[0].Kind != ladder.MoveLateral || ms[1].Kind != ladder.MovePromotion {
			t.Error("CareerPaths reordered the caller's moves")
		}
	})
}
