package courses

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
)

// MaxPage is the largest page Search returns.
const MaxPage = 100

// Filter narrows Search; zero fields do not filter. Conditions combine with
// AND; the values within one list combine with OR.
type Filter struct {
	// Text is a case-insensitive substring of the code, titles or summaries
	// in either language.
	Text string
	// CompetencyIDs: courses that develop any of these competencies.
	CompetencyIDs []int64
	// Formats: courses of any of these formats.
	Formats []string
	// PositionID: courses that close gaps for the position: they develop a
	// competency it requires from below the required level, or the position
	// requires the course itself (a COURSE or CERTIFICATION requirement).
	PositionID int64
	// Statuses: courses in any of these statuses (visibility still applies).
	Statuses []string
	// OwnerID: courses owned by this trainer.
	OwnerID int64
}

// Page is one page of Search results, ordered by code then id.
type Page struct {
	Courses []*Course
	// Total counts every match, on all pages.
	Total int
	// EndCursor continues after the last course of the page ("" when empty).
	EndCursor string
	HasNext   bool
}

// cursor is the keyset position a page continues after.
type cursor struct {
	Code string `json:"c"`
	ID   int64  `json:"i"`
}

func encodeCursor(c *Course) string {
	b, _ := json.Marshal(cursor{Code: c.Code, ID: c.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (*cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID <= 0 || c.Code == "" {
		return nil, rungs.FieldError("after", "page.cursor.invalid", "after is not a cursor this list gave out")
	}
	return &c, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Search returns a page of the courses v may see that match f, ordered by
// code then id, starting after the cursor `after` ("" for the first page).
// first must be between 1 and MaxPage.
//
// One statement per page: the total is a window count over every match,
// computed before the cursor applies. The cursor is not a WHERE condition
// but a sort key — rows after it come first — so a page past the end still
// carries one (discarded) row with the total, and no second count query is
// ever needed.
func (s *Store) Search(ctx context.Context, v *auth.Viewer, f Filter, first int, after string) (*Page, error) {
	var val rungs.Validation
	val.Check(first >= 1 && first <= MaxPage, "first", "page.first.range", "first must be between 1 and %d", MaxPage)
	for _, fm := range f.Formats {
		val.Check(slices.Contains(Formats, fm), "formats", "course.format.unknown", "unknown course format %q", fm)
	}
	for _, st := range f.Statuses {
		val.Check(slices.Contains(Statuses, st), "statuses", "course.status.unknown", "unknown course status %q", st)
	}
	var cur *cursor
	if after != "" {
		c, err := decodeCursor(after)
		if err != nil {
			val.Add("after", "page.cursor.invalid", "after is not a cursor this list gave out")
		}
		cur = c
	}
	if err := val.Err(); err != nil {
		return nil, err
	}

	args := viewerArgs(v)
	where := []string{visibleSQL}
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		// search_text is lower-cased; ILIKE also folds the pattern. The
		// trigram GIN index serves ILIKE '%…%' for terms of 3+ characters.
		add(`c.search_text ILIKE ?`, "%"+escapeLike(strings.ToLower(t))+"%")
	}
	if len(f.CompetencyIDs) > 0 {
		add(`EXISTS (SELECT 1 FROM course_competencies l WHERE l.course_id = c.id AND l.competency_id = ANY(?))`,
			pq.Array(f.CompetencyIDs))
	}
	if len(f.Formats) > 0 {
		add(`c.format = ANY(?)`, pq.Array(f.Formats))
	}
	if len(f.Statuses) > 0 {
		add(`c.status = ANY(?)`, pq.Array(f.Statuses))
	}
	if f.OwnerID != 0 {
		add(`c.owner_id = ?`, f.OwnerID)
	}
	if f.PositionID != 0 {
		// A course closes a competency gap when a learner below the required
		// level can take it: its entry level is under the requirement.
		add(`(EXISTS (SELECT 1 FROM course_competencies l
		              JOIN position_requirements r ON r.competency_id = l.competency_id AND r.kind = 'COMPETENCY'
		              WHERE l.course_id = c.id AND r.position_id = ? AND l.entry_level < r.min_level)
		   OR EXISTS (SELECT 1 FROM position_requirements r
		              WHERE r.course_id = c.id AND r.position_id = ? AND r.kind IN ('COURSE', 'CERTIFICATION')))`,
			f.PositionID)
	}
	afterCond := "true"
	if cur != nil {
		args = append(args, cur.Code, cur.ID)
		afterCond = fmt.Sprintf("(c.code, c.id) > ($%d, $%d)", len(args)-1, len(args))
	}
	args = append(args, first+1)
	q := `
		SELECT ` + courseCols + `, count(*) OVER () AS total, ` + afterCond + ` AS after_cursor
		FROM courses c
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY after_cursor DESC, c.code, c.id
		LIMIT $` + fmt.Sprint(len(args))

	var rows []struct {
		Course
		Total       int  `db:"total"`
		AfterCursor bool `db:"after_cursor"`
	}
	if err := s.db.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("courses: search: %w", err)
	}
	page := &Page{Courses: []*Course{}}
	for i := range rows {
		r := &rows[i]
		page.Total = r.Total
		if !r.AfterCursor {
			break // only there to carry the total
		}
		if len(page.Courses) == first {
			page.HasNext = true
			break
		}
		page.Courses = append(page.Courses, &r.Course)
	}
	if n := len(page.Courses); n > 0 {
		page.EndCursor = encodeCursor(page.Courses[n-1])
	}
	return page, nil
}
