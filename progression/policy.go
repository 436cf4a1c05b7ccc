package progression

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Policy is how readiness weighs a position's requirement groups and where
// its statuses begin (see Assess for the formula). PositionID is NULL for
// the default policy, set for a position's override.
type Policy struct {
	ID               int64         `db:"id"`
	PositionID       sql.NullInt64 `db:"position_id"`
	WeightCompetency float64       `db:"weight_competency"`
	WeightCourses    float64       `db:"weight_courses"`
	WeightMonths     float64       `db:"weight_months"`
	WeightRating     float64       `db:"weight_rating"`
	WeightKPI        float64       `db:"weight_kpi"`
	// ReadyNowMin and ReadySoonMin are the lowest scores (0..100) of
	// READY_NOW and READY_SOON.
	ReadyNowMin  float64 `db:"ready_now_min"`
	ReadySoonMin float64 `db:"ready_soon_min"`
	// ReadyNowRequiresAllMet makes READY_NOW also require every single
	// requirement met, whatever the score.
	ReadyNowRequiresAllMet bool          `db:"ready_now_requires_all_met"`
	UpdatedBy              sql.NullInt64 `db:"updated_by"`
	UpdatedAt              time.Time     `db:"updated_at"`
}

// Weight is the policy's weight of a line kind (Line*), 0 for an unknown one.
func (p *Policy) Weight(kind string) float64 {
	switch kind {
	case LineCompetency:
		return p.WeightCompetency
	case LineCourses:
		return p.WeightCourses
	case LineMonths:
		return p.WeightMonths
	case LineRating:
		return p.WeightRating
	case LineKPI:
		return p.WeightKPI
	}
	return 0
}

// Policies is every policy: the default and the positions' overrides.
type Policies struct {
	Default    *Policy
	ByPosition map[int64]*Policy
}

// For is the policy in force for a position: its override, else the default.
func (ps *Policies) For(positionID int64) *Policy {
	if p, ok := ps.ByPosition[positionID]; ok {
		return p
	}
	return ps.Default
}

// Policies reads every policy in one statement. Anyone may read them: the
// formula is meant to be seen.
func (s *Service) Policies(ctx context.Context) (*Policies, error) {
	var rows []*Policy
	if err := s.DB.SelectContext(ctx, &rows, `SELECT * FROM readiness_policy`); err != nil {
		return nil, fmt.Errorf("progression: policies: %w", err)
	}
	ps := &Policies{ByPosition: map[int64]*Policy{}}
	for _, p := range rows {
		if p.PositionID.Valid {
			ps.ByPosition[p.PositionID.Int64] = p
		} else {
			ps.Default = p
		}
	}
	if ps.Default == nil {
		// The migration seeds it and nothing deletes it.
		return nil, errors.New("progression: policies: the default readiness policy is missing")
	}
	return ps, nil
}

// Policy is the policy in force for a position (0: the default), in one
// statement. Anyone may read it.
func (s *Service) Policy(ctx context.Context, positionID int64) (*Policy, error) {
	var p Policy
	err := s.DB.GetContext(ctx, &p, `
		SELECT * FROM readiness_policy WHERE position_id = $1 OR position_id IS NULL
		ORDER BY position_id NULLS LAST LIMIT 1`, positionID)
	if err != nil {
		return nil, fmt.Errorf("progression: policy: %w", err)
	}
	return &p, nil
}

// PolicyInput sets a policy. PositionID 0 sets the default; another sets
// (creates or replaces) that position's override.
type PolicyInput struct {
	PositionID                                                             int64
	WeightCompetency, WeightCourses, WeightMonths, WeightRating, WeightKPI float64
	ReadyNowMin, ReadySoonMin                                              float64
	ReadyNowRequiresAllMet                                                 bool
}

// maxWeight keeps weights inside numeric(6,2); they are relative, so
// nobody needs more.
const maxWeight = 1000

