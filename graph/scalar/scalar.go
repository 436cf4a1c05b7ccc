// Package scalar holds the GraphQL scalars that bind to Go types of our own
// choosing: int64 ids (opaque strings on the wire), dates and instants.
package scalar

import (
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/internal/daterange"
)

// MarshalInt64ID writes an int64 id as a GraphQL ID string.
func MarshalInt64ID(id int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(strconv.FormatInt(id, 10)))
	})
}

// UnmarshalInt64ID reads a GraphQL ID into an int64, refusing anything that
// is not a positive whole number with BAD_USER_INPUT.
func UnmarshalInt64ID(v any) (int64, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case json.Number:
		s = v.String()
	case int64:
		s = strconv.FormatInt(v, 10)
	case int:
		s = strconv.Itoa(v)
	default:
		return 0, rungs.Errorf(rungs.ErrBadUserInput, "id.invalid", "%v is not a valid id", v)
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, rungs.Errorf(rungs.ErrBadUserInput, "id.invalid", "%q is not a valid id", s)
	}
	return id, nil
}

// DateLayout is the wire form of the Date scalar.
const DateLayout = "2006-01-02"

// MarshalDate writes a date as YYYY-MM-DD. It takes the context only
// because gqlgen pairs a context-aware UnmarshalDate with a context-aware
// marshaler.
func MarshalDate(t time.Time) graphql.ContextMarshaler {
	return graphql.ContextWriterFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, strconv.Quote(t.Format(DateLayout)))
		return err
	})
}

// UnmarshalDate reads YYYY-MM-DD within the dates Rungs accepts
// (daterange: 1990-01-01 to ten years after clock.Today()), for every Date
// argument and input field, written in the query or passed as a variable.
// Anything else is BAD_USER_INPUT naming the field ("input.dueOn", "from"):
// date.invalid when it is no date, date.range when it lies outside.
func UnmarshalDate(ctx context.Context, v any) (time.Time, error) {
	field := inputPath(ctx)
	s, ok := v.(string)
	if !ok {
		return time.Time{}, rungs.FieldError(field, "date.invalid", "a date must be a string YYYY-MM-DD")
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, rungs.FieldError(field, "date.invalid", "%q is not a date (YYYY-MM-DD)", s)
	}
	if today := clock.Today(); !daterange.Contains(t, today) {
		return time.Time{}, rungs.FieldError(field, "date.range", "%s is outside the dates accepted, %s to %s",
			s, daterange.Earliest.Format(DateLayout), daterange.Latest(today).Format(DateLayout))
	}
	return t, nil
}

// inputPath names the argument or input field being read, as gqlgen's
// path context holds it: "from", "input.dueOn", "input.items[2].on".
func inputPath(ctx context.Context) string {
	var parts []string
	for p := graphql.GetPathContext(ctx); p != nil; p = p.Parent {
		switch {
		case p.Index != nil:
			parts = append(parts, "["+strconv.Itoa(*p.Index)+"]")
		case p.Field != nil:
			parts = append(parts, *p.Field)
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		if b.Len() > 0 && !strings.HasPrefix(parts[i], "[") {
			b.WriteByte('.')
		}
		b.WriteString(parts[i])
	}
	return b.String()
}

// MarshalTime writes an instant in RFC 3339 (UTC).
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339)))
	})
}

// UnmarshalTime reads an RFC 3339 instant.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, rungs.Errorf(rungs.ErrBadUserInput, "time.invalid", "a time must be an RFC 3339 string")
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, rungs.Errorf(rungs.ErrBadUserInput, "time.invalid", "%q is not an RFC 3339 time", s)
	}
	return t, nil
}
