// Package graph is the only package that knows GraphQL: the schema
// (*.graphqls), the code gqlgen generates from it, and thin resolvers that
// decode arguments, call the domain packages and map the results.
package graph

//go:generate go tool gqlgen generate

import (
	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/people"
)

// Resolver holds what the resolvers need. One is built per process and
// shared by every request: it keeps no request state of its own.
type Resolver struct {
	DB         *sqlx.DB
	Auth       *auth.Service
	People     *people.Store
	Ladder     *ladder.Store
	Version    string
	Production bool
}
