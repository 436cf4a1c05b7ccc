// Package jobs runs periodic background jobs on every server process while
// each job runs only once per period across all of them.
//
// The schedule lives in PostgreSQL (table job_schedule, one row per job),
// never in memory: a process runs a job by locking its row with
// FOR UPDATE SKIP LOCKED once next_run_at has passed, runs the job inside
// that same transaction, moves next_run_at on and commits. Another process
// polling at the same moment skips the locked row, and after the commit it
// sees the new next_run_at, so the job body runs exactly once per period
// however many processes share the database. Because the job's writes
// commit together with the schedule update, a crash mid-job loses both and
// the next poll runs the job again.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Job is one periodic job.
type Job struct {
	// Name identifies the job in job_schedule; unique within a Runner and
	// stable across releases (renaming it starts a new schedule).
	Name string
	// Every is the period: after a run the job is due again Every later.
	Every time.Duration
	// Run does the work inside the transaction that holds the job's row.
	// Returning an error rolls back every write Run made through tx.
	Run func(ctx context.Context, tx *sqlx.Tx, now time.Time) error
}

// Runner polls job_schedule and runs the jobs that are due.
type Runner struct {
	DB   *sqlx.DB
	Jobs []Job
	// Poll is how often Run looks for due jobs; default 10s.
	Poll time.Duration
	// Logger receives one line per failed run (Error) and per successful
	// run (Debug); default slog.Default().
	Logger *slog.Logger
	// Now is the clock; default clock.Now. Every process sharing a database
	// compares next_run_at with its own clock, so keep clocks in sync (NTP).
	Now func() time.Time
}

// MaxBackoff bounds how soon a failed job is retried: after a failure a job
// is due again after the smaller of its period and MaxBackoff.
const MaxBackoff = time.Minute

