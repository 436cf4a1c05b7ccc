package people

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rungs/rungs/internal/clock"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Store reads and writes people. Every read takes the viewer and returns
// only whom they may see.
type Store struct {
	db   *sqlx.DB
	auth *auth.Service
	// Now is the clock for "today" (effective dates); tests replace it.
	Now func() time.Time
}

// NewStore returns a Store over db; auth creates and revokes sign-ins.
func NewStore(db *sqlx.DB, authn *auth.Service) *Store {
	return &Store{db: db, auth: authn, Now: clock.Now}
}

// EmployeesByIDs returns the employees with ids that v may see, in key
// order, nil for ids that do not exist or are hidden from v.
func (s *Store) EmployeesByIDs(ctx context.Context, v *auth.Viewer, ids []int64) ([]*Employee, error) {
	var es []*Employee
	err := s.db.SelectContext(ctx, &es, visibleCTE+`
		SELECT e.* FROM employees e
		WHERE e.id = ANY($3) AND ($2 OR e.id IN (SELECT id FROM visible))`,
		append(viewerArgs(v), pq.Array(ids))...)
	if err != nil {
		return nil, fmt.Errorf("people: employees by id: %w", err)
	}
	return postgres.InKeyOrder(ids, es, func(e *Employee) int64 { return e.ID }), nil
}

// EmployeeByID returns one employee v may see; NOT_FOUND otherwise (whether
// the employee is missing or hidden is not revealed).
func (s *Store) EmployeeByID(ctx context.Context, v *auth.Viewer, id int64) (*Employee, error) {
	es, err := s.EmployeesByIDs(ctx, v, []int64{id})
	if err != nil {
		return nil, err
	}
	if es[0] == nil {
		return nil, notFound("employee", id)
	}
	return es[0], nil
}

// Employees returns a page of the employees v may see that match f, ordered
// by English name then id, starting after the cursor. One statement: the
// total comes from a window over the same rows.
func (s *Store) Employees(ctx context.Context, v *auth.Viewer, f Filter, first int, after *Cursor) (*Page, error) {
	args := viewerArgs(v)
	where := []string{"($2 OR e.id IN (SELECT id FROM visible))"}
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.TeamID != 0 {
		add("e.team_id = ?", f.TeamID)
	}
	if f.ManagerID != 0 {
		add("e.manager_id = ?", f.ManagerID)
	}
	if f.PositionID != 0 {
		add("e.position_id = ?", f.PositionID)
	}
	if f.Status != "" {
		add("e.status = ?", f.Status)
	} else {
		where = append(where, "e.status <> 'OFFBOARDED'")
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		// One argument, used in all four places.
		add(`(e.name_en ILIKE ? OR e.name_zh ILIKE ? OR e.employee_no ILIKE ? OR e.email ILIKE ?)`, "%"+escapeLike(t)+"%")
	}
	// The total ignores the cursor; the page applies it.
	matched := visibleCTE + `, matched AS (
		SELECT e.*, count(*) OVER () AS total FROM employees e
		WHERE ` + strings.Join(where, " AND ") + `
	)`
	countArgs := args
	cursorCond := "true"
	if after != nil {
		args = append(args, after.Name, after.ID)
		cursorCond = fmt.Sprintf("(name_en, id) > ($%d, $%d)", len(args)-1, len(args))
	}
	args = append(args, first+1)
	q := matched + `
	SELECT * FROM matched WHERE ` + cursorCond + `
	ORDER BY name_en, id
	LIMIT $` + fmt.Sprint(len(args))

	var rows []struct {
		Employee
		Total int `db:"total"`
	}
	if err := s.db.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("people: employees: %w", err)
	}
	page := &Page{Employees: []*Employee{}}
	if len(rows) > 0 {
		page.Total = rows[0].Total
	} else if after != nil {
		// Past the last page the window has no row to ride on; an empty
		// page still owes the total.
		if err := s.db.GetContext(ctx, &page.Total, matched+` SELECT count(*) FROM matched`, countArgs...); err != nil {
			return nil, fmt.Errorf("people: count employees: %w", err)
		}
	}
	for i := range rows {
		if i == first {
			page.HasNextPage = true
			break
		}
		page.Employees = append(page.Employees, &rows[i].Employee)
	}
	return page, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// TeamMembers returns, for each team in teamIDs, a page of the members v may
