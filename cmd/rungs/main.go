// Command rungs is the whole of Rungs in one binary: the GraphQL API and the
// web app (`serve`), the schema (`migrate`) and the demo data (`seed`).
//
// With no DATABASE_URL every subcommand uses the embedded default: a private
// PostgreSQL under ./.data, started from the machine's own binaries.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/peterbourgon/ff/v3"
	"github.com/peterbourgon/ff/v3/ffcli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "rungs:", err)
		os.Exit(1)
	}
}

// run parses args and runs the chosen subcommand; main's only job is to
// turn its error into an exit code, so tests can call run directly.
func run(ctx context.Context, args []string) error {
	var root *ffcli.Command
	root = &ffcli.Command{
		Name:       "rungs",
		ShortUsage: "rungs <subcommand> [flags]",
		ShortHelp:  "Training and career paths for customer-service organisations.",
		LongHelp: `Rungs serves its GraphQL API and web app from one binary.

Every flag can also be set from the environment: -database-url from
DATABASE_URL, -listen-addr from LISTEN_ADDR, and so on; flags win.
With no DATABASE_URL, Rungs runs a private PostgreSQL under -data-dir.`,
		FlagSet:     flag.NewFlagSet("rungs", flag.ContinueOnError),
		Subcommands: []*ffcli.Command{serveCmd(), migrateCmd(), seedCmd(), userCmd(), kpiCmd()},
		Exec: func(_ context.Context, args []string) error {
			fmt.Fprintln(os.Stderr, ffcli.DefaultUsageFunc(root))
			if len(args) > 0 {
				return fmt.Errorf("unknown subcommand %q", args[0])
			}
			return errors.New("say which subcommand to run")
		},
	}
	if err := root.Parse(args); err != nil {
		return err
	}
	return root.Run(ctx)
}

// newFlagSet returns a flag set for a subcommand with the shared
// configuration flags declared.
func newFlagSet(name string, cfg *appConfig) *flag.FlagSet {
	fs := flag.NewFlagSet("rungs "+name, flag.ContinueOnError)
	cfg.Register(fs)
	return fs
}

// version is set at build time: -ldflags "-X main.version=…".
var version = "dev"

// bcryptCost is the work factor of stored password hashes. Tests lower it.
var bcryptCost = 12

// envOptions makes ff read each flag from its environment variable.
var envOptions = []ff.Option{ff.WithEnvVars()}
