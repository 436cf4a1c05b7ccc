// Package ladder holds the career ladder: tracks, the positions on them,
// what each position requires, and the graph of allowed moves between
// positions.
package ladder

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/postgres"
)

// Track is a career track: the management ladder or a side track.
type Track struct {
	ID         int64        `db:"id"`
	Code       string       `db:"code"`
	NameEN     string       `db:"name_en"`
	NameZH     string       `db:"name_zh"`
	DescEN     string       `db:"description_en"`
	DescZH     string       `db:"description_zh"`
	SortOrder  int          `db:"sort_order"`
	CreatedAt  time.Time    `db:"created_at"`
	UpdatedAt  time.Time    `db:"updated_at"`
	ArchivedAt sql.NullTime `db:"archived_at"`
}

// Position is a position on a track.
type Position struct {
	ID         int64        `db:"id"`
	Code       string       `db:"code"`
	TrackID    int64        `db:"track_id"`
	Level      int          `db:"level"`
	NameEN     string       `db:"name_en"`
	NameZH     string       `db:"name_zh"`
	DescEN     string       `db:"description_en"`
	DescZH     string       `db:"description_zh"`
	RespEN     string       `db:"responsibilities_en"`
	RespZH     string       `db:"responsibilities_zh"`
	CreatedAt  time.Time    `db:"created_at"`
	UpdatedAt  time.Time    `db:"updated_at"`
	ArchivedAt sql.NullTime `db:"archived_at"`
}

// Requirement kinds. Later capabilities add kinds (courses, certifications,
// KPI thresholds) beside these without reshaping the table.
const (
	KindCompetency        = "COMPETENCY"
	KindMonthsInPosition  = "MONTHS_IN_POSITION"
	KindPerformanceRating = "PERFORMANCE_RATING"
	// KindCourse asks for a course completed at least once; KindCertification
	// for a certification course whose completion is still valid.
	KindCourse        = "COURSE"
	KindCertification = "CERTIFICATION"
	// KindKPI asks for a KPI result over the last KPIMonths whole months,
	// compared with KPIThreshold in the KPI's direction.
	KindKPI = "KPI"
)

// Requirement is one thing a position asks of whoever moves into it; Kind
// says which fields apply.
type Requirement struct {
	ID           int64           `db:"id"`
	PositionID   int64           `db:"position_id"`
	Kind         string          `db:"kind"`
	CompetencyID sql.NullInt64   `db:"competency_id"`
	MinLevel     sql.NullInt64   `db:"min_level"`
	FrameworkID  sql.NullInt64   `db:"framework_id"`
	MinMonths    sql.NullInt64   `db:"min_months"`
	MinRating    sql.NullFloat64 `db:"min_rating"`
	CourseID     sql.NullInt64   `db:"course_id"`
	KPIID        sql.NullInt64   `db:"kpi_id"`
	KPIThreshold sql.NullFloat64 `db:"kpi_threshold"`
	KPIMonths    sql.NullInt64   `db:"kpi_months"`
	CreatedAt    time.Time       `db:"created_at"`
}

// Move kinds.
const (
	MovePromotion = "PROMOTION"
	MoveLateral   = "LATERAL"
)

// Move is an allowed move from one position to another.
type Move struct {
	FromID    int64     `db:"from_position_id"`
	ToID      int64     `db:"to_position_id"`
	Kind      string    `db:"kind"`
	CreatedAt time.Time `db:"created_at"`
}

// Store reads and writes the ladder.
type Store struct{ db *sqlx.DB }

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db} }

// Tracks lists the tracks in their order; archived ones only when asked.
func (s *Store) Tracks(ctx context.Context, includeArchived bool) ([]*Track, error) {
	var ts []*Track
	err := s.db.SelectContext(ctx, &ts, `
		SELECT * FROM tracks WHERE $1 OR archived_at IS NULL ORDER BY sort_order, code`, includeArchived)
	if err != nil {
		return nil, fmt.Errorf("ladder: tracks: %w", err)
	}
	return ts, nil
}

// Positions lists positions by track order, level and code, optionally of
// one track; archived ones only when asked.
func (s *Store) Positions(ctx context.Context, trackID int64, includeArchived bool) ([]*Position, error) {
	var ps []*Position
	err := s.db.SelectContext(ctx, &ps, `
		SELECT p.* FROM positions p JOIN tracks t ON t.id = p.track_id
		WHERE ($1 = 0 OR p.track_id = $1) AND ($2 OR p.archived_at IS NULL)
		ORDER BY t.sort_order, p.level, p.code`, trackID, includeArchived)
	if err != nil {
		return nil, fmt.Errorf("ladder: positions: %w", err)
	}
	return ps, nil
}

