package graph_test

import (
	"strings"
	"testing"

	"github.com/rungs/rungs/dbtest"
)

// TestPromotionAndNineBox is the story: a manager nominates a lead
// for service manager, the panel votes, HR approves and the ladder and the
// lead's history change; a rejected agent appeals and a second HR user
// decides; the 9-box shows where everyone sits and why, never to the
// person placed.
func TestPromotionAndNineBox(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	manager, hr, hr2 := e.login(t, "manager@rungs.demo"), e.login(t, "hr@rungs.demo"), e.login(t, "hr2@rungs.demo")
	leadID := e.idOf(t, "lead@rungs.demo")
	svcMgr := e.positionID(t, "SERVICE_MANAGER")

	var review struct{ ID, Status, ReadinessSnapshot string }
	decode(t, e.do(t, manager, `mutation($e: ID!, $p: ID!) { nominateForPromotion(employeeId: $e, positionId: $p, justification: "Runs the best team on the floor") {
		id status readinessSnapshot } }`, map[string]any{"e": leadID, "p": svcMgr}), "nominateForPromotion", &review)
	if review.Status != "NOMINATED" || !strings.Contains(review.ReadinessSnapshot, `"score"`) {
		t.Fatalf("nomination %+v", review)
	}
	// The record as it stands now must survive every mutation that follows.
	type auditRow struct {
		ID     int64  `db:"id"`
		Action string `db:"action"`
		To     string `db:"to_status"`
		At     string `db:"at"`
	}
	var first []auditRow
	e.db.Select(&first, `SELECT id, action, to_status, at::text FROM promotion_audit WHERE review_id = $1 ORDER BY id`, review.ID)
	if len(first) == 0 {
		t.Fatal("no audit row for the nomination")
	}
	// Deciding before the panel is an illegal step, clearly refused.
	if res := e.do(t, hr, `mutation($r: ID!) { decidePromotion(reviewId: $r, decision: APPROVE, reason: "x") { id } }`,
		map[string]any{"r": review.ID}); res.code() != "CONFLICT" {
		t.Errorf("decide before the panel: %v", res.Errors)
	}
	if res := e.do(t, hr, `mutation($r: ID!, $p: [ID!]!) { setPromotionPanel(reviewId: $r, reviewerIds: $p) { status } }`,
		map[string]any{"r": review.ID, "p": []string{e.idOf(t, "manager@rungs.demo"), e.idOf(t, "hr2@rungs.demo")}}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	for _, tok := range []string{manager, hr2} {
		if res := e.do(t, tok, `mutation($r: ID!) { voteOnNomination(reviewId: $r, vote: SUPPORT, comment: "ready", confidential: true) { id } }`,
			map[string]any{"r": review.ID}); len(res.Errors) > 0 {
			t.Fatal(res.Errors)
		}
	}
	decode(t, e.do(t, hr, `mutation($r: ID!) { decidePromotion(reviewId: $r, decision: APPROVE, reason: "Panel unanimous") { id status readinessSnapshot } }`,
		map[string]any{"r": review.ID}), "decidePromotion", &review)
	if review.Status != "APPROVED" {
		t.Fatalf("decision %+v", review)
	}
	var lead struct {
		Position      struct{ Code string }
		PositionSince string
		CareerHistory []struct {
			Kind       string
			ToPosition *struct{ Code string }
		}
	}
	decode(t, e.do(t, hr, `query($e: ID!) { employee(id: $e) { position { code } positionSince careerHistory { kind toPosition { code } } } }`,
		map[string]any{"e": leadID}), "employee", &lead)
	last := lead.CareerHistory[len(lead.CareerHistory)-1]
	if lead.Position.Code != "SERVICE_MANAGER" || lead.PositionSince != dbtest.Date(0) ||
		last.Kind != "PROMOTION" || last.ToPosition == nil || last.ToPosition.Code != "SERVICE_MANAGER" {
		t.Errorf("after approval: %+v", lead)
	}
	// The nominee reads her review and its reasons but not confidential comments.
	var mine struct {
		Votes      []struct{ Comment string }
		AuditTrail []struct{ Action string }
	}
	decode(t, e.do(t, e.login(t, "lead@rungs.demo"), `query($r: ID!) { promotionReview(id: $r) { votes { comment } auditTrail { action } } }`,
		map[string]any{"r": review.ID}), "promotionReview", &mine)
	for _, v := range mine.Votes {
		if v.Comment != "" {
			t.Errorf("the nominee reads a confidential comment %q", v.Comment)
		}
	}
	if len(mine.AuditTrail) < 4 {
		t.Errorf("audit trail %+v", mine.AuditTrail)
	}
	// She now holds the position, so she is off its board.
	var board struct {
		Nodes []struct{ Employee struct{ Email string } }
	}
	decode(t, e.do(t, hr, `query($p: ID!) { readinessBoard(positionId: $p, first: 100) { nodes { employee { email } } } }`,
		map[string]any{"p": svcMgr}), "readinessBoard", &board)
	for _, n := range board.Nodes {
		if n.Employee.Email == "lead@rungs.demo" {
			t.Error("the promoted lead is still a candidate for the position she holds")
		}
	}

	// A rejected agent appeals; the first decider may not decide the appeal.
	agent := e.login(t, "agent@rungs.demo")
	var rej struct{ ID, Status string }
	decode(t, e.do(t, e.login(t, "lead@rungs.demo"), `mutation($e: ID!, $p: ID!) { nominateForPromotion(employeeId: $e, positionId: $p, justification: "Eager") { id status } }`,
		map[string]any{"e": e.idOf(t, "agent@rungs.demo"), "p": e.positionID(t, "TEAM_LEAD")}), "nominateForPromotion", &rej)
	e.do(t, hr, `mutation($r: ID!, $p: [ID!]!) { setPromotionPanel(reviewId: $r, reviewerIds: $p) { id } }`,
		map[string]any{"r": rej.ID, "p": []string{e.idOf(t, "manager@rungs.demo")}})
	decode(t, e.do(t, hr, `mutation($r: ID!) { decidePromotion(reviewId: $r, decision: REJECT, reason: "CSAT below 88") { id status } }`,
		map[string]any{"r": rej.ID}), "decidePromotion", &rej)
	decode(t, e.do(t, agent, `mutation($r: ID!) { appealDecision(reviewId: $r, statement: "My CSAT rose last month") { id status } }`,
		map[string]any{"r": rej.ID}), "appealDecision", &rej)
	if res := e.do(t, hr, `mutation($r: ID!) { decideAppeal(reviewId: $r, decision: UPHOLD, reason: "x") { id } }`,
		map[string]any{"r": rej.ID}); res.code() != "FORBIDDEN" {
		t.Errorf("the first decider decides the appeal: %v", res.Errors)
	}
	decode(t, e.do(t, hr2, `mutation($r: ID!) { decideAppeal(reviewId: $r, decision: UPHOLD, reason: "One month is not a trend") { id status } }`,
		map[string]any{"r": rej.ID}), "decideAppeal", &rej)
	if rej.Status != "UPHELD" {
		t.Errorf("appeal %+v", rej)
	}
	if res := e.do(t, agent, `mutation($r: ID!) { appealDecision(reviewId: $r, statement: "again") { id } }`,
		map[string]any{"r": rej.ID}); res.code() != "CONFLICT" {
		t.Errorf("a second appeal: %v", res.Errors)
	}

	// The 9-box for the open period.
	var period string
	e.db.Get(&period, `SELECT id::text FROM review_periods ORDER BY starts_on DESC LIMIT 1`)
	var cycle struct{ ID, Status string }
	decode(t, e.do(t, hr, `mutation($p: ID!) { openTalentCycle(code: "TR-TEST", nameEn: "Test review", nameZh: "测试盘点", reviewPeriodId: $p) { id status } }`,
		map[string]any{"p": period}), "openTalentCycle", &cycle)
	decode(t, e.do(t, hr, `mutation($c: ID!) { placeOnNineBox(cycleId: $c) { id status } }`, map[string]any{"c": cycle.ID}), "placeOnNineBox", &cycle)
	if cycle.Status != "CALIBRATING" {
		t.Fatalf("cycle %+v", cycle)
	}
	grid := func(token string) []struct {
		Performance, Potential int
		Why                    string
		Employee               *struct{ Email string }
	} {
		var c struct {
			Grid []struct {
				Performance, Potential int
				Why                    string
				Employee               *struct{ Email string }
			}
		}
		decode(t, e.do(t, token, `query($c: ID!) { talentReview(cycleId: $c) { grid { performance potential why employee { email } } } }`,
			map[string]any{"c": cycle.ID}), "talentReview", &c)
		return c.Grid
	}
	all := grid(hr)
	if len(all) < 10 {
		t.Fatalf("HR sees %d placements", len(all))
	}
	for _, p := range all {
		if p.Performance < 1 || p.Performance > 3 || p.Potential < 1 || p.Potential > 3 || !strings.Contains(p.Why, "potential") {
			t.Errorf("placement %+v", p)
		}
		if p.Employee != nil && p.Employee.Email == "hr@rungs.demo" {
			t.Error("HR sees her own place")
		}
	}
	for _, p := range grid(agent) {
		t.Errorf("the agent sees a place on the 9-box: %+v", p)
	}
	if res := e.do(t, e.login(t, "lead@rungs.demo"), `mutation($c: ID!, $e: ID!) { moveOnNineBox(cycleId: $c, employeeId: $e, performance: 3, potential: 3, reason: "") { id } }`,
		map[string]any{"c": cycle.ID, "e": e.idOf(t, "agent@rungs.demo")}); res.code() != "BAD_USER_INPUT" {
		t.Errorf("a move without a reason: %v", res.Errors)
	}
	// The first audit rows are as they were: no mutation rewrote them.
	var after []auditRow
	e.db.Select(&after, `SELECT id, action, to_status, at::text FROM promotion_audit WHERE review_id = $1 ORDER BY id`, review.ID)
	if len(after) < len(first) {
		t.Fatalf("audit rows went from %d to %d", len(first), len(after))
	}
	for i := range first {
		if after[i] != first[i] {
			t.Errorf("audit row %d changed: %+v -> %+v", i, first[i], after[i])
		}
	}
	// Every view was logged, and HR reads the log.
	var views []struct{ ObjectKind string }
	decode(t, e.do(t, hr, `{ viewLog(first: 200) { objectKind } }`, nil), "viewLog", &views)
	kinds := map[string]bool{}
	for _, v := range views {
		kinds[v.ObjectKind] = true
	}
	if !kinds["PROMOTION_REVIEW"] || !kinds["NINE_BOX"] {
		t.Errorf("view log kinds %v", kinds)
	}
	if res := e.do(t, agent, `{ viewLog { objectKind } }`, nil); res.code() != "FORBIDDEN" {
		t.Errorf("the agent reads the view log: %v", res.Errors)
	}
}
