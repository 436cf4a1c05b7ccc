// Package auth signs employees in and tells the rest of Rungs who is asking.
//
// Sign-in checks an e-mail address and a bcrypt password and hands out two
// tokens: a short-lived access token (a JWT sent as "Authorization: Bearer")
// and a long-lived refresh token that is exchanged, once, for a new pair.
// Everything that must hold on every server process — failed-login
// counters, lockouts, refresh tokens and their revocation, the token version
// that invalidates outstanding access tokens — lives in PostgreSQL, never in
// memory, so a Service keeps no state between requests. (In memory it only
// counts the sign-ins in progress, to bound their bcrypt work: see gate.)
//
// The Viewer (the signed-in user of a request) travels in the context: the
// Middleware puts it there and the domain packages read it with
// ViewerFromContext.
package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"golang.org/x/crypto/bcrypt"
)

// Role is an access role. A user may hold several; what each allows is
// declared in the GraphQL schema (@hasRole) and in the domain's SQL.
type Role string

// The access roles, as stored in user_roles.role.
const (
	RoleEmployee Role = "EMPLOYEE"
	RoleTrainer  Role = "TRAINER"
	RoleManager  Role = "MANAGER"
	RoleHR       Role = "HR"
	RoleAdmin    Role = "ADMIN"
)

// AllRoles lists every role, least powerful first.
var AllRoles = []Role{RoleEmployee, RoleTrainer, RoleManager, RoleHR, RoleAdmin}

// ParseRole returns the role named s (case-insensitive, surrounding spaces
// ignored) and whether there is one.
func ParseRole(s string) (Role, bool) {
	r := Role(strings.ToUpper(strings.TrimSpace(s)))
	if !r.valid() {
		return "", false
	}
	return r, true
}

// valid reports whether r is exactly one of AllRoles.
func (r Role) valid() bool {
	for _, known := range AllRoles {
		if r == known {
			return true
		}
	}
	return false
}

// Viewer is the signed-in user of a request.
type Viewer struct {
	EmployeeID int64
	Roles      []Role
}

// Has reports whether the viewer holds any of roles. A nil viewer (an
// anonymous request) holds none.
func (v *Viewer) Has(roles ...Role) bool {
	if v == nil {
		return false
	}
	for _, held := range v.Roles {
		for _, r := range roles {
			if held == r {
				return true
			}
		}
	}
	return false
}

// SeesEveryone reports whether the viewer may see every employee, not only
// their own reporting line: HR and admins may.
func (v *Viewer) SeesEveryone() bool { return v.Has(RoleHR, RoleAdmin) }

type viewerKey struct{}

// NewContextWithViewer returns a copy of ctx that carries v.
func NewContextWithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFromContext returns the signed-in user of the request, or nil when
// it is anonymous.
func ViewerFromContext(ctx context.Context) *Viewer {
	if v, _ := ctx.Value(viewerKey{}).(*Viewer); v != nil {
		return v
	}
	if x, ok := ctx.Value(httpKey{}).(*exchange); ok {
		return x.signedIn.Load()
	}
	return nil
}

// Config holds the settings of a Service. Zero values take the defaults.
type Config struct {
	Secret           []byte        // HS256 key, at least 32 bytes
	Issuer           string        // "iss" of access tokens; default "rungs"
	Audience         string        // "aud" of access tokens; default "rungs-api"
	AccessTTL        time.Duration // access token lifetime; default 15m
	RefreshTTL       time.Duration // refresh token lifetime, renewed on each refresh; default 720h
	MaxFailures      int           // failed sign-ins per e-mail address before lockout (those in progress count too); default 5
	MaxFailuresPerIP int           // failed sign-ins per client address before lockout (likewise); default 30
	FailureWindow    time.Duration // failures older than this are forgotten; default 15m
	LockoutDuration  time.Duration // how long a lockout lasts; default 15m
	BcryptCost       int           // cost of new password hashes; default bcrypt.DefaultCost
	Now              func() time.Time
	// Logger records internal errors the Middleware cannot show the
	// client; default slog.Default().
	Logger *slog.Logger
	// ConcurrentChecks is how many sign-in passwords one process compares
	// (bcrypt, CPU-bound) at once; default GOMAXPROCS. More sign-ins wait.
	ConcurrentChecks int
	// CheckQueueWait is how long a sign-in waits for one of those before
	// it is refused (RATE_LIMITED, "auth.busy"); default 2s.
	CheckQueueWait time.Duration
	// ConcurrentPerClient is how many sign-ins one client address (an IPv6
	// /64) may have in progress at once in one process; more are refused
	// at once (RATE_LIMITED, "auth.busy"); default 4.
	ConcurrentPerClient int
}

// MinSecretLen is the shortest HS256 key NewService accepts: a key shorter
// than the hash output (32 bytes) weakens the signature.
const MinSecretLen = 32

