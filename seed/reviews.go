package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// The demo's promotion reviews and its talent review. Plain SQL like the
// rest of the seed (packages promotion and talent are not imported), but
// every row keeps their rules: the status goes with its timestamps, every
// step has its promotion_audit row, the appeal is for another HR user to
// decide, and an approval's move is in the employee's record and history.
//
// The story:
//   - Tang Wen has just been nominated for team lead by lead@ (agent@ is
//     left free for the demo's own nomination);
//     HR has not named a panel yet.
//   - Du Kai's nomination for team lead is IN_PANEL: Wang Lei and Sun Qiang
//     sit on it, Sun Qiang has voted with a confidential comment for HR.
//   - lead@ (Li Na) was approved for team lead on the day she became one
//     (her position_since): the review behind the seeded promotion.
//   - Yuan Hang was rejected for team lead last month.
//   - Cao Lin was rejected for QA specialist by hr@ and appealed: hr2@
//     decides the appeal in the demo.
//   - The closed review period has a closed talent review: every active
//     employee placed on the 9-box, a few moved in calibration by HR and
//     their managers.
//
// Written once, into a database without reviews (and, separately, without
// talent reviews): once people use the product the demo leaves it alone.

type reviewSummary struct{ Reviews, Cycles, Placements, Moves int }

func seedReviews(ctx context.Context, tx *sqlx.Tx, today time.Time) (reviewSummary, error) {
	var s reviewSummary
	var err error
	if s.Reviews, err = seedPromotionReviews(ctx, tx, today); err != nil {
		return s, fmt.Errorf("promotion reviews: %w", err)
	}
	if s.Cycles, s.Placements, s.Moves, err = seedTalentCycle(ctx, tx); err != nil {
		return s, fmt.Errorf("talent review: %w", err)
	}
	return s, nil
}

// demoVote is a panel member's vote, cast Ago days ago ("" vote: not yet).
type demoVote struct {
	Reviewer, Vote, Comment string
	Confidential            bool
	At                      time.Time
}

// demoReview is one promotion review. Times are absolute here; the table
// below derives them from today except for the approval, which is pinned to
// the nominee's position_since.
type demoReview struct {
	Emp, Nominator, From, To, Justification string
	Status                                  string
	Snapshot                                map[string]any
	NominatedAt, PanelAt                    time.Time
	PanelBy                                 string
	Panel                                   []demoVote
	DecidedBy, DecisionReason               string
	DecidedAt                               time.Time
	AppealStatement                         string
	AppealedAt                              time.Time
}

// snapshot is a readiness snapshot as promotion freezes it: {score, status,
// lines} with one line per requirement group.
func snapshot(score int, status string, comp, course, kpi, tenure [2]float64) map[string]any {
	line := func(kind string, weight float64, v [2]float64, count int) map[string]any {
		met := int(v[0]*float64(count)/100 + 0.5)
		return map[string]any{"kind": kind, "weight": weight, "value": v[0], "requirement": v[1], "known": true,
			"met": v[0] >= v[1], "metCount": met, "count": count, "score": v[0], "points": v[0] * weight}
	}
	return map[string]any{"score": score, "status": status, "lines": []map[string]any{
		line("COMPETENCY", 0.5, comp, 8), line("COURSE", 0.2, course, 4),
		line("KPI", 0.2, kpi, 3), line("TENURE", 0.1, tenure, 1)}}
}

