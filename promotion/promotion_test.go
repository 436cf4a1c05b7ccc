package promotion_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/internal/clock"
	"github.com/rungs/rungs/kpi"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/performance"
	"github.com/rungs/rungs/progression"
	"github.com/rungs/rungs/promotion"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// today is the day the tests run on, as the code reads it (clock), and
// now, that morning, is the clock of the stores.
var (
	today = clock.Today()
	now   = today.Add(10 * time.Hour)
)

// org is a small organisation: two positions one promotion apart (L1 →
// L2, which asks 12 months in position), L3 that is no allowed move from
// L1, two HR users, an admin, a manager with a report (the nominee), a
// manager of someone else, two panel members and a bystander.
type org struct {
	db                                *sqlx.DB
	store                             *promotion.Store
	svc                               *progression.Service
	l1, l2, l3                        int64
	hr, hr2, admin, mgr, otherMgr     *auth.Viewer
	nominee, p1, p2, bystander, other *auth.Viewer
}

func viewer(id int64, roles ...auth.Role) *auth.Viewer {
	return &auth.Viewer{EmployeeID: id, Roles: append([]auth.Role{auth.RoleEmployee}, roles...)}
}

func newOrg(t *testing.T) *org {
	t.Helper()
	db := dbtest.New(t)
	o := &org{db: db}
	o.l1 = dbtest.MustCreatePosition(t, db, "", 1)
	o.l2 = dbtest.MustCreatePosition(t, db, "", 2)
	o.l3 = dbtest.MustCreatePosition(t, db, "", 3)
	mustExec(t, db, `INSERT INTO position_moves (from_position_id, to_position_id, kind) VALUES ($1, $2, 'PROMOTION')`, o.l1, o.l2)
	mustExec(t, db, `INSERT INTO position_requirements (position_id, kind, min_months) VALUES ($1, 'MONTHS_IN_POSITION', 12)`, o.l2)
	emp := func(name string, manager int64, roles ...auth.Role) *auth.Viewer {
		return viewer(dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, PositionID: o.l2, ManagerID: manager}), roles...)
	}
	o.hr, o.hr2, o.admin = emp("HR One", 0, auth.RoleHR), emp("HR Two", 0, auth.RoleHR), emp("Admin", 0, auth.RoleAdmin)
	o.mgr, o.otherMgr = emp("Manager", 0, auth.RoleManager), emp("Other Manager", 0, auth.RoleManager)
	o.p1, o.p2 = emp("Panel One", 0), emp("Panel Two", 0)
	o.bystander = emp("Bystander", 0)
	o.other = emp("Other report", o.otherMgr.EmployeeID)
	o.nominee = o.newNominee(t)
	o.svc = &progression.Service{Competency: competency.NewStore(db), Ladder: ladder.NewStore(db), Learning: learning.NewStore(db),
		KPI: kpi.NewStore(db), Performance: performance.NewStore(db), Now: func() time.Time { return now }, DB: db}
	o.store = promotion.NewStore(db, promotion.FromService(o.svc))
	o.store.Now = func() time.Time { return now }
	return o
}

// newNominee adds an agent in L1 (hired into it four years ago, so the 12
// months L2 asks are met) reporting to the manager.
func (o *org) newNominee(t *testing.T) *auth.Viewer {
	t.Helper()
	return viewer(dbtest.MustCreateEmployee(t, o.db, dbtest.Employee{PositionID: o.l1, ManagerID: o.mgr.EmployeeID,
		HireDate: today.AddDate(-4, 0, 0)}))
}

