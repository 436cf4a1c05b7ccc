package notify_test

import (
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/jobs"
	"github.com/rungs/rungs/notify"
	"github.com/rungs/rungs/postgres"
)

var cst = time.FixedZone("CST", 8*3600)

func newMailer(t *testing.T, addr string, user, password string) *notify.Mailer {
	t.Helper()
	m, err := notify.NewMailer(notify.SMTPConfig{Addr: addr, From: "Rungs 培训 <rungs@example.com>",
		Username: user, Password: password}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	m.Location = cst
	m.Timeout = 5 * time.Second
	return m
}

// send runs one SendPending in a transaction, as the mail job does.
func send(t *testing.T, db *sqlx.DB, m *notify.Mailer, now time.Time) (int, error) {
	t.Helper()
	var n int
	err := postgres.InTx(context.Background(), db, func(tx *sqlx.Tx) error {
		var err error
		n, err = m.SendPending(context.Background(), tx, now)
		return err
	})
	return n, err
}

// parsed is a received message decoded the way a mail client would.
type parsed struct {
	To, From, Subject, Body, MessageID, ContentType, Encoding string
	Date                                                      time.Time
}

func parse(t *testing.T, r received) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(r.Data))
	if err != nil {
		t.Fatalf("not a message: %v\n%s", err, r.Data)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	date, err := msg.Header.Date()
	if err != nil {
		t.Fatal(err)
	}
	return parsed{To: strings.Join(r.To, ","), From: from[0].Name + " <" + from[0].Address + ">", Subject: subject,
		Body: strings.ReplaceAll(string(body), "\r\n", "\n"), MessageID: msg.Header.Get("Message-Id"),
		ContentType: msg.Header.Get("Content-Type"), Encoding: msg.Header.Get("Content-Transfer-Encoding"), Date: date}
}