func demoReviews(today time.Time) []demoReview {
	at := func(daysAgo, hour int) time.Time {
		return today.AddDate(0, 0, -daysAgo).Add(time.Duration(hour) * time.Hour)
	}
	// Li Na became team lead on her InPosition day (people.go): her review
	// was decided that morning.
	liNa := demoTime(today, "2023-10-09").Add(9 * time.Hour)
	return []demoReview{{
		Emp: "CS-1105", Nominator: "CS-1101", From: "AGENT", To: "TEAM_LEAD", Status: "NOMINATED",
		Justification: "Tang Wen coaches new joiners on the evening shift and ran the team's CSAT recovery project; she is ready to lead.",
		Snapshot:      snapshot(72, "READY_SOON", [2]float64{75, 100}, [2]float64{50, 100}, [2]float64{100, 100}, [2]float64{100, 100}),
		NominatedAt:   at(3, 10),
	}, {
		Emp: "CS-1305", Nominator: "CS-1301", From: "AGENT", To: "TEAM_LEAD", Status: "IN_PANEL",
		Justification: "Du Kai handles the key accounts' hardest escalations and has closed nearly every team-lead requirement.",
		Snapshot:      snapshot(86, "READY_NOW", [2]float64{88, 100}, [2]float64{100, 100}, [2]float64{67, 100}, [2]float64{100, 100}),
		NominatedAt:   at(12, 9), PanelAt: at(10, 14), PanelBy: "HR-2001",
		Panel: []demoVote{
			{Reviewer: "CS-1004"},
			{Reviewer: "CS-1401", Vote: "SUPPORT", Confidential: true, At: at(6, 16),
				Comment: "Strong on escalations; his QA scores dipped in March while covering two queues — worth a coaching plan, not a blocker."},
		},
	}, {
		Emp: "CS-1101", Nominator: "CS-1003", From: "AGENT", To: "TEAM_LEAD", Status: "APPROVED",
		Justification: "Li Na has run the East team's shift plan for a year and is the first call for escalations.",
		Snapshot:      snapshot(91, "READY_NOW", [2]float64{94, 100}, [2]float64{100, 100}, [2]float64{67, 100}, [2]float64{100, 100}),
		NominatedAt:   liNa.AddDate(0, 0, -35), PanelAt: liNa.AddDate(0, 0, -33), PanelBy: "HR-2001",
		Panel: []demoVote{
			{Reviewer: "CS-1004", Vote: "SUPPORT", Comment: "Already leads in all but title.", At: liNa.AddDate(0, 0, -20)},
			{Reviewer: "CS-1401", Vote: "SUPPORT", Comment: "Her coaching shows in the team's QA results.", At: liNa.AddDate(0, 0, -18)},
		},
		DecidedBy: "HR-2001", DecidedAt: liNa, DecisionReason: "Unanimous panel; ready now on every requirement group.",
	}, {
		Emp: "CS-1204", Nominator: "CS-1201", From: "AGENT", To: "TEAM_LEAD", Status: "REJECTED",
		Justification: "Yuan Hang is our most experienced agent in the West team and wants to lead.",
		Snapshot:      snapshot(48, "NOT_READY", [2]float64{50, 100}, [2]float64{25, 100}, [2]float64{67, 100}, [2]float64{100, 100}),
		NominatedAt:   at(60, 9), PanelAt: at(57, 11), PanelBy: "HR-2002",
		Panel: []demoVote{
			{Reviewer: "CS-1003", Vote: "OPPOSE", Comment: "Not yet: coaching and shift planning are still gaps.", At: at(45, 15)},
			{Reviewer: "CS-1401", Vote: "ABSTAIN", Comment: "I have not seen enough of his coaching.", At: at(44, 10)},
		},
		DecidedBy: "HR-2002", DecidedAt: at(40, 10),
		DecisionReason: "Readiness 48 with the leadership competencies two levels short; renominate after the first-line-manager course.",
	}, {
		Emp: "CS-1106", Nominator: "CS-1101", From: "AGENT", To: "QA_SPECIALIST", Status: "APPEALED",
		Justification: "Cao Lin samples the team's calls informally every week and her feedback is precise.",
		Snapshot:      snapshot(63, "READY_SOON", [2]float64{70, 100}, [2]float64{50, 100}, [2]float64{67, 100}, [2]float64{100, 100}),
		NominatedAt:   at(45, 9), PanelAt: at(43, 10), PanelBy: "HR-2001",
		Panel: []demoVote{
			{Reviewer: "CS-1401", Vote: "OPPOSE", Comment: "Needs the QA-201 certification first.", At: at(30, 14)},
			{Reviewer: "CS-1403", Vote: "SUPPORT", Comment: "Her calibration scores match mine.", At: at(29, 11)},
		},
		DecidedBy: "HR-2001", DecidedAt: at(25, 10), DecisionReason: "Split panel and the QA certification is missing.",
		AppealStatement: "I passed QA-201 last week; the certificate was not yet in the system when the panel voted.",
		AppealedAt:      at(5, 17),
	}}
}

