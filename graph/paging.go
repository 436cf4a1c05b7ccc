package graph

import (
	"encoding/base64"
	"encoding/json"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/people"
)

// MaxPage is the largest page any list returns.
const MaxPage = 100

// pageSize checks a `first` argument: absent means def, and anything outside
// 0..MaxPage is refused rather than silently clamped.
func pageSize(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > MaxPage {
		return 0, rungs.FieldError("first", "page.first.range", "first must be between 0 and %d", MaxPage)
	}
	return *first, nil
}

// pageCost is what one item of a list field costs in the complexity limit:
// the page size asked for (the default when absent, MaxPage when invalid, so
// a bad value is never cheap).
func pageCost(first *int, def int) int {
	if first == nil {
		return def
	}
	if *first < 0 || *first > MaxPage {
		return MaxPage
	}
	return max(*first, 1)
}

func encodeCursor(c people.Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads an `after` argument; nil when absent.
func decodeCursor(after *string) (*people.Cursor, error) {
	if after == nil || *after == "" {
		return nil, nil
	}
	var c people.Cursor
	b, err := base64.RawURLEncoding.DecodeString(*after)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID <= 0 {
		return nil, rungs.FieldError("after", "page.cursor.invalid", "after is not a cursor this list gave out")
	}
	return &c, nil
}
