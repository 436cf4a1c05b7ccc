package promotion

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/notify"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// NominateInput nominates an employee for a position.
type NominateInput struct {
	EmployeeID    int64
	PositionID    int64
	Justification string
}

// Nominate opens a review of in.EmployeeID for in.PositionID and freezes
// their readiness for it. Managers nominate the people who report to them
// (directly or up the line); HR nominates anyone; nobody nominates
// themselves. The position must be an allowed move (position_moves) from
// the employee's current one, and only one review per person and position
// may be open at a time.
func (s *Store) Nominate(ctx context.Context, by *auth.Viewer, in NominateInput) (*Review, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	in.Justification = strings.TrimSpace(in.Justification)
	var v rungs.Validation
	v.Check(in.EmployeeID > 0, "employeeId", "promotion.employee.required", "an employee is required")
	v.Check(in.PositionID > 0, "positionId", "promotion.position.required", "a position is required")
	v.Check(in.Justification != "", "justification", "promotion.justification.required", "a justification is required")
	v.Check(len(in.Justification) <= maxText, "justification", "promotion.justification.too_long",
		"the justification is at most %d bytes", maxText)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if in.EmployeeID == by.EmployeeID {
		return nil, forbidden("nobody can nominate themselves")
	}
	var emp people.Employee
	if err := s.db.GetContext(ctx, &emp, `SELECT * FROM employees WHERE id = $1`, in.EmployeeID); err != nil {
		return nil, wrap("nominate", postgres.Translate(err, fmt.Sprintf("employee %d", in.EmployeeID)))
	}
	if !by.Has(auth.RoleHR) {
		var manages bool
		if err := s.db.GetContext(ctx, &manages, `SELECT `+people.ManagesSQL("$1::bigint", "$2::bigint"),
			by.EmployeeID, in.EmployeeID); err != nil {
			return nil, wrap("nominate", err)
		}
		if !manages {
			return nil, forbidden("you may nominate only people who report to you")
		}
	}
	if err := s.movable(ctx, s.db, &emp, in.PositionID); err != nil {
		return nil, wrap("nominate", err)
	}
	// Readiness reads many tables; it is computed before the transaction,
	// which then re-checks that the employee has not moved meanwhile.
	rd, err := s.readiness(ctx, &emp, in.PositionID)
	if err != nil {
		return nil, wrap("nominate: readiness", err)
	}
	snap, err := json.Marshal(snapshotOf(rd))
	if err != nil {
		return nil, wrap("nominate", err)
	}
	now := s.Now()
	var r Review
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var pos int64
		if err := tx.GetContext(ctx, &pos, `SELECT position_id FROM employees WHERE id = $1 FOR UPDATE`, emp.ID); err != nil {
			return err
		}
		if pos != emp.PositionID {
			return rungs.Errorf(rungs.ErrConflict, "promotion.position_changed",
				"%s changed position while being nominated; try again", emp.NameEN)
		}
		err := tx.GetContext(ctx, &r, `
			INSERT INTO promotion_reviews (employee_id, from_position_id, position_id, nominated_by, justification,
				snapshot, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
			RETURNING *`, emp.ID, emp.PositionID, in.PositionID, by.EmployeeID, in.Justification, string(snap), now)
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Code == "23505" {
			return rungs.Errorf(rungs.ErrConflict, "promotion.open_exists",
				"%s already has an open review for this position", emp.NameEN)
		} else if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, &r, by, ActionNominate, "", nil, reviewState(&r), false, now); err != nil {
			return err
		}
		return s.notify(ctx, tx, &r, by, KindNominated, nil)
	})
	if err != nil {
		return nil, wrap("nominate", err)
	}
	return &r, nil
}

// movable checks that emp can be nominated for positionID: still employed
// and the move allowed by the ladder.
func (s *Store) movable(ctx context.Context, q postgres.Queryer, emp *people.Employee, positionID int64) error {
	if emp.Status == people.StatusOffboarded {
		return rungs.Errorf(rungs.ErrConflict, "promotion.offboarded", "%s has been offboarded", emp.NameEN)
	}
	var allowed bool
	if err := q.GetContext(ctx, &allowed, `
		SELECT EXISTS (SELECT 1 FROM position_moves WHERE from_position_id = $1 AND to_position_id = $2)`,
		emp.PositionID, positionID); err != nil {
		return err
	}
	if !allowed {
		return rungs.FieldError("positionId", "promotion.move.not_allowed",
			"position %d is not an allowed move from %s's current position", positionID, emp.NameEN)
	}
	return nil
}

