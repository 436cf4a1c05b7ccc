package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
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
	// Document bounds the document's shape before validation; each zero
	// field takes its DefaultDocumentLimits value.
	Document DocumentLimits
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
	d := DefaultDocumentLimits()
	if l.Document.Tokens == 0 {
		l.Document.Tokens = d.Tokens
	}
	if l.Document.Fields == 0 {
		l.Document.Fields = d.Fields
	}
	if l.Document.Fragments == 0 {
		l.Document.Fragments = d.Fragments
	}
	if l.Document.Repeats == 0 {
		l.Document.Repeats = d.Repeats
	}
}

// NewHandler builds the GraphQL endpoint with handler.New and only the
// transports we mean: POST (JSON and graphql-response+json) and multipart
// uploads, each behind a stricter front (transport.go). Introspection and
// "did you mean" suggestions are on outside production mode only.
//
// What an anonymous caller can make the server do is bounded before any
// real work: the body's size (limitBody), its JSON (postJSON), the
// document's shape before validation (documentGuard), then depth and
// complexity before execution; once the request's deadline passes no
// further field starts.
func NewHandler(r *Resolver, logger *slog.Logger, limits Limits) http.Handler {
	limits.defaults()
	srv := handler.New(NewExecutableSchema(Config{
		Resolvers:  r,
		Directives: directives(),
		Complexity: complexity(),
	}))
	srv.AddTransport(postJSON{logger: logger})
	srv.AddTransport(multipartForm{transport.MultipartForm{MaxUploadSize: limits.MaxUpload, MaxMemory: 4 << 20}})
	srv.AddTransport(unsupported{}) // last: whatever the two above do not take
	cache := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(cache)
	// The guard counts tokens itself; the parser's own limit is a backstop.
	srv.SetParserTokenLimit(limits.Document.Tokens)
	srv.Use(documentGuard{limits: limits.Document, noIntrospect: r.Production, validatedDocs: cache})
	if r.Production {
		// documentGuard refuses introspection (fragments included) before
		// validation; without the Introspection extension gqlgen refuses it too.
		srv.SetDisableSuggestion(true)
	} else {
		srv.Use(extension.Introspection{})
	}
	srv.Use(depthLimit{max: limits.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	srv.AroundRootFields(requireSignIn)
	srv.AroundFields(stopAfterDeadline)
	srv.SetErrorPresenter(presentError(logger, r.Production))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "panic", p, "stack", string(debug.Stack()))
		return errors.New("internal error")
	})
	// Authenticate, then give the request its loaders, then execute.
	return limitBody(limits, withRequestState(r.Auth.Middleware(WithLoaders(r, srv))))
}

// stopAfterDeadline refuses to start a field once the request's context is
// done (the request timed out or the client left): the work stops instead
// of running on for an answer nobody will read.
func stopAfterDeadline(ctx context.Context, next graphql.Resolver) (any, error) {
	if ctx.Err() != nil {
		return nil, errRequestTimeout()
	}
	return next(ctx)
}

func errRequestTimeout() *rungs.Error {
	return rungs.Errorf(rungs.ErrUnavailable, "request.timeout", "the request took too long and was stopped; try again")
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
			auth.WriteError(w, http.StatusRequestEntityTooLarge, errTooLarge(max))
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

func errTooLarge(max int64) *rungs.Error {
	return rungs.Errorf(rungs.ErrBadUserInput, "request.too_large", "request body is larger than %d bytes", max)
}

// graphiQLPolicy is the content security policy of the GraphiQL page: it
// loads React and GraphiQL from jsDelivr and runs an inline script, which
// the web app's policy forbids. It still may not be framed.
const graphiQLPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; " +
	"style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://cdn.jsdelivr.net; " +
	"font-src 'self' data: https://cdn.jsdelivr.net; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; frame-ancestors 'none'"

// GraphiQL serves the in-browser IDE for the endpoint (development only),
// with its own relaxed content security policy.
func GraphiQL(endpoint string) http.Handler {
	page := playground.Handler("Rungs GraphiQL", endpoint)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", graphiQLPolicy)
		page.ServeHTTP(w, r)
	})
}

