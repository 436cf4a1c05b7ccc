package seed

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestFrameworkContent checks the demo framework content for consistency on
// its own, without a database.
func TestFrameworkContent(t *testing.T) {
	codeRE := regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,39}$`)
	pos := map[string]position{}
	for _, p := range positions {
		pos[p.Code] = p
	}

	t.Run("scale", func(t *testing.T) {
		seen := map[string]bool{}
		for i, s := range defaultScale {
			if fcMissingText(s.NameEN, s.NameZH, s.DescEN, s.DescZH) {
				t.Errorf("scale level %d has an empty text: %+v", i+1, s)
			}
			if seen[s.NameEN] || seen[s.NameZH] {
				t.Errorf("scale level %d repeats a name: %s / %s", i+1, s.NameEN, s.NameZH)
			}
			seen[s.NameEN], seen[s.NameZH] = true, true
		}
	})

	cats := map[string]bool{}
	t.Run("categories", func(t *testing.T) {
		if len(demoCategories) < 4 {
			t.Errorf("%d categories, want 4 or more", len(demoCategories))
		}
		for _, c := range demoCategories {
			if !codeRE.MatchString(c.Code) {
				t.Errorf("category code %q is malformed", c.Code)
			}
			if cats[c.Code] {
				t.Errorf("category %s is declared twice", c.Code)
			}
			cats[c.Code] = true
			if fcMissingText(c.NameEN, c.NameZH) {
				t.Errorf("category %s lacks a name", c.Code)
			}
		}
	})

	comps := map[string]bool{}
	t.Run("competencies", func(t *testing.T) {
		if len(demoCompetencies) < 16 {
			t.Errorf("%d competencies, want 16 or more", len(demoCompetencies))
		}
		names := map[string]string{}
		for _, c := range demoCompetencies {
			if !codeRE.MatchString(c.Code) {
				t.Errorf("competency code %q is malformed", c.Code)
			}
			if comps[c.Code] {
				t.Errorf("competency %s is declared twice", c.Code)
			}
			comps[c.Code] = true
			if !cats[c.Category] {
				t.Errorf("competency %s is in unknown category %q", c.Code, c.Category)
			}
			if fcMissingText(c.NameEN, c.NameZH, c.DescEN, c.DescZH) {
				t.Errorf("competency %s lacks a name or description", c.Code)
			}
			for _, n := range []string{c.NameEN, c.NameZH} {
				if other, ok := names[n]; ok {
					t.Errorf("competencies %s and %s share the name %q", other, c.Code, n)
				}
				names[n] = c.Code
			}
			en, zh := map[string]bool{}, map[string]bool{}
			for i, ind := range c.Indicators {
				if fcMissingText(ind.EN, ind.ZH) {
					t.Errorf("%s level %d: empty indicator %+v", c.Code, i+1, ind)
					continue
				}
				if en[ind.EN] || zh[ind.ZH] {
					t.Errorf("%s level %d repeats an indicator of a lower level", c.Code, i+1)
				}
				en[ind.EN], zh[ind.ZH] = true, true
			}
		}
	})

	reqs := map[string]map[string]int{}
	t.Run("requirements", func(t *testing.T) {
		for _, r := range demoRequirements {
			p, ok := pos[r.Position]
			if !ok {
				t.Errorf("requirements for unknown position %q", r.Position)
				continue
			}
			if p.Track == "SUPPORT_FUNCTIONS" {
				t.Errorf("position %s is outside the ladder and should have no requirements", r.Position)
			}
			if _, dup := reqs[r.Position]; dup {
				t.Errorf("position %s has requirements twice", r.Position)
			}
			reqs[r.Position] = r.Competencies
			if len(r.Competencies) == 0 {
				t.Errorf("position %s requires nothing", r.Position)
			}
			for code, lvl := range r.Competencies {
				if !comps[code] {
					t.Errorf("position %s requires unknown competency %q", r.Position, code)
				}
				if lvl < 1 || lvl > 5 {
					t.Errorf("position %s requires %s at level %d, outside 1..5", r.Position, code, lvl)
				}
			}
			if r.MinMonths < 0 || r.MinRating < 0 || r.MinRating > 5 {
				t.Errorf("position %s: MinMonths %d, MinRating %v out of range", r.Position, r.MinMonths, r.MinRating)
			}
		}
		for _, p := range positions {
			if _, ok := reqs[p.Code]; !ok && p.Track != "SUPPORT_FUNCTIONS" {
				t.Errorf("ladder position %s has no requirements", p.Code)
			}
		}
		// Up the management track, no requirement ever falls.
		var mgmt []position
		for _, p := range positions {
			if p.Track == "MANAGEMENT" {
				mgmt = append(mgmt, p)
			}
		}
		sort.Slice(mgmt, func(i, j int) bool { return mgmt[i].Level < mgmt[j].Level })
		for i := 1; i < len(mgmt); i++ {
			lower, higher := mgmt[i-1].Code, mgmt[i].Code
			for code, lvl := range reqs[lower] {
				if reqs[higher][code] < lvl {
					t.Errorf("%s requires %s at %d, below %d for %s", higher, code, reqs[higher][code], lvl, lower)
				}
			}
		}
	})

	t.Run("moves", func(t *testing.T) {
		pairs := map[[2]string]bool{}
		for _, m := range demoMoves {
			from, okF := pos[m.From]
			to, okT := pos[m.To]
			if !okF || !okT {
				t.Errorf("move %s→%s names an unknown position", m.From, m.To)
				continue
			}
			if from.Track == "SUPPORT_FUNCTIONS" || to.Track == "SUPPORT_FUNCTIONS" {
				t.Errorf("move %s→%s involves a position outside the ladder", m.From, m.To)
			}
			key := [2]string{m.From, m.To}
			if m.From > m.To {
				key = [2]string{m.To, m.From}
			}
			if pairs[key] {
				t.Errorf("move between %s and %s is listed twice", m.From, m.To)
			}
			pairs[key] = true
			switch m.Kind {
			case "PROMOTION":
				if to.Level <= from.Level {
					t.Errorf("promotion %s (level %d) → %s (level %d) does not rise", m.From, from.Level, m.To, to.Level)
				}
				// A promotion never asks for less than the position left.
				for code, lvl := range reqs[m.From] {
					if reqs[m.To][code] < lvl {
						t.Errorf("promotion %s→%s: %s required at %d, below %d", m.From, m.To, code, reqs[m.To][code], lvl)
					}
				}
			case "LATERAL":
				if to.Level != from.Level || to.Track == from.Track {
					t.Errorf("lateral %s (%s, %d) ↔ %s (%s, %d) must join equal levels on different tracks",
						m.From, from.Track, from.Level, m.To, to.Track, to.Level)
				}
			default:
				t.Errorf("move %s→%s has unknown kind %q", m.From, m.To, m.Kind)
			}
		}
	})

	t.Run("profiles", func(t *testing.T) {
		emp := map[string]bool{}
		for _, e := range employees {
			emp[e.No] = true
		}
		count := map[string]int{}
		for _, p := range demoProfiles {
			count[p.Employee]++
			if !emp[p.Employee] {
				t.Errorf("profile for unknown employee %q", p.Employee)
			}
			if p.Toward != "" {
				if _, ok := pos[p.Toward]; !ok {
					t.Errorf("profile %s: Toward unknown position %q", p.Employee, p.Toward)
				} else if _, ok := reqs[p.Toward]; !ok {
					t.Errorf("profile %s: Toward %s, which has no requirements", p.Employee, p.Toward)
				}
			}
			if p.Delta < -4 || p.Delta > 4 || p.SelfDelta < -4 || p.SelfDelta > 4 || p.MonthsAgo < 0 {
				t.Errorf("profile %s out of range: %+v", p.Employee, p)
			}
		}
		for _, e := range employees {
			if count[e.No] != 1 {
				t.Errorf("employee %s has %d profiles, want exactly 1", e.No, count[e.No])
			}
		}
	})
}

// fcMissingText reports whether any of the texts is empty or only spaces.
func fcMissingText(texts ...string) bool {
	for _, s := range texts {
		if strings.TrimSpace(s) == "" {
			return true
		}
	}
	return false
}
