// Package scalar holds the GraphQL scalars that bind to Go types of our own
// choosing: int64 ids (opaque strings on the wire), dates and instants.
package scalar

import (
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rungs/rungs"
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

// MarshalDate writes a date as YYYY-MM-DD.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(t.Format(DateLayout)))
	})
}

// UnmarshalDate reads YYYY-MM-DD.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, rungs.Errorf(rungs.ErrBadUserInput, "date.invalid", "a date must be a string YYYY-MM-DD")
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, rungs.Errorf(rungs.ErrBadUserInput, "date.invalid", "%q is not a date (YYYY-MM-DD)", s)
	}
	return t, nil
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
