// Package graph is the only package that knows GraphQL: the schema
// (*.graphqls), the code gqlgen generates from it, and thin resolvers that
// decode arguments, call the domain packages and map the results.
package graph

//go:generate go tool gqlgen generate

import (
	"github.com/jmoiron/sqlx"
)

// Resolver holds what the resolvers need. One is built per process and
// shared by every request: it keeps no request state of its own.
type Resolver struct {
	DB         *sqlx.DB
	Version    string
	Production bool
}
