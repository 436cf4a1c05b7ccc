package kpi

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/internal/daterange"
	"github.com/rungs/rungs/postgres"
)

// Limits of one import file. A month of KPIs for a large contact centre is
// a few thousand rows; the limits stop a wrong file (a raw contact log)
// from tying up the server.
const (
	MaxImportBytes = 5 << 20
	MaxImportRows  = 100_000
	// maxProblems caps the problems listed in one error: a file that is
	// wrong throughout says so in its first thousand lines.
	maxProblems = 1000
)

// Columns are the columns of an import file, in any order, each exactly once.
var Columns = []string{"employee_no", "kpi", "period_start", "period_end", "value", "volume"}

// ImportResult tells what an import wrote.
type ImportResult struct {
	ImportID int64
	// Rows is the number of records written: Inserted new ones plus
	// Replaced ones (a period imported before).
	Rows     int
	Inserted int
	Replaced int
	// Evidence is the number of competency_evidence rows written.
	Evidence int
}

// Import reads a KPI file (CSV, UTF-8, header row employee_no, kpi,
// period_start, period_end, value, volume in any order) and stores its
// records. HR and admins may import; the command line passes a viewer with
// the ADMIN role and EmployeeID 0, recorded as no importer.
//
// Every row is checked before anything is written, and every problem is
// reported with its line (the header is line 1) and column in one
// BAD_USER_INPUT error (key kpi.import.invalid, Details one FieldError per
// problem, Field "line 7: value"). A file without problems is written in
// one transaction: records upserted (a period imported again is
// replaced), the import recorded, and KPI evidence added for every
// competency threshold a record meets.
func (s *Store) Import(ctx context.Context, by *auth.Viewer, filename string, r io.Reader) (*ImportResult, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if !by.Has(auth.RoleHR, auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "kpi.import.forbidden", "only HR and admins may import KPIs")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("kpi: import: read: %w", err)
	}
	if len(data) > MaxImportBytes {
		return nil, rungs.Errorf(rungs.ErrBadUserInput, "kpi.import.too_large",
			"the file is larger than %d MB: split it, by month for instance", MaxImportBytes>>20)
	}
	if !utf8.Valid(data) {
		return nil, rungs.Errorf(rungs.ErrBadUserInput, "kpi.import.encoding", "the file is not UTF-8 text: save it as CSV UTF-8")
	}
	// Spreadsheets saving "CSV UTF-8" put a byte-order mark first.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))

	rows, probs, err := parse(data, s.Now())
	if err != nil {
		return nil, err
	}
	filename = strings.TrimSpace(filename)
	if n := len([]rune(filename)); n > 255 {
		filename = string([]rune(filename)[n-255:])
	}

	var res ImportResult
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The lookups run in the transaction that writes, so what was
		// checked is what is written on.
		if err := resolve(ctx, tx, rows, &probs); err != nil {
			return err
		}
		if err := probs.err(); err != nil {
			return err
		}
		return s.write(ctx, tx, by, filename, rows, &res)
	})
	if err != nil {
		var re *rungs.Error
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, fmt.Errorf("kpi: import: %w", err)
	}
	return &res, nil
}

// row is one data line of a file.
type row struct {
	line       int
	employeeNo string
	kpi        string
	start, end time.Time
	startOK    bool // start parsed
	datesOK    bool // both dates parsed and form one period
	value      float64
	valueText  string
	valueOK    bool
	volume     int64
	broken     bool // a problem of its own: not written, not looked at further

	employeeID int64
	def        *Definition
}

// problem is one thing wrong with a file.
type problem struct {
	line   int
	column string // "" for the whole line
	key    string
	msg    string
}

type problems []problem

func (ps *problems) add(line int, column, key, format string, args ...any) {
	*ps = append(*ps, problem{line, column, key, fmt.Sprintf(format, args...)})
}