// SetPanel names the panel of a NOMINATED review and moves it IN_PANEL.
// HR only, never the nominee (ownReview); the nominee cannot sit on their
// own panel either.
func (s *Store) SetPanel(ctx context.Context, by *auth.Viewer, reviewID int64, reviewerIDs []int64) (*Review, error) {
	if err := requireHR(by); err != nil {
		return nil, err
	}
	ids := slices.Clone(reviewerIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 || len(ids) > maxPanel {
		return nil, rungs.FieldError("reviewerIds", "promotion.panel.size", "a panel has 1 to %d members", maxPanel)
	}
	return s.step(ctx, by, reviewID, ActionSetPanel, func(tx *sqlx.Tx, r *Review, now time.Time) (any, error) {
		if slices.Contains(ids, r.EmployeeID) {
			return nil, rungs.FieldError("reviewerIds", "promotion.panel.nominee", "the nominee cannot sit on their own panel")
		}
		var active int
		if err := tx.GetContext(ctx, &active, `
			SELECT count(*) FROM employees WHERE id = ANY($1) AND status <> 'OFFBOARDED'`, pq.Array(ids)); err != nil {
			return nil, err
		}
		if active != len(ids) {
			return nil, rungs.FieldError("reviewerIds", "promotion.panel.unknown",
				"every panel member must be an active employee")
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO promotion_panel (review_id, reviewer_id) SELECT $1, unnest($2::bigint[])`, r.ID, pq.Array(ids))
		return map[string]any{"panel": ids}, err
	}, KindPanel)
}

// VoteInput is a panel member's vote.
type VoteInput struct {
	ReviewID int64
	// Vote is SUPPORT, OPPOSE or ABSTAIN.
	Vote    string
	Comment string
	// Confidential comments are for HR: the nominee never reads them.
	Confidential bool
}

// Vote records (or changes) the viewer's vote on a review IN_PANEL. Only
// members of its panel vote, and never the nominee (ownReview).
func (s *Store) Vote(ctx context.Context, by *auth.Viewer, in VoteInput) (*Vote, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	in.Comment = strings.TrimSpace(in.Comment)
	var v rungs.Validation
	v.Check(in.Vote == VoteSupport || in.Vote == VoteOppose || in.Vote == VoteAbstain, "vote",
		"promotion.vote.invalid", "a vote is SUPPORT, OPPOSE or ABSTAIN")
	v.Check(len(in.Comment) <= maxText, "comment", "promotion.comment.too_long", "the comment is at most %d bytes", maxText)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out Vote
	now := s.Now()
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		r, err := s.lock(ctx, tx, by, in.ReviewID)
		if err != nil {
			return err
		}
		if err := ownReview(r, by, ActionVote); err != nil {
			return err
		}
		if _, err := next(r.Status, ActionVote); err != nil {
			return err
		}
		var before Vote
		err = tx.GetContext(ctx, &before, `
			SELECT * FROM promotion_panel WHERE review_id = $1 AND reviewer_id = $2 FOR UPDATE`, r.ID, by.EmployeeID)
		if errors.Is(err, sql.ErrNoRows) {
			return forbidden("only members of the panel vote on this review")
		} else if err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &out, `
			UPDATE promotion_panel SET vote = $3, comment = $4, confidential = $5, voted_at = $6
			WHERE review_id = $1 AND reviewer_id = $2 RETURNING *`,
			r.ID, by.EmployeeID, in.Vote, in.Comment, in.Confidential, now); err != nil {
			return err
		}
		var b any
		if before.Vote.Valid {
			b = voteState(&before)
		}
		// A confidential comment, before or after, makes the whole step
		// confidential: the old text must not leak through the audit either.
		return s.audit(ctx, tx, r, by, ActionVote, r.Status, b, voteState(&out), before.Confidential || out.Confidential, now)
	})
	if err != nil {
		return nil, wrap("vote", err)
	}
	return &out, nil
}

// Decision is HR's decision on a review IN_PANEL.
type Decision string

// Decisions.
const (
	Approve  Decision = "APPROVE"
	Reject   Decision = "REJECT"
	Uphold   Decision = "UPHOLD"
	Overturn Decision = "OVERTURN"
)

// Decide approves or rejects a review IN_PANEL, with a reason. HR only,
// and not the nominee (ownReview). Approval moves the employee into the position in the
// same transaction (months in position restart on the decision date, and a
// PROMOTION event enters their history).
func (s *Store) Decide(ctx context.Context, by *auth.Viewer, reviewID int64, d Decision, reason string) (*Review, error) {
	if err := requireHR(by); err != nil {
		return nil, err
	}
	action := map[Decision]string{Approve: ActionApprove, Reject: ActionReject}[d]
	reason = strings.TrimSpace(reason)
	if err := decisionInput(action, reason); err != nil {
		return nil, err
	}
	return s.step(ctx, by, reviewID, action, func(tx *sqlx.Tx, r *Review, now time.Time) (any, error) {
		if _, err := tx.ExecContext(ctx, `
			UPDATE promotion_reviews SET decided_by = $2, decided_at = $3, decision_reason = $4 WHERE id = $1`,
			r.ID, by.EmployeeID, now, reason); err != nil {
			return nil, err
		}
		if d == Approve {
			return nil, s.move(ctx, tx, by, r, now, reason)
		}
		return nil, nil
	}, KindDecided)
}

// Appeal appeals a rejection, once, with a statement. Only the nominee
// appeals.
func (s *Store) Appeal(ctx context.Context, by *auth.Viewer, reviewID int64, statement string) (*Review, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	statement = strings.TrimSpace(statement)
	var v rungs.Validation
	v.Check(statement != "", "statement", "promotion.statement.required", "a statement is required")
	v.Check(len(statement) <= maxText, "statement", "promotion.statement.too_long", "the statement is at most %d bytes", maxText)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.step(ctx, by, reviewID, ActionAppeal, func(tx *sqlx.Tx, r *Review, now time.Time) (any, error) {
		if r.EmployeeID != by.EmployeeID {
			return nil, forbidden("only the nominee appeals")
		}
		// The state machine makes the appeal once-only: APPEALED leads only
		// to UPHELD, OVERTURNED or WITHDRAWN, none of which can be appealed.
		_, err := tx.ExecContext(ctx, `
			UPDATE promotion_reviews SET appeal_statement = $2, appealed_at = $3 WHERE id = $1`, r.ID, statement, now)
		return nil, err
	}, KindAppealed)
}

// DecideAppeal upholds or overturns the rejection of an APPEALED review,
// with a reason. HR only, not the nominee (ownReview) and not the HR user
// who rejected it. Overturning moves the employee like an approval.
func (s *Store) DecideAppeal(ctx context.Context, by *auth.Viewer, reviewID int64, d Decision, reason string) (*Review, error) {
	if err := requireHR(by); err != nil {
		return nil, err
	}
	action := map[Decision]string{Uphold: ActionUphold, Overturn: ActionOverturn}[d]
	reason = strings.TrimSpace(reason)
	if err := decisionInput(action, reason); err != nil {
		return nil, err
	}
	return s.step(ctx, by, reviewID, action, func(tx *sqlx.Tx, r *Review, now time.Time) (any, error) {
		if r.DecidedBy.Valid && r.DecidedBy.Int64 == by.EmployeeID {
			return nil, rungs.Errorf(rungs.ErrForbidden, "promotion.appeal.same_decider",
				"an appeal is decided by another HR user than the one who rejected the review")
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE promotion_reviews SET appeal_decided_by = $2, appeal_decided_at = $3, appeal_reason = $4 WHERE id = $1`,
			r.ID, by.EmployeeID, now, reason); err != nil {
			return nil, err
		}
		if d == Overturn {
			return nil, s.move(ctx, tx, by, r, now, reason)
		}
		return nil, nil
	}, KindAppealDecided)
}

// Withdraw closes an open review (NOMINATED, IN_PANEL or APPEALED). The
// nominator or HR may withdraw it, never the nominee (ownReview).
func (s *Store) Withdraw(ctx context.Context, by *auth.Viewer, reviewID int64, reason string) (*Review, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if len(reason) > maxText {
		return nil, rungs.FieldError("reason", "promotion.reason.too_long", "the reason is at most %d bytes", maxText)
	}
	return s.step(ctx, by, reviewID, ActionWithdraw, func(tx *sqlx.Tx, r *Review, now time.Time) (any, error) {
		if r.NominatedBy != by.EmployeeID && !by.Has(auth.RoleHR) {
			return nil, forbidden("only the nominator or HR withdraws a review")
		}
		_, err := tx.ExecContext(ctx, `UPDATE promotion_reviews SET withdrawn_by = $2 WHERE id = $1`, r.ID, by.EmployeeID)
		return map[string]any{"reason": reason}, err
	}, KindDecided)
}

// ownReview refuses action on a review of by themself. Nobody runs their
// own review: an HR user who is nominated neither names the panel, votes,
// decides, decides the appeal nor withdraws it, though HR may do each of
// these on anyone else's. The one step that is the nominee's is the appeal.
func ownReview(r *Review, by *auth.Viewer, action string) error {
	if r.EmployeeID != by.EmployeeID || action == ActionAppeal {
		return nil
	}
	return rungs.Errorf(rungs.ErrForbidden, "promotion.own_review", "nobody acts on a review of themselves")
}

func requireHR(by *auth.Viewer) error {
	if err := auth.Require(by); err != nil {
		return err
	}
	if !by.Has(auth.RoleHR) {
		return forbidden("only HR may do this")
	}
	return nil
}

func decisionInput(action, reason string) error {
	var v rungs.Validation
	v.Check(action != "", "decision", "promotion.decision.invalid", "unknown decision")
	v.Check(reason != "", "reason", "promotion.reason.required", "a reason is required")
	v.Check(len(reason) <= maxText, "reason", "promotion.reason.too_long", "the reason is at most %d bytes", maxText)
	return v.Err()
}

// step runs one state change in a transaction: lock the review (NOT_FOUND
// when the viewer cannot see it), refuse the nominee (ownReview, FORBIDDEN
// promotion.own_review), check the transition (CONFLICT
// promotion.transition), apply (which checks who may act and writes its
// own columns; it may return extra audit details), set the status, audit,
// notify.
func (s *Store) step(ctx context.Context, by *auth.Viewer, reviewID int64, action string,
	apply func(tx *sqlx.Tx, r *Review, now time.Time) (any, error), kind notify.Kind) (*Review, error) {
	now := s.Now()
	var after Review
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		r, err := s.lock(ctx, tx, by, reviewID)
		if err != nil {
			return err
		}
		if err := ownReview(r, by, action); err != nil {
			return err
		}
		to, err := next(r.Status, action)
		if err != nil {
			return err
		}
		extra, err := apply(tx, r, now)
		if err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &after, `
			UPDATE promotion_reviews SET status = $2, updated_at = $3 WHERE id = $1 RETURNING *`,
			r.ID, to, now); err != nil {
			return err
		}
		state := reviewState(&after)
		if m, ok := extra.(map[string]any); ok {
			for k, v := range m {
				state[k] = v
			}
		}
		if err := s.audit(ctx, tx, &after, by, action, r.Status, reviewState(r), state, false, now); err != nil {
			return err
		}
		return s.notify(ctx, tx, &after, by, kind, extra)
	})
	if err != nil {
		return nil, wrap(strings.ToLower(action), err)
	}
	return &after, nil
}

