// Package pglocal runs a private PostgreSQL server from the machine's own
// PostgreSQL binaries: the embedded default database of `rungs serve` and the
// throw-away server of the test harness.
//
// Nothing is downloaded: the binaries come from the Debian package
// (postgresql-15 installs them under /usr/lib/postgresql/15/bin). initdb and
// postgres refuse to run as root, so when this process is root the cluster is
// created and run as the "postgres" system user, which must own the data
// directory and be able to reach it.
package pglocal

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"database/sql"

	_ "github.com/lib/pq" // the driver for the readiness probe
)

// Superuser is the name of the cluster's superuser role created by initdb.
const Superuser = "rungs"

// InstallHint is what to do when no PostgreSQL binaries are found.
const InstallHint = "install them with: apt-get install -y postgresql (Debian's package puts them under /usr/lib/postgresql/15/bin)"

// Options configures a private server.
type Options struct {
	// Dir holds everything: the cluster in Dir/pgdata, the generated password in
	// Dir/password and the server log in Dir/postgres.log. Created if missing.
	Dir string
	// BinDir overrides the discovery of the PostgreSQL binaries.
	BinDir string
	// Port to listen on at 127.0.0.1; 0 picks a free one.
	Port int
	// Ephemeral trades durability for speed (fsync, synchronous_commit and
	// full_page_writes off): for test servers whose data is thrown away.
	Ephemeral bool
	// StartTimeout bounds how long Start waits for the server to accept
	// connections. Default 60s.
	StartTimeout time.Duration
	// ClockOffset, when set ("+365d"), runs the server under Debian's
	// libfaketime shifted by that many days, so now() and current_date agree
	// with a Go process whose clock.Now carries the same RUNGS_CLOCK_OFFSET.
	// Tests use it to prove that nothing depends on the calendar.
	ClockOffset string
}

// FakeTimeLib is where Debian's libfaketime package puts the library that
// shifts a process's clock (any architecture).
const FakeTimeLib = "/usr/lib/*/faketime/libfaketime.so.1"

// fakeTimeEnv returns the environment that runs a process offset days
// ahead (or behind) under libfaketime.
func fakeTimeEnv(offset string) ([]string, error) {
	libs, _ := filepath.Glob(FakeTimeLib)
	if len(libs) == 0 {
		return nil, fmt.Errorf("pglocal: a clock offset needs libfaketime (%s): install it with: apt-get install -y faketime", FakeTimeLib)
	}
	return []string{
		"LD_PRELOAD=" + libs[0],
		"FAKETIME=" + offset,
		// Timeouts and latches run on the monotonic clock: leave it real.
		"FAKETIME_DONT_FAKE_MONOTONIC=1",
	}, nil
}

// Server is a running private PostgreSQL.
type Server struct {
	opts     Options
	binDir   string
	dataDir  string
	port     int
	password string
	cmd      *exec.Cmd
	attached bool // shares a server another process started
	exited   chan struct{}
	waitErr  error
}

// FindBinDir locates the directory that holds initdb and postgres: first
// `pg_config --bindir`, then the newest /usr/lib/postgresql/*/bin.
func FindBinDir() (string, error) {
	var tried []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dir := strings.TrimSpace(string(out))
		if hasServerBinaries(dir) {
			return dir, nil
		}
		tried = append(tried, dir)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// Newest major version first; numeric sort so 15 beats 9.6.
	sort.Slice(dirs, func(i, j int) bool { return majorOf(dirs[i]) > majorOf(dirs[j]) })
	for _, dir := range dirs {
		if hasServerBinaries(dir) {
			return dir, nil
		}
		tried = append(tried, dir)
	}
	if len(tried) == 0 {
		tried = append(tried, "pg_config --bindir", "/usr/lib/postgresql/*/bin")
	}
	return "", fmt.Errorf("pglocal: no PostgreSQL server binaries (initdb, postgres) found in %s; %s",
		strings.Join(tried, ", "), InstallHint)
}

