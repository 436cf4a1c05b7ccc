package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/jobs"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/notify"
)

// startJobs runs the periodic jobs in the background until ctx ends; the
// returned func waits for them to stop. Every server process runs the
// same runner: job_schedule rows claimed with SKIP LOCKED make each run
// happen once across all of them.
func startJobs(ctx context.Context, cfg *appConfig, db *sqlx.DB, logger *slog.Logger) (wait func(), err error) {
	notes := notify.NewStore(db)
	// "Due in three days" counts in the organisation's calendar: set TZ.
	notes.Location = time.Local
	var mailer *notify.Mailer
	if cfg.SMTPAddr != "" {
		mailer, err = notify.NewMailer(notify.SMTPConfig{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom,
			Username: cfg.SMTPUsername, Password: cfg.SMTPPassword}, logger)
		if err != nil {
			return nil, err
		}
	}
	learn := learning.NewStore(db)
	all := append(notes.Jobs(mailer), jobs.Job{
		Name:  "learning.reopen-expired",
		Every: time.Hour,
		Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
			// Expiry counts in the organisation's calendar (TZ), as the
			// due notices do; the store works in UTC dates.
			y, m, d := now.In(time.Local).Date()
			n, err := learn.ReopenExpired(ctx, tx, time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
			if n > 0 {
				logger.Info("re-opened expired completions", "enrollments", n)
			}
			return err
		},
	})
	runner := &jobs.Runner{DB: db, Jobs: all, Logger: logger}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := runner.Run(ctx); err != nil {
			logger.Error("background jobs stopped", "err", err)
		}
	}()
	return func() { <-done }, nil
}
