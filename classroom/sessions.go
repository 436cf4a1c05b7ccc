package classroom

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// MaxCapacity is the most seats a session may have (the table's CHECK).
const MaxCapacity = 10000

// SessionInput creates a session.
type SessionInput struct {
	CourseID         int64
	StartsAt, EndsAt time.Time
	Place            string
	Capacity         int
	// TrainerID names the trainer who runs the session; nil: none yet.
	TrainerID *int64
}

// SessionPatch changes a session; nil fields stay as they are.
type SessionPatch struct {
	StartsAt, EndsAt *time.Time
	Place            *string
	Capacity         *int
	// TrainerID sets the trainer; a pointer to 0 removes them.
	TrainerID *int64
}

// checkSession records every problem with a session's times, place and
// capacity. A start that is set or moved must lie in the future; a session
// that keeps its start may be edited after it began (to fix the place).
func checkSession(v *rungs.Validation, start, end time.Time, place string, capacity int, newStart bool, now time.Time) {
	if start.IsZero() {
		v.Add("startsAt", "session.starts_at.required", "a start time is required")
	} else if newStart {
		v.Check(start.After(now), "startsAt", "session.starts_at.past", "the session must start in the future")
	}
	v.Check(end.After(start), "endsAt", "session.ends_at.before_start", "the session must end after it starts")
	v.Check(capacity >= 1 && capacity <= MaxCapacity, "capacity", "session.capacity.range",
		"capacity must be between 1 and %d", MaxCapacity)
	v.Check(place != "", "place", "session.place.required", "a place is required")
	v.Check(utf8.RuneCountInString(place) <= 200, "place", "session.place.too_long", "the place is at most 200 characters")
}

// checkTrainer records a problem when id is not an active employee holding
// the TRAINER role: whoever is named may record attendance.
func checkTrainer(ctx context.Context, q postgres.Queryer, v *rungs.Validation, id int64) error {
	var ok bool
	err := q.GetContext(ctx, &ok, `
		SELECT EXISTS (SELECT 1 FROM employees e JOIN user_roles r ON r.employee_id = e.id AND r.role = 'TRAINER'
		               WHERE e.id = $1 AND e.status <> 'OFFBOARDED')`, id)
	if err != nil {
		return fmt.Errorf("check trainer %d: %w", id, err)
	}
	v.Check(ok, "trainerId", "session.trainer.invalid", "employee %d is not an active trainer", id)
	return nil
}

