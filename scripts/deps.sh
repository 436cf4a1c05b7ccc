#!/usr/bin/env bash
# Installs what Rungs needs on a Debian machine and is missing: PostgreSQL's
# server binaries (the embedded database and the test harness run them),
# libfaketime (the tests' shifted-clock pass), Chromium (the web app's
# end-to-end tests drive it headless), and checks
# for Go and Node.js. Safe to run again: it installs nothing twice.
set -euo pipefail

pkgs=()
need_pg=1
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then need_pg=0; fi
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && need_pg=0; done
# postgresql-contrib brings pg_trgm, which course search uses.
[ "$need_pg" = 1 ] && pkgs+=(postgresql postgresql-contrib)
# `make test` runs the test database under libfaketime with the clock a year
# ahead (see internal/clock): it proves no test depends on the date.
compgen -G '/usr/lib/*/faketime/libfaketime.so.1' >/dev/null || pkgs+=(libfaketime)
# The e2e suite drives Debian's Chromium; nothing downloads a browser.
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
# CJK fonts so that Chinese screens render (and screenshot) legibly.
# grep reads to the end (no -q): an early exit would SIGPIPE fc-list and, under
# pipefail, fail the test although the fonts are there.
if ! fc-list 2>/dev/null | grep -iE 'CJK|WenQuanYi|Droid Sans Fallback' >/dev/null; then pkgs+=(fonts-noto-cjk); fi

if [ "${#pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages. Install them with: sudo apt-get install -y ${pkgs[*]}" >&2
    exit 1
  fi
  echo "Installing from Debian's packages: ${pkgs[*]}…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go is missing: Rungs builds with the Go toolchain (see go.mod for the version)." >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js and npm are missing: the web app builds with Node.js 20.19 or newer (frontend/package.json)." >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20 || (a===20 && b<19)) { console.error("Node.js "+process.versions.node+" is too old: the web app needs 20.19 or newer"); process.exit(1) }'