func mustExec(t *testing.T, db *sqlx.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func wantErr(t *testing.T, err error, code, key string) {
	t.Helper()
	var e *rungs.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want %s %s", err, code, key)
	}
	if e.Code != code || (key != "" && e.Key != key) {
		t.Fatalf("err = %s %s (%s), want %s %s", e.Code, e.Key, e.Message, code, key)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func (o *org) nominate(t *testing.T, nominee *auth.Viewer) *promotion.Review {
	t.Helper()
	return must[*promotion.Review](t)(o.store.Nominate(context.Background(), o.mgr,
		promotion.NominateInput{EmployeeID: nominee.EmployeeID, PositionID: o.l2, Justification: "Leads the queue"}))
}

// reach brings a new review of a new nominee to state.
func (o *org) reach(t *testing.T, state string) (*promotion.Review, *auth.Viewer) {
	t.Helper()
	ctx := context.Background()
	n := o.newNominee(t)
	r := o.nominate(t, n)
	var err error
	step := func(f func() (*promotion.Review, error)) {
		if err == nil {
			r, err = f()
		}
	}
	panel := func() (*promotion.Review, error) {
		return o.store.SetPanel(ctx, o.hr, r.ID, []int64{o.p1.EmployeeID, o.p2.EmployeeID})
	}
	reject := func() (*promotion.Review, error) { return o.store.Decide(ctx, o.hr, r.ID, promotion.Reject, "Not yet") }
	appeal := func() (*promotion.Review, error) { return o.store.Appeal(ctx, n, r.ID, "I met every target") }
	switch state {
	case promotion.StatusNominated:
	case promotion.StatusInPanel:
		step(panel)
	case promotion.StatusApproved:
		step(panel)
		step(func() (*promotion.Review, error) { return o.store.Decide(ctx, o.hr, r.ID, promotion.Approve, "Ready") })
	case promotion.StatusRejected:
		step(panel)
		step(reject)
	case promotion.StatusAppealed:
		step(panel)
		step(reject)
		step(appeal)
	case promotion.StatusUpheld, promotion.StatusOverturned:
		d := map[string]promotion.Decision{promotion.StatusUpheld: promotion.Uphold, promotion.StatusOverturned: promotion.Overturn}[state]
		step(panel)
		step(reject)
		step(appeal)
		step(func() (*promotion.Review, error) { return o.store.DecideAppeal(ctx, o.hr2, r.ID, d, "Reviewed") })
	case promotion.StatusWithdrawn:
		step(panel)
		step(func() (*promotion.Review, error) { return o.store.Withdraw(ctx, o.mgr, r.ID, "") })
	}
	if err != nil {
		t.Fatalf("reach %s: %v", state, err)
	}
	if r.Status != state {
		t.Fatalf("reach %s: status %s", state, r.Status)
	}
	return r, n
}

// Every state × every action: the allowed ones lead where the issue says,
// every other one is CONFLICT promotion.transition.
func TestStateMachine(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	states := []string{promotion.StatusNominated, promotion.StatusInPanel, promotion.StatusApproved, promotion.StatusRejected,
		promotion.StatusAppealed, promotion.StatusUpheld, promotion.StatusOverturned, promotion.StatusWithdrawn}
	type action struct {
		name string
		do   func(r *promotion.Review, nominee *auth.Viewer) (string, error)
	}
	status := func(r *promotion.Review, err error) (string, error) {
		if err != nil {
			return "", err
		}
		return r.Status, nil
	}
	actions := []action{
		{"SET_PANEL", func(r *promotion.Review, _ *auth.Viewer) (string, error) {
			return status(o.store.SetPanel(ctx, o.hr, r.ID, []int64{o.bystander.EmployeeID}))
		}},
		{"VOTE", func(r *promotion.Review, _ *auth.Viewer) (string, error) {
			// Before the panel is named, p1 cannot see the review at all
			// (NOT_FOUND); HR can, and meets the state machine.
			voter := o.p1
			if r.Status == promotion.StatusNominated {
				voter = o.hr
			}
			_, err := o.store.Vote(ctx, voter, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteSupport})
			if err != nil {
				return "", err
			}
			return promotion.StatusInPanel, nil
		}},
		{"APPROVE", func(r *promotion.Review, _ *auth.Viewer) (string, error) {
			return status(o.store.Decide(ctx, o.hr, r.ID, promotion.Approve, "Ready"))
		}},
		{"REJECT", func(r *promotion.Review, _ *auth.Viewer) (string, error) {
			return status(o.store.Decide(ctx, o.hr, r.ID, promotion.Reject, "Not yet"))
		}},
		{"APPEAL", func(r *promotion.Review, n *auth.Viewer) (string, error) {
			return status(o.store.Appeal(ctx, n, r.ID, "Please look again"))
		}},
		{"UPHOLD", func(r *promotion.Review, _ *auth.Viewer) (string, error) {
			return status(o.store.DecideAppeal(ctx, o.hr2, r.ID, promotion.Uphold, "Stands"))
		}},
		{"OVERTURN", func(r *promotion.Review, _ *auth.Viewer) (string, error) {
			return status(o.store.DecideAppeal(ctx, o.hr2, r.ID, promotion.Overturn, "Overturned"))
		}},
		{"WITHDRAW", func(r *promotion.Review, _ *auth.Viewer) (string, error) {
			return status(o.store.Withdraw(ctx, o.hr, r.ID, "Reorganisation"))
		}},
	}
	// The allowed moves, written out independently of the package's table.
	allowed := map[[2]string]string{
		{promotion.StatusNominated, "SET_PANEL"}: promotion.StatusInPanel,
		{promotion.StatusNominated, "WITHDRAW"}:  promotion.StatusWithdrawn,
		{promotion.StatusInPanel, "VOTE"}:        promotion.StatusInPanel,
		{promotion.StatusInPanel, "APPROVE"}:     promotion.StatusApproved,
		{promotion.StatusInPanel, "REJECT"}:      promotion.StatusRejected,
		{promotion.StatusInPanel, "WITHDRAW"}:    promotion.StatusWithdrawn,
		{promotion.StatusRejected, "APPEAL"}:     promotion.StatusAppealed,
		{promotion.StatusAppealed, "UPHOLD"}:     promotion.StatusUpheld,
		{promotion.StatusAppealed, "OVERTURN"}:   promotion.StatusOverturned,
		{promotion.StatusAppealed, "WITHDRAW"}:   promotion.StatusWithdrawn,
	}
	for _, st := range states {
		for _, a := range actions {
			t.Run(st+"/"+a.name, func(t *testing.T) {
				r, n := o.reach(t, st)
				got, err := a.do(r, n)
				if want, ok := allowed[[2]string{st, a.name}]; ok {
					if err != nil {
						t.Fatalf("allowed, got %v", err)
					}
					if got != want {
						t.Fatalf("status %s, want %s", got, want)
					}
					return
				}
				wantErr(t, err, rungs.ErrConflict, "promotion.transition")
				var after string
				if err := o.db.Get(&after, `SELECT status FROM promotion_reviews WHERE id = $1`, r.ID); err != nil {
					t.Fatal(err)
				}
				if after != st {
					t.Fatalf("refused action changed status to %s", after)
				}
			})
		}
	}
}

// The stored snapshot is the readiness at nomination, whatever happens
// to the evidence afterwards.
func TestSnapshotFrozen(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	r := o.nominate(t, o.nominee)
	if r.Snapshot.Score != 100 || r.Snapshot.Status != progression.StatusReadyNow || len(r.Snapshot.Lines) != 1 ||
		r.Snapshot.Lines[0].Kind != progression.LineMonths || !r.Snapshot.Lines[0].Met {
		t.Fatalf("snapshot = %+v", r.Snapshot)
	}
	// They moved into L1 a month ago: months in position no longer met.
	mustExec(t, o.db, `UPDATE employees SET position_since = $2 WHERE id = $1`, o.nominee.EmployeeID, today.AddDate(0, -1, 0))
	var emp people.Employee
	if err := o.db.Get(&emp, `SELECT * FROM employees WHERE id = $1`, o.nominee.EmployeeID); err != nil {
		t.Fatal(err)
	}
	fresh := must[*progression.Readiness](t)(o.svc.Readiness(ctx, &emp, o.l2, nil))
	if fresh.Score == 100 {
		t.Fatalf("fresh readiness did not change: %+v", fresh)
	}
	got := must[[]*promotion.Review](t)(o.store.ReviewsByIDs(ctx, o.hr, []int64{r.ID}))[0]
	if got.Snapshot.Score != 100 || got.Snapshot.Status != progression.StatusReadyNow || !got.Snapshot.Lines[0].Met {
		t.Fatalf("stored snapshot changed: %+v", got.Snapshot)
	}
}

// Approval moves the employee, restarts months in position and writes the
// history row, all in the decision's transaction.
func TestApprovalMovesEmployee(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	r, n := o.reach(t, promotion.StatusApproved)
	var e people.Employee
	if err := o.db.Get(&e, `SELECT * FROM employees WHERE id = $1`, n.EmployeeID); err != nil {
		t.Fatal(err)
	}
	if e.PositionID != o.l2 || !e.PositionSince.Equal(today) {
		t.Fatalf("employee in %d since %v", e.PositionID, e.PositionSince)
	}
	var ev struct {
		Kind       string `db:"kind"`
		From, To   int64
		RecordedBy int64 `db:"recorded_by"`
	}
	if err := o.db.Get(&ev, `SELECT kind, from_position_id AS "from", to_position_id AS "to", recorded_by
		FROM employee_events WHERE employee_id = $1 AND kind <> 'HIRE'`, n.EmployeeID); err != nil {
		t.Fatal(err)
	}
	if ev.Kind != "PROMOTION" || ev.From != o.l1 || ev.To != o.l2 || ev.RecordedBy != o.hr.EmployeeID {
		t.Fatalf("event = %+v", ev)
	}
	if r.DecidedBy.Int64 != o.hr.EmployeeID || r.DecisionReason != "Ready" {
		t.Fatalf("review = %+v", r)
	}

	// Overturning an appeal moves the employee the same way.
	_, n2 := o.reach(t, promotion.StatusOverturned)
	var pos int64
	if err := o.db.Get(&pos, `SELECT position_id FROM employees WHERE id = $1`, n2.EmployeeID); err != nil {
		t.Fatal(err)
	}
	if pos != o.l2 {
		t.Fatalf("overturned: position %d", pos)
	}

	// When the move cannot be made, the decision is not recorded either.
	r3, n3 := o.reach(t, promotion.StatusInPanel)
	mustExec(t, o.db, `UPDATE employees SET position_id = $2 WHERE id = $1`, n3.EmployeeID, o.l3)
	_, err := o.store.Decide(ctx, o.hr, r3.ID, promotion.Approve, "Ready")
	wantErr(t, err, rungs.ErrConflict, "promotion.position_changed")
	var st string
	var audits, events int
	if err := o.db.Get(&st, `SELECT status FROM promotion_reviews WHERE id = $1`, r3.ID); err != nil {
		t.Fatal(err)
	}
	if err := o.db.Get(&audits, `SELECT count(*) FROM promotion_audit WHERE review_id = $1`, r3.ID); err != nil {
		t.Fatal(err)
	}
	if err := o.db.Get(&events, `SELECT count(*) FROM employee_events WHERE employee_id = $1`, n3.EmployeeID); err != nil {
		t.Fatal(err)
	}
	if st != promotion.StatusInPanel || audits != 2 || events != 0 {
		t.Fatalf("after refused approval: status %s, %d audit rows, %d events", st, audits, events)
	}
}

func TestNominationRefused(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	in := func(pos int64) promotion.NominateInput {
		return promotion.NominateInput{EmployeeID: o.nominee.EmployeeID, PositionID: pos, Justification: "Strong"}
	}
	_, err := o.store.Nominate(ctx, o.mgr, in(o.l3))
	wantErr(t, err, rungs.ErrBadUserInput, "promotion.move.not_allowed")

	first := must[*promotion.Review](t)(o.store.Nominate(ctx, o.mgr, in(o.l2)))
	_, err = o.store.Nominate(ctx, o.hr, in(o.l2))
	wantErr(t, err, rungs.ErrConflict, "promotion.open_exists")
	// Once the first is closed, a new nomination is fine.
	must[*promotion.Review](t)(o.store.Withdraw(ctx, o.mgr, first.ID, "Too early"))
	must[*promotion.Review](t)(o.store.Nominate(ctx, o.hr, in(o.l2)))

	_, err = o.store.Nominate(ctx, o.mgr, promotion.NominateInput{})
	var e *rungs.Error
	if !errors.As(err, &e) || len(e.Details) < 2 {
		t.Fatalf("empty input: every problem reported? %v", err)
	}
}

func TestPanelAndVotes(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	r := o.nominate(t, o.nominee)
	_, err := o.store.SetPanel(ctx, o.hr, r.ID, []int64{o.p1.EmployeeID, o.nominee.EmployeeID})
	wantErr(t, err, rungs.ErrBadUserInput, "promotion.panel.nominee")
	_, err = o.store.SetPanel(ctx, o.mgr, r.ID, []int64{o.p1.EmployeeID})
	wantErr(t, err, rungs.ErrForbidden, "")
	must[*promotion.Review](t)(o.store.SetPanel(ctx, o.hr, r.ID, []int64{o.p1.EmployeeID}))

	for _, v := range []*auth.Viewer{o.p2, o.hr, o.nominee, o.mgr} {
		_, err := o.store.Vote(ctx, v, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteSupport})
		if v == o.p2 {
			// Not on this panel and no other link to the review: it does not exist for them.
			wantErr(t, err, rungs.ErrNotFound, "")
			continue
		}
		if v == o.nominee {
			// Refused as the nominee before as a non-member.
			wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")
			continue
		}
		wantErr(t, err, rungs.ErrForbidden, "promotion.forbidden")
	}
	must[*promotion.Vote](t)(o.store.Vote(ctx, o.p1, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteOppose, Comment: "Too early"}))
	v := must[*promotion.Vote](t)(o.store.Vote(ctx, o.p1, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteSupport,
		Comment: "Changed my mind", Confidential: true}))
	if v.Vote.String != promotion.VoteSupport || !v.Confidential {
		t.Fatalf("vote = %+v", v)
	}
	_, err = o.store.Vote(ctx, o.p1, promotion.VoteInput{ReviewID: r.ID, Vote: "MAYBE"})
	wantErr(t, err, rungs.ErrBadUserInput, "promotion.vote.invalid")
}

