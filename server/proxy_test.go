package server

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestRealClient(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32")}
	var seen string
	h := realClient(proxies, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = r.RemoteAddr }))
	for _, c := range []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"OKUntrustedPeerIgnoresHeader", "203.0.113.9:5000", []string{"198.51.100.1"}, "203.0.113.9:5000"},
		{"OKOneProxy", "10.1.2.3:5000", []string{"198.51.100.1"}, "198.51.100.1:0"},
		{"OKTwoProxies", "10.1.2.3:5000", []string{"198.51.100.1, 192.0.2.7"}, "198.51.100.1:0"},
		{"OKSpoofedLeftEntryIgnored", "10.1.2.3:5000", []string{"6.6.6.6, 198.51.100.1"}, "198.51.100.1:0"},
		{"OKSeveralHeaders", "10.1.2.3:5000", []string{"6.6.6.6", "198.51.100.1"}, "198.51.100.1:0"},
		{"OKNoHeaderKeepsPeer", "10.1.2.3:5000", nil, "10.1.2.3:5000"},
		{"OKMalformedHopKeepsPeer", "10.1.2.3:5000", []string{"not-an-ip"}, "10.1.2.3:5000"},
		{"OKIPv6Client", "192.0.2.7:443", []string{"2001:db8::1"}, "[2001:db8::1]:0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.peer
			for _, v := range c.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if seen != c.want {
				t.Errorf("RemoteAddr = %q, want %q", seen, c.want)
			}
		})
	}
}
