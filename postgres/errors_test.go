package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
)

// TestTranslateText: text PostgreSQL cannot store (a NUL byte, \u0000 in
// JSON) is the client's mistake, found by the driver wherever it is sent.
func TestTranslateText(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	var s string
	cases := map[string]error{
		"ErrNULInText": db.Get(&s, `SELECT $1::text`, "a\x00b"),
		"ErrNULInJSON": db.Get(&s, `SELECT ($1::jsonb)->>'a'`, `{"a": "x\u0000y"}`),
	}
	for name, err := range cases {
		t.Run(name, func(t *testing.T) {
			if err == nil {
				t.Fatal("PostgreSQL took it")
			}
			got := postgres.Translate(err, "search")
			var re *rungs.Error
			if !errors.As(got, &re) || re.Code != rungs.ErrBadUserInput || re.Key != "text.invalid_character" {
				t.Errorf("Translate(%v) = %#v, want BAD_USER_INPUT text.invalid_character", err, got)
			}
			// The same error reached without Translate (a store that passes
			// driver errors on) is classified the same way.
			if ce := postgres.ClientError(fmt.Errorf("courses: search: %w", err)); ce == nil || ce.Key != "text.invalid_character" {
				t.Errorf("ClientError = %v", ce)
			}
		})
	}
	if postgres.ClientError(errors.New("something else")) != nil {
		t.Error("ClientError of a plain error is not nil")
	}
}

// TestUnavailable: an unreachable database is told apart from a bug.
func TestUnavailable(t *testing.T) {
	t.Parallel()
	down, err := sqlx.Open("postgres", "postgres://rungs@127.0.0.1:1/rungs?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close()
	var n int
	err = down.GetContext(context.Background(), &n, `SELECT 1`)
	if err == nil || !postgres.Unavailable(fmt.Errorf("people: %w", err)) {
		t.Errorf("connection refused: Unavailable(%v) = false", err)
	}
	if postgres.Translate(err, "thing") == nil || rungs.ErrorCode(postgres.Translate(err, "thing")) != rungs.ErrInternal {
		t.Errorf("Translate turned an outage into a client error: %v", postgres.Translate(err, "thing"))
	}

	db := dbtest.New(t)
	if err := db.Get(&n, `SELECT nothing FROM nowhere`); err == nil || postgres.Unavailable(err) {
		t.Errorf("a bad statement: Unavailable(%v) = true", err)
	}
	if postgres.Unavailable(nil) || postgres.Unavailable(errors.New("x")) {
		t.Error("Unavailable of nil or a plain error")
	}
}
