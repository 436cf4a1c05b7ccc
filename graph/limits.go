package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
)

// DocumentLimits bound the shape of a GraphQL document. They are checked on
// the raw document before gqlgen validates it, because validation is where
// an anonymous caller can make the server work hardest: gqlparser's
// OverlappingFieldsCanBeMerged compares fields with the same response name
// pairwise, so 5,000 `__typename` in one selection set (55 KB) cost seconds
// of CPU. The limits are counted on the parsed document in one pass, each
// fragment counted once however often it is spread, so checking costs time
// linear in the document's size.
type DocumentLimits struct {
	// Tokens is the most lexical tokens (names, punctuation, values). The
	// lexer stops counting there: a 1 MiB document costs no more than one
	// at the limit.
	Tokens int
	// Fields is the most fields a document may select: those written in
	// it, and those its largest operation selects with every fragment spread
	// counted each time (fragments spreading fragments multiply: five
	// aliases each spreading the next of ten fragments select ten million
	// fields, and gqlgen's complexity count walks every one). Each fragment's
	// count is computed once, so this stays linear too.
	Fields int
	// Fragments is the most fragment definitions; validation compares the
	// fragments spread in one selection set pairwise.
	Fragments int
	// Repeats is how often one response key may be selected at one place
	// of the response (inline fragments merge into their parent, so the same
	// key under `... on A` and `... on B` counts twice), and how often one
	// fragment may be spread there. Pairwise comparison costs the square of
	// this, at every level.
	Repeats int
}

// DefaultDocumentLimits are the limits NewHandler enforces. The largest
// documents the web app sends have 850 tokens, 200 fields, 2 fragments and
// no key twice at one place (TestWebAppDocumentsWithinLimits prints the
// figures and fails when one comes within half of a limit). Within these
// limits the worst documents we could build validate in about 10 ms on one
// core; without them 5,000 `__typename` took 1.3 s.
func DefaultDocumentLimits() DocumentLimits {
	return DocumentLimits{Tokens: 10000, Fields: 1000, Fragments: 20, Repeats: 5}
}

// DocumentStats is the shape of one document, in the terms of DocumentLimits.
type DocumentStats struct {
	Tokens, Fields, Fragments, Repeats int
}

// MeasureDocument parses query and returns its shape, for tests and for
// choosing limits.
func MeasureDocument(query string) (DocumentStats, error) {
	tokens, err := countTokens(query, 0)
	if err != nil {
		return DocumentStats{}, err
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return DocumentStats{}, err
	}
	sh := shapeOf(doc, DocumentLimits{})
	sh.expand(doc)
	s := sh.DocumentStats
	s.Tokens = tokens
	return s, nil
}

// countTokens counts the lexical tokens of query (comments included, as
// the parser counts them), stopping once it passes max (0: no limit).
func countTokens(query string, max int) (int, error) {
	lx := lexer.New(&ast.Source{Input: query})
	n := 0
	for {
		tok, err := lx.ReadToken()
		if err != nil {
			return n, err
		}
		if tok.Kind == lexer.EOF {
			return n, nil
		}
		n++
		if max > 0 && n > max {
			return n, nil
		}
	}
}

// shape walks a document once, counting as it goes.
type shape struct {
	DocumentStats
	// places interns response paths: each (parent place, key) pair is one
	// place, and its count is how often the key was selected there.
	places        map[place]*placeCount
	nextPlace     int
	introspection bool
	// stopAt ends the walk as soon as a count passes it (zero: walk it all).
	stopAt DocumentLimits
}

type place struct {
	parent int
	key    string
}

type placeCount struct{ id, n int }

func shapeOf(doc *ast.QueryDocument, stopAt DocumentLimits) *shape {
	s := &shape{places: map[place]*placeCount{}, stopAt: stopAt}
	s.Fragments = len(doc.Fragments)
	// Fragments are not expanded: each definition's places are its own.
	for _, op := range doc.Operations {
		s.walk(op.SelectionSet, s.newPlace())
	}
	for _, f := range doc.Fragments {
		s.walk(f.SelectionSet, s.newPlace())
	}
	return s
}

func (s *shape) newPlace() int {
	s.nextPlace++
	return s.nextPlace
}

