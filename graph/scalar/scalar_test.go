package scalar_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/graph/scalar"
	"github.com/rungs/rungs/internal/clock"
)

func TestUnmarshalDate(t *testing.T) {
	t.Parallel()
	today := clock.Today()
	// The path gqlgen builds while it reads input.dueOn.
	ctx := graphql.WithPathContext(context.Background(), graphql.NewPathWithField("input"))
	ctx = graphql.WithPathContext(ctx, graphql.NewPathWithField("dueOn"))
	cases := []struct {
		in  any
		key string // "" when accepted
	}{
		{today.Format(scalar.DateLayout), ""},
		{"1990-01-01", ""}, // fixed-date: the first day accepted, whatever the day
		{today.AddDate(10, 0, 0).Format(scalar.DateLayout), ""},
		{today.AddDate(10, 0, 1).Format(scalar.DateLayout), "date.range"},
		{"1989-12-31", "date.range"},   // fixed-date: refused whatever the day
		{"0001-01-01", "date.range"},   // fixed-date: refused whatever the day
		{"9999-12-31", "date.range"},   // fixed-date: refused whatever the day
		{"2030-02-30", "date.invalid"}, // fixed-date: no such day in any year
		{"tomorrow", "date.invalid"},
		{42, "date.invalid"},
	}
	for _, c := range cases {
		got, err := scalar.UnmarshalDate(ctx, c.in)
		if c.key == "" {
			if err != nil || got.Format(scalar.DateLayout) != c.in {
				t.Errorf("UnmarshalDate(%v) = %s, %v", c.in, got, err)
			}
			continue
		}
		var re *rungs.Error
		if !errors.As(err, &re) || re.Code != rungs.ErrBadUserInput || re.Key != c.key || re.Field != "input.dueOn" {
			t.Errorf("UnmarshalDate(%v): %#v, want BAD_USER_INPUT %s on input.dueOn", c.in, err, c.key)
		}
	}

	// An argument of its own, and a list element.
	arg := graphql.WithPathContext(context.Background(), graphql.NewPathWithField("from"))
	if _, err := scalar.UnmarshalDate(arg, "0001-01-01"); err == nil || err.(*rungs.Error).Field != "from" { // fixed-date: absurd input
		t.Errorf("argument: %v", err)
	}
	item := graphql.WithPathContext(context.Background(), graphql.NewPathWithField("days"))
	item = graphql.WithPathContext(item, graphql.NewPathWithIndex(2))
	if _, err := scalar.UnmarshalDate(item, "0001-01-01"); err == nil || err.(*rungs.Error).Field != "days[2]" { // fixed-date: absurd input
		t.Errorf("list element: %v", err)
	}
}

func TestMarshalDate(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	d := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)                                                                  // fixed-date: output is never refused
	if err := scalar.MarshalDate(d).MarshalGQLContext(context.Background(), &b); err != nil || b.String() != `"0001-01-01"` { // fixed-date: output is never refused
		t.Errorf("MarshalDate = %s, %v", b.String(), err)
	}
}
