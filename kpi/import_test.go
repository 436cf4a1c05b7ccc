package kpi_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/kpi"
)

// storedRecord is a kpi_records row as the tests check it.
type storedRecord struct {
	ID       int64         `db:"id"`
	Value    float64       `db:"value"`
	Volume   int           `db:"volume"`
	End      time.Time     `db:"period_end"`
	Source   string        `db:"source"`
	ImportID sql.NullInt64 `db:"import_id"`
}

func (f *fixture) stored(t *testing.T, employee int64, code string, start time.Time) storedRecord {
	t.Helper()
	var r storedRecord
	f.get(t, &r, `
		SELECT r.id, r.value::float8 AS value, r.volume, r.period_end, r.source, r.import_id
		FROM kpi_records r JOIN kpi_definitions d ON d.id = r.kpi_id
		WHERE r.employee_id = $1 AND d.code = $2 AND r.period_start = $3`, employee, code, start)
	return r
}

// evidence is a KPI competency_evidence row as the tests check it.
type evidence struct {
	Employee   int64         `db:"employee_id"`
	Competency int64         `db:"competency_id"`
	Framework  int64         `db:"framework_id"`
	Level      int           `db:"level"`
	Instrument string        `db:"instrument"`
	Score      float64       `db:"score"`
	RefID      int64         `db:"ref_id"`
	ObservedOn time.Time     `db:"observed_on"`
	Assessor   sql.NullInt64 `db:"assessor_id"`
}

