package notify_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/jobs"
	"github.com/rungs/rungs/notify"
	"github.com/rungs/rungs/postgres"
)

// notices returns the kinds of scheduled notices per enrolment, e.g.
// {12: ["DUE_SOON"], 13: ["DUE_SOON", "OVERDUE"]}.
func notices(t *testing.T, db *sqlx.DB) map[int64][]string {
	t.Helper()
	var rows []struct {
		Enrollment int64  `db:"enrollment_id"`
		Kind       string `db:"kind"`
	}
	if err := db.Select(&rows, `
		SELECT (params->>'enrollment_id')::bigint AS enrollment_id, kind FROM notifications
		WHERE dedupe_key IS NOT NULL ORDER BY 1, kind`); err != nil {
		t.Fatal(err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.Enrollment] = append(out[r.Enrollment], r.Kind)
	}
	return out
}

func TestScanDue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	w := newWorld(t, db)
	s := notify.NewStore(db)
	course, code := w.course("Handling Complaints", "投诉处理")
	active := func() int64 { return w.person("", "en") }
	onLeave, gone := active(), active()
	w.setStatus(onLeave, "ON_LEAVE")
	w.setStatus(gone, "OFFBOARDED")

	in3 := w.enroll(active(), course, "ASSIGNED", dbtest.Date(2))
	edge := w.enroll(active(), course, "IN_PROGRESS", dbtest.Date(3)) // today + 3
	dueToday := w.enroll(active(), course, "ASSIGNED", dbtest.Date(0))
	later := w.enroll(active(), course, "ASSIGNED", dbtest.Date(4)) // today + 4
	late := w.enroll(active(), course, "IN_PROGRESS", dbtest.Date(-1))
	w.enroll(active(), course, "COMPLETED", dbtest.Date(-30))
	w.enroll(active(), course, "WITHDRAWN", dbtest.Date(1))
	w.enroll(active(), course, "ASSIGNED", "")
	w.enroll(gone, course, "ASSIGNED", dbtest.Date(-11))
	w.enroll(onLeave, course, "ASSIGNED", dbtest.Date(1))

	// scan scans as of today + days.
	scan := func(days int) int {
		t.Helper()
		n, err := s.ScanDue(ctx, db, dbtest.Day(days))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := scan(0); n != 4 {
		t.Errorf("first scan created %d, want 4", n)
	}
	for i := 0; i < 3; i++ {
		if n := scan(0); n != 0 {
			t.Errorf("rescan created %d, want 0", n)
		}
	}
	want := map[int64][]string{in3: {"DUE_SOON"}, edge: {"DUE_SOON"}, dueToday: {"DUE_SOON"}, late: {"OVERDUE"}}
	if got := notices(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("notices = %v, want %v", got, want)
	}

	// What the notice says, read back through the store.
	var n notify.Notification
	if err := db.Get(&n, `SELECT * FROM notifications WHERE dedupe_key = $1`, fmt.Sprintf("DUE_SOON:%d:1", in3)); err != nil {
		t.Fatal(err)
	}
	if got := notify.Render(&n, "en"); got.Body != "The course Handling Complaints ("+code+") is due on "+enDate(dbtest.Day(2))+". Please complete it in time." {
		t.Errorf("rendered = %q", got.Body)
	}
	if got := notify.Render(&n, "zh-CN"); got.Title != "即将到期：投诉处理" {
		t.Errorf("rendered = %q", got.Title)
	}

	// Three days on: the due-soon ones are overdue now, and `later` is due soon.
	if n := scan(3); n != 3 {
		t.Errorf("later scan created %d, want 3", n)
	}
	want = map[int64][]string{in3: {"DUE_SOON", "OVERDUE"}, edge: {"DUE_SOON"}, dueToday: {"DUE_SOON", "OVERDUE"},
		later: {"DUE_SOON"}, late: {"OVERDUE"}}
	if got := notices(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("notices = %v, want %v", got, want)
	}

	// A re-opened enrolment (next cycle) is a new obligation with its own notices.
	w.exec(`UPDATE enrollments SET cycle = 2, due_on = $2 WHERE id = $1`, in3, dbtest.Date(5))
	if n := scan(3); n != 1 {
		t.Errorf("scan after re-open created %d, want 1", n)
	}
	if got := w.count(`SELECT count(*) FROM notifications WHERE dedupe_key = $1`, fmt.Sprintf("DUE_SOON:%d:2", in3)); got != 1 {
		t.Errorf("no DUE_SOON for cycle 2")
	}
	// Finishing stops further notices.
	w.exec(`UPDATE enrollments SET status = 'COMPLETED', completed_at = now(), started_at = now() WHERE id = $1`, in3)
	if n := scan(8); n != 2 {
		t.Errorf("scan after completion created %d, want 2 (edge and later overdue)", n)
	}
	if got := w.count(`SELECT count(*) FROM notifications WHERE dedupe_key LIKE $1`, fmt.Sprintf("OVERDUE:%d:%%", in3)); got != 1 {
		t.Errorf("completed enrolment got %d OVERDUE notices, want only cycle 1's", got)
	}
}

