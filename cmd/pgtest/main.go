// Command pgtest runs a command with a throw-away PostgreSQL beside it:
//
//	go run ./cmd/pgtest go test ./...
//
// It starts a private server (fsync off) in a temporary directory, exports its
// superuser URL as RUNGS_TEST_DATABASE_URL, runs the command, then stops the
// server, removes the directory and exits with the command's status. This is
// how `make test` gives every test package one shared server.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/rungs/rungs/dbtest"
)

func main() {
	os.Exit(run())
}

func run() int {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pgtest <command> [args…]")
		return 2
	}
	// The child gets Ctrl-C itself; we only wait for it and clean up.
	signal.Ignore(os.Interrupt, syscall.SIGTERM)
	srv, dir, err := dbtest.StartServer(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	defer srv.Stop()

	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), dbtest.EnvURL+"="+srv.URL("postgres"))
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	return 0
}