func (f *fixture) evidence(t *testing.T) []evidence {
	t.Helper()
	var ev []evidence
	if err := f.db.Select(&ev, `
		SELECT employee_id, competency_id, framework_id, level, instrument, score::float8 AS score, ref_id,
		       observed_on, assessor_id
		FROM competency_evidence WHERE source = 'KPI' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	for i := range ev {
		ev[i].ObservedOn = ev[i].ObservedOn.UTC()
	}
	return ev
}

func TestImport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	jan, feb, q1 := months(time.January, 1), months(time.February, 1), months(time.January, 3)
	name := fmt.Sprintf("%d-01.csv", year)
	// Columns in another order, spaces and capitals in the header, a
	// byte-order mark, a lower-case KPI code: all accepted.
	res, err := f.store.Import(ctx, f.hr.v, name, file(
		"\uFEFF KPI ,Employee_No,volume,period_start,period_end,value",
		"CSAT,"+f.agent.no+",120,"+jan+",86.5",
		"AHT,"+f.agent.no+",300,"+jan+",330",
		"AHT,"+f.agent2.no+",200,"+q1+",290",
		"CSAT,"+f.agent2.no+",80,"+feb+",70",
		"fcr,"+f.agent.no+",100,"+jan+",75.25",
	))
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 5 || res.Inserted != 5 || res.Replaced != 0 || res.Evidence != 3 || res.ImportID == 0 {
		t.Fatalf("result = %+v, want 5 rows inserted and 3 evidence", res)
	}
	var imp struct {
		Filename string        `db:"filename"`
		By       sql.NullInt64 `db:"imported_by"`
		Rows     int           `db:"rows"`
	}
	f.get(t, &imp, `SELECT filename, imported_by, rows FROM kpi_imports WHERE id = $1`, res.ImportID)
	if imp.Filename != name || imp.By.Int64 != f.hr.id || imp.Rows != 5 {
		t.Errorf("import = %+v", imp)
	}

	csat := f.stored(t, f.agent.id, "CSAT", day(0, 1, 1))
	aht := f.stored(t, f.agent.id, "AHT", day(0, 1, 1))
	quarter := f.stored(t, f.agent2.id, "AHT", day(0, 1, 1))
	fcr := f.stored(t, f.agent.id, "FCR", day(0, 1, 1))
	if csat.Value != 86.5 || csat.Volume != 120 || !csat.End.Equal(day(0, 1, 31)) || csat.Source != kpi.SourceImport || csat.ImportID.Int64 != res.ImportID {
		t.Errorf("CSAT record = %+v", csat)
	}
	if quarter.Value != 290 || !quarter.End.Equal(day(0, 3, 31)) {
		t.Errorf("quarter record = %+v", quarter)
	}
	if fcr.Value != 75.25 {
		t.Errorf("FCR value = %v, want 75.25", fcr.Value)
	}

	// CSAT 86.5 meets 80 and 85, not 92: level 3. AHT 330 is at most 420
	// and 360, not 300: level 3; 290 is at most 300 too: level 4. CSAT 70
	// meets nothing; OLD is archived in the published framework.
	want := []evidence{
		{f.agent.id, f.service, f.framework, 3, "CSAT", 86.5, csat.ID, day(0, 1, 31), sql.NullInt64{}},
		{f.agent.id, f.efficiency, f.framework, 3, "AHT", 330, aht.ID, day(0, 1, 31), sql.NullInt64{}},
		{f.agent2.id, f.efficiency, f.framework, 4, "AHT", 290, quarter.ID, day(0, 3, 31), sql.NullInt64{}},
	}
	got := f.evidence(t)
	if fmt.Sprint(sortEvidence(got)) != fmt.Sprint(sortEvidence(want)) {
		t.Fatalf("evidence =\n%+v\nwant\n%+v", got, want)
	}

	// A re-import of the same period replaces the record in place; only a
	// changed level or score adds evidence.
	fixed := fmt.Sprintf("%d-01-fixed.csv", year)
	res2, err := f.store.Import(ctx, f.admin.v, fixed, file(
		"employee_no,kpi,period_start,period_end,value,volume",
		f.agent.no+",CSAT,"+jan+",93,130",
		f.agent.no+",AHT,"+jan+",330,300",
	))
	if err != nil {
		t.Fatal(err)
	}
	if res2.Rows != 2 || res2.Inserted != 0 || res2.Replaced != 2 || res2.Evidence != 1 {
		t.Fatalf("re-import = %+v, want 2 replaced and 1 evidence", res2)
	}
	csat2 := f.stored(t, f.agent.id, "CSAT", day(0, 1, 1))
	if csat2.ID != csat.ID || csat2.Value != 93 || csat2.Volume != 130 || csat2.ImportID.Int64 != res2.ImportID {
		t.Errorf("re-imported CSAT = %+v, want record %d with 93 over 130 from import %d", csat2, csat.ID, res2.ImportID)
	}
	got = f.evidence(t)
	if len(got) != 4 {
		t.Fatalf("evidence after re-import: %d rows, want 4", len(got))
	}
	if last := got[3]; last.Competency != f.service || last.Level != 4 || last.Score != 93 || last.RefID != csat.ID {
		t.Errorf("new evidence = %+v, want CUSTOMER_SERVICE level 4 from record %d", last, csat.ID)
	}

	// The same file once more writes no evidence at all.
	res3, err := f.store.Import(ctx, f.admin.v, fixed, file(
		"employee_no,kpi,period_start,period_end,value,volume",
		f.agent.no+",CSAT,"+jan+",93,130",
		f.agent.no+",AHT,"+jan+",330,300",
	))
	if err != nil {
		t.Fatal(err)
	}
	if res3.Evidence != 0 || res3.Replaced != 2 {
		t.Errorf("identical re-import = %+v, want 2 replaced and no evidence", res3)
	}
}

func sortEvidence(ev []evidence) []evidence {
	out := append([]evidence(nil), ev...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].RefID != out[j].RefID {
			return out[i].RefID < out[j].RefID
		}
		return out[i].Competency < out[j].Competency
	})
	return out
}

// TestImportInvalid: a file with problems on many lines writes nothing and
// names every problem by line and column.
func TestImportInvalid(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.agent.no
	jan, feb, mar, apr := months(time.January, 1), months(time.February, 1), months(time.March, 1), months(time.April, 1)
	_, err := f.store.Import(ctx, f.hr.v, "bad.csv", file(
		"employee_no,kpi,period_start,period_end,value,volume",        // 1
		a+",CSAT,"+jan+",88,100",                                      // 2 fine
		"NOPE-1,CSAT,"+jan+",88,100",                                  // 3
		a+",XYZ,"+jan+",88,100",                                       // 4
		a+",CSAT,"+fmt.Sprint(year)+"-13-01,"+iso(0, 1, 31)+",88,100", // 5 month 13: invalid in any year
		a+",AHT,"+iso(0, 2, 1)+","+iso(0, 1, 31)+",300,100",           // 6 ends before it starts
		a+",FCR,"+jan+",abc,100",                                      // 7
		a+",CSAT,"+feb+",100.5,100",                                   // 8
		a+",AHT,"+mar+",-5,100",                                       // 9
		a+",QA_SCORE,"+jan+",80,0",                                    // 10
		a+",QA_SCORE,"+feb+",80,1.5",                                  // 11
		a+",CSAT,"+jan+",90,100",                                      // 12 duplicate of 2
		a+",CSAT,"+mar+",90",                                          // 13
		a+",FCR,"+feb+",x,-1",                                         // 14
		a+",FRT,"+iso(0, 1, 15)+","+iso(0, 2, 14)+",30,10",            // 15 mid-month to mid-month
		a+",COMPLAINT_RATE,"+jan+",1200,10",                           // 16
		",CSAT,"+apr+",90,100",                                        // 17
	))
	re := wantCode(t, err, rungs.ErrBadUserInput, "kpi.import.invalid")
	want := []string{
		"line 3: employee_no kpi.import.employee.unknown",
		"line 4: kpi kpi.import.kpi.unknown",
		"line 5: period_start kpi.import.date.invalid",
		"line 6: period_end kpi.import.period.order",
		"line 7: value kpi.import.value.invalid",
		"line 8: value kpi.import.value.range",
		"line 9: value kpi.import.value.range",
		"line 10: volume kpi.import.volume.invalid",
		"line 11: volume kpi.import.volume.invalid",
		"line 12: period_start kpi.import.row.duplicate",
		"line 13 kpi.import.row.columns",
		"line 14: value kpi.import.value.invalid",
		"line 14: volume kpi.import.volume.invalid",
		"line 15: period_start kpi.import.period.shape",
		"line 16: value kpi.import.value.range",
		"line 17: employee_no kpi.import.employee.required",
	}
	var got []string
	for _, d := range re.Details {
		if d.Code != rungs.ErrBadUserInput {
			t.Errorf("%s: code %s", d.Field, d.Code)
		}
		got = append(got, d.Field+" "+d.Key)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(re.Message, "16 problem(s) on 15 line(s)") {
		t.Errorf("message = %q", re.Message)
	}
	if !strings.Contains(re.Details[9].Message, "line 2") {
		t.Errorf("duplicate message = %q, want it to name line 2", re.Details[9].Message)
	}
	f.wantNothingWritten(t)
}

func (f *fixture) wantNothingWritten(t *testing.T) {
	t.Helper()
	var n int
	f.get(t, &n, `SELECT (SELECT count(*) FROM kpi_records) + (SELECT count(*) FROM kpi_imports)
		+ (SELECT count(*) FROM competency_evidence)`)
	if n != 0 {
		t.Errorf("%d rows written, want none", n)
	}
}

func TestImportHeader(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	row := f.agent.no + ",CSAT," + months(time.January, 1) + ",88,100"
	cases := []struct {
		name string
		file string
		key  string
		want []string // fields of the details
	}{
		{"ErrMissing", "employee_no,kpi,period_start,period_end,value\n" + row, "kpi.import.invalid",
			[]string{"line 1: volume"}},
		{"ErrUnknown", "employee_no,kpi,period_start,period_end,value,volume,team\n" + row + ",X", "kpi.import.invalid",
			[]string{"line 1: team"}},
		{"ErrDuplicate", "employee_no,kpi,kpi,period_start,period_end,value,volume\n" + row, "kpi.import.invalid",
			[]string{"line 1: kpi"}},
		{"ErrSeveral", "employee,kpi,start,period_end,value,volume\n" + row, "kpi.import.invalid",
			[]string{"line 1: employee_no", "line 1: period_start", "line 1: employee", "line 1: start"}},
		{"ErrEmpty", "", "kpi.import.empty", nil},
		{"ErrNoRows", "employee_no,kpi,period_start,period_end,value,volume\n", "kpi.import.no_rows", nil},
		{"ErrNotUTF8", "employee_no,kpi\xff\n", "kpi.import.encoding", nil},
		{"ErrQuote", "employee_no,kpi,\"period_start,period_end,value,volume\n", "kpi.import.invalid", []string{"line 1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.store.Import(ctx, f.hr.v, "h.csv", strings.NewReader(c.file))
			re := wantCode(t, err, rungs.ErrBadUserInput, c.key)
			var got []string
			for _, d := range re.Details {
				got = append(got, d.Field)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("fields = %q, want %q", got, c.want)
			}
		})
	}
	f.wantNothingWritten(t)
}

// TestImportOverlap: periods of one employee and KPI may not overlap, in
// the file or with stored records, or aggregates would count them twice.
func TestImportOverlap(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.recordSpan(t, f.agent2.id, "CSAT", day(0, 1, 1), 3, 88, 100) // Q1 stored
	_, err := f.store.Import(ctx, f.hr.v, "o.csv", file(
		"employee_no,kpi,period_start,period_end,value,volume",
		f.agent.no+",CSAT,"+months(time.April, 3)+",88,100",     // 2: Q2
		f.agent.no+",CSAT,"+months(time.May, 1)+",88,100",       // 3: May, inside Q2
		f.agent.no+",AHT,"+months(time.May, 1)+",300,100",       // 4: another KPI: fine
		f.agent2.no+",CSAT,"+months(time.February, 1)+",88,100", // 5: inside the stored Q1
		f.agent2.no+",CSAT,"+months(time.January, 1)+",88,100",  // 6: same start as stored Q1: replaces it
	))
	re := wantCode(t, err, rungs.ErrBadUserInput, "kpi.import.invalid")
	var got []string
	for _, d := range re.Details {
		got = append(got, d.Field+" "+d.Key)
	}
	want := []string{"line 3: period_start kpi.import.period.overlap", "line 5: period_start kpi.import.period.overlap"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
}

func TestImportAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	system := &auth.Viewer{Roles: []auth.Role{auth.RoleAdmin}} // the command line
	cases := []struct {
		name string
		v    *auth.Viewer
		code string
	}{
		{"ErrAnonymous", nil, rungs.ErrUnauthenticated},
		{"ErrEmployee", f.agent.v, rungs.ErrForbidden},
		{"ErrManager", f.manager.v, rungs.ErrForbidden},
		{"ErrTrainer", f.trainer.v, rungs.ErrForbidden},
		{"HR", f.hr.v, ""},
		{"Admin", f.admin.v, ""},
		{"System", system, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.store.Import(ctx, c.v, "a.csv", file(
				"employee_no,kpi,period_start,period_end,value,volume",
				f.agent.no+",CSAT,"+months(time.January, 1)+",88,100"))
			if got := rungs.ErrorCode(err); got != c.code {
				t.Errorf("code = %q (%v), want %q", got, err, c.code)
			}
		})
	}
	var by sql.NullInt64
	f.get(t, &by, `SELECT imported_by FROM kpi_imports ORDER BY id DESC LIMIT 1`)
	if by.Valid {
		t.Errorf("the command line's import is recorded as by %d, want no one", by.Int64)
	}
}

func TestImportLimits(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	big := bytes.Repeat([]byte("x"), kpi.MaxImportBytes+1)
	_, err := f.store.Import(ctx, f.hr.v, "big.csv", bytes.NewReader(big))
	wantCode(t, err, rungs.ErrBadUserInput, "kpi.import.too_large")

	var b strings.Builder
	b.WriteString("employee_no,kpi,period_start,period_end,value,volume\n")
	row := "A1,CSAT," + months(time.January, 1) + ",1,1\n"
	for i := 0; i <= kpi.MaxImportRows; i++ {
		b.WriteString(row)
	}
	_, err = f.store.Import(ctx, f.hr.v, "long.csv", strings.NewReader(b.String()))
	wantCode(t, err, rungs.ErrBadUserInput, "kpi.import.too_many_rows")
	f.wantNothingWritten(t)
}

// TestImportDateRange: periods start on the first day of 1990 at the
// earliest and end with the current month at the latest; year 1, year 9999
// and next month are refused, named by line and column, and nothing is
// written.
func TestImportDateRange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.agent.no
	// now is the store's clock: next month is always after it.
	next := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	span := func(start time.Time) string {
		return start.Format(time.DateOnly) + "," + start.AddDate(0, 1, -1).Format(time.DateOnly)
	}
	_, err := f.store.Import(ctx, f.hr.v, "dates.csv", file(
		"employee_no,kpi,period_start,period_end,value,volume", // 1
		a+",CSAT,"+months(time.January, 1)+",88,100",           // 2 fine
		a+",CSAT,0001-01-01,0001-01-31,88,100",                 // 3 fixed-date: year 1 is refused whatever the day
		a+",CSAT,1989-12-01,1989-12-31,88,100",                 // 4 fixed-date: the month before the range
		a+",CSAT,9999-12-01,9999-12-31,88,100",                 // 5 fixed-date: year 9999 is refused whatever the day
		a+",AHT,"+span(next)+",300,100",                        // 6 next month: not over yet
	))
	re := wantCode(t, err, rungs.ErrBadUserInput, "kpi.import.invalid")
	want := []string{
		"line 3: period_start kpi.import.date.range",
		"line 4: period_start kpi.import.date.range",
		"line 5: period_end kpi.import.date.range",
		"line 6: period_end kpi.import.date.range",
	}
	var got []string
	for _, d := range re.Details {
		got = append(got, d.Field+" "+d.Key)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	f.wantNothingWritten(t)

	// The first month of the range and the running month are accepted.
	res, err := f.store.Import(ctx, f.hr.v, "edges.csv", file(
		"employee_no,kpi,period_start,period_end,value,volume",
		a+",CSAT,1990-01-01,1990-01-31,88,100", // fixed-date: the first month accepted, whatever the day
		a+",CSAT,"+span(next.AddDate(0, -1, 0))+",88,100",
	))
	if err != nil || res.Rows != 2 {
		t.Errorf("January 1990 and this month: %+v, %v", res, err)
	}
}