// An enrolment in an assessment gets the same notices, naming the
// assessment: the params carry assessment_*, not course_*.
func TestScanDueAssessment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	w := newWorld(t, db)
	s := notify.NewStore(db)
	exam, code := w.assessment("Tone Check", "语气测评")
	course, _ := w.course("Handling Complaints", "投诉处理")
	p := w.person("", "en")
	soon := w.enrollAssessment(p, exam, "ASSIGNED", dbtest.Date(2))
	late := w.enrollAssessment(w.person("", "en"), exam, "IN_PROGRESS", dbtest.Date(-1))
	w.enrollAssessment(w.person("", "en"), exam, "COMPLETED", dbtest.Date(-1))
	courseSoon := w.enroll(p, course, "ASSIGNED", dbtest.Date(1)) // the same person, in a course as well

	n, err := s.ScanDue(ctx, db, dbtest.Today())
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("scan created %d, want 3", n)
	}
	want := map[int64][]string{soon: {"DUE_SOON"}, late: {"OVERDUE"}, courseSoon: {"DUE_SOON"}}
	if got := notices(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("notices = %v, want %v", got, want)
	}

	read := func(key string) *notify.Notification {
		t.Helper()
		var n notify.Notification
		if err := db.Get(&n, `SELECT * FROM notifications WHERE dedupe_key = $1`, key); err != nil {
			t.Fatal(err)
		}
		return &n
	}
	due := read(fmt.Sprintf("DUE_SOON:%d:1", soon))
	wantParams := map[string]any{"assessment_id": float64(exam), "assessment_code": code, "assessment_title_en": "Tone Check",
		"assessment_title_zh": "语气测评", "due_on": dbtest.Date(2), "enrollment_id": float64(soon), "cycle": 1.0}
	if fmt.Sprint(map[string]any(due.Params)) != fmt.Sprint(wantParams) {
		t.Errorf("params = %v, want %v", due.Params, wantParams)
	}
	if got := notify.Render(due, "en"); got.Title != "Due soon: Tone Check" ||
		got.Body != "The assessment Tone Check ("+code+") is due on "+enDate(dbtest.Day(2))+". Please pass it in time." {
		t.Errorf("rendered = %+v", got)
	}
	if got := notify.Render(read(fmt.Sprintf("OVERDUE:%d:1", late)), "zh-CN"); got.Title != "已逾期：语气测评" ||
		got.Body != "测评《语气测评》（"+code+"）已于"+zhDate(dbtest.Day(-1))+"到期，尚未通过，请尽快通过。" {
		t.Errorf("rendered = %+v", got)
	}
	// The course notice of the same person still names the course.
	if got := notify.Render(read(fmt.Sprintf("DUE_SOON:%d:1", courseSoon)), "en"); got.Title != "Due soon: Handling Complaints" {
		t.Errorf("course notice rendered = %+v", got)
	}
}

