package seed_test

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/progression"
	"github.com/rungs/rungs/rubric"
	"github.com/rungs/rungs/seed"
	"golang.org/x/crypto/bcrypt"
)

// seeded loads the demo once into a fresh database.
func seeded(t *testing.T) (*sqlx.DB, seed.Summary) {
	t.Helper()
	db := dbtest.New(t)
	sum, err := seed.Run(context.Background(), db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return db, sum
}

func count(t *testing.T, db *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestEvidenceSeedAssessments(t *testing.T) {
	t.Parallel()
	db, sum := seeded(t)

	if sum.Assessments < 18 || sum.Questions == 0 || sum.Attempts == 0 {
		t.Errorf("summary: %v", sum)
	}
	// At least 18 of the published courses have a published test.
	if n := count(t, db, `SELECT count(DISTINCT a.course_id) FROM assessments a JOIN courses c ON c.id = a.course_id
		WHERE a.status = 'PUBLISHED' AND c.status = 'PUBLISHED'`); n < 18 {
		t.Errorf("%d published courses have a test; want at least 18", n)
	}
	// Every bank holds 5–15 bilingual questions, and a draw fits its bank.
	var banks []struct {
		Code  string         `db:"code"`
		N     int            `db:"n"`
		Draw  sql.NullInt64  `db:"draw_count"`
		Final bool           `db:"is_final"`
		Limit sql.NullInt64  `db:"time_limit_minutes"`
		Max   sql.NullInt64  `db:"max_attempts"`
		Pass  int            `db:"pass_mark"`
		Bad   pq.StringArray `db:"bad"`
	}
	if err := db.Select(&banks, `
		SELECT a.code, count(q.id) AS n, a.draw_count, a.is_final, a.time_limit_minutes, a.max_attempts, a.pass_mark,
		       array_remove(array_agg(CASE WHEN btrim(q.text_zh) = '' OR btrim(q.text_en) = '' THEN q.position::text END), NULL) AS bad
		FROM assessments a LEFT JOIN questions q ON q.assessment_id = a.id
		GROUP BY a.id ORDER BY a.code`); err != nil {
		t.Fatal(err)
	}
	var draws, limits, capped, finals int
	for _, b := range banks {
		if b.N < 5 || b.N > 15 || len(b.Bad) > 0 {
			t.Errorf("%s: %d questions, untranslated %v", b.Code, b.N, b.Bad)
		}
		if b.Draw.Valid && int(b.Draw.Int64) >= b.N {
			t.Errorf("%s draws %d of %d", b.Code, b.Draw.Int64, b.N)
		}
		if b.Pass < 60 || b.Pass > 80 {
			t.Errorf("%s: pass mark %d", b.Code, b.Pass)
		}
		draws += b2i(b.Draw.Valid)
		limits += b2i(b.Limit.Valid)
		capped += b2i(b.Max.Valid)
		finals += b2i(b.Final)
	}
	if draws < 2 || limits < 3 || capped < 3 || finals < 3 {
		t.Errorf("%d random-draw banks, %d timed, %d with an attempt limit, %d finals", draws, limits, capped, finals)
	}
	// Each question is valid for its kind (as assessment/edit.go checks).
	var bad []string
	if err := db.Select(&bad, `
		SELECT a.code || ' q' || q.position || ' ' || q.kind FROM questions q
		JOIN assessments a ON a.id = q.assessment_id
		LEFT JOIN LATERAL (SELECT count(*) AS n, count(*) FILTER (WHERE o.correct) AS correct,
		                          bool_or(btrim(o.text_zh) = '' OR btrim(o.text_en) = '') AS blank
		                   FROM question_options o WHERE o.question_id = q.id) o ON true
		WHERE NOT CASE q.kind
			WHEN 'SINGLE_CHOICE' THEN o.n BETWEEN 2 AND 10 AND o.correct = 1
			WHEN 'MULTIPLE_CHOICE' THEN o.n BETWEEN 2 AND 10 AND o.correct >= 1
			WHEN 'TRUE_FALSE' THEN o.n = 2 AND o.correct = 1
			WHEN 'SHORT_ANSWER' THEN o.n = 0
		END OR coalesce(o.blank, false) OR q.points <= 0`); err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("invalid questions: %v", bad)
	}
	kinds := count(t, db, `SELECT count(DISTINCT kind) FROM questions`)
	if kinds != 4 {
		t.Errorf("%d question kinds used; want all 4", kinds)
	}
	// A test certifies what its course teaches, at the course's target.
	if n := count(t, db, `SELECT count(*) FROM assessment_competencies ac JOIN assessments a ON a.id = ac.assessment_id
		WHERE NOT EXISTS (SELECT 1 FROM course_competencies cc WHERE cc.course_id = a.course_id
		                  AND cc.competency_id = ac.competency_id AND cc.target_level = ac.level)`); n != 0 {
		t.Errorf("%d certified levels differ from their course's links", n)
	}
	// A course with a final test completes only with a pass: every
	// completion of such a course has one.
	if n := count(t, db, `SELECT count(*) FROM enrollments e JOIN assessments a ON a.course_id = e.course_id AND a.is_final AND a.status = 'PUBLISHED'
		WHERE e.last_completed_at IS NOT NULL
		  AND NOT EXISTS (SELECT 1 FROM attempts t WHERE t.assessment_id = a.id AND t.employee_id = e.employee_id AND t.passed
		                  AND t.submitted_at <= e.last_completed_at)`); n != 0 {
		t.Errorf("%d completions of courses with a final test have no pass before them", n)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestEvidenceSeedAttempts(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)

	// Graded attempts: score is the sum of the answers' points, percent
	// and pass as the package's finish works them out, max_score the drawn
	// questions' points, and every drawn question answered.
	var wrong []string
	if err := db.Select(&wrong, `
		SELECT a.code || '/' || t.employee_id || '#' || t.number FROM attempts t
		JOIN assessments a ON a.id = t.assessment_id
		LEFT JOIN LATERAL (SELECT sum(ans.points_awarded) AS score, count(*) AS answers,
		                          count(*) FILTER (WHERE ans.points_awarded IS NULL) AS ungraded
		                   FROM attempt_answers ans WHERE ans.attempt_id = t.id) s ON true
		LEFT JOIN LATERAL (SELECT sum(q.points) AS max, count(*) AS drawn FROM attempt_questions aq
		                   JOIN questions q ON q.id = aq.question_id WHERE aq.attempt_id = t.id) d ON true
		WHERE d.max <> t.max_score OR s.answers <> d.drawn
		   OR (t.status = 'GRADED' AND (s.ungraded > 0 OR t.score <> s.score
		       OR t.percent <> round(s.score * 100 / t.max_score, 2) OR t.passed <> (t.percent >= a.pass_mark)))
		   OR (t.status = 'AWAITING_GRADING' AND s.ungraded = 0)
		   OR t.status = 'IN_PROGRESS'
		   OR t.submitted_at < t.started_at OR t.submitted_at > now()
		   OR (t.deadline_at IS NOT NULL AND t.submitted_at > t.deadline_at)
		   OR t.started_at < a.published_at
		   OR (a.max_attempts IS NOT NULL AND t.number > a.max_attempts)
		   OR (a.draw_count IS NOT NULL AND d.drawn <> a.draw_count)
		   OR EXISTS (SELECT 1 FROM attempts p WHERE p.assessment_id = t.assessment_id AND p.employee_id = t.employee_id
		              AND p.passed AND p.number < t.number)`); err != nil {
		t.Fatal(err)
	}
	if len(wrong) > 0 {
		t.Errorf("inconsistent attempts: %v", wrong)
	}
	// Each objective answer earns what the package's rule gives: all or
	// nothing, partial credit for multiple choice; choices are options of
	// their question.
	var answers []struct {
		Kind    string        `db:"kind"`
		Points  float64       `db:"points"`
		Awarded *float64      `db:"points_awarded"`
		Chosen  pq.Int64Array `db:"option_ids"`
		Correct pq.Int64Array `db:"correct"`
		All     pq.Int64Array `db:"options"`
	}
	if err := db.Select(&answers, `
		SELECT q.kind, q.points::float8 AS points, ans.points_awarded::float8 AS points_awarded, ans.option_ids,
		       coalesce(array_agg(o.id ORDER BY o.id) FILTER (WHERE o.correct), '{}') AS correct,
		       coalesce(array_agg(o.id ORDER BY o.id) FILTER (WHERE o.id IS NOT NULL), '{}') AS options
		FROM attempt_answers ans JOIN questions q ON q.id = ans.question_id
		LEFT JOIN question_options o ON o.question_id = q.id
		GROUP BY ans.attempt_id, ans.question_id, q.kind, q.points`); err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		for _, o := range a.Chosen {
			if !slices.Contains(a.All, o) {
				t.Errorf("option %d is not one of its question's", o)
			}
		}
		if a.Kind == "SHORT_ANSWER" {
			if a.Awarded != nil && (*a.Awarded < 0 || *a.Awarded > a.Points) {
				t.Errorf("short answer graded %v of %v", *a.Awarded, a.Points)
			}
			continue
		}
		var right, bad int
		for _, o := range a.Chosen {
			if slices.Contains(a.Correct, o) {
				right++
			} else {
				bad++
			}
		}
		want := 0.0
		if a.Kind == "MULTIPLE_CHOICE" {
			want = math.Round(a.Points*math.Max(0, float64(right-bad)/float64(len(a.Correct)))*100) / 100
		} else if right == 1 && bad == 0 {
			want = a.Points
		}
		if a.Awarded == nil || *a.Awarded != want {
			t.Errorf("%s answer %v of %v scored %v; want %v", a.Kind, a.Chosen, a.Correct, a.Awarded, want)
		}
	}
	// Passes, a fail, and a short answer in trainer@'s grading queue.
	if n := count(t, db, `SELECT count(*) FROM attempts WHERE status = 'GRADED' AND NOT passed`); n < 1 {
		t.Error("no failed attempt")
	}
	if n := count(t, db, `SELECT count(*) FROM attempts t JOIN assessments a ON a.id = t.assessment_id
		JOIN employees o ON o.id = a.owner_id AND o.email = 'trainer@rungs.demo'
		WHERE t.status = 'AWAITING_GRADING'
		  AND EXISTS (SELECT 1 FROM attempt_answers ans JOIN questions q ON q.id = ans.question_id
		              WHERE ans.attempt_id = t.id AND q.kind = 'SHORT_ANSWER' AND ans.points_awarded IS NULL AND ans.text_answer <> '')`); n != 1 {
		t.Errorf("trainer@'s grading queue holds %d attempts; want 1", n)
	}
	// Pass evidence is what assessment.passed writes.
	if n := count(t, db, `SELECT count(*) FROM competency_evidence e
		LEFT JOIN attempts t ON t.id = e.ref_id
		LEFT JOIN assessments a ON a.id = t.assessment_id
		LEFT JOIN assessment_competencies ac ON ac.assessment_id = a.id AND ac.competency_id = e.competency_id
		WHERE e.source = 'ASSESSMENT' AND (t.id IS NULL OR NOT t.passed OR e.employee_id <> t.employee_id
		      OR e.instrument <> a.code OR e.score <> t.percent OR e.level <> ac.level OR e.assessor_id IS NOT NULL
		      OR e.observed_on <> (t.submitted_at AT TIME ZONE 'UTC')::date)`); n != 0 {
		t.Errorf("%d ASSESSMENT evidence rows do not match their attempt", n)
	}
	if n := count(t, db, `SELECT count(*) FROM competency_evidence WHERE source = 'ASSESSMENT'`); n == 0 {
		t.Error("no ASSESSMENT evidence")
	}
}

func TestEvidenceSeedRubrics(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)

	// Every scorecard's weighted score is the rubric's formula over its items.
	var items []struct {
		Scorecard int64   `db:"scorecard_id"`
		Score     float64 `db:"weighted_score"`
		MaxLevel  int     `db:"max_level"`
		Weight    float64 `db:"weight"`
		Level     int     `db:"level"`
	}
	if err := db.Select(&items, `
		SELECT s.id AS scorecard_id, s.weighted_score::float8 AS weighted_score, r.max_level, c.weight::float8 AS weight, i.level
		FROM scorecards s JOIN rubrics r ON r.id = s.rubric_id
		JOIN scorecard_items i ON i.scorecard_id = s.id JOIN rubric_criteria c ON c.id = i.criterion_id
		ORDER BY s.id, c.position`); err != nil {
		t.Fatal(err)
	}
	byCard := map[int64][]rubric.Scored{}
	stored := map[int64][2]float64{}
	for _, it := range items {
		byCard[it.Scorecard] = append(byCard[it.Scorecard], rubric.Scored{Weight: it.Weight, Level: it.Level})
		stored[it.Scorecard] = [2]float64{it.Score, float64(it.MaxLevel)}
	}
	if len(byCard) < 50 {
		t.Errorf("%d scorecards", len(byCard))
	}
	for id, its := range byCard {
		if want := rubric.WeightedScore(its, int(stored[id][1])); want != stored[id][0] {
			t.Errorf("scorecard %d: weighted score %v; the formula gives %v", id, stored[id][0], want)
		}
	}
	// Every criterion is scored, and each item is one RUBRIC evidence row.
	if n := count(t, db, `SELECT count(*) FROM scorecards s
		WHERE (SELECT count(*) FROM scorecard_items i WHERE i.scorecard_id = s.id)
		   <> (SELECT count(*) FROM rubric_criteria c WHERE c.rubric_id = s.rubric_id)`); n != 0 {
		t.Errorf("%d scorecards miss criteria", n)
	}
	if n := count(t, db, `SELECT count(*) FROM scorecard_items i JOIN scorecards s ON s.id = i.scorecard_id
		JOIN rubric_criteria c ON c.id = i.criterion_id JOIN rubrics r ON r.id = s.rubric_id
		WHERE (SELECT count(*) FROM competency_evidence e WHERE e.source = 'RUBRIC' AND e.ref_id = s.id
		       AND e.competency_id = c.competency_id AND e.level = i.level AND e.instrument = r.code
		       AND e.score = s.weighted_score AND e.assessor_id = s.assessor_id AND e.employee_id = s.employee_id
		       AND e.observed_on = s.interaction_on) <> 1`); n != 0 {
		t.Errorf("%d scorecard items without exactly one matching evidence row", n)
	}
	// Sampled contacts: every active agent has several, in the last three
	// months, named CALL-…/CHAT-….
	if n := count(t, db, `SELECT count(*) FROM employees e JOIN positions p ON p.id = e.position_id AND p.code = 'AGENT'
		WHERE e.status = 'ACTIVE' AND (SELECT count(*) FROM scorecards s JOIN rubrics r ON r.id = s.rubric_id AND r.code = 'QA-CALLS'
		                                WHERE s.employee_id = e.id) < 3`); n != 0 {
		t.Errorf("%d agents have fewer than three sampled contacts", n)
	}
	if n := count(t, db, `SELECT count(*) FROM scorecards s JOIN rubrics r ON r.id = s.rubric_id AND r.code = 'QA-CALLS'
		WHERE s.interaction_on > current_date OR s.interaction_on < current_date - 92
		   OR s.interaction_ref !~ '^(CALL|CHAT)-[0-9]{4}-[0-9]{4}$' OR s.scored_at > now() OR s.scored_at::date < s.interaction_on`); n != 0 {
		t.Errorf("%d sampled contacts out of shape", n)
	}
	// Calibration: two interactions scored by qa@ and trainer@, who disagree.
	var cal []struct {
		Ref    string `db:"interaction_ref"`
		Spread int    `db:"spread"`
	}
	if err := db.Select(&cal, `
		SELECT s.interaction_ref, max(lv.hi - lv.lo) AS spread
		FROM scorecards s JOIN employees a ON a.id = s.assessor_id
		JOIN LATERAL (SELECT max(i.level) AS hi, min(i.level) AS lo FROM scorecard_items i
		              JOIN scorecards x ON x.id = i.scorecard_id
		              WHERE x.rubric_id = s.rubric_id AND x.interaction_ref = s.interaction_ref
		              GROUP BY i.criterion_id ORDER BY max(i.level) - min(i.level) DESC LIMIT 1) lv ON true
		WHERE a.email IN ('qa@rungs.demo', 'trainer@rungs.demo')
		GROUP BY s.rubric_id, s.interaction_ref HAVING count(DISTINCT s.assessor_id) = 2`); err != nil {
		t.Fatal(err)
	}
	if len(cal) < 2 {
		t.Errorf("calibrated interactions: %v; want two", cal)
	}
	for _, c := range cal {
		if c.Spread == 0 {
			t.Errorf("qa@ and trainer@ agree everywhere on %s", c.Ref)
		}
	}
	// Leads are observed by their own manager.
	if n := count(t, db, `SELECT count(*) FROM employees e JOIN positions p ON p.id = e.position_id AND p.code = 'TEAM_LEAD'
		WHERE (SELECT count(*) FROM scorecards s JOIN rubrics r ON r.id = s.rubric_id AND r.code = 'TL-OBSERVE'
		       WHERE s.employee_id = e.id AND s.assessor_id = e.manager_id) < 2`); n != 0 {
		t.Errorf("%d leads lack observations by their manager", n)
	}
	// Both rubrics are published with bilingual descriptors for every level.
	if n := count(t, db, `SELECT count(*) FROM rubric_criteria c JOIN rubrics r ON r.id = c.rubric_id
		WHERE r.status <> 'PUBLISHED' OR (SELECT count(*) FROM rubric_level_descriptors d WHERE d.criterion_id = c.id
		      AND btrim(d.text_zh) <> '' AND btrim(d.text_en) <> '') <> r.max_level`); n != 0 {
		t.Errorf("%d criteria lack descriptors", n)
	}
}

