package graph

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The transports are gqlgen's, each behind a stricter front: what a client
// gets wrong about the request itself is answered with a coded error and a
// 4xx here, before gqlgen, whose own answers to these are uncoded (so they
// were shown and logged as internal errors) and, for a body it cannot
// decode, quote the body (passwords included) in the error.

// postJSON is the POST transport for JSON bodies: gqlgen's, but decoding
// the body once and strictly itself. It reads the whole body (limitBody caps
// it), refuses a batch (a JSON array) and anything that is not one JSON
// object of a GraphQL request, then runs the operation as gqlgen's POST
// does: the response is application/graphql-response+json when the client
// accepts it (protocol errors 400), else application/json (422).
type postJSON struct {
	transport.POST // for Supports: POST with Content-Type application/json
	logger         *slog.Logger
}

func (t postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			// A chunked body has no Content-Length: its size is found here.
			auth.WriteError(w, http.StatusRequestEntityTooLarge, errTooLarge(tooLarge.Limit))
			return
		}
		auth.WriteError(w, http.StatusBadRequest, rungs.Errorf(rungs.ErrBadUserInput, "request.unreadable", "the request body could not be read"))
		return
	}
	params, re := decodeJSONBody(body)
	if re != nil {
		// Never the body: it may hold a password. Its size and a digest let
		// an operator match repeated attempts.
		t.logger.InfoContext(r.Context(), "refused a request body", "key", re.Key, "bytes", len(body), "sha256", digest(body))
		auth.WriteError(w, http.StatusBadRequest, re)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	graphQLResponse := acceptsGraphQLResponse(r)
	if graphQLResponse {
		w.Header().Set("Content-Type", "application/graphql-response+json")
	} else {
		w.Header().Set("Content-Type", "application/json")
	}
	ctx := r.Context()
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		status := http.StatusOK
		if errcode.GetErrorKind(opErr) == errcode.KindProtocol {
			status = http.StatusUnprocessableEntity
			if graphQLResponse {
				status = http.StatusBadRequest
			}
		}
		w.WriteHeader(status)
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

// acceptsGraphQLResponse reports whether the client asks for
// application/graphql-response+json before application/json (urql does).
func acceptsGraphQLResponse(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept"), ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "application/graphql-response+json":
			return true
		case "application/json", "application/*", "*/*":
			return false
		}
	}
	return false
}

func writeResponse(w io.Writer, res *graphql.Response) {
	b, err := json.Marshal(res)
	if err != nil {
		panic(fmt.Errorf("graph: marshal the response: %w", err)) // recovered as a 500
	}
	w.Write(b)
}

// decodeJSONBody decodes body as gqlgen does (numbers kept as text), or
// says what is wrong with it.
func decodeJSONBody(body []byte) (*graphql.RawParams, *rungs.Error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return nil, rungs.Errorf(rungs.ErrBadUserInput, "request.batch_unsupported",
			"batched requests (a JSON array) are not supported: send one request per POST")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var params graphql.RawParams
	if err := dec.Decode(&params); err != nil {
		return nil, errMalformedJSON()
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errMalformedJSON() // something after the object
	}
	return &params, nil
}

func errMalformedJSON() *rungs.Error {
	return rungs.Errorf(rungs.ErrBadUserInput, "request.malformed_json",
		`the request body is not a GraphQL request in JSON ({"query": …, "variables": {…}})`)
}

// digest is a short fingerprint of a body for the log.
func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// preflightHeaders are the headers that show a request came from a script
// of a page allowed to send it: a cross-site HTML form cannot set any
// header, and a cross-site script setting one must first pass a CORS
// preflight, which this server never grants. The names are Apollo's CSRF
// prevention's, so any GraphQL client that knows them works.
var preflightHeaders = []string{"GraphQL-Require-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"}

// multipartForm is gqlgen's multipart transport for uploads, for requests
// that carry one of preflightHeaders and at least one file. A multipart
// request is a "simple" request a form on any site can send with the
// user's cookie (the refresh cookie is SameSite=Strict, but the transport
// must not rely on one cookie's attributes), and without these checks it
// ran any operation: a form post of `mutation { logout }` did.
type multipartForm struct {
	transport.MultipartForm
}

func (t multipartForm) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	preflighted := false
	for _, h := range preflightHeaders {
		if r.Header.Get(h) != "" {
			preflighted = true
		}
	}
	if !preflighted {
		auth.WriteError(w, http.StatusBadRequest, rungs.Errorf(rungs.ErrBadUserInput, "request.preflight_required",
			"a multipart request must carry a GraphQL-Require-Preflight header"))
		return
	}
	t.MultipartForm.Do(w, r, uploadRequired{GraphExecutor: exec})
}

// uploadRequired refuses an operation sent as multipart without a file:
// everything else goes as JSON.
type uploadRequired struct {
	graphql.GraphExecutor
}

func (u uploadRequired) CreateOperationContext(ctx context.Context, params *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	if !hasUpload(params.Variables) {
		stateFrom(ctx).setStatus(http.StatusBadRequest)
		err := gqlerror.Errorf("a multipart request must upload at least one file; send other operations as JSON")
		err.Extensions = map[string]any{"code": "UPLOAD_REQUIRED"}
		return &graphql.OperationContext{}, gqlerror.List{err}
	}
	return u.GraphExecutor.CreateOperationContext(ctx, params)
}

// hasUpload reports whether v holds a file the multipart transport put in.
func hasUpload(v any) bool {
	switch x := v.(type) {
	case graphql.Upload, *graphql.Upload:
		return true
	case map[string]any:
		for _, e := range x {
			if hasUpload(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasUpload(e) {
				return true
			}
		}
	}
	return false
}

// unsupported takes every request no other transport does (added last): a
// text/plain or urlencoded body (what a cross-site form posts), a GraphQL
// document as the body. gqlgen's own answer is an uncoded 400.
type unsupported struct{}

func (unsupported) Supports(*http.Request) bool { return true }

func (unsupported) Do(w http.ResponseWriter, r *http.Request, _ graphql.GraphExecutor) {
	auth.WriteError(w, http.StatusUnsupportedMediaType, rungs.Errorf(rungs.ErrBadUserInput, "request.unsupported_type",
		"send a POST with Content-Type application/json (or multipart/form-data for uploads)"))
}

// requestState is what the error presenter learns about a request that
// decides its HTTP status: gqlgen answers execution errors with 200, but a
// request the database could not serve is a 503, as /readyz says.
type requestState struct {
	status atomic.Int32
	warned atomic.Bool
}

type stateKey struct{}

// stateFrom returns the request's state, or a throw-away one outside
// withRequestState.
func stateFrom(ctx context.Context) *requestState {
	if st, ok := ctx.Value(stateKey{}).(*requestState); ok {
		return st
	}
	return &requestState{}
}

// setStatus makes status the response's, if the response has not begun.
func (st *requestState) setStatus(status int) { st.status.Store(int32(status)) }

// firstWarning is true once per request, so an outage logs one line per
// request, not one per field.
func (st *requestState) firstWarning() bool { return !st.warned.Swap(true) }

// withRequestState gives each request a state and writes the status it
// asks for in place of the transport's.
func withRequestState(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &requestState{}
		next.ServeHTTP(&statusWriter{ResponseWriter: w, state: st}, r.WithContext(context.WithValue(r.Context(), stateKey{}, st)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	state   *requestState
	started bool
}

func (w *statusWriter) WriteHeader(code int) {
	if w.started {
		return
	}
	w.started = true
	if s := w.state.status.Load(); s != 0 {
		code = int(s)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.started {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
