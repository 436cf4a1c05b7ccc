// Package promotion runs promotion reviews: a manager (or HR) nominates an
// employee for a position, HR names a panel that votes, HR decides, and a
// rejected employee may appeal once to another HR user. Approval moves the
// employee in the same transaction as the decision. Every step is written
// to an append-only audit table and every read of a review to view_log.
package promotion

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/notify"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/progression"
)

// Review statuses.
const (
	StatusNominated  = "NOMINATED"
	StatusInPanel    = "IN_PANEL"
	StatusApproved   = "APPROVED"
	StatusRejected   = "REJECTED"
	StatusAppealed   = "APPEALED"
	StatusUpheld     = "UPHELD"
	StatusOverturned = "OVERTURNED"
	StatusWithdrawn  = "WITHDRAWN"
)

// Actions, as recorded in the audit.
const (
	ActionNominate = "NOMINATE"
	ActionSetPanel = "SET_PANEL"
	ActionVote     = "VOTE"
	ActionApprove  = "APPROVE"
	ActionReject   = "REJECT"
	ActionAppeal   = "APPEAL"
	ActionUphold   = "UPHOLD"
	ActionOverturn = "OVERTURN"
	ActionWithdraw = "WITHDRAW"
)

// Votes a panel member casts.
const (
	VoteSupport = "SUPPORT"
	VoteOppose  = "OPPOSE"
	VoteAbstain = "ABSTAIN"
)

// Objects written to view_log.
const (
	ObjectReview   = "PROMOTION_REVIEW"
	ObjectSnapshot = "READINESS_SNAPSHOT"
)

// Notification kinds (00019 adds them to the notifications CHECK).
const (
	KindNominated      = notify.KindPromotionNominated
	KindPanel          = notify.KindPromotionPanel
	KindDecided        = notify.KindPromotionDecided
	KindAppealed       = notify.KindPromotionAppealed
	KindAppealDecided  = notify.KindPromotionAppealDecided
	maxText            = 4000
	maxPanel           = 20
	defaultPage        = 50
	maxPage            = 200
	transitionErrorKey = "promotion.transition"
)

// transitions is the state machine: for each action, the states it may
// start from and the state it leads to. VOTE keeps the state. WITHDRAW
// leaves any open state; REJECTED is closed unless appealed.
var transitions = map[string]struct {
	from []string
	to   string
}{
	ActionSetPanel: {[]string{StatusNominated}, StatusInPanel},
	ActionVote:     {[]string{StatusInPanel}, StatusInPanel},
	ActionApprove:  {[]string{StatusInPanel}, StatusApproved},
	ActionReject:   {[]string{StatusInPanel}, StatusRejected},
	ActionAppeal:   {[]string{StatusRejected}, StatusAppealed},
	ActionUphold:   {[]string{StatusAppealed}, StatusUpheld},
	ActionOverturn: {[]string{StatusAppealed}, StatusOverturned},
	ActionWithdraw: {[]string{StatusNominated, StatusInPanel, StatusAppealed}, StatusWithdrawn},
}

// next returns the state action leads to from, or the CONFLICT
// promotion.transition error naming both.
func next(from, action string) (string, error) {
	t, ok := transitions[action]
	if !ok {
		return "", fmt.Errorf("promotion: unknown action %q", action)
	}
	for _, f := range t.from {
		if f == from {
			return t.to, nil
		}
	}
	return "", rungs.Errorf(rungs.ErrConflict, transitionErrorKey,
		"a review cannot go from %s to %s (%s)", from, t.to, action)
}

// Snapshot is the readiness frozen at nomination.
type Snapshot struct {
	Score  int            `json:"score"`
	Status string         `json:"status"`
	Lines  []SnapshotLine `json:"lines"`
}

// SnapshotLine is one requirement group of the snapshot (progression.Line).
type SnapshotLine struct {
	Kind        string  `json:"kind"`
	Weight      float64 `json:"weight"`
	Value       float64 `json:"value"`
	Requirement float64 `json:"requirement"`
	Known       bool    `json:"known"`
	Met         bool    `json:"met"`
	MetCount    int     `json:"metCount"`
	Count       int     `json:"count"`
	Score       float64 `json:"score"`
	Points      float64 `json:"points"`
}

func snapshotOf(r *progression.Readiness) Snapshot {
	s := Snapshot{Score: r.Score, Status: r.Status, Lines: []SnapshotLine{}}
	for _, l := range r.Lines {
		s.Lines = append(s.Lines, SnapshotLine{Kind: l.Kind, Weight: l.Weight, Value: l.Value,
			Requirement: l.Requirement, Known: l.Known, Met: l.Met, MetCount: l.MetCount, Count: l.Count,
			Score: l.Score, Points: l.Points})
	}
	return s
}