func TestAppeal(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	r, n := o.reach(t, promotion.StatusRejected)
	_, err := o.store.Appeal(ctx, o.mgr, r.ID, "On their behalf")
	wantErr(t, err, rungs.ErrForbidden, "")
	must[*promotion.Review](t)(o.store.Appeal(ctx, n, r.ID, "I met every target"))
	// The HR user who rejected cannot hear the appeal.
	_, err = o.store.DecideAppeal(ctx, o.hr, r.ID, promotion.Overturn, "I was wrong")
	wantErr(t, err, rungs.ErrForbidden, "promotion.appeal.same_decider")
	_, err = o.store.DecideAppeal(ctx, o.mgr, r.ID, promotion.Overturn, "Yes")
	wantErr(t, err, rungs.ErrForbidden, "")
	got := must[*promotion.Review](t)(o.store.DecideAppeal(ctx, o.hr2, r.ID, promotion.Uphold, "Rejection stands"))
	if got.AppealDecidedBy.Int64 != o.hr2.EmployeeID || got.AppealReason != "Rejection stands" ||
		got.AppealStatement != "I met every target" {
		t.Fatalf("review = %+v", got)
	}
	// Once only.
	_, err = o.store.Appeal(ctx, n, r.ID, "Again")
	wantErr(t, err, rungs.ErrConflict, "promotion.transition")
}

