package progression

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/ladder"
	"github.com/rungs/rungs/people"
)

// The HR readiness board and bench strength: readiness computed for many
// people at once, with a number of statements that does not grow with the
// number of employees — the facts are read once (loadFacts) and Evaluate
// and Assess run in Go. Both are HR reads: they check no viewer, and the
// GraphQL layer admits HR and admins only.

// Board sort orders.
const (
	// SortScoreDesc: highest score first (then smallest gap, name, id).
	SortScoreDesc = "SCORE_DESC"
	// SortName: by English name, then id.
	SortName = "NAME"
	// SortGap: fewest missing competency levels first (then highest
	// score, name, id): who is closest in the competencies.
	SortGap = "GAP"
)

// BoardQuery asks for one position's board.
type BoardQuery struct {
	PositionID int64
	// TeamID keeps candidates of one team; 0 keeps all.
	TeamID int64
	// Status keeps one readiness status; "" keeps all.
	Status string
	// Sort is one of the Sort* constants; "" is SortScoreDesc.
	Sort string
	// First is the page size (0 gives an empty page with the total);
	// After the cursor of the last row of the previous page.
	First int
	After *BoardCursor
}

// BoardCursor is where a board page starts: the sort key of the row
// before it. Every order ends in the employee id, so the key is unique.
type BoardCursor struct {
	Score int    `json:"s"`
	Gap   int    `json:"g"`
	Name  string `json:"n"`
	ID    int64  `json:"i"`
}

// BoardRow is one candidate on the board.
type BoardRow struct {
	Employee  *people.Employee
	Readiness *Readiness
	// MoveKind is the kind of the move from the employee's position into
	// the board's (PROMOTION, LATERAL), "" for someone who only aspires.
	MoveKind string `db:"move_kind"`
	// AspirationRank is the rank (1..3) of the position among the
	// employee's aspirations, 0 when they have not named it.
	AspirationRank int `db:"aspiration_rank"`
}

// Cursor is the cursor that continues after r.
func (r *BoardRow) Cursor() BoardCursor {
	return BoardCursor{Score: r.Readiness.Score, Gap: r.Readiness.Gap.TotalGap, Name: r.Employee.NameEN, ID: r.Employee.ID}
}

// BoardPage is one page of a board.
type BoardPage struct {
	Rows []*BoardRow
	// Total counts every row that matches, not only this page.
	Total       int
	HasNextPage bool
}

// compareBoard orders two cursors under a sort.
func compareBoard(sort string, a, b BoardCursor) int {
	name := cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	switch sort {
	case SortName:
		return name
	case SortGap:
		return cmp.Or(cmp.Compare(a.Gap, b.Gap), cmp.Compare(b.Score, a.Score), name)
	default:
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Gap, b.Gap), name)
	}
}

func (q *BoardQuery) validate() error {
	var v rungs.Validation
	v.Check(slices.Contains([]string{"", StatusReadyNow, StatusReadySoon, StatusNotReady}, q.Status), "status",
		"readiness.board.status.invalid", "%q is not a readiness status", q.Status)
	v.Check(slices.Contains([]string{"", SortScoreDesc, SortName, SortGap}, q.Sort), "sort",
		"readiness.board.sort.invalid", "%q is not a board order", q.Sort)
	v.Check(q.First >= 0, "first", "readiness.board.first.range", "first cannot be negative")
	return v.Err()
}

// Board is the readiness board of one position: every ACTIVE employee
// whose current position has a move (promotion or lateral) into it, or who
// named it among their aspirations, except those who hold it already; each
// with their readiness, filtered by team and status, sorted, and paged by
// cursor. An unknown position is NOT_FOUND.
//
// Statements, for any number of candidates: the position, the candidates,
// the policy, and those of Gaps.
func (s *Service) Board(ctx context.Context, q BoardQuery) (*BoardPage, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	rows, err := s.board(ctx, q)
	if err != nil {
		return nil, err
	}
	page := &BoardPage{Rows: []*BoardRow{}, Total: len(rows)}
	start := 0
	if q.After != nil {
		start, _ = slices.BinarySearchFunc(rows, *q.After, func(r *BoardRow, c BoardCursor) int {
			if compareBoard(q.Sort, r.Cursor(), c) <= 0 {
				return -1
			}
			return 1
		})
	}
	end := min(start+q.First, len(rows))
	page.Rows = append(page.Rows, rows[start:end]...)
	page.HasNextPage = end < len(rows)
	return page, nil
}

