package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/peterbourgon/ff/v3/ffcli"
	"github.com/rungs/rungs/auth"
)

// userCmd administers sign-ins from the console: the way back in when
// nobody can (a forgotten admin password, no admin left). Each verb is a
// subcommand with its own flags, so they follow it:
// `rungs user reset-password -password P <email>`.
func userCmd() *ffcli.Command {
	return &ffcli.Command{
		Name:       "user",
		ShortUsage: "rungs user <reset-password|grant-role|revoke-role> [flags] <email>",
		ShortHelp:  "Administer sign-ins from the command line.",
		LongHelp: `reset-password  sets a new password and signs them out everywhere
grant-role      gives an access role (ADMIN unless -role says otherwise)
revoke-role     takes an access role away (-role, required)

Each takes -h for its flags.`,
		FlagSet:     flag.NewFlagSet("rungs user", flag.ContinueOnError),
		Subcommands: []*ffcli.Command{resetPasswordCmd(), grantRoleCmd(), revokeRoleCmd()},
		Exec: func(_ context.Context, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("user: unknown subcommand %q: use reset-password, grant-role or revoke-role", args[0])
			}
			return errors.New("user: say which: rungs user <reset-password|grant-role|revoke-role> [flags] <email>")
		},
	}
}

func resetPasswordCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("user reset-password", cfg)
	password := fs.String("password", "", "the new password (else read from the first line of standard input)")
	const usage = "rungs user reset-password [-password P] <email>"
	return &ffcli.Command{
		Name:       "reset-password",
		ShortUsage: usage,
		ShortHelp:  "Set a new password for an employee; signs them out everywhere.",
		LongHelp: `Sets a new password for the employee with this e-mail address and signs
them out everywhere (every token is revoked); their sign-in lockout is
lifted. Give the password with -password or on standard input.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			email, err := oneEmail(args, usage)
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
			return withSignIn(ctx, cfg, email, func(svc *auth.Service, db *sqlx.DB, id int64) error {
				if err := svc.ResetPassword(ctx, id, pw); err != nil {
					return err
				}
				fmt.Printf("password reset for %s; their sessions are signed out\n", email)
				return nil
			})
		},
	}
}

func grantRoleCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("user grant-role", cfg)
	role := fs.String("role", string(auth.RoleAdmin), "the access role to give: EMPLOYEE, TRAINER, MANAGER, HR or ADMIN")
	const usage = "rungs user grant-role [-role ROLE] <email>"
	return &ffcli.Command{
		Name:       "grant-role",
		ShortUsage: usage,
		ShortHelp:  "Give an employee an access role (ADMIN by default).",
		LongHelp: `Gives the employee with this e-mail address an access role, ADMIN unless
-role says otherwise: how an operator brings back an administrator. Their
current access tokens stop working; the web app refreshes and carries on
with the new role.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			return changeRole(ctx, cfg, args, usage, *role, true)
		},
	}
}

func revokeRoleCmd() *ffcli.Command {
	cfg := &appConfig{}
	fs := newFlagSet("user revoke-role", cfg)
	role := fs.String("role", "", "the access role to take away: EMPLOYEE, TRAINER, MANAGER, HR or ADMIN (required)")
	const usage = "rungs user revoke-role -role ROLE <email>"
	return &ffcli.Command{
		Name:       "revoke-role",
		ShortUsage: usage,
		ShortHelp:  "Take an access role from an employee.",
		LongHelp: `Takes an access role from the employee with this e-mail address. Taking
ADMIN from the last active administrator is refused.`,
		FlagSet: fs,
		Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			return changeRole(ctx, cfg, args, usage, *role, false)
		},
	}
}

// changeRole grants or revokes the role named roleName of the employee
// named in args.
func changeRole(ctx context.Context, cfg *appConfig, args []string, usage, roleName string, grant bool) error {
	email, err := oneEmail(args, usage)
	if err != nil {
		return err
	}
	role, ok := auth.ParseRole(roleName)
	if !ok {
		return fmt.Errorf("user: -role %q is not an access role: use EMPLOYEE, TRAINER, MANAGER, HR or ADMIN", roleName)
	}
	return withSignIn(ctx, cfg, email, func(svc *auth.Service, db *sqlx.DB, id int64) error {
		if grant {
			if err := svc.GrantRole(ctx, db, id, role); err != nil {
				return err
			}
			fmt.Printf("%s now holds %s; their current tokens are outdated\n", email, role)
			return nil
		}
		if err := svc.RevokeRole(ctx, db, id, role); err != nil {
			return err
		}
		fmt.Printf("%s no longer holds %s; their current tokens are outdated\n", email, role)
		return nil
	})
}

// oneEmail returns the single e-mail address args should hold.
func oneEmail(args []string, usage string) (string, error) {
	if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
		return "", fmt.Errorf("user: usage: %s (flags go before the e-mail address)", usage)
	}
	return strings.TrimSpace(args[0]), nil
}

// withSignIn opens the database and runs fn with an auth.Service over it
// and the id of the employee with this e-mail address (any case).
func withSignIn(ctx context.Context, cfg *appConfig, email string, fn func(svc *auth.Service, db *sqlx.DB, id int64) error) error {
	logger, err := loadConfig(cfg)
	if err != nil {
		return err
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
	if err := fn(svc, d.DB, id); err != nil {
		return fmt.Errorf("user: %s", describe(err))
	}
	return nil
}
