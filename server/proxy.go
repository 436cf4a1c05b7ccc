package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

func trusted(proxies []netip.Prefix, a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// realClient sets r.RemoteAddr to the client's address when the peer is a
// trusted proxy (a load balancer in front of several rungs processes).
// Everything that counts per client — the sign-in lockout per address, the
// bcrypt bound per client, the request log — reads RemoteAddr, so behind a
// proxy without this every user would be one client.
//
// X-Forwarded-For is read from the right: each trusted proxy appends the
// address it received from, so the first address from the right that is not
// a trusted proxy is the client. Entries to its left were written by the
// client itself and are never believed; from an untrusted peer the header is
// ignored altogether.
func realClient(proxies []netip.Prefix, next http.Handler) http.Handler {
	if len(proxies) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		peer, perr := netip.ParseAddr(host)
		if err != nil || perr != nil || !trusted(proxies, peer) {
			next.ServeHTTP(w, r)
			return
		}
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // a malformed hop: stop at the last address we can trust
			}
			if trusted(proxies, a) {
				continue
			}
			r2 := r.Clone(r.Context())
			r2.RemoteAddr = net.JoinHostPort(a.Unmap().String(), "0")
			next.ServeHTTP(w, r2)
			return
		}
		next.ServeHTTP(w, r)
	})
}
