// Package graph is the only package that knows GraphQL: the schema
// (*.graphqls), the code gqlgen generates from it, and thin resolvers that
// decode arguments, call the domain packages and map the results.
package graph

//go:generate go tool gqlgen generate

import (
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/progression"
)

// Resolver holds what the resolvers need. One is built per process and
// shared by every request: it keeps no request state of its own.
type Resolver struct {
	DB              *sqlx.DB
	Auth            *auth.Service
	People          *people.Store
	Ladder          *ladder.Store
	CompetencyStore *competency.Store
	Progress        *progression.Service
	Version         string
	Production      bool
}

// NewResolver wires the domain stores over one database.
func NewResolver(db *sqlx.DB, authn *auth.Service, version string, production bool) *Resolver {
	comp := competency.NewStore(db)
	lad := ladder.NewStore(db)
	return &Resolver{
		DB:              db,
		Auth:            authn,
		People:          people.NewStore(db, authn),
		Ladder:          lad,
		CompetencyStore: comp,
		Progress:        &progression.Service{Competency: comp, Ladder: lad, Now: time.Now},
		Version:         version,
		Production:      production,
	}
}
