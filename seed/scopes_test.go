package seed_test

import (
	"context"
	"testing"

	"github.com/rungs/rungs/seed"
	"golang.org/x/crypto/bcrypt"
)

// TestSeedScopes: HR granted the training & quality group the service
// teams; trainer@ and qa@ reach Team East and Team West (the browser
// journeys assign, register, grade and score people there), and nobody in
// HR or the leadership. A grant HR revoked stays revoked when the demo is
// loaded again.
func TestSeedScopes(t *testing.T) {
	t.Parallel()
	db, sum := seeded(t)
	if sum.TrainingScopes == 0 {
		t.Fatal("no training scopes granted")
	}
	reach := func(trainer string) map[string]bool {
		t.Helper()
		var codes []string
		if err := db.Select(&codes, `
			SELECT DISTINCT tm.code FROM training_scopes s
			JOIN employees k ON k.id = s.trainer_id
			JOIN employees e ON e.team_id = s.team_id OR e.position_id = s.position_id
			JOIN teams tm ON tm.id = e.team_id
			JOIN employees h ON h.id = s.granted_by
			JOIN user_roles r ON r.employee_id = h.id AND r.role = 'HR'
			WHERE k.email = $1 AND s.revoked_at IS NULL`, trainer); err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, c := range codes {
			out[c] = true
		}
		return out
	}
	for _, trainer := range []string{"trainer@rungs.demo", "qa@rungs.demo"} {
		got := reach(trainer)
		if !got["CS-EAST"] || !got["CS-WEST"] || got["PEOPLE-IT"] || got["LEADERSHIP"] {
			t.Errorf("%s reaches the teams %v; want Team East and Team West, not HR or the leadership", trainer, got)
		}
	}

	db.MustExec(`UPDATE training_scopes SET revoked_at = now(), revoked_by = granted_by
		WHERE trainer_id = (SELECT id FROM employees WHERE email = 'qa@rungs.demo')
		  AND team_id = (SELECT id FROM teams WHERE code = 'CS-VIP')`)
	again, err := seed.Run(context.Background(), db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if again.TrainingScopes != 0 || reach("qa@rungs.demo")["CS-VIP"] {
		t.Errorf("the reload granted %d scopes, qa@ reaches %v: a revoked grant came back", again.TrainingScopes, reach("qa@rungs.demo"))
	}
}