// err returns nil without problems, else the kpi.import.invalid error
// listing them by line and column.
func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	// Within a line, problems follow the canonical column order; unknown
	// header columns come after the known ones.
	rank := func(column string) int {
		if column == "" {
			return -1
		}
		for i, c := range Columns {
			if c == column {
				return i
			}
		}
		return len(Columns)
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].line != ps[j].line {
			return ps[i].line < ps[j].line
		}
		return rank(ps[i].column) < rank(ps[j].column)
	})
	lines := map[int]bool{}
	for _, p := range ps {
		lines[p.line] = true
	}
	shown := ps
	if len(shown) > maxProblems {
		shown = shown[:maxProblems]
	}
	details := make([]*rungs.Error, len(shown))
	for i, p := range shown {
		field := fmt.Sprintf("line %d", p.line)
		if p.column != "" {
			field += ": " + p.column
		}
		details[i] = rungs.FieldError(field, p.key, "%s", p.msg)
	}
	msg := fmt.Sprintf("the file has %d problem(s) on %d line(s); nothing was imported", len(ps), len(lines))
	if len(ps) > len(shown) {
		msg += fmt.Sprintf(" (the first %d are listed)", len(shown))
	}
	return &rungs.Error{Code: rungs.ErrBadUserInput, Key: "kpi.import.invalid", Message: msg, Details: details}
}

// parse reads the header and every data row, checking what can be checked
// without the database (dates against the day of now). A file it cannot
// read at all (empty, too many rows, a bad header) is an error; problems of
// single rows are collected.
func parse(data []byte, now time.Time) ([]*row, problems, error) {
	today := now.UTC().Truncate(24 * time.Hour)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // a wrong column count is a problem of that row, reported with the rest
	cr.TrimLeadingSpace = true

	var probs problems
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, rungs.Errorf(rungs.ErrBadUserInput, "kpi.import.empty", "the file is empty: it needs a header row %s", strings.Join(Columns, ","))
	}
	if err != nil {
		probs.add(csvLine(err, 1), "", "kpi.import.row.malformed", "%s", csvMessage(err))
		return nil, nil, probs.err()
	}
	idx := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		switch _, dup := idx[name]; {
		case !isColumn(name):
			probs.add(1, h, "kpi.import.header.unknown", "unknown column %q: the columns are %s", h, strings.Join(Columns, ", "))
		case dup:
			probs.add(1, name, "kpi.import.header.duplicate", "column %s appears twice", name)
		default:
			idx[name] = i
		}
	}
	for _, c := range Columns {
		if _, ok := idx[c]; !ok {
			probs.add(1, c, "kpi.import.header.missing", "column %s is missing", c)
		}
	}
	if len(probs) > 0 {
		return nil, nil, probs.err()
	}

	var rows []*row
	seen := map[string]int{} // employee|kpi|start -> line
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if len(rows) >= MaxImportRows {
			return nil, nil, rungs.Errorf(rungs.ErrBadUserInput, "kpi.import.too_many_rows",
				"the file has more than %d rows: split it, by month for instance", MaxImportRows)
		}
		if err != nil {
			line := csvLine(err, 0)
			probs.add(line, "", "kpi.import.row.malformed", "%s", csvMessage(err))
			rows = append(rows, &row{line: line, broken: true})
			continue
		}
		line, _ := cr.FieldPos(0)
		rw := &row{line: line}
		rows = append(rows, rw)
		if len(rec) != len(header) {
			probs.add(line, "", "kpi.import.row.columns", "the line has %d column(s), the header %d", len(rec), len(header))
			rw.broken = true
			continue
		}
		parseRow(rw, func(c string) string { return strings.TrimSpace(rec[idx[c]]) }, today, &probs)
		if rw.employeeNo != "" && rw.kpi != "" && rw.startOK {
			key := rw.employeeNo + "|" + rw.kpi + "|" + rw.start.Format(time.DateOnly)
			if first, dup := seen[key]; dup {
				probs.add(line, "period_start", "kpi.import.row.duplicate",
					"the same employee, KPI and period as line %d", first)
				rw.broken = true
			} else {
				seen[key] = line
			}
		}
	}
	if len(rows) == 0 {
		return nil, nil, rungs.Errorf(rungs.ErrBadUserInput, "kpi.import.no_rows", "the file has a header but no rows")
	}
	overlapsInFile(rows, &probs)
	return rows, probs, nil
}

func isColumn(name string) bool {
	for _, c := range Columns {
		if c == name {
			return true
		}
	}
	return false
}

// csvLine is the line a CSV syntax error is on, or def.
func csvLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	return def
}

func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "the line is not valid CSV: " + pe.Err.Error()
	}
	return "the line is not valid CSV"
}

