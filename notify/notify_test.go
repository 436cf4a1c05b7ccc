package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/notify"
)

// assigned are the params of a course notice due in two days.
var assigned = `{"course_code": "CS-1", "course_title_en": "Tone", "course_title_zh": "语气", "due_on": "` + dbtest.Date(2) + `"}`

func ids(ns []*notify.Notification) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFeedBatchAndPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	w := newWorld(t, db)
	s := notify.NewStore(db)
	a, b, c := w.person("A", "en"), w.person("B", "zh-CN"), w.person("C", "")

	// a: five, the last three created in the same instant (ties break by id).
	a1 := w.notify(a, "COURSE_ASSIGNED", assigned, 500)
	a2 := w.notify(a, "DUE_SOON", assigned, 400)
	a3 := w.notify(a, "OVERDUE", assigned, 100)
	a4 := w.notify(a, "OVERDUE", assigned, 100)
	a5 := w.notify(a, "OVERDUE", assigned, 100)
	b1 := w.notify(b, "COURSE_ASSIGNED", assigned, 50)
	b2 := w.notify(b, "COURSE_ASSIGNED", assigned, 10)
	w.exec(`UPDATE notifications SET read_at = now() WHERE id = ANY(ARRAY[$1, $2]::bigint[])`, a5, b2)
	newestFirst := []int64{a5, a4, a3, a2, a1}

	feeds, err := s.Feed(ctx, []int64{a, b, c, a}, 3, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 4 || !equal(ids(feeds[0]), newestFirst[:3]) || !equal(ids(feeds[1]), []int64{b2, b1}) ||
		len(feeds[2]) != 0 || feeds[2] == nil || !equal(ids(feeds[3]), newestFirst[:3]) {
		t.Fatalf("Feed = %v %v %v %v", ids(feeds[0]), ids(feeds[1]), ids(feeds[2]), ids(feeds[3]))
	}
	unread, err := s.Feed(ctx, []int64{a, b}, 10, true)
	if err != nil {
		t.Fatal(err)
	}
	if !equal(ids(unread[0]), []int64{a4, a3, a2, a1}) || !equal(ids(unread[1]), []int64{b1}) {
		t.Errorf("unread feeds = %v %v", ids(unread[0]), ids(unread[1]))
	}
	if got := feeds[1][0]; got.Params["course_title_zh"] != "语气" || got.Kind != notify.KindCourseAssigned ||
		!got.ReadAt.Valid || got.RecipientID != b {
		t.Errorf("decoded notification = %+v", got)
	}

	// Page through a's feed two at a time.
	var seen []int64
	var after *notify.Cursor
	for page := 0; ; page++ {
		p, err := s.FeedPage(ctx, a, 2, after, false)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, ids(p.Notifications)...)
		if want := page < 2; p.HasNextPage != want {
			t.Errorf("page %d: HasNextPage = %v, want %v", page, p.HasNextPage, want)
		}
		if !p.HasNextPage {
			break
		}
		// Through the opaque form clients see.
		if after, err = notify.ParseCursor(p.EndCursor.String()); err != nil {
			t.Fatal(err)
		}
	}
	if !equal(seen, newestFirst) {
		t.Errorf("paged = %v, want %v", seen, newestFirst)
	}
	p, err := s.FeedPage(ctx, a, 100, nil, true)
	if err != nil || !equal(ids(p.Notifications), []int64{a4, a3, a2, a1}) || p.HasNextPage {
		t.Errorf("unread page = %v, %v", p, err)
	}
	p, err = s.FeedPage(ctx, c, 10, nil, false)
	if err != nil || len(p.Notifications) != 0 || p.Notifications == nil || p.EndCursor != nil {
		t.Errorf("empty page = %+v, %v", p, err)
	}

	for _, first := range []int{0, 101, -1} {
		if _, err := s.FeedPage(ctx, a, first, nil, false); rungs.ErrorCode(err) != rungs.ErrBadUserInput {
			t.Errorf("FeedPage first=%d: %v, want BAD_USER_INPUT", first, err)
		}
	}
	for _, bad := range []string{"nonsense", "e30", "eyJpIjowfQ"} { // "{}", {"i":0}
		if _, err := notify.ParseCursor(bad); rungs.ErrorCode(err) != rungs.ErrBadUserInput {
			t.Errorf("ParseCursor(%q): %v, want BAD_USER_INPUT", bad, err)
		}
	}

	counts, err := s.UnreadCounts(ctx, []int64{b, c, a})
	if err != nil || counts[0] != 1 || counts[1] != 0 || counts[2] != 4 {
		t.Errorf("UnreadCounts = %v, %v; want [1 0 4]", counts, err)
	}
}

