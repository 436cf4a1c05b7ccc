package jobs_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/jobs"
	"github.com/rungs/rungs/postgres"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// clock is a test clock shared by several runners.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// twoPools opens two connection pools on one fresh database: two server
// processes sharing it.
func twoPools(t *testing.T) (*sqlx.DB, *sqlx.DB) {
	t.Helper()
	name := dbtest.NewDatabase(t)
	open := func() *sqlx.DB {
		db, err := postgres.Open(context.Background(), dbtest.URL(name), postgres.Options{MaxOpenConns: 8})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	if _, err := a.Exec(`CREATE TABLE test_runs (job text NOT NULL, at timestamptz NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	return a, b
}

func countRows(t *testing.T, db *sqlx.DB, job string) int {
	t.Helper()
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM test_runs WHERE job = $1`, job); err != nil {
		t.Fatal(err)
	}
	return n
}

type schedule struct {
	NextRunAt time.Time `db:"next_run_at"`
	LastError string    `db:"last_error"`
	Runs      int       `db:"runs"`
}

func scheduleOf(t *testing.T, db *sqlx.DB, name string) schedule {
	t.Helper()
	var s schedule
	if err := db.Get(&s, `SELECT next_run_at, last_error, runs FROM job_schedule WHERE name = $1`, name); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRunDueExactlyOncePerPeriodAcrossRunners(t *testing.T) {
	t.Parallel()
	dbA, dbB := twoPools(t)
	base := dbtest.Today().Add(9 * time.Hour)
	clk := &clock{t: base}
	var bodies atomic.Int64
	job := jobs.Job{Name: "tick", Every: time.Minute, Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
		bodies.Add(1)
		time.Sleep(3 * time.Millisecond) // widen the window for a second claimer
		_, err := tx.ExecContext(ctx, `INSERT INTO test_runs (job, at) VALUES ('tick', $1)`, now)
		return err
	}}
	a := &jobs.Runner{DB: dbA, Jobs: []jobs.Job{job}, Now: clk.Now}
	b := &jobs.Runner{DB: dbB, Jobs: []jobs.Job{job}, Now: clk.Now}

	const periods, callers = 12, 4
	for p := 0; p < periods; p++ {
		// Half-way into each period, whenever the runners happen to look.
		clk.Set(base.Add(time.Duration(p)*time.Minute + 30*time.Second))
		var wg sync.WaitGroup
		var ranCount atomic.Int64
		for i := 0; i < callers; i++ {
			for _, r := range []*jobs.Runner{a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for k := 0; k < 3; k++ {
						ran, err := r.RunDue(context.Background())
						if err != nil {
							t.Error(err)
						}
						ranCount.Add(int64(len(ran)))
					}
				}()
			}
		}
		wg.Wait()
		if got := bodies.Load(); got != int64(p+1) {
			t.Fatalf("period %d: job body ran %d times in total, want %d", p, got, p+1)
		}
		if ranCount.Load() != 1 {
			t.Fatalf("period %d: RunDue reported %d runs, want 1", p, ranCount.Load())
		}
	}
	if n := countRows(t, dbA, "tick"); n != periods {
		t.Errorf("committed runs = %d, want %d", n, periods)
	}
	s := scheduleOf(t, dbA, "tick")
	if s.Runs != periods || s.LastError != "" {
		t.Errorf("schedule = %+v, want %d runs and no error", s, periods)
	}
	if want := base.Add((periods-1)*time.Minute + 90*time.Second); !s.NextRunAt.Equal(want) {
		t.Errorf("next_run_at = %v, want %v", s.NextRunAt, want)
	}
}

