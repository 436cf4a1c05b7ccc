package courses

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Course formats.
const (
	FormatELearning = "E_LEARNING"
	FormatClassroom = "CLASSROOM"
	FormatCoaching  = "COACHING"
	FormatOnTheJob  = "ON_THE_JOB"
)

// Formats lists every course format.
var Formats = []string{FormatELearning, FormatClassroom, FormatCoaching, FormatOnTheJob}

// Course statuses: a course is written as a DRAFT, PUBLISHED for learners
// and finally ARCHIVED (kept for history, closed to edits).
const (
	StatusDraft     = "DRAFT"
	StatusPublished = "PUBLISHED"
	StatusArchived  = "ARCHIVED"
)

// Statuses lists every course status.
var Statuses = []string{StatusDraft, StatusPublished, StatusArchived}

// Course is a course of the catalogue. The generated search_text column is
// left out: it only serves Search.
type Course struct {
	ID             int64         `db:"id"`
	Code           string        `db:"code"`
	TitleEN        string        `db:"title_en"`
	TitleZH        string        `db:"title_zh"`
	SummaryEN      string        `db:"summary_en"`
	SummaryZH      string        `db:"summary_zh"`
	Format         string        `db:"format"`
	EstimatedHours float64       `db:"estimated_hours"`
	OwnerID        int64         `db:"owner_id"`
	Status         string        `db:"status"`
	Certification  bool          `db:"certification"`
	ValidityMonths sql.NullInt64 `db:"validity_months"`
	CreatedAt      time.Time     `db:"created_at"`
	UpdatedAt      time.Time     `db:"updated_at"`
	PublishedAt    sql.NullTime  `db:"published_at"`
	ArchivedAt     sql.NullTime  `db:"archived_at"`
}

// courseCols are the columns of Course, qualified by the alias c. Listed
// rather than c.* so the generated search_text stays out of every row.
const courseCols = `c.id, c.code, c.title_en, c.title_zh, c.summary_en, c.summary_zh, c.format,
	c.estimated_hours, c.owner_id, c.status, c.certification, c.validity_months,
	c.created_at, c.updated_at, c.published_at, c.archived_at`

// Module is one lesson of a course, at Position (1..n) in its order.
type Module struct {
	ID               int64  `db:"id"`
	CourseID         int64  `db:"course_id"`
	Position         int    `db:"position"`
	TitleEN          string `db:"title_en"`
	TitleZH          string `db:"title_zh"`
	SummaryEN        string `db:"summary_en"`
	SummaryZH        string `db:"summary_zh"`
	EstimatedMinutes int    `db:"estimated_minutes"`
}

// CompetencyLink says a course develops a competency from EntryLevel (what
// the learner should already have; 0 for nothing) to TargetLevel, on the
// scale of the framework version FrameworkID it was set against.
type CompetencyLink struct {
	CourseID     int64 `db:"course_id"`
	CompetencyID int64 `db:"competency_id"`
	FrameworkID  int64 `db:"framework_id"`
	EntryLevel   int   `db:"entry_level"`
	TargetLevel  int   `db:"target_level"`
}

// Prerequisite says CourseID requires PrerequisiteID first. An enforced
// prerequisite blocks starting the course until it is completed; an
// advisory one only warns.
type Prerequisite struct {
	CourseID       int64     `db:"course_id"`
	PrerequisiteID int64     `db:"prerequisite_id"`
	Enforced       bool      `db:"enforced"`
	CreatedAt      time.Time `db:"created_at"`
}

// Feedback is a learner's rating (1..5) and comment on a course they
// completed; one per learner and course.
type Feedback struct {
	CourseID   int64     `db:"course_id"`
	EmployeeID int64     `db:"employee_id"`
	Rating     int       `db:"rating"`
	Comment    string    `db:"comment"`
	CreatedAt  time.Time `db:"created_at"`
	UpdatedAt  time.Time `db:"updated_at"`
}

// FeedbackSummary is the number of ratings of a course and their mean (0
// when there are none).
type FeedbackSummary struct {
	CourseID int64   `db:"course_id"`
	Count    int     `db:"count"`
	Average  float64 `db:"average"`
}

// Store reads and writes the catalogue.
type Store struct {
	db *sqlx.DB
	// Now is the clock for created/updated/published/archived times; tests
	// replace it.
	Now func() time.Time
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db, Now: clock.Now} }