// see (not offboarded), by English name. One statement for all teams: rows
// are numbered per team and cut at first+1.
func (s *Store) TeamMembers(ctx context.Context, v *auth.Viewer, teamIDs []int64, first int, after *Cursor) ([]*Page, error) {
	args := append(viewerArgs(v), pq.Array(teamIDs), first+1)
	cursorCond := "true"
	if after != nil {
		args = append(args, after.Name, after.ID)
		cursorCond = "(e.name_en, e.id) > ($5, $6)"
	}
	var rows []struct {
		Employee
		Total int `db:"total"`
		N     int `db:"n"`
	}
	err := s.db.SelectContext(ctx, &rows, visibleCTE+`, members AS (
		SELECT e.*, count(*) OVER (PARTITION BY e.team_id) AS total
		FROM employees e
		WHERE e.team_id = ANY($3) AND e.status <> 'OFFBOARDED'
		  AND ($2 OR e.id IN (SELECT id FROM visible))
	), paged AS (
		SELECT e.*, row_number() OVER (PARTITION BY e.team_id ORDER BY e.name_en, e.id) AS n
		FROM members e WHERE `+cursorCond+`
	)
	SELECT * FROM paged WHERE n <= $4 ORDER BY team_id, n`, args...)
	if err != nil {
		return nil, fmt.Errorf("people: team members: %w", err)
	}
	byTeam := make(map[int64]*Page, len(teamIDs))
	for i := range rows {
		r := &rows[i]
		p := byTeam[r.TeamID.Int64]
		if p == nil {
			p = &Page{Total: r.Total}
			byTeam[r.TeamID.Int64] = p
		}
		if r.N > first {
			p.HasNextPage = true
			continue
		}
		p.Employees = append(p.Employees, &r.Employee)
	}
	out := make([]*Page, len(teamIDs))
	for i, id := range teamIDs {
		if out[i] = byTeam[id]; out[i] == nil {
			out[i] = &Page{Employees: []*Employee{}}
		}
	}
	return out, nil
}

// ReportsOf returns the direct reports (not offboarded) of each manager, by
// English name. Reports are in the manager's subtree, so whoever may see the
// manager as their own line sees them; for anyone else the same visibility
// rule applies.
func (s *Store) ReportsOf(ctx context.Context, v *auth.Viewer, managerIDs []int64) ([][]*Employee, error) {
	var es []*Employee
	err := s.db.SelectContext(ctx, &es, visibleCTE+`
		SELECT e.* FROM employees e
		WHERE e.manager_id = ANY($3) AND e.status <> 'OFFBOARDED'
		  AND ($2 OR e.id IN (SELECT id FROM visible))
		ORDER BY e.name_en, e.id`, append(viewerArgs(v), pq.Array(managerIDs))...)
	if err != nil {
		return nil, fmt.Errorf("people: reports: %w", err)
	}
	return postgres.GroupByKey(managerIDs, es, func(e *Employee) int64 { return e.ManagerID.Int64 }), nil
}

