package kpi

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// Record is one employee's result in one KPI over one period.
type Record struct {
	ID          int64         `db:"id"`
	EmployeeID  int64         `db:"employee_id"`
	KPIID       int64         `db:"kpi_id"`
	KPICode     string        `db:"kpi_code"`
	PeriodStart time.Time     `db:"period_start"`
	PeriodEnd   time.Time     `db:"period_end"`
	Value       float64       `db:"value"`
	Volume      int           `db:"volume"`
	Source      string        `db:"source"`
	ImportID    sql.NullInt64 `db:"import_id"`
	CreatedAt   time.Time     `db:"created_at"`
	UpdatedAt   time.Time     `db:"updated_at"`
}

// bounds turns an optional [from, to] into dates PostgreSQL compares
// with: a zero from or to leaves that side open.
func bounds(from, to time.Time) (string, string) {
	lo, hi := "0001-01-01", "9999-12-31"
	if !from.IsZero() {
		lo = from.Format(time.DateOnly)
	}
	if !to.IsZero() {
		hi = to.Format(time.DateOnly)
	}
	return lo, hi
}

// RecordsOf returns the KPI records of each employee in employeeIDs whose
// period lies within [from, to] (a zero bound is open), in key order, each
// list by KPI and period. The viewer sees their own records, those of
// everyone in their reporting line below them, and — as HR and admins —
// everyone's; other employees' lists come back empty. Trainers get no
// rights here: reaching someone as a learner, a scored agent or a manager
// up the line is not a reason to read their results (a course's owner sees
// its completers only in aggregate, TrainingEffect). The rule is in the
// statement, so a batch of any size is one query.
func (s *Store) RecordsOf(ctx context.Context, v *auth.Viewer, employeeIDs []int64, from, to time.Time) ([][]*Record, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	lo, hi := bounds(from, to)
	var rows []*Record
	err := s.db.SelectContext(ctx, &rows, `
		SELECT r.id, r.employee_id, r.kpi_id, d.code AS kpi_code, r.period_start, r.period_end,
		       r.value::float8 AS value, r.volume, r.source, r.import_id, r.created_at, r.updated_at
		FROM kpi_records r JOIN kpi_definitions d ON d.id = r.kpi_id
		WHERE r.employee_id = ANY($1) AND r.period_start >= $2::date AND r.period_end <= $3::date
		  AND ($5 OR r.employee_id = $4 OR `+people.ManagesSQL("$4", "r.employee_id")+`)
		ORDER BY r.employee_id, d.sort_order, d.code, r.period_start`,
		pq.Array(employeeIDs), lo, hi, v.EmployeeID, MayReadAll(v))
	if err != nil {
		return nil, fmt.Errorf("kpi: records: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, rows, func(r *Record) int64 { return r.EmployeeID }), nil
}

// MayReadAll reports whether v reads every employee's individual KPI
// results: HR and admins. Everyone else reads their own and their
// reporting line's (RecordsOf), trainers included.
func MayReadAll(v *auth.Viewer) bool { return v != nil && v.SeesEveryone() }

// Aggregate is one employee's result in one KPI over several periods.
type Aggregate struct {
	// Value is the volume-weighted mean Σ(value×volume) / Σ(volume); 0 when
	// Periods is 0.
	Value float64
	// Volume is the contacts behind Value, Periods the records it covers.
	// Periods == 0 means there is no data, which is not the same as a
	// value of 0.
	Volume  int64
	Periods int
}

// Aggregate returns, for each employee in employeeIDs (key order), the
// volume-weighted mean of KPI kpiCode over the records whose period lies
// within [from, to] (a zero bound is open). It checks no viewer: it serves
// the gap analysis and the ladder, which decide themselves whom they look
// at. An unknown code is NOT_FOUND.
func (s *Store) Aggregate(ctx context.Context, employeeIDs []int64, kpiCode string, from, to time.Time) ([]Aggregate, error) {
	out := make([]Aggregate, len(employeeIDs))
	if len(employeeIDs) == 0 {
		return out, nil
	}
	lo, hi := bounds(from, to)
	type row struct {
		EmployeeID int64           `db:"employee_id"`
		Known      bool            `db:"known"`
		Value      sql.NullFloat64 `db:"value"`
		Volume     int64           `db:"volume"`
		Periods    int             `db:"periods"`
	}
	var rows []row
	// The definition is joined rather than looked up first, so an unknown
	// code is told apart from "no data" in the same statement.
	err := s.db.SelectContext(ctx, &rows, `
		SELECT k.id AS employee_id, d.id IS NOT NULL AS known,
		       (sum(r.value * r.volume) / nullif(sum(r.volume), 0))::float8 AS value,
		       coalesce(sum(r.volume), 0) AS volume, count(r.id) AS periods
		FROM (SELECT DISTINCT unnest($1::bigint[])) AS k (id)
		LEFT JOIN kpi_definitions d ON d.code = $2
		LEFT JOIN kpi_records r ON r.employee_id = k.id AND r.kpi_id = d.id
		     AND r.period_start >= $3::date AND r.period_end <= $4::date
		GROUP BY k.id, d.id`,
		pq.Array(employeeIDs), kpiCode, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("kpi: aggregate %s: %w", kpiCode, err)
	}
	byID := make(map[int64]row, len(rows))
	for _, r := range rows {
		if !r.Known {
			return nil, unknownKPI(kpiCode)
		}
		byID[r.EmployeeID] = r
	}
	for i, id := range employeeIDs {
		r := byID[id]
		out[i] = Aggregate{Value: r.Value.Float64, Volume: r.Volume, Periods: r.Periods}
	}
	return out, nil
}
