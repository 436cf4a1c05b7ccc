// Package seed loads the bilingual demo organisation: the data `rungs serve`
// starts with on a fresh database and `rungs seed` (re)loads at will.
//
// Every step is idempotent (upserts keyed by stable codes), and the whole
// load runs in one transaction: a failed seed leaves nothing half-written.
// The demo grows with each capability; each adds a step here.
package seed

import (
	"context"
	"fmt"
	"strings"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Summary says what a load wrote.
type Summary struct {
	Tracks    int
	Positions int
	Teams     int
	Employees int
	// TrainingScopes counts the grants added by this run (0 when every
	// demo grant was made before, revoked ones included).
	TrainingScopes int
	Competencies   int
	Requirements   int
	Moves          int
	// Ratings counts evidence added by this run (0 when everyone had some).
	Ratings int
	// Courses counts the catalogue written (upserted by code); the counts
	// below are of rows added by this run, 0 on a database that has them.
	Courses     int
	Sessions    int
	Assignments int
	Enrollments int
	// Assessments and Rubrics count the instruments written (upserted by
	// code); the counts after them are of rows added by this run.
	Assessments        int
	Questions          int
	Attempts           int
	Rubrics            int
	Scorecards         int
	KPIRecords         int
	ReviewPeriods      int
	PerformanceRatings int
	// Evidence counts the ASSESSMENT, RUBRIC and KPI evidence added.
	Evidence int
	// The development rows added by this run: study budgets, aspirations,
	// goals, coaching sessions, adopted plans and the enrolments the plans
	// created (0 on a database that has them).
	StudyBudgets     int
	Aspirations      int
	Goals            int
	CoachingSessions int
	Plans            int
	PlanEnrollments  int
	// The promotion reviews and the talent review (cycle, placements and
	// calibration moves) added by this run.
	PromotionReviews int
	TalentCycles     int
	Placements       int
	NineBoxMoves     int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d tracks, %d positions, %d teams, %d employees, %d new training scopes, %d competencies, %d requirements, %d moves, %d new ratings, "+
		"%d courses, %d new sessions, %d new assignments, %d new enrolments, "+
		"%d assessments, %d new questions, %d new attempts, %d rubrics, %d new scorecards, %d new KPI records, "+
		"%d new review periods, %d new performance ratings, %d new assessment/rubric/KPI evidence, "+
		"%d new study budgets, %d new aspirations, %d new goals, %d new coaching sessions, %d new plans with %d new enrolments, "+
		"%d new promotion reviews, %d new talent reviews with %d placements and %d moves",
		s.Tracks, s.Positions, s.Teams, s.Employees, s.TrainingScopes, s.Competencies, s.Requirements, s.Moves, s.Ratings,
		s.Courses, s.Sessions, s.Assignments, s.Enrollments,
		s.Assessments, s.Questions, s.Attempts, s.Rubrics, s.Scorecards, s.KPIRecords,
		s.ReviewPeriods, s.PerformanceRatings, s.Evidence,
		s.StudyBudgets, s.Aspirations, s.Goals, s.CoachingSessions, s.Plans, s.PlanEnrollments,
		s.PromotionReviews, s.TalentCycles, s.Placements, s.NineBoxMoves)
}

// Run loads (or refreshes) the demo data in one transaction. bcryptCost is
// the cost of the demo password's hash (tests pass the minimum).
func Run(ctx context.Context, db *sqlx.DB, bcryptCost int) (Summary, error) {
	// Every demo user has the same password: hash it once.
	hash, err := auth.HashPassword(DemoPassword, bcryptCost)
	if err != nil {
		return Summary{}, fmt.Errorf("seed: %w", err)
	}
	// Demo dates are relative to the day of the load, so the demo never ages.
	today := clock.Today()
	var sum Summary
	err = postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		var err error
		if sum.Tracks, err = upsertTracks(ctx, tx); err != nil {
			return err
		}
		if sum.Positions, err = upsertPositions(ctx, tx); err != nil {
			return err
		}
		if sum.Teams, err = upsertTeams(ctx, tx); err != nil {
			return err
		}
		if sum.Employees, err = upsertEmployees(ctx, tx, hash, today); err != nil {
			return err
		}
		// Before anything a trainer does: whom they reach is HR's grant.
		if sum.TrainingScopes, err = insertScopes(ctx, tx, today); err != nil {
			return err
		}
		frameworkID, n, err := seedFramework(ctx, tx)
		if err != nil {
			return err
		}
		sum.Competencies = n
		if sum.Requirements, sum.Moves, err = seedLadder(ctx, tx, frameworkID); err != nil {
			return err
		}
		if sum.Ratings, err = seedRatings(ctx, tx, frameworkID, today); err != nil {
			return err
		}
		// After the ratings: course completions become evidence only where
		// they do not contradict them.
		c, err := seedCourses(ctx, tx, frameworkID, today)
		if err != nil {
			return err
		}
		sum.Requirements += c.Requirements
		sum.Courses, sum.Sessions, sum.Assignments, sum.Enrollments = c.Courses, c.Sessions, c.Assignments, c.Enrollments
		// After the courses: tests hang off them, and a final test's
		// completions are already there.
		v, err := seedEvidence(ctx, tx, frameworkID, today)
		if err != nil {
			return err
		}
		sum.Requirements += v.Requirements
		sum.Assessments, sum.Questions, sum.Attempts = v.Assessments, v.Questions, v.Attempts
		sum.Rubrics, sum.Scorecards, sum.KPIRecords = v.Rubrics, v.Scorecards, v.KPIRecords
		sum.ReviewPeriods, sum.PerformanceRatings, sum.Evidence = v.Periods, v.PerformanceRatings, v.Evidence
		// Last: coaching by trainers and the plan's enrolments read the
		// enrolments, and goals name the framework's competencies.
		d, err := seedDevelopment(ctx, tx, today)
		if err != nil {
			return err
		}
		sum.StudyBudgets, sum.Aspirations, sum.Goals = d.Budgets, d.Aspirations, d.Goals
		sum.CoachingSessions, sum.Plans, sum.PlanEnrollments = d.Coaching, d.Plans, d.PlanEnrollments
		// After everything: reviews read ratings, KPIs and aspirations.
		r, err := seedReviews(ctx, tx, today)
		if err != nil {
			return err
		}
		sum.PromotionReviews, sum.TalentCycles, sum.Placements, sum.NineBoxMoves = r.Reviews, r.Cycles, r.Placements, r.Moves
		_, err = tx.ExecContext(ctx, `INSERT INTO seed_runs (summary) VALUES ($1)`, sum.String())
		return err
	})
	if err != nil {
		return Summary{}, fmt.Errorf("seed: %w", err)
	}
	return sum, nil
}