func (in *PolicyInput) validate() error {
	var v rungs.Validation
	weights := []struct {
		field string
		w     float64
	}{
		{"weightCompetency", in.WeightCompetency}, {"weightCourses", in.WeightCourses},
		{"weightMonths", in.WeightMonths}, {"weightRating", in.WeightRating}, {"weightKpi", in.WeightKPI},
	}
	sum := 0.0
	for _, w := range weights {
		ok := !math.IsNaN(w.w) && w.w >= 0 && w.w <= maxWeight
		v.Check(ok, w.field, "readiness.policy.weight.range", "a weight is between 0 and %d", maxWeight)
		if ok {
			sum += w.w
		}
	}
	v.Check(sum > 0, "weightCompetency", "readiness.policy.weight.all_zero", "at least one weight must be above 0")
	inRange := func(x float64) bool { return !math.IsNaN(x) && x >= 0 && x <= 100 }
	v.Check(inRange(in.ReadyNowMin), "readyNowMin", "readiness.policy.threshold.range", "a threshold is a score between 0 and 100")
	v.Check(inRange(in.ReadySoonMin), "readySoonMin", "readiness.policy.threshold.range", "a threshold is a score between 0 and 100")
	v.Check(!(in.ReadySoonMin > in.ReadyNowMin), "readySoonMin", "readiness.policy.threshold.order",
		"the ready-soon score (%g) cannot be above the ready-now score (%g)", in.ReadySoonMin, in.ReadyNowMin)
	v.Check(in.PositionID >= 0, "positionId", "readiness.policy.position.not_found", "position %d not found", in.PositionID)
	return v.Err()
}

// canEditPolicy is the access rule of policy writes: HR and admins.
func canEditPolicy(by *auth.Viewer) error {
	if err := auth.Require(by); err != nil {
		return err
	}
	if !by.Has(auth.RoleHR, auth.RoleAdmin) {
		return rungs.Errorf(rungs.ErrForbidden, "readiness.policy.forbidden", "only HR or an admin may change the readiness policy")
	}
	return nil
}

// UpdatePolicy sets the default policy or a position's override (HR and
// ADMIN only), after validating every field: weights 0..1000 and not all
// zero, thresholds 0..100 with ready-soon ≤ ready-now.
func (s *Service) UpdatePolicy(ctx context.Context, by *auth.Viewer, in PolicyInput) (*Policy, error) {
	if err := canEditPolicy(by); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	pos := sql.NullInt64{Int64: in.PositionID, Valid: in.PositionID != 0}
	var p Policy
	// An archived position keeps no override: nobody moves into it.
	err := s.DB.GetContext(ctx, &p, `
		INSERT INTO readiness_policy AS r (position_id, weight_competency, weight_courses, weight_months, weight_rating,
			weight_kpi, ready_now_min, ready_soon_min, ready_now_requires_all_met, updated_by, updated_at)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
		WHERE $1::bigint IS NULL OR EXISTS (SELECT 1 FROM positions WHERE id = $1 AND archived_at IS NULL)
		ON CONFLICT ON CONSTRAINT readiness_policy_position_key DO UPDATE SET
			weight_competency = EXCLUDED.weight_competency, weight_courses = EXCLUDED.weight_courses,
			weight_months = EXCLUDED.weight_months, weight_rating = EXCLUDED.weight_rating,
			weight_kpi = EXCLUDED.weight_kpi, ready_now_min = EXCLUDED.ready_now_min,
			ready_soon_min = EXCLUDED.ready_soon_min, ready_now_requires_all_met = EXCLUDED.ready_now_requires_all_met,
			updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
		RETURNING *`,
		pos, in.WeightCompetency, in.WeightCourses, in.WeightMonths, in.WeightRating, in.WeightKPI,
		in.ReadyNowMin, in.ReadySoonMin, in.ReadyNowRequiresAllMet, by.EmployeeID, s.Now())
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rungs.FieldError("positionId", "readiness.policy.position.not_found", "position %d not found", in.PositionID)
	}
	if err != nil {
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Code == "23503" {
			// The position went away between the check and the insert.
			return nil, rungs.FieldError("positionId", "readiness.policy.position.not_found", "position %d not found", in.PositionID)
		}
		return nil, postgres.Translate(err, "readiness policy")
	}
	return &p, nil
}

// ResetPolicy removes a position's override, so the default applies again
// (HR and ADMIN only); false when there was none. The default itself
// cannot be removed.
func (s *Service) ResetPolicy(ctx context.Context, by *auth.Viewer, positionID int64) (bool, error) {
	if err := canEditPolicy(by); err != nil {
		return false, err
	}
	if positionID <= 0 {
		return false, rungs.FieldError("positionId", "readiness.policy.default.required",
			"the default policy can be changed but not removed")
	}
	res, err := s.DB.ExecContext(ctx, `DELETE FROM readiness_policy WHERE position_id = $1`, positionID)
	if err != nil {
		return false, fmt.Errorf("progression: reset policy: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
