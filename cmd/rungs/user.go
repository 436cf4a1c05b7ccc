package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/rungs/rungs/auth"
)

func userCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("user", cfg)
	password := fs.String("password", "", "the new password (else read from the first line of standard input)")
	return &ffcli.Command{
		Name:       "user",
		ShortUsage: "rungs user reset-password [-password P] <email>",
		ShortHelp:  "Administer sign-ins from the command line.",
		LongHelp: `reset-password  sets a new password for the employee with this e-mail and
                signs them out everywhere (every token is revoked). Give
                the password with -password or on standard input.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			if len(args) != 2 || args[0] != "reset-password" {
				return errors.New("user: usage: rungs user reset-password [-password P] <email>")
			}
			email := strings.TrimSpace(args[1])
			logger, err := loadConfig(cfg)
			if err != nil {
				return err
			}
			pw := *password
			if pw == "" {
				line, err := bufio.NewReader(os.Stdin).ReadString('\n')
				if err != nil && line == "" {
					return errors.New("user: no password given: use -password or pipe it on standard input")
				}
				pw = strings.TrimRight(line, "\r\n")
			}
			if err := auth.CheckPasswordPolicy(pw); err != nil {
				return fmt.Errorf("user: %w", err)
			}
			d, err := openDatabase(ctx, cfg, logger)
			if err != nil {
				return err
			}
			defer d.Close()
			var id int64
			if err := d.DB.GetContext(ctx, &id, `SELECT id FROM employees WHERE lower(email) = lower($1)`, email); err != nil {
				return fmt.Errorf("user: no employee with e-mail %s", email)
			}
			// The CLI signs nothing, so any valid-length secret will do.
			svc, err := auth.NewService(d.DB, auth.Config{Secret: []byte(strings.Repeat("x", 32)), BcryptCost: bcryptCost})
			if err != nil {
				return err
			}
			if err := svc.ResetPassword(ctx, id, pw); err != nil {
				return fmt.Errorf("user: %w", err)
			}
			fmt.Printf("password reset for %s; their sessions are signed out\n", email)
			return nil
		},
	}
}
