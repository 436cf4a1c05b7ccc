package talent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
)

// Compute places every ACTIVE employee on the cycle's grid by the placement
// rule (see rule.go) and moves the cycle to CALIBRATING. HR and admins only.
//
// It may run again while calibrating, e.g. after late ratings: computed
// boxes and the why are refreshed for everyone, the current box only for
// people nobody has moved yet — a calibrated decision is not undone by a
// recomputation. Manager input already given is kept and applied. Inputs
// are read in a handful of set-based statements and all placements are
// written by one INSERT ... ON CONFLICT, in one transaction with the cycle
// locked. A closed cycle is CONFLICT talent.cycle.closed.
func (s *Store) Compute(ctx context.Context, by *auth.Viewer, cycleID int64) (*Cycle, error) {
	if err := mayAdminister(by, "computes"); err != nil {
		return nil, err
	}
	if s.Potential == nil {
		return nil, errors.New("talent: compute: no Potential function wired")
	}
	var out Cycle
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		c, err := lockCycle(ctx, tx, cycleID)
		if err != nil {
			return err
		}
		if c.Status == StatusClosed {
			return closedErr(cycleID)
		}
		var emps []*people.Employee
		if err := tx.SelectContext(ctx, &emps, `
			SELECT id, employee_no, name_en, name_zh, email, team_id, manager_id, position_id, hire_date,
			       position_since, status, offboarded_on, created_at, updated_at
			FROM employees WHERE status = 'ACTIVE' ORDER BY id`); err != nil {
			return fmt.Errorf("employees: %w", err)
		}
		if len(emps) == 0 {
			return s.markComputed(ctx, tx, cycleID, &out)
		}
		ids := make([]int64, len(emps))
		for i, e := range emps {
			ids[i] = e.ID
		}
		in, err := gather(ctx, tx, c, ids)
		if err != nil {
			return err
		}
		scores, err := s.Potential(ctx, emps)
		if err != nil {
			return fmt.Errorf("potential: %w", err)
		}
		if len(scores) != len(emps) {
			return fmt.Errorf("potential: %d scores for %d employees", len(scores), len(emps))
		}
		perf, pot, whys := make([]int64, len(ids)), make([]int64, len(ids)), make([]string, len(ids))
		for i := range ids {
			in[i].Readiness = scores[i]
			w := Place(in[i])
			b, err := json.Marshal(w)
			if err != nil {
				return err
			}
			perf[i], pot[i], whys[i] = int64(w.Performance), int64(w.Potential), string(b)
		}
		// A placement someone has moved keeps its box (and the mover and
		// reason); everything the rule says is refreshed.
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO nine_box_placements AS p (cycle_id, employee_id, performance, potential,
			       computed_performance, computed_potential, why, placed_by, placed_at)
			SELECT $1, e, pf, pt, pf, pt, w::jsonb, $6, $7
			FROM unnest($2::bigint[], $3::smallint[], $4::smallint[], $5::text[]) AS u (e, pf, pt, w)
			ON CONFLICT (cycle_id, employee_id) DO UPDATE SET
			    computed_performance = EXCLUDED.computed_performance,
			    computed_potential = EXCLUDED.computed_potential,
			    why = EXCLUDED.why,
			    performance = CASE WHEN `+moved+` THEN p.performance ELSE EXCLUDED.performance END,
			    potential = CASE WHEN `+moved+` THEN p.potential ELSE EXCLUDED.potential END,
			    placed_by = CASE WHEN `+moved+` THEN p.placed_by ELSE EXCLUDED.placed_by END,
			    placed_at = CASE WHEN `+moved+` THEN p.placed_at ELSE EXCLUDED.placed_at END`, cycleID, pq.Array(ids), pq.Array(perf), pq.Array(pot),
			pq.Array(whys), by.EmployeeID, s.Now()); err != nil {
			return fmt.Errorf("place: %w", err)
		}
		return s.markComputed(ctx, tx, cycleID, &out)
	})
	if err != nil {
		return nil, wrap("compute", err)
	}
	return &out, nil
}

// moved holds when the placement p has been moved during calibration.
const moved = `EXISTS (SELECT 1 FROM nine_box_moves mv WHERE mv.placement_id = p.id)`

func (s *Store) markComputed(ctx context.Context, tx *sqlx.Tx, cycleID int64, out *Cycle) error {
	return tx.GetContext(ctx, out, `
		UPDATE talent_cycles SET status = 'CALIBRATING', computed_at = $2
		WHERE id = $1 RETURNING `+cycleColumns, cycleID, s.Now())
}

// gather reads every input of the rule except readiness for the employees
// ids (in key order): the period's ratings, KPI results against the median,
// aspirations and the manager input already given in this cycle.
func gather(ctx context.Context, tx *sqlx.Tx, c *Cycle, ids []int64) ([]Inputs, error) {
	out := make([]Inputs, len(ids))
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}

	// A disputed rating does not count until HR resolves it, as in
	// performance.LatestRatings: a contested value should not carry a box.
	var ratings []struct {
		EmployeeID int64   `db:"employee_id"`
		Rating     float64 `db:"rating"`
	}
	if err := tx.SelectContext(ctx, &ratings, `
		SELECT employee_id, rating::float8 AS rating FROM performance_ratings
		WHERE period_id = $1 AND status <> 'DISPUTED' AND employee_id = ANY($2)`,
		c.ReviewPeriodID, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("ratings: %w", err)
	}
	for _, r := range ratings {
		out[at[r.EmployeeID]].Rating = &r.Rating
	}

	// Each employee's volume-weighted mean per KPI over the records lying
	// within the period, and the median of those means over everyone
	// measured (all employees, so the yardstick does not shift with who is
	// active today).
	var kpis []struct {
		EmployeeID int64   `db:"employee_id"`
		Code       string  `db:"code"`
		Direction  string  `db:"direction"`
		Value      float64 `db:"value"`
		Median     float64 `db:"median"`
	}
	if err := tx.SelectContext(ctx, &kpis, `
		WITH per AS (
		    SELECT r.employee_id, d.code, d.direction, d.sort_order,
		           sum(r.value * r.volume) / sum(r.volume) AS value
		    FROM kpi_records r
		    JOIN kpi_definitions d ON d.id = r.kpi_id
		    JOIN review_periods p ON p.id = $1
		    WHERE r.period_start >= p.starts_on AND r.period_end <= p.ends_on
		    GROUP BY r.employee_id, d.code, d.direction, d.sort_order
		), med AS (
		    SELECT code, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median FROM per GROUP BY code
		)
		SELECT per.employee_id, per.code, per.direction, per.value::float8 AS value, med.median::float8 AS median
		FROM per JOIN med USING (code)
		WHERE per.employee_id = ANY($2)
		ORDER BY per.employee_id, per.sort_order, per.code`, c.ReviewPeriodID, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("kpis: %w", err)
	}
	for _, k := range kpis {
		i := at[k.EmployeeID]
		def := &kpi.Definition{Code: k.Code, Direction: k.Direction}
		out[i].KPIs = append(out[i].KPIs, KPIResult{Code: k.Code, Value: k.Value, Median: k.Median,
			AtOrBetter: kpi.Met(def, k.Value, k.Median)})
	}

	var extra []struct {
		EmployeeID   int64 `db:"employee_id"`
		Aspires      bool  `db:"aspires"`
		ManagerInput *int  `db:"manager_input"`
	}
	if err := tx.SelectContext(ctx, &extra, `
		SELECT k.id AS employee_id,
		       EXISTS (SELECT 1 FROM aspirations a WHERE a.employee_id = k.id) AS aspires,
		       p.manager_potential_input AS manager_input
		FROM unnest($2::bigint[]) AS k (id)
		LEFT JOIN nine_box_placements p ON p.cycle_id = $1 AND p.employee_id = k.id`,
		c.ID, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("aspirations: %w", err)
	}
	for _, x := range extra {
		i := at[x.EmployeeID]
		out[i].Aspires, out[i].ManagerInput = x.Aspires, x.ManagerInput
	}
	return out, nil
}

// errNotCalibrating is the answer to input or moves outside calibration.
func errNotCalibrating(c *Cycle) error {
	if c.Status == StatusClosed {
		return closedErr(c.ID)
	}
	return rungs.Errorf(rungs.ErrConflict, "talent.cycle.not_computed",
		"talent review %d has no placements yet: HR computes them first", c.ID)
}
