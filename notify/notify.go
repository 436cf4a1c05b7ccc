// Package notify keeps employees' in-app notifications, writes the
// scheduled ones (a course due soon, overdue) and mails them.
//
// A notification stores only its kind and parameters; it is rendered in the
// reader's language when read (Render) or mailed (Mailer). Other packages
// create notifications with plain SQL (or Insert) inside their own
// transactions; nothing here needs to know about them: the mailer picks up
// every recent notification without an outbox row.
//
// Scheduled notices carry a dedupe_key that is unique in the table, so each
// one exists exactly once however many server processes scan at the same
// time.
package notify

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Kind is what a notification is about; the table's CHECK lists them.
type Kind string

// The notification kinds, with the params each reads (see Render).
const (
	// A course was assigned: course_*, due_on, reason.
	KindCourseAssigned Kind = "COURSE_ASSIGNED"
	// An open enrolment is due within three days: course_*, due_on.
	KindDueSoon Kind = "DUE_SOON"
	// An open enrolment is past its due date: course_*, due_on.
	KindOverdue Kind = "OVERDUE"
	// A classroom session moved: course_*, starts_at, place, old_starts_at, old_place.
	KindSessionChanged Kind = "SESSION_CHANGED"
	// A classroom session was cancelled: course_*, starts_at, place, reason.
	KindSessionCancelled Kind = "SESSION_CANCELLED"
	// A waitlisted learner got a seat: course_*, starts_at, place.
	KindWaitlistPromoted Kind = "WAITLIST_PROMOTED"
	// A completion expired and the course is to be taken again: course_*, due_on.
	KindAssignmentReopened Kind = "ASSIGNMENT_REOPENED"
	// A standalone assessment was assigned: assessment_*, due_on, reason.
	KindAssessmentAssigned Kind = "ASSESSMENT_ASSIGNED"
)

// DUE_SOON, OVERDUE and ASSIGNMENT_REOPENED concern an enrolment in a course
// or in an assessment: the latter carry assessment_id, assessment_code,
// assessment_title_en and assessment_title_zh instead of the course_*
// params, and Render names the assessment ("pass it") instead of a course.

// Kinds lists every kind.
var Kinds = []Kind{KindCourseAssigned, KindDueSoon, KindOverdue, KindSessionChanged,
	KindSessionCancelled, KindWaitlistPromoted, KindAssignmentReopened, KindAssessmentAssigned,
	KindPromotionNominated, KindPromotionPanel, KindPromotionDecided, KindPromotionAppealed, KindPromotionAppealDecided}

// Locales a notification can be read in; the first is the default.
const (
	LocaleZH = "zh-CN"
	LocaleEN = "en"
)

// Params are a notification's parameters, decoded from the jsonb column.
// Every name is given in both languages (course_title_en, course_title_zh);
// dates are YYYY-MM-DD (due_on) and times RFC 3339 (starts_at).
type Params map[string]any

// Scan decodes the jsonb column.
func (p *Params) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*p = Params{}
		return nil
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return fmt.Errorf("notify: cannot scan %T into Params", src)
	}
	m := Params{}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("notify: params: %w", err)
	}
	*p = m
	return nil
}

// Value encodes the params for the jsonb column (nil as {}).
func (p Params) Value() (driver.Value, error) {
	if p == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(map[string]any(p))
}

// Notification is one row of notifications.
type Notification struct {
	ID          int64          `db:"id"`
	RecipientID int64          `db:"recipient_id"`
	Kind        Kind           `db:"kind"`
	Params      Params         `db:"params"`
	DedupeKey   sql.NullString `db:"dedupe_key"`
	CreatedAt   time.Time      `db:"created_at"`
	ReadAt      sql.NullTime   `db:"read_at"`
}

// Store reads and writes notifications.
type Store struct {
	db *sqlx.DB
	// Now is the clock (read_at); tests replace it.
	Now func() time.Time
	// Location is where "today" is for due dates (the scan job); nil is UTC.
	Location *time.Location
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, Now: clock.Now}
}

// MaxPage is the largest page FeedPage and Feed return.
const MaxPage = 100

