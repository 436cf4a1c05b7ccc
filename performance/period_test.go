package performance_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/performance"
)

func TestOpenPeriod(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	from, to := half(0)
	_, next := half(1)

	t.Run("OK", func(t *testing.T) {
		p := f.cur
		if p.Code != halfCode(0) || p.Status != performance.PeriodOpen || !p.StartsOn.Equal(from) ||
			!p.EndsOn.Equal(to) || p.OpenedBy.Int64 != f.hr.EmployeeID || !p.OpenedAt.Equal(now) || p.ClosedAt.Valid {
			t.Errorf("period %+v", p)
		}
	})

	t.Run("ErrOverlap", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			from, to time.Time
		}{
			{"inside", from.AddDate(0, 2, 0), from.AddDate(0, 3, -1)},
			{"straddling the end", from.AddDate(0, 3, 0), from.AddDate(0, 9, -1)},
			{"sharing the last day", to, next},
			{"covering it", from.AddDate(0, -1, 0), next},
		} {
			_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "OVERLAP", NameEN: "x", NameZH: "x",
				StartsOn: tc.from, EndsOn: tc.to})
			wantErr(t, err, rungs.ErrConflict, "performance.period.overlap")
			if !strings.Contains(err.Error(), halfCode(0)) {
				t.Errorf("%s: message %q does not name %s", tc.name, err, halfCode(0))
			}
		}
	})

	t.Run("DatabaseRefusesOverlap", func(t *testing.T) {
		// Bypassing the store: the exclusion constraint itself refuses.
		_, err := f.db.Exec(`INSERT INTO review_periods (code, name_en, name_zh, starts_on, ends_on) VALUES ('RAW', 'x', 'x', $1, $2)`,
			from.AddDate(0, 4, 0).Format(time.DateOnly), from.AddDate(0, 7, -1).Format(time.DateOnly))
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || pqErr.Code != "23P01" || pqErr.Constraint != "review_periods_no_overlap" {
			t.Fatalf("want exclusion violation, got %v", err)
		}
	})

	t.Run("AdjacentAndClosedPeriods", func(t *testing.T) {
		h2 := f.openHalf(t, 1)
		if _, err := f.store.ClosePeriod(ctx, f.hr, h2.ID); err != nil {
			t.Fatal(err)
		}
		// A closed period still occupies its days: its second quarter.
		_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "LATER-QUARTER", NameEN: "x", NameZH: "x",
			StartsOn: h2.StartsOn.AddDate(0, 3, 0), EndsOn: h2.EndsOn})
		wantErr(t, err, rungs.ErrConflict, "performance.period.overlap")
	})

	t.Run("ErrCodeTaken", func(t *testing.T) {
		// The code in lower case, four years on.
		from, to := half(8)
		_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: strings.ToLower(halfCode(0)), NameEN: "x", NameZH: "x",
			StartsOn: from, EndsOn: to})
		wantErr(t, err, rungs.ErrBadUserInput, "performance.period.code_taken")
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		start := today.AddDate(5, 0, 0)
		_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "h", NameEN: " ", StartsOn: start, EndsOn: start.AddDate(0, 0, -1)})
		var re *rungs.Error
		if !errors.As(err, &re) || re.Code != rungs.ErrBadUserInput {
			t.Fatalf("want BAD_USER_INPUT, got %v", err)
		}
		var keys []string
		for _, d := range re.Details {
			keys = append(keys, d.Key)
		}
		want := "performance.period.code.invalid performance.period.name_en.required performance.period.name_zh.required performance.period.ends_before_start"
		if strings.Join(keys, " ") != want {
			t.Errorf("keys %v, want %s", keys, want)
		}
		_, err = f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "2031", NameEN: "x", NameZH: "x"})
		wantErr(t, err, rungs.ErrBadUserInput, "performance.period.starts_on.required")
	})
}

// TestPeriodAccess opens and closes periods as every member of the cast.
func TestPeriodAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cast := []struct {
		name string
		v    *auth.Viewer
		may  bool
	}{
		{"nobody", nil, false}, {"agent", f.agent, false}, {"manager", f.manager, false}, {"director", f.director, false},
		{"HR", f.hr, true}, {"admin", f.admin, true},
	}
	// Each member of the cast opens a whole year, well after the others.
	year := func(i int) int { return today.Year() + 14 + i }
	for i, who := range cast {
		t.Run(who.name, func(t *testing.T) {
			y := year(i)
			p, err := f.store.OpenPeriod(ctx, who.v, performance.PeriodInput{Code: "P" + strconv.Itoa(y), NameEN: "x", NameZH: "x",
				StartsOn: time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC)})
			if !who.may {
				code := rungs.ErrForbidden
				if who.v == nil {
					code = rungs.ErrUnauthenticated
				}
				wantErr(t, err, code, "")
				_, err = f.store.ClosePeriod(ctx, who.v, f.cur.ID)
				wantErr(t, err, code, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			closed, err := f.store.ClosePeriod(ctx, who.v, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if closed.Status != performance.PeriodClosed || closed.ClosedBy.Int64 != who.v.EmployeeID || !closed.ClosedAt.Time.Equal(now) {
				t.Errorf("closed %+v", closed)
			}
			_, err = f.store.ClosePeriod(ctx, who.v, p.ID)
			wantErr(t, err, rungs.ErrConflict, "performance.period.closed")
		})
	}
	_, err := f.store.ClosePeriod(ctx, f.hr, 1<<40)
	wantErr(t, err, rungs.ErrNotFound, "performance.period.not_found")

	// The reads: newest first, filtered by status, by id in key order.
	all, err := f.store.Periods(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	last := "P" + strconv.Itoa(year(len(cast)-1)) // the admin's, the newest
	if len(all) != 3 || all[0].Code != last || all[2].Code != halfCode(0) {
		t.Errorf("periods %v", codes(all))
	}
	open, err := f.store.Periods(ctx, performance.PeriodOpen)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 || open[0].ID != f.cur.ID {
		t.Errorf("open periods %v", codes(open))
	}
	closed, err := f.store.Periods(ctx, performance.PeriodClosed)
	if err != nil {
		t.Fatal(err)
	}
	if len(closed) != 2 {
		t.Errorf("closed periods %v", codes(closed))
	}
	_, err = f.store.Periods(ctx, "SOMETIMES")
	wantErr(t, err, rungs.ErrBadUserInput, "performance.period.status.invalid")

	byID, err := f.store.PeriodsByIDs(ctx, []int64{all[0].ID, 1 << 40, f.cur.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(byID) != 3 || byID[0].Code != last || byID[1] != nil || byID[2].Code != halfCode(0) {
		t.Errorf("by id %+v", byID)
	}
}

func codes(ps []*performance.Period) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}
