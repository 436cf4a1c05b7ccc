package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
)

func TestMiddleware(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk)
	id := MustCreateUser(t, db, "ann@example.com", goodPassword, auth.RoleEmployee, auth.RoleAdmin)
	tok := MustLogin(t, s, "ann@example.com", goodPassword)

	// serve runs one request through the middleware and reports what the
	// next handler saw (called is false when it did not run).
	type seen struct {
		called  bool
		viewer  *auth.Viewer
		request *http.Request
	}
	serve := func(header string) (*httptest.ResponseRecorder, seen) {
		var got seen
		h := s.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got = seen{true, auth.ViewerFromContext(r.Context()), auth.RequestFromContext(r.Context())}
		}))
		req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		if header != "" {
			req.Header.Set("Authorization", header)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec, got
	}
	// refused checks a 401 with a GraphQL-shaped body and no call to next.
	refused := func(t *testing.T, rec *httptest.ResponseRecorder, got seen, key string) {
		t.Helper()
		if got.called {
			t.Fatal("next handler ran")
		}
		if rec.Code != http.StatusUnauthorized {
			t.Fatalf("status %d", rec.Code)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
		var body struct {
			Errors []struct {
				Message    string
				Extensions struct{ Code, Key string }
			}
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("body %q: %v", rec.Body, err)
		}
		if len(body.Errors) != 1 || body.Errors[0].Message == "" ||
			body.Errors[0].Extensions.Code != rungs.ErrUnauthenticated || body.Errors[0].Extensions.Key != key {
			t.Fatalf("body %s", rec.Body)
		}
	}

	t.Run("OKAnonymous", func(t *testing.T) {
		rec, got := serve("")
		if !got.called || got.viewer != nil || rec.Code != http.StatusOK {
			t.Fatalf("called %v, viewer %+v, status %d", got.called, got.viewer, rec.Code)
		}
		if got.request == nil || got.request.URL.Path != "/graphql" {
			t.Fatalf("request in context = %v", got.request)
		}
	})
	t.Run("OKBearer", func(t *testing.T) {
		_, got := serve("Bearer " + tok.AccessToken)
		if !got.called || got.viewer == nil || got.viewer.EmployeeID != id || !got.viewer.Has(auth.RoleAdmin) {
			t.Fatalf("called %v, viewer %+v", got.called, got.viewer)
		}
	})
	t.Run("OKSchemeAnyCase", func(t *testing.T) {
		if _, got := serve("bearer " + tok.AccessToken); got.viewer == nil {
			t.Fatal("no viewer")
		}
	})
	t.Run("ErrMalformedHeader", func(t *testing.T) {
		for _, h := range []string{"Basic YW5uOnB3", tok.AccessToken, "Bearer", "Bearer "} {
			rec, got := serve(h)
			refused(t, rec, got, "auth.token_invalid")
		}
	})
	t.Run("ErrBadToken", func(t *testing.T) {
		rec, got := serve("Bearer " + tok.AccessToken + "x")
		refused(t, rec, got, "auth.token_invalid")
		if rec.Header().Get("WWW-Authenticate") == "" {
			t.Error("no WWW-Authenticate header")
		}
	})
	t.Run("ErrExpired", func(t *testing.T) {
		clk.Advance(time.Hour)
		rec, got := serve("Bearer " + tok.AccessToken)
		refused(t, rec, got, "auth.token_expired")
	})
}

func TestRefreshCookie(t *testing.T) {
	t.Parallel()
	clk := newClock()
	s := newService(t, nil, clk)
	// A cookie carries whole seconds.
	expires := clk.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Second)
	rec := httptest.NewRecorder()
	var fromCookie string
	s.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := auth.RequestFromContext(r.Context()).Cookie(auth.RefreshCookie); err == nil {
			fromCookie = c.Value
		}
		auth.SetRefreshCookie(r.Context(), "tok123", expires, true)
	})).ServeHTTP(rec, func() *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		r.AddCookie(&http.Cookie{Name: auth.RefreshCookie, Value: "old"})
		return r
	}())
	if fromCookie != "old" {
		t.Errorf("cookie read from the request = %q", fromCookie)
	}
	cs := rec.Result().Cookies()
	if len(cs) != 1 {
		t.Fatalf("cookies = %v", cs)
	}
	c := cs[0]
	if c.Name != auth.RefreshCookie || c.Value != "tok123" || !c.HttpOnly || !c.Secure ||
		c.SameSite != http.SameSiteStrictMode || c.Path != "/graphql" || !c.Expires.Equal(expires) {
		t.Fatalf("cookie = %+v", c)
	}

	rec = httptest.NewRecorder()
	s.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.ClearRefreshCookie(r.Context(), false)
	})).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", nil))
	cs = rec.Result().Cookies()
	if len(cs) != 1 || cs[0].MaxAge >= 0 || cs[0].Value != "" || cs[0].Secure || !cs[0].HttpOnly || cs[0].Path != "/graphql" {
		t.Fatalf("clearing cookie = %+v", cs)
	}

	// Outside the middleware there is no response to set it on.
	auth.SetRefreshCookie(context.Background(), "x", expires, true)
	if auth.RequestFromContext(context.Background()) != nil {
		t.Error("request in an empty context")
	}
}

func TestClientIP(t *testing.T) {
	t.Parallel()
	for remote, want := range map[string]string{
		"192.0.2.7:5555":   "192.0.2.7",
		"[2001:db8::1]:80": "2001:db8::1",
		"odd":              "odd",
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", "203.0.113.9")
		r.Header.Set("X-Real-Ip", "203.0.113.9")
		if got := auth.ClientIP(r); got != want {
			t.Errorf("ClientIP(%q) = %q, want %q", remote, got, want)
		}
	}
}
