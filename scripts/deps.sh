#!/usr/bin/env bash
# Installs what Rungs needs on a Debian machine and is missing: PostgreSQL's
# server binaries (the embedded database and the test harness run them) and
# a Go toolchain check. Safe to run again: it installs nothing twice.
set -euo pipefail

need_pg=1
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then need_pg=0; fi
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && need_pg=0; done

if [ "$need_pg" = 1 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is missing. Install it with: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "Installing PostgreSQL from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # postgresql-contrib brings pg_trgm, which course search uses.
  apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go is missing: Rungs builds with the Go toolchain (see go.mod for the version)." >&2
  exit 1
fi
