package main

import (
	"context"

	"fmt"
	"os"
	"text/tabwriter"

	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/rungs/rungs/postgres"
)

func migrateCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("migrate", cfg)
	return &ffcli.Command{
		Name:       "migrate",
		ShortUsage: "rungs migrate apply|status [flags]",
		ShortHelp:  "Apply pending schema migrations, or list them.",
		LongHelp: `apply   applies every pending migration, each in its own transaction.
        Safe to run from several processes at once (an advisory lock
        serialises them).
status  lists every migration the binary carries and whether it is applied.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			if len(args) != 1 || (args[0] != "apply" && args[0] != "status") {
				return fmt.Errorf("migrate: say apply or status (see rungs migrate -h)")
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
			if args[0] == "apply" {
				applied, err := postgres.Migrate(ctx, d.DB.DB, nil)
				if err != nil {
					return err
				}
				fmt.Printf("applied %d migration(s)\n", len(applied))
				return nil
			}
			states, err := postgres.MigrationStatus(ctx, d.DB.DB)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "VERSION\tSTATE\tFILE")
			for _, s := range states {
				state := "pending"
				if s.Applied {
					state = "applied"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\n", s.Version, state, s.Name)
			}
			return tw.Flush()
		},
	}
}
