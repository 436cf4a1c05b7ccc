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

	t.Run("OK", func(t *testing.T) {
		p := f.h1
		if p.Code != "2026-H1" || p.Status != performance.PeriodOpen || !p.StartsOn.Equal(day(2026, 1, 1)) ||
			!p.EndsOn.Equal(day(2026, 6, 30)) || p.OpenedBy.Int64 != f.hr.EmployeeID || !p.OpenedAt.Equal(now) || p.ClosedAt.Valid {
			t.Errorf("period %+v", p)
		}
	})

	t.Run("ErrOverlap", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			from, to time.Time
		}{
			{"inside", day(2026, 3, 1), day(2026, 3, 31)},
			{"straddling the end", day(2026, 4, 1), day(2026, 9, 30)},
			{"sharing the last day", day(2026, 6, 30), day(2026, 12, 31)},
			{"covering it", day(2025, 12, 1), day(2026, 12, 31)},
		} {
			_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "OVERLAP", NameEN: "x", NameZH: "x",
				StartsOn: tc.from, EndsOn: tc.to})
			wantErr(t, err, rungs.ErrConflict, "performance.period.overlap")
			if !strings.Contains(err.Error(), "2026-H1") {
				t.Errorf("%s: message %q does not name 2026-H1", tc.name, err)
			}
		}
	})

	t.Run("DatabaseRefusesOverlap", func(t *testing.T) {
		// Bypassing the store: the exclusion constraint itself refuses.
		_, err := f.db.Exec(`INSERT INTO review_periods (code, name_en, name_zh, starts_on, ends_on) VALUES ('RAW', 'x', 'x', '2026-05-01', '2026-07-31')`)
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || pqErr.Code != "23P01" || pqErr.Constraint != "review_periods_no_overlap" {
			t.Fatalf("want exclusion violation, got %v", err)
		}
	})

	t.Run("AdjacentAndClosedPeriods", func(t *testing.T) {
		h2 := f.period(t, "2026-H2", day(2026, 7, 1), day(2026, 12, 31))
		if _, err := f.store.ClosePeriod(ctx, f.hr, h2.ID); err != nil {
			t.Fatal(err)
		}
		// A closed period still occupies its days.
		_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "2026-Q4", NameEN: "x", NameZH: "x",
			StartsOn: day(2026, 10, 1), EndsOn: day(2026, 12, 31)})
		wantErr(t, err, rungs.ErrConflict, "performance.period.overlap")
	})

	t.Run("ErrCodeTaken", func(t *testing.T) {
		_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "2026-h1", NameEN: "x", NameZH: "x",
			StartsOn: day(2030, 1, 1), EndsOn: day(2030, 6, 30)})
		wantErr(t, err, rungs.ErrBadUserInput, "performance.period.code_taken")
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := f.store.OpenPeriod(ctx, f.hr, performance.PeriodInput{Code: "h", NameEN: " ", StartsOn: day(2031, 6, 1), EndsOn: day(2031, 5, 31)})
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
	for i, who := range cast {
		t.Run(who.name, func(t *testing.T) {
			year := 2040 + i
			p, err := f.store.OpenPeriod(ctx, who.v, performance.PeriodInput{Code: "P" + strconv.Itoa(year), NameEN: "x", NameZH: "x",
				StartsOn: day(year, 1, 1), EndsOn: day(year, 12, 31)})
			if !who.may {
				code := rungs.ErrForbidden
				if who.v == nil {
					code = rungs.ErrUnauthenticated
				}
				wantErr(t, err, code, "")
				_, err = f.store.ClosePeriod(ctx, who.v, f.h1.ID)
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
	if len(all) != 3 || all[0].Code != "P2045" || all[2].Code != "2026-H1" {
		t.Errorf("periods %v", codes(all))
	}
	open, err := f.store.Periods(ctx, performance.PeriodOpen)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 || open[0].ID != f.h1.ID {
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

	byID, err := f.store.PeriodsByIDs(ctx, []int64{all[0].ID, 1 << 40, f.h1.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(byID) != 3 || byID[0].Code != "P2045" || byID[1] != nil || byID[2].Code != "2026-H1" {
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
