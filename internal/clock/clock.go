// Package clock is the one clock Rungs reads "now" and "today" from.
//
// Every store defaults its Now to clock.Now, the seed dates the demo from
// clock.Today, and tests compute their dates from the same functions, so the
// code, the demo data and the tests always agree on what today is.
//
// RUNGS_CLOCK_OFFSET shifts that clock by a whole number of days ("+365d",
// "-30d"). It exists to prove that nothing depends on the calendar: the test
// harness runs its PostgreSQL under Debian's faketime with the same offset
// (see pglocal.Options.ClockOffset), so Go's time, the database's now() and
// current_date, and every date a test writes move together. The server
// refuses it in production mode.
package clock

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"time"
)

// EnvOffset names the variable that shifts the clock.
const EnvOffset = "RUNGS_CLOCK_OFFSET"

var (
	offsetSpec string
	offsetDays int
	offsetErr  error
)

func init() { offsetSpec, offsetDays, offsetErr = parse(os.Getenv(EnvOffset)) }

var offsetPattern = regexp.MustCompile(`^([+-]?)([0-9]{1,5})d$`)

// parse reads an offset in faketime's relative form: an optional sign, a
// number of days and the suffix d. Empty and "0" mean no offset.
func parse(s string) (spec string, days int, err error) {
	if s == "" || s == "0" || s == "+0d" || s == "0d" {
		return "", 0, nil
	}
	m := offsetPattern.FindStringSubmatch(s)
	if m == nil {
		return "", 0, fmt.Errorf("%s=%q: want a whole number of days such as +365d or -30d", EnvOffset, s)
	}
	n, _ := strconv.Atoi(m[2]) // at most five digits: cannot fail
	if m[1] == "-" {
		n = -n
	}
	if n == 0 {
		return "", 0, nil
	}
	return fmt.Sprintf("%+dd", n), n, nil
}

// Now is the current time, shifted by RUNGS_CLOCK_OFFSET when it is set.
func Now() time.Time {
	if offsetDays == 0 {
		return time.Now()
	}
	return time.Now().AddDate(0, 0, offsetDays)
}

// Today is midnight UTC of the current UTC day: the calendar day the demo
// data and the date-valued fields are written against.
func Today() time.Time { return Now().UTC().Truncate(24 * time.Hour) }

// Offset returns the shift in faketime's form ("+365d"), or "" when the
// clock is not shifted.
func Offset() string { return offsetSpec }

// Err reports a malformed RUNGS_CLOCK_OFFSET; the clock is then unshifted.
// Commands check it at start so a typo does not silently run on the real date.
func Err() error { return offsetErr }
