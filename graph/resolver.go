// Package graph is the only package that knows GraphQL: the schema
// (*.graphqls), the code gqlgen generates from it, and thin resolvers that
// decode arguments, call the domain packages and map the results.
package graph

//go:generate go tool gqlgen generate

import (
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/assessment"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/classroom"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/courses"
	"github.com/rungs/rungs/development"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/notify"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/progression"
	"github.com/rungs/rungs/promotion"
	"github.com/rungs/rungs/rubric"
	"github.com/rungs/rungs/talent"
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
	Courses         *courses.Store
	Classroom       *classroom.Store
	Learning        *learning.Store
	Notify          *notify.Store
	AssessmentStore *assessment.Store
	RubricStore     *rubric.Store
	KPIs            *kpi.Store
	Performance     *performance.Store
	Development     *development.Store
	Talent          *talent.Store
	Promotion       *promotion.Store
	// Now is the clock for "today" (overdue); tests replace it.
	Now func() time.Time
	// LoaderWait is how long a dataloader gathers keys before one batch
	// query (0: the library's 16ms). Tests counting statements under the
	// race detector raise it so a slow machine cannot split a batch.
	LoaderWait time.Duration
	Version    string
	Production bool
}

// NewResolver wires the domain stores over one database.
func NewResolver(db *sqlx.DB, authn *auth.Service, version string, production bool) *Resolver {
	comp := competency.NewStore(db)
	lad := ladder.NewStore(db)
	learn := learning.NewStore(db)
	kpis := kpi.NewStore(db)
	perf := performance.NewStore(db)
	r := &Resolver{
		DB:              db,
		Auth:            authn,
		People:          people.NewStore(db, authn),
		Ladder:          lad,
		CompetencyStore: comp,
		Progress: &progression.Service{DB: db, Competency: comp, Ladder: lad, Learning: learn, KPI: kpis,
			Performance: perf, Now: clock.Now},
		Courses:         courses.NewStore(db),
		Classroom:       classroom.NewStore(db),
		Learning:        learn,
		Notify:          notify.NewStore(db),
		AssessmentStore: assessment.NewStore(db),
		RubricStore:     rubric.NewStore(db),
		KPIs:            kpis,
		Performance:     perf,
		Development:     development.NewStore(db),
		Talent:          talent.NewStore(db),
		Now:             clock.Now,
		Version:         version,
		Production:      production,
	}
	r.Talent.Potential = r.bestReadiness
	r.Promotion = promotion.NewStore(db, promotion.FromService(r.Progress))
	return r
}
