package talent

// The placement rule. It is pure, so it can be read, tested and explained
// in one place; Compute only gathers its inputs.
//
// Performance (the grid's horizontal axis) starts from the overall rating
// of the cycle's review period:
//
//	rating ≤ 2.5 → LOW, 3.0–3.5 → MEDIUM, ≥ 4.0 → HIGH;
//	no rating (or one still disputed) → MEDIUM, flagged in the why, so
//	nobody is marked down for a missing review — calibration decides.
//
// KPIs then move it by at most one band. For every KPI the employee has
// results for within the period, their volume-weighted mean is compared
// with the median of everyone measured in that KPI over the period,
// following the KPI's direction (for handle time, lower is better). With
// at least MinKPIs compared:
//
//	≥ 2/3 of them at or better than the median → one band up;
//	< 1/3 of them at or better than the median → one band down.
//
// A median of peers, not a fixed target, because targets differ by team and
// channel while "better than most colleagues measured the same way" does
// not; fewer than two KPIs say too little to move anyone.
//
// Potential (the vertical axis) starts from readiness for the next step:
// the best readiness score (0..100) over the positions the employee could
// move to or aspires to. Aspiring to a position adds AspirationBonus points
// (capped at 100): wanting to grow counts a little, never enough alone.
//
//	score ≥ 70 → HIGH, ≥ 40 → MEDIUM, else LOW.
//
// The manager's input, when given, overrides by one band: the potential
// moves one band towards it (LOW computed, HIGH input → MEDIUM). The manager
// knows the person; the data keeps one opinion from jumping two boxes.

// Bands of both axes, as stored.
const (
	Low    = 1
	Medium = 2
	High   = 3
)

// Rule constants; see the comment above.
const (
	MinKPIs          = 2
	AspirationBonus  = 5.0
	HighPotentialMin = 70.0
	MedPotentialMin  = 40.0
)

// KPIResult is one KPI of one employee over the period against the median
// of everyone measured in it.
type KPIResult struct {
	Code   string  `json:"code"`
	Value  float64 `json:"value"`
	Median float64 `json:"median"`
	// AtOrBetter is whether Value is at or better than Median in the KPI's
	// direction.
	AtOrBetter bool `json:"atOrBetter"`
}

// Inputs are what the rule reads for one employee.
type Inputs struct {
	// Rating is the period's overall rating (1.0..5.0), nil when there is none.
	Rating *float64
	KPIs   []KPIResult
	// Readiness is the best readiness score (0..100) for a next position.
	Readiness float64
	// Aspires is whether the employee has named at least one aspiration.
	Aspires bool
	// ManagerInput is the manager's potential band (1..3), nil when not given.
	ManagerInput *int
}

// Why is the rule's inputs and every intermediate result, stored with the
// placement as jsonb so the grid can show where everyone sits and why.
type Why struct {
	Rating          *float64    `json:"rating"`
	RatingBand      int         `json:"ratingBand"`
	NoRating        bool        `json:"noRating,omitempty"`
	KPIs            []KPIResult `json:"kpis"`
	KPIsAtOrBetter  int         `json:"kpisAtOrBetter"`
	KPIAdjustment   int         `json:"kpiAdjustment"`
	Performance     int         `json:"performance"`
	Readiness       float64     `json:"readiness"`
	Aspires         bool        `json:"aspires"`
	PotentialScore  float64     `json:"potentialScore"`
	PotentialByData int         `json:"potentialByData"`
	ManagerInput    *int        `json:"managerInput"`
	Potential       int         `json:"potential"`
}

// RatingBand is the performance band of a rating alone; see the rule.
func RatingBand(rating *float64) int {
	switch {
	case rating == nil:
		return Medium
	case *rating <= 2.5:
		return Low
	case *rating < 4:
		return Medium
	}
	return High
}

// PotentialBand is the potential band of a score (0..100) alone.
func PotentialBand(score float64) int {
	switch {
	case score >= HighPotentialMin:
		return High
	case score >= MedPotentialMin:
		return Medium
	}
	return Low
}

// withManager moves band one step towards the manager's input.
func withManager(band int, input *int) int {
	if input == nil {
		return band
	}
	switch {
	case *input > band:
		return band + 1
	case *input < band:
		return band - 1
	}
	return band
}

// Place applies the rule: the computed performance and potential, and why.
func Place(in Inputs) Why {
	w := Why{Rating: in.Rating, NoRating: in.Rating == nil, KPIs: in.KPIs,
		Readiness: in.Readiness, Aspires: in.Aspires, ManagerInput: in.ManagerInput}
	if w.KPIs == nil {
		w.KPIs = []KPIResult{}
	}
	w.RatingBand = RatingBand(in.Rating)
	for _, k := range in.KPIs {
		if k.AtOrBetter {
			w.KPIsAtOrBetter++
		}
	}
	if n := len(in.KPIs); n >= MinKPIs {
		// Integer comparisons: good/n ≥ 2/3 and good/n < 1/3.
		switch {
		case 3*w.KPIsAtOrBetter >= 2*n:
			w.KPIAdjustment = 1
		case 3*w.KPIsAtOrBetter < n:
			w.KPIAdjustment = -1
		}
	}
	w.Performance = clamp(w.RatingBand + w.KPIAdjustment)

	w.PotentialScore = in.Readiness
	if in.Aspires {
		w.PotentialScore += AspirationBonus
	}
	w.PotentialScore = min(max(w.PotentialScore, 0), 100)
	w.PotentialByData = PotentialBand(w.PotentialScore)
	w.Potential = withManager(w.PotentialByData, in.ManagerInput)
	return w
}

func clamp(band int) int { return min(max(band, Low), High) }

// ValidBand reports whether b is a band of the grid (1..3).
func ValidBand(b int) bool { return b >= Low && b <= High }