// parseRow checks the fields of one row that need no database.
//
// A period lies within daterange.Earliest (1990-01-01) and the end of the
// current month: the running month may be imported as it stands (importing
// it again replaces it), a later one has no results yet, and a period in
// year 9999 would make evidence that never goes stale. This is tighter than
// the ten years ahead GraphQL dates may reach.
func parseRow(rw *row, get func(string) string, today time.Time, probs *problems) {
	y, m, _ := today.Date()
	monthEnd := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	line := rw.line
	rw.employeeNo = strings.ToUpper(get("employee_no"))
	if rw.employeeNo == "" {
		probs.add(line, "employee_no", "kpi.import.employee.required", "the employee number is missing")
	}
	rw.kpi = strings.ToUpper(get("kpi"))
	if rw.kpi == "" {
		probs.add(line, "kpi", "kpi.import.kpi.required", "the KPI code is missing")
	}

	// ok says whether the date parsed: 0001-01-01 is a date (refused by
	// the range below), not a missing one.
	date := func(col string) (time.Time, bool) {
		s := get(col)
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			probs.add(line, col, "kpi.import.date.invalid", "%q is not a date: write it as YYYY-MM-DD", s)
			return time.Time{}, false
		}
		return d, true
	}
	var endOK bool
	rw.start, rw.startOK = date("period_start")
	rw.end, endOK = date("period_end")
	switch {
	case !rw.startOK || !endOK:
	case rw.start.Before(daterange.Earliest):
		probs.add(line, "period_start", "kpi.import.date.range", "the period starts on %s, before %s, the earliest date accepted",
			rw.start.Format(time.DateOnly), daterange.Earliest.Format(time.DateOnly))
	case rw.end.After(monthEnd):
		probs.add(line, "period_end", "kpi.import.date.range", "the period ends on %s, after the current month (%s): it has no results yet",
			rw.end.Format(time.DateOnly), monthEnd.Format(time.DateOnly))
	case rw.end.Before(rw.start):
		probs.add(line, "period_end", "kpi.import.period.order", "the period ends (%s) before it starts (%s)",
			rw.end.Format(time.DateOnly), rw.start.Format(time.DateOnly))
	case rw.start.Day() != 1:
		probs.add(line, "period_start", "kpi.import.period.shape", "a period starts on the first day of a month")
	case !rw.end.Equal(rw.start.AddDate(0, 1, -1)) && !rw.end.Equal(rw.start.AddDate(0, 3, -1)):
		// Only whole months and quarters, so periods of one employee and
		// KPI never partly overlap and volume weighting stays meaningful.
		probs.add(line, "period_end", "kpi.import.period.shape", "a period is one calendar month or three (a quarter): it ends on %s or %s",
			rw.start.AddDate(0, 1, -1).Format(time.DateOnly), rw.start.AddDate(0, 3, -1).Format(time.DateOnly))
	default:
		rw.datesOK = true
	}

	rw.valueText = get("value")
	v, err := strconv.ParseFloat(rw.valueText, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		probs.add(line, "value", "kpi.import.value.invalid", "%q is not a number (percentages as 0–100, without %%)", rw.valueText)
	} else {
		rw.value, rw.valueOK = v, true
	}

	vol := get("volume")
	n, err := strconv.ParseInt(vol, 10, 32)
	if err != nil || n <= 0 {
		probs.add(line, "volume", "kpi.import.volume.invalid", "%q is not a positive whole number of contacts", vol)
	} else {
		rw.volume = n
	}
}

// overlapsInFile reports rows whose period overlaps that of an earlier row
// of the same employee and KPI with another start (a month inside a
// quarter): both would count in an aggregate.
func overlapsInFile(rows []*row, probs *problems) {
	groups := map[string][]*row{}
	for _, r := range rows {
		if r.datesOK && !r.broken && r.employeeNo != "" && r.kpi != "" {
			k := r.employeeNo + "|" + r.kpi
			groups[k] = append(groups[k], r)
		}
	}
	for _, g := range groups {
		sort.Slice(g, func(i, j int) bool { return g[i].start.Before(g[j].start) })
		var last *row // the row reaching furthest so far
		for _, r := range g {
			if last != nil && !r.start.After(last.end) {
				probs.add(r.line, "period_start", "kpi.import.period.overlap",
					"the period overlaps the one on line %d", last.line)
				r.broken = true
			}
			if last == nil || r.end.After(last.end) {
				last = r
			}
		}
	}
}

