package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"os"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// E-mail delivery settings.
const (
	// MaxAttempts is how often one e-mail is tried before it is given up.
	MaxAttempts = 8
	// RetryBase is the wait after the first failure; it doubles with each
	// further one (1, 2, 4 … 64 minutes: about two hours in all).
	RetryBase = time.Minute
	// BatchSize is how many e-mails one SendPending claims.
	BatchSize = 100
	// EnqueueWindow is how far back SendPending looks for notifications
	// without an outbox row: older ones are not mailed (a server that was
	// down for a week does not flood inboxes with stale news).
	EnqueueWindow = 48 * time.Hour
)

// SMTPConfig says how to reach the mail server.
type SMTPConfig struct {
	// Addr is host:port. Port 465 speaks TLS from the start; on any other
	// port the connection is upgraded with STARTTLS when the server offers it.
	Addr string
	// From is the sender, e.g. "Rungs <rungs@example.com>".
	From string
	// Username and Password, when set, sign in with PLAIN auth, which
	// net/smtp only sends over TLS or to a server on localhost.
	Username string
	Password string
}

// Mailer sends notifications as e-mail from the outbox (email_outbox).
//
// Delivery is exactly once in the normal course: a row is claimed with
// FOR UPDATE SKIP LOCKED, so two mailers never send the same e-mail, and it
// is marked sent in the same transaction. It is at-least-once across a
// crash (or a lost connection to PostgreSQL) between handing a message to
// the SMTP server and the commit: the row is still pending and is sent
// again. The Message-ID is the same both times, so mail systems that
// de-duplicate on it show it once.
type Mailer struct {
	cfg  SMTPConfig
	from *mail.Address
	// Logger gets a line per failed e-mail; default slog.Default().
	Logger *slog.Logger
	// Location is the zone session times are shown in; nil is time.Local
	// (set TZ for the server, e.g. TZ=Asia/Shanghai).
	Location *time.Location
	// TLSConfig is used for STARTTLS and port 465; nil verifies the
	// server's certificate against the system roots for its host name.
	TLSConfig *tls.Config
	// Timeout bounds dialing and each message; default 15s.
	Timeout time.Duration
	// Budget is how long one SendPending keeps sending; what is left waits
	// for the next run. It keeps the transaction short (the pool closes
	// connections idle in a transaction for 60 s). Default 20s.
	Budget time.Duration
}

// NewMailer checks cfg and returns a Mailer.
func NewMailer(cfg SMTPConfig, logger *slog.Logger) (*Mailer, error) {
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return nil, fmt.Errorf("notify: SMTP address %q is not host:port", cfg.Addr)
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("notify: SMTP sender %q: %w", cfg.From, err)
	}
	return &Mailer{cfg: cfg, from: from, Logger: logger}, nil
}

// pending is one claimed outbox row with what it takes to mail it.
type pending struct {
	Notification
	OutboxID int64  `db:"outbox_id"`
	Attempts int    `db:"attempts"`
	Email    string `db:"email"`
	Locale   string `db:"locale"`
}

