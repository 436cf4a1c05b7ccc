package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
	"golang.org/x/crypto/bcrypt"
)

func errInvalidCredentials() error {
	return rungs.Errorf(rungs.ErrUnauthenticated, "auth.invalid_credentials", "wrong e-mail address or password")
}

func errLocked(until, now time.Time) error {
	minutes := int(math.Ceil(until.Sub(now).Minutes()))
	return rungs.Errorf(rungs.ErrRateLimited, "auth.locked",
		"too many failed sign-ins; try again in %d minute(s), after %s",
		max(minutes, 1), until.UTC().Format(time.RFC3339))
}

// maxEmailLen is the longest e-mail address there can be (RFC 5321); a
// longer one cannot have an account and is not worth a counter row.
const maxEmailLen = 254

// Login signs an employee in with their e-mail address (any case) and
// password, and starts a new session (a new refresh token family).
//
// Wrong address and wrong password are the same "auth.invalid_credentials"
// error and take the same time, so neither tells an attacker which
// addresses have accounts. Each failure counts against the address and
// against the client's IP; when either reaches its limit within the window
// it is locked (RATE_LIMITED, "auth.locked") for LockoutDuration on every
// server — the attempt that reaches the limit already gets the lockout
// error. A disabled or offboarded account is "auth.account_disabled", told
// only to someone who knows its password.
func (s *Service) Login(ctx context.Context, email, password, ip, userAgent string) (*Tokens, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.now()
	keys := s.failureKeys(email, ip)
	if err := s.checkLocked(ctx, keys, now); err != nil {
		return nil, err
	}

	var u struct {
		EmployeeID   int64  `db:"employee_id"`
		PasswordHash string `db:"password_hash"`
	}
	err := sql.ErrNoRows
	if len(email) <= maxEmailLen {
		// lower(e.email) is what employees_email_key indexes.
		err = s.db.GetContext(ctx, &u, `
			SELECT u.employee_id, u.password_hash
			FROM users u JOIN employees e ON e.id = u.employee_id
			WHERE lower(e.email) = $1`, email)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("auth: login: %w", err)
	}
	hash := []byte(u.PasswordHash)
	if errors.Is(err, sql.ErrNoRows) {
		hash = s.dummyHash
	}
	// bcrypt reads only the first 72 bytes: a longer password could match a
	// hash it was never set to. The compare still runs, for the timing.
	match := bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil &&
		len(password) <= MaxPasswordBytes && u.EmployeeID != 0
	if !match {
		return nil, s.recordFailure(ctx, keys, now)
	}

	var out *Tokens
	var refused error
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		a, err := lockAccount(ctx, tx, u.EmployeeID)
		if err != nil {
			return err
		}
		// The password checked above may have been changed since; the
		// old one must not open a session after the change.
		if a.PasswordHash != u.PasswordHash {
			refused = errInvalidCredentials()
			return nil
		}
		if !canSignIn(a.Disabled, a.Status) {
			refused = errAccountDisabled()
			return nil
		}
		// The IP counter is left alone: one good password must not wipe
		// out what an address spent guessing others.
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1`, keys[0].key); err != nil {
			return err
		}
		out, err = s.issue(ctx, tx, u.EmployeeID, a.TokenVersion, uuid.New(), 0, userAgent, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("auth: login %d: %w", u.EmployeeID, err)
	}
	if refused != nil {
		return nil, refused
	}
	return out, nil
}

// failureKey is a login_failures key with the number of failures that
// locks it.
type failureKey struct {
	key   string
	limit int
}

// failureKeys returns the counters a sign-in attempt is charged to: the
// e-mail address, first, and the client address when there is one.
func (s *Service) failureKeys(email, ip string) []failureKey {
	if len(email) > maxEmailLen {
		email = email[:maxEmailLen]
	}
	keys := []failureKey{{"email:" + email, s.cfg.MaxFailures}}
	if k := ipKey(ip); k != "" {
		keys = append(keys, failureKey{k, s.cfg.MaxFailuresPerIP})
	}
	return keys
}

// ipKey returns the counter key of a client address. An IPv6 client
// usually holds a whole /64 and can pick any address in it, so IPv6
// addresses are counted per /64.
func ipKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		if ip == "" {
			return ""
		}
		return "ip:" + ip
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return "ip:" + p.String()
	}
	return "ip:" + addr.String()
}

func keyNames(keys []failureKey) []string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.key
	}
	return names
}

// checkLocked returns a RATE_LIMITED error when any of keys is locked.
func (s *Service) checkLocked(ctx context.Context, keys []failureKey, now time.Time) error {
	var until sql.NullTime
	err := s.db.GetContext(ctx, &until, `
		SELECT max(locked_until) FROM login_failures
		WHERE key = ANY($1) AND locked_until > $2`,
		pq.Array(keyNames(keys)), now)
	if err != nil {
		return fmt.Errorf("auth: login: check lockout: %w", err)
	}
	if until.Valid {
		return errLocked(until.Time, now)
	}
	return nil
}

// recordFailure counts a failed sign-in against keys and returns the error
// for the attempt: "auth.locked" if that locked any key, else
// "auth.invalid_credentials".
//
// One atomic upsert per attempt, so concurrent failures on several servers
// are all counted. A counter restarts (failures = 1, new window) when its
// window has passed or its last lockout is over; it locks when the count
// reaches its limit. The limit of a row is picked by its key's prefix,
// since ON CONFLICT DO UPDATE sees only the columns of the row proposed.
func (s *Service) recordFailure(ctx context.Context, keys []failureKey, now time.Time) error {
	var locked []sql.NullTime
	// "Still counting" — the window is open and no lockout has run out —
	// is written out three times: SET cannot refer to another SET's result.
	err := s.db.SelectContext(ctx, &locked, `
		INSERT INTO login_failures AS f (key, failures, window_start, locked_until)
		SELECT k, 1, $2, CASE WHEN (CASE WHEN k LIKE 'email:%' THEN $5::int ELSE $6::int END) <= 1 THEN $4::timestamptz END
		FROM unnest($1::text[]) AS k
		ON CONFLICT (key) DO UPDATE SET
		    failures = CASE WHEN f.window_start > $3 AND coalesce(f.locked_until > $2, true)
		                    THEN f.failures + 1 ELSE 1 END,
		    window_start = CASE WHEN f.window_start > $3 AND coalesce(f.locked_until > $2, true)
		                        THEN f.window_start ELSE $2 END,
		    locked_until = CASE
		        WHEN (CASE WHEN f.window_start > $3 AND coalesce(f.locked_until > $2, true)
		                   THEN f.failures + 1 ELSE 1 END)
		             >= (CASE WHEN f.key LIKE 'email:%' THEN $5 ELSE $6 END)
		        THEN $4
		        WHEN f.locked_until > $2 THEN f.locked_until
		    END
		RETURNING locked_until`,
		pq.Array(keyNames(keys)), now, now.Add(-s.cfg.FailureWindow), now.Add(s.cfg.LockoutDuration),
		s.cfg.MaxFailures, s.cfg.MaxFailuresPerIP)
	if err != nil {
		return fmt.Errorf("auth: login: count failure: %w", err)
	}
	var until time.Time
	for _, l := range locked {
		if l.Valid && l.Time.After(until) {
			until = l.Time
		}
	}
	if until.After(now) {
		return errLocked(until, now)
	}
	return errInvalidCredentials()
}