// Scan reads the jsonb column.
func (s *Snapshot) Scan(src any) error {
	b, ok := src.([]byte)
	if !ok {
		return fmt.Errorf("promotion: snapshot: unexpected %T", src)
	}
	return json.Unmarshal(b, s)
}

// Review is a promotion review.
type Review struct {
	ID              int64         `db:"id"`
	EmployeeID      int64         `db:"employee_id"`
	FromPositionID  int64         `db:"from_position_id"`
	PositionID      int64         `db:"position_id"`
	NominatedBy     int64         `db:"nominated_by"`
	Justification   string        `db:"justification"`
	Status          string        `db:"status"`
	Snapshot        Snapshot      `db:"snapshot"`
	DecidedBy       sql.NullInt64 `db:"decided_by"`
	DecidedAt       sql.NullTime  `db:"decided_at"`
	DecisionReason  string        `db:"decision_reason"`
	AppealStatement string        `db:"appeal_statement"`
	AppealedAt      sql.NullTime  `db:"appealed_at"`
	AppealDecidedBy sql.NullInt64 `db:"appeal_decided_by"`
	AppealDecidedAt sql.NullTime  `db:"appeal_decided_at"`
	AppealReason    string        `db:"appeal_reason"`
	WithdrawnBy     sql.NullInt64 `db:"withdrawn_by"`
	CreatedAt       time.Time     `db:"created_at"`
	UpdatedAt       time.Time     `db:"updated_at"`
}

// Vote is one panel member's seat and vote (Vote "" until cast). Comment is
// "" for a viewer who may not read a confidential comment.
type Vote struct {
	ReviewID     int64          `db:"review_id"`
	ReviewerID   int64          `db:"reviewer_id"`
	Vote         sql.NullString `db:"vote"`
	Comment      string         `db:"comment"`
	Confidential bool           `db:"confidential"`
	VotedAt      sql.NullTime   `db:"voted_at"`
}

// AuditEntry is one step of a review. Before and After are JSON objects
// (nil for a viewer who may not read a confidential step's details).
type AuditEntry struct {
	ID       int64 `db:"id"`
	ReviewID int64 `db:"review_id"`
	// ActorID is 0 where the viewer may not know who acted (the panel's
	// steps, to the nominee).
	ActorID      int64          `db:"actor_id"`
	Action       string         `db:"action"`
	FromStatus   sql.NullString `db:"from_status"`
	ToStatus     string         `db:"to_status"`
	Before       JSON           `db:"before"`
	After        JSON           `db:"after"`
	Confidential bool           `db:"confidential"`
	At           time.Time      `db:"at"`
}

// ReadinessFunc computes an employee's readiness for a position
// (progression.Service.Readiness without what-if courses).
type ReadinessFunc func(ctx context.Context, emp *people.Employee, positionID int64) (*progression.Readiness, error)

// FromService adapts a progression.Service to a ReadinessFunc.
func FromService(s *progression.Service) ReadinessFunc {
	return func(ctx context.Context, emp *people.Employee, positionID int64) (*progression.Readiness, error) {
		return s.Readiness(ctx, emp, positionID, nil)
	}
}

// Store reads and writes promotion reviews.
type Store struct {
	db        *sqlx.DB
	readiness ReadinessFunc
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// NewStore returns a Store that snapshots readiness with readiness.
func NewStore(db *sqlx.DB, readiness ReadinessFunc) *Store {
	return &Store{db: db, readiness: readiness, Now: clock.Now}
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("promotion: %s: %w", op, err)
}

func forbidden(format string, args ...any) error {
	return rungs.Errorf(rungs.ErrForbidden, "promotion.forbidden", format, args...)
}

// visibleSQL is the condition under which viewer $v (a placeholder) may
// see review r: HR and admins see every review; otherwise the nominee, the
// nominator, the panel, and the nominee's reporting line.
func visibleSQL(v *auth.Viewer, ph string) string {
	if v.SeesEveryone() {
		// Still names the placeholder, so PostgreSQL can type it.
		return "(" + ph + " IS NOT NULL)"
	}
	return `(r.employee_id = ` + ph + ` OR r.nominated_by = ` + ph + `
		OR EXISTS (SELECT 1 FROM promotion_panel pp WHERE pp.review_id = r.id AND pp.reviewer_id = ` + ph + `)
		OR ` + people.ManagesSQL(ph, "r.employee_id") + `)`
}

// JSON is a jsonb value as it is stored; nil for SQL NULL.
type JSON []byte

// Scan reads a jsonb column (NULL gives nil).
func (j *JSON) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*j = nil
	case []byte:
		*j = append(JSON(nil), v...)
	case string:
		*j = JSON(v)
	default:
		return fmt.Errorf("promotion: json: unexpected %T", src)
	}
	return nil
}

// MarshalJSON embeds the value as it is ("null" for nil).
func (j JSON) MarshalJSON() ([]byte, error) {
	if j == nil {
		return []byte("null"), nil
	}
	return j, nil
}