// board lists every row of a board that matches q, sorted.
func (s *Service) board(ctx context.Context, q BoardQuery) ([]*BoardRow, error) {
	if err := s.positionExists(ctx, q.PositionID); err != nil {
		return nil, err
	}
	var cands []struct {
		people.Employee
		MoveKind       string `db:"move_kind"`
		AspirationRank int    `db:"aspiration_rank"`
	}
	// Direct moves only: "could be their next move". Aspirants come from
	// any position; holders are left out even if they aspire to it.
	err := s.DB.SelectContext(ctx, &cands, `
		SELECT e.*, coalesce(m.kind, '') AS move_kind, coalesce(a.rank, 0) AS aspiration_rank
		FROM employees e
		LEFT JOIN position_moves m ON m.from_position_id = e.position_id AND m.to_position_id = $1
		LEFT JOIN aspirations a ON a.employee_id = e.id AND a.position_id = $1
		WHERE e.status = 'ACTIVE' AND e.position_id <> $1 AND ($2 = 0 OR e.team_id = $2)
		  AND (m.kind IS NOT NULL OR a.employee_id IS NOT NULL)
		ORDER BY e.id`, q.PositionID, q.TeamID)
	if err != nil {
		return nil, fmt.Errorf("progression: board: candidates: %w", err)
	}
	policy, err := s.Policy(ctx, q.PositionID)
	if err != nil {
		return nil, err
	}
	emps := make([]*people.Employee, len(cands))
	for i := range cands {
		emps[i] = &cands[i].Employee
	}
	gaps, err := s.Gaps(ctx, emps, q.PositionID)
	if err != nil {
		return nil, err
	}
	rows := make([]*BoardRow, 0, len(cands))
	for i, g := range gaps {
		r := Assess(g, policy)
		if q.Status != "" && r.Status != q.Status {
			continue
		}
		rows = append(rows, &BoardRow{Employee: emps[i], Readiness: r, MoveKind: cands[i].MoveKind, AspirationRank: cands[i].AspirationRank})
	}
	slices.SortFunc(rows, func(a, b *BoardRow) int { return compareBoard(q.Sort, a.Cursor(), b.Cursor()) })
	return rows, nil
}

