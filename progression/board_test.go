package progression_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/people"
	"github.com/rungs/rungs/postgres"
	"github.com/rungs/rungs/progression"
)

// refRow is the slow reference's answer for one candidate.
type refRow struct {
	emp  *people.Employee
	r    *progression.Readiness
	move string
	rank int
}

// reference computes every board and bench the slow way: employee by
// employee and position by position, through the public single-employee
// functions (MovesFrom, Gaps of one, Policy, Assess), reading aspirations
// one employee at a time.
func reference(t *testing.T, o *org) (map[int64][]refRow, map[int64]*progression.Bench) {
	t.Helper()
	ctx := context.Background()
	positions, err := o.svc.Ladder.Positions(ctx, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	var emps []*people.Employee
	if err := o.db.Select(&emps, `SELECT * FROM employees ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	boards := map[int64][]refRow{}
	bench := map[int64]*progression.Bench{}
	for _, p := range positions {
		bench[p.ID] = &progression.Bench{PositionID: p.ID, HolderIDs: []int64{}, ReadyNowIDs: []int64{}, ReadySoonIDs: []int64{}}
	}
	for _, e := range emps {
		if e.Status != people.StatusOffboarded && bench[e.PositionID] != nil {
			bench[e.PositionID].HolderIDs = append(bench[e.PositionID].HolderIDs, e.ID)
		}
		if e.Status != people.StatusActive {
			continue
		}
		moves, err := o.svc.Ladder.MovesFrom(ctx, []int64{e.PositionID})
		if err != nil {
			t.Fatal(err)
		}
		var asp []struct {
			PositionID int64 `db:"position_id"`
			Rank       int   `db:"rank"`
		}
		if err := o.db.Select(&asp, `SELECT position_id, rank FROM aspirations WHERE employee_id = $1`, e.ID); err != nil {
			t.Fatal(err)
		}
		for _, p := range positions {
			if p.ID == e.PositionID {
				continue
			}
			row := refRow{emp: e}
			for _, m := range moves[0] {
				if m.ToID == p.ID {
					row.move = m.Kind
				}
			}
			for _, a := range asp {
				if a.PositionID == p.ID {
					row.rank = a.Rank
				}
			}
			if row.move == "" && row.rank == 0 {
				continue
			}
			gaps, err := o.svc.Gaps(ctx, []*people.Employee{e}, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			policy, err := o.svc.Policy(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			row.r = progression.Assess(gaps[0], policy)
			boards[p.ID] = append(boards[p.ID], row)
			b := bench[p.ID]
			b.Candidates++
			switch row.r.Status {
			case progression.StatusReadyNow:
				b.ReadyNowIDs = append(b.ReadyNowIDs, e.ID)
			case progression.StatusReadySoon:
				b.ReadySoonIDs = append(b.ReadySoonIDs, e.ID)
			}
		}
	}
	for _, b := range bench {
		b.NoSuccessorReady = len(b.ReadyNowIDs) == 0
	}
	return boards, bench
}

// sortRef sorts reference rows as the board promises, written out
// independently of the implementation.
func sortRef(rows []refRow, sort string) {
	slices.SortFunc(rows, func(a, b refRow) int {
		less := func(x, y bool) int {
			if x {
				return -1
			}
			if y {
				return 1
			}
			return 0
		}
		ga, gb := a.r.Gap.TotalGap, b.r.Gap.TotalGap
		byName := func() int {
			return less(a.emp.NameEN < b.emp.NameEN || (a.emp.NameEN == b.emp.NameEN && a.emp.ID < b.emp.ID),
				a.emp.NameEN > b.emp.NameEN || (a.emp.NameEN == b.emp.NameEN && a.emp.ID > b.emp.ID))
		}
		switch sort {
		case progression.SortName:
			return byName()
		case progression.SortGap:
			if ga != gb {
				return less(ga < gb, ga > gb)
			}
			if a.r.Score != b.r.Score {
				return less(a.r.Score > b.r.Score, a.r.Score < b.r.Score)
			}
			return byName()
		default:
			if a.r.Score != b.r.Score {
				return less(a.r.Score > b.r.Score, a.r.Score < b.r.Score)
			}
			if ga != gb {
				return less(ga < gb, ga > gb)
			}
			return byName()
		}
	})
}

// allPages walks a board page by page.
func allPages(t *testing.T, svc *progression.Service, q progression.BoardQuery) ([]*progression.BoardRow, int) {
	t.Helper()
	var rows []*progression.BoardRow
	total := -1
	for range 1000 {
		page, err := svc.Board(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if total >= 0 && page.Total != total {
			t.Fatalf("total %d, then %d", total, page.Total)
		}
		total = page.Total
		if len(page.Rows) > q.First {
			t.Fatalf("%d rows on a page of %d", len(page.Rows), q.First)
		}
		rows = append(rows, page.Rows...)
		if !page.HasNextPage {
			return rows, total
		}
		if len(page.Rows) == 0 {
			t.Fatal("an empty page with a next page")
		}
		c := page.Rows[len(page.Rows)-1].Cursor()
		q.After = &c
	}
	t.Fatal("the pages never end")
	return nil, 0
}

func sameRow(got *progression.BoardRow, want refRow) string {
	g, w := got.Readiness, want.r
	if got.Employee.ID != want.emp.ID || g.Score != w.Score || g.Status != w.Status || got.MoveKind != want.move ||
		got.AspirationRank != want.rank || g.Gap.TotalGap != w.Gap.TotalGap || len(g.TopGaps) != len(w.TopGaps) ||
		len(g.Lines) != len(w.Lines) || g.Policy.ID != w.Policy.ID {
		return fmt.Sprintf("employee %d: %d %s move %q rank %d gap %d; want employee %d: %d %s move %q rank %d gap %d",
			got.Employee.ID, g.Score, g.Status, got.MoveKind, got.AspirationRank, g.Gap.TotalGap,
			want.emp.ID, w.Score, w.Status, want.move, want.rank, w.Gap.TotalGap)
	}
	for i := range g.Lines {
		if g.Lines[i] != w.Lines[i] {
			return fmt.Sprintf("employee %d line %d: %+v, want %+v", got.Employee.ID, i, g.Lines[i], w.Lines[i])
		}
	}
	return ""
}

// TestBoardAndBenchAgainstReference checks the set-based board and bench
// against the one-by-one reference on random organisations.
func TestBoardAndBenchAgainstReference(t *testing.T) {
	t.Parallel()
	for _, seed := range []float64{0.1, -0.7} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			o := genOrg(t, dbtest.New(t), 200, seed)
			boards, bench := reference(t, o)
			rng := rand.New(rand.NewPCG(uint64(seed*1000+1000), 7))

			statuses := map[string]int{}
			for _, code := range []string{"SENIOR", "LEAD", "MANAGER", "QA", "COACH", "AGENT"} {
				pos := o.pos[code]
				for _, sort := range []string{"", progression.SortName, progression.SortGap} {
					want := slices.Clone(boards[pos])
					sortRef(want, sort)
					first := 1 + rng.IntN(15)
					got, total := allPages(t, o.svc, progression.BoardQuery{PositionID: pos, Sort: sort, First: first})
					if total != len(want) || len(got) != len(want) {
						t.Fatalf("%s sorted %q: %d rows (total %d), want %d", code, sort, len(got), total, len(want))
					}
					for i := range want {
						if d := sameRow(got[i], want[i]); d != "" {
							t.Fatalf("%s sorted %q, row %d: %s", code, sort, i, d)
						}
						statuses[want[i].r.Status]++
					}
				}

				// Filters: one team, one status.
				team := o.teams[rng.IntN(len(o.teams))]
				for _, status := range []string{progression.StatusReadyNow, progression.StatusReadySoon, progression.StatusNotReady} {
					var want []refRow
					for _, r := range boards[pos] {
						if r.emp.TeamID.Int64 == team && r.r.Status == status {
							want = append(want, r)
						}
					}
					sortRef(want, "")
					got, total := allPages(t, o.svc, progression.BoardQuery{PositionID: pos, TeamID: team, Status: status, First: 4})
					if total != len(want) || len(got) != len(want) {
						t.Fatalf("%s team %d %s: %d rows, want %d", code, team, status, total, len(want))
					}
					for i := range want {
						if d := sameRow(got[i], want[i]); d != "" {
							t.Fatalf("%s team %d %s, row %d: %s", code, team, status, i, d)
						}
					}
				}
			}
			// The random organisation exercises every status.
			for _, s := range []string{progression.StatusReadyNow, progression.StatusReadySoon, progression.StatusNotReady} {
				if statuses[s] == 0 {
					t.Errorf("no candidate is %s: %v", s, statuses)
				}
			}

			got, err := o.svc.BenchStrength(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 7 {
				t.Fatalf("%d positions on the bench, want 7 (the archived one left out)", len(got))
			}
			noSuccessor := 0
			for _, b := range got {
				w := bench[b.PositionID]
				if w == nil {
					t.Fatalf("position %d is not in the reference", b.PositionID)
				}
				if !slices.Equal(b.HolderIDs, w.HolderIDs) || b.Candidates != w.Candidates ||
					!slices.Equal(sorted(b.ReadyNowIDs), w.ReadyNowIDs) || !slices.Equal(sorted(b.ReadySoonIDs), w.ReadySoonIDs) ||
					b.NoSuccessorReady != w.NoSuccessorReady {
					t.Errorf("position %d: %d holders, %d candidates, %d ready now, %d soon, none ready %v; want %d, %d, %d, %d, %v",
						b.PositionID, len(b.HolderIDs), b.Candidates, len(b.ReadyNowIDs), len(b.ReadySoonIDs), b.NoSuccessorReady,
						len(w.HolderIDs), w.Candidates, len(w.ReadyNowIDs), len(w.ReadySoonIDs), w.NoSuccessorReady)
				}
				if b.Candidates != len(boards[b.PositionID]) {
					t.Errorf("position %d: %d candidates on the bench, %d on the board", b.PositionID, b.Candidates, len(boards[b.PositionID]))
				}
				if b.NoSuccessorReady {
					noSuccessor++
				}
			}
			t.Logf("seed %v: %d positions without a ready successor, statuses %v", seed, noSuccessor, statuses)
		})
	}
}

func sorted(ids []int64) []int64 { return slices.Sorted(slices.Values(ids)) }

// TestStatementsDoNotGrow counts the statements of Board and BenchStrength
// for organisations of 50 and 500 employees on the same ladder.
func TestStatementsDoNotGrow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	type counts struct{ board, bench, csv int64 }
	got := map[int]counts{}
	for _, n := range []int{50, 500} {
		o := genOrg(t, dbtest.New(t), n, 0.3)
		var c counts
		for _, code := range []string{"LEAD", "MANAGER"} {
			cctx, counter := postgres.NewContextWithCounter(ctx)
			page, err := o.svc.Board(cctx, progression.BoardQuery{PositionID: o.pos[code], First: 10})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total == 0 {
				t.Fatalf("%d employees: nobody on the %s board", n, code)
			}
			c.board += counter.Count()
		}
		cctx, counter := postgres.NewContextWithCounter(ctx)
		if _, err := o.svc.BenchStrength(cctx); err != nil {
			t.Fatal(err)
		}
		c.bench = counter.Count()
		cctx, counter = postgres.NewContextWithCounter(ctx)
		if _, err := o.svc.BoardCSV(cctx, progression.BoardQuery{PositionID: o.pos["MANAGER"]}); err != nil {
			t.Fatal(err)
		}
		c.csv = counter.Count()
		got[n] = c
	}
	if got[50] != got[500] {
		t.Errorf("statements for 50 employees %+v, for 500 %+v", got[50], got[500])
	}
	// LEAD: position, candidates, policy, requirements, 2 × evidence,
	// completions, ratings = 8; MANAGER adds the KPI definitions and two
	// windows = 11. The bench: positions, moves, employees, aspirations,
	// requirements, policies, 2 × evidence, completions, ratings, KPI
	// definitions, two windows (CSAT over 3 months serves MANAGER and QA)
	// = 13. The CSV: MANAGER's board and one for the codes.
	if got[50].board != 8+11 || got[50].bench != 13 || got[50].csv != 12 {
		t.Errorf("statements %+v, want board 19, bench 13, CSV 12", got[50])
	}
}

func TestBoardCSV(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	o := genOrg(t, dbtest.New(t), 120, 0.5)
	q := progression.BoardQuery{PositionID: o.pos["MANAGER"], Sort: progression.SortName, First: 1}
	recs, err := o.svc.BoardCSV(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	page, err := o.svc.Board(ctx, progression.BoardQuery{PositionID: q.PositionID, Sort: q.Sort, First: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != page.Total+1 || recs[0][0] != "employee_no" {
		t.Fatalf("%d records for %d rows (First is ignored)", len(recs), page.Total)
	}
	header := recs[0]
	col := func(name string) int { return slices.Index(header, name) }
	for i, row := range page.Rows {
		rec := recs[i+1]
		if len(rec) != len(header) {
			t.Fatalf("record %d has %d fields", i, len(rec))
		}
		r := row.Readiness
		if rec[col("employee_no")] != row.Employee.EmployeeNo || rec[col("score")] != fmt.Sprint(r.Score) ||
			rec[col("status")] != r.Status || rec[col("position")] == "" || rec[col("move")] != row.MoveKind {
			t.Errorf("record %v for %+v", rec, row)
		}
		if !strings.HasPrefix(rec[col("team")], "GEN-") {
			t.Errorf("team %q", rec[col("team")])
		}
		gaps := rec[col("top_gaps")]
		if n := min(len(r.TopGaps), progression.BoardTopGaps); (n == 0) != (gaps == "") || strings.Count(gaps, "; ") != max(n-1, 0) {
			t.Errorf("top gaps %q for %d gaps", gaps, len(r.TopGaps))
		}
		for _, g := range r.TopGaps[:min(len(r.TopGaps), progression.BoardTopGaps)] {
			switch {
			case g.Competency != nil:
				if !strings.Contains(gaps, fmt.Sprintf("GEN_C%d %d/%d", slices.Index(o.comps, g.Competency.CompetencyID)+1,
					g.Competency.Current, g.Competency.Required)) {
					t.Errorf("%q misses competency %d", gaps, g.Competency.CompetencyID)
				}
			case g.Check.Kind == ladder.KindCertification:
				if !strings.Contains(gaps, "CERTIFICATION GEN-CERT") {
					t.Errorf("%q misses the certification", gaps)
				}
			case g.Check.Kind == ladder.KindKPI:
				if !strings.Contains(gaps, "KPI CSAT") && !strings.Contains(gaps, "KPI AHT") {
					t.Errorf("%q misses the KPI", gaps)
				}
			}
		}
		if rec[col("competency")] == "" || rec[col("kpi")] == "" || rec[col("courses")] != "" && !strings.HasSuffix(rec[col("courses")], "%") {
			t.Errorf("lines %v", rec)
		}
	}
}

func TestBoardErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	svc := newService(db)
	pos := dbtest.MustCreatePosition(t, db, "", 2)

	_, err := svc.Board(ctx, progression.BoardQuery{PositionID: pos, Status: "MAYBE", Sort: "RANDOM", First: -1})
	re := wantErr(t, err, rungs.ErrBadUserInput, "readiness.board.status.invalid")
	if len(re.Details) != 3 || re.Details[1].Key != "readiness.board.sort.invalid" || re.Details[2].Key != "readiness.board.first.range" {
		t.Errorf("problems %+v", re.Details)
	}
	_, err = svc.BoardCSV(ctx, progression.BoardQuery{PositionID: pos, Sort: "RANDOM"})
	wantErr(t, err, rungs.ErrBadUserInput, "readiness.board.sort.invalid")
	_, err = svc.Board(ctx, progression.BoardQuery{PositionID: 987654, First: 10})
	wantErr(t, err, rungs.ErrNotFound, "position.not_found")

	// Nobody can move in: an empty board, and first 0 gives the total only.
	page, err := svc.Board(ctx, progression.BoardQuery{PositionID: pos})
	if err != nil || page.Total != 0 || len(page.Rows) != 0 || page.HasNextPage || page.Rows == nil {
		t.Errorf("empty board %+v %v", page, err)
	}
}

// TestBoardCandidates pins who is on a board on a hand-built case: a
// promotion, a lateral move, an aspirant from elsewhere, and the people
// left out (holders, those on leave or offboarded, those with no way in).
func TestBoardCandidates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	svc := newService(db)
	lad := ladder.NewStore(db)
	agent := dbtest.MustCreatePosition(t, db, "B_AGENT", 1)
	other := dbtest.MustCreatePosition(t, db, "B_OTHER", 1)
	target := dbtest.MustCreatePosition(t, db, "B_TARGET", 2)
	var track2 int64
	if err := db.Get(&track2, `INSERT INTO tracks (code, name_en, name_zh) VALUES ('B_SIDE', 'Side', '侧') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	var side int64
	if err := db.Get(&side, `INSERT INTO positions (code, track_id, level, name_en, name_zh) VALUES ('B_SIDE', $1, 2, 'Side', '侧') RETURNING id`, track2); err != nil {
		t.Fatal(err)
	}
	if _, err := lad.AddMove(ctx, agent, target, ladder.MovePromotion); err != nil {
		t.Fatal(err)
	}
	if _, err := lad.AddMove(ctx, side, target, ladder.MoveLateral); err != nil {
		t.Fatal(err)
	}
	team := dbtest.MustCreateTeam(t, db, "")
	emp := func(name string, pos int64) int64 {
		return dbtest.MustCreateEmployee(t, db, dbtest.Employee{Name: name, PositionID: pos, TeamID: team})
	}
	promo, lateral, aspirant := emp("Promo", agent), emp("Lateral", side), emp("Aspirant", other)
	holder, leave, gone, stranger := emp("Holder", target), emp("Leave", agent), emp("Gone", agent), emp("Stranger", other)
	both := emp("Both", agent)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE employees SET status = 'ON_LEAVE' WHERE id = $1`, []any{leave}},
		{`UPDATE employees SET status = 'OFFBOARDED', offboarded_on = $2 WHERE id = $1`, []any{gone, today.AddDate(0, -6, 0)}},
		{`INSERT INTO aspirations (employee_id, position_id, rank) VALUES ($1, $5, 1), ($2, $5, 2), ($3, $5, 1), ($4, $5, 1)`,
			[]any{aspirant, both, holder, leave, target}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	page, err := svc.Board(ctx, progression.BoardQuery{PositionID: target, Sort: progression.SortName, First: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range page.Rows {
		got = append(got, fmt.Sprintf("%s %s %d", r.Employee.NameEN, r.MoveKind, r.AspirationRank))
		if r.Readiness.Score != 100 || r.Readiness.Status != progression.StatusReadyNow {
			t.Errorf("%s: %d %s without requirements", r.Employee.NameEN, r.Readiness.Score, r.Readiness.Status)
		}
	}
	want := []string{"Aspirant  1", "Both PROMOTION 2", "Lateral LATERAL 0", "Promo PROMOTION 0"}
	if !slices.Equal(got, want) || page.Total != 4 {
		t.Errorf("board %q, want %q", got, want)
	}
	var ids []int64
	for _, r := range page.Rows {
		ids = append(ids, r.Employee.ID)
	}
	if !slices.Equal(ids, []int64{aspirant, both, lateral, promo}) || slices.Contains(ids, stranger) {
		t.Errorf("board ids %v", ids)
	}

	bench, err := svc.BenchStrength(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bench {
		if b.PositionID != target {
			continue
		}
		if !slices.Equal(b.HolderIDs, []int64{holder}) || b.Candidates != 4 || len(b.ReadyNowIDs) != 4 || b.NoSuccessorReady {
			t.Errorf("bench of the target %+v", b)
		}
	}
}
