package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// Tokens is what signing in or refreshing hands out.
type Tokens struct {
	AccessToken      string
	RefreshToken     string
	ExpiresAt        time.Time // when the access token expires
	RefreshExpiresAt time.Time // when the refresh token expires
	EmployeeID       int64
}

func errRefreshInvalid() error {
	return rungs.Errorf(rungs.ErrUnauthenticated, "auth.refresh_invalid", "the refresh token is not valid; sign in again")
}

func errRefreshReused() error {
	return rungs.Errorf(rungs.ErrUnauthenticated, "auth.refresh_reused",
		"the refresh token was already used, so it may have been stolen; every session it started has ended; sign in again")
}

func errAccountDisabled() error {
	return rungs.Errorf(rungs.ErrUnauthenticated, "auth.account_disabled", "this account is disabled")
}

// A refresh token is 32 random bytes in base64url without padding: 43
// characters. Only its SHA-256 is stored, so a copy of the database does
// not hold usable tokens; a fast hash is enough because the token is random,
// not a guessable password.
const (
	refreshTokenBytes = 32
	refreshTokenLen   = 43
)

func newRefreshToken() (string, error) {
	b := make([]byte, refreshTokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: refresh token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashRefreshToken returns the stored form of token, or false when token
// cannot be one of ours (and no query is worth running).
func hashRefreshToken(token string) ([]byte, bool) {
	if len(token) != refreshTokenLen {
		return nil, false
	}
	if _, err := base64.RawURLEncoding.DecodeString(token); err != nil {
		return nil, false
	}
	h := sha256.Sum256([]byte(token))
	return h[:], true
}

// maxUserAgent bounds the user agent kept with a refresh token: it is only
// there to tell sessions apart.
const maxUserAgent = 512

// cleanUserAgent makes ua storable: valid UTF-8 without NUL (PostgreSQL
// text refuses both), at most maxUserAgent bytes.
func cleanUserAgent(ua string) string {
	ua = strings.ReplaceAll(strings.ToValidUTF8(ua, ""), "\x00", "")
	for len(ua) > maxUserAgent {
		_, size := utf8.DecodeLastRuneInString(ua)
		ua = ua[:len(ua)-size]
	}
	return ua
}

// issue creates a refresh token in family (parentID is the token it
// replaces, 0 for a new sign-in) and an access token carrying
// tokenVersion. q is the caller's transaction, which has read tokenVersion
// with the user's row locked.
func (s *Service) issue(ctx context.Context, q postgres.Queryer, employeeID int64, tokenVersion int,
	family uuid.UUID, parentID int64, userAgent string, now time.Time) (*Tokens, error) {
	refresh, err := newRefreshToken()
	if err != nil {
		return nil, err
	}
	hash, _ := hashRefreshToken(refresh)
	// PostgreSQL keeps microseconds; round here so what the client is told
	// is what is stored.
	refreshExp := now.Add(s.cfg.RefreshTTL).Truncate(time.Microsecond)
	_, err = q.ExecContext(ctx, `
		INSERT INTO refresh_tokens (employee_id, family_id, token_hash, parent_id, issued_at, expires_at, user_agent)
		VALUES ($1, $2, $3, NULLIF($4, 0), $5, $6, $7)`,
		employeeID, family, hash, parentID, now, refreshExp, cleanUserAgent(userAgent))
	if err != nil {
		return nil, fmt.Errorf("auth: store refresh token: %w", err)
	}
	access, exp, err := s.accessToken(employeeID, tokenVersion, now)
	if err != nil {
		return nil, err
	}
	return &Tokens{
		AccessToken:      access,
		RefreshToken:     refresh,
		ExpiresAt:        exp,
		RefreshExpiresAt: refreshExp,
		EmployeeID:       employeeID,
	}, nil
}

// account is a user's sign-in state.
type account struct {
	EmployeeID   int64  `db:"employee_id"`
	TokenVersion int    `db:"token_version"`
	Disabled     bool   `db:"disabled"`
	Status       string `db:"status"`
	PasswordHash string `db:"password_hash"`
}

// lockAccount reads the sign-in state of an employee and holds a share lock
// on their users row until the transaction ends.
//
// Why: RevokeAll and the password changes update that row first and revoke
// refresh tokens in a later statement. Holding the lock while a token is
// issued means such a change either waits for the new token to be
// committed (and its revocation then sees and revokes it) or has already
// committed (and this read sees the new state). Without it a refresh racing
// a password change could mint a token the change never revokes.
func lockAccount(ctx context.Context, tx *sqlx.Tx, employeeID int64) (*account, error) {
	var a account
	err := tx.GetContext(ctx, &a, `
		SELECT u.employee_id, u.token_version, u.disabled, e.status, u.password_hash
		FROM users u JOIN employees e ON e.id = u.employee_id
		WHERE u.employee_id = $1
		FOR SHARE OF u`, employeeID)
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// Refresh exchanges a refresh token for a new pair. The token is used up:
// its successor, in the same family, is the only one that works next.
//
// A token presented a second time means two parties hold it — the user and
// whoever stole it — and there is no telling which is which, so the whole
// family is revoked (that revocation is committed even though an error is
// returned) and both must sign in again: "auth.refresh_reused". That holds
// for two concurrent refreshes of one token as well: the row lock lets one
// through and the other finds the token used. Unknown, expired or revoked
// tokens are "auth.refresh_invalid"; a disabled or offboarded account is
// "auth.account_disabled".
func (s *Service) Refresh(ctx context.Context, refreshToken, userAgent string) (*Tokens, error) {
	hash, ok := hashRefreshToken(refreshToken)
	if !ok {
		return nil, errRefreshInvalid()
	}
	now := s.now()
	var (
		out *Tokens
		// refused is decided inside the transaction but returned after
		// it commits, so a family revocation is not rolled back.
		refused error
	)
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The users row is locked before the token row, the order
		// RevokeAll and the password changes take them in, so the two
		// cannot deadlock.
		var employeeID int64
		err := tx.GetContext(ctx, &employeeID, `SELECT employee_id FROM refresh_tokens WHERE token_hash = $1`, hash)
		if errors.Is(err, sql.ErrNoRows) {
			refused = errRefreshInvalid()
			return nil
		}
		if err != nil {
			return err
		}
		a, err := lockAccount(ctx, tx, employeeID)
		if err != nil {
			return err
		}

		var t struct {
			ID        int64        `db:"id"`
			FamilyID  uuid.UUID    `db:"family_id"`
			ExpiresAt time.Time    `db:"expires_at"`
			UsedAt    sql.NullTime `db:"used_at"`
			RevokedAt sql.NullTime `db:"revoked_at"`
		}
		// FOR UPDATE makes a concurrent refresh of the same token wait
		// here and then see it used.
		err = tx.GetContext(ctx, &t, `
			SELECT id, family_id, expires_at, used_at, revoked_at
			FROM refresh_tokens WHERE token_hash = $1
			FOR UPDATE`, hash)
		if err != nil {
			return err
		}
		switch {
		case t.RevokedAt.Valid || !t.ExpiresAt.After(now):
			refused = errRefreshInvalid()
			return nil
		case t.UsedAt.Valid:
			refused = errRefreshReused()
			return revokeFamily(ctx, tx, t.FamilyID, now)
		case !canSignIn(a.Disabled, a.Status):
			refused = errAccountDisabled()
			return revokeFamily(ctx, tx, t.FamilyID, now)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE refresh_tokens SET used_at = $2 WHERE id = $1`, t.ID, now); err != nil {
			return err
		}
		out, err = s.issue(ctx, tx, employeeID, a.TokenVersion, t.FamilyID, t.ID, userAgent, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("auth: refresh: %w", err)
	}
	if refused != nil {
		return nil, refused
	}
	return out, nil
}

// revokeFamily revokes every token of a family that is not revoked yet.
func revokeFamily(ctx context.Context, q postgres.Queryer, family uuid.UUID, now time.Time) error {
	_, err := q.ExecContext(ctx, `
		UPDATE refresh_tokens SET revoked_at = $2
		WHERE family_id = $1 AND revoked_at IS NULL`, family, now)
	return err
}

// Logout revokes the refresh token and every token of its family (the
// session it belongs to). An unknown token is not an error: logging out
// twice is fine. The access token stays valid until it expires, which is
// why access tokens are short-lived.
func (s *Service) Logout(ctx context.Context, refreshToken string) error {
	hash, ok := hashRefreshToken(refreshToken)
	if !ok {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `
		UPDATE refresh_tokens SET revoked_at = $2
		WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)
		  AND revoked_at IS NULL`, hash, s.now())
	if err != nil {
		return fmt.Errorf("auth: logout: %w", err)
	}
	return nil
}
