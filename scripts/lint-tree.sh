#!/usr/bin/env bash
# Checks `make lint` runs over the tracked tree, beside gofmt and go vet:
#
# 1. No date literal in a test without a marker. Tests compute their dates from
#    the clock the code uses (internal/clock in Go, the browser's Date in the
#    web app), so they pass on any day. A test that truly needs a fixed date (a
#    pure function's table, an input refused whatever the day) says so on the
#    same line with the word fixed-date and a reason, in whatever comment
#    syntax the line allows (// in Go and TypeScript, -- in SQL, # in GraphQL).
# 2. No build output in git: a tracked file over 1 MiB fails, except lock files
#    and test fixtures, which are large by nature and named here.
#
# Usage: scripts/lint-tree.sh [checkout]   (default: the checkout it lives in)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
status=0

# Test files and the web app's test helpers (fixtures the tests render).
mapfile -t tests < <(git ls-files --cached --others --exclude-standard -- '*_test.go' '*.test.ts' '*.test.tsx' '*.e2e.ts' \
  'frontend/src/**/fixtures.ts' 'frontend/src/**/testing.ts' 'frontend/src/**/testing.tsx' \
  'frontend/src/**/testdata.ts' 'frontend/src/test/*' 'frontend/e2e/*.ts')
if [ "${#tests[@]}" -gt 0 ]; then
  # ISO dates (2026-12-07), time.Date(2026, …), new Date(2026, …), Date.UTC(2026, …).
  pattern='[0-9]{4}-[01][0-9]-[0-3][0-9]|time\.Date\( *[0-9]{4}|new Date\( *[0-9]{4} *,|Date\.UTC\( *[0-9]{4}'
  if found=$(grep -nHE "$pattern" -- "${tests[@]}" | grep -v 'fixed-date'); then
    echo "lint: date literals in tests (compute them from the clock, or mark a truly fixed date with 'fixed-date: why' on the line):" >&2
    echo "$found" >&2
    status=1
  fi
fi

# Tracked files over 1 MiB. Lock files and fixtures are allowed by name.
limit=$((1024 * 1024))
while IFS= read -r -d '' f; do
  case "$f" in
    *package-lock.json | go.sum | */testdata/* | testdata/*) continue ;;
  esac
  [ -f "$f" ] || continue
  size=$(stat -c %s -- "$f")
  if [ "$size" -gt "$limit" ]; then
    echo "lint: $f is $size bytes: build output and large files stay out of git (over 1 MiB; lock files and testdata/ excepted)" >&2
    status=1
  fi
done < <(git ls-files -z)

exit "$status"