func TestAuditAppendOnly(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	r, _ := o.reach(t, promotion.StatusUpheld)
	var n int
	if err := o.db.Get(&n, `SELECT count(*) FROM promotion_audit WHERE review_id = $1`, r.ID); err != nil {
		t.Fatal(err)
	}
	if n != 5 { // nominate, panel, reject, appeal, uphold
		t.Fatalf("%d audit rows, want 5", n)
	}
	for _, q := range []string{
		`UPDATE promotion_audit SET action = 'APPROVE' WHERE review_id = $1`,
		`DELETE FROM promotion_audit WHERE review_id = $1`,
		`TRUNCATE promotion_audit CASCADE`,
	} {
		args := []any{r.ID}
		if q[0] == 'T' {
			args = nil
		}
		_, err := o.db.Exec(q, args...)
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || pqErr.Code != "42501" {
			t.Errorf("%s: err = %v, want insufficient_privilege", q, err)
		}
	}
	if err := o.db.Get(&n, `SELECT count(*) FROM promotion_audit WHERE review_id = $1 AND action <> 'APPROVE'`, r.ID); err != nil || n != 5 {
		t.Fatalf("audit changed: %d rows, %v", n, err)
	}
}

func TestViewLog(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	r := o.nominate(t, o.nominee)
	other, _ := o.reach(t, promotion.StatusNominated)

	got := must[[]*promotion.Review](t)(o.store.ReviewsByIDs(ctx, o.nominee, []int64{other.ID, r.ID, 0}))
	if got[0] != nil || got[1] == nil || got[1].ID != r.ID || got[2] != nil {
		t.Fatalf("ReviewsByIDs = %v", got)
	}
	page := must[*promotion.Page](t)(o.store.Reviews(ctx, o.mgr, promotion.Filter{}, 1, 0))
	if len(page.Reviews) != 1 || !page.HasNextPage || page.Reviews[0].ID != other.ID {
		t.Fatalf("page = %+v", page)
	}

	_, err := o.store.ViewLog(ctx, o.mgr, promotion.ViewFilter{}, 10, 0)
	wantErr(t, err, rungs.ErrForbidden, "")
	views := must[*promotion.ViewPage](t)(o.store.ViewLog(ctx, o.admin, promotion.ViewFilter{}, 10, 0))
	type key struct {
		viewer, object, subject int64
		kind                    string
	}
	seen := map[key]int{}
	for _, v := range views.Views {
		seen[key{v.ViewerID, v.ObjectID, v.SubjectID.Int64, v.ObjectKind}]++
	}
	want := map[key]int{
		// The nominee's read: only their own review, not the one they may not see.
		{o.nominee.EmployeeID, r.ID, o.nominee.EmployeeID, promotion.ObjectReview}:   1,
		{o.nominee.EmployeeID, r.ID, o.nominee.EmployeeID, promotion.ObjectSnapshot}: 1,
		// The manager's page of one: only the row returned, not the look-ahead.
		{o.mgr.EmployeeID, other.ID, other.EmployeeID, promotion.ObjectReview}:   1,
		{o.mgr.EmployeeID, other.ID, other.EmployeeID, promotion.ObjectSnapshot}: 1,
	}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Fatalf("view log = %v\nwant %v", seen, want)
	}
	only := must[*promotion.ViewPage](t)(o.store.ViewLog(ctx, o.hr, promotion.ViewFilter{ViewerID: o.mgr.EmployeeID, ObjectKind: promotion.ObjectReview}, 10, 0))
	if len(only.Views) != 1 {
		t.Fatalf("filtered view log = %d rows", len(only.Views))
	}
	if err := o.store.LogView(ctx, o.hr, promotion.ObjectSnapshot, r.ID, r.EmployeeID); err != nil {
		t.Fatal(err)
	}
}