// lock reads and locks a review the viewer can see.
func (s *Store) lock(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, id int64) (*Review, error) {
	var r Review
	err := tx.GetContext(ctx, &r, `
		SELECT r.* FROM promotion_reviews r WHERE r.id = $1 AND `+visibleSQL(by, "$2::bigint")+`
		FOR UPDATE OF r`, id, by.EmployeeID)
	if err != nil {
		return nil, postgres.Translate(err, fmt.Sprintf("promotion review %d", id))
	}
	return &r, nil
}

// move puts the nominee into the review's position: position_since is the
// decision date, and the move enters their history as PROMOTION (or
// TRANSFER for a lateral move, as people.Transfer records it).
func (s *Store) move(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, r *Review, now time.Time, reason string) error {
	var emp people.Employee
	if err := tx.GetContext(ctx, &emp, `SELECT * FROM employees WHERE id = $1 FOR UPDATE`, r.EmployeeID); err != nil {
		return err
	}
	if emp.Status == people.StatusOffboarded {
		return rungs.Errorf(rungs.ErrConflict, "promotion.offboarded", "%s has been offboarded", emp.NameEN)
	}
	// Decided on a readiness for a move from the nomination's position: if
	// they have moved since, the review no longer describes their case.
	if emp.PositionID != r.FromPositionID {
		return rungs.Errorf(rungs.ErrConflict, "promotion.position_changed",
			"%s has changed position since the nomination", emp.NameEN)
	}
	y, m, d := now.UTC().Date()
	on := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if _, err := tx.ExecContext(ctx, `
		UPDATE employees SET position_id = $2, position_since = $3, updated_at = now() WHERE id = $1`,
		emp.ID, r.PositionID, on); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO employee_events (employee_id, kind, effective_on, from_team_id, to_team_id,
			from_manager_id, to_manager_id, from_position_id, to_position_id, reason, recorded_by)
		SELECT $1, CASE WHEN n.level > o.level THEN 'PROMOTION' ELSE 'TRANSFER' END, $2, $3, $3, $4, $4,
			o.id, n.id, $5, $6
		FROM positions o, positions n WHERE o.id = $7 AND n.id = $8`,
		emp.ID, on, emp.TeamID, emp.ManagerID, fmt.Sprintf("Promotion review %d: %s", r.ID, reason),
		by.EmployeeID, emp.PositionID, r.PositionID)
	return err
}

// reviewState is what the audit records of a review: its decisions, not
// the frozen snapshot (which never changes).
func reviewState(r *Review) map[string]any {
	m := map[string]any{"status": r.Status, "positionId": r.PositionID, "fromPositionId": r.FromPositionID,
		"justification": r.Justification}
	if r.DecidedBy.Valid {
		m["decidedBy"], m["decisionReason"] = r.DecidedBy.Int64, r.DecisionReason
	}
	if r.AppealedAt.Valid {
		m["appealStatement"] = r.AppealStatement
	}
	if r.AppealDecidedBy.Valid {
		m["appealDecidedBy"], m["appealReason"] = r.AppealDecidedBy.Int64, r.AppealReason
	}
	if r.WithdrawnBy.Valid {
		m["withdrawnBy"] = r.WithdrawnBy.Int64
	}
	return m
}

func voteState(v *Vote) map[string]any {
	return map[string]any{"reviewerId": v.ReviewerID, "vote": v.Vote.String, "comment": v.Comment,
		"confidential": v.Confidential}
}

func (s *Store) audit(ctx context.Context, tx *sqlx.Tx, r *Review, by *auth.Viewer, action, from string,
	before, after any, confidential bool, now time.Time) error {
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO promotion_audit (review_id, actor_id, action, from_status, to_status, before, after, confidential, at)
		VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6::jsonb, $7::jsonb, $8, $9)`,
		r.ID, by.EmployeeID, action, from, r.Status, b, a, confidential, now)
	return err
}

