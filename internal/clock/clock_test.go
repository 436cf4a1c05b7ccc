package clock

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		spec string
		days int
		bad  bool
	}{
		{"", "", 0, false},
		{"0", "", 0, false},
		{"+0d", "", 0, false},
		{"+365d", "+365d", 365, false},
		{"365d", "+365d", 365, false},
		{"-30d", "-30d", -30, false},
		{"+1y", "", 0, true},
		{"365", "", 0, true},
		{"+365 d", "", 0, true},
		{"+999999d", "", 0, true},
	} {
		spec, days, err := parse(c.in)
		if (err != nil) != c.bad || spec != c.spec || days != c.days {
			t.Errorf("parse(%q) = %q, %d, %v; want %q, %d, bad=%v", c.in, spec, days, err, c.spec, c.days, c.bad)
		}
	}
}

func TestNowFollowsOffset(t *testing.T) {
	defer func(d int) { offsetDays = d }(offsetDays)
	offsetDays = 0
	if d := time.Since(Now()); d < 0 || d > time.Minute {
		t.Fatalf("unshifted Now is %v from time.Now", d)
	}
	offsetDays = 365
	want := time.Now().AddDate(0, 0, 365)
	if d := Now().Sub(want); d < 0 || d > time.Minute {
		t.Fatalf("shifted Now is %v from a year ahead", d)
	}
	if got := Today(); !got.Equal(Now().UTC().Truncate(24*time.Hour)) || got.Hour() != 0 {
		t.Fatalf("Today = %v", got)
	}
}