// resolve looks up employee numbers and KPI codes, checks values against
// their KPI's unit and periods against records already stored.
func resolve(ctx context.Context, q sqlx.QueryerContext, rows []*row, probs *problems) error {
	var nos []string
	for _, r := range rows {
		if r.employeeNo != "" {
			nos = append(nos, r.employeeNo)
		}
	}
	var emps []struct {
		No string `db:"employee_no"`
		ID int64  `db:"id"`
	}
	if err := sqlx.SelectContext(ctx, q, &emps, `SELECT employee_no, id FROM employees WHERE employee_no = ANY($1)`, pq.Array(nos)); err != nil {
		return fmt.Errorf("employees: %w", err)
	}
	empID := make(map[string]int64, len(emps))
	for _, e := range emps {
		empID[e.No] = e.ID
	}
	var defs []*Definition
	if err := sqlx.SelectContext(ctx, q, &defs, `SELECT `+definitionColumns+` FROM kpi_definitions`); err != nil {
		return fmt.Errorf("definitions: %w", err)
	}
	byCode := make(map[string]*Definition, len(defs))
	for _, d := range defs {
		byCode[d.Code] = d
	}

	var (
		lines       []int
		ids, kpiIDs []int64
		starts, end []string
	)
	for _, r := range rows {
		if r.broken {
			continue
		}
		if r.employeeNo != "" {
			if r.employeeID = empID[r.employeeNo]; r.employeeID == 0 {
				probs.add(r.line, "employee_no", "kpi.import.employee.unknown", "no employee has the number %s", r.employeeNo)
			}
		}
		if r.kpi != "" {
			if r.def = byCode[r.kpi]; r.def == nil {
				probs.add(r.line, "kpi", "kpi.import.kpi.unknown", "unknown KPI %s: the KPIs are %s", r.kpi, codes(defs))
			}
		}
		if r.def != nil && r.valueOK {
			if lo, hi := r.def.Range(); r.value < lo || r.value > hi {
				probs.add(r.line, "value", "kpi.import.value.range", "%s is outside %s's range %g to %g (%s)",
					r.valueText, r.def.Code, lo, hi, strings.ToLower(r.def.Unit))
			}
		}
		if r.employeeID != 0 && r.def != nil && r.datesOK {
			lines = append(lines, r.line)
			ids = append(ids, r.employeeID)
			kpiIDs = append(kpiIDs, r.def.ID)
			starts = append(starts, r.start.Format(time.DateOnly))
			end = append(end, r.end.Format(time.DateOnly))
		}
	}

	// A period overlapping a stored one with another start (a quarter
	// over stored months) would be counted twice by every aggregate.
	var clashes []struct {
		Line  int       `db:"line"`
		Start time.Time `db:"period_start"`
		End   time.Time `db:"period_end"`
	}
	err := sqlx.SelectContext(ctx, q, &clashes, `
		SELECT DISTINCT ON (f.line) f.line, r.period_start, r.period_end
		FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::date[], $5::date[]) AS f (line, employee_id, kpi_id, period_start, period_end)
		JOIN kpi_records r ON r.employee_id = f.employee_id AND r.kpi_id = f.kpi_id
		     AND r.period_start <> f.period_start AND r.period_start <= f.period_end AND r.period_end >= f.period_start
		ORDER BY f.line, r.period_start`,
		pq.Array(lines), pq.Array(ids), pq.Array(kpiIDs), pq.Array(starts), pq.Array(end))
	if err != nil {
		return fmt.Errorf("overlaps: %w", err)
	}
	for _, c := range clashes {
		probs.add(c.Line, "period_start", "kpi.import.period.overlap", "the period overlaps the stored period %s to %s",
			c.Start.Format(time.DateOnly), c.End.Format(time.DateOnly))
	}
	return nil
}

func codes(defs []*Definition) string {
	cs := make([]string, len(defs))
	for i, d := range defs {
		cs[i] = d.Code
	}
	return strings.Join(cs, ", ")
}