// Loaded reports whether the demo data was ever loaded into this database.
func Loaded(ctx context.Context, db *sqlx.DB) (bool, error) {
	var loaded bool
	if err := db.GetContext(ctx, &loaded, `SELECT EXISTS (SELECT 1 FROM seed_runs)`); err != nil {
		return false, fmt.Errorf("seed: check earlier loads: %w", err)
	}
	return loaded, nil
}

type track struct {
	Code, NameEN, NameZH, DescEN, DescZH string
}

// The five tracks of the domain brief: the management ladder and the side
// tracks a lead or manager can move across to.
var tracks = []track{
	{"MANAGEMENT", "Service management", "客服管理", "From agent to customer-experience director: each step up manages more of the service.", "从客服专员到客户体验总监：每上一级，管理的服务范围更大。"},
	{"CX", "Customer experience", "客户体验", "Designs and improves the end-to-end customer journey.", "设计并持续改进端到端的客户旅程。"},
	{"TRAINING_QUALITY", "Training & quality", "培训与质量", "Trains agents and keeps service quality measured and rising.", "培训客服人员，持续衡量并提升服务质量。"},
	{"DATA", "Service data & analytics", "客服数据分析", "Turns service data into decisions.", "用客服数据支撑决策。"},
	{"OPERATIONS", "Service operations", "客服运营", "Runs budget, KPIs, process and tools for the service organisation.", "负责客服组织的预算、KPI、流程与工具。"},
	// Not a career track of the service organisation: the HR and IT people
	// who run the product hold positions too.
	{"SUPPORT_FUNCTIONS", "Support functions", "职能支持", "HR and IT roles outside the service career ladder.", "客服职业阶梯之外的人力资源与IT岗位。"},
}

type position struct {
	Code, Track string
	Level       int
	NameEN      string
	NameZH      string
	DescEN      string
	DescZH      string
}

