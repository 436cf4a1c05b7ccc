package courses_test

import (
	"slices"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/courses"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	mk := func(code, en, zh, format string, links ...courses.LinkInput) courses.CourseInput {
		in := input(code)
		in.TitleEN, in.TitleZH, in.Format, in.Competencies = en, zh, format, links
		return in
	}
	f.mustPublished(t, f.trainer, mk("CS-101", "Handling Complaints", "客户投诉处理", courses.FormatClassroom,
		courses.LinkInput{CompetencyID: f.empathy, EntryLevel: 0, TargetLevel: 3}))
	f.mustPublished(t, f.trainer, mk("CS-105", "Active listening", "积极倾听", courses.FormatELearning,
		courses.LinkInput{CompetencyID: f.listening, EntryLevel: 2, TargetLevel: 4}))
	cs201 := f.mustPublished(t, f.trainer2, mk("CS-201", "Data for team leads", "数据分析", courses.FormatCoaching))
	f.mustCreate(t, f.trainer, mk("DR-900", "Complaint escalation (draft)", "投诉升级", courses.FormatELearning))
	old := f.mustPublished(t, f.trainer, mk("AR-100", "Old complaints course", "旧课程", courses.FormatClassroom))
	if _, err := f.store.Archive(ctx, f.trainer, old.ID); err != nil {
		t.Fatal(err)
	}
	// A position requiring EMPATHY 3 (CS-101 starts below), LISTENING 2
	// (CS-105 starts at 2: no gap to close) and the course CS-201.
	lead := dbtest.MustCreatePosition(t, f.db, "", 2)
	mustExec(t, f.db, `INSERT INTO position_requirements (position_id, kind, competency_id, min_level, framework_id)
		VALUES ($1, 'COMPETENCY', $2, 3, $4), ($1, 'COMPETENCY', $3, 2, $4)`, lead, f.empathy, f.listening, f.framework)
	mustExec(t, f.db, `INSERT INTO position_requirements (position_id, kind, course_id) VALUES ($1, 'COURSE', $2)`, lead, cs201.ID)

	cases := []struct {
		name   string
		filter courses.Filter
		want   []string
	}{
		{"All", courses.Filter{}, []string{"AR-100", "CS-101", "CS-105", "CS-201"}},
		{"TextEnglish", courses.Filter{Text: "complaint"}, []string{"AR-100", "CS-101"}},
		{"TextCaseInsensitive", courses.Filter{Text: "  HANDLING complaints "}, []string{"CS-101"}},
		{"TextChinese", courses.Filter{Text: "投诉"}, []string{"CS-101"}},
		{"TextCode", courses.Filter{Text: "cs-10"}, []string{"CS-101", "CS-105"}},
		{"TextWildcardsAreLiteral", courses.Filter{Text: "_"}, []string{}},
		{"TextPercentIsLiteral", courses.Filter{Text: "%"}, []string{}},
		{"Competency", courses.Filter{CompetencyIDs: []int64{f.empathy}}, []string{"CS-101"}},
		{"CompetencyAny", courses.Filter{CompetencyIDs: []int64{f.empathy, f.listening}}, []string{"CS-101", "CS-105"}},
		{"Format", courses.Filter{Formats: []string{courses.FormatELearning}}, []string{"CS-105"}},
		{"Formats", courses.Filter{Formats: []string{courses.FormatCoaching, courses.FormatClassroom}}, []string{"AR-100", "CS-101", "CS-201"}},
		{"Position", courses.Filter{PositionID: lead}, []string{"CS-101", "CS-201"}},
		{"Status", courses.Filter{Statuses: []string{courses.StatusArchived}}, []string{"AR-100"}},
		{"DraftsHidden", courses.Filter{Statuses: []string{courses.StatusDraft}}, []string{}},
		{"Owner", courses.Filter{OwnerID: f.trainer2.EmployeeID}, []string{"CS-201"}},
		{"Combined", courses.Filter{Text: "complaint", Statuses: []string{courses.StatusPublished}}, []string{"CS-101"}},
	}
	for _, c := range cases {
		p, err := f.store.Search(ctx, f.employee, c.filter, 100, "")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := codes(p.Courses); !slices.Equal(got, c.want) || p.Total != len(c.want) || p.HasNext {
			t.Errorf("%s: %v (total %d, next %v), want %v", c.name, got, p.Total, p.HasNext, c.want)
		}
	}

	t.Run("DraftVisibility", func(t *testing.T) {
		cases := []struct {
			name string
			by   *auth.Viewer
			want []string
		}{
			{"Owner", f.trainer, []string{"CS-101", "DR-900"}},
			{"HR", f.hr, []string{"CS-101", "DR-900"}},
			{"Admin", f.admin, []string{"CS-101", "DR-900"}},
			{"OtherTrainer", f.trainer2, []string{"CS-101"}},
			{"Employee", f.employee, []string{"CS-101"}},
		}
		for _, c := range cases {
			p, err := f.store.Search(ctx, c.by, courses.Filter{Text: "投诉"}, 10, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(p.Courses); !slices.Equal(got, c.want) || p.Total != len(c.want) {
				t.Errorf("%s: %v (total %d), want %v", c.name, got, p.Total, c.want)
			}
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		var seen []string
		after := ""
		for page := 1; ; page++ {
			cctx, n := postgres.NewContextWithCounter(ctx)
			p, err := f.store.Search(cctx, f.employee, courses.Filter{}, 3, after)
			if err != nil {
				t.Fatal(err)
			}
			if n.Count() != 1 {
				t.Errorf("page %d: %d statements, want 1", page, n.Count())
			}
			if p.Total != 4 {
				t.Errorf("page %d: total %d, want 4", page, p.Total)
			}
			seen = append(seen, codes(p.Courses)...)
			if page == 1 && (len(p.Courses) != 3 || !p.HasNext) {
				t.Errorf("page 1: %v next %v", codes(p.Courses), p.HasNext)
			}
			if !p.HasNext {
				if page != 2 || len(p.Courses) != 1 {
					t.Errorf("last page %d holds %v", page, codes(p.Courses))
				}
				// Past the end: an empty page that still knows the total,
				// from the same single statement.
				cctx, n := postgres.NewContextWithCounter(ctx)
				end, err := f.store.Search(cctx, f.employee, courses.Filter{}, 3, p.EndCursor)
				if err != nil || len(end.Courses) != 0 || end.Total != 4 || end.HasNext || end.EndCursor != "" || n.Count() != 1 {
					t.Errorf("past the end: %+v, %v, %d statements", end, err, n.Count())
				}
				break
			}
			after = p.EndCursor
		}
		if !slices.Equal(seen, []string{"AR-100", "CS-101", "CS-105", "CS-201"}) {
			t.Errorf("pages held %v", seen)
		}
		// A cursor keeps its place when rows before it appear.
		p1, _ := f.store.Search(ctx, f.employee, courses.Filter{}, 2, "")
		f.mustPublished(t, f.trainer, input("AA-1"))
		p2, _ := f.store.Search(ctx, f.employee, courses.Filter{}, 2, p1.EndCursor)
		if got := codes(p2.Courses); !slices.Equal(got, []string{"CS-105", "CS-201"}) || p2.Total != 5 {
			t.Errorf("after a new course: %v total %d", got, p2.Total)
		}
	})

	t.Run("ErrBadArguments", func(t *testing.T) {
		for _, first := range []int{0, -1, 101} {
			_, err := f.store.Search(ctx, f.employee, courses.Filter{}, first, "")
			wantErr(t, err, rungs.ErrBadUserInput, "page.first.range", "first")
		}
		_, err := f.store.Search(ctx, f.employee, courses.Filter{}, 10, "not a cursor")
		wantErr(t, err, rungs.ErrBadUserInput, "page.cursor.invalid", "after")
		_, err = f.store.Search(ctx, f.employee, courses.Filter{Formats: []string{"VR"}, Statuses: []string{"GONE"}}, 10, "")
		want := []string{"formats course.format.unknown", "statuses course.status.unknown"}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
	})

	t.Run("Anonymous", func(t *testing.T) {
		p, err := f.store.Search(ctx, nil, courses.Filter{}, 10, "")
		if err != nil || len(p.Courses) != 0 || p.Total != 0 {
			t.Errorf("anonymous search: %+v, %v", p, err)
		}
	})
}
