// Package treelint holds the tests of scripts/lint-tree.sh, the checks
// `make lint` runs over the tracked tree: no unmarked date literal in a test
// and no tracked file over 1 MiB. The package has no code of its own.
package treelint
