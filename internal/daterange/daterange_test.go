package daterange_test

import (
	"testing"
	"time"

	"github.com/rungs/rungs/internal/daterange"
)

func TestContains(t *testing.T) {
	t.Parallel()
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	today := date(2026, time.February, 28) // fixed-date: Contains is pure; the table asserts its edges
	cases := []struct {
		d    time.Time
		want bool
	}{
		{date(1, time.January, 1), false},                         // fixed-date: pure function, absurd input
		{date(1989, time.December, 31), false},                    // fixed-date: pure function, the day before the range
		{date(1990, time.January, 1), true},                       // fixed-date: pure function, the first day
		{today, true},                                             //
		{date(2036, time.February, 28), true},                     // fixed-date: pure function, the last day
		{date(2036, time.February, 29), false},                    // fixed-date: pure function, the day after
		{date(9999, time.December, 31), false},                    // fixed-date: pure function, absurd input
		{date(2036, time.February, 28).Add(23 * time.Hour), true}, // fixed-date: pure function, the time of day does not count
	}
	for _, c := range cases {
		if got := daterange.Contains(c.d, today); got != c.want {
			t.Errorf("Contains(%s) = %v, want %v", c.d.Format(time.DateOnly), got, c.want)
		}
	}
	if got := daterange.Latest(today); !got.Equal(date(2036, time.February, 28)) { // fixed-date: pure function
		t.Errorf("Latest = %s", got)
	}
}