// PositionsByIDs returns the positions with ids, in key order, nil where
// none exists (the dataloader contract).
func (s *Store) PositionsByIDs(ctx context.Context, ids []int64) ([]*Position, error) {
	var ps []*Position
	if err := s.db.SelectContext(ctx, &ps, `SELECT * FROM positions WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("ladder: positions by id: %w", err)
	}
	return postgres.InKeyOrder(ids, ps, func(p *Position) int64 { return p.ID }), nil
}

// PositionByID returns one position or NOT_FOUND.
func (s *Store) PositionByID(ctx context.Context, id int64) (*Position, error) {
	var p Position
	if err := s.db.GetContext(ctx, &p, `SELECT * FROM positions WHERE id = $1`, id); err != nil {
		return nil, postgres.Translate(err, fmt.Sprintf("position %d", id))
	}
	return &p, nil
}

// TracksByIDs returns the tracks with ids, in key order, nil where none exists.
func (s *Store) TracksByIDs(ctx context.Context, ids []int64) ([]*Track, error) {
	var ts []*Track
	if err := s.db.SelectContext(ctx, &ts, `SELECT * FROM tracks WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("ladder: tracks by id: %w", err)
	}
	return postgres.InKeyOrder(ids, ts, func(t *Track) int64 { return t.ID }), nil
}

// RequirementsOf returns each position's requirements: competencies first
// (in the competency's code order), then the other kinds.
func (s *Store) RequirementsOf(ctx context.Context, positionIDs []int64) ([][]*Requirement, error) {
	var rs []*Requirement
	err := s.db.SelectContext(ctx, &rs, `
		SELECT r.* FROM position_requirements r LEFT JOIN competencies c ON c.id = r.competency_id
		WHERE r.position_id = ANY($1)
		ORDER BY r.position_id, r.kind <> 'COMPETENCY', c.code, r.kind`, pq.Array(positionIDs))
	if err != nil {
		return nil, fmt.Errorf("ladder: requirements: %w", err)
	}
	return postgres.GroupByKey(positionIDs, rs, func(r *Requirement) int64 { return r.PositionID }), nil
}

// MovesFrom returns the moves out of each position, promotions first.
func (s *Store) MovesFrom(ctx context.Context, positionIDs []int64) ([][]*Move, error) {
	var ms []*Move
	err := s.db.SelectContext(ctx, &ms, `
		SELECT m.* FROM position_moves m JOIN positions t ON t.id = m.to_position_id
		WHERE m.from_position_id = ANY($1) AND t.archived_at IS NULL
		ORDER BY m.from_position_id, m.kind DESC, t.level, t.code`, pq.Array(positionIDs))
	if err != nil {
		return nil, fmt.Errorf("ladder: moves: %w", err)
	}
	return postgres.GroupByKey(positionIDs, ms, func(m *Move) int64 { return m.FromID }), nil
}

// Moves returns the whole move graph between positions that are not
// archived. It is small (positions number in the dozens), so path searches
// load it whole.
func (s *Store) Moves(ctx context.Context) ([]*Move, error) {
	var ms []*Move
	err := s.db.SelectContext(ctx, &ms, `
		SELECT m.* FROM position_moves m
		JOIN positions f ON f.id = m.from_position_id AND f.archived_at IS NULL
		JOIN positions t ON t.id = m.to_position_id AND t.archived_at IS NULL
		ORDER BY m.from_position_id, m.to_position_id`)
	if err != nil {
		return nil, fmt.Errorf("ladder: move graph: %w", err)
	}
	return ms, nil
}

// PositionsOfTracks returns each track's positions (not archived) by level.
func (s *Store) PositionsOfTracks(ctx context.Context, trackIDs []int64) ([][]*Position, error) {
	var ps []*Position
	err := s.db.SelectContext(ctx, &ps, `
		SELECT * FROM positions WHERE track_id = ANY($1) AND archived_at IS NULL
		ORDER BY track_id, level, code`, pq.Array(trackIDs))
	if err != nil {
		return nil, fmt.Errorf("ladder: positions of tracks: %w", err)
	}
	return postgres.GroupByKey(trackIDs, ps, func(p *Position) int64 { return p.TrackID }), nil
}
