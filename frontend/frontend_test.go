package frontend_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rungs/rungs/frontend"
)

func TestHandler(t *testing.T) {
	h := frontend.Handler()
	cases := []struct {
		name, method, path string
		status             int
		cache, body        string
	}{
		{"OKIndex", "GET", "/", 200, "no-store", "<title>Rungs</title>"},
		{"OKClientRoute", "GET", "/people/42", 200, "no-store", "<title>Rungs</title>"},
		{"ErrMissingAsset", "GET", "/assets/nope.js", 404, "", ""},
		{"ErrMethod", "POST", "/", 405, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d", rec.Code, c.status)
			}
			if c.cache != "" && !strings.Contains(rec.Header().Get("Cache-Control"), c.cache) {
				t.Errorf("Cache-Control %q, want %q", rec.Header().Get("Cache-Control"), c.cache)
			}
			if !strings.Contains(rec.Body.String(), c.body) {
				t.Errorf("body lacks %q", c.body)
			}
		})
	}
}
