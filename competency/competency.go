// Package competency holds the competency framework — categories,
// competencies, the proficiency scale and behavioural indicators, all
// versioned — and the evidence of each employee's proficiency, with the rule
// that turns evidence into a current level.
package competency

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// Framework statuses. Edits go to the one DRAFT; publishing it retires the
// PUBLISHED version it was copied from.
const (
	StatusDraft     = "DRAFT"
	StatusPublished = "PUBLISHED"
	StatusRetired   = "RETIRED"
)

// Framework is one version of the competency framework.
type Framework struct {
	ID          int64         `db:"id"`
	Version     int           `db:"version"`
	Status      string        `db:"status"`
	MaxLevel    int           `db:"max_level"`
	Notes       string        `db:"notes"`
	CreatedAt   time.Time     `db:"created_at"`
	CreatedBy   sql.NullInt64 `db:"created_by"`
	PublishedAt sql.NullTime  `db:"published_at"`
	PublishedBy sql.NullInt64 `db:"published_by"`
}

// Level is one level of a framework's proficiency scale.
type Level struct {
	FrameworkID int64  `db:"framework_id"`
	Level       int    `db:"level"`
	NameEN      string `db:"name_en"`
	NameZH      string `db:"name_zh"`
	DescEN      string `db:"description_en"`
	DescZH      string `db:"description_zh"`
}

// Category groups competencies within a framework version.
type Category struct {
	ID          int64  `db:"id"`
	FrameworkID int64  `db:"framework_id"`
	Code        string `db:"code"`
	NameEN      string `db:"name_en"`
	NameZH      string `db:"name_zh"`
	SortOrder   int    `db:"sort_order"`
}

// Competency is a competency as one framework version states it. ID is the
// stable identity shared by every version; VersionID names this statement
// of it.
type Competency struct {
	ID          int64  `db:"id"`
	Code        string `db:"code"`
	VersionID   int64  `db:"version_id"`
	FrameworkID int64  `db:"framework_id"`
	Version     int    `db:"version"`
	CategoryID  int64  `db:"category_id"`
	NameEN      string `db:"name_en"`
	NameZH      string `db:"name_zh"`
	DescEN      string `db:"description_en"`
	DescZH      string `db:"description_zh"`
	SortOrder   int    `db:"sort_order"`
	Archived    bool   `db:"archived"`
}

// Indicator is the observable behaviour of one competency at one level.
type Indicator struct {
	VersionID int64  `db:"competency_version_id"`
	Level     int    `db:"level"`
	EN        string `db:"indicator_en"`
	ZH        string `db:"indicator_zh"`
}

// Store reads and writes the framework and the evidence.
type Store struct {
	db *sqlx.DB
	// Now is the clock the proficiency rule reads; tests replace it.
	Now func() time.Time
	// Rule turns evidence into a current level.
	Rule Rule
}

// NewStore returns a Store over db with the default rule.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, Now: clock.Now, Rule: DefaultRule()}
}

// Published returns the framework version in force; NOT_FOUND before any
// version was published.
func (s *Store) Published(ctx context.Context) (*Framework, error) {
	return s.frameworkWhere(ctx, `status = 'PUBLISHED'`)
}

// Draft returns the draft being edited, NOT_FOUND when there is none.
func (s *Store) Draft(ctx context.Context) (*Framework, error) {
	return s.frameworkWhere(ctx, `status = 'DRAFT'`)
}

// FrameworkByVersion returns one version.
func (s *Store) FrameworkByVersion(ctx context.Context, version int) (*Framework, error) {
	return s.frameworkWhere(ctx, `version = $1`, version)
}

// Frameworks lists every version, newest first.
func (s *Store) Frameworks(ctx context.Context) ([]*Framework, error) {
	var fs []*Framework
	if err := s.db.SelectContext(ctx, &fs, `SELECT * FROM frameworks ORDER BY version DESC`); err != nil {
		return nil, fmt.Errorf("competency: frameworks: %w", err)
	}
	return fs, nil
}

func (s *Store) frameworkWhere(ctx context.Context, cond string, args ...any) (*Framework, error) {
	var f Framework
	err := s.db.GetContext(ctx, &f, `SELECT * FROM frameworks WHERE `+cond, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rungs.Errorf(rungs.ErrNotFound, "competency.framework.not_found", "no such framework version")
	} else if err != nil {
		return nil, fmt.Errorf("competency: framework: %w", err)
	}
	return &f, nil
}

// Levels returns a framework's scale, lowest first.
func (s *Store) Levels(ctx context.Context, frameworkID int64) ([]*Level, error) {
	var ls []*Level
	if err := s.db.SelectContext(ctx, &ls, `SELECT * FROM proficiency_levels WHERE framework_id = $1 ORDER BY level`, frameworkID); err != nil {
		return nil, fmt.Errorf("competency: levels: %w", err)
	}
	return ls, nil
}

// Categories returns a framework's categories in order.
func (s *Store) Categories(ctx context.Context, frameworkID int64) ([]*Category, error) {
	var cs []*Category
	if err := s.db.SelectContext(ctx, &cs, `SELECT * FROM competency_categories WHERE framework_id = $1 ORDER BY sort_order, code`, frameworkID); err != nil {
		return nil, fmt.Errorf("competency: categories: %w", err)
	}
	return cs, nil
}