// Who sees what, for every kind of viewer.
func TestAccess(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()

	_, err := o.store.Nominate(ctx, o.otherMgr, promotion.NominateInput{EmployeeID: o.nominee.EmployeeID, PositionID: o.l2, Justification: "x"})
	wantErr(t, err, rungs.ErrForbidden, "")
	_, err = o.store.Nominate(ctx, o.nominee, promotion.NominateInput{EmployeeID: o.nominee.EmployeeID, PositionID: o.l2, Justification: "x"})
	wantErr(t, err, rungs.ErrForbidden, "")

	r := o.nominate(t, o.nominee)
	must[*promotion.Review](t)(o.store.SetPanel(ctx, o.hr, r.ID, []int64{o.p1.EmployeeID, o.p2.EmployeeID}))
	must[*promotion.Vote](t)(o.store.Vote(ctx, o.p1, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteOppose,
		Comment: "Secret doubts", Confidential: true}))
	must[*promotion.Vote](t)(o.store.Vote(ctx, o.p2, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteSupport, Comment: "Great"}))

	for _, v := range []*auth.Viewer{o.mgr, o.p1, o.nominee} {
		_, err := o.store.Decide(ctx, v, r.ID, promotion.Approve, "Ready")
		wantErr(t, err, rungs.ErrForbidden, "")
	}
	_, err = o.store.Withdraw(ctx, o.p1, r.ID, "")
	wantErr(t, err, rungs.ErrForbidden, "")

	tests := []struct {
		name         string
		v            *auth.Viewer
		sees         bool
		secret       bool // reads the confidential comment
		audit        int  // audit rows
		auditDetails bool // reads the confidential vote's details
		panelHidden  bool // reads no votes, and the trail without the panel
	}{
		// The nominee once read the panel's votes and open comments; the
		// panel is now hidden from them entirely (TestOwnReview).
		{"nominee", o.nominee, true, false, 4, false, true},
		{"nominator", o.mgr, true, false, 4, false, false},
		{"other manager", o.otherMgr, false, false, 0, false, false},
		{"panel member (author)", o.p1, true, true, 0, false, false},
		{"panel member", o.p2, true, false, 0, false, false},
		{"bystander", o.bystander, false, false, 0, false, false},
		{"HR", o.hr, true, true, 4, true, false},
		{"HR2", o.hr2, true, true, 4, true, false},
		{"admin", o.admin, true, true, 4, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := must[[]*promotion.Review](t)(o.store.ReviewsByIDs(ctx, tt.v, []int64{r.ID}))
			if (got[0] != nil) != tt.sees {
				t.Fatalf("sees = %v, want %v", got[0] != nil, tt.sees)
			}
			page := must[*promotion.Page](t)(o.store.Reviews(ctx, tt.v, promotion.Filter{EmployeeID: o.nominee.EmployeeID}, 10, 0))
			if (len(page.Reviews) == 1) != tt.sees {
				t.Fatalf("listed %d", len(page.Reviews))
			}
			votes := must[[][]*promotion.Vote](t)(o.store.VotesOf(ctx, tt.v, []int64{r.ID}))[0]
			if !tt.sees || tt.panelHidden {
				if len(votes) != 0 {
					t.Fatalf("votes leaked: %d", len(votes))
				}
			} else {
				if len(votes) != 2 {
					t.Fatalf("%d votes", len(votes))
				}
				for _, vote := range votes {
					if vote.ReviewerID == o.p1.EmployeeID && (vote.Comment == "Secret doubts") != tt.secret {
						t.Fatalf("confidential comment = %q", vote.Comment)
					}
					if vote.ReviewerID == o.p2.EmployeeID && vote.Comment != "Great" {
						t.Fatalf("open comment = %q", vote.Comment)
					}
				}
			}
			audit := must[[][]*promotion.AuditEntry](t)(o.store.AuditOf(ctx, tt.v, []int64{r.ID}))[0]
			if len(audit) != tt.audit {
				t.Fatalf("%d audit rows, want %d", len(audit), tt.audit)
			}
			for _, a := range audit {
				if tt.panelHidden && a.Action == promotion.ActionVote {
					if a.ActorID != 0 || a.Before != nil || a.After != nil {
						t.Fatalf("the nominee reads a vote: %+v", a)
					}
					continue
				}
				if a.Confidential && (a.After != nil) != tt.auditDetails {
					t.Fatalf("confidential audit details = %s", a.After)
				}
				if !a.Confidential && a.After == nil {
					t.Fatalf("%s row without details", a.Action)
				}
			}
		})
	}
}