// SendPending enqueues recent notifications that have no outbox row yet,
// then claims up to BatchSize pending e-mails and sends them, each in its
// recipient's language, all inside tx (the caller commits; the jobs.Runner
// does). It returns how many it sent. A failed e-mail counts an attempt and
// waits RetryBase·2^(attempts-1) before the next; after MaxAttempts it is
// given up. An error means nothing was sent and tx should be rolled back.
func (m *Mailer) SendPending(ctx context.Context, tx *sqlx.Tx, now time.Time) (sent int, err error) {
	// Any notification, whoever wrote it, gets an outbox row: packages that
	// create notifications need not know e-mail exists. Offboarded people
	// get no mail.
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO email_outbox (notification_id, next_attempt_at)
		SELECT n.id, $1 FROM notifications n
		JOIN employees e ON e.id = n.recipient_id AND e.status <> 'OFFBOARDED'
		WHERE n.created_at > $1::timestamptz - $2::interval
		  AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.notification_id = n.id)
		ORDER BY n.id
		ON CONFLICT (notification_id) DO NOTHING`, now, fmt.Sprintf("%d seconds", int(EnqueueWindow.Seconds()))); err != nil {
		return 0, fmt.Errorf("notify: enqueue e-mail: %w", err)
	}

	// SKIP LOCKED: rows another mailer holds are being sent by it now.
	var rows []*pending
	if err := tx.SelectContext(ctx, &rows, `
		SELECT o.id AS outbox_id, o.attempts, n.*, e.email, coalesce(u.locale, 'zh-CN') AS locale
		FROM email_outbox o
		JOIN notifications n ON n.id = o.notification_id
		JOIN employees e ON e.id = n.recipient_id
		LEFT JOIN users u ON u.employee_id = n.recipient_id
		WHERE o.sent_at IS NULL AND o.attempts < $2 AND o.next_attempt_at <= $1
		ORDER BY o.next_attempt_at, o.id
		LIMIT $3
		FOR UPDATE OF o SKIP LOCKED`, now, MaxAttempts, BatchSize); err != nil {
		return 0, fmt.Errorf("notify: claim e-mail: %w", err)
	}
	if len(rows) == 0 {
		return 0, nil
	}

	var (
		ids    []int64
		oks    []bool
		errs   []string
		delays []int64 // seconds until the next attempt
		conn   *smtpConn
		dial   error
		start  = time.Now()
	)
	defer func() { conn.close() }()
	for _, p := range rows {
		if ctx.Err() != nil || time.Since(start) > m.budget() {
			break // the rest stays pending for the next run
		}
		rcpt, msg, err := m.message(p, now)
		if err == nil && conn == nil {
			if conn, dial = m.dial(ctx); dial != nil {
				break // the server is unreachable: no attempt is the message's fault
			}
		}
		if err == nil {
			err = conn.send(m.from.Address, rcpt, msg, m.timeout())
			if conn.broken {
				conn.close()
				conn = nil
			}
		}
		ids = append(ids, p.OutboxID)
		oks = append(oks, err == nil)
		if err == nil {
			sent++
			errs, delays = append(errs, ""), append(delays, 0)
			continue
		}
		attempt := p.Attempts + 1
		delay := RetryBase << (attempt - 1)
		errs, delays = append(errs, truncate(err.Error(), 1000)), append(delays, int64(delay.Seconds()))
		log := m.logger().With("notification", p.ID, "attempt", attempt, "err", err)
		if attempt >= MaxAttempts {
			log.Error("notify: e-mail given up")
		} else {
			log.Warn("notify: e-mail failed", "retry_in", delay)
		}
	}
	if len(ids) == 0 {
		if dial != nil {
			return 0, fmt.Errorf("notify: connect to mail server: %w", dial)
		}
		return 0, nil
	}
	if dial != nil {
		m.logger().Error("notify: mail server unreachable; the rest waits for the next run", "err", dial)
	}
	// One statement records every outcome. Messages are already out: from
	// here an error (a lost connection) makes the batch go out again.
	if _, err := tx.ExecContext(ctx, `
		UPDATE email_outbox o SET
		    attempts = o.attempts + 1,
		    sent_at = CASE WHEN r.ok THEN $1::timestamptz END,
		    last_error = r.err,
		    next_attempt_at = CASE WHEN r.ok THEN o.next_attempt_at ELSE $1::timestamptz + r.delay * interval '1 second' END
		FROM unnest($2::bigint[], $3::boolean[], $4::text[], $5::bigint[]) AS r (id, ok, err, delay)
		WHERE o.id = r.id`, now, pq.Array(ids), pq.Array(oks), pq.Array(errs), pq.Array(delays)); err != nil {
		return sent, fmt.Errorf("notify: record e-mail outcomes: %w", err)
	}
	return sent, nil
}

// message builds the e-mail of p: RFC 5322 headers, the subject RFC 2047
// encoded, a UTF-8 plain-text body in quoted-printable.
func (m *Mailer) message(p *pending, now time.Time) (rcpt string, msg []byte, err error) {
	to, err := mail.ParseAddress(p.Email)
	if err != nil {
		return "", nil, fmt.Errorf("recipient %q: %w", p.Email, err)
	}
	r := RenderIn(&p.Notification, p.Locale, m.location())
	body := r.Body + "\n\n-- \n" + footer(p.Locale)

	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", m.from.String())
	h("To", to.String())
	// Encode only escapes what needs it; control characters (a newline in
	// a course title) are encoded too, so no header can be injected.
	// Long subjects become several encoded words, one per line (RFC 5322
	// folding keeps lines short).
	h("Subject", strings.ReplaceAll(mime.QEncoding.Encode("UTF-8", r.Title), "?= =?", "?=\r\n =?"))
	h("Date", now.In(m.location()).Format(time.RFC1123Z))
	// Stable per notification, so a resend after a crash is recognisable.
	h("Message-ID", fmt.Sprintf("<notification.%d.%d@%s>", p.ID, p.CreatedAt.UnixMicro(), domainOf(m.from.Address)))
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=UTF-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	// RFC 3834: out-of-office robots should not answer.
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return "", nil, err
	}
	if err := qp.Close(); err != nil {
		return "", nil, err
	}
	return to.Address, b.Bytes(), nil
}

func footer(locale string) string {
	if l, _ := ParseLocale(locale); l == LocaleEN {
		return "Sent by Rungs. You can also read your notifications in the app."
	}
	return "此邮件由 Rungs 自动发送，您也可以在应用中查看通知。"
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "rungs.invalid"
}

// smtpConn is one SMTP session that carries many messages.
type smtpConn struct {
	c      *smtp.Client
	conn   net.Conn
	broken bool
}

// dial connects, says hello, upgrades to TLS when offered and signs in.
func (m *Mailer) dial(ctx context.Context) (*smtpConn, error) {
	host, port, _ := net.SplitHostPort(m.cfg.Addr)
	d := &net.Dialer{Timeout: m.timeout()}
	var (
		conn net.Conn
		err  error
	)
	if port == "465" {
		conn, err = (&tls.Dialer{NetDialer: d, Config: m.tlsConfig(host)}).DialContext(ctx, "tcp", m.cfg.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", m.cfg.Addr)
	}
	if err != nil {
		return nil, err
	}
	_ = conn.SetDeadline(time.Now().Add(m.timeout()))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return nil, err
	}
	s := &smtpConn{c: c, conn: conn}
	fail := func(err error) (*smtpConn, error) { s.broken = true; s.close(); return nil, err }
	if err := c.Hello(helloName()); err != nil {
		return fail(err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok && port != "465" {
		if err := c.StartTLS(m.tlsConfig(host)); err != nil {
			return fail(fmt.Errorf("STARTTLS: %w", err))
		}
	}
	if m.cfg.Username != "" {
		// PlainAuth itself refuses an unencrypted connection to anything
		// but localhost.
		if err := c.Auth(smtp.PlainAuth("", m.cfg.Username, m.cfg.Password, host)); err != nil {
			return fail(fmt.Errorf("sign in to the mail server: %w", err))
		}
	}
	return s, nil
}

// send hands one message to the server. A refusal (an SMTP reply) leaves
// the session usable after RSET; anything else marks it broken.
func (s *smtpConn) send(from, to string, msg []byte, timeout time.Duration) error {
	_ = s.conn.SetDeadline(time.Now().Add(timeout))
	err := func() error {
		if err := s.c.Mail(from); err != nil {
			return err
		}
		if err := s.c.Rcpt(to); err != nil {
			return err
		}
		w, err := s.c.Data()
		if err != nil {
			return err
		}
		if _, err := w.Write(msg); err != nil {
			return err
		}
		return w.Close()
	}()
	if err != nil {
		var reply *textproto.Error
		if !errors.As(err, &reply) || s.c.Reset() != nil {
			s.broken = true
		}
	}
	return err
}

func (s *smtpConn) close() {
	if s == nil {
		return
	}
	if !s.broken {
		_ = s.c.Quit()
	}
	_ = s.c.Close()
}

func helloName() string {
	if h, err := os.Hostname(); err == nil && h != "" && !strings.ContainsAny(h, " \r\n") {
		return h
	}
	return "localhost"
}

func (m *Mailer) tlsConfig(host string) *tls.Config {
	if m.TLSConfig != nil {
		c := m.TLSConfig.Clone()
		if c.ServerName == "" {
			c.ServerName = host
		}
		return c
	}
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

func (m *Mailer) timeout() time.Duration {
	if m.Timeout > 0 {
		return m.Timeout
	}
	return 15 * time.Second
}

func (m *Mailer) budget() time.Duration {
	if m.Budget > 0 {
		return m.Budget
	}
	return 20 * time.Second
}

func (m *Mailer) location() *time.Location {
	if m.Location != nil {
		return m.Location
	}
	return time.Local
}

func (m *Mailer) logger() *slog.Logger {
	if m.Logger != nil {
		return m.Logger
	}
	return slog.Default()
}

// truncate keeps error text short and valid UTF-8 for PostgreSQL.
func truncate(s string, n int) string {
	s = strings.ReplaceAll(s, "\x00", "")
	if len(s) > n {
		s = s[:n]
	}
	return strings.ToValidUTF8(s, "")
}