// EventsOf returns each employee's history, oldest first. Callers pass only
// employees the viewer may see.
func (s *Store) EventsOf(ctx context.Context, employeeIDs []int64) ([][]*Event, error) {
	var evs []*Event
	err := s.db.SelectContext(ctx, &evs, `
		SELECT * FROM employee_events WHERE employee_id = ANY($1)
		ORDER BY employee_id, effective_on, id`, pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("people: history: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, evs, func(e *Event) int64 { return e.EmployeeID }), nil
}

// RolesOf returns the access roles of each employee (empty for those who
// cannot sign in).
func (s *Store) RolesOf(ctx context.Context, employeeIDs []int64) ([][]auth.Role, error) {
	var rows []struct {
		EmployeeID int64  `db:"employee_id"`
		Role       string `db:"role"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT employee_id, role FROM user_roles WHERE employee_id = ANY($1)
		ORDER BY employee_id, array_position(ARRAY['EMPLOYEE','TRAINER','MANAGER','HR','ADMIN'], role)`,
		pq.Array(employeeIDs))
	if err != nil {
		return nil, fmt.Errorf("people: roles: %w", err)
	}
	byID := make(map[int64][]auth.Role)
	for _, r := range rows {
		byID[r.EmployeeID] = append(byID[r.EmployeeID], auth.Role(r.Role))
	}
	out := make([][]auth.Role, len(employeeIDs))
	for i, id := range employeeIDs {
		out[i] = byID[id]
		if out[i] == nil {
			out[i] = []auth.Role{}
		}
	}
	return out, nil
}

// Teams lists every team by code.
func (s *Store) Teams(ctx context.Context) ([]*Team, error) {
	var ts []*Team
	if err := s.db.SelectContext(ctx, &ts, `SELECT * FROM teams ORDER BY code`); err != nil {
		return nil, fmt.Errorf("people: teams: %w", err)
	}
	return ts, nil
}

// TeamsByIDs returns the teams with ids in key order, nil where none exists.
func (s *Store) TeamsByIDs(ctx context.Context, ids []int64) ([]*Team, error) {
	var ts []*Team
	if err := s.db.SelectContext(ctx, &ts, `SELECT * FROM teams WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("people: teams by id: %w", err)
	}
	return postgres.InKeyOrder(ids, ts, func(t *Team) int64 { return t.ID }), nil
}

// TeamByID returns one team or NOT_FOUND.
func (s *Store) TeamByID(ctx context.Context, id int64) (*Team, error) {
	ts, err := s.TeamsByIDs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if ts[0] == nil {
		return nil, notFound("team", id)
	}
	return ts[0], nil
}

// ManagedBy reports, for each id, whether managerID manages that employee
// through the reporting line (directly or further down). One statement for
// any number of ids.
func (s *Store) ManagedBy(ctx context.Context, managerID int64, ids []int64) ([]bool, error) {
	var below []int64
	err := s.db.SelectContext(ctx, &below, `
		WITH RECURSIVE below (id) AS (
			SELECT id FROM employees WHERE manager_id = $1
			UNION
			SELECT e.id FROM employees e JOIN below b ON e.manager_id = b.id
		)
		SELECT id FROM below WHERE id = ANY($2)`, managerID, pq.Array(ids))
	if err != nil {
		return nil, fmt.Errorf("people: managed by: %w", err)
	}
	set := make(map[int64]bool, len(below))
	for _, id := range below {
		set[id] = true
	}
	out := make([]bool, len(ids))
	for i, id := range ids {
		out[i] = set[id]
	}
	return out, nil
}

// Name is the part of an employee shown without the visibility rule: who
// owns a course or teaches a session is a name in the catalogue, and the
// learner on a record of one's own course, session or test is named on it
// (see the package comment in access.go), not a record of its own.
type Name struct {
	ID         int64  `db:"id"`
	EmployeeNo string `db:"employee_no"`
	NameEN     string `db:"name_en"`
	NameZH     string `db:"name_zh"`
}

// NamesByIDs returns the names of employees, in key order (nil for unknown
// ids), without the visibility filter: callers use it only for people who
// act in public roles (course owners, session trainers) and for the
// learners on records the viewer was already allowed to read.
func (s *Store) NamesByIDs(ctx context.Context, ids []int64) ([]*Name, error) {
	var ns []*Name
	err := s.db.SelectContext(ctx, &ns, `SELECT id, employee_no, name_en, name_zh FROM employees WHERE id = ANY($1)`, pq.Array(ids))
	if err != nil {
		return nil, fmt.Errorf("people: names: %w", err)
	}
	return postgres.InKeyOrder(ids, ns, func(n *Name) int64 { return n.ID }), nil
}
