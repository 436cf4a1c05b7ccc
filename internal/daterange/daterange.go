// Package daterange is the one rule for which calendar dates Rungs accepts
// from its users: from 1 January 1990 to ten years after today.
//
// Nothing in a contact centre's records happened before 1990 (the demo's
// longest-serving people joined in 2014), and nothing is planned more than
// ten years ahead. A date outside that range is a typo or an attack: a KPI
// period in year 9999 would make evidence that never goes stale, a goal
// due in 9999 is never overdue. The GraphQL Date scalar refuses such dates
// for every argument and input field; imports that parse their own dates
// (kpi.Import) apply the same range, or a tighter one they document.
package daterange

import "time"

// Earliest is the first date accepted: 1990-01-01.
var Earliest = time.Date(1990, time.January, 1, 0, 0, 0, 0, time.UTC)

// YearsAhead is how far after today a date may lie.
const YearsAhead = 10

// Latest is the last date accepted on the day today: ten years on.
func Latest(today time.Time) time.Time {
	y, m, d := today.Date()
	return time.Date(y+YearsAhead, m, d, 0, 0, 0, 0, time.UTC)
}

// Contains reports whether the calendar day of d lies within Earliest …
// Latest(today).
func Contains(d, today time.Time) bool {
	y, m, dd := d.Date()
	day := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	return !day.Before(Earliest) && !day.After(Latest(today))
}
