package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/graph/model"
)

// Who may call what is declared in the schema, where reviewers see it:
// every root field needs a signed-in user unless marked @public, and
// @hasRole narrows a field to some access roles. Which rows a user may see
// is decided below the resolvers, in the domain's SQL (people.visibleCTE).

// requireSignIn is default-deny for root fields: anything not marked
// @public is refused to anonymous callers before its resolver runs.
func requireSignIn(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	rc := graphql.GetRootFieldContext(ctx)
	if rc == nil || auth.ViewerFromContext(ctx) != nil || strings.HasPrefix(rc.Field.Name, "__") {
		return next(ctx)
	}
	if def := rc.Field.Definition; def != nil && def.Directives.ForName("public") != nil {
		return next(ctx)
	}
	graphql.AddError(ctx, auth.ErrSignIn())
	return graphql.Null
}

// directives implements the schema's directives.
func directives() DirectiveRoot {
	return DirectiveRoot{
		Public: func(ctx context.Context, _ any, next graphql.Resolver) (any, error) { return next(ctx) },
		HasRole: func(ctx context.Context, _ any, next graphql.Resolver, roles []model.AccessRole) (any, error) {
			v := auth.ViewerFromContext(ctx)
			if v == nil {
				return nil, auth.ErrSignIn()
			}
			want := make([]auth.Role, len(roles))
			for i, r := range roles {
				want[i] = auth.Role(r)
			}
			if !v.Has(want...) {
				return nil, rungs.Errorf(rungs.ErrForbidden, "auth.forbidden", "this needs one of the roles %v", roles)
			}
			return next(ctx)
		},
	}
}

// viewer returns the signed-in user; resolvers below a root field that
// requireSignIn let through always have one, but fail closed regardless.
func viewer(ctx context.Context) (*auth.Viewer, error) {
	if v := auth.ViewerFromContext(ctx); v != nil {
		return v, nil
	}
	return nil, auth.ErrSignIn()
}