// reviewState is what promotion's audit records of a review at a step.
func reviewState(status string, pos, from int64, justification string, decidedBy int64, reason, appeal string) map[string]any {
	m := map[string]any{"status": status, "positionId": pos, "fromPositionId": from, "justification": justification}
	if decidedBy != 0 {
		m["decidedBy"], m["decisionReason"] = decidedBy, reason
	}
	if appeal != "" {
		m["appealStatement"] = appeal
	}
	return m
}

func seedPromotionReviews(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var exists bool
	if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM promotion_reviews)`); err != nil || exists {
		return 0, err
	}
	emp, err := idsBy(ctx, tx, `SELECT employee_no AS key, id FROM employees`)
	if err != nil {
		return 0, err
	}
	pos, err := idsBy(ctx, tx, `SELECT code AS key, id FROM positions`)
	if err != nil {
		return 0, err
	}
	reviews := demoReviews(today)
	var (
		e, n, f, t, db                  []int64
		just, status, snap, reason, apl []string
		nomAt, decAt, aplAt, updAt      []pq.NullTime
	)
	nt := func(x time.Time) pq.NullTime { return pq.NullTime{Time: x, Valid: !x.IsZero()} }
	for _, r := range reviews {
		for _, k := range []string{r.Emp, r.Nominator, r.DecidedBy, r.PanelBy} {
			if _, ok := emp[k]; k != "" && !ok {
				return 0, fmt.Errorf("unknown employee %s", k)
			}
		}
		b, err := json.Marshal(r.Snapshot)
		if err != nil {
			return 0, err
		}
		upd := r.NominatedAt
		for _, x := range []time.Time{r.PanelAt, r.DecidedAt, r.AppealedAt} {
			if x.After(upd) {
				upd = x
			}
		}
		e, n, f, t, db = append(e, emp[r.Emp]), append(n, emp[r.Nominator]), append(f, pos[r.From]), append(t, pos[r.To]), append(db, emp[r.DecidedBy])
		just, status, snap, reason, apl = append(just, r.Justification), append(status, r.Status), append(snap, string(b)), append(reason, r.DecisionReason), append(apl, r.AppealStatement)
		nomAt, decAt, aplAt, updAt = append(nomAt, nt(r.NominatedAt)), append(decAt, nt(r.DecidedAt)), append(aplAt, nt(r.AppealedAt)), append(updAt, nt(upd))
	}
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `
		INSERT INTO promotion_reviews (employee_id, nominated_by, from_position_id, position_id, justification, status,
		       snapshot, decided_by, decided_at, decision_reason, appeal_statement, appealed_at, created_at, updated_at)
		SELECT e, n, f, t, j, s, snap::jsonb, NULLIF(d, 0), dat, r, a, aat, cat, uat
		FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[],
		            $8::bigint[], $9::timestamptz[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[])
		     WITH ORDINALITY AS u (e, n, f, t, j, s, snap, d, dat, r, a, aat, cat, uat, ord)
		ORDER BY ord
		RETURNING id`,
		pq.Array(e), pq.Array(n), pq.Array(f), pq.Array(t), pq.Array(just), pq.Array(status), pq.Array(snap),
		pq.Array(db), pq.Array(decAt), pq.Array(reason), pq.Array(apl), pq.Array(aplAt), pq.Array(nomAt), pq.Array(updAt)); err != nil {
		return 0, fmt.Errorf("reviews: %w", err)
	}
	if len(ids) != len(reviews) {
		return 0, fmt.Errorf("wrote %d of %d reviews", len(ids), len(reviews))
	}
	// RETURNING does not promise the order of rows; identity values do
	// follow it, so sort them to match the input.
	slices.Sort(ids)

	// The panel and every step of the audit.
	var pRev, pWho []int64
	var pVote, pComment []string
	var pConf []bool
	var pAt []pq.NullTime
	var aRev, aActor []int64
	var aAction, aFrom, aTo, aBefore, aAfter []string
	var aConf []bool
	var aAt []time.Time
	audit := func(rev, actor int64, action, from, to string, before, after any, conf bool, at time.Time) error {
		js := func(v any) (string, error) {
			if v == nil {
				return "", nil
			}
			b, err := json.Marshal(v)
			return string(b), err
		}
		b, err := js(before)
		if err != nil {
			return err
		}
		a, err := js(after)
		if err != nil {
			return err
		}
		aRev, aActor, aAction, aFrom, aTo = append(aRev, rev), append(aActor, actor), append(aAction, action), append(aFrom, from), append(aTo, to)
		aBefore, aAfter, aConf, aAt = append(aBefore, b), append(aAfter, a), append(aConf, conf), append(aAt, at)
		return nil
	}
	var moves []int
	for i, r := range reviews {
		id, p, fp := ids[i], pos[r.To], pos[r.From]
		state := func(st string, decided bool, appeal string) map[string]any {
			var d int64
			if decided {
				d = emp[r.DecidedBy]
			}
			return reviewState(st, p, fp, r.Justification, d, r.DecisionReason, appeal)
		}
		if err := audit(id, emp[r.Nominator], "NOMINATE", "", "NOMINATED", nil, state("NOMINATED", false, ""), false, r.NominatedAt); err != nil {
			return 0, err
		}
		if r.PanelBy == "" {
			continue
		}
		var panel []int64
		for _, v := range r.Panel {
			panel = append(panel, emp[v.Reviewer])
		}
		slices.Sort(panel)
		after := state("IN_PANEL", false, "")
		after["panel"] = panel
		if err := audit(id, emp[r.PanelBy], "SET_PANEL", "NOMINATED", "IN_PANEL", state("NOMINATED", false, ""), after, false, r.PanelAt); err != nil {
			return 0, err
		}
		for _, v := range r.Panel {
			pRev, pWho, pVote, pComment = append(pRev, id), append(pWho, emp[v.Reviewer]), append(pVote, v.Vote), append(pComment, v.Comment)
			pConf, pAt = append(pConf, v.Confidential), append(pAt, nt(v.At))
			if v.Vote == "" {
				continue
			}
			vs := map[string]any{"reviewerId": emp[v.Reviewer], "vote": v.Vote, "comment": v.Comment, "confidential": v.Confidential}
			if err := audit(id, emp[v.Reviewer], "VOTE", "IN_PANEL", "IN_PANEL", nil, vs, v.Confidential, v.At); err != nil {
				return 0, err
			}
		}
		if r.DecidedBy == "" {
			continue
		}
		action, to := "APPROVE", "APPROVED"
		if r.Status != "APPROVED" {
			action, to = "REJECT", "REJECTED"
		} else {
			moves = append(moves, i)
		}
		if err := audit(id, emp[r.DecidedBy], action, "IN_PANEL", to, state("IN_PANEL", false, ""), state(to, true, ""), false, r.DecidedAt); err != nil {
			return 0, err
		}
		if r.AppealStatement != "" {
			if err := audit(id, emp[r.Emp], "APPEAL", "REJECTED", "APPEALED", state("REJECTED", true, ""),
				state("APPEALED", true, r.AppealStatement), false, r.AppealedAt); err != nil {
				return 0, err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO promotion_panel (review_id, reviewer_id, vote, comment, confidential, voted_at)
		SELECT r, w, NULLIF(v, ''), c, k, at
		FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bool[], $6::timestamptz[]) AS u (r, w, v, c, k, at)`,
		pq.Array(pRev), pq.Array(pWho), pq.Array(pVote), pq.Array(pComment), pq.Array(pConf), pq.Array(pAt)); err != nil {
		return 0, fmt.Errorf("panel: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO promotion_audit (review_id, actor_id, action, from_status, to_status, before, after, confidential, at)
		SELECT r, a, act, NULLIF(f, ''), t, NULLIF(b, '')::jsonb, NULLIF(af, '')::jsonb, k, at
		FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::timestamptz[])
		     WITH ORDINALITY AS u (r, a, act, f, t, b, af, k, at, ord)
		ORDER BY ord`,
		pq.Array(aRev), pq.Array(aActor), pq.Array(aAction), pq.Array(aFrom), pq.Array(aTo), pq.Array(aBefore),
		pq.Array(aAfter), pq.Array(aConf), pq.Array(aAt)); err != nil {
		return 0, fmt.Errorf("audit: %w", err)
	}
	// An approval moved the nominee: the seeded employee already holds the
	// position since the decision day; the history gets the PROMOTION event
	// promotion writes, unless one is there.
	for _, i := range moves {
		r := reviews[i]
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO employee_events (employee_id, kind, effective_on, from_team_id, to_team_id,
				from_manager_id, to_manager_id, from_position_id, to_position_id, reason, recorded_by, recorded_at)
			SELECT e.id, 'PROMOTION', e.position_since, e.team_id, e.team_id, e.manager_id, e.manager_id, $2, e.position_id,
			       $3, $4, $5
			FROM employees e
			WHERE e.id = $1 AND e.position_id = $6 AND e.position_since = $7::date
			  AND NOT EXISTS (SELECT 1 FROM employee_events v WHERE v.employee_id = e.id AND v.kind = 'PROMOTION')`,
			emp[r.Emp], pos[r.From], fmt.Sprintf("Promotion review %d: %s", ids[i], r.DecisionReason),
			emp[r.DecidedBy], r.DecidedAt, pos[r.To], r.DecidedAt.Format(time.DateOnly)); err != nil {
			return 0, fmt.Errorf("promotion event: %w", err)
		}
	}
	return len(ids), nil
}

