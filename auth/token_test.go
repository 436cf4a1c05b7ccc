package auth_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
)

// forge signs claims with method and key, as an attacker (or a buggy
// client) might.
func forge(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAuthenticateRefusesBadTokens(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clk := newClock()
	s := newService(t, db, clk)
	ctx := context.Background()
	id := MustCreateUser(t, db, "ann@example.com", goodPassword)
	good := MustLogin(t, s, "ann@example.com", goodPassword).AccessToken

	// valid returns the claims of a token the Service would accept; each
	// case below changes one thing.
	now := clk.Now()
	valid := func() jwt.MapClaims {
		return jwt.MapClaims{
			"iss": "rungs", "aud": "rungs-api", "sub": strconv.FormatInt(id, 10),
			"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "tv": 1,
		}
	}
	without := func(claim string) jwt.MapClaims {
		c := valid()
		delete(c, claim)
		return c
	}
	with := func(claim string, value any) jwt.MapClaims {
		c := valid()
		c[claim] = value
		return c
	}

	// The baseline must pass, or every refusal below proves nothing.
	t.Run("OKForgedWithRightSecret", func(t *testing.T) {
		v, err := s.Authenticate(ctx, forge(t, jwt.SigningMethodHS256, testSecret, valid()))
		if err != nil || v.EmployeeID != id {
			t.Fatalf("baseline token refused: %v", err)
		}
	})

	none := forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid())
	parts := strings.Split(good, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		t.Fatal(err)
	}
	m["sub"] = strconv.FormatInt(id+1, 10)
	changed, _ := json.Marshal(m)
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(changed) + "." + parts[2]
	badSig := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))

	for name, tok := range map[string]string{
		"ErrAlgNone":        none,
		"ErrTamperedClaims": tampered,
		"ErrBadSignature":   badSig,
		"ErrWrongSecret":    forge(t, jwt.SigningMethodHS256, []byte("another secret of at least 32 bytes"), valid()),
		// The same secret under another HMAC: refused because the
		// algorithm is pinned, not because the signature is wrong.
		"ErrHS512":           forge(t, jwt.SigningMethodHS512, testSecret, valid()),
		"ErrWrongAudience":   forge(t, jwt.SigningMethodHS256, testSecret, with("aud", "other-api")),
		"ErrNoAudience":      forge(t, jwt.SigningMethodHS256, testSecret, without("aud")),
		"ErrWrongIssuer":     forge(t, jwt.SigningMethodHS256, testSecret, with("iss", "evil")),
		"ErrNoIssuer":        forge(t, jwt.SigningMethodHS256, testSecret, without("iss")),
		"ErrNoExpiry":        forge(t, jwt.SigningMethodHS256, testSecret, without("exp")),
		"ErrNoIssuedAt":      forge(t, jwt.SigningMethodHS256, testSecret, without("iat")),
		"ErrIssuedInFuture":  forge(t, jwt.SigningMethodHS256, testSecret, with("iat", now.Add(time.Hour).Unix())),
		"ErrNoSubject":       forge(t, jwt.SigningMethodHS256, testSecret, without("sub")),
		"ErrSubjectNotAnID":  forge(t, jwt.SigningMethodHS256, testSecret, with("sub", "ann")),
		"ErrUnknownEmployee": forge(t, jwt.SigningMethodHS256, testSecret, with("sub", "999999")),
		"ErrNoTokenVersion":  forge(t, jwt.SigningMethodHS256, testSecret, without("tv")),
		"ErrOldTokenVersion": forge(t, jwt.SigningMethodHS256, testSecret, with("tv", 0)),
		"ErrGarbage":         "not.a.jwt",
		"ErrEmpty":           "",
	} {
		t.Run(name, func(t *testing.T) {
			v, err := s.Authenticate(ctx, tok)
			if v != nil {
				t.Fatalf("accepted: viewer %+v", v)
			}
			assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
		})
	}

	t.Run("ErrExpired", func(t *testing.T) {
		clk.Advance(16 * time.Minute)
		_, err := s.Authenticate(ctx, good)
		assertError(t, err, rungs.ErrUnauthenticated, "auth.token_expired")
	})
}

func TestAuthenticateReadsDatabase(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, newClock())
	ctx := context.Background()

	t.Run("ErrAfterRevokeAll", func(t *testing.T) {
		id := MustCreateUser(t, db, "ann@example.com", goodPassword)
		tok := MustLogin(t, s, "ann@example.com", goodPassword).AccessToken
		if _, err := s.Authenticate(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeAll(ctx, db, id); err != nil {
			t.Fatal(err)
		}
		_, err := s.Authenticate(ctx, tok)
		assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
		// A new sign-in carries the new version.
		if _, err := s.Authenticate(ctx, MustLogin(t, s, "ann@example.com", goodPassword).AccessToken); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrDisabled", func(t *testing.T) {
		id := MustCreateUser(t, db, "bob@example.com", goodPassword)
		tok := MustLogin(t, s, "bob@example.com", goodPassword).AccessToken
		disable(t, db, id)
		_, err := s.Authenticate(ctx, tok)
		assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
	})
	t.Run("ErrOffboarded", func(t *testing.T) {
		id := MustCreateUser(t, db, "cy@example.com", goodPassword)
		tok := MustLogin(t, s, "cy@example.com", goodPassword).AccessToken
		offboard(t, db, id)
		_, err := s.Authenticate(ctx, tok)
		assertError(t, err, rungs.ErrUnauthenticated, "auth.token_invalid")
	})
	t.Run("OKRolesFresh", func(t *testing.T) {
		id := MustCreateUser(t, db, "dee@example.com", goodPassword, auth.RoleEmployee)
		tok := MustLogin(t, s, "dee@example.com", goodPassword).AccessToken
		// Roles changed behind SetRoles' back (no version bump) still show
		// on the next request: they are read, not carried in the token.
		if _, err := db.Exec(`INSERT INTO user_roles (employee_id, role) VALUES ($1, 'TRAINER')`, id); err != nil {
			t.Fatal(err)
		}
		v, err := s.Authenticate(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(v.Roles, []auth.Role{auth.RoleEmployee, auth.RoleTrainer}) {
			t.Fatalf("roles = %v", v.Roles)
		}
		if !v.Has(auth.RoleTrainer) || v.SeesEveryone() {
			t.Fatalf("Has/SeesEveryone wrong for %v", v.Roles)
		}
	})
	t.Run("OKNoRoles", func(t *testing.T) {
		id := MustCreateUser(t, db, "eve@example.com", goodPassword)
		tok := MustLogin(t, s, "eve@example.com", goodPassword).AccessToken
		if _, err := db.Exec(`DELETE FROM user_roles WHERE employee_id = $1`, id); err != nil {
			t.Fatal(err)
		}
		v, err := s.Authenticate(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Roles) != 0 || v.EmployeeID != id {
			t.Fatalf("viewer = %+v", v)
		}
	})
}
