package notify_test

import (
	"encoding/base64"
	"io"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// smtpServer is a minimal in-process SMTP server on 127.0.0.1: enough of
// RFC 5321 for net/smtp (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT), recording every message it accepts. No TLS: net/smtp only sends
// PLAIN credentials unencrypted to localhost, which this is.
type smtpServer struct {
	ln   net.Listener
	auth bool // advertise and require AUTH PLAIN

	mu       sync.Mutex
	msgs     []received
	creds    []string
	sessions int
	// rejectRcpt answers RCPT TO for these addresses with 550.
	rejectRcpt map[string]bool
	// failData answers the end of DATA with 451 while set.
	failData bool
}

type received struct {
	From string
	To   []string
	Data string
}

func newSMTPServer(t *testing.T, auth bool) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, auth: auth, rejectRcpt: map[string]bool{}}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); s.serve(c) }()
		}
	}()
	return s
}

func (s *smtpServer) Addr() string { return s.ln.Addr().String() }

// Reject makes RCPT TO:<addr> fail with 550.
func (s *smtpServer) Reject(addr string) {
	s.mu.Lock()
	s.rejectRcpt[addr] = true
	s.mu.Unlock()
}

// FailData makes the end of DATA fail with 451 while on.
func (s *smtpServer) FailData(on bool) {
	s.mu.Lock()
	s.failData = on
	s.mu.Unlock()
}

func (s *smtpServer) Messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	s.mu.Lock()
	s.sessions++
	s.mu.Unlock()
	tc := textproto.NewConn(c)
	reply := func(format string, args ...any) bool { return tc.PrintfLine(format, args...) == nil }
	reply("220 test.local ESMTP ready")
	var cur *received
	authed := !s.auth
	for {
		line, err := tc.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			if s.auth {
				reply("250-test.local")
				reply("250 AUTH PLAIN")
			} else {
				reply("250 test.local")
			}
		case "HELO", "NOOP":
			reply("250 ok")
		case "AUTH":
			mech, data, _ := strings.Cut(arg, " ")
			b, err := base64.StdEncoding.DecodeString(data)
			if !strings.EqualFold(mech, "PLAIN") || err != nil {
				reply("504 unsupported")
				continue
			}
			s.mu.Lock()
			s.creds = append(s.creds, string(b))
			s.mu.Unlock()
			authed = true
			reply("235 2.7.0 authenticated")
		case "MAIL":
			if !authed {
				reply("530 5.7.0 authentication required")
				continue
			}
			cur = &received{From: addrOf(arg)}
			reply("250 ok")
		case "RCPT":
			a := addrOf(arg)
			s.mu.Lock()
			reject := s.rejectRcpt[a]
			s.mu.Unlock()
			if cur == nil {
				reply("503 need MAIL first")
			} else if reject {
				reply("550 5.1.1 no such user <%s>", a)
			} else {
				cur.To = append(cur.To, a)
				reply("250 ok")
			}
		case "DATA":
			if cur == nil || len(cur.To) == 0 {
				reply("503 need RCPT first")
				continue
			}
			reply("354 end with .")
			b, err := io.ReadAll(tc.DotReader())
			if err != nil {
				return
			}
			s.mu.Lock()
			fail := s.failData
			if !fail {
				cur.Data = string(b)
				s.msgs = append(s.msgs, *cur)
			}
			s.mu.Unlock()
			cur = nil
			if fail {
				reply("451 4.3.0 try again later")
			} else {
				reply("250 2.0.0 queued")
			}
		case "RSET":
			cur = nil
			reply("250 ok")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 command not implemented")
		}
	}
}

// addrOf takes the address out of "FROM:<a@b> BODY=8BITMIME".
func addrOf(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	a, _, _ := strings.Cut(rest, ">")
	return a
}
