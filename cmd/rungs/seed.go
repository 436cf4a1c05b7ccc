package main

import (
	"context"
	"fmt"

	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/seed"
)

func seedCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("seed", cfg)
	return &ffcli.Command{
		Name:       "seed",
		ShortUsage: "rungs seed [flags]",
		ShortHelp:  "Load (or refresh) the bilingual demo organisation.",
		LongHelp: `Loads the demo data in one transaction. Idempotent: running it again
updates the demo records in place and adds nothing twice. Pending migrations
are applied first.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("seed: unexpected argument %q", args[0])
			}
			logger, err := loadConfig(cfg)
			if err != nil {
				return err
			}
			d, err := openDatabase(ctx, cfg, logger)
			if err != nil {
				return err
			}
			defer d.Close()
			if _, err := postgres.Migrate(ctx, d.DB.DB, nil); err != nil {
				return err
			}
			sum, err := seed.Run(ctx, d.DB, bcryptCost)
			if err != nil {
				return err
			}
			fmt.Println("seeded:", sum)
			printLogins()
			return nil
		},
	}
}

// printLogins prints the demo sign-ins, if the demo has any yet.
func printLogins() {
	if len(seed.DemoLogins) == 0 {
		return
	}
	fmt.Printf("demo logins (password %q):\n", seed.DemoPassword)
	for _, l := range seed.DemoLogins {
		fmt.Printf("  %-22s %s\n", l.Email, l.Role)
	}
}
