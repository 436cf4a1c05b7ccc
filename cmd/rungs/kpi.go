package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/kpi"
)

func kpiCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("kpi", cfg)
	return &ffcli.Command{
		Name:       "kpi",
		ShortUsage: "rungs kpi import <file.csv>",
		ShortHelp:  "Import KPI records from CSV.",
		LongHelp: `import  reads a CSV file with the header
        employee_no,kpi,period_start,period_end,value,volume
        (columns in any order; periods are whole months or quarters) and
        writes every row in one transaction, with the competency evidence
        the KPI thresholds give. A file with any bad line writes nothing:
        every bad line is listed with its number and column.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			if len(args) != 2 || args[0] != "import" {
				return errors.New("kpi: usage: rungs kpi import <file.csv>")
			}
			f, err := os.Open(args[1])
			if err != nil {
				return fmt.Errorf("kpi: %w", err)
			}
			defer f.Close()
			logger, err := loadConfig(cfg)
			if err != nil {
				return err
			}
			d, err := openDatabase(ctx, cfg, logger)
			if err != nil {
				return err
			}
			defer d.Close()
			// The operator at the console acts as an administrator with no
			// employee record; the import is recorded without an importer.
			system := &auth.Viewer{Roles: []auth.Role{auth.RoleAdmin}}
			res, err := kpi.NewStore(d.DB).Import(ctx, system, filepath.Base(args[1]), f)
			if err != nil {
				return fmt.Errorf("kpi: %s", describe(err))
			}
			fmt.Printf("imported %d records from %s (%d new, %d replaced), %d evidence rows\n",
				res.Rows, args[1], res.Inserted, res.Replaced, res.Evidence)
			return nil
		},
	}
}

// describe spells out a rungs error with every detail on its own line, so
// an operator sees each bad line of a file.
func describe(err error) string {
	var e *rungs.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, d := range e.Details {
		b.WriteString("\n  ")
		if d.Field != "" {
			b.WriteString(d.Field + ": ")
		}
		b.WriteString(d.Message)
	}
	return b.String()
}