// Insert creates one notification of kind for each recipient, all with the
// same params, inside the caller's transaction, and returns how many it
// created. A convenience for other packages; plain SQL works as well.
func Insert(ctx context.Context, q postgres.Queryer, kind Kind, recipientIDs []int64, params map[string]any) (int, error) {
	if len(recipientIDs) == 0 {
		return 0, nil
	}
	res, err := q.ExecContext(ctx, `
		INSERT INTO notifications (recipient_id, kind, params)
		SELECT DISTINCT unnest($1::bigint[]), $2, $3::jsonb`, pq.Array(recipientIDs), kind, Params(params))
	if err != nil {
		return 0, fmt.Errorf("notify: insert %s: %w", kind, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Feed returns, for each recipient in order, their newest notifications
// (at most first, newest first), only unread ones when unreadOnly. One
// statement for the whole batch: a dataloader reads a page of people's
// feeds at once. The caller checks that the viewer may see them (usually:
// only their own).
func (s *Store) Feed(ctx context.Context, recipientIDs []int64, first int, unreadOnly bool) ([][]*Notification, error) {
	if first < 0 || first > MaxPage {
		return nil, firstError()
	}
	var rows []*Notification
	// LATERAL walks notifications_recipient_idx once per recipient and stops
	// after first rows.
	err := s.db.SelectContext(ctx, &rows, `
		SELECT n.* FROM (SELECT DISTINCT unnest($1::bigint[])) AS r (id)
		CROSS JOIN LATERAL (
			SELECT * FROM notifications
			WHERE recipient_id = r.id AND (NOT $3 OR read_at IS NULL)
			ORDER BY created_at DESC, id DESC
			LIMIT $2
		) n`, pq.Array(recipientIDs), first, unreadOnly)
	if err != nil {
		return nil, fmt.Errorf("notify: feed: %w", err)
	}
	return postgres.GroupByKey(recipientIDs, rows, func(n *Notification) int64 { return n.RecipientID }), nil
}

// Cursor marks a place in a feed: the last notification of a page.
type Cursor struct {
	CreatedAt time.Time `json:"t"`
	ID        int64     `json:"i"`
}

// String encodes the cursor for clients: opaque, URL-safe.
func (c Cursor) String() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor reads a cursor String gave out; "" is no cursor (nil).
func ParseCursor(s string) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID <= 0 || c.CreatedAt.IsZero() {
		return nil, rungs.FieldError("after", "page.cursor.invalid", "after is not a cursor this list gave out")
	}
	return &c, nil
}

// Page is one page of a feed, newest first.
type Page struct {
	Notifications []*Notification
	HasNextPage   bool
	// EndCursor is the cursor of the last notification; nil on an empty page.
	EndCursor *Cursor
}

// FeedPage returns one page of a recipient's feed, newest first, after the
// cursor (nil: from the newest). first is 1..100. Keyset pagination on
// (created_at, id), so pages stay stable while new notifications arrive.
func (s *Store) FeedPage(ctx context.Context, recipientID int64, first int, after *Cursor, unreadOnly bool) (*Page, error) {
	if first < 1 || first > MaxPage {
		return nil, firstError()
	}
	args := []any{recipientID, unreadOnly, first + 1}
	cursorCond := "true"
	if after != nil {
		args = append(args, after.CreatedAt, after.ID)
		cursorCond = "(created_at, id) < ($4, $5)"
	}
	var rows []*Notification
	err := s.db.SelectContext(ctx, &rows, `
		SELECT * FROM notifications
		WHERE recipient_id = $1 AND (NOT $2 OR read_at IS NULL) AND `+cursorCond+`
		ORDER BY created_at DESC, id DESC
		LIMIT $3`, args...)
	if err != nil {
		return nil, fmt.Errorf("notify: feed page: %w", err)
	}
	p := &Page{Notifications: rows}
	if len(rows) > first {
		p.HasNextPage = true
		p.Notifications = rows[:first]
	}
	if p.Notifications == nil {
		p.Notifications = []*Notification{}
	}
	if n := len(p.Notifications); n > 0 {
		last := p.Notifications[n-1]
		p.EndCursor = &Cursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	return p, nil
}

func firstError() error {
	return rungs.FieldError("first", "page.first.range", "first must be between 1 and %d", MaxPage)
}

// UnreadCounts returns how many unread notifications each recipient has,
// in the order of recipientIDs. One statement.
func (s *Store) UnreadCounts(ctx context.Context, recipientIDs []int64) ([]int, error) {
	var rows []struct {
		RecipientID int64 `db:"recipient_id"`
		N           int   `db:"n"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT recipient_id, count(*) AS n FROM notifications
		WHERE recipient_id = ANY($1) AND read_at IS NULL
		GROUP BY recipient_id`, pq.Array(recipientIDs))
	if err != nil {
		return nil, fmt.Errorf("notify: unread counts: %w", err)
	}
	by := make(map[int64]int, len(rows))
	for _, r := range rows {
		by[r.RecipientID] = r.N
	}
	out := make([]int, len(recipientIDs))
	for i, id := range recipientIDs {
		out[i] = by[id]
	}
	return out, nil
}

// MaxMarkRead bounds the ids one MarkRead call names.
const MaxMarkRead = 1000

// MarkRead marks the viewer's own notifications read: those named by ids,
// or every unread one when all. Ids of other people's notifications (or of
// none) are not touched and not reported: the count is how many of the
// viewer's notifications went from unread to read.
func (s *Store) MarkRead(ctx context.Context, by *auth.Viewer, ids []int64, all bool) (int, error) {
	if by == nil {
		return 0, auth.ErrSignIn()
	}
	if len(ids) > MaxMarkRead {
		return 0, rungs.FieldError("ids", "notify.ids.too_many", "at most %d notifications at a time", MaxMarkRead)
	}
	if !all && len(ids) == 0 {
		return 0, nil
	}
	// Ownership is in the WHERE: a notification of someone else matches no row.
	res, err := s.db.ExecContext(ctx, `
		UPDATE notifications SET read_at = $4
		WHERE recipient_id = $1 AND read_at IS NULL AND ($3 OR id = ANY($2))`,
		by.EmployeeID, pq.Array(ids), all, s.Now())
	if err != nil {
		return 0, fmt.Errorf("notify: mark read: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("notify: mark read: %w", err)
	}
	return int(n), nil
}

// Locales returns the notification language of each employee in the order
// of employeeIDs: users.locale, or zh-CN for anyone who does not sign in.
func (s *Store) Locales(ctx context.Context, employeeIDs []int64) ([]string, error) {
	var rows []struct {
		ID     int64  `db:"employee_id"`
		Locale string `db:"locale"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT employee_id, locale FROM users WHERE employee_id = ANY($1)`, pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("notify: locales: %w", err)
	}
	by := make(map[int64]string, len(rows))
	for _, r := range rows {
		by[r.ID] = r.Locale
	}
	out := make([]string, len(employeeIDs))
	for i, id := range employeeIDs {
		if out[i] = by[id]; out[i] == "" {
			out[i] = LocaleZH
		}
	}
	return out, nil
}

// ParseLocale returns the supported locale named by s ("zh-CN" or "en",
// case and "_" for "-" forgiven) and whether there is one.
func ParseLocale(s string) (string, bool) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")) {
	case "zh-cn":
		return LocaleZH, true
	case "en":
		return LocaleEN, true
	}
	return "", false
}

// SetLocale sets the language the viewer reads notifications and e-mail in.
func (s *Store) SetLocale(ctx context.Context, by *auth.Viewer, locale string) error {
	if by == nil {
		return auth.ErrSignIn()
	}
	l, ok := ParseLocale(locale)
	if !ok {
		return rungs.FieldError("locale", "notify.locale.invalid", "locale must be zh-CN or en, not %q", locale)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE users SET locale = $2 WHERE employee_id = $1`, by.EmployeeID, l)
	if err != nil {
		return fmt.Errorf("notify: set locale: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("notify: set locale: %w", err)
	} else if n == 0 {
		return rungs.Errorf(rungs.ErrNotFound, "notify.user.not_found", "no sign-in for employee %d", by.EmployeeID)
	}
	return nil
}
