package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
)

// The errors are built per call: a *rungs.Error is mutable, and a caller
// changing a shared one would change it for every request.

func errTokenInvalid() error {
	return rungs.Errorf(rungs.ErrUnauthenticated, "auth.token_invalid", "the access token is not valid; sign in again")
}

func errTokenExpired() error {
	return rungs.Errorf(rungs.ErrUnauthenticated, "auth.token_expired", "the access token has expired; refresh it")
}

// claims are the contents of an access token. Besides the registered
// claims (sub is the employee id in decimal) it carries the user's token
// version at issue: bumping users.token_version invalidates every access
// token issued before, on every server, without a list of revoked tokens.
type claims struct {
	jwt.RegisteredClaims
	TokenVersion *int `json:"tv,omitempty"`
}

// Validate is called by the parser after the registered claims passed: it
// requires what the parser's options leave optional.
func (c *claims) Validate() error {
	if c.IssuedAt == nil {
		return errors.New("iat missing")
	}
	if c.TokenVersion == nil {
		return errors.New("tv missing")
	}
	if id, err := strconv.ParseInt(c.Subject, 10, 64); err != nil || id <= 0 {
		return errors.New("sub is not an employee id")
	}
	return nil
}

// accessToken returns a signed access token for the employee and when it
// expires. JWT times have whole seconds, so the expiry is rounded down.
func (s *Service) accessToken(employeeID int64, tokenVersion int, now time.Time) (string, time.Time, error) {
	exp := jwt.NewNumericDate(now.Add(s.cfg.AccessTTL))
	tv := tokenVersion
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, &claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.cfg.Issuer,
			Subject:   strconv.FormatInt(employeeID, 10),
			Audience:  jwt.ClaimStrings{s.cfg.Audience},
			ExpiresAt: exp,
			IssuedAt:  jwt.NewNumericDate(now),
		},
		TokenVersion: &tv,
	})
	signed, err := t.SignedString(s.cfg.Secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("auth: sign access token: %w", err)
	}
	return signed, exp.Time, nil
}

// Authenticate checks an access token and returns its Viewer. The roles
// and the account's state are read fresh from the database, so a role
// change, a disabled account or an offboarding takes effect on the next
// request rather than when the token expires. Every refusal is
// UNAUTHENTICATED: "auth.token_expired" for a token that is merely old (the
// client should refresh), "auth.token_invalid" for anything else.
func (s *Service) Authenticate(ctx context.Context, accessToken string) (*Viewer, error) {
	var c claims
	_, err := s.parser.ParseWithClaims(accessToken, &c, func(*jwt.Token) (any, error) {
		return s.cfg.Secret, nil
	})
	if err != nil {
		// The signature is checked before the claims, so only a token we
		// signed ever counts as expired.
		if errors.Is(err, jwt.ErrTokenExpired) {
			return nil, errTokenExpired()
		}
		return nil, errTokenInvalid()
	}
	id, _ := strconv.ParseInt(c.Subject, 10, 64) // checked by claims.Validate

	var u struct {
		TokenVersion int            `db:"token_version"`
		Disabled     bool           `db:"disabled"`
		Status       string         `db:"status"`
		Roles        pq.StringArray `db:"roles"`
	}
	err = s.db.GetContext(ctx, &u, `
		SELECT u.token_version, u.disabled, e.status,
		       array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL) AS roles
		FROM users u
		JOIN employees e ON e.id = u.employee_id
		LEFT JOIN user_roles r ON r.employee_id = u.employee_id
		WHERE u.employee_id = $1
		GROUP BY u.employee_id, e.status`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errTokenInvalid()
	}
	if err != nil {
		return nil, fmt.Errorf("auth: authenticate %d: %w", id, err)
	}
	if u.TokenVersion != *c.TokenVersion || !canSignIn(u.Disabled, u.Status) {
		return nil, errTokenInvalid()
	}
	v := &Viewer{EmployeeID: id, Roles: make([]Role, len(u.Roles))}
	for i, r := range u.Roles {
		v.Roles[i] = Role(r)
	}
	return v, nil
}

// statusOffboarded is the employees.status of someone who has left: they
// may not sign in, refresh or use a token, whatever users.disabled says.
const statusOffboarded = "OFFBOARDED"

// canSignIn reports whether an account in this state may hold a session.
func canSignIn(disabled bool, status string) bool {
	return !disabled && status != statusOffboarded
}