// CategoriesByIDs returns categories in key order, nil where none exists.
func (s *Store) CategoriesByIDs(ctx context.Context, ids []int64) ([]*Category, error) {
	var cs []*Category
	if err := s.db.SelectContext(ctx, &cs, `SELECT * FROM competency_categories WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("competency: categories by id: %w", err)
	}
	return postgres.InKeyOrder(ids, cs, func(c *Category) int64 { return c.ID }), nil
}

const competencyColumns = `
	c.id, c.code, v.id AS version_id, v.framework_id, f.version, v.category_id, v.name_en, v.name_zh,
	v.description_en, v.description_zh, v.sort_order, v.archived`

// Competencies lists a framework version's competencies by category and
// order; archived ones only when asked.
func (s *Store) Competencies(ctx context.Context, frameworkID int64, includeArchived bool) ([]*Competency, error) {
	var cs []*Competency
	err := s.db.SelectContext(ctx, &cs, `
		SELECT `+competencyColumns+`
		FROM competency_versions v
		JOIN competencies c ON c.id = v.competency_id
		JOIN frameworks f ON f.id = v.framework_id
		JOIN competency_categories k ON k.id = v.category_id
		WHERE v.framework_id = $1 AND ($2 OR NOT v.archived)
		ORDER BY k.sort_order, k.code, v.sort_order, c.code`, frameworkID, includeArchived)
	if err != nil {
		return nil, fmt.Errorf("competency: competencies: %w", err)
	}
	return cs, nil
}

// CompetenciesByIDs returns competencies by stable id, in key order, as the
// published framework states them; a competency the published version no
// longer holds comes as the newest version that did (old evidence keeps its
// name). nil where the id is unknown.
func (s *Store) CompetenciesByIDs(ctx context.Context, ids []int64) ([]*Competency, error) {
	var cs []*Competency
	err := s.db.SelectContext(ctx, &cs, `
		SELECT DISTINCT ON (c.id) `+competencyColumns+`
		FROM competencies c
		JOIN competency_versions v ON v.competency_id = c.id
		JOIN frameworks f ON f.id = v.framework_id AND f.status <> 'DRAFT'
		WHERE c.id = ANY($1)
		ORDER BY c.id, f.status = 'PUBLISHED' DESC, f.version DESC`, pq.Array(ids))
	if err != nil {
		return nil, fmt.Errorf("competency: competencies by id: %w", err)
	}
	return postgres.InKeyOrder(ids, cs, func(c *Competency) int64 { return c.ID }), nil
}

// IndicatorsOf returns the indicators of each competency version, by level.
func (s *Store) IndicatorsOf(ctx context.Context, versionIDs []int64) ([][]*Indicator, error) {
	var is []*Indicator
	err := s.db.SelectContext(ctx, &is, `
		SELECT * FROM competency_indicators WHERE competency_version_id = ANY($1)
		ORDER BY competency_version_id, level`, pq.Array(versionIDs))
	if err != nil {
		return nil, fmt.Errorf("competency: indicators: %w", err)
	}
	return postgres.GroupByKey(versionIDs, is, func(i *Indicator) int64 { return i.VersionID }), nil
}

// LevelsOf returns the scale of each framework id, for loaders.
func (s *Store) LevelsOf(ctx context.Context, frameworkIDs []int64) ([][]*Level, error) {
	var ls []*Level
	err := s.db.SelectContext(ctx, &ls, `
		SELECT * FROM proficiency_levels WHERE framework_id = ANY($1) ORDER BY framework_id, level`, pq.Array(frameworkIDs))
	if err != nil {
		return nil, fmt.Errorf("competency: levels: %w", err)
	}
	return postgres.GroupByKey(frameworkIDs, ls, func(l *Level) int64 { return l.FrameworkID }), nil
}

// CompetenciesOfCategories returns each category's competencies (not
// archived) in order. Categories belong to one version, so these are that
// version's statements.
func (s *Store) CompetenciesOfCategories(ctx context.Context, categoryIDs []int64) ([][]*Competency, error) {
	var cs []*Competency
	err := s.db.SelectContext(ctx, &cs, `
		SELECT `+competencyColumns+`
		FROM competency_versions v
		JOIN competencies c ON c.id = v.competency_id
		JOIN frameworks f ON f.id = v.framework_id
		WHERE v.category_id = ANY($1) AND NOT v.archived
		ORDER BY v.category_id, v.sort_order, c.code`, pq.Array(categoryIDs))
	if err != nil {
		return nil, fmt.Errorf("competency: competencies of categories: %w", err)
	}
	return postgres.GroupByKey(categoryIDs, cs, func(c *Competency) int64 { return c.CategoryID }), nil
}

// FrameworksByIDs returns framework versions in key order, nil where none exists.
func (s *Store) FrameworksByIDs(ctx context.Context, ids []int64) ([]*Framework, error) {
	var fs []*Framework
	if err := s.db.SelectContext(ctx, &fs, `SELECT * FROM frameworks WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("competency: frameworks by id: %w", err)
	}
	return postgres.InKeyOrder(ids, fs, func(f *Framework) int64 { return f.ID }), nil
}

// CompetenciesOfFrameworks returns each framework version's competencies
// (not archived) by category and order.
func (s *Store) CompetenciesOfFrameworks(ctx context.Context, frameworkIDs []int64) ([][]*Competency, error) {
	var cs []*Competency
	err := s.db.SelectContext(ctx, &cs, `
		SELECT `+competencyColumns+`
		FROM competency_versions v
		JOIN competencies c ON c.id = v.competency_id
		JOIN frameworks f ON f.id = v.framework_id
		JOIN competency_categories k ON k.id = v.category_id
		WHERE v.framework_id = ANY($1) AND NOT v.archived
		ORDER BY v.framework_id, k.sort_order, k.code, v.sort_order, c.code`, pq.Array(frameworkIDs))
	if err != nil {
		return nil, fmt.Errorf("competency: competencies of frameworks: %w", err)
	}
	return postgres.GroupByKey(frameworkIDs, cs, func(c *Competency) int64 { return c.FrameworkID }), nil
}