func majorOf(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

// Start creates the cluster on first use and starts the server. The caller
// must call Stop. Start fails with an explanatory error if the binaries are
// missing, the directory is unusable, or the server does not come up.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Dir == "" {
		return nil, errors.New("pglocal: Options.Dir is required")
	}
	if opts.StartTimeout == 0 {
		opts.StartTimeout = 60 * time.Second
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("pglocal: %w", err)
	}
	opts.Dir = dir
	binDir := opts.BinDir
	if binDir == "" {
		if binDir, err = FindBinDir(); err != nil {
			return nil, err
		}
	}
	s := &Server{opts: opts, binDir: binDir, dataDir: filepath.Join(dir, "pgdata")}

	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	if dir, err = prepareDir(dir, cred); err != nil {
		return nil, err
	}
	s.opts.Dir, s.dataDir = dir, filepath.Join(dir, "pgdata")
	if s.password, err = ensurePassword(filepath.Join(dir, "password"), cred); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(s.dataDir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := s.initdb(ctx, cred); err != nil {
			return nil, err
		}
	}
	if port, err := runningPort(s.dataDir); err != nil {
		return nil, err
	} else if port != 0 {
		// Another process (a running `rungs serve`) already runs this cluster:
		// share it rather than fail. Stop leaves it running.
		s.port, s.attached = port, true
		return s, nil
	}

	// A free port can be taken between our probe and the server's bind; retry a few times.
	for attempt := 0; ; attempt++ {
		s.port = opts.Port
		if s.port == 0 {
			if s.port, err = freePort(); err != nil {
				return nil, err
			}
		}
		err = s.launch(ctx, cred)
		if err == nil || opts.Port != 0 || attempt == 2 {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// runAs returns the credential to run PostgreSQL with: nil for an ordinary
// user, the postgres system user when we are root.
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pglocal: running as root needs the postgres system user, which %s creates: %w", "apt-get install -y postgresql", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
}

// FallbackRoot is where a root process keeps a cluster whose own directory
// the postgres user cannot reach (a clone under /root, say).
const FallbackRoot = "/var/lib/rungs"

// prepareDir creates dir (following a symlink left by an earlier fallback)
// and, when running as root, hands it to the postgres user. If that user
// cannot reach dir because a parent directory is closed to it, the cluster
// goes under FallbackRoot instead and dir becomes a symlink to it, so the
// data still lives "at" dir from the caller's point of view and survives
// restarts. Parent permissions are never changed.
func prepareDir(dir string, cred *syscall.Credential) (string, error) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("pglocal: create %s: %w", dir, err)
	}
	if cred == nil {
		return dir, nil
	}
	if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
		return "", fmt.Errorf("pglocal: hand %s to the postgres user: %w", dir, err)
	}
	if reachable(dir, cred) {
		return dir, nil
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		return "", fmt.Errorf("pglocal: the postgres system user cannot reach %s: make each parent directory searchable (chmod o+x) or use another data directory", dir)
	}
	sum := sha256.Sum256([]byte(dir))
	fallback := filepath.Join(FallbackRoot, "pg-"+hex.EncodeToString(sum[:6]))
	// The root itself is only passable (0711): each cluster below is private.
	if err := os.MkdirAll(FallbackRoot, 0o711); err == nil {
		err = os.Chmod(FallbackRoot, 0o711)
	}
	if err := os.MkdirAll(fallback, 0o700); err != nil {
		return "", fmt.Errorf("pglocal: %s is closed to the postgres user and %s cannot be created: %w", dir, fallback, err)
	}
	if err := os.Chown(fallback, int(cred.Uid), int(cred.Gid)); err != nil {
		return "", fmt.Errorf("pglocal: chown %s: %w", fallback, err)
	}
	if !reachable(fallback, cred) {
		return "", fmt.Errorf("pglocal: the postgres system user can reach neither %s nor %s", dir, fallback)
	}
	if err := os.Remove(dir); err != nil {
		return "", fmt.Errorf("pglocal: replace %s with a link: %w", dir, err)
	}
	if err := os.Symlink(fallback, dir); err != nil {
		return "", fmt.Errorf("pglocal: link %s to %s: %w", dir, fallback, err)
	}
	return fallback, nil
}

// reachable reports whether the postgres user can enter and write dir: every
// parent must be searchable by it. Asking the kernel as that user is the only
// sure answer (ACLs, group membership).
func reachable(dir string, cred *syscall.Credential) bool {
	cmd := exec.Command("test", "-x", dir, "-a", "-w", dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	return cmd.Run() == nil
}

func ensurePassword(path string, cred *syscall.Credential) (string, error) {
	if b, err := os.ReadFile(path); err == nil && len(bytes.TrimSpace(b)) > 0 {
		return string(bytes.TrimSpace(b)), nil
	}
	buf := make([]byte, 18)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("pglocal: generate password: %w", err)
	}
	pw := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(pw+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("pglocal: write %s: %w", path, err)
	}
	if cred != nil {
		// initdb reads it through --pwfile as the postgres user.
		if err := os.Chown(path, int(cred.Uid), int(cred.Gid)); err != nil {
			return "", fmt.Errorf("pglocal: chown %s: %w", path, err)
		}
	}
	return pw, nil
}

func (s *Server) initdb(ctx context.Context, cred *syscall.Credential) error {
	args := []string{
		"-D", s.dataDir,
		"-U", Superuser,
		"--pwfile", filepath.Join(s.opts.Dir, "password"),
		"--auth", "scram-sha-256",
		// CI may run with no LANG at all; C.UTF-8 is built into glibc, so this
		// works on any Debian without generating locales.
		"-E", "UTF8", "--locale", "C.UTF-8",
	}
	if s.opts.Ephemeral {
		args = append(args, "--no-sync")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(s.binDir, "initdb"), args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	cmd.Dir = s.opts.Dir
	cmd.Env = pgEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		// Leave no half-made cluster behind: the next start would skip initdb.
		_ = os.RemoveAll(s.dataDir)
		return fmt.Errorf("pglocal: initdb %s: %w\n%s", s.dataDir, err, out)
	}
	return nil
}