// Nominee, nominator and panel hear of each step, with names in both
// languages; whoever acted does not.
func TestNotifications(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	r := o.nominate(t, o.nominee)
	must[*promotion.Review](t)(o.store.SetPanel(ctx, o.hr, r.ID, []int64{o.p1.EmployeeID}))
	must[*promotion.Review](t)(o.store.Decide(ctx, o.hr, r.ID, promotion.Reject, "Not yet"))
	var rows []struct {
		Recipient int64  `db:"recipient_id"`
		Kind      string `db:"kind"`
		Name      string `db:"name_zh"`
		Status    string `db:"status"`
		Reason    string `db:"reason"`
	}
	if err := o.db.Select(&rows, `
		SELECT recipient_id, kind, params->>'employee_name_zh' AS name_zh, params->>'status' AS status,
			coalesce(params->>'reason', '') AS reason
		FROM notifications WHERE kind LIKE 'PROMOTION%' ORDER BY id, recipient_id`); err != nil {
		t.Fatal(err)
	}
	got := map[string][]int64{}
	for _, n := range rows {
		if n.Name == "" || n.Status == "" {
			t.Fatalf("params missing: %+v", n)
		}
		if n.Kind == string(promotion.KindDecided) && n.Reason != "Not yet" {
			t.Fatalf("decision without reason: %+v", n)
		}
		got[n.Kind] = append(got[n.Kind], n.Recipient)
	}
	for _, ids := range got {
		slices.Sort(ids)
	}
	nominee, mgr, p1 := o.nominee.EmployeeID, o.mgr.EmployeeID, o.p1.EmployeeID
	want := map[string][]int64{
		"PROMOTION_NOMINATED": {nominee},
		"PROMOTION_PANEL":     sorted(nominee, mgr, p1),
		"PROMOTION_DECIDED":   sorted(nominee, mgr, p1),
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("notified %v, want %v", got, want)
	}
}

