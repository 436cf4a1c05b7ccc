package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// demoScope is a training scope HR granted: the trainer (an employee
// number) serves the team or the position (exactly one is set).
type demoScope struct {
	Trainer, Team, Position string
}

// scopeGrantor is the HR user who granted the demo's scopes (hr@).
const scopeGrantor = "HR-2001"

// demoScopes are the teams and positions the training & quality group
// serves (package people: a trainer sees, assigns, registers and scores
// only these people and their own line). trainer@ and Lu Ming teach the
// three service teams, where trainer@ also coaches (Qin Lu in Key
// accounts) and calibrates qa@'s samples; qa@ samples the calls of the
// same three teams; Sun Qiang runs the frontline-manager programme for
// every team lead. The browser journeys and the GraphQL tests rely on
// trainer@ and qa@ reaching Team East and Team West.
var demoScopes = []demoScope{
	{Trainer: "CS-1402", Team: "CS-EAST"},
	{Trainer: "CS-1402", Team: "CS-WEST"},
	{Trainer: "CS-1402", Team: "CS-VIP"},
	{Trainer: "CS-1403", Team: "CS-EAST"},
	{Trainer: "CS-1403", Team: "CS-WEST"},
	{Trainer: "CS-1403", Team: "CS-VIP"},
	{Trainer: "CS-1404", Team: "CS-EAST"},
	{Trainer: "CS-1404", Team: "CS-WEST"},
	{Trainer: "CS-1404", Team: "CS-VIP"},
	{Trainer: "CS-1401", Position: "TEAM_LEAD"},
}

// insertScopes grants the demo scopes that were never granted, in one
// statement: a grant HR revoked since stays revoked on a reload. Each
// trainer must hold TRAINER, as people.Store.GrantScope requires, or the
// load fails.
func insertScopes(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var trainer, team, position []string
	for _, s := range demoScopes {
		trainer, team, position = append(trainer, s.Trainer), append(team, s.Team), append(position, s.Position)
	}
	var out struct {
		Inserted int `db:"inserted"`
		Invalid  int `db:"invalid"`
	}
	err := tx.GetContext(ctx, &out, `
		WITH d AS (
			SELECT k.id AS trainer_id, t.id AS team_id, p.id AS position_id,
			       EXISTS (SELECT 1 FROM user_roles r WHERE r.employee_id = k.id AND r.role = 'TRAINER') AS trainer
			FROM unnest($1::text[], $2::text[], $3::text[]) AS d (trainer, team, position)
			JOIN employees k ON k.employee_no = d.trainer
			LEFT JOIN teams t ON t.code = NULLIF(d.team, '')
			LEFT JOIN positions p ON p.code = NULLIF(d.position, '')
		), ins AS (
			INSERT INTO training_scopes (trainer_id, team_id, position_id, granted_by, granted_at)
			SELECT d.trainer_id, d.team_id, d.position_id, h.id, $5
			FROM d JOIN employees h ON h.employee_no = $4
			WHERE d.trainer AND num_nonnulls(d.team_id, d.position_id) = 1 AND NOT EXISTS (
				SELECT 1 FROM training_scopes s
				WHERE s.trainer_id = d.trainer_id AND s.team_id IS NOT DISTINCT FROM d.team_id
				  AND s.position_id IS NOT DISTINCT FROM d.position_id)
			RETURNING 1
		)
		SELECT (SELECT count(*) FROM ins) AS inserted,
		       (SELECT count(*) FROM d WHERE NOT d.trainer OR num_nonnulls(d.team_id, d.position_id) <> 1) +
		       $6 - (SELECT count(*) FROM d) +
		       CASE WHEN EXISTS (SELECT 1 FROM employees WHERE employee_no = $4) THEN 0 ELSE $6 END AS invalid`,
		pq.Array(trainer), pq.Array(team), pq.Array(position), scopeGrantor,
		today.AddDate(-1, 0, 0).Add(9*time.Hour), len(demoScopes))
	if err != nil {
		return 0, fmt.Errorf("training scopes: %w", err)
	}
	if out.Invalid != 0 {
		return 0, fmt.Errorf("training scopes: %d of the demo grants name an unknown trainer, team, position or grantor, or a trainer without the TRAINER role", out.Invalid)
	}
	return out.Inserted, nil
}