// runningPort looks at postmaster.pid. If the process it names is a running
// postgres, the cluster is in use and runningPort returns its port (the
// file's fourth line). A file left by a server that was killed is removed.
func runningPort(dataDir string) (int, error) {
	pidFile := filepath.Join(dataDir, "postmaster.pid")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return 0, nil
	}
	lines := strings.Split(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err == nil && pid > 0 {
		if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil && strings.HasPrefix(string(comm), "postgres") {
			if len(lines) > 3 {
				if port, err := strconv.Atoi(strings.TrimSpace(lines[3])); err == nil {
					return port, nil
				}
			}
			return 0, fmt.Errorf("pglocal: a PostgreSQL server (pid %d) runs on %s but its port is unreadable; stop it first", pid, dataDir)
		}
	}
	if err := os.Remove(pidFile); err != nil {
		return 0, fmt.Errorf("pglocal: remove stale %s: %w", pidFile, err)
	}
	return 0, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pglocal: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) launch(ctx context.Context, cred *syscall.Credential) error {
	args := []string{
		"-D", s.dataDir,
		"-p", strconv.Itoa(s.port),
		"-c", "listen_addresses=127.0.0.1",
		// No Unix socket: /var/run/postgresql may be missing or belong to the
		// system cluster, and TCP on loopback is all we use.
		"-c", "unix_socket_directories=",
		"-c", "max_connections=200",
		"-c", "logging_collector=off",
	}
	if s.opts.Ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	logPath := filepath.Join(s.opts.Dir, "postgres.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("pglocal: open %s: %w", logPath, err)
	}
	env := pgEnv()
	if s.opts.ClockOffset != "" {
		fake, err := fakeTimeEnv(s.opts.ClockOffset)
		if err != nil {
			logFile.Close()
			return err
		}
		env = append(env, fake...)
	}
	cmd := exec.Command(filepath.Join(s.binDir, "postgres"), args...)
	cmd.Dir = s.opts.Dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: cred,
		// Own process group: a Ctrl-C in the terminal reaches us, not the
		// server, so we can drain requests before stopping the database.
		Setpgid: true,
		// If we die without stopping it, the server shuts itself down fast
		// instead of holding the data directory.
		Pdeathsig: syscall.SIGINT,
	}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("pglocal: start postgres: %w", err)
	}
	logFile.Close()
	s.cmd = cmd
	s.exited = make(chan struct{})
	go func() { s.waitErr = cmd.Wait(); close(s.exited) }()

	deadline := time.Now().Add(s.opts.StartTimeout)
	db, err := sql.Open("postgres", s.URL("postgres"))
	if err != nil {
		_ = s.Stop()
		return fmt.Errorf("pglocal: %w", err)
	}
	defer db.Close()
	for {
		pingCtx, cancel := context.WithTimeout(ctx, time.Second)
		err = db.PingContext(pingCtx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("pglocal: postgres exited during start-up (%v); last lines of %s:\n%s", s.waitErr, logPath, tail(logPath, 15))
		case <-ctx.Done():
			_ = s.Stop()
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = s.Stop()
			return fmt.Errorf("pglocal: postgres did not accept connections within %s (%v); see %s", s.opts.StartTimeout, err, logPath)
		}
	}
}

// pgEnv is a minimal environment for initdb and postgres: a LANG the caller
// happened to have must not change the cluster's locale.
func pgEnv() []string {
	return []string{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8", "TZ=UTC"}
}

func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Port is the TCP port the server listens on at 127.0.0.1.
func (s *Server) Port() int { return s.port }

// URL is a connection string for database dbname as the superuser.
func (s *Server) URL(dbname string) string {
	return fmt.Sprintf("postgres://%s:%s@127.0.0.1:%d/%s?sslmode=disable", Superuser, s.password, s.port, dbname)
}

// EnsureDatabase creates database name if it does not exist yet.
func (s *Server) EnsureDatabase(ctx context.Context, name string) error {
	db, err := sql.Open("postgres", s.URL("postgres"))
	if err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return fmt.Errorf("pglocal: look up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	// Identifiers cannot be bound parameters; quote it.
	if _, err := db.ExecContext(ctx, `CREATE DATABASE `+quoteIdent(name)); err != nil {
		return fmt.Errorf("pglocal: create database %s: %w", name, err)
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Stop shuts the server down ("fast" mode: open sessions are ended, data is
// flushed) and waits for it to exit. Safe to call more than once.
func (s *Server) Stop() error {
	if s.attached || s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	select {
	case <-s.exited:
		return nil
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.exited:
		return nil
	case <-time.After(30 * time.Second):
		// Immediate shutdown: recovery runs at next start, no data is lost.
		_ = s.cmd.Process.Signal(syscall.SIGQUIT)
		<-s.exited
		return errors.New("pglocal: postgres ignored fast shutdown for 30s; sent immediate shutdown")
	}
}

// Attached reports whether Start found the cluster already running in
// another process and shares it.
func (s *Server) Attached() bool { return s.attached }
