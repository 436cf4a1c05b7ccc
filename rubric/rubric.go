// Package rubric holds rubric assessments: QA specialists sampling calls and
// chats, and managers observing their people, score an employee against a
// published rubric of weighted criteria.
//
// A rubric (DRAFT -> PUBLISHED -> ARCHIVED) has criteria, each tied to one
// competency of the framework in force, with a relative weight and a level
// descriptor for every level of the framework's scale. A scorecard records
// one assessor's level and comment per criterion, an overall comment and
// the weighted score (see WeightedScore); in the same transaction every
// item becomes competency evidence (source RUBRIC, instrument = the
// rubric's code, score = the weighted score, ref_id = the scorecard).
//
// Calibration: when two or more assessors score the same interaction (same
// rubric and interaction reference), Calibration shows where they disagree.
//
// Who may see a scorecard is decided in SQL (scorecardVisible), so lists,
// loaders and single reads share one rule.
package rubric

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// Rubric statuses.
const (
	StatusDraft     = "DRAFT"
	StatusPublished = "PUBLISHED"
	StatusArchived  = "ARCHIVED"
)

// Rubric purposes.
const (
	PurposeQASampling  = "QA_SAMPLING"
	PurposeObservation = "OBSERVATION"
)

// Interaction channels a scorecard may name.
const (
	ChannelCall  = "CALL"
	ChannelChat  = "CHAT"
	ChannelEmail = "EMAIL"
	ChannelOther = "OTHER"
)

// Rubric is a scoring instrument.
type Rubric struct {
	ID      int64  `db:"id"`
	Code    string `db:"code"`
	NameEN  string `db:"name_en"`
	NameZH  string `db:"name_zh"`
	DescEN  string `db:"description_en"`
	DescZH  string `db:"description_zh"`
	Purpose string `db:"purpose"`
	Status  string `db:"status"`
	OwnerID int64  `db:"owner_id"`
	// MaxLevel is the top level of the scale the criteria were written
	// against; NULL until criteria are set.
	MaxLevel    sql.NullInt64 `db:"max_level"`
	CreatedAt   time.Time     `db:"created_at"`
	UpdatedAt   time.Time     `db:"updated_at"`
	PublishedAt sql.NullTime  `db:"published_at"`
	ArchivedAt  sql.NullTime  `db:"archived_at"`
}

// Criterion is one weighted criterion of a rubric, tied to a competency.
type Criterion struct {
	ID           int64   `db:"id"`
	RubricID     int64   `db:"rubric_id"`
	CompetencyID int64   `db:"competency_id"`
	Weight       float64 `db:"weight"`
	Position     int     `db:"position"`
	NameEN       string  `db:"name_en"`
	NameZH       string  `db:"name_zh"`
}

// Descriptor says what performance at one level of a criterion looks like.
type Descriptor struct {
	CriterionID int64  `db:"criterion_id"`
	Level       int    `db:"level"`
	TextEN      string `db:"text_en"`
	TextZH      string `db:"text_zh"`
}

// Scorecard is one assessor's scoring of one employee against a rubric.
type Scorecard struct {
	ID          int64 `db:"id"`
	RubricID    int64 `db:"rubric_id"`
	EmployeeID  int64 `db:"employee_id"`
	AssessorID  int64 `db:"assessor_id"`
	FrameworkID int64 `db:"framework_id"`
	// Channel, InteractionRef and InteractionOn name the interaction
	// sampled, when there is one.
	Channel        sql.NullString `db:"channel"`
	InteractionRef sql.NullString `db:"interaction_ref"`
	InteractionOn  sql.NullTime   `db:"interaction_on"`
	Comment        string         `db:"comment"`
	// WeightedScore is in percent, two decimals (see WeightedScore).
	WeightedScore float64   `db:"weighted_score"`
	ScoredAt      time.Time `db:"scored_at"`
}

// Item is the level given to one criterion on a scorecard.
type Item struct {
	ScorecardID int64  `db:"scorecard_id"`
	CriterionID int64  `db:"criterion_id"`
	Level       int    `db:"level"`
	Comment     string `db:"comment"`
}

