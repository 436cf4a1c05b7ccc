// Package ladder holds the career ladder: tracks and the positions on them.
// The competency-framework issue adds requirements and the graph of allowed
// moves; today it reads what the seed wrote.
package ladder

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/postgres"
)

// Track is a career track: the management ladder or a side track.
type Track struct {
	ID        int64     `db:"id"`
	Code      string    `db:"code"`
	NameEN    string    `db:"name_en"`
	NameZH    string    `db:"name_zh"`
	DescEN    string    `db:"description_en"`
	DescZH    string    `db:"description_zh"`
	SortOrder int       `db:"sort_order"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

// Position is a position on a track.
type Position struct {
	ID        int64     `db:"id"`
	Code      string    `db:"code"`
	TrackID   int64     `db:"track_id"`
	Level     int       `db:"level"`
	NameEN    string    `db:"name_en"`
	NameZH    string    `db:"name_zh"`
	DescEN    string    `db:"description_en"`
	DescZH    string    `db:"description_zh"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

// Store reads and writes the ladder.
type Store struct{ db *sqlx.DB }

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db} }

// Positions lists every position by track order, level and code.
func (s *Store) Positions(ctx context.Context) ([]*Position, error) {
	var ps []*Position
	err := s.db.SelectContext(ctx, &ps, `
		SELECT p.* FROM positions p JOIN tracks t ON t.id = p.track_id
		ORDER BY t.sort_order, p.level, p.code`)
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

// TracksByIDs returns the tracks with ids, in key order, nil where none exists.
func (s *Store) TracksByIDs(ctx context.Context, ids []int64) ([]*Track, error) {
	var ts []*Track
	if err := s.db.SelectContext(ctx, &ts, `SELECT * FROM tracks WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("ladder: tracks by id: %w", err)
	}
	return postgres.InKeyOrder(ids, ts, func(t *Track) int64 { return t.ID }), nil
}
