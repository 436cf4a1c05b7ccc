package seed

// The shapes of the demo competency framework and ladder content. The data
// itself is in framework_content.go; framework.go writes it.

// scaleLevel is one level of the default five-level proficiency scale.
type scaleLevel struct {
	NameEN, NameZH string // e.g. "Aware", "了解"
	DescEN, DescZH string // what this level means in general
}

// demoCategory groups competencies.
type demoCategory struct {
	Code           string // e.g. "SERVICE"
	NameEN, NameZH string
}

// indicator is the observable behaviour of one level of one competency.
type indicator struct{ EN, ZH string }

// demoCompetency is one competency with its behavioural indicators for
// levels 1..5 (index 0 is level 1).
type demoCompetency struct {
	Code           string // stable, e.g. "COMMUNICATION"
	Category       string // a demoCategory code
	NameEN, NameZH string
	DescEN, DescZH string
	Indicators     [5]indicator
}

// demoPositionRequirements is what a position asks for.
type demoPositionRequirements struct {
	Position string // position code (seed.go)
	// Competencies maps competency code to minimum level (1..5).
	Competencies map[string]int
	// MinMonths in the current position before moving here (0: none).
	MinMonths int
	// MinRating is the minimum recent performance rating on a 1–5 scale
	// (0: none).
	MinRating float64
}

// demoMove is an allowed move between positions. Kind is "PROMOTION" (the
// target's level is higher) or "LATERAL" (same level, other track; it is
// written in both directions).
type demoMove struct{ From, To, Kind string }

// demoProfile sets how an employee's competency ratings relate to what
// their current position requires, so the demo holds people ready for the
// next step and people far from it.
type demoProfile struct {
	Employee string // employee number
	// Delta is added to each requirement of their current position (and a
	// base of 1 for competencies it does not name); ratings are clamped to
	// 1..5. A strong agent ready for team lead has +1 on the lead's needs.
	Delta int
	// Toward, when set, rates them against this position's requirements
	// instead (someone growing into the next role).
	Toward string
	// SelfDelta, when not 0, adds self-assessments that differ from the
	// manager's view by this much, for a few competencies.
	SelfDelta int
	// MonthsAgo is how old the manager's ratings are; over 12 makes them
	// stale under the default rule.
	MonthsAgo int
}