func notification(t *testing.T, db *sqlx.DB, id int64) *notify.Notification {
	t.Helper()
	var n notify.Notification
	if err := db.Get(&n, `SELECT * FROM notifications WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return &n
}

type outbox struct {
	Attempts      int        `db:"attempts"`
	NextAttemptAt time.Time  `db:"next_attempt_at"`
	SentAt        *time.Time `db:"sent_at"`
	LastError     string     `db:"last_error"`
}

func outboxOf(t *testing.T, db *sqlx.DB, notificationID int64) *outbox {
	t.Helper()
	var o outbox
	err := db.Get(&o, `SELECT attempts, next_attempt_at, sent_at, last_error FROM email_outbox WHERE notification_id = $1`, notificationID)
	if err != nil {
		return nil
	}
	return &o
}

// sessionStarts is when the session of the session params now starts: in
// two days at 01:30 UTC, 09:30 in Shanghai. It was planned for tomorrow.
var sessionStarts = dbtest.Day(2).Add(90 * time.Minute)

// session are the params of a SESSION_CHANGED notice, the times written the
// way PostgreSQL writes a timestamptz to JSON ("+00:00", not "Z").
var session = `{"course_code": "CS-7", "course_title_en": "Tone", "course_title_zh": "语气",
	"starts_at": "` + pgJSONTime(sessionStarts) + `", "place": "Room 3A", "old_starts_at": "` +
	pgJSONTime(dbtest.Day(1).Add(6*time.Hour)) + `", "old_place": "Room 1"}`

func pgJSONTime(t time.Time) string {
	return t.UTC().Format(time.DateOnly+"T"+time.TimeOnly) + "+00:00"
}

func TestMailerSendsInRecipientLanguage(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	w := newWorld(t, db)
	srv := newSMTPServer(t, false)
	m := newMailer(t, srv.Addr(), "", "")
	en, zh, none, gone := w.person("En", "en"), w.person("Zh", "zh-CN"), w.person("None", ""), w.person("Gone", "en")
	w.setStatus(gone, "OFFBOARDED")

	zhID := w.notify(zh, "SESSION_CHANGED", session, 30)
	want := map[string]struct {
		id     int64
		locale string
	}{
		w.email(en):   {w.notify(en, "COURSE_ASSIGNED", `{"course_code": "CS-1", "course_title_en": "Tone", "course_title_zh": "语气", "due_on": "`+dbtest.Date(2)+`", "reason": "Quality review"}`, 60), "en"},
		w.email(zh):   {zhID, "zh-CN"},
		w.email(none): {w.notify(none, "OVERDUE", assigned, 10), "zh-CN"},
	}
	offboarded := w.notify(gone, "DUE_SOON", assigned, 10)
	stale := w.notify(en, "DUE_SOON", assigned, 3*24*3600) // older than the enqueue window

	now := clock.Now()
	sent, err := send(t, db, m, now)
	if err != nil || sent != 3 {
		t.Fatalf("SendPending = %d, %v; want 3", sent, err)
	}
	msgs := srv.Messages()
	if len(msgs) != 3 {
		t.Fatalf("server got %d messages, want 3", len(msgs))
	}
	for _, r := range msgs {
		p := parse(t, r)
		exp, ok := want[p.To]
		if !ok {
			t.Errorf("mail to unexpected %q", p.To)
			continue
		}
		delete(want, p.To)
		n := notification(t, db, exp.id)
		rendered := notify.RenderIn(n, exp.locale, cst)
		if p.Subject != rendered.Title {
			t.Errorf("%s: subject %q, want %q", exp.locale, p.Subject, rendered.Title)
		}
		if !strings.HasPrefix(p.Body, rendered.Body+"\n") {
			t.Errorf("%s: body %q, want it to start with %q", exp.locale, p.Body, rendered.Body)
		}
		if r.From != "rungs@example.com" || p.From != "Rungs 培训 <rungs@example.com>" {
			t.Errorf("from: envelope %q, header %q", r.From, p.From)
		}
		if p.ContentType != "text/plain; charset=UTF-8" || p.Encoding != "quoted-printable" {
			t.Errorf("content type %q, encoding %q", p.ContentType, p.Encoding)
		}
		if p.MessageID == "" || !strings.HasSuffix(p.MessageID, "@example.com>") || p.Date.Unix() != now.Unix() {
			t.Errorf("Message-ID %q, Date %v", p.MessageID, p.Date)
		}
		if !strings.Contains(r.Data, "Subject: =?UTF-8?q?") && exp.locale == "zh-CN" {
			t.Errorf("a Chinese subject must be RFC 2047 encoded:\n%s", r.Data)
		}
	}
	// The Chinese mail shows the session in the mailer's zone.
	zhMail := notify.RenderIn(notification(t, db, zhID), "zh-CN", cst)
	if !strings.Contains(zhMail.Body, "新安排："+zhDate(sessionStarts.In(cst))+" 09:30（UTC+8），地点：Room 3A") {
		t.Errorf("zh session body = %q", zhMail.Body)
	}
	if o := outboxOf(t, db, offboarded); o != nil {
		t.Errorf("an offboarded person's notification was queued: %+v", o)
	}
	if o := outboxOf(t, db, stale); o != nil {
		t.Errorf("a stale notification was queued: %+v", o)
	}
	if got := w.count(`SELECT count(*) FROM email_outbox WHERE sent_at IS NOT NULL AND attempts = 1 AND last_error = ''`); got != 3 {
		t.Errorf("%d outbox rows marked sent, want 3", got)
	}

	// Nothing goes out twice; a new notification goes out on the next run.
	if sent, err := send(t, db, m, now.Add(time.Minute)); err != nil || sent != 0 {
		t.Errorf("second run = %d, %v; want 0", sent, err)
	}
	fresh := w.notify(zh, "DUE_SOON", assigned, 0)
	if sent, err := send(t, db, m, clock.Now().Add(time.Second)); err != nil || sent != 1 {
		t.Errorf("third run = %d, %v; want 1", sent, err)
	}
	if len(srv.Messages()) != 4 || outboxOf(t, db, fresh).SentAt == nil {
		t.Errorf("server has %d messages, want 4", len(srv.Messages()))
	}
}

func TestMailerRetriesWithBackoff(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	w := newWorld(t, db)
	srv := newSMTPServer(t, false)
	m := newMailer(t, srv.Addr(), "", "")
	good, bad := w.person("Good", "en"), w.person("Bad", "en")
	srv.Reject(w.email(bad))
	toBad := w.notify(bad, "DUE_SOON", assigned, 20)
	toGood := w.notify(good, "DUE_SOON", assigned, 10)

	now := clock.Now().Truncate(time.Microsecond) // as PostgreSQL keeps it
	if sent, err := send(t, db, m, now); err != nil || sent != 1 {
		t.Fatalf("SendPending = %d, %v; want 1 (the refusal must not stop the batch)", sent, err)
	}
	if o := outboxOf(t, db, toGood); o.SentAt == nil {
		t.Errorf("the good one was not sent: %+v", o)
	}
	o := outboxOf(t, db, toBad)
	if o.Attempts != 1 || o.SentAt != nil || !strings.Contains(o.LastError, "550") || !o.NextAttemptAt.Equal(now.Add(notify.RetryBase)) {
		t.Fatalf("after one failure: %+v, want 1 attempt, 550, retry at %v", o, now.Add(notify.RetryBase))
	}
	// Not before its time.
	if _, err := send(t, db, m, now.Add(notify.RetryBase/2)); err != nil {
		t.Fatal(err)
	}
	if o := outboxOf(t, db, toBad); o.Attempts != 1 {
		t.Errorf("retried before the backoff: %+v", o)
	}
	// Each retry doubles the wait, until MaxAttempts.
	for attempt := 2; attempt <= notify.MaxAttempts; attempt++ {
		at := outboxOf(t, db, toBad).NextAttemptAt
		if _, err := send(t, db, m, at); err != nil {
			t.Fatal(err)
		}
		o := outboxOf(t, db, toBad)
		wait := notify.RetryBase << (attempt - 1)
		if o.Attempts != attempt || !o.NextAttemptAt.Equal(at.Add(wait)) {
			t.Fatalf("attempt %d: %+v, want next attempt after %v", attempt, o, wait)
		}
	}
	if _, err := send(t, db, m, now.Add(30*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if o := outboxOf(t, db, toBad); o.Attempts != notify.MaxAttempts || o.SentAt != nil {
		t.Errorf("after giving up: %+v, want %d attempts and no more", o, notify.MaxAttempts)
	}

	// A temporary refusal of the message itself, then success.
	srv.FailData(true)
	later := w.notify(good, "OVERDUE", assigned, 0)
	now = clock.Now().Add(time.Second)
	if sent, err := send(t, db, m, now); err != nil || sent != 0 {
		t.Fatalf("with DATA refused = %d, %v", sent, err)
	}
	if o := outboxOf(t, db, later); o.Attempts != 1 || !strings.Contains(o.LastError, "451") {
		t.Errorf("after 451: %+v", o)
	}
	srv.FailData(false)
	if sent, err := send(t, db, m, now.Add(notify.RetryBase)); err != nil || sent != 1 {
		t.Fatalf("retry = %d, %v; want 1", sent, err)
	}
	if o := outboxOf(t, db, later); o.Attempts != 2 || o.SentAt == nil || o.LastError != "" {
		t.Errorf("after the retry: %+v", o)
	}
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("server has %d messages, want 2", n)
	}
}

func TestMailerServerDown(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	w := newWorld(t, db)
	// A server that hangs up at once. (Not a closed port: another test's
	// server could be given it meanwhile.)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	m := newMailer(t, ln.Addr().String(), "", "")
	id := w.notify(w.person("", "en"), "DUE_SOON", assigned, 0)
	if _, err := send(t, db, m, clock.Now()); err == nil {
		t.Fatal("SendPending succeeded with no mail server")
	}
	// The failure is the server's, not the message's: no attempt counted
	// (the job's transaction rolls back; the runner records the error).
	if o := outboxOf(t, db, id); o != nil && o.Attempts != 0 {
		t.Errorf("outbox = %+v, want no attempt counted", o)
	}
}

func TestTwoMailersNeverSendTwice(t *testing.T) {
	t.Parallel()
	a, b := twoPools(t)
	w := newWorld(t, a)
	srv := newSMTPServer(t, false)
	const people = 30
	for i := 0; i < people; i++ {
		p := w.person("", "en")
		w.notify(p, "DUE_SOON", assigned, 20)
		w.notify(p, "OVERDUE", assigned, 10)
	}
	ma, mb := newMailer(t, srv.Addr(), "", ""), newMailer(t, srv.Addr(), "", "")
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	start := make(chan struct{})
	for i := 0; i < 8; i++ {
		db, m := a, ma
		if i%2 == 1 {
			db, m = b, mb
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			n, err := send(t, db, m, clock.Now())
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	msgs := srv.Messages()
	ids := map[string]bool{}
	for _, r := range msgs {
		ids[parse(t, r).MessageID] = true
	}
	if total != 2*people || len(msgs) != 2*people || len(ids) != 2*people {
		t.Errorf("reported %d sent, server got %d messages with %d distinct ids; want %d of each", total, len(msgs), len(ids), 2*people)
	}
}

func TestMailerAuthAndJobs(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	w := newWorld(t, db)
	srv := newSMTPServer(t, true)
	m := newMailer(t, srv.Addr(), "rungs", "s3cret")
	w.notify(w.person("", "zh-CN"), "COURSE_ASSIGNED", assigned, 0)

	js := notify.NewStore(db).Jobs(m)
	if len(js) != 2 || js[1].Name != notify.JobSendEmail || js[1].Every != 30*time.Second {
		t.Fatalf("Jobs(mailer) = %+v, want the scan and the mail job", js)
	}
	r := &jobs.Runner{DB: db, Jobs: js, Now: func() time.Time { return clock.Now().Add(time.Second) }}
	ran, err := r.RunDue(context.Background())
	if err != nil || len(ran) != 2 {
		t.Fatalf("RunDue = %v, %v", ran, err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server got %d messages, want 1", n)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.creds) != 1 || srv.creds[0] != "\x00rungs\x00s3cret" {
		t.Errorf("AUTH PLAIN credentials = %q", srv.creds)
	}
}

func TestNewMailerChecksConfig(t *testing.T) {
	t.Parallel()
	for _, cfg := range []notify.SMTPConfig{
		{Addr: "mail.example.com", From: "rungs@example.com"},
		{Addr: "mail.example.com:587", From: "not an address"},
		{Addr: "mail.example.com:587"},
	} {
		if _, err := notify.NewMailer(cfg, nil); err == nil {
			t.Errorf("NewMailer(%+v) accepted", cfg)
		}
	}
}
