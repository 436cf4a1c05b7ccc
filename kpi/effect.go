package kpi

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
)

// MaxEffectWindow is the longest window TrainingEffect looks at, in months:
// beyond two years so much else has changed that a difference says little
// about the course.
const MaxEffectWindow = 24

// MinEffectGroup is the fewest completers a training effect is reported
// over. A course's owner is not entitled to any learner's KPI records
// (RecordsOf); a mean over one or two completers would be those records.
// Five is the smallest group the usual guidance on small-cell suppression
// accepts for a mean that says nothing about any one member. Fewer, and the
// effect is Suppressed: no count, no figures.
const MinEffectGroup = 5

// Effect is how one KPI moved around the completion of a course.
type Effect struct {
	KPI *Definition
	// Completers counts the learners who completed the course and have
	// records on both sides of their completion; only they count.
	Completers int
	// Before and After are the volume-weighted means over those learners'
	// records in the window months before and after their completion;
	// BeforeVolume and AfterVolume the contacts behind them.
	Before, After             float64
	BeforeVolume, AfterVolume int64
	// Difference is After − Before; Improved says whether that is better
	// by the KPI's direction (a fall in handle time is an improvement).
	Difference float64
	Improved   bool
	// Suppressed is true when fewer than the minimum group (MinEffectGroup)
	// of completers have data on both sides: Completers and every figure
	// are then zero and say nothing.
	Suppressed bool
}

// TrainingEffect compares, for each KPI in kpiCodes (key order), the
// results of a course's completers in the window months before their
// completion with those in the window months after it.
//
// Windows are whole calendar months, each completer's own: on a completion
// on 10 April with a window of 3, before is January to March and after is
// May to July; April, the month of the training, counts on neither side.
// A record counts when its period lies wholly inside a window. The
// completion is enrollments.last_completed_at, so a completion that has
// since been re-opened still counts.
//
// The effect is an aggregate over the group, never a person's figures: a
// KPI with fewer than MinEffectGroup completers with data on both sides is
// Suppressed, for every reader alike (HR and admins read individual records
// through RecordsOf anyway). Even so, an owner who controls who completes
// could compare two readings whose groups differ by one person; the group
// minimum bounds what that yields, it does not make it impossible.
//
// HR, admins and the course's owner may read it; an unknown course is
// NOT_FOUND, an unknown KPI code NOT_FOUND, a window outside
// 1..MaxEffectWindow BAD_USER_INPUT.
func (s *Store) TrainingEffect(ctx context.Context, v *auth.Viewer, courseID int64, kpiCodes []string, window int) ([]*Effect, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	if window < 1 || window > MaxEffectWindow {
		return nil, rungs.FieldError("window", "kpi.effect.window", "the window must be 1 to %d months", MaxEffectWindow)
	}
	var owner int64
	err := s.db.GetContext(ctx, &owner, `SELECT owner_id FROM courses WHERE id = $1`, courseID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rungs.Errorf(rungs.ErrNotFound, "course.not_found", "course %d not found", courseID)
	}
	if err != nil {
		return nil, fmt.Errorf("kpi: training effect: course: %w", err)
	}
	if !v.SeesEveryone() && owner != v.EmployeeID {
		return nil, rungs.Errorf(rungs.ErrForbidden, "kpi.effect.forbidden", "only HR, admins and the course's owner may see its effect")
	}
	codes := make([]string, len(kpiCodes))
	for i, c := range kpiCodes {
		codes[i] = strings.ToUpper(strings.TrimSpace(c))
	}
	if len(codes) == 0 {
		return []*Effect{}, nil
	}

	var rows []struct {
		Definition
		Completers   int     `db:"completers"`
		Before       float64 `db:"before"`
		After        float64 `db:"after"`
		BeforeVolume int64   `db:"before_volume"`
		AfterVolume  int64   `db:"after_volume"`
	}
	// win: each completer's windows. before_end is the first day of the
	// completion's month, after_start the first month starting on or after
	// the completion day. per: each completer's weighted sums on either
	// side; the final join keeps only completers with data on both.
	err = s.db.SelectContext(ctx, &rows, `
		WITH win AS (
			SELECT employee_id, date_trunc('month', day::timestamp)::date AS before_end,
			       (date_trunc('month', (day - 1)::timestamp) + interval '1 month')::date AS after_start
			FROM (SELECT employee_id, (last_completed_at AT TIME ZONE 'UTC')::date AS day
			      FROM enrollments WHERE course_id = $1 AND last_completed_at IS NOT NULL) done
		), per AS (
			SELECT r.kpi_id, w.employee_id,
			       sum(r.value * r.volume) FILTER (WHERE r.period_end < w.before_end) AS bw,
			       sum(r.volume) FILTER (WHERE r.period_end < w.before_end) AS bv,
			       sum(r.value * r.volume) FILTER (WHERE r.period_start >= w.after_start) AS aw,
			       sum(r.volume) FILTER (WHERE r.period_start >= w.after_start) AS av
			FROM win w
			JOIN kpi_records r ON r.employee_id = w.employee_id
			     AND r.kpi_id IN (SELECT id FROM kpi_definitions WHERE code = ANY($2))
			     AND r.period_start >= (w.before_end - make_interval(months => $3))::date
			     AND r.period_end < (w.after_start + make_interval(months => $3))::date
			GROUP BY r.kpi_id, w.employee_id
		)
		SELECT d.`+strings.ReplaceAll(definitionColumns, ", ", ", d.")+`,
		       count(p.employee_id) AS completers,
		       coalesce(sum(p.bw) / sum(p.bv), 0)::float8 AS before,
		       coalesce(sum(p.aw) / sum(p.av), 0)::float8 AS after,
		       coalesce(sum(p.bv), 0) AS before_volume, coalesce(sum(p.av), 0) AS after_volume
		FROM kpi_definitions d
		LEFT JOIN per p ON p.kpi_id = d.id AND p.bv IS NOT NULL AND p.av IS NOT NULL
		WHERE d.code = ANY($2)
		GROUP BY d.id`,
		courseID, pq.Array(codes), window)
	if err != nil {
		return nil, fmt.Errorf("kpi: training effect of course %d: %w", courseID, err)
	}
	byCode := make(map[string]*Effect, len(rows))
	for _, r := range rows {
		def := r.Definition
		e := &Effect{KPI: &def, Completers: r.Completers, Before: r.Before, After: r.After,
			BeforeVolume: r.BeforeVolume, AfterVolume: r.AfterVolume}
		switch {
		case e.Completers < s.MinEffectGroup || e.Completers == 0:
			*e = Effect{KPI: &def, Suppressed: true}
		default:
			e.Difference = e.After - e.Before
			e.Improved = e.After != e.Before && Met(&def, e.After, e.Before)
		}
		byCode[def.Code] = e
	}
	out := make([]*Effect, len(codes))
	for i, c := range codes {
		if out[i] = byCode[c]; out[i] == nil {
			return nil, unknownKPI(c)
		}
	}
	return out, nil
}