func sorted(ids ...int64) []int64 {
	slices.Sort(ids)
	return ids
}

// TestOwnReview: an HR user who is nominated acts on her review only to
// appeal; she reads its status and decisions but not its panel: no votes,
// no comments, no names in the trail, no view log about herself.
func TestOwnReview(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	ctx := context.Background()
	hrNominee := viewer(dbtest.MustCreateEmployee(t, o.db, dbtest.Employee{Name: "HR Nominee", PositionID: o.l1,
		HireDate: today.AddDate(-4, 0, 0)}), auth.RoleHR)
	r := must[*promotion.Review](t)(o.store.Nominate(ctx, o.hr2,
		promotion.NominateInput{EmployeeID: hrNominee.EmployeeID, PositionID: o.l2, Justification: "Runs HR"}))
	panel := []int64{o.p1.EmployeeID, o.p2.EmployeeID}

	_, err := o.store.SetPanel(ctx, hrNominee, r.ID, panel)
	wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")
	_, err = o.store.Withdraw(ctx, hrNominee, r.ID, "")
	wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")
	must[*promotion.Review](t)(o.store.SetPanel(ctx, o.hr, r.ID, panel))
	must[*promotion.Vote](t)(o.store.Vote(ctx, o.p1, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteOppose,
		Comment: "Secret doubts", Confidential: true}))
	must[*promotion.Vote](t)(o.store.Vote(ctx, o.p2, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteSupport, Comment: "Great"}))
	_, err = o.store.Vote(ctx, hrNominee, promotion.VoteInput{ReviewID: r.ID, Vote: promotion.VoteSupport})
	wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")
	for _, d := range []promotion.Decision{promotion.Approve, promotion.Reject} {
		_, err = o.store.Decide(ctx, hrNominee, r.ID, d, "Me")
		wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")
	}
	_, err = o.store.Withdraw(ctx, hrNominee, r.ID, "")
	wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")

	// What she reads: the review, no votes, a trail without the panel.
	if got := must[[]*promotion.Review](t)(o.store.ReviewsByIDs(ctx, hrNominee, []int64{r.ID})); got[0] == nil ||
		got[0].Status != promotion.StatusInPanel {
		t.Fatalf("the nominee reads %+v", got[0])
	}
	if votes := must[[][]*promotion.Vote](t)(o.store.VotesOf(ctx, hrNominee, []int64{r.ID}))[0]; len(votes) != 0 {
		t.Errorf("the nominee reads %d votes", len(votes))
	}
	trail := func(v *auth.Viewer) []*promotion.AuditEntry {
		return must[[][]*promotion.AuditEntry](t)(o.store.AuditOf(ctx, v, []int64{r.ID}))[0]
	}
	mine := trail(hrNominee)
	if len(mine) != 4 {
		t.Fatalf("%d audit rows", len(mine))
	}
	for _, a := range mine {
		details := string(a.Before) + string(a.After)
		switch a.Action {
		case promotion.ActionSetPanel:
			if a.ActorID != 0 || a.After == nil || strings.Contains(details, "panel") {
				t.Errorf("the nominee reads the panel step %+v: %s", a, details)
			}
		case promotion.ActionVote:
			if a.ActorID != 0 || a.Before != nil || a.After != nil {
				t.Errorf("the nominee reads a vote %+v: %s", a, details)
			}
		case promotion.ActionNominate:
			if a.ActorID != o.hr2.EmployeeID {
				t.Errorf("the nomination's actor %d", a.ActorID)
			}
		}
	}
	// Another HR user reads the whole trail, names and comments included.
	for _, a := range trail(o.hr) {
		if (a.Action == promotion.ActionVote || a.Action == promotion.ActionSetPanel) && a.ActorID == 0 {
			t.Errorf("HR reads %s without its actor", a.Action)
		}
		if a.Action == promotion.ActionVote && a.After == nil {
			t.Errorf("HR reads a vote without details")
		}
	}

	// Rejected, she appeals (her step) but decides nothing.
	must[*promotion.Review](t)(o.store.Decide(ctx, o.hr, r.ID, promotion.Reject, "Not yet"))
	must[*promotion.Review](t)(o.store.Appeal(ctx, hrNominee, r.ID, "I disagree"))
	for _, d := range []promotion.Decision{promotion.Uphold, promotion.Overturn} {
		_, err = o.store.DecideAppeal(ctx, hrNominee, r.ID, d, "Me")
		wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")
	}
	_, err = o.store.Withdraw(ctx, hrNominee, r.ID, "")
	wantErr(t, err, rungs.ErrForbidden, "promotion.own_review")
	must[*promotion.Review](t)(o.store.DecideAppeal(ctx, o.hr2, r.ID, promotion.Overturn, "Reviewed"))

	// Views of her review are logged; she does not read them, HR does.
	views := func(v *auth.Viewer) int {
		p := must[*promotion.ViewPage](t)(o.store.ViewLog(ctx, v, promotion.ViewFilter{SubjectID: hrNominee.EmployeeID}, 100, 0))
		return len(p.Views)
	}
	if n := views(hrNominee); n != 0 {
		t.Errorf("the nominee reads %d views of her own records", n)
	}
	if n := views(o.hr); n == 0 {
		t.Error("HR reads no views of the review")
	}
}
