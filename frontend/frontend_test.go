package frontend_test

import (
	"net/http/httptest"
	"regexp"
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

// TestAssetsCachedForever: when the app is built (make build), index.html
// names hashed assets under /assets/, which are served as immutable; when it
// is not, the placeholder says how to build it.
func TestAssetsCachedForever(t *testing.T) {
	h := frontend.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	body := rec.Body.String()
	m := regexp.MustCompile(`/assets/[^"]+\.js`).FindString(body)
	if m == "" {
		if !strings.Contains(body, "make build") {
			t.Fatal("neither a built app nor the placeholder")
		}
		t.Skip("web app not built into this binary (make build embeds it)")
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", m, nil))
	if rec.Code != 200 {
		t.Fatalf("%s: status %d", m, rec.Code)
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("%s: Cache-Control %q, want a year, immutable", m, cc)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("%s: Content-Type %q", m, ct)
	}
}
