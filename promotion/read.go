package promotion

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// logSeen is the tail of a statement whose CTE "seen" holds the reviews
// returned to viewer $2: it writes one PROMOTION_REVIEW and one
// READINESS_SNAPSHOT row per review to view_log in the same statement, so
// no read can return a review without leaving its trace.
const logSeen = `,
	logged AS (
		INSERT INTO view_log (viewer_id, object_kind, object_id, subject_id, viewed_at)
		SELECT $2, k, seen.id, seen.employee_id, $3
		FROM seen, unnest(ARRAY['` + ObjectReview + `', '` + ObjectSnapshot + `']) k
	)
	`

// ReviewsByIDs returns the reviews with ids, in key order, nil where there
// is none or the viewer may not see it (HR and admins see all; others the
// reviews they are the nominee, nominator, panel member or line manager
// of). Every review returned is logged as viewed.
func (s *Store) ReviewsByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Review, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	var rows []*Review
	if err := s.db.SelectContext(ctx, &rows, `
		WITH seen AS (
			SELECT r.* FROM promotion_reviews r WHERE r.id = ANY($1) AND `+visibleSQL(v, "$2::bigint")+`
		)`+logSeen+`SELECT * FROM seen`, pq.Array(ids), v.EmployeeID, s.Now()); err != nil {
		return nil, wrap("reviews by ids", err)
	}
	return postgres.InKeyOrder(ids, rows, func(r *Review) int64 { return r.ID }), nil
}

// Filter narrows Reviews; zero fields match everything.
type Filter struct {
	Status     string
	PositionID int64
	EmployeeID int64
}

// Page is one page of reviews, newest first.
type Page struct {
	Reviews     []*Review
	HasNextPage bool
	// EndCursor is the id to pass as after for the next page.
	EndCursor int64
}

// Reviews lists the reviews the viewer may see, newest first, first at a
// time (0: 50, at most 200) after the review id after (0: from the top).
// Every review returned is logged as viewed.
func (s *Store) Reviews(ctx context.Context, v *auth.Viewer, f Filter, first int, after int64) (*Page, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	if first == 0 {
		first = defaultPage
	}
	if first < 0 || first > maxPage {
		return nil, rungs.FieldError("first", "promotion.first.invalid", "first is 1 to %d", maxPage)
	}
	args := []any{first, v.EmployeeID, s.Now()}
	conds := []string{visibleSQL(v, "$2::bigint")}
	add := func(cond string, arg any) {
		args = append(args, arg)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.Status != "" {
		add("r.status = $%d", f.Status)
	}
	if f.PositionID != 0 {
		add("r.position_id = $%d", f.PositionID)
	}
	if f.EmployeeID != 0 {
		add("r.employee_id = $%d", f.EmployeeID)
	}
	if after != 0 {
		add("r.id < $%d", after)
	}
	// The page is read with one extra row to know whether more follow; only
	// the rows returned are logged.
	var rows []*Review
	err := s.db.SelectContext(ctx, &rows, `
		WITH page AS (
			SELECT r.* FROM promotion_reviews r WHERE `+strings.Join(conds, " AND ")+`
			ORDER BY r.id DESC LIMIT $1::int + 1
		),
		seen AS (SELECT * FROM page ORDER BY id DESC LIMIT $1)`+logSeen+`
		SELECT * FROM page ORDER BY id DESC`, args...)
	if err != nil {
		return nil, wrap("reviews", err)
	}
	p := &Page{Reviews: []*Review{}}
	for i, r := range rows {
		if i == first {
			p.HasNextPage = true
			break
		}
		p.Reviews = append(p.Reviews, r)
		p.EndCursor = r.ID
	}
	return p, nil
}

// VotesOf returns the panel of each review, in key order (empty for a
// review the viewer cannot see). A confidential comment reads "" except to
// HR, admins and its author. The nominee reads nothing of their own
// review's panel — who sits on it, how they voted, what they wrote — even
// as HR: they would otherwise judge their judges.
func (s *Store) VotesOf(ctx context.Context, v *auth.Viewer, reviewIDs []int64) ([][]*Vote, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	var rows []*Vote
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT p.review_id, p.reviewer_id, p.vote, p.confidential, p.voted_at,
			CASE WHEN p.confidential AND NOT $3 AND p.reviewer_id <> $2 THEN '' ELSE p.comment END AS comment
		FROM promotion_panel p JOIN promotion_reviews r ON r.id = p.review_id
		WHERE p.review_id = ANY($1) AND `+visibleSQL(v, "$2::bigint")+` AND r.employee_id <> $2
		ORDER BY p.review_id, p.reviewer_id`, pq.Array(reviewIDs), v.EmployeeID, v.SeesEveryone()); err != nil {
		return nil, wrap("votes", err)
	}
	return postgres.GroupByKey(reviewIDs, rows, func(x *Vote) int64 { return x.ReviewID }), nil
}

// AuditOf returns the audit trail of each review, oldest first, in key
// order. HR and admins read every trail; the nominator and the nominee read
// their reviews' trails, with the details (before/after) of confidential
// votes left out. Anyone else gets empty trails.
//
// The nominee, HR or not, reads the steps of their own review but not who
// sat on the panel: panel and vote steps come without their actor
// (ActorID 0), votes without details, and the panel step without its list
// of members.
func (s *Store) AuditOf(ctx context.Context, v *auth.Viewer, reviewIDs []int64) ([][]*AuditEntry, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	var rows []*AuditEntry
	// own: the viewer is the nominee; panel: a step that names the panel.
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT a.id, a.review_id, a.action, a.from_status, a.to_status, a.confidential, a.at,
			CASE WHEN own AND panel THEN 0 ELSE a.actor_id END AS actor_id,
			CASE WHEN own AND a.action = '`+ActionVote+`' THEN NULL
			     WHEN a.confidential AND NOT $3 AND a.actor_id <> $2 THEN NULL ELSE a.before END AS before,
			CASE WHEN own AND a.action = '`+ActionVote+`' THEN NULL
			     WHEN own AND panel THEN a.after - 'panel'
			     WHEN a.confidential AND NOT $3 AND a.actor_id <> $2 THEN NULL ELSE a.after END AS after
		FROM promotion_audit a JOIN promotion_reviews r ON r.id = a.review_id,
			LATERAL (SELECT r.employee_id = $2 AS own,
				a.action IN ('`+ActionSetPanel+`', '`+ActionVote+`') AS panel) x
		WHERE a.review_id = ANY($1) AND ($3 OR r.employee_id = $2 OR r.nominated_by = $2)
		ORDER BY a.review_id, a.id`, pq.Array(reviewIDs), v.EmployeeID, v.SeesEveryone()); err != nil {
		return nil, wrap("audit", err)
	}
	return postgres.GroupByKey(reviewIDs, rows, func(x *AuditEntry) int64 { return x.ReviewID }), nil
}

