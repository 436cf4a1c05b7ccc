// Package migrations embeds the SQL migrations that build Rungs' schema.
//
// Each file is NNNNN_name.sql with goose's `-- +goose Up` / `-- +goose Down`
// sections and runs in its own transaction. Migrations are append-only: once
// one has landed on main it is never edited; a change is a new file.
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS
