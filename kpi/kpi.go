// Package kpi keeps employees' KPI results (customer satisfaction,
// first-contact resolution, handle and response times, quality scores,
// complaint rates) per month or quarter, imports them from CSV files, turns
// results that meet a competency threshold into KPI evidence, and answers
// the questions the ladder and the training team ask of them: "has this
// agent held CSAT at 90% over the last two quarters?" (Aggregate, Met) and
// "did agents handle calls faster after the course?" (TrainingEffect).
//
// Every average over several periods is weighted by the contact volume
// behind each period: a month with 40 surveys must not weigh as much as one
// with 400.
package kpi

import (
	"context"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// Units of KPI values.
const (
	UnitPercent     = "PERCENT"      // 0..100
	UnitSeconds     = "SECONDS"      // a duration
	UnitPoints      = "POINTS"       // a score on the instrument's own scale
	UnitPerThousand = "PER_THOUSAND" // occurrences per thousand contacts
)

// Directions: which way is better.
const (
	HigherIsBetter = "HIGHER_IS_BETTER"
	LowerIsBetter  = "LOWER_IS_BETTER"
)

// Record sources.
const (
	SourceImport = "IMPORT"
	SourceManual = "MANUAL"
)

// MaxValue is the largest value any KPI may take. It keeps values inside
// the columns they are copied to (competency_evidence.score is
// numeric(8,2)); no real handle time or score comes near it.
const MaxValue = 999999.99

// Store reads and writes KPI definitions, records and imports.
type Store struct {
	db *sqlx.DB
	// Now stamps imports and record changes and dates what an import
	// accepts; tests replace it.
	Now func() time.Time
	// MinEffectGroup is the fewest completers TrainingEffect reports over:
	// MinEffectGroup (5) unless a test checks its arithmetic on fewer.
	MinEffectGroup int
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, Now: clock.Now, MinEffectGroup: MinEffectGroup}
}

// Definition is a KPI: what is measured, in which unit, and which way is
// better.
type Definition struct {
	ID            int64     `db:"id"`
	Code          string    `db:"code"`
	NameEN        string    `db:"name_en"`
	NameZH        string    `db:"name_zh"`
	DescriptionEN string    `db:"description_en"`
	DescriptionZH string    `db:"description_zh"`
	Unit          string    `db:"unit"`
	Direction     string    `db:"direction"`
	SortOrder     int       `db:"sort_order"`
	CreatedAt     time.Time `db:"created_at"`
}

// Range is the interval a value of d must lie in: a percentage in 0..100,
// a rate per thousand in 0..1000, anything else from 0 up to MaxValue.
func (d *Definition) Range() (lo, hi float64) {
	switch d.Unit {
	case UnitPercent:
		return 0, 100
	case UnitPerThousand:
		return 0, 1000
	}
	return 0, MaxValue
}

// Met reports whether value reaches threshold for the KPI def: at least the
// threshold when higher is better, at most it when lower is better. A nil
// definition meets nothing.
func Met(def *Definition, value, threshold float64) bool {
	if def == nil {
		return false
	}
	if def.Direction == LowerIsBetter {
		return value <= threshold
	}
	return value >= threshold
}

// CompetencyLevel says that a KPI value reaching Threshold shows Level in
// a competency.
type CompetencyLevel struct {
	KPIID        int64   `db:"kpi_id"`
	CompetencyID int64   `db:"competency_id"`
	Level        int     `db:"level"`
	Threshold    float64 `db:"threshold"`
}

// LastMonths returns the n whole calendar months before the month of
// today: from the first day of the earliest to the last day of the latest.
// "CSAT over the last two quarters" on 2026-07-15 is LastMonths(today, 6):
// 2026-01-01 to 2026-06-30. The running month is left out because its
// figures are not final.
func LastMonths(today time.Time, n int) (from, to time.Time) {
	y, m, _ := today.Date()
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, -n, 0), first.AddDate(0, 0, -1)
}

const definitionColumns = `id, code, name_en, name_zh, description_en, description_zh, unit, direction, sort_order, created_at`

// Definitions lists every KPI in display order. Anyone may read them.
func (s *Store) Definitions(ctx context.Context) ([]*Definition, error) {
	var defs []*Definition
	err := s.db.SelectContext(ctx, &defs, `SELECT `+definitionColumns+` FROM kpi_definitions ORDER BY sort_order, code`)
	if err != nil {
		return nil, fmt.Errorf("kpi: definitions: %w", err)
	}
	return defs, nil
}

// DefinitionsByCodes returns the KPIs with codes, in the order of codes,
// nil for an unknown code.
func (s *Store) DefinitionsByCodes(ctx context.Context, codes []string) ([]*Definition, error) {
	var defs []*Definition
	err := s.db.SelectContext(ctx, &defs, `SELECT `+definitionColumns+` FROM kpi_definitions WHERE code = ANY($1)`, pq.Array(codes))
	if err != nil {
		return nil, fmt.Errorf("kpi: definitions by codes: %w", err)
	}
	byCode := make(map[string]*Definition, len(defs))
	for _, d := range defs {
		byCode[d.Code] = d
	}
	out := make([]*Definition, len(codes))
	for i, c := range codes {
		out[i] = byCode[c]
	}
	return out, nil
}

// DefinitionsByIDs returns the KPIs with ids, in the order of ids, nil for
// an unknown id (the loader behind Record.kpi).
func (s *Store) DefinitionsByIDs(ctx context.Context, ids []int64) ([]*Definition, error) {
	var defs []*Definition
	err := s.db.SelectContext(ctx, &defs, `SELECT `+definitionColumns+` FROM kpi_definitions WHERE id = ANY($1)`, pq.Array(ids))
	if err != nil {
		return nil, fmt.Errorf("kpi: definitions by ids: %w", err)
	}
	return postgres.InKeyOrder(ids, defs, func(d *Definition) int64 { return d.ID }), nil
}

// CompetencyLevels returns the competency thresholds of each KPI in
// kpiIDs, in key order, each list by competency and level.
func (s *Store) CompetencyLevels(ctx context.Context, kpiIDs []int64) ([][]*CompetencyLevel, error) {
	var rows []*CompetencyLevel
	err := s.db.SelectContext(ctx, &rows, `
		SELECT kpi_id, competency_id, level, threshold::float8 AS threshold
		FROM kpi_competency_levels WHERE kpi_id = ANY($1)
		ORDER BY kpi_id, competency_id, level`, pq.Array(kpiIDs))
	if err != nil {
		return nil, fmt.Errorf("kpi: competency levels: %w", err)
	}
	return postgres.GroupByKey(kpiIDs, rows, func(l *CompetencyLevel) int64 { return l.KPIID }), nil
}

func unknownKPI(code string) error {
	return rungs.Errorf(rungs.ErrNotFound, "kpi.not_found", "there is no KPI %s", code)
}