func idsBy(ctx context.Context, tx *sqlx.Tx, query string) (map[string]int64, error) {
	var rows []struct {
		Key string `db:"key"`
		ID  int64  `db:"id"`
	}
	if err := tx.SelectContext(ctx, &rows, query); err != nil {
		return nil, err
	}
	m := make(map[string]int64, len(rows))
	for _, r := range rows {
		m[r.Key] = r.ID
	}
	return m, nil
}

// demoCalibration is a calibration move: by whom, to which box, why, days after
// the computation.
type demoCalibration struct {
	Emp, By   string
	Perf, Pot int
	Reason    string
	DaysLater int
}

var demoCalibrations = []demoCalibration{
	{"CS-1305", "CS-1301", 3, 3, "Carried the key-account escalations for the whole half-year; the KPI medians understate it.", 3},
	{"CS-1107", "HR-2001", 2, 1, "Six months in the role: too early to read potential from readiness.", 3},
	{"CS-1203", "CS-1201", 2, 2, "Took over the night-shift queue; her rating predates it.", 4},
	{"CS-1502", "HR-2002", 3, 2, "Calibration panel: the analytics rebuild was delivered early.", 4},
}

// seedTalentCycle writes a CLOSED talent review of the closed review period,
// placing every active employee by the placement rule of package talent
// (rule.go), restated here: performance from the period's rating moved a
// band by KPIs against the peer median, potential from readiness (plus 5
// for an aspiration). Readiness is a seeded stand-in derived from the
// rating, since progression's score reads committed data.
func seedTalentCycle(ctx context.Context, tx *sqlx.Tx) (int, int, int, error) {
	var exists bool
	if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM talent_cycles)`); err != nil || exists {
		return 0, 0, 0, err
	}
	var period struct {
		ID       int64     `db:"id"`
		Code     string    `db:"code"`
		ClosedAt time.Time `db:"closed_at"`
	}
	err := tx.GetContext(ctx, &period, `
		SELECT id, code, closed_at FROM review_periods WHERE status = 'CLOSED' AND closed_at IS NOT NULL
		ORDER BY ends_on DESC LIMIT 1`)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("closed period: %w", err)
	}
	emp, err := idsBy(ctx, tx, `SELECT employee_no AS key, id FROM employees`)
	if err != nil {
		return 0, 0, 0, err
	}
	hr := emp["HR-2001"]
	opened := period.ClosedAt.Add(24 * time.Hour)
	computed := opened.Add(2 * time.Hour)
	closed := computed.AddDate(0, 0, 6)

	var cycleID int64
	if err := tx.GetContext(ctx, &cycleID, `
		INSERT INTO talent_cycles (code, name_en, name_zh, review_period_id, status, opened_by, opened_at, computed_at, closed_by, closed_at)
		VALUES ($1, $2, $3, $4, 'CLOSED', $5, $6, $7, $5, $8) RETURNING id`,
		"TR-"+period.Code, "Talent review "+period.Code, period.Code+" 人才盘点", period.ID, hr, opened, computed, closed); err != nil {
		return 0, 0, 0, fmt.Errorf("cycle: %w", err)
	}

	// The rule's inputs, read as talent's Compute reads them.
	var in []struct {
		ID      int64    `db:"id"`
		No      string   `db:"employee_no"`
		Rating  *float64 `db:"rating"`
		Aspires bool     `db:"aspires"`
	}
	if err := tx.SelectContext(ctx, &in, `
		SELECT e.id, e.employee_no, r.rating::float8 AS rating,
		       EXISTS (SELECT 1 FROM aspirations a WHERE a.employee_id = e.id) AS aspires
		FROM employees e
		LEFT JOIN performance_ratings r ON r.employee_id = e.id AND r.period_id = $1 AND r.status <> 'DISPUTED'
		WHERE e.status = 'ACTIVE' ORDER BY e.id`, period.ID); err != nil {
		return 0, 0, 0, fmt.Errorf("ratings: %w", err)
	}
	var kpis []struct {
		EmployeeID int64   `db:"employee_id"`
		Code       string  `db:"code"`
		Value      float64 `db:"value"`
		Median     float64 `db:"median"`
		Good       bool    `db:"good"`
	}
	if err := tx.SelectContext(ctx, &kpis, `
		WITH per AS (
		    SELECT r.employee_id, d.code, d.direction, d.sort_order, sum(r.value * r.volume) / sum(r.volume) AS value
		    FROM kpi_records r
		    JOIN kpi_definitions d ON d.id = r.kpi_id
		    JOIN review_periods p ON p.id = $1
		    WHERE r.period_start >= p.starts_on AND r.period_end <= p.ends_on
		    GROUP BY r.employee_id, d.code, d.direction, d.sort_order
		), med AS (
		    SELECT code, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median FROM per GROUP BY code
		)
		SELECT per.employee_id, per.code, per.value::float8 AS value, med.median::float8 AS median,
		       CASE WHEN per.direction = 'LOWER_IS_BETTER' THEN per.value <= med.median ELSE per.value >= med.median END AS good
		FROM per JOIN med USING (code)
		ORDER BY per.employee_id, per.sort_order, per.code`, period.ID); err != nil {
		return 0, 0, 0, fmt.Errorf("kpis: %w", err)
	}
	type kpiResult struct {
		Code       string  `json:"code"`
		Value      float64 `json:"value"`
		Median     float64 `json:"median"`
		AtOrBetter bool    `json:"atOrBetter"`
	}
	byEmp := map[int64][]kpiResult{}
	for _, k := range kpis {
		byEmp[k.EmployeeID] = append(byEmp[k.EmployeeID], kpiResult{k.Code, k.Value, k.Median, k.Good})
	}
	var ids, perf, pot []int64
	var whys []string
	at := map[string]int{}
	for i, e := range in {
		w := map[string]any{"rating": e.Rating, "noRating": e.Rating == nil}
		band := 2
		if e.Rating != nil {
			switch {
			case *e.Rating <= 2.5:
				band = 1
			case *e.Rating >= 4:
				band = 3
			}
		}
		ks := byEmp[e.ID]
		if ks == nil {
			ks = []kpiResult{}
		}
		good, adj := 0, 0
		for _, k := range ks {
			if k.AtOrBetter {
				good++
			}
		}
		if n := len(ks); n >= 2 {
			switch {
			case 3*good >= 2*n:
				adj = 1
			case 3*good < n:
				adj = -1
			}
		}
		p := min(max(band+adj, 1), 3)
		// Stand-in readiness: the rating's share of the scale, spread a
		// little by employee so the grid is not in lockstep.
		readiness := 45.0
		if e.Rating != nil {
			readiness = (*e.Rating-1)*18 + 10
		}
		readiness = min(max(readiness+float64(e.ID%5*3)-6, 0), 100)
		score := readiness
		if e.Aspires {
			score += 5
		}
		score = min(score, 100)
		q := 1
		switch {
		case score >= 70:
			q = 3
		case score >= 40:
			q = 2
		}
		w["ratingBand"], w["kpis"], w["kpisAtOrBetter"], w["kpiAdjustment"], w["performance"] = band, ks, good, adj, p
		w["readiness"], w["aspires"], w["potentialScore"], w["potentialByData"], w["managerInput"], w["potential"] = readiness, e.Aspires, score, q, nil, q
		b, err := json.Marshal(w)
		if err != nil {
			return 0, 0, 0, err
		}
		at[e.No] = i
		ids, perf, pot, whys = append(ids, e.ID), append(perf, int64(p)), append(pot, int64(q)), append(whys, string(b))
	}
	// Where calibration moved someone, the placement holds the last move.
	cur := map[string]demoCalibration{}
	var mEmp, mFP, mFQ, mTP, mTQ, mBy []int64
	var mReason []string
	var mAt []time.Time
	for _, m := range demoCalibrations {
		i, ok := at[m.Emp]
		if !ok || (perf[i] == int64(m.Perf) && pot[i] == int64(m.Pot)) {
			continue // not active, or the rule already put them there
		}
		fp, fq := perf[i], pot[i]
		if c, ok := cur[m.Emp]; ok {
			fp, fq = int64(c.Perf), int64(c.Pot)
		}
		cur[m.Emp] = m
		mEmp, mFP, mFQ, mTP, mTQ, mBy = append(mEmp, ids[i]), append(mFP, fp), append(mFQ, fq), append(mTP, int64(m.Perf)), append(mTQ, int64(m.Pot)), append(mBy, emp[m.By])
		mReason, mAt = append(mReason, m.Reason), append(mAt, computed.AddDate(0, 0, m.DaysLater))
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO nine_box_placements (cycle_id, employee_id, performance, potential, computed_performance,
		       computed_potential, why, placed_by, placed_at)
		SELECT $1, e, pf, pt, pf, pt, w::jsonb, $6, $7
		FROM unnest($2::bigint[], $3::smallint[], $4::smallint[], $5::text[]) AS u (e, pf, pt, w)`,
		cycleID, pq.Array(ids), pq.Array(perf), pq.Array(pot), pq.Array(whys), hr, computed); err != nil {
		return 0, 0, 0, fmt.Errorf("placements: %w", err)
	}
	if len(mEmp) > 0 {
		if _, err := tx.ExecContext(ctx, `
			WITH m AS (
			    SELECT * FROM unnest($2::bigint[], $3::smallint[], $4::smallint[], $5::smallint[], $6::smallint[],
			                         $7::bigint[], $8::text[], $9::timestamptz[]) WITH ORDINALITY
			         AS u (e, fp, fq, tp, tq, who, why, at, ord)
			), ins AS (
			    INSERT INTO nine_box_moves (placement_id, from_performance, from_potential, to_performance, to_potential, moved_by, reason, at)
			    SELECT p.id, m.fp, m.fq, m.tp, m.tq, m.who, m.why, m.at
			    FROM m JOIN nine_box_placements p ON p.cycle_id = $1 AND p.employee_id = m.e ORDER BY m.ord
			)
			UPDATE nine_box_placements p SET performance = l.tp, potential = l.tq, placed_by = l.who, placed_at = l.at, reason = l.why
			FROM (SELECT DISTINCT ON (e) * FROM m ORDER BY e, ord DESC) l
			WHERE p.cycle_id = $1 AND p.employee_id = l.e`,
			cycleID, pq.Array(mEmp), pq.Array(mFP), pq.Array(mFQ), pq.Array(mTP), pq.Array(mTQ), pq.Array(mBy),
			pq.Array(mReason), pq.Array(mAt)); err != nil {
			return 0, 0, 0, fmt.Errorf("moves: %w", err)
		}
	}
	return 1, len(ids), len(mEmp), nil
}