func TestRunDueFailureRollsBackAndBacksOff(t *testing.T) {
	t.Parallel()
	db, _ := twoPools(t)
	now := dbtest.Today().Add(9 * time.Hour)
	clk := &clock{t: now}
	var okRuns atomic.Int64
	r := &jobs.Runner{DB: db, Now: clk.Now, Jobs: []jobs.Job{
		{Name: "fails", Every: time.Hour, Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO test_runs (job, at) VALUES ('fails', $1)`, now); err != nil {
				return err
			}
			return errors.New("mail server on fire")
		}},
		{Name: "panics", Every: 10 * time.Second, Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO test_runs (job, at) VALUES ('panics', $1)`, now); err != nil {
				return err
			}
			var m map[string]int
			m["boom"]++ // nil map: panics
			return nil
		}},
		{Name: "bad-sql", Every: time.Hour, Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
			// Leaves the transaction aborted; the savepoint must recover it.
			_, err := tx.ExecContext(ctx, `SELECT * FROM no_such_table`)
			return err
		}},
		{Name: "works", Every: time.Hour, Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
			okRuns.Add(1)
			_, err := tx.ExecContext(ctx, `INSERT INTO test_runs (job, at) VALUES ('works', $1)`, now)
			return err
		}},
	}}
	ran, err := r.RunDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ran) != 4 {
		t.Fatalf("ran %v, want all four jobs", ran)
	}
	for _, name := range []string{"fails", "panics"} {
		if n := countRows(t, db, name); n != 0 {
			t.Errorf("%s: %d rows kept, want its writes rolled back", name, n)
		}
	}
	if n := countRows(t, db, "works"); n != 1 {
		t.Errorf("works: %d rows, want 1", n)
	}

	tests := []struct {
		name     string
		errHas   string
		nextWant time.Time
	}{
		{"fails", "mail server on fire", now.Add(jobs.MaxBackoff)}, // period 1h: retried after the backoff
		{"panics", "panic: assignment to entry in nil map", now.Add(10 * time.Second)},
		{"bad-sql", "no_such_table", now.Add(jobs.MaxBackoff)},
		{"works", "", now.Add(time.Hour)},
	}
	for _, tc := range tests {
		s := scheduleOf(t, db, tc.name)
		if tc.errHas == "" && s.LastError != "" || !strings.Contains(s.LastError, tc.errHas) {
			t.Errorf("%s: last_error = %q, want it to contain %q", tc.name, s.LastError, tc.errHas)
		}
		if !s.NextRunAt.Equal(tc.nextWant) {
			t.Errorf("%s: next_run_at = %v, want %v", tc.name, s.NextRunAt, tc.nextWant)
		}
		if wantRuns := map[bool]int{true: 1, false: 0}[tc.errHas == ""]; s.Runs != wantRuns {
			t.Errorf("%s: runs = %d, want %d (successful runs only)", tc.name, s.Runs, wantRuns)
		}
	}

	// Before the backoff passes nothing runs; after it, only the failed ones.
	if ran, _ := r.RunDue(context.Background()); len(ran) != 0 {
		t.Errorf("ran %v before the backoff passed", ran)
	}
	clk.Set(now.Add(jobs.MaxBackoff))
	ran, _ = r.RunDue(context.Background())
	slices.Sort(ran)
	if strings.Join(ran, ",") != "bad-sql,fails,panics" {
		t.Errorf("after the backoff ran %v, want the three failing jobs", ran)
	}
	if okRuns.Load() != 1 {
		t.Errorf("works ran %d times, want 1", okRuns.Load())
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	t.Parallel()
	db, _ := twoPools(t)
	var runs atomic.Int64
	r := &jobs.Runner{DB: db, Poll: 10 * time.Millisecond, Jobs: []jobs.Job{
		{Name: "often", Every: time.Millisecond, Run: func(ctx context.Context, tx *sqlx.Tx, now time.Time) error {
			runs.Add(1)
			return nil
		}},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for runs.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("the job ran %d times in 10s, want polling every 10ms", runs.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v, want nil on cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestRunRefusesBadJobs(t *testing.T) {
	t.Parallel()
	db, _ := twoPools(t)
	noop := func(context.Context, *sqlx.Tx, time.Time) error { return nil }
	tests := map[string][]jobs.Job{
		"ErrNoName":    {{Every: time.Second, Run: noop}},
		"ErrDuplicate": {{Name: "a", Every: time.Second, Run: noop}, {Name: "a", Every: time.Second, Run: noop}},
		"ErrNoPeriod":  {{Name: "a", Run: noop}},
		"ErrNoRun":     {{Name: "a", Every: time.Second}},
	}
	for name, js := range tests {
		t.Run(name, func(t *testing.T) {
			r := &jobs.Runner{DB: db, Jobs: js}
			if err := r.Run(context.Background()); err == nil {
				t.Error("Run accepted a misconfigured job")
			}
		})
	}
}
