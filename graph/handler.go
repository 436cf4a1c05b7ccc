package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/telemetry"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bound what one request may ask for.
type Limits struct {
	MaxDepth      int   // deepest selection; default 12
	MaxComplexity int   // total cost, list fields costed by page size; default 5000
	MaxBodyBytes  int64 // JSON request body; default 1 MiB
	MaxUpload     int64 // multipart request (file uploads); default 20 MiB
}

func (l *Limits) defaults() {
	if l.MaxDepth == 0 {
		l.MaxDepth = 12
	}
	if l.MaxComplexity == 0 {
		l.MaxComplexity = 5000
	}
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = 1 << 20
	}
	if l.MaxUpload == 0 {
		l.MaxUpload = 20 << 20
	}
}

// NewHandler builds the GraphQL endpoint with handler.New and only the
// transports we mean: POST (JSON and graphql-response+json) and multipart
// uploads. Introspection is on outside production mode only.
func NewHandler(r *Resolver, logger *slog.Logger, limits Limits) http.Handler {
	limits.defaults()
	srv := handler.New(NewExecutableSchema(Config{
		Resolvers:  r,
		Directives: directives(),
		Complexity: complexity(),
	}))
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: limits.MaxUpload, MaxMemory: 4 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if r.Production {
		srv.Use(noIntrospection{})
	} else {
		srv.Use(extension.Introspection{})
	}
	srv.Use(depthLimit{max: limits.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	srv.AroundRootFields(requireSignIn)
	srv.SetErrorPresenter(presentError(logger))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "panic", p, "stack", string(debug.Stack()))
		return errors.New("internal error")
	})
	// Authenticate, then give the request its loaders, then execute.
	return limitBody(limits, r.Auth.Middleware(WithLoaders(r, srv)))
}

// limitBody refuses request bodies over the limit up front (413 with a
// coded GraphQL error) and caps chunked ones while they are read. Multipart
// uploads have their own, larger cap in the transport.
func limitBody(limits Limits, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		max := limits.MaxBodyBytes
		if isMultipart(req) {
			max = limits.MaxUpload
		}
		if req.ContentLength > max {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			fmt.Fprintf(w, `{"errors":[{"message":"request body is larger than %d bytes","extensions":{"code":%q,"key":"request.too_large"}}]}`,
				max, rungs.ErrBadUserInput)
			return
		}
		req.Body = http.MaxBytesReader(w, req.Body, max)
		next.ServeHTTP(w, req)
	})
}

func isMultipart(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return len(ct) >= 19 && ct[:19] == "multipart/form-data"
}

// GraphiQL serves the in-browser IDE for the endpoint (development only).
func GraphiQL(endpoint string) http.Handler {
	return playground.Handler("Rungs GraphiQL", endpoint)
}

// presentError gives every error an extensions.code. *rungs.Error keeps its
// code, message key and field; gqlgen's own parse and validation errors keep
// theirs; anything else is internal: logged with the request id and shown
// only as "internal error".
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var re *rungs.Error
		if errors.As(err, &re) {
			gqlErr.Message = re.Message
			ext := map[string]any{"code": re.Code}
			if re.Key != "" {
				ext["key"] = re.Key
			}
			if re.Field != "" {
				ext["field"] = re.Field
			}
			if len(re.Details) > 0 {
				details := make([]map[string]any, 0, len(re.Details))
				for _, d := range re.Details {
					details = append(details, map[string]any{"field": d.Field, "key": d.Key, "message": d.Message})
				}
				ext["details"] = details
			}
			gqlErr.Extensions = ext
			return gqlErr
		}
		if code, ok := gqlErr.Extensions["code"].(string); ok {
			// gqlgen's own parse, validation and limit errors: the client
			// sent a query we refuse, so BAD_USER_INPUT with the reason.
			if key, known := protocolKeys[code]; known {
				gqlErr.Extensions["code"] = rungs.ErrBadUserInput
				gqlErr.Extensions["key"] = key
				gqlErr.Extensions["reason"] = code
			}
			return gqlErr
		}
		logger.ErrorContext(ctx, "internal error", "err", err, "path", gqlErr.Path.String())
		gqlErr.Message = "internal error"
		gqlErr.Extensions = map[string]any{
			"code":      rungs.ErrInternal,
			"key":       "internal",
			"requestId": telemetry.RequestIDFromContext(ctx),
		}
		return gqlErr
	}
}

// protocolKeys are the message keys of errors gqlgen raises itself.
var protocolKeys = map[string]string{
	"GRAPHQL_PARSE_FAILED":      "query.parse_failed",
	"GRAPHQL_VALIDATION_FAILED": "query.invalid",
	"COMPLEXITY_LIMIT_EXCEEDED": "query.too_complex",
	"QUERY_TOO_DEEP":            "query.too_deep",
	"INTROSPECTION_DISABLED":    "query.introspection_disabled",
}

// noIntrospection refuses schema introspection up front in production mode,
// with a clear error instead of a failing field.
type noIntrospection struct{}

func (noIntrospection) ExtensionName() string                          { return "NoIntrospection" }
func (noIntrospection) Validate(schema graphql.ExecutableSchema) error { return nil }

func (noIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	for _, sel := range oc.Operation.SelectionSet {
		if f, ok := sel.(*ast.Field); ok && (f.Name == "__schema" || f.Name == "__type") {
			err := gqlerror.Errorf("introspection is disabled in production mode")
			err.Extensions = map[string]any{"code": "INTROSPECTION_DISABLED"}
			return err
		}
	}
	return nil
}

// depthLimit refuses operations nested deeper than max, before any
// resolver runs. gqlgen has complexity limits but no depth limit.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                          { return "DepthLimit" }
func (depthLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	depth := selectionDepth(oc.Operation.SelectionSet, oc.Doc.Fragments, 0, map[string]bool{})
	if depth > d.max {
		err := gqlerror.Errorf("query is nested %d levels deep; the limit is %d", depth, d.max)
		err.Extensions = map[string]any{"code": "QUERY_TOO_DEEP", "key": "query.too_deep", "depth": depth, "limit": d.max}
		return err
	}
	return nil
}

// selectionDepth is the depth of the deepest field in set. Fragment spreads
// count at the depth they are spread at; seen stops fragment cycles (which
// validation rejects anyway).
func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, depth int, seen map[string]bool) int {
	deepest := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			d = selectionDepth(s.SelectionSet, frags, depth+1, seen)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, depth, seen)
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			if f := frags.ForName(s.Name); f != nil {
				seen[s.Name] = true
				d = selectionDepth(f.SelectionSet, frags, depth, seen)
				delete(seen, s.Name)
			}
		default:
			panic(fmt.Sprintf("graph: unknown selection %T", sel))
		}
		if d > deepest {
			deepest = d
		}
	}
	return deepest
}
