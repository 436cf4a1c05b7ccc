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
// addresses have accounts. A disabled or offboarded account is
// "auth.account_disabled", told only to someone who knows its password.
//
// Guessing is bounded in PostgreSQL, on every server: each attempt is
// counted against the address and against the client's IP before its
// password is compared, in one statement that also returns the counts, and
// an attempt beyond either limit within the window is refused
// (RATE_LIMITED, "auth.locked", for LockoutDuration) without a comparison.
// So however many guesses arrive at once, at most the limit of them are
// tested; the attempt that reaches the limit is tested and, if wrong,
// already gets the lockout error. A successful sign-in gives back only its
// own attempt: it does not wipe out the failures before it, or an attacker
// who knows one good password would win a fresh allowance with it.
//
// The bcrypt work of one process is bounded too (see gate): a client
// address with too many sign-ins in progress, or a sign-in that waits too
// long for a free comparison, is refused with "auth.busy" and counts as no
// attempt.
func (s *Service) Login(ctx context.Context, email, password, ip, userAgent string) (*Tokens, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.now()
	// Cheapest refusal first: in memory, before the database.
	leave, ok := s.gate.enter(ipKey(ip))
	if !ok {
		return nil, errBusy()
	}
	defer leave()

	att, err := s.countAttempt(ctx, s.failureKeys(email, ip), now)
	if err != nil {
		return nil, err
	}
	// A give-back must happen even when the client has gone (a cancelled
	// request would otherwise leave an attempt counted that tested nothing,
	// and five abandoned waits would lock the address).
	detached := context.WithoutCancel(ctx)
	if locked := att.refusal(now, s.cfg.LockoutDuration); locked != nil {
		// Keys that still had room give their count back: nothing was
		// tested against them. The key that refused keeps it.
		if err := s.giveBack(detached, s.db, att.admitted()); err != nil {
			return nil, err
		}
		return nil, locked
	}

	var u struct {
		EmployeeID   int64  `db:"employee_id"`
		PasswordHash string `db:"password_hash"`
	}
	err = sql.ErrNoRows
	if len(email) <= maxEmailLen {
		// lower(e.email) is what employees_email_key indexes.
		err = s.db.GetContext(ctx, &u, `
			SELECT u.employee_id, u.password_hash
			FROM users u JOIN employees e ON e.id = u.employee_id
			WHERE lower(e.email) = $1`, email)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		// Nothing was tested: the attempt is given back (a failure to do so
		// is the lesser error, the lookup's is returned).
		_ = s.giveBack(detached, s.db, att)
		return nil, fmt.Errorf("auth: login: %w", err)
	}
	hash := []byte(u.PasswordHash)
	if errors.Is(err, sql.ErrNoRows) {
		hash = s.dummyHash
	}
	release, ok := s.gate.acquire(ctx)
	if !ok {
		if err := s.giveBack(detached, s.db, att); err != nil {
			return nil, err
		}
		return nil, errBusy()
	}
	// bcrypt reads only the first 72 bytes: a longer password could match a
	// hash it was never set to. The compare still runs, for the timing.
	match := s.comparePassword(hash, password) == nil &&
		len(password) <= MaxPasswordBytes && u.EmployeeID != 0
	release()
	if !match {
		return nil, att.failed(now)
	}

	var out *Tokens
	var refused error
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		a, err := lockAccount(ctx, tx, u.EmployeeID)
		if err != nil {
			return err
		}
		// The password checked above may have been changed since; the
		// old one must not open a session after the change. That is a
		// failure like any wrong password: its attempt stays counted.
		if a.PasswordHash != u.PasswordHash {
			refused = att.failed(now)
			return nil
		}
		// The right password: this attempt was no failure.
		if err := s.giveBack(ctx, tx, att); err != nil {
			return err
		}
		if !canSignIn(a.Disabled, a.Status) {
			refused = errAccountDisabled()
			return nil
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

// counted is one counter as an attempt left it.
type counted struct {
	Key         string       `db:"key"`
	Failures    int          `db:"failures"`
	WindowStart time.Time    `db:"window_start"`
	LockedUntil sql.NullTime `db:"locked_until"`
	limit       int
}

// attempt is a sign-in attempt as counted against each of its keys.
type attempt []counted

// admitted returns the counters that had room for the attempt.
func (a attempt) admitted() attempt {
	var out attempt
	for _, c := range a {
		if c.Failures <= c.limit {
			out = append(out, c)
		}
	}
	return out
}

// refusal returns the lockout error when a counter had no room left for
// the attempt, else nil: the password may be compared.
func (a attempt) refusal(now time.Time, lockout time.Duration) error {
	var until time.Time
	refused := false
	for _, c := range a {
		if c.Failures > c.limit {
			refused = true
			if c.LockedUntil.Valid && c.LockedUntil.Time.After(until) {
				until = c.LockedUntil.Time
			}
		}
	}
	if !refused {
		return nil
	}
	if !until.After(now) { // cannot happen: a full counter is locked
		until = now.Add(lockout)
	}
	return errLocked(until, now)
}

// failed returns the error for an admitted attempt whose password was
// wrong: "auth.locked" if it reached a limit, else
// "auth.invalid_credentials". Its count stays: it is a failure.
func (a attempt) failed(now time.Time) error {
	var until time.Time
	for _, c := range a {
		if c.LockedUntil.Valid && c.LockedUntil.Time.After(until) {
			until = c.LockedUntil.Time
		}
	}
	if until.After(now) {
		return errLocked(until, now)
	}
	return errInvalidCredentials()
}

// countAttempt counts a sign-in attempt against keys before its password
// is compared, and returns every counter as the attempt left it.
//
// One upsert for all keys: the row lock it takes makes concurrent attempts
// on every server count one after the other, so each gets its own number
// and no two can both be the last one within the limit. A counter restarts
// (1, new window) when its window has passed with no lockout running, or
// when its lockout is over; the attempt that reaches the limit sets the
// lockout (tentatively: a success gives it back, see giveBack), and a
// running lockout is kept as it is, not extended, by the attempts it
// refuses. So a counter whose lockout runs is always at or over its limit,
// and "over the limit" alone decides a refusal. The limit of a row is
// picked by its key's prefix, since ON CONFLICT DO UPDATE sees only the
// columns of the row proposed.
func (s *Service) countAttempt(ctx context.Context, keys []failureKey, now time.Time) (attempt, error) {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.key
	}
	var rows attempt
	// "Still counting" is written out three times: SET cannot refer to
	// another SET's result.
	err := s.db.SelectContext(ctx, &rows, `
		INSERT INTO login_failures AS f (key, failures, window_start, locked_until)
		SELECT k, 1, $2, CASE WHEN (CASE WHEN k LIKE 'email:%' THEN $5::int ELSE $6::int END) <= 1 THEN $4::timestamptz END
		FROM unnest($1::text[]) AS k
		ORDER BY k -- the order giveBack locks rows in
		ON CONFLICT (key) DO UPDATE SET
		    failures = CASE WHEN CASE WHEN f.locked_until IS NULL THEN f.window_start > $3 ELSE f.locked_until > $2 END
		                    THEN f.failures + 1 ELSE 1 END,
		    window_start = CASE WHEN CASE WHEN f.locked_until IS NULL THEN f.window_start > $3 ELSE f.locked_until > $2 END
		                        THEN f.window_start ELSE $2 END,
		    locked_until = CASE
		        WHEN f.locked_until > $2 THEN f.locked_until
		        WHEN (CASE WHEN CASE WHEN f.locked_until IS NULL THEN f.window_start > $3 ELSE f.locked_until > $2 END
		                   THEN f.failures + 1 ELSE 1 END)
		             >= (CASE WHEN f.key LIKE 'email:%' THEN $5 ELSE $6 END)
		        THEN $4
		    END
		RETURNING key, failures, window_start, locked_until`,
		pq.Array(names), now, now.Add(-s.cfg.FailureWindow), now.Add(s.cfg.LockoutDuration),
		s.cfg.MaxFailures, s.cfg.MaxFailuresPerIP)
	if err != nil {
		return nil, fmt.Errorf("auth: login: count attempt: %w", err)
	}
	for i := range rows {
		for _, k := range keys {
			if k.key == rows[i].Key {
				rows[i].limit = k.limit
			}
		}
	}
	return rows, nil
}

// giveBack takes an attempt off the counters it was admitted by: it
// tested nothing (refused elsewhere, or no comparison came free) or its
// password was right. A counter is given back only in the window it was
// counted in — one restarted since owes nothing — and a lockout the
// attempt set as it reached the limit is lifted when the count drops below
// the limit again; one that later attempts pushed further over it stays.
func (s *Service) giveBack(ctx context.Context, q postgres.Queryer, att attempt) error {
	if len(att) == 0 {
		return nil
	}
	names := make([]string, len(att))
	starts := make([]time.Time, len(att))
	for i, c := range att {
		names[i], starts[i] = c.Key, c.WindowStart
	}
	// Rows are locked in key order, the order countAttempt's upsert takes
	// them in (e-mail before IP), so a give-back inside a sign-in's
	// transaction and a concurrent count cannot deadlock.
	_, err := q.ExecContext(ctx, `
		WITH a AS (
		    SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS a (key, window_start)
		), locked AS MATERIALIZED (
		    SELECT f.key FROM login_failures f JOIN a USING (key) ORDER BY f.key FOR UPDATE OF f
		)
		UPDATE login_failures f
		SET failures = f.failures - 1,
		    locked_until = CASE WHEN f.failures - 1 < (CASE WHEN f.key LIKE 'email:%' THEN $3::int ELSE $4::int END)
		                        THEN NULL ELSE f.locked_until END
		FROM a JOIN locked USING (key)
		WHERE f.key = a.key AND f.window_start = a.window_start AND f.failures > 0`,
		pq.Array(names), pq.Array(starts), s.cfg.MaxFailures, s.cfg.MaxFailuresPerIP)
	if err != nil {
		return fmt.Errorf("auth: login: give back attempt: %w", err)
	}
	return nil
}

// comparePassword is bcrypt.CompareHashAndPassword, counted (see
// PasswordChecks) and, in tests, observed through onCompare.
func (s *Service) comparePassword(hash []byte, password string) error {
	s.checks.Add(1)
	if s.onCompare != nil {
		s.onCompare()
	}
	return bcrypt.CompareHashAndPassword(hash, []byte(password))
}

// PasswordChecks returns how many sign-in passwords this Service has
// compared with bcrypt since it started: the expensive step every sign-in
// attempt that is not refused early pays for.
func (s *Service) PasswordChecks() int64 { return s.checks.Load() }