func TestMarkReadTouchesOnlyOwnNotifications(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	w := newWorld(t, db)
	s := notify.NewStore(db)
	at := dbtest.Today().Add(8 * time.Hour)
	s.Now = func() time.Time { return at }
	a, b := w.person("A", "en"), w.person("B", "en")
	a1 := w.notify(a, "DUE_SOON", assigned, 30)
	a2 := w.notify(a, "DUE_SOON", assigned, 20)
	a3 := w.notify(a, "DUE_SOON", assigned, 10)
	b1 := w.notify(b, "DUE_SOON", assigned, 10)
	b2 := w.notify(b, "DUE_SOON", assigned, 5)
	viewerA := &auth.Viewer{EmployeeID: a, Roles: []auth.Role{auth.RoleEmployee}}
	// HR holds no right to mark someone else's notifications either.
	viewerB := &auth.Viewer{EmployeeID: b, Roles: []auth.Role{auth.RoleEmployee, auth.RoleHR, auth.RoleAdmin}}

	n, err := s.MarkRead(ctx, viewerA, []int64{a1, b1, a2, 999999}, false)
	if err != nil || n != 2 {
		t.Fatalf("MarkRead = %d, %v; want 2 (b's and unknown ids untouched)", n, err)
	}
	if n, _ := s.MarkRead(ctx, viewerA, []int64{a1}, false); n != 0 {
		t.Errorf("marking a read one again counted %d", n)
	}
	if got := w.count(`SELECT count(*) FROM notifications WHERE read_at = $1 AND id = ANY(ARRAY[$2, $3]::bigint[])`, at, a1, a2); got != 2 {
		t.Errorf("read_at not stamped with the store clock on a1, a2")
	}
	if got := w.count(`SELECT count(*) FROM notifications WHERE recipient_id = $1 AND read_at IS NOT NULL`, b); got != 0 {
		t.Errorf("%d of b's notifications were marked read by a", got)
	}
	n, err = s.MarkRead(ctx, viewerB, []int64{a3}, false)
	if err != nil || n != 0 {
		t.Errorf("b marking a's notification = %d, %v; want 0", n, err)
	}
	n, err = s.MarkRead(ctx, viewerB, nil, true)
	if err != nil || n != 2 {
		t.Errorf("b marking all = %d, %v; want 2", n, err)
	}
	counts, _ := s.UnreadCounts(ctx, []int64{a, b})
	if counts[0] != 1 || counts[1] != 0 {
		t.Errorf("unread after = %v, want [1 0] (a3 still unread)", counts)
	}
	if n, err := s.MarkRead(ctx, viewerA, nil, false); n != 0 || err != nil {
		t.Errorf("no ids, not all = %d, %v", n, err)
	}
	if _, err := s.MarkRead(ctx, nil, []int64{a3}, false); rungs.ErrorCode(err) != rungs.ErrUnauthenticated {
		t.Errorf("anonymous MarkRead: %v, want UNAUTHENTICATED", err)
	}
	if _, err := s.MarkRead(ctx, viewerA, make([]int64, notify.MaxMarkRead+1), false); rungs.ErrorCode(err) != rungs.ErrBadUserInput {
		t.Errorf("too many ids: %v, want BAD_USER_INPUT", err)
	}
	_ = b2
}

func TestLocales(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	w := newWorld(t, db)
	s := notify.NewStore(db)
	en, zh, none := w.person("En", "en"), w.person("Zh", "zh-CN"), w.person("None", "")

	got, err := s.Locales(ctx, []int64{none, en, zh, 424242})
	if err != nil || got[0] != "zh-CN" || got[1] != "en" || got[2] != "zh-CN" || got[3] != "zh-CN" {
		t.Fatalf("Locales = %v, %v", got, err)
	}

	tests := []struct {
		name   string
		viewer *auth.Viewer
		locale string
		code   string
		want   string
	}{
		{"OK", &auth.Viewer{EmployeeID: zh}, "en", "", "en"},
		{"OKForgiving", &auth.Viewer{EmployeeID: en}, " zh_cn ", "", "zh-CN"},
		{"ErrLocaleInvalid", &auth.Viewer{EmployeeID: en}, "fr", rungs.ErrBadUserInput, ""},
		{"ErrNoSignIn", &auth.Viewer{EmployeeID: none}, "en", rungs.ErrNotFound, ""},
		{"ErrAnonymous", nil, "en", rungs.ErrUnauthenticated, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.SetLocale(ctx, tc.viewer, tc.locale)
			if rungs.ErrorCode(err) != tc.code {
				t.Fatalf("SetLocale: %v, want code %q", err, tc.code)
			}
			if tc.code == rungs.ErrBadUserInput {
				if e, _ := err.(*rungs.Error); e == nil || e.Key != "notify.locale.invalid" || e.Field != "locale" {
					t.Errorf("error = %#v, want key notify.locale.invalid on locale", err)
				}
			}
			if tc.want != "" {
				got, _ := s.Locales(ctx, []int64{tc.viewer.EmployeeID})
				if got[0] != tc.want {
					t.Errorf("locale now %q, want %q", got[0], tc.want)
				}
			}
		})
	}
}

func TestInsert(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	w := newWorld(t, db)
	a, b := w.person("A", "en"), w.person("B", "")
	startsAt := dbtest.Day(2).Add(90 * time.Minute).Format(time.RFC3339) // "…T01:30:00Z"
	n, err := notify.Insert(ctx, db, notify.KindWaitlistPromoted, []int64{a, b, a},
		map[string]any{"course_title_en": "Tone", "starts_at": startsAt})
	if err != nil || n != 2 {
		t.Fatalf("Insert = %d, %v; want 2 (duplicates collapse)", n, err)
	}
	feeds, _ := notify.NewStore(db).Feed(ctx, []int64{b}, 10, false)
	if len(feeds[0]) != 1 || feeds[0][0].Params["starts_at"] != startsAt {
		t.Errorf("inserted = %+v", feeds[0])
	}
}