func jsonOrNull(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if m, ok := v.(map[string]any); ok && m == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// notify tells the nominee, the nominator and the panel (but not whoever
// acted) about a step. Params carry names and titles in both languages.
func (s *Store) notify(ctx context.Context, tx *sqlx.Tx, r *Review, by *auth.Viewer, kind notify.Kind, extra any) error {
	var p struct {
		EmployeeEN  string        `db:"employee_name_en"`
		EmployeeZH  string        `db:"employee_name_zh"`
		NominatorEN string        `db:"nominator_name_en"`
		NominatorZH string        `db:"nominator_name_zh"`
		Code        string        `db:"position_code"`
		TitleEN     string        `db:"position_title_en"`
		TitleZH     string        `db:"position_title_zh"`
		Recipients  pq.Int64Array `db:"recipients"`
	}
	if err := tx.GetContext(ctx, &p, `
		SELECT e.name_en AS employee_name_en, e.name_zh AS employee_name_zh,
			n.name_en AS nominator_name_en, n.name_zh AS nominator_name_zh,
			p.code AS position_code, p.name_en AS position_title_en, p.name_zh AS position_title_zh,
			ARRAY(SELECT x FROM (
				SELECT r.employee_id UNION SELECT r.nominated_by
				UNION SELECT reviewer_id FROM promotion_panel WHERE review_id = r.id) t (x)
				WHERE x <> $2) AS recipients
		FROM promotion_reviews r
		JOIN employees e ON e.id = r.employee_id
		JOIN employees n ON n.id = r.nominated_by
		JOIN positions p ON p.id = r.position_id
		WHERE r.id = $1`, r.ID, by.EmployeeID); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	params := map[string]any{
		"review_id": r.ID, "status": r.Status,
		"employee_name_en": p.EmployeeEN, "employee_name_zh": p.EmployeeZH,
		"nominator_name_en": p.NominatorEN, "nominator_name_zh": p.NominatorZH,
		"position_code": p.Code, "position_title_en": p.TitleEN, "position_title_zh": p.TitleZH,
	}
	switch {
	case r.Status == StatusWithdrawn:
		if m, ok := extra.(map[string]any); ok && m["reason"] != "" {
			params["reason"] = m["reason"]
		}
	case r.AppealDecidedBy.Valid:
		params["reason"] = r.AppealReason
	case r.Status == StatusAppealed:
		params["reason"] = r.AppealStatement
	case r.DecidedBy.Valid:
		params["reason"] = r.DecisionReason
	}
	_, err := notify.Insert(ctx, tx, kind, p.Recipients, params)
	return err
}