// LogView records that viewer looked at an object (kind PROMOTION_REVIEW,
// READINESS_SNAPSHOT, ...) about subjectID (0: nobody in particular), for
// callers that show such an object outside the reads above.
func (s *Store) LogView(ctx context.Context, viewer *auth.Viewer, kind string, objectID, subjectID int64) error {
	if err := auth.Require(viewer); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO view_log (viewer_id, object_kind, object_id, subject_id, viewed_at)
		VALUES ($1, $2, $3, NULLIF($4, 0), $5)`, viewer.EmployeeID, kind, objectID, subjectID, s.Now())
	return wrap("log view", postgres.Translate(err, "view"))
}

// View is one row of the view log.
type View struct {
	ID         int64         `db:"id"`
	ViewerID   int64         `db:"viewer_id"`
	ObjectKind string        `db:"object_kind"`
	ObjectID   int64         `db:"object_id"`
	SubjectID  sql.NullInt64 `db:"subject_id"`
	ViewedAt   time.Time     `db:"viewed_at"`
}

// ViewFilter narrows ViewLog; zero fields match everything.
type ViewFilter struct {
	ViewerID   int64
	ObjectKind string
	ObjectID   int64
	SubjectID  int64
}

// ViewPage is one page of the view log, newest first.
type ViewPage struct {
	Views       []*View
	HasNextPage bool
	EndCursor   int64
}

// ViewLog reads the view log, newest first, first at a time after the row
// id after. HR and admins only, and never the views of their own records
// (who looked at their review or their place on the 9-box).
func (s *Store) ViewLog(ctx context.Context, v *auth.Viewer, f ViewFilter, first int, after int64) (*ViewPage, error) {
	if err := auth.Require(v); err != nil {
		return nil, err
	}
	if !v.SeesEveryone() {
		return nil, forbidden("only HR and admins read the view log")
	}
	if first == 0 {
		first = defaultPage
	}
	if first < 0 || first > maxPage {
		return nil, rungs.FieldError("first", "promotion.first.invalid", "first is 1 to %d", maxPage)
	}
	args := []any{first + 1, v.EmployeeID}
	conds := []string{"subject_id IS DISTINCT FROM $2"}
	add := func(cond string, arg any) {
		args = append(args, arg)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.ViewerID != 0 {
		add("viewer_id = $%d", f.ViewerID)
	}
	if f.ObjectKind != "" {
		add("object_kind = $%d", f.ObjectKind)
	}
	if f.ObjectID != 0 {
		add("object_id = $%d", f.ObjectID)
	}
	if f.SubjectID != 0 {
		add("subject_id = $%d", f.SubjectID)
	}
	if after != 0 {
		add("id < $%d", after)
	}
	var rows []*View
	if err := s.db.SelectContext(ctx, &rows, `
		SELECT id, viewer_id, object_kind, object_id, subject_id, viewed_at FROM view_log
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY id DESC LIMIT $1`, args...); err != nil {
		return nil, wrap("view log", err)
	}
	p := &ViewPage{Views: []*View{}}
	for i, r := range rows {
		if i == first {
			p.HasNextPage = true
			break
		}
		p.Views = append(p.Views, r)
		p.EndCursor = r.ID
	}
	return p, nil
}