// seedDue creates n active people each with one open enrolment due
// tomorrow and one overdue.
func seedDue(t *testing.T, db *sqlx.DB, n int) {
	t.Helper()
	w := newWorld(t, db)
	c1, _ := w.course("Tone", "语气")
	c2, _ := w.course("Empathy", "同理心")
	for i := 0; i < n; i++ {
		p := w.person("", "")
		w.enroll(p, c1, "ASSIGNED", dbtest.Date(1))
		w.enroll(p, c2, "IN_PROGRESS", dbtest.Date(-11))
	}
}

func checkOncePerEnrollment(t *testing.T, db *sqlx.DB, n int) {
	t.Helper()
	got := notices(t, db)
	dueSoon, overdue := 0, 0
	for e, kinds := range got {
		if len(kinds) != 1 {
			t.Errorf("enrolment %d has notices %v, want exactly one", e, kinds)
		}
		for _, k := range kinds {
			switch k {
			case "DUE_SOON":
				dueSoon++
			case "OVERDUE":
				overdue++
			}
		}
	}
	if dueSoon != n || overdue != n {
		t.Errorf("%d DUE_SOON and %d OVERDUE, want %d of each", dueSoon, overdue, n)
	}
}

func TestScanDueConcurrentProcesses(t *testing.T) {
	t.Parallel()
	const people = 40
	a, b := twoPools(t)
	seedDue(t, a, people)
	s := notify.NewStore(a)
	var (
		mu      sync.Mutex
		created int
		wg      sync.WaitGroup
	)
	start := make(chan struct{})
	for round := 0; round < 5; round++ {
		for _, db := range []*sqlx.DB{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				// Each in its own transaction on its own connection, as a
				// job runner would.
				err := postgres.InTx(context.Background(), db, func(tx *sqlx.Tx) error {
					n, err := s.ScanDue(context.Background(), tx, dbtest.Today())
					mu.Lock()
					created += n
					mu.Unlock()
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
	}
	close(start)
	wg.Wait()
	if created != 2*people {
		t.Errorf("scanners reported %d created, want %d", created, 2*people)
	}
	checkOncePerEnrollment(t, a, people)
}

func TestScanDueThroughTwoRunners(t *testing.T) {
	t.Parallel()
	const people = 20
	a, b := twoPools(t)
	seedDue(t, a, people)
	now := dbtest.Today().Add(3 * time.Hour)
	fixed := func() time.Time { return now }
	runners := []*jobs.Runner{
		{DB: a, Jobs: notify.NewStore(a).Jobs(nil), Now: fixed},
		{DB: b, Jobs: notify.NewStore(b).Jobs(nil), Now: fixed},
	}
	if len(runners[0].Jobs) != 1 || runners[0].Jobs[0].Name != notify.JobScanDue || runners[0].Jobs[0].Every != 15*time.Minute {
		t.Fatalf("Jobs(nil) = %+v, want only the due scan every 15 minutes", runners[0].Jobs)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var ran []string
	for i := 0; i < 6; i++ {
		r := runners[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := r.RunDue(context.Background())
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			ran = append(ran, got...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(ran) != 1 {
		t.Errorf("the scan ran %d times, want once: %v", len(ran), ran)
	}
	checkOncePerEnrollment(t, a, people)

	var last time.Time
	if err := a.Get(&last, `SELECT last_run_at FROM job_schedule WHERE name = $1`, notify.JobScanDue); err != nil || !last.Equal(now) {
		t.Errorf("last_run_at = %v, %v", last, err)
	}
}

func TestScanJobUsesOrganisationDate(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	w := newWorld(t, db)
	c, _ := w.course("Tone", "语气")
	e := w.enroll(w.person("", ""), c, "ASSIGNED", dbtest.Date(0))
	s := notify.NewStore(db)
	s.Location = time.FixedZone("CST", 8*3600)
	// 20:00 UTC today is 04:00 tomorrow in Shanghai: the course, due today
	// (only due soon by the UTC date), is overdue there.
	r := &jobs.Runner{DB: db, Jobs: s.Jobs(nil), Now: func() time.Time { return dbtest.Today().Add(20 * time.Hour) }}
	if _, err := r.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := notices(t, db); fmt.Sprint(got[e]) != "[OVERDUE]" {
		t.Errorf("notices = %v, want OVERDUE by the Shanghai date", got)
	}
}