func TestEvidenceSeedKPIsAndRatings(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	today := dbtest.Today()
	qs := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	from, to := qs.AddDate(0, -6, 0), qs.AddDate(0, 0, -1)

	// Monthly periods within the last two complete quarters, no overlaps,
	// six KPIs a month for every active agent and lead, all from one import.
	if n := count(t, db, `SELECT count(*) FROM kpi_records r
		WHERE r.period_start < $1 OR r.period_end > $2 OR extract(day FROM r.period_start) <> 1
		   OR r.period_end <> (r.period_start + interval '1 month - 1 day')::date
		   OR r.source <> 'IMPORT' OR r.import_id IS NULL OR r.volume <= 0
		   OR EXISTS (SELECT 1 FROM kpi_records o WHERE o.employee_id = r.employee_id AND o.kpi_id = r.kpi_id AND o.id <> r.id
		              AND o.period_start <= r.period_end AND o.period_end >= r.period_start)`, from, to); n != 0 {
		t.Errorf("%d KPI records out of shape", n)
	}
	if n := count(t, db, `SELECT count(*) FROM employees e JOIN positions p ON p.id = e.position_id
		WHERE e.status = 'ACTIVE' AND p.code IN ('AGENT', 'TEAM_LEAD')
		  AND (SELECT count(*) FROM kpi_records r WHERE r.employee_id = e.id) <> 36`); n != 0 {
		t.Errorf("%d agents and leads lack their 36 KPI records", n)
	}
	if n := count(t, db, `SELECT count(*) FROM kpi_imports i WHERE i.rows <> (SELECT count(*) FROM kpi_records r WHERE r.import_id = i.id)`); n != 0 {
		t.Error("an import's row count differs from its records")
	}
	if n := count(t, db, `SELECT count(*) FROM kpi_records r JOIN kpi_definitions d ON d.id = r.kpi_id
		WHERE d.unit = 'PERCENT' AND r.value > 100`); n != 0 {
		t.Errorf("%d percentages above 100", n)
	}
	// KPI evidence is what an import writes: the highest threshold met.
	if n := count(t, db, `SELECT count(*) FROM competency_evidence e
		LEFT JOIN kpi_records r ON r.id = e.ref_id
		LEFT JOIN kpi_definitions d ON d.id = r.kpi_id
		WHERE e.source = 'KPI' AND (r.id IS NULL OR r.employee_id <> e.employee_id OR e.instrument <> d.code
		      OR e.score <> round(r.value, 2) OR e.observed_on <> r.period_end
		      OR e.level <> (SELECT max(l.level) FROM kpi_competency_levels l WHERE l.kpi_id = d.id AND l.competency_id = e.competency_id
		                     AND CASE d.direction WHEN 'LOWER_IS_BETTER' THEN r.value <= l.threshold ELSE r.value >= l.threshold END))`); n != 0 {
		t.Errorf("%d KPI evidence rows do not match their record", n)
	}
	if n := count(t, db, `SELECT count(*) FROM competency_evidence WHERE source = 'KPI'`); n == 0 {
		t.Error("no KPI evidence")
	}
	// The promotion story in numbers: the ready agents hold a lead's CSAT
	// over the requirement's window, agent@ does not yet.
	csat := func(email string) float64 {
		var v float64
		lo, hi := today.AddDate(0, -6, -today.Day()+1), today.AddDate(0, 0, -today.Day())
		if err := db.Get(&v, `SELECT sum(r.value * r.volume) / sum(r.volume) FROM kpi_records r
			JOIN employees e ON e.id = r.employee_id JOIN kpi_definitions d ON d.id = r.kpi_id AND d.code = 'CSAT'
			WHERE e.email = $1 AND r.period_start >= $2 AND r.period_end <= $3`, email, lo, hi); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, who := range []string{"cao.lin@rungs.demo", "yang.fan@rungs.demo", "yuan.hang@rungs.demo"} {
		if v := csat(who); v < 88 {
			t.Errorf("%s: CSAT %.1f below a lead's 88", who, v)
		}
	}
	if v := csat("agent@rungs.demo"); v >= 88 {
		t.Errorf("agent@: CSAT %.1f already meets a lead's 88", v)
	}
	if n := count(t, db, `SELECT count(*) FROM position_requirements WHERE kind = 'KPI'`); n < 2 {
		t.Errorf("%d KPI requirements", n)
	}

	// Review periods: the previous half-year closed, the current one open.
	var periods []struct {
		Code   string    `db:"code"`
		Status string    `db:"status"`
		Starts time.Time `db:"starts_on"`
		Ends   time.Time `db:"ends_on"`
	}
	if err := db.Select(&periods, `SELECT code, status, starts_on, ends_on FROM review_periods ORDER BY starts_on`); err != nil {
		t.Fatal(err)
	}
	if len(periods) != 2 || periods[0].Status != "CLOSED" || periods[1].Status != "OPEN" ||
		periods[1].Starts.After(today) || !periods[0].Ends.Before(periods[1].Starts) {
		t.Errorf("periods: %+v", periods)
	}
	// Ratings in half steps by the direct manager, the status tied to its
	// timestamps, and events that replay to the rating.
	if n := count(t, db, `SELECT count(*) FROM performance_ratings r JOIN employees e ON e.id = r.employee_id
		WHERE r.rating * 2 <> trunc(r.rating * 2) OR r.rating NOT BETWEEN 1 AND 5 OR r.rated_by <> e.manager_id
		   OR r.rated_at > now() OR r.updated_at > now()
		   OR (r.acknowledged_at IS NOT NULL AND r.acknowledged_at < r.rated_at)
		   OR (r.disputed_at IS NOT NULL AND r.disputed_at < r.rated_at)
		   OR (SELECT e1.kind FROM performance_rating_events e1 WHERE e1.rating_id = r.id ORDER BY e1.at, e1.id LIMIT 1) <> 'RATED'
		   OR (SELECT row(e2.to_status, e2.rating, e2.at) FROM performance_rating_events e2 WHERE e2.rating_id = r.id ORDER BY e2.at DESC, e2.id DESC LIMIT 1)
		      <> row(r.status, r.rating, r.updated_at)
		   OR EXISTS (SELECT 1 FROM performance_rating_events a JOIN performance_rating_events b ON b.rating_id = a.rating_id
		              AND (b.at, b.id) > (a.at, a.id) AND NOT EXISTS (SELECT 1 FROM performance_rating_events c WHERE c.rating_id = a.rating_id
		                  AND (c.at, c.id) > (a.at, a.id) AND (c.at, c.id) < (b.at, b.id))
		              WHERE a.rating_id = r.id AND (b.from_status <> a.to_status OR b.previous_rating <> a.rating))`); n != 0 {
		t.Errorf("%d ratings out of shape", n)
	}
	if n := count(t, db, `SELECT count(*) FROM employees e JOIN positions p ON p.id = e.position_id
		WHERE e.status = 'ACTIVE' AND p.code IN ('AGENT', 'TEAM_LEAD')
		  AND (SELECT count(*) FROM performance_ratings r WHERE r.employee_id = e.id) <> 2`); n != 0 {
		t.Errorf("%d agents and leads are not rated in both periods", n)
	}
	var statuses []string
	if err := db.Select(&statuses, `SELECT e.email || ' ' || r.status FROM performance_ratings r JOIN employees e ON e.id = r.employee_id
		WHERE r.status <> 'ACKNOWLEDGED' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	if want := []string{"agent@rungs.demo SUBMITTED", "jiang.tao@rungs.demo DISPUTED"}; !slices.Equal(statuses, want) {
		t.Errorf("ratings not acknowledged: %v; want %v", statuses, want)
	}
	if n := count(t, db, `SELECT count(*) FROM performance_rating_events WHERE kind = 'RERATED'`); n != 1 {
		t.Errorf("%d re-ratings; want 1", n)
	}
}

// TestEvidenceSeedKeepsTheStory checks that tests, scorecards and KPIs leave
// every rated level where the ratings put it, and that agent@'s open test
// raises her level once she passes it.
func TestEvidenceSeedKeepsTheStory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := seeded(t)
	store := competency.NewStore(db)

	var rated []struct {
		Employee   int64 `db:"employee_id"`
		Competency int64 `db:"competency_id"`
		Level      int   `db:"level"`
	}
	if err := db.Select(&rated, `
		SELECT DISTINCT ON (employee_id, competency_id) employee_id, competency_id, level FROM competency_evidence
		WHERE source IN ('MANAGER', 'TRAINER', 'HR')
		ORDER BY employee_id, competency_id, observed_on DESC, recorded_at DESC, id DESC`); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range rated {
		if len(ids) == 0 || ids[len(ids)-1] != r.Employee {
			ids = append(ids, r.Employee)
		}
	}
	profs, err := store.Proficiencies(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	byEmp := map[int64]map[int64]competency.Proficiency{}
	for i, id := range ids {
		byEmp[id] = profs[i]
	}
	for _, r := range rated {
		if p := byEmp[r.Employee][r.Competency]; p.Level != r.Level {
			t.Errorf("employee %d, competency %d: level %d (from %s); rated %d", r.Employee, r.Competency, p.Level, p.Source, r.Level)
		}
	}

	// agent@'s open test: published, on a course she is enrolled in, never
	// attempted, within its limits, and certifying above her level.
	var agent int64
	if err := db.Get(&agent, `SELECT id FROM employees WHERE email = 'agent@rungs.demo'`); err != nil {
		t.Fatal(err)
	}
	var open []struct {
		Assessment int64  `db:"assessment_id"`
		Code       string `db:"code"`
		Competency int64  `db:"competency_id"`
		Level      int    `db:"level"`
		Short      int    `db:"short"`
	}
	if err := db.Select(&open, `
		SELECT a.id AS assessment_id, a.code, ac.competency_id, ac.level,
		       (SELECT count(*) FROM questions q WHERE q.assessment_id = a.id AND q.kind = 'SHORT_ANSWER') AS short
		FROM assessments a
		JOIN enrollments en ON en.course_id = a.course_id AND en.employee_id = $1 AND en.status IN ('ASSIGNED', 'IN_PROGRESS')
		JOIN assessment_competencies ac ON ac.assessment_id = a.id
		WHERE a.status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM questions q WHERE q.assessment_id = a.id)
		  AND NOT EXISTS (SELECT 1 FROM attempts t WHERE t.assessment_id = a.id AND t.employee_id = $1)`, agent); err != nil {
		t.Fatal(err)
	}
	mine := byEmp[agent]
	raises := map[int64][]int64{} // assessment -> competencies it would raise
	for _, o := range open {
		if o.Short == 0 && o.Level > mine[o.Competency].Level {
			raises[o.Assessment] = append(raises[o.Assessment], o.Competency)
		}
	}
	if len(raises) == 0 {
		t.Fatalf("agent@ has no open, self-scoring test above her levels: %+v", open)
	}
	// Passing them writes what assessment.passed writes, observed today;
	// her levels then rise to what they certify.
	var tests []int64
	for a := range raises {
		tests = append(tests, a)
	}
	if _, err := db.Exec(`
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, instrument, score, ref_id, observed_on, comment)
		SELECT $1, ac.competency_id, f.id, ac.level, 'ASSESSMENT', a.code, 100, 0, $3, ''
		FROM assessments a JOIN assessment_competencies ac ON ac.assessment_id = a.id
		JOIN frameworks f ON f.status = 'PUBLISHED'
		WHERE a.id = ANY($2)`, agent, pq.Array(tests), dbtest.Date(0)); err != nil {
		t.Fatal(err)
	}
	after, err := store.Proficiencies(ctx, []int64{agent})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range open {
		if slices.Contains(raises[o.Assessment], o.Competency) {
			if got := after[0][o.Competency].Level; got != o.Level {
				t.Errorf("after passing %s, agent@'s competency %d is at %d; want %d", o.Code, o.Competency, got, o.Level)
			}
		}
	}
	// The demo's own: the complaint course's final she is two modules into.
	var codes []string
	for _, o := range open {
		if len(raises[o.Assessment]) > 0 && !slices.Contains(codes, o.Code) {
			codes = append(codes, o.Code)
		}
	}
	if !slices.Contains(codes, "CS-210-FINAL") {
		t.Errorf("agent@'s open tests that raise her level: %v; want CS-210-FINAL among them", codes)
	}
}

// TestEvidenceSeedPromotionStory runs the ladder's gap analysis over the
// demo: ratings, KPIs, tests and courses together leave some agents ready
// for team lead and others short of it for the reasons the story gives.
func TestEvidenceSeedPromotionStory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := seeded(t)
	svc := &progression.Service{Competency: competency.NewStore(db), Ladder: ladder.NewStore(db), Learning: learning.NewStore(db),
		KPI: kpi.NewStore(db), Performance: performance.NewStore(db), Now: clock.Now}
	unmet := func(position string, emails ...string) map[string][]string {
		var emps []*people.Employee
		if err := db.Select(&emps, `SELECT * FROM employees WHERE email = ANY($1) ORDER BY email`, pq.Array(emails)); err != nil {
			t.Fatal(err)
		}
		var pid int64
		if err := db.Get(&pid, `SELECT id FROM positions WHERE code = $1`, position); err != nil {
			t.Fatal(err)
		}
		gaps, err := svc.Gaps(ctx, emps, pid)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		for i, g := range gaps {
			out[emps[i].Email] = []string{}
			if g.TotalGap > 0 {
				out[emps[i].Email] = append(out[emps[i].Email], "COMPETENCY")
			}
			for _, c := range g.Checks {
				if !c.Met && !slices.Contains(out[emps[i].Email], c.Kind) {
					out[emps[i].Email] = append(out[emps[i].Email], c.Kind)
				}
			}
		}
		return out
	}
	lead := unmet("TEAM_LEAD", "cao.lin@rungs.demo", "yang.fan@rungs.demo", "yuan.hang@rungs.demo", "agent@rungs.demo", "peng.bo@rungs.demo")
	for _, ready := range []string{"cao.lin@rungs.demo", "yang.fan@rungs.demo", "yuan.hang@rungs.demo"} {
		if len(lead[ready]) > 0 {
			t.Errorf("%s is not ready for team lead: %v", ready, lead[ready])
		}
	}
	if got := lead["agent@rungs.demo"]; !slices.Contains(got, "KPI") || !slices.Contains(got, "COMPETENCY") || slices.Contains(got, "PERFORMANCE_RATING") {
		t.Errorf("agent@ toward team lead lacks %v; want competencies and KPIs, not the rating", got)
	}
	if got := lead["peng.bo@rungs.demo"]; !slices.Contains(got, "PERFORMANCE_RATING") || !slices.Contains(got, "KPI") {
		t.Errorf("peng.bo toward team lead lacks %v; want rating and KPIs too", got)
	}
	if got := unmet("QA_SPECIALIST", "du.kai@rungs.demo")["du.kai@rungs.demo"]; !slices.Equal(got, []string{"CERTIFICATION"}) {
		t.Errorf("du.kai toward QA specialist lacks %v; want only the certification", got)
	}
}

func TestEvidenceSeedIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, first := seeded(t)
	tables := []string{"assessments", "assessment_competencies", "questions", "question_options", "attempts",
		"attempt_questions", "attempt_answers", "rubrics", "rubric_criteria", "rubric_level_descriptors", "scorecards",
		"scorecard_items", "kpi_competency_levels", "kpi_imports", "kpi_records", "review_periods",
		"performance_ratings", "performance_rating_events", "position_requirements", "competency_evidence"}
	before := map[string]int{}
	for _, tb := range tables {
		before[tb] = count(t, db, `SELECT count(*) FROM `+tb)
		if before[tb] == 0 {
			t.Errorf("%s is empty after the first run", tb)
		}
	}
	second, err := seed.Run(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if n := count(t, db, `SELECT count(*) FROM `+tb); n != before[tb] {
			t.Errorf("%s: %d rows after the second run, %d before", tb, n, before[tb])
		}
	}
	if second.Questions+second.Attempts+second.Scorecards+second.KPIRecords+second.ReviewPeriods+second.PerformanceRatings+second.Evidence != 0 {
		t.Errorf("second run added history: %v", second)
	}
	if second.Assessments != first.Assessments || second.Rubrics != first.Rubrics || second.Requirements != first.Requirements {
		t.Errorf("runs differ: %v then %v", first, second)
	}
}
