package talent_test

import (
	"testing"

	"github.com/rungs/rungs/talent"
)

func TestPlace(t *testing.T) {
	r := func(f float64) *float64 { return &f }
	b := func(i int) *int { return &i }
	good := talent.KPIResult{Code: "CSAT", AtOrBetter: true}
	bad := talent.KPIResult{Code: "AHT", AtOrBetter: false}
	tests := []struct {
		name     string
		in       talent.Inputs
		perf     int
		pot      int
		kpiShift int
	}{
		{"low rating", talent.Inputs{Rating: r(2.5)}, talent.Low, talent.Low, 0},
		{"medium rating", talent.Inputs{Rating: r(3)}, talent.Medium, talent.Low, 0},
		{"upper medium", talent.Inputs{Rating: r(3.5)}, talent.Medium, talent.Low, 0},
		{"high rating", talent.Inputs{Rating: r(4)}, talent.High, talent.Low, 0},
		{"no rating is medium", talent.Inputs{}, talent.Medium, talent.Low, 0},
		{"one KPI does not move", talent.Inputs{Rating: r(3), KPIs: []talent.KPIResult{good}}, talent.Medium, talent.Low, 0},
		{"2 of 2 KPIs raise", talent.Inputs{Rating: r(3), KPIs: []talent.KPIResult{good, good}}, talent.High, talent.Low, 1},
		{"2 of 3 KPIs raise", talent.Inputs{Rating: r(2), KPIs: []talent.KPIResult{good, good, bad}}, talent.Medium, talent.Low, 1},
		{"1 of 2 KPIs keep", talent.Inputs{Rating: r(3), KPIs: []talent.KPIResult{good, bad}}, talent.Medium, talent.Low, 0},
		{"1 of 3 KPIs keep", talent.Inputs{Rating: r(3), KPIs: []talent.KPIResult{good, bad, bad}}, talent.Medium, talent.Low, 0},
		{"0 of 2 KPIs lower", talent.Inputs{Rating: r(4.5), KPIs: []talent.KPIResult{bad, bad}}, talent.Medium, talent.Low, -1},
		{"high stays high", talent.Inputs{Rating: r(5), KPIs: []talent.KPIResult{good, good}}, talent.High, talent.Low, 1},
		{"low stays low", talent.Inputs{Rating: r(1), KPIs: []talent.KPIResult{bad, bad}}, talent.Low, talent.Low, -1},
		{"readiness 39.9 low", talent.Inputs{Rating: r(3), Readiness: 39.9}, talent.Medium, talent.Low, 0},
		{"readiness 40 medium", talent.Inputs{Rating: r(3), Readiness: 40}, talent.Medium, talent.Medium, 0},
		{"readiness 70 high", talent.Inputs{Rating: r(3), Readiness: 70}, talent.Medium, talent.High, 0},
		{"aspiring lifts 65 to high", talent.Inputs{Rating: r(3), Readiness: 65, Aspires: true}, talent.Medium, talent.High, 0},
		{"aspiring alone is not enough", talent.Inputs{Rating: r(3), Readiness: 0, Aspires: true}, talent.Medium, talent.Low, 0},
		{"manager lifts one band", talent.Inputs{Rating: r(3), Readiness: 10, ManagerInput: b(3)}, talent.Medium, talent.Medium, 0},
		{"manager lowers one band", talent.Inputs{Rating: r(3), Readiness: 90, ManagerInput: b(1)}, talent.Medium, talent.Medium, 0},
		{"manager agrees", talent.Inputs{Rating: r(3), Readiness: 90, ManagerInput: b(3)}, talent.Medium, talent.High, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := talent.Place(tt.in)
			if w.Performance != tt.perf || w.Potential != tt.pot || w.KPIAdjustment != tt.kpiShift {
				t.Errorf("Place = perf %d pot %d shift %d, want %d %d %d", w.Performance, w.Potential, w.KPIAdjustment,
					tt.perf, tt.pot, tt.kpiShift)
			}
		})
	}
}
