package graph

import (
	"context"
	"net/http"

	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/graph/model"
)

// authPayload answers a sign-in or refresh: it sets the refresh cookie for
// the web app and returns both tokens for API clients.
func (r *Resolver) authPayload(ctx context.Context, t *auth.Tokens) (*model.AuthPayload, error) {
	auth.SetRefreshCookie(ctx, t.RefreshToken, t.RefreshExpiresAt, r.Production)
	// The request came in anonymous: from here on it is the new user's, so
	// the payload's fields resolve with their rights.
	me, err := r.Auth.Authenticate(ctx, t.AccessToken)
	if err != nil {
		return nil, err
	}
	auth.SignIn(ctx, me)
	user, err := r.People.EmployeeByID(ctx, me, t.EmployeeID)
	if err != nil {
		return nil, err
	}
	return &model.AuthPayload{
		AccessToken:      t.AccessToken,
		ExpiresAt:        t.ExpiresAt,
		RefreshToken:     t.RefreshToken,
		RefreshExpiresAt: t.RefreshExpiresAt,
		User:             user,
	}, nil
}

// refreshFrom picks the refresh token: the argument, else the cookie.
func refreshFrom(req *http.Request, arg *string) string {
	if arg != nil && *arg != "" {
		return *arg
	}
	if req != nil {
		if c, err := req.Cookie(auth.RefreshCookie); err == nil {
			return c.Value
		}
	}
	return ""
}

// client returns the caller's address and user agent ("" outside HTTP).
func client(ctx context.Context) (ip, userAgent string) {
	if req := auth.RequestFromContext(ctx); req != nil {
		return auth.ClientIP(req), req.UserAgent()
	}
	return "", ""
}