// at counts one selection of key under parent and returns its place.
func (s *shape) at(parent int, key string) int {
	p := place{parent, key}
	c := s.places[p]
	if c == nil {
		c = &placeCount{id: s.newPlace()}
		s.places[p] = c
	}
	c.n++
	s.Repeats = max(s.Repeats, c.n)
	return c.id
}

func (s *shape) over() bool {
	l := s.stopAt
	return l != (DocumentLimits{}) && (s.Fields > l.Fields || s.Repeats > l.Repeats)
}

func (s *shape) walk(set ast.SelectionSet, parent int) {
	for _, sel := range set {
		if s.over() {
			return
		}
		switch x := sel.(type) {
		case *ast.Field:
			s.Fields++
			if x.Name == "__schema" || x.Name == "__type" {
				s.introspection = true
			}
			key := x.Alias
			if key == "" {
				key = x.Name
			}
			s.walk(x.SelectionSet, s.at(parent, key))
		case *ast.InlineFragment:
			s.walk(x.SelectionSet, parent)
		case *ast.FragmentSpread:
			s.at(parent, "..."+x.Name)
		}
	}
}

// expand raises Fields to the number of fields the largest operation
// selects with fragments expanded, counting each fragment once (memo) and
// stopping at a bound far past any limit.
func (s *shape) expand(doc *ast.QueryDocument) {
	const ceiling = 1 << 40
	frags := make(map[string]*ast.FragmentDefinition, len(doc.Fragments))
	for _, f := range doc.Fragments {
		frags[f.Name] = f
	}
	memo := map[string]int{}
	var count func(set ast.SelectionSet) int
	count = func(set ast.SelectionSet) int {
		n := 0
		for _, sel := range set {
			switch x := sel.(type) {
			case *ast.Field:
				n += 1 + count(x.SelectionSet)
			case *ast.InlineFragment:
				n += count(x.SelectionSet)
			case *ast.FragmentSpread:
				c, done := memo[x.Name]
				if !done {
					memo[x.Name] = 0 // a cycle counts nothing; validation refuses it
					if f := frags[x.Name]; f != nil {
						c = count(f.SelectionSet)
					}
					memo[x.Name] = c
				}
				n += c
			}
			n = min(n, ceiling)
		}
		return n
	}
	for _, op := range doc.Operations {
		s.Fields = max(s.Fields, count(op.SelectionSet))
	}
}

// documentGuard refuses documents over the limits, and in production mode
// any that asks for the schema (__schema or __type anywhere, fragments
// included), before gqlgen parses and validates them. A document already
// in the query cache passed both once and is let through unchecked.
type documentGuard struct {
	limits        DocumentLimits
	noIntrospect  bool
	validatedDocs graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = documentGuard{}

func (documentGuard) ExtensionName() string                          { return "DocumentGuard" }
func (documentGuard) Validate(schema graphql.ExecutableSchema) error { return nil }

func (g documentGuard) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if g.validatedDocs != nil {
		if _, ok := g.validatedDocs.Get(ctx, params.Query); ok {
			return nil
		}
	}
	n, err := countTokens(params.Query, g.limits.Tokens)
	if err != nil {
		return nil // gqlgen's parser reports it, with its position
	}
	if n > g.limits.Tokens {
		return refusal("QUERY_TOO_LARGE", "the query has more than %d tokens", g.limits.Tokens)
	}
	doc, perr := parser.ParseQuery(&ast.Source{Input: params.Query})
	if perr != nil {
		return nil
	}
	if len(doc.Fragments) > g.limits.Fragments {
		return refusal("QUERY_TOO_MANY_FRAGMENTS", "the query defines %d fragments; the limit is %d", len(doc.Fragments), g.limits.Fragments)
	}
	s := shapeOf(doc, g.limits)
	if !s.over() {
		s.expand(doc)
	}
	switch {
	case s.Fields > g.limits.Fields:
		return refusal("QUERY_TOO_MANY_FIELDS", "the query selects more than %d fields", g.limits.Fields)
	case s.Repeats > g.limits.Repeats:
		return refusal("QUERY_REPEATED_FIELD", "the query selects the same field more than %d times in one place", g.limits.Repeats)
	case g.noIntrospect && s.introspection:
		return refusal("INTROSPECTION_DISABLED", "introspection is disabled in production mode")
	}
	return nil
}

// refusal is a document refused before validation; presentError turns the
// code into BAD_USER_INPUT with the key from protocolKeys.
func refusal(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code}
	return err
}