func (c *Config) defaults() {
	if c.Issuer == "" {
		c.Issuer = "rungs"
	}
	if c.Audience == "" {
		c.Audience = "rungs-api"
	}
	if c.AccessTTL == 0 {
		c.AccessTTL = 15 * time.Minute
	}
	if c.RefreshTTL == 0 {
		c.RefreshTTL = 30 * 24 * time.Hour
	}
	if c.MaxFailures == 0 {
		c.MaxFailures = 5
	}
	if c.MaxFailuresPerIP == 0 {
		c.MaxFailuresPerIP = 30
	}
	if c.FailureWindow == 0 {
		c.FailureWindow = 15 * time.Minute
	}
	if c.LockoutDuration == 0 {
		c.LockoutDuration = 15 * time.Minute
	}
	if c.BcryptCost == 0 {
		c.BcryptCost = bcrypt.DefaultCost
	}
	if c.ConcurrentChecks == 0 {
		c.ConcurrentChecks = runtime.GOMAXPROCS(0)
	}
	if c.CheckQueueWait == 0 {
		c.CheckQueueWait = 2 * time.Second
	}
	if c.ConcurrentPerClient == 0 {
		c.ConcurrentPerClient = 4
	}
	if c.Now == nil {
		c.Now = clock.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

func (c *Config) validate() error {
	var errs []error
	if len(c.Secret) < MinSecretLen {
		errs = append(errs, fmt.Errorf("secret must be at least %d bytes, got %d", MinSecretLen, len(c.Secret)))
	}
	if c.AccessTTL < 0 || c.RefreshTTL < 0 || c.FailureWindow < 0 || c.LockoutDuration < 0 || c.CheckQueueWait < 0 {
		errs = append(errs, errors.New("durations must not be negative"))
	}
	if c.MaxFailures < 0 || c.MaxFailuresPerIP < 0 || c.ConcurrentChecks < 0 || c.ConcurrentPerClient < 0 {
		errs = append(errs, errors.New("failure and concurrency limits must not be negative"))
	}
	if c.BcryptCost < bcrypt.MinCost || c.BcryptCost > bcrypt.MaxCost {
		errs = append(errs, fmt.Errorf("bcrypt cost must be between %d and %d, got %d", bcrypt.MinCost, bcrypt.MaxCost, c.BcryptCost))
	}
	return errors.Join(errs...)
}

// Service signs users in and checks their tokens. It holds the database and
// its settings only, so one Service serves every request of a process, and
// several processes over one database agree on every lockout and token.
type Service struct {
	db     *sqlx.DB
	cfg    Config
	parser *jwt.Parser
	// dummyHash is compared against when the e-mail address is unknown, so
	// an unknown address costs as much time as a wrong password and the
	// response time does not tell which addresses have accounts.
	dummyHash []byte
	// gate bounds the bcrypt work of sign-ins in progress in this process.
	gate *gate
	// checks counts bcrypt comparisons of sign-ins (PasswordChecks).
	checks atomic.Int64
	// onCompare, when set (tests only), runs before each comparison.
	onCompare func()
}

// NewService returns a Service over db after checking cfg.
func NewService(db *sqlx.DB, cfg Config) (*Service, error) {
	cfg.defaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("auth: config: %w", err)
	}
	// A random password nobody knows, hashed at the cost real hashes get.
	random := make([]byte, 16)
	_, _ = rand.Read(random)
	dummy, err := bcrypt.GenerateFromPassword([]byte(hex.EncodeToString(random)), cfg.BcryptCost)
	if err != nil {
		return nil, fmt.Errorf("auth: dummy hash: %w", err)
	}
	return &Service{
		db:        db,
		cfg:       cfg,
		dummyHash: dummy,
		gate:      newGate(cfg.ConcurrentChecks, cfg.ConcurrentPerClient, cfg.CheckQueueWait),
		parser: jwt.NewParser(
			// Pinning the algorithm refuses "none" and the RS256/HS256
			// confusion attack whatever the token's header claims.
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithIssuer(cfg.Issuer),
			jwt.WithAudience(cfg.Audience),
			jwt.WithTimeFunc(cfg.Now),
			// Servers' clocks differ a little; a token issued by one must
			// not be "used before issued" on another.
			jwt.WithLeeway(clockSkew),
		),
	}, nil
}

// clockSkew is how far apart the clocks of two server processes may be.
const clockSkew = 5 * time.Second

func (s *Service) now() time.Time { return s.cfg.Now() }

// Require answers "is anyone signed in?" for the domain packages: every
// write starts with it, and the error is the same everywhere.
func Require(v *Viewer) error {
	if v == nil {
		return ErrSignIn()
	}
	return nil
}

// ErrSignIn is the UNAUTHENTICATED error of a request without a viewer.
func ErrSignIn() error {
	return rungs.Errorf(rungs.ErrUnauthenticated, "auth.required", "sign in first")
}
