package auth

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// RefreshCookie names the HttpOnly cookie that carries the refresh token
// for the web app, so scripts in the page never see it.
const RefreshCookie = "rungs_refresh"

// refreshCookiePath limits the cookie to the API: no other request needs it.
const refreshCookiePath = "/graphql"

type httpKey struct{}

// exchange is the request being served and its response writer, kept in
// the context so resolvers can read and set the refresh cookie.
type exchange struct {
	r *http.Request
	w http.ResponseWriter
	// signedIn is the viewer set by SignIn during the request.
	signedIn atomic.Pointer[Viewer]
}

// Middleware authenticates requests that carry "Authorization: Bearer
// <token>" and puts their Viewer in the context. A request without the
// header goes on anonymous (the schema decides what anonymous may do); a
// malformed header or a token Authenticate refuses is answered 401 with a
// GraphQL-shaped JSON error, and next is not called. It also keeps the
// request and response writer in the context for RequestFromContext and
// the refresh cookie helpers.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), httpKey{}, &exchange{r: r, w: w})
		header := r.Header.Get("Authorization")
		if header == "" {
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		scheme, token, ok := strings.Cut(header, " ")
		token = strings.TrimSpace(token)
		if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
			writeUnauthorized(w, rungs.Errorf(rungs.ErrUnauthenticated, "auth.token_invalid",
				`the Authorization header must be "Bearer <access token>"`))
			return
		}
		v, err := s.Authenticate(ctx, token)
		if err != nil {
			var e *rungs.Error
			if errors.As(err, &e) && e.Code == rungs.ErrUnauthenticated {
				writeUnauthorized(w, e)
				return
			}
			if postgres.Unavailable(err) {
				// The database is down, not the token: 503 as the API
				// answers it everywhere else, so clients retry.
				s.cfg.Logger.WarnContext(ctx, "authenticate: database unavailable", "error", err)
				WriteError(w, http.StatusServiceUnavailable, postgres.ErrUnavailable())
				return
			}
			s.cfg.Logger.ErrorContext(ctx, "authenticate", "error", err)
			WriteError(w, http.StatusInternalServerError, &rungs.Error{Code: rungs.ErrInternal, Message: "internal error"})
			return
		}
		next.ServeHTTP(w, r.WithContext(NewContextWithViewer(ctx, v)))
	})
}

func writeUnauthorized(w http.ResponseWriter, e *rungs.Error) {
	// RFC 6750: tells generic clients the token, not the request, is bad.
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	WriteError(w, http.StatusUnauthorized, e)
}

// WriteError answers with e in the shape of a GraphQL error response, so a
// client handles it like any error from the API.
func WriteError(w http.ResponseWriter, status int, e *rungs.Error) {
	type extensions struct {
		Code string `json:"code"`
		Key  string `json:"key,omitempty"`
	}
	type gqlError struct {
		Message    string     `json:"message"`
		Extensions extensions `json:"extensions"`
	}
	body := struct {
		Errors []gqlError `json:"errors"`
	}{[]gqlError{{Message: e.Message, Extensions: extensions{Code: e.Code, Key: e.Key}}}}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// SignIn makes v the viewer for the rest of an anonymous request: a login
// mutation's payload is then resolved as the user who just signed in (their
// own record, their roles). It does nothing outside the Middleware or when
// the request already has a viewer.
func SignIn(ctx context.Context, v *Viewer) {
	if x, ok := ctx.Value(httpKey{}).(*exchange); ok && ctx.Value(viewerKey{}) == nil {
		x.signedIn.Store(v)
	}
}

// RequestFromContext returns the HTTP request being served, as the
// Middleware saw it, or nil outside one.
func RequestFromContext(ctx context.Context) *http.Request {
	if x, ok := ctx.Value(httpKey{}).(*exchange); ok {
		return x.r
	}
	return nil
}

// SetRefreshCookie sets the refresh cookie on the response being served
// (nothing happens outside the Middleware). secure is false only for
// plain-HTTP development.
func SetRefreshCookie(ctx context.Context, token string, expires time.Time, secure bool) {
	setCookie(ctx, &http.Cookie{Value: token, Expires: expires, Secure: secure})
}

// ClearRefreshCookie tells the browser to drop the refresh cookie.
func ClearRefreshCookie(ctx context.Context, secure bool) {
	setCookie(ctx, &http.Cookie{Expires: time.Unix(0, 0), MaxAge: -1, Secure: secure})
}

func setCookie(ctx context.Context, c *http.Cookie) {
	x, ok := ctx.Value(httpKey{}).(*exchange)
	if !ok {
		return
	}
	c.Name = RefreshCookie
	c.Path = refreshCookiePath
	c.HttpOnly = true
	// Strict: no other site can make the browser send it, so a cross-site
	// request cannot refresh (or log out) on the user's behalf.
	c.SameSite = http.SameSiteStrictMode
	// One refresh cookie per response, the last one set: an operation that
	// aliases logout or refreshToken a thousand times must not answer with
	// a thousand Set-Cookie headers (a proxy would refuse the response).
	h := x.w.Header()
	var kept []string
	for _, v := range h.Values("Set-Cookie") {
		if !strings.HasPrefix(v, RefreshCookie+"=") {
			kept = append(kept, v)
		}
	}
	h["Set-Cookie"] = kept // the canonical key, as Header.Add would use
	http.SetCookie(x.w, c)
}

// ClientIP returns the address of the client connected to the server.
// X-Forwarded-For and its kin are ignored: any client can write them, and
// the failed-login counters must not be that easy to dodge. Behind a
// load balancer, TRUSTED_PROXIES makes the server rewrite RemoteAddr to the
// client from the proxy's own X-Forwarded-For entry before this runs.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