// Who may see a course, decided in SQL so batch reads, single reads and
// search filter in the statement that fetches the rows:
//
//   - PUBLISHED and ARCHIVED courses: any signed-in viewer (an archived
//     course stays readable for learners' history);
//   - a DRAFT: its owner, HR and admins only.
//
// visibleSQL uses $1 (the viewer's employee id, 0 when anonymous) and $2
// (whether the viewer is HR or an admin); viewerArgs supplies both.
const visibleSQL = `($1::bigint <> 0 AND (c.status <> 'DRAFT' OR c.owner_id = $1::bigint OR $2::boolean))`

// viewerArgs are the first two arguments of every visibility-checked query.
func viewerArgs(v *auth.Viewer) []any {
	if v == nil {
		return []any{int64(0), false}
	}
	return []any{v.EmployeeID, v.SeesEveryone()}
}

func notFound(id int64) error {
	return rungs.Errorf(rungs.ErrNotFound, "course.not_found", "course %d not found", id)
}

// CoursesByIDs returns the courses with ids that v may see, in key order,
// nil for ids that do not exist or are hidden from v.
func (s *Store) CoursesByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Course, error) {
	var cs []*Course
	err := s.db.SelectContext(ctx, &cs, `
		SELECT `+courseCols+` FROM courses c
		WHERE c.id = ANY($3) AND `+visibleSQL,
		append(viewerArgs(v), pq.Array(ids))...)
	if err != nil {
		return nil, fmt.Errorf("courses: courses by id: %w", err)
	}
	return postgres.InKeyOrder(ids, cs, func(c *Course) int64 { return c.ID }), nil
}

// CourseByID returns one course v may see; NOT_FOUND otherwise (whether it
// is missing or a draft hidden from v is not revealed).
func (s *Store) CourseByID(ctx context.Context, v *auth.Viewer, id int64) (*Course, error) {
	cs, err := s.CoursesByIDs(ctx, v, []int64{id})
	if err != nil {
		return nil, err
	}
	if cs[0] == nil {
		return nil, notFound(id)
	}
	return cs[0], nil
}

// ModulesOf returns each course's modules in their order. Callers pass only
// courses the viewer may see (ids from CoursesByIDs or Search).
func (s *Store) ModulesOf(ctx context.Context, courseIDs []int64) ([][]*Module, error) {
	var ms []*Module
	err := s.db.SelectContext(ctx, &ms, `
		SELECT * FROM course_modules WHERE course_id = ANY($1) ORDER BY course_id, position`, pq.Array(courseIDs))
	if err != nil {
		return nil, fmt.Errorf("courses: modules: %w", err)
	}
	return postgres.GroupByKey(courseIDs, ms, func(m *Module) int64 { return m.CourseID }), nil
}

// CompetenciesOf returns the competencies each course develops, by
// competency code. Callers pass only courses the viewer may see.
func (s *Store) CompetenciesOf(ctx context.Context, courseIDs []int64) ([][]*CompetencyLink, error) {
	var ls []*CompetencyLink
	err := s.db.SelectContext(ctx, &ls, `
		SELECT l.course_id, l.competency_id, l.framework_id, l.entry_level, l.target_level
		FROM course_competencies l JOIN competencies k ON k.id = l.competency_id
		WHERE l.course_id = ANY($1) ORDER BY l.course_id, k.code`, pq.Array(courseIDs))
	if err != nil {
		return nil, fmt.Errorf("courses: competencies: %w", err)
	}
	return postgres.GroupByKey(courseIDs, ls, func(l *CompetencyLink) int64 { return l.CourseID }), nil
}

// PrerequisitesOf returns each course's prerequisites, by the prerequisite's
// code. Callers pass only courses the viewer may see; a prerequisite itself
// is read through CoursesByIDs, which applies visibility.
func (s *Store) PrerequisitesOf(ctx context.Context, courseIDs []int64) ([][]*Prerequisite, error) {
	var ps []*Prerequisite
	err := s.db.SelectContext(ctx, &ps, `
		SELECT p.course_id, p.prerequisite_id, p.enforced, p.created_at
		FROM course_prerequisites p JOIN courses c ON c.id = p.prerequisite_id
		WHERE p.course_id = ANY($1) ORDER BY p.course_id, c.code`, pq.Array(courseIDs))
	if err != nil {
		return nil, fmt.Errorf("courses: prerequisites: %w", err)
	}
	return postgres.GroupByKey(courseIDs, ps, func(p *Prerequisite) int64 { return p.CourseID }), nil
}