// CreateSession schedules a session of a classroom course. Only the
// course's owner or an admin may; the course must be CLASSROOM and not
// archived (a draft course may be given sessions before it is published).
// Every problem with the input is reported at once.
func (s *Store) CreateSession(ctx context.Context, by *auth.Viewer, in SessionInput) (*Session, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	in.Place = strings.TrimSpace(in.Place)
	var v rungs.Validation
	checkSession(&v, in.StartsAt, in.EndsAt, in.Place, in.Capacity, true, s.Now())

	var out Session
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// FOR SHARE: the course cannot be archived or change format while
		// its session is being added.
		var c struct {
			OwnerID int64  `db:"owner_id"`
			Status  string `db:"status"`
			Format  string `db:"format"`
		}
		err := tx.GetContext(ctx, &c, `SELECT owner_id, status, format FROM courses WHERE id = $1 FOR SHARE`, in.CourseID)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.Errorf(rungs.ErrNotFound, "course.not_found", "course %d not found", in.CourseID)
		}
		if err != nil {
			return fmt.Errorf("read course %d: %w", in.CourseID, err)
		}
		if !by.Has(auth.RoleAdmin) && c.OwnerID != by.EmployeeID {
			return forbidden("only the course's owner or an admin may schedule its sessions")
		}
		v.Check(c.Format == "CLASSROOM", "courseId", "session.course.not_classroom", "only classroom courses have sessions")
		v.Check(c.Status != "ARCHIVED", "courseId", "session.course.archived", "the course is archived")
		if in.TrainerID != nil {
			if err := checkTrainer(ctx, tx, &v, *in.TrainerID); err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		err = tx.GetContext(ctx, &out, `
			INSERT INTO course_sessions (course_id, starts_at, ends_at, place, capacity, trainer_id)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
			in.CourseID, in.StartsAt, in.EndsAt, in.Place, in.Capacity, in.TrainerID)
		return translate(err, "session")
	})
	if err != nil {
		return nil, wrap("create session", err)
	}
	return &out, nil
}

// UpdateSession changes a session's time, place, capacity or trainer; the
// course's owner or an admin may. A cancelled session cannot change.
// Capacity cannot drop below the seats taken; raising it seats waitlisted
// people in order. A new start, end or place notifies everyone registered
// or waitlisted (SESSION_CHANGED, with the old start and place); people
// given a seat get WAITLIST_PROMOTED.
func (s *Store) UpdateSession(ctx context.Context, by *auth.Viewer, id int64, p SessionPatch) (*Session, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	var out Session
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		sr, err := loadSession(ctx, tx, id, forUpdate)
		if err != nil {
			return err
		}
		if !sr.manages(by) {
			return forbidden("only the course's owner or an admin may change its sessions")
		}
		if sr.Status == SessionCancelled {
			return errCancelled(id)
		}
		old, next := sr.Session, sr.Session
		if p.StartsAt != nil {
			next.StartsAt = *p.StartsAt
		}
		if p.EndsAt != nil {
			next.EndsAt = *p.EndsAt
		}
		if p.Place != nil {
			next.Place = strings.TrimSpace(*p.Place)
		}
		if p.Capacity != nil {
			next.Capacity = *p.Capacity
		}
		if p.TrainerID != nil {
			next.TrainerID = sql.NullInt64{Int64: *p.TrainerID, Valid: *p.TrainerID != 0}
		}
		var v rungs.Validation
		checkSession(&v, next.StartsAt, next.EndsAt, next.Place, next.Capacity, !next.StartsAt.Equal(old.StartsAt), s.Now())
		if next.TrainerID.Valid && next.TrainerID != old.TrainerID {
			if err := checkTrainer(ctx, tx, &v, next.TrainerID.Int64); err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if next.Capacity < old.SeatsTaken {
			return &rungs.Error{Code: rungs.ErrConflict, Key: "session.capacity.below_registered", Field: "capacity",
				Message: fmt.Sprintf("%d people are registered: the capacity cannot go below %d", old.SeatsTaken, old.SeatsTaken)}
		}

		if _, err := tx.ExecContext(ctx, `
			UPDATE course_sessions SET starts_at = $2, ends_at = $3, place = $4, capacity = $5, trainer_id = $6, updated_at = now()
			WHERE id = $1`, id, next.StartsAt, next.EndsAt, next.Place, next.Capacity, next.TrainerID); err != nil {
			return translate(err, fmt.Sprintf("session %d", id))
		}
		if !next.StartsAt.Equal(old.StartsAt) || !next.EndsAt.Equal(old.EndsAt) || next.Place != old.Place {
			if err := notifyActive(ctx, tx, id, NotifySessionChanged, &old); err != nil {
				return err
			}
		}
		if next.Capacity > old.Capacity {
			if _, err := promote(ctx, tx, id); err != nil {
				return err
			}
		}
		return tx.GetContext(ctx, &out, `SELECT * FROM course_sessions WHERE id = $1`, id)
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("update session %d", id), err)
	}
	return &out, nil
}

// CancelSession cancels a session that has not ended yet and notifies
// everyone registered or waitlisted (SESSION_CANCELLED); the course's owner
// or an admin may. Registrations stay as they were, as the record of who
// had signed up.
func (s *Store) CancelSession(ctx context.Context, by *auth.Viewer, id int64) (*Session, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	var out Session
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		sr, err := loadSession(ctx, tx, id, forUpdate)
		if err != nil {
			return err
		}
		if !sr.manages(by) {
			return forbidden("only the course's owner or an admin may cancel its sessions")
		}
		if sr.Status == SessionCancelled {
			return errCancelled(id)
		}
		if !s.Now().Before(sr.EndsAt) {
			return rungs.Errorf(rungs.ErrConflict, "session.ended", "session %d has already taken place", id)
		}
		err = tx.GetContext(ctx, &out, `
			UPDATE course_sessions SET status = 'CANCELLED', updated_at = now() WHERE id = $1 RETURNING *`, id)
		if err != nil {
			return fmt.Errorf("cancel: %w", err)
		}
		return notifyActive(ctx, tx, id, NotifySessionCancelled, nil)
	})
	if err != nil {
		return nil, wrap(fmt.Sprintf("cancel session %d", id), err)
	}
	return &out, nil
}

// noticeParams are the params of every session notification: all a
// renderer needs in both languages without reading anything else.
// Timestamps become RFC 3339 strings. It reads aliases s (course_sessions)
// and c (courses).
const noticeParams = `jsonb_build_object(
	'session_id', s.id, 'course_id', c.id, 'course_code', c.code,
	'course_title_en', c.title_en, 'course_title_zh', c.title_zh,
	'starts_at', s.starts_at, 'ends_at', s.ends_at, 'place', s.place)`

// notifyActive gives everyone registered or waitlisted in the session a
// notification of kind. With old (a change), the params also carry the
// previous start, end and place as old_starts_at, old_ends_at, old_place.
func notifyActive(ctx context.Context, q postgres.Queryer, sessionID int64, kind string, old *Session) error {
	params, args := noticeParams, []any{sessionID, kind}
	if old != nil {
		// Cast in SQL so old and new times are rendered alike.
		params += ` || jsonb_build_object('old_starts_at', $3::timestamptz, 'old_ends_at', $4::timestamptz, 'old_place', $5::text)`
		args = append(args, old.StartsAt, old.EndsAt, old.Place)
	}
	_, err := q.ExecContext(ctx, `
		INSERT INTO notifications (recipient_id, kind, params)
		SELECT r.employee_id, $2, `+params+`
		FROM session_registrations r
		JOIN course_sessions s ON s.id = r.session_id
		JOIN courses c ON c.id = s.course_id
		WHERE r.session_id = $1 AND r.status IN ('REGISTERED', 'WAITLISTED')`, args...)
	if err != nil {
		return fmt.Errorf("notify %s: %w", kind, err)
	}
	return nil
}

// promote seats waitlisted people, first come first served, in every free
// seat of the session, and notifies each (WAITLIST_PROMOTED); it returns
// whom it seated. One statement: the caller holds the session lock, so the
// free seats it counts are the true ones.
func promote(ctx context.Context, q postgres.Queryer, sessionID int64) ([]int64, error) {
	var ids []int64
	err := q.SelectContext(ctx, &ids, `
		WITH free AS (
			SELECT greatest(capacity - seats_taken, 0) AS n FROM course_sessions WHERE id = $1
		), next AS (
			SELECT id FROM session_registrations
			WHERE session_id = $1 AND status = 'WAITLISTED'
			ORDER BY waitlisted_at, id
			LIMIT (SELECT n FROM free)
		), promoted AS (
			UPDATE session_registrations r SET status = 'REGISTERED', waitlisted_at = NULL, updated_at = now()
			FROM next WHERE r.id = next.id
			RETURNING r.employee_id
		)
		INSERT INTO notifications (recipient_id, kind, params)
		SELECT p.employee_id, 'WAITLIST_PROMOTED', `+noticeParams+`
		FROM promoted p
		CROSS JOIN course_sessions s JOIN courses c ON c.id = s.course_id
		WHERE s.id = $1
		RETURNING recipient_id`, sessionID)
	if err != nil {
		return nil, translate(err, fmt.Sprintf("session %d", sessionID))
	}
	return ids, nil
}
