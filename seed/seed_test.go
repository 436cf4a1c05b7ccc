package seed_test

import (
	"context"
	"testing"

	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/seed"
	"golang.org/x/crypto/bcrypt"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestRunIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)

	loaded, err := seed.Loaded(ctx, db)
	if err != nil || loaded {
		t.Fatalf("Loaded on a fresh database = %v, %v", loaded, err)
	}
	first, err := seed.Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	second, err := seed.Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if first.Ratings == 0 || second.Ratings != 0 {
		t.Errorf("ratings: first run added %d, second %d; want some, then none", first.Ratings, second.Ratings)
	}
	if second.Sessions != 0 || second.Assignments != 0 || second.Enrollments != 0 {
		t.Errorf("second run added course history: %v", second)
	}
	if second.Questions != 0 || second.Attempts != 0 || second.Scorecards != 0 || second.KPIRecords != 0 ||
		second.ReviewPeriods != 0 || second.PerformanceRatings != 0 || second.Evidence != 0 {
		t.Errorf("second run added assessment history: %v", second)
	}
	if second.StudyBudgets != 0 || second.Aspirations != 0 || second.Goals != 0 || second.CoachingSessions != 0 ||
		second.Plans != 0 || second.PlanEnrollments != 0 {
		t.Errorf("second run added development rows: %v", second)
	}
	if second.PromotionReviews != 0 || second.TalentCycles != 0 || second.Placements != 0 || second.NineBoxMoves != 0 {
		t.Errorf("second run added reviews: %v", second)
	}
	if first.TrainingScopes == 0 || second.TrainingScopes != 0 {
		t.Errorf("training scopes: first run added %d, second %d; want some, then none", first.TrainingScopes, second.TrainingScopes)
	}
	// What a run adds differs; what it upserts does not.
	first.Ratings, second.Ratings = 0, 0
	first.Sessions, first.Assignments, first.Enrollments = 0, 0, 0
	first.Questions, first.Attempts, first.Scorecards, first.KPIRecords = 0, 0, 0, 0
	first.ReviewPeriods, first.PerformanceRatings, first.Evidence = 0, 0, 0
	first.StudyBudgets, first.Aspirations, first.Goals, first.CoachingSessions, first.Plans, first.PlanEnrollments = 0, 0, 0, 0, 0, 0
	first.PromotionReviews, first.TalentCycles, first.Placements, first.NineBoxMoves = 0, 0, 0, 0
	first.TrainingScopes = 0
	if first != second {
		t.Errorf("runs differ: %v then %v", first, second)
	}
	// The framework: version 1 published, 16 competencies with five
	// bilingual indicators each, on a five-level scale.
	var published, comps, indicators, scale int
	db.Get(&published, `SELECT count(*) FROM frameworks WHERE status = 'PUBLISHED' AND version = 1`)
	db.Get(&comps, `SELECT count(*) FROM competency_versions`)
	db.Get(&indicators, `SELECT count(*) FROM competency_indicators WHERE indicator_zh <> '' AND indicator_en <> ''`)
	db.Get(&scale, `SELECT count(*) FROM proficiency_levels`)
	if published != 1 || comps < 16 || indicators != comps*5 || scale != 5 {
		t.Errorf("framework: %d published, %d competencies, %d indicators, %d levels", published, comps, indicators, scale)
	}
	// Every position of the service ladder has requirements, and every demo
	// employee has evidence.
	var bare []string
	db.Select(&bare, `SELECT p.code FROM positions p JOIN tracks t ON t.id = p.track_id
		WHERE t.code <> 'SUPPORT_FUNCTIONS' AND NOT EXISTS (SELECT 1 FROM position_requirements r WHERE r.position_id = p.id)`)
	if len(bare) > 0 {
		t.Errorf("positions without requirements: %v", bare)
	}
	var unrated int
	db.Get(&unrated, `SELECT count(*) FROM employees e WHERE NOT EXISTS (SELECT 1 FROM competency_evidence x WHERE x.employee_id = e.id)`)
	if unrated != 0 {
		t.Errorf("%d demo employees have no ratings", unrated)
	}
	var positions, tracks int
	db.Get(&positions, `SELECT count(*) FROM positions`)
	db.Get(&tracks, `SELECT count(*) FROM tracks`)
	if positions != first.Positions || tracks != first.Tracks {
		t.Errorf("database holds %d positions and %d tracks after two runs; want %d and %d", positions, tracks, first.Positions, first.Tracks)
	}
	if loaded, _ := seed.Loaded(ctx, db); !loaded {
		t.Error("Loaded is false after a run")
	}
	// Every demo name is bilingual.
	var missing int
	db.Get(&missing, `SELECT count(*) FROM positions WHERE name_zh = '' OR name_en = '' OR description_zh = ''`)
	if missing != 0 {
		t.Errorf("%d positions lack a Chinese or English text", missing)
	}
	// The management track has one position on each of its five levels.
	var levels []int
	db.Select(&levels, `SELECT p.level FROM positions p JOIN tracks t ON t.id = p.track_id WHERE t.code = 'MANAGEMENT' ORDER BY p.level`)
	if len(levels) != 5 || levels[0] != 1 || levels[4] != 5 {
		t.Errorf("management levels = %v", levels)
	}
}