// presentError gives every error an extensions.code. *rungs.Error keeps its
// code, message key and field; gqlgen's own parse, validation and limit
// errors become BAD_USER_INPUT with their key (without "did you mean" in
// production); driver errors only the client's input causes become
// BAD_USER_INPUT, an unreachable database or a passed deadline UNAVAILABLE
// (HTTP 503, logged once at WARN); anything else is internal: logged with
// the request id and shown only as "internal error". A body that cannot be
// decoded never gets here: postJSON answers it (gqlgen's POST transport
// put the whole body, passwords included, into this error's message).
func presentError(logger *slog.Logger, production bool) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var re *rungs.Error
		if !errors.As(err, &re) {
			if code, ok := gqlErr.Extensions["code"].(string); ok {
				// gqlgen's own parse, validation and limit errors: the client
				// sent a query we refuse, so BAD_USER_INPUT with the reason.
				if key, known := protocolKeys[code]; known {
					gqlErr.Extensions["code"] = rungs.ErrBadUserInput
					gqlErr.Extensions["key"] = key
					gqlErr.Extensions["reason"] = code
					if production {
						gqlErr.Message = withoutSuggestions(gqlErr.Message)
					}
				}
				return gqlErr
			}
			re = classify(ctx, err)
		}
		if re != nil {
			if re.Code == rungs.ErrUnavailable {
				st := stateFrom(ctx)
				st.setStatus(http.StatusServiceUnavailable)
				if st.firstWarning() {
					logger.WarnContext(ctx, "request answered as unavailable", "key", re.Key, "err", err)
				}
			}
			return presentRungsError(gqlErr, re)
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

// classify finds the rungs error for an error no domain package coded: the
// client's text the database cannot store, the database being unreachable,
// or the request's deadline. nil when it is none of these (an internal
// error).
func classify(ctx context.Context, err error) *rungs.Error {
	if ce := postgres.ClientError(err); ce != nil {
		return ce
	}
	if postgres.Unavailable(err) {
		return postgres.ErrUnavailable()
	}
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return errRequestTimeout()
	}
	return nil
}

func presentRungsError(gqlErr *gqlerror.Error, re *rungs.Error) *gqlerror.Error {
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

// withoutSuggestions cuts gqlparser's "Did you mean …?" from a validation
// message: in production it would list the schema's names to anyone who
// guesses near them. SetDisableSuggestion covers unknown fields only;
// unknown arguments, input fields, types and enum values still suggest.
func withoutSuggestions(msg string) string {
	if i := strings.Index(msg, " Did you mean"); i >= 0 {
		return msg[:i]
	}
	return msg
}

// protocolKeys are the message keys of errors gqlgen and our document
// checks raise before execution. Every one is the client's mistake: init
// registers them as protocol errors, so they are answered with a 4xx.
var protocolKeys = map[string]string{
	"GRAPHQL_PARSE_FAILED":      "query.parse_failed",
	"GRAPHQL_VALIDATION_FAILED": "query.invalid",
	"COMPLEXITY_LIMIT_EXCEEDED": "query.too_complex",
	"QUERY_TOO_DEEP":            "query.too_deep",
	"INTROSPECTION_DISABLED":    "query.introspection_disabled",
	"QUERY_TOO_LARGE":           "query.too_large",
	"QUERY_TOO_MANY_FIELDS":     "query.too_many_fields",
	"QUERY_TOO_MANY_FRAGMENTS":  "query.too_many_fragments",
	"QUERY_REPEATED_FIELD":      "query.repeated_field",
	"UPLOAD_REQUIRED":           "request.upload_required",
}

func init() {
	for code := range protocolKeys {
		errcode.RegisterErrorType(code, errcode.KindProtocol)
	}
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
	depth := selectionDepth(oc.Operation.SelectionSet, oc.Doc.Fragments, map[string]int{})
	if depth > d.max {
		err := gqlerror.Errorf("query is nested %d levels deep; the limit is %d", depth, d.max)
		err.Extensions = map[string]any{"code": "QUERY_TOO_DEEP", "key": "query.too_deep", "depth": depth, "limit": d.max}
		return err
	}
	return nil
}

// selectionDepth is the depth of the deepest field in set, its own fields
// being at depth 1. A fragment's depth does not depend on where it is
// spread, so it is computed once (memo): fragments spreading fragments
// several times each would otherwise be walked exponentially often. A
// fragment cycle (which validation refuses anyway) counts as depth 0.
func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, memo map[string]int) int {
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			d = 1 + selectionDepth(s.SelectionSet, frags, memo)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, memo)
		case *ast.FragmentSpread:
			var done bool
			if d, done = memo[s.Name]; !done {
				memo[s.Name] = 0
				if f := frags.ForName(s.Name); f != nil {
					d = selectionDepth(f.SelectionSet, frags, memo)
				}
				memo[s.Name] = d
			}
		default:
			panic(fmt.Sprintf("graph: unknown selection %T", sel))
		}
		deepest = max(deepest, d)
	}
	return deepest
}