// Run runs due jobs now and then every Poll until ctx is done. It returns
// an error only when the jobs are misconfigured; failures of single runs
// are logged and retried, never returned, so the server keeps serving.
func (r *Runner) Run(ctx context.Context) error {
	if err := r.validate(); err != nil {
		return err
	}
	poll := r.Poll
	if poll <= 0 {
		poll = 10 * time.Second
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if _, err := r.RunDue(ctx); err != nil && ctx.Err() == nil {
			r.logger().Error("jobs: poll failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunDue runs every job that is due and not being run by another process,
// each at most once, and returns the names of those it ran (successfully or
// not). A success moves next_run_at on by the job's period, counts in runs
// and clears last_error; a failure is recorded in last_error and logged,
// not returned, and the job is retried after the smaller of its period and
// MaxBackoff. err reports trouble with the schedule itself.
func (r *Runner) RunDue(ctx context.Context) (ran []string, err error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	now := r.now()
	names := make([]string, len(r.Jobs))
	byName := make(map[string]Job, len(r.Jobs))
	for i, j := range r.Jobs {
		names[i] = j.Name
		byName[j.Name] = j
	}
	// New jobs are due at once.
	if _, err := r.DB.ExecContext(ctx, `
		INSERT INTO job_schedule (name, next_run_at) SELECT unnest($1::text[]), $2
		ON CONFLICT (name) DO NOTHING`, pq.Array(names), now); err != nil {
		return nil, fmt.Errorf("jobs: register: %w", err)
	}
	// One job per transaction; a job is tried at most once per call even if
	// its period is shorter than its run.
	left := names
	for len(left) > 0 {
		name, err := r.runOne(ctx, left, byName, now)
		if err != nil {
			return ran, err
		}
		if name == "" {
			return ran, nil
		}
		ran = append(ran, name)
		left = without(left, name)
	}
	return ran, nil
}

// runOne claims one due job among names, runs it and records the outcome.
// It returns "" when no job is due or all due ones are held elsewhere.
func (r *Runner) runOne(ctx context.Context, names []string, byName map[string]Job, now time.Time) (string, error) {
	tx, err := r.DB.BeginTxx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("jobs: begin: %w", err)
	}
	defer tx.Rollback() // no-op after Commit

	// SKIP LOCKED: a row locked by another process is a job running there
	// right now. Under READ COMMITTED a row that process has just committed
	// is re-checked against the WHERE, so its moved next_run_at excludes it.
	var name string
	err = tx.GetContext(ctx, &name, `
		SELECT name FROM job_schedule
		WHERE name = ANY($1) AND next_run_at <= $2
		ORDER BY next_run_at, name
		LIMIT 1
		FOR UPDATE SKIP LOCKED`, pq.Array(names), now)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("jobs: claim: %w", err)
	}
	job := byName[name]
	log := r.logger().With("job", name)

	// The savepoint lets a failed job's writes be undone while the row
	// stays locked, so no other process starts the job again before the
	// failure and its backoff are recorded.
	if _, err := tx.ExecContext(ctx, `SAVEPOINT job`); err != nil {
		return "", fmt.Errorf("jobs: savepoint: %w", err)
	}
	start := time.Now()
	runErr := safeRun(ctx, job, tx, now)
	took := time.Since(start)

	if runErr == nil {
		_, err = tx.ExecContext(ctx, `
			UPDATE job_schedule SET next_run_at = $2, last_run_at = $3, last_error = '', runs = runs + 1
			WHERE name = $1`, name, now.Add(job.Every), now)
		if err == nil {
			err = tx.Commit()
		}
		if err != nil {
			// Nothing of the run is kept; the job stays due and runs again.
			log.Error("jobs: recording a run failed", "err", err, "duration", took)
			return name, nil
		}
		log.Debug("jobs: ran", "duration", took, "next_run_at", now.Add(job.Every))
		return name, nil
	}

	if ctx.Err() != nil {
		// Shutting down: the job was cut short, not broken. Leave it due
		// so another process picks it up at once.
		log.Info("jobs: run interrupted", "err", runErr, "duration", took)
		return name, nil
	}
	next := now.Add(min(job.Every, MaxBackoff))
	msg := truncate(runErr.Error(), 2000)
	log.Error("jobs: run failed", "err", runErr, "duration", took, "retry_at", next)
	_, err = tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT job`)
	if err == nil {
		_, err = tx.ExecContext(ctx, `
			UPDATE job_schedule SET next_run_at = $2, last_run_at = $3, last_error = $4
			WHERE name = $1`, name, next, now, msg)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		// The transaction is unusable (a cancelled context, a lost
		// connection): roll it all back and record the failure on its own.
		_ = tx.Rollback()
		if _, err2 := r.DB.ExecContext(ctx, `
			UPDATE job_schedule SET next_run_at = $2, last_run_at = $3, last_error = $4
			WHERE name = $1 AND next_run_at <= $3`, name, next, now, msg); err2 != nil {
			log.Error("jobs: recording a failure failed", "err", err2)
		}
	}
	return name, nil
}

// safeRun runs the job and turns a panic into an error: a broken job must
// never take the server down.
func safeRun(ctx context.Context, job Job, tx *sqlx.Tx, now time.Time) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return job.Run(ctx, tx, now)
}

func (r *Runner) validate() error {
	if r.DB == nil {
		return errors.New("jobs: Runner.DB is nil")
	}
	seen := make(map[string]bool, len(r.Jobs))
	for _, j := range r.Jobs {
		switch {
		case j.Name == "":
			return errors.New("jobs: a job has no name")
		case seen[j.Name]:
			return fmt.Errorf("jobs: two jobs are named %q", j.Name)
		case j.Every <= 0:
			return fmt.Errorf("jobs: job %q has no period", j.Name)
		case j.Run == nil:
			return fmt.Errorf("jobs: job %q has no Run", j.Name)
		}
		seen[j.Name] = true
	}
	return nil
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return clock.Now()
}

func (r *Runner) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.Default()
}

func without(names []string, name string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}

// truncate keeps error text in job_schedule readable: a panic's stack can
// be long.
func truncate(s string, n int) string {
	s = strings.ReplaceAll(s, "\x00", "")
	if len(s) <= n {
		return strings.ToValidUTF8(s, "?")
	}
	// Cutting may split a character; PostgreSQL refuses invalid UTF-8.
	return strings.ToValidUTF8(s[:n], "") + "…"
}