var positions = []position{
	{"AGENT", "MANAGEMENT", 1, "Customer Service Agent", "客服专员", "Handles customer inquiries and complaints by phone, chat and email; learns the product, the tools and service etiquette.", "通过电话、在线和邮件处理客户咨询与投诉；掌握产品、工具和服务礼仪。"},
	{"TEAM_LEAD", "MANAGEMENT", 2, "Team Lead", "客服主管", "First-line manager: schedules shifts, coaches agents, steps into escalations and samples quality.", "一线管理者：排班、辅导客服、处理升级问题并抽检服务质量。"},
	{"SERVICE_MANAGER", "MANAGEMENT", 3, "Service Manager", "客服经理", "Runs the service department: strategy, KPIs, process and work with other departments.", "负责整个客服部门：策略、KPI、流程与跨部门协作。"},
	{"SENIOR_SERVICE_MANAGER", "MANAGEMENT", 4, "Senior Service Manager", "资深客服经理", "Leads multi-team or multi-site operations and sets higher-level service strategy.", "领导多团队或多地点的客服运营，制定更高层级的服务策略。"},
	{"CX_DIRECTOR", "MANAGEMENT", 5, "Customer Experience Director", "客户体验总监", "Owns the end-to-end customer experience and takes part in senior decisions.", "对端到端客户体验负责，参与公司高层决策。"},
	{"CX_SPECIALIST", "CX", 2, "CX Specialist", "客户体验专员", "Maps customer journeys, gathers feedback and proposes improvements.", "梳理客户旅程、收集反馈并提出改进建议。"},
	{"CX_MANAGER", "CX", 3, "CX Manager", "客户体验经理", "Leads customer-experience programmes across channels and departments.", "跨渠道、跨部门推动客户体验项目。"},
	{"TRAINER", "TRAINING_QUALITY", 2, "Customer Service Trainer", "客服培训师", "Designs and delivers training: product knowledge, call scripts, service technique.", "设计并讲授培训：产品知识、话术和服务技巧。"},
	{"QA_SPECIALIST", "TRAINING_QUALITY", 2, "QA Specialist", "质量监控专员", "Samples calls and chats, scores them against the quality rubric and feeds back.", "抽检通话与在线记录，按质检标准评分并反馈。"},
	{"TRAINING_QUALITY_MANAGER", "TRAINING_QUALITY", 3, "Training & Quality Manager", "培训与质量经理", "Owns the training programme and the quality framework.", "负责培训体系与质量监控体系。"},
	{"DATA_ANALYST", "DATA", 2, "CS Data Analyst", "客服数据分析员", "Builds KPI reports (CSAT, FCR, AHT) and finds what drives them.", "制作 KPI 报表（满意度、首次解决率、平均处理时长）并找出影响因素。"},
	{"DATA_ANALYTICS_MANAGER", "DATA", 3, "Data Analytics Manager", "数据分析经理", "Leads service analytics and turns findings into decisions.", "领导客服数据分析，把发现转化为决策。"},
	{"OPERATIONS_MANAGER", "OPERATIONS", 3, "CS Operations Manager", "客户服务运营经理", "Manages budget, KPIs, quality, process and tools of the service organisation.", "管理客服组织的预算、KPI、质量、流程与工具。"},
	{"HR_BUSINESS_PARTNER", "SUPPORT_FUNCTIONS", 3, "HR Business Partner", "人力资源业务伙伴", "Runs talent reviews, promotions and workforce planning with the service leaders.", "与客服管理者一起开展人才盘点、晋升与人力规划。"},
	{"SYSTEM_ADMIN", "SUPPORT_FUNCTIONS", 2, "System Administrator", "系统管理员", "Administers the service systems and their users.", "管理客服系统及其用户。"},
}

// upsertTracks writes all tracks in one statement (unnest over parallel
// arrays), keyed by code.
func upsertTracks(ctx context.Context, tx *sqlx.Tx) (int, error) {
	var codes, en, zh, den, dzh []string
	var order []int
	for i, t := range tracks {
		codes, en, zh, den, dzh = append(codes, t.Code), append(en, t.NameEN), append(zh, t.NameZH), append(den, t.DescEN), append(dzh, t.DescZH)
		order = append(order, i+1)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO tracks (code, name_en, name_zh, description_en, description_zh, sort_order)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
		ON CONFLICT (code) DO UPDATE SET
			name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh,
			description_en = EXCLUDED.description_en, description_zh = EXCLUDED.description_zh,
			sort_order = EXCLUDED.sort_order, updated_at = now()`,
		pq.Array(codes), pq.Array(en), pq.Array(zh), pq.Array(den), pq.Array(dzh), pq.Array(order))
	if err != nil {
		return 0, fmt.Errorf("tracks: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

func upsertPositions(ctx context.Context, tx *sqlx.Tx) (int, error) {
	var codes, trk, en, zh, den, dzh []string
	var levels []int
	for _, p := range positions {
		codes, trk, en, zh = append(codes, p.Code), append(trk, p.Track), append(en, p.NameEN), append(zh, p.NameZH)
		den, dzh, levels = append(den, p.DescEN), append(dzh, p.DescZH), append(levels, p.Level)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO positions (code, track_id, level, name_en, name_zh, description_en, description_zh)
		SELECT p.code, t.id, p.level, p.en, p.zh, p.den, p.dzh
		FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
		     AS p (code, track, level, en, zh, den, dzh)
		JOIN tracks t ON t.code = p.track
		ON CONFLICT (code) DO UPDATE SET
			track_id = EXCLUDED.track_id, level = EXCLUDED.level,
			name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh,
			description_en = EXCLUDED.description_en, description_zh = EXCLUDED.description_zh,
			updated_at = now()`,
		pq.Array(codes), pq.Array(trk), pq.Array(levels), pq.Array(en), pq.Array(zh), pq.Array(den), pq.Array(dzh))
	if err != nil {
		return 0, fmt.Errorf("positions: %w", err)
	}
	n, _ := res.RowsAffected()
	if int(n) != len(positions) {
		return 0, fmt.Errorf("positions: wrote %d of %d (unknown track code among %s?)", n, len(positions), strings.Join(trk, ","))
	}
	return int(n), nil
}

// DemoPassword is the password of every demo login.
const DemoPassword = "rungs-demo"

// Login is a demo sign-in printed in the README and on first start.
type Login struct{ Email, Role string }