// positionExists is NOT_FOUND (position.not_found) for an unknown position.
// Archived positions exist: their board and readiness still answer.
func (s *Service) positionExists(ctx context.Context, id int64) error {
	var exists bool
	if err := s.DB.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM positions WHERE id = $1)`, id); err != nil {
		return fmt.Errorf("progression: position %d: %w", id, err)
	}
	if !exists {
		return rungs.Errorf(rungs.ErrNotFound, "position.not_found", "position %d not found", id)
	}
	return nil
}

// BoardTopGaps is how many gaps a board row shows.
const BoardTopGaps = 3

// BoardCSV is the whole board of q (First and After ignored) as CSV
// records, the header first: one row per candidate with their score,
// status, each line's value and the top gaps, requirements named by code.
// The caller writes them (encoding/csv) and decides access, as for Board.
func (s *Service) BoardCSV(ctx context.Context, q BoardQuery) ([][]string, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	rows, err := s.board(ctx, q)
	if err != nil {
		return nil, err
	}
	// Every code the rows name, in one statement.
	var comps, courses, kpis, positions, teams []int64
	for _, r := range rows {
		positions = append(positions, r.Employee.PositionID)
		if r.Employee.TeamID.Valid {
			teams = append(teams, r.Employee.TeamID.Int64)
		}
		for _, g := range r.Readiness.TopGaps {
			switch {
			case g.Competency != nil:
				comps = append(comps, g.Competency.CompetencyID)
			case g.Check.Requirement.CourseID.Valid:
				courses = append(courses, g.Check.Requirement.CourseID.Int64)
			case g.Check.Requirement.KPIID.Valid:
				kpis = append(kpis, g.Check.Requirement.KPIID.Int64)
			}
		}
	}
	var labels []struct {
		Kind string `db:"kind"`
		ID   int64  `db:"id"`
		Code string `db:"code"`
	}
	err = s.DB.SelectContext(ctx, &labels, `
		SELECT 'competency' AS kind, id, code FROM competencies WHERE id = ANY($1)
		UNION ALL SELECT 'course', id, code FROM courses WHERE id = ANY($2)
		UNION ALL SELECT 'kpi', id, code FROM kpi_definitions WHERE id = ANY($3)
		UNION ALL SELECT 'position', id, code FROM positions WHERE id = ANY($4)
		UNION ALL SELECT 'team', id, code FROM teams WHERE id = ANY($5)`,
		pq.Array(comps), pq.Array(courses), pq.Array(kpis), pq.Array(positions), pq.Array(teams))
	if err != nil {
		return nil, fmt.Errorf("progression: board CSV: %w", err)
	}
	code := map[string]string{}
	for _, l := range labels {
		code[l.Kind+strconv.FormatInt(l.ID, 10)] = l.Code
	}
	label := func(kind string, id int64) string { return code[kind+strconv.FormatInt(id, 10)] }

	out := [][]string{{"employee_no", "name_en", "name_zh", "team", "position", "move", "aspiration_rank",
		"score", "status", "requirements_met", "competency", "courses", "months_in_position", "performance_rating", "kpi", "top_gaps"}}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	pct := func(f float64) string { return strconv.FormatFloat(100*f, 'f', 0, 64) + "%" }
	for _, r := range rows {
		rd := r.Readiness
		met, count := 0, 0
		lines := map[string]string{}
		for _, l := range rd.Lines {
			met, count = met+l.MetCount, count+l.Count
			switch {
			case l.Kind == LineMonths:
				lines[l.Kind] = num(l.Value) + "/" + num(l.Requirement)
			case l.Kind == LineRating && !l.Known:
				lines[l.Kind] = "?/" + num(l.Requirement)
			case l.Kind == LineRating:
				lines[l.Kind] = num(l.Value) + "/" + num(l.Requirement)
			default:
				lines[l.Kind] = pct(l.Value)
			}
		}
		var gaps []string
		for _, g := range rd.TopGaps[:min(BoardTopGaps, len(rd.TopGaps))] {
			gaps = append(gaps, describeGap(g, label))
		}
		team := ""
		if r.Employee.TeamID.Valid {
			team = label("team", r.Employee.TeamID.Int64)
		}
		rank := ""
		if r.AspirationRank > 0 {
			rank = strconv.Itoa(r.AspirationRank)
		}
		out = append(out, []string{r.Employee.EmployeeNo, r.Employee.NameEN, r.Employee.NameZH, team,
			label("position", r.Employee.PositionID), r.MoveKind, rank, strconv.Itoa(rd.Score), rd.Status,
			fmt.Sprintf("%d/%d", met, count), lines[LineCompetency], lines[LineCourses], lines[LineMonths],
			lines[LineRating], lines[LineKPI], strings.Join(gaps, "; ")})
	}
	return out, nil
}

// describeGap says one gap in a spreadsheet cell: "EMPATHY 2/4",
// "COURSE CS_BASICS", "MONTHS_IN_POSITION 6/12", "KPI CSAT 85/90".
func describeGap(g TopGap, label func(string, int64) string) string {
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	if c := g.Competency; c != nil {
		return fmt.Sprintf("%s %d/%d", label("competency", c.CompetencyID), c.Current, c.Required)
	}
	c := g.Check
	actual := num(c.Actual)
	if !c.Known {
		actual = "?"
	}
	switch c.Kind {
	case ladder.KindCourse, ladder.KindCertification:
		return c.Kind + " " + label("course", c.Requirement.CourseID.Int64)
	case ladder.KindKPI:
		return fmt.Sprintf("KPI %s %s/%s", label("kpi", c.Requirement.KPIID.Int64), actual, num(c.Required))
	}
	return fmt.Sprintf("%s %s/%s", c.Kind, actual, num(c.Required))
}

// Bench is one position's bench strength: who holds it and who could
// succeed them.
type Bench struct {
	PositionID int64
	// HolderIDs are the employees in the position (not offboarded), by id.
	HolderIDs []int64
	// Candidates counts the ACTIVE employees whose position has a move
	// into this one or who aspire to it (holders excepted); ReadyNowIDs and
	// ReadySoonIDs are those READY_NOW and READY_SOON, by id.
	Candidates   int
	ReadyNowIDs  []int64
	ReadySoonIDs []int64
	// NoSuccessorReady is true when no candidate is ready now.
	NoSuccessorReady bool
}

// BenchStrength is the bench strength of every position that is not
// archived, in ladder order (track, level, code). The candidates of a
// position are those of its Board; each is measured by the same Evaluate
// and Assess.
//
// A fixed number of statements for the whole organisation: the positions,
// the moves, the employees, the aspirations, every requirement of every
// position, the policies, and loadFacts once for every candidate (two for
// evidence, one each for completions and ratings, and for KPIs one plus
// one per distinct KPI and window among all requirements).
func (s *Service) BenchStrength(ctx context.Context) ([]*Bench, error) {
	positions, err := s.Ladder.Positions(ctx, 0, false)
	if err != nil {
		return nil, err
	}
	moves, err := s.Ladder.Moves(ctx)
	if err != nil {
		return nil, err
	}
	var emps []*people.Employee
	if err := s.DB.SelectContext(ctx, &emps, `SELECT * FROM employees WHERE status <> 'OFFBOARDED' ORDER BY id`); err != nil {
		return nil, fmt.Errorf("progression: bench: employees: %w", err)
	}
	var aspirations []struct {
		EmployeeID int64 `db:"employee_id"`
		PositionID int64 `db:"position_id"`
	}
	if err := s.DB.SelectContext(ctx, &aspirations, `SELECT employee_id, position_id FROM aspirations`); err != nil {
		return nil, fmt.Errorf("progression: bench: aspirations: %w", err)
	}
	posIDs := make([]int64, len(positions))
	index := make(map[int64]int, len(positions))
	for i, p := range positions {
		posIDs[i], index[p.ID] = p.ID, i
	}
	reqs, err := s.Ladder.RequirementsOf(ctx, posIDs)
	if err != nil {
		return nil, err
	}
	policies, err := s.Policies(ctx)
	if err != nil {
		return nil, err
	}

	// Who is a candidate for what: targets[e] are the positions employee
	// e may move into or aspires to.
	into := map[int64][]int64{}
	for _, m := range moves {
		into[m.FromID] = append(into[m.FromID], m.ToID)
	}
	byID := make(map[int64]*people.Employee, len(emps))
	for _, e := range emps {
		byID[e.ID] = e
	}
	targets := map[int64][]int64{}
	add := func(e *people.Employee, pos int64) {
		if _, ok := index[pos]; ok && e.Status == people.StatusActive && e.PositionID != pos && !slices.Contains(targets[e.ID], pos) {
			targets[e.ID] = append(targets[e.ID], pos)
		}
	}
	for _, e := range emps {
		for _, to := range into[e.PositionID] {
			add(e, to)
		}
	}
	for _, a := range aspirations {
		if e := byID[a.EmployeeID]; e != nil {
			add(e, a.PositionID)
		}
	}
	var cands []*people.Employee
	for _, e := range emps {
		if len(targets[e.ID]) > 0 {
			cands = append(cands, e)
		}
	}
	var all []*ladder.Requirement
	for _, rs := range reqs {
		all = append(all, rs...)
	}
	now := s.Now()
	facts, err := s.loadFacts(ctx, cands, all, now)
	if err != nil {
		return nil, fmt.Errorf("progression: bench: %w", err)
	}

	out := make([]*Bench, len(positions))
	for i, p := range positions {
		out[i] = &Bench{PositionID: p.ID, HolderIDs: []int64{}, ReadyNowIDs: []int64{}, ReadySoonIDs: []int64{}}
	}
	for _, e := range emps {
		if i, ok := index[e.PositionID]; ok {
			out[i].HolderIDs = append(out[i].HolderIDs, e.ID)
		}
	}
	for ci, e := range cands {
		for _, pos := range targets[e.ID] {
			i := index[pos]
			b := out[i]
			b.Candidates++
			switch Assess(Evaluate(facts[ci], pos, reqs[i], now), policies.For(pos)).Status {
			case StatusReadyNow:
				b.ReadyNowIDs = append(b.ReadyNowIDs, e.ID)
			case StatusReadySoon:
				b.ReadySoonIDs = append(b.ReadySoonIDs, e.ID)
			}
		}
	}
	for _, b := range out {
		b.NoSuccessorReady = len(b.ReadyNowIDs) == 0
	}
	return out, nil
}