// write stores a checked file in one statement: the import, the records
// and the evidence.
func (s *Store) write(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, filename string, rows []*row, res *ImportResult) error {
	n := len(rows)
	emps, kpis := make([]int64, n), make([]int64, n)
	starts, ends, values := make([]string, n), make([]string, n), make([]string, n)
	vols := make([]int64, n)
	for i, r := range rows {
		emps[i], kpis[i] = r.employeeID, r.def.ID
		starts[i], ends[i] = r.start.Format(time.DateOnly), r.end.Format(time.DateOnly)
		// The shortest decimal that parses back to the value: numeric gets
		// 85.3, not the binary neighbour float8 would hand it.
		values[i] = strconv.FormatFloat(r.value, 'f', -1, 64)
		vols[i] = r.volume
	}
	var out struct {
		ImportID int64 `db:"import_id"`
		Inserted int   `db:"inserted"`
		Replaced int   `db:"replaced"`
		Evidence int   `db:"evidence"`
	}
	// Evidence: per record and competency the highest level whose
	// threshold the value meets (>= or <= by the KPI's direction), for
	// competencies alive in the published framework. A re-import that
	// leaves a record's level and score as its last evidence says adds
	// nothing, so importing the same file twice does not double evidence.
	err := tx.GetContext(ctx, &out, `
		WITH imp AS (
			INSERT INTO kpi_imports (filename, imported_by, rows, created_at)
			VALUES ($1, NULLIF($2::bigint, 0), $3, $4) RETURNING id
		), up AS (
			INSERT INTO kpi_records (employee_id, kpi_id, period_start, period_end, value, volume, source, import_id, created_at, updated_at)
			SELECT f.employee_id, f.kpi_id, f.period_start, f.period_end, f.value, f.volume, 'IMPORT', imp.id, $4, $4
			FROM unnest($5::bigint[], $6::bigint[], $7::date[], $8::date[], $9::numeric[], $10::int[])
			     AS f (employee_id, kpi_id, period_start, period_end, value, volume)
			CROSS JOIN imp
			ON CONFLICT (employee_id, kpi_id, period_start) DO UPDATE
			SET period_end = EXCLUDED.period_end, value = EXCLUDED.value, volume = EXCLUDED.volume,
			    source = EXCLUDED.source, import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at
			RETURNING id, employee_id, kpi_id, period_end, value, (xmax = 0) AS inserted
		), best AS (
			SELECT DISTINCT ON (u.id, l.competency_id)
			       u.id, u.employee_id, u.period_end, u.value, d.code, l.competency_id, l.level
			FROM up u
			JOIN kpi_definitions d ON d.id = u.kpi_id
			JOIN kpi_competency_levels l ON l.kpi_id = u.kpi_id
			WHERE CASE d.direction WHEN 'LOWER_IS_BETTER' THEN u.value <= l.threshold ELSE u.value >= l.threshold END
			ORDER BY u.id, l.competency_id, l.level DESC
		), ev AS (
			INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source,
				instrument, score, ref_id, observed_on, assessor_id, comment)
			SELECT b.employee_id, b.competency_id, f.id, least(b.level, f.max_level), 'KPI',
			       b.code, b.value, b.id, b.period_end, NULL, ''
			FROM best b
			JOIN frameworks f ON f.status = 'PUBLISHED'
			JOIN competency_versions v ON v.framework_id = f.id AND v.competency_id = b.competency_id AND NOT v.archived
			WHERE NOT EXISTS (
				SELECT 1 FROM (
					SELECT e.framework_id, e.level, e.score, e.observed_on FROM competency_evidence e
					WHERE e.employee_id = b.employee_id AND e.competency_id = b.competency_id
					  AND e.instrument = b.code AND e.source = 'KPI' AND e.ref_id = b.id
					ORDER BY e.id DESC LIMIT 1
				) last
				WHERE last.framework_id = f.id AND last.level = least(b.level, f.max_level)
				  AND last.score = round(b.value, 2) AND last.observed_on = b.period_end)
			RETURNING id
		)
		SELECT (SELECT id FROM imp) AS import_id,
		       count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS replaced,
		       (SELECT count(*) FROM ev) AS evidence
		FROM up`,
		filename, by.EmployeeID, n, s.Now(),
		pq.Array(emps), pq.Array(kpis), pq.Array(starts), pq.Array(ends), pq.Array(values), pq.Array(vols))
	if err != nil {
		return postgres.Translate(err, "KPI import")
	}
	*res = ImportResult{ImportID: out.ImportID, Rows: out.Inserted + out.Replaced,
		Inserted: out.Inserted, Replaced: out.Replaced, Evidence: out.Evidence}
	return nil
}