// Store reads and writes rubrics and scorecards.
type Store struct {
	db *sqlx.DB
	// Now is the clock for scoring, publishing and archiving times and for
	// "today" (interaction dates, evidence dates); tests replace it.
	Now func() time.Time
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db, Now: clock.Now} }

// today is the clock's date in UTC, the zone every connection runs in.
func (s *Store) today() time.Time { return dateOf(s.Now()) }

func dateOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Filter selects rubrics; zero fields select all.
type Filter struct {
	Purpose string
	Status  string
	OwnerID int64
}

// RubricsByIDs returns the rubrics with ids, in key order, nil where none
// exists. Rubrics are instruments, not records about people: any signed-in
// user may read them; the API decides whether drafts are shown.
func (s *Store) RubricsByIDs(ctx context.Context, ids []int64) ([]*Rubric, error) {
	var rows []*Rubric
	if err := s.db.SelectContext(ctx, &rows, `SELECT * FROM rubrics WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("rubric: rubrics by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(r *Rubric) int64 { return r.ID }), nil
}

// Rubrics lists the rubrics matching f by code.
func (s *Store) Rubrics(ctx context.Context, f Filter) ([]*Rubric, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Purpose != "" {
		add("purpose = $%d", f.Purpose)
	}
	if f.Status != "" {
		add("status = $%d", f.Status)
	}
	if f.OwnerID != 0 {
		add("owner_id = $%d", f.OwnerID)
	}
	q := `SELECT * FROM rubrics`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	var rows []*Rubric
	if err := s.db.SelectContext(ctx, &rows, q+` ORDER BY code`, args...); err != nil {
		return nil, fmt.Errorf("rubric: rubrics: %w", err)
	}
	return rows, nil
}

// CriteriaOf returns each rubric's criteria in their order.
func (s *Store) CriteriaOf(ctx context.Context, rubricIDs []int64) ([][]*Criterion, error) {
	var rows []*Criterion
	err := s.db.SelectContext(ctx, &rows, `
		SELECT * FROM rubric_criteria WHERE rubric_id = ANY($1) ORDER BY rubric_id, position`, pq.Array(rubricIDs))
	if err != nil {
		return nil, fmt.Errorf("rubric: criteria: %w", err)
	}
	return postgres.GroupByKey(rubricIDs, rows, func(c *Criterion) int64 { return c.RubricID }), nil
}

// CriteriaByIDs returns criteria by id, in key order (nil for unknown ids):
// scorecard items and calibrations point at criteria directly.
func (s *Store) CriteriaByIDs(ctx context.Context, ids []int64) ([]*Criterion, error) {
	var rows []*Criterion
	if err := s.db.SelectContext(ctx, &rows, `SELECT * FROM rubric_criteria WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("rubric: criteria by id: %w", err)
	}
	return postgres.InKeyOrder(ids, rows, func(c *Criterion) int64 { return c.ID }), nil
}

// DescriptorsOf returns each criterion's level descriptors, lowest level first.
func (s *Store) DescriptorsOf(ctx context.Context, criterionIDs []int64) ([][]*Descriptor, error) {
	var rows []*Descriptor
	err := s.db.SelectContext(ctx, &rows, `
		SELECT * FROM rubric_level_descriptors WHERE criterion_id = ANY($1) ORDER BY criterion_id, level`,
		pq.Array(criterionIDs))
	if err != nil {
		return nil, fmt.Errorf("rubric: descriptors: %w", err)
	}
	return postgres.GroupByKey(criterionIDs, rows, func(d *Descriptor) int64 { return d.CriterionID }), nil
}

// wrap adds the operation to internal errors; errors a user can act on
// pass through as they are.
func wrap(op string, err error) error {
	var re *rungs.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("rubric: %s: %w", op, err)
}

// translate maps the constraints a user can run into to their own keys,
// then falls back on postgres.Translate.
func translate(err error, what string) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Constraint {
		case "rubrics_code_key":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "rubric.code.taken", Field: "code", Message: "that code is taken"}
		case "scorecards_interaction_key":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "rubric.scorecard.duplicate", Field: "interactionRef",
				Message: "you have already scored this interaction for this employee"}
		}
	}
	return postgres.Translate(err, what)
}
