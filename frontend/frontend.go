// Package frontend serves the web app built into the binary.
//
// dist/ is what `npm run build` produces (Vite); `make build` runs it before
// `go build`. Only dist/.gitkeep is committed, so a plain `go build` on a clean
// clone still works: it serves placeholder.html, which says how to build the
// app. Hashed files
// under /assets/ never change and are cached for a year; index.html is never
// cached, so a new deploy is picked up at the next load. Paths that are not
// files get index.html: the app's router owns them.
package frontend

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed all:dist
var dist embed.FS

//go:embed placeholder.html
var placeholder []byte

// Handler serves the embedded web app.
func Handler() http.Handler {
	root, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees dist exists
	}
	files := http.FileServerFS(root)
	_, err = fs.Stat(root, "index.html")
	built := err == nil
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if name != "" && name != "index.html" {
			if fi, err := fs.Stat(root, name); err == nil && !fi.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				} else {
					w.Header().Set("Cache-Control", "no-cache")
				}
				files.ServeHTTP(w, r)
				return
			}
			if strings.HasPrefix(name, "assets/") {
				http.NotFound(w, r) // a missing asset is a 404, not the app shell
				return
			}
		}
		w.Header().Set("Cache-Control", "no-cache, no-store, must-revalidate")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if !built {
			w.Write(placeholder)
			return
		}
		http.ServeFileFS(w, r, root, "index.html")
	})
}
