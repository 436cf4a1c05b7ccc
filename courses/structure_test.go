package courses_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/courses"
)

func TestSetModules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	in := input("MOD-1")
	in.Modules = []courses.ModuleInput{
		{TitleEN: "A", TitleZH: "甲"}, {TitleEN: "B", TitleZH: "乙"}, {TitleEN: "C", TitleZH: "丙"},
	}
	c := f.mustCreate(t, f.trainer, in)
	mods, err := f.store.ModulesOf(ctx, []int64{c.ID})
	if err != nil {
		t.Fatal(err)
	}
	a, b, cc := mods[0][0], mods[0][1], mods[0][2]
	// A learner has progress on A and B.
	var enrollment int64
	mustGet(t, f.db, &enrollment, `INSERT INTO enrollments (employee_id, course_id, status, started_at)
		VALUES ($1, $2, 'IN_PROGRESS', now()) RETURNING id`, f.employee.EmployeeID, c.ID)
	mustExec(t, f.db, `INSERT INTO module_progress (enrollment_id, module_id) VALUES ($1, $2), ($1, $3)`, enrollment, a.ID, b.ID)

	t.Run("ReorderKeepsIDs", func(t *testing.T) {
		got, err := f.store.SetModules(ctx, f.trainer, c.ID, []courses.ModuleInput{
			{ID: &cc.ID, TitleEN: "C", TitleZH: "丙"},
			{ID: &a.ID, TitleEN: "A renamed", TitleZH: "甲", EstimatedMinutes: 90},
			{TitleEN: "D", TitleZH: "丁"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].ID != cc.ID || got[1].ID != a.ID || got[2].TitleEN != "D" ||
			got[1].TitleEN != "A renamed" || got[1].EstimatedMinutes != 90 {
			t.Fatalf("modules %+v %+v %+v", got[0], got[1], got[2])
		}
		for i, m := range got {
			if m.Position != i+1 {
				t.Errorf("module %s at %d, want %d", m.TitleEN, m.Position, i+1)
			}
		}
		read, _ := f.store.ModulesOf(ctx, []int64{c.ID, 999999})
		var titles []string
		for _, m := range read[0] {
			titles = append(titles, m.TitleEN)
		}
		if !slices.Equal(titles, []string{"C", "A renamed", "D"}) || len(read[1]) != 0 {
			t.Errorf("ModulesOf: %v, %v", titles, read[1])
		}
		// Progress on the kept A survives; B's went with B.
		var progress []int64
		if err := f.db.Select(&progress, `SELECT module_id FROM module_progress WHERE enrollment_id = $1`, enrollment); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(progress, []int64{a.ID}) {
			t.Errorf("progress on %v, want only A %d", progress, a.ID)
		}
	})

	t.Run("ErrForeignModule", func(t *testing.T) {
		other := f.mustCreate(t, f.trainer, input("MOD-2"))
		om, _ := f.store.ModulesOf(ctx, []int64{other.ID})
		_, err := f.store.SetModules(ctx, f.trainer, c.ID, []courses.ModuleInput{
			{ID: &om[0][0].ID, TitleEN: "Stolen", TitleZH: "偷"},
			{ID: &a.ID, TitleEN: "A", TitleZH: "甲"},
			{ID: &a.ID, TitleEN: "A again", TitleZH: "甲", EstimatedMinutes: 7000},
		})
		want := []string{
			"modules[0].id course.module.unknown",
			"modules[2].estimatedMinutes course.module.minutes_range",
			"modules[2].id course.module.duplicate",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
		// Nothing moved: the other course keeps its module.
		if om2, _ := f.store.ModulesOf(ctx, []int64{other.ID}); len(om2[0]) != 1 || om2[0][0].TitleEN != "Intro" {
			t.Errorf("other course's modules %+v", om2[0])
		}
	})
}

func TestSetCompetencies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.mustCreate(t, f.trainer, input("COMP-1"))

	got, err := f.store.SetCompetencies(ctx, f.trainer, c.ID, []courses.LinkInput{
		{CompetencyID: f.listening, EntryLevel: 2, TargetLevel: 4},
		{CompetencyID: f.empathy, EntryLevel: 0, TargetLevel: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].CompetencyID != f.listening || got[0].FrameworkID != f.framework || got[1].TargetLevel != 5 {
		t.Errorf("links %+v", got)
	}
	// Replacing: EMPATHY changes, LISTENING goes.
	if _, err := f.store.SetCompetencies(ctx, f.trainer, c.ID, []courses.LinkInput{{CompetencyID: f.empathy, EntryLevel: 1, TargetLevel: 2}}); err != nil {
		t.Fatal(err)
	}
	read, _ := f.store.CompetenciesOf(ctx, []int64{c.ID})
	if len(read[0]) != 1 || read[0][0].CompetencyID != f.empathy || read[0][0].EntryLevel != 1 || read[0][0].TargetLevel != 2 {
		t.Errorf("after replace %+v", read[0])
	}

	_, err = f.store.SetCompetencies(ctx, f.trainer, c.ID, []courses.LinkInput{
		{CompetencyID: f.draftOnly, EntryLevel: 0, TargetLevel: 1},
		{CompetencyID: f.retired, EntryLevel: 0, TargetLevel: 1},
		{CompetencyID: f.empathy, EntryLevel: 6, TargetLevel: 6},
		{CompetencyID: f.empathy, EntryLevel: 3, TargetLevel: 3},
		{CompetencyID: f.listening, EntryLevel: -1, TargetLevel: 0},
	})
	want := []string{
		"competencies[0].competencyId course.competency.unknown",
		"competencies[1].competencyId course.competency.archived",
		"competencies[2].entryLevel course.competency.entry_range",
		"competencies[2].targetLevel course.competency.target_not_above_entry",
		"competencies[2].targetLevel course.competency.target_range",
		"competencies[3].competencyId course.competency.duplicate",
		"competencies[3].targetLevel course.competency.target_not_above_entry",
		"competencies[4].entryLevel course.competency.entry_range",
		"competencies[4].targetLevel course.competency.target_range",
	}
	if got := problems(err); !slices.Equal(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	// Access as for Update.
	_, err = f.store.SetCompetencies(ctx, f.trainer2, c.ID, nil)
	wantErr(t, err, rungs.ErrNotFound, "", "")
	// An empty list clears.
	if got, err := f.store.SetCompetencies(ctx, f.admin, c.ID, nil); err != nil || len(got) != 0 {
		t.Errorf("clear: %v, %v", got, err)
	}
}

func TestSetCompetenciesWithoutPublishedFramework(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	mustExec(t, f.db, `UPDATE frameworks SET status = 'RETIRED' WHERE id = $1`, f.framework)
	c := f.mustCreate(t, f.trainer, input("COMP-2"))
	_, err := f.store.SetCompetencies(ctx, f.trainer, c.ID, []courses.LinkInput{{CompetencyID: f.empathy, TargetLevel: 1}})
	wantErr(t, err, rungs.ErrBadUserInput, "course.competency.no_framework", "competencies")
}

func TestPrerequisites(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c101 := f.mustCreate(t, f.trainer, input("CS-101"))
	c105 := f.mustCreate(t, f.trainer, input("CS-105"))
	c201 := f.mustCreate(t, f.trainer, input("CS-201"))
	hidden := f.mustCreate(t, f.trainer2, input("HID-1")) // trainer2's draft

	// CS-105 requires CS-101 (enforced); CS-201 requires CS-105 (advisory).
	if _, err := f.store.SetPrerequisites(ctx, f.trainer, c105.ID, []courses.PrereqInput{{CourseID: c101.ID, Enforced: true}}); err != nil {
		t.Fatal(err)
	}
	got, err := f.store.SetPrerequisites(ctx, f.trainer, c201.ID, []courses.PrereqInput{{CourseID: c105.ID, Enforced: false}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Enforced || got[0].PrerequisiteID != c105.ID {
		t.Errorf("set %+v", got)
	}
	read, err := f.store.PrerequisitesOf(ctx, []int64{c101.ID, c105.ID, c201.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(read[0]) != 0 || len(read[1]) != 1 || !read[1][0].Enforced || len(read[2]) != 1 || read[2][0].Enforced {
		t.Errorf("PrerequisitesOf %v", read)
	}

	t.Run("ErrCycle", func(t *testing.T) {
		// CS-101 requiring CS-201 closes CS-101 → CS-201 → CS-105 → CS-101.
		_, err := f.store.SetPrerequisites(ctx, f.trainer, c101.ID, []courses.PrereqInput{
			{CourseID: c105.ID}, {CourseID: c201.ID, Enforced: true},
		})
		e := wantErr(t, err, rungs.ErrBadUserInput, "course.prerequisite.cycle", "")
		// Either edge closes a cycle; the walk finds the shorter one first.
		if e.Message != "prerequisite would close a cycle: CS-101 → CS-105 → CS-101" || e.Field != "prerequisites[0].courseId" {
			t.Errorf("cycle error %q on %s", e.Message, e.Field)
		}
		_, err = f.store.SetPrerequisites(ctx, f.trainer, c101.ID, []courses.PrereqInput{{CourseID: c201.ID, Enforced: true}})
		e = wantErr(t, err, rungs.ErrBadUserInput, "course.prerequisite.cycle", "prerequisites[0].courseId")
		if want := "prerequisite would close a cycle: CS-101 → CS-201 → CS-105 → CS-101"; e.Message != want {
			t.Errorf("message %q, want %q", e.Message, want)
		}
		if pres, _ := f.store.PrerequisitesOf(ctx, []int64{c101.ID}); len(pres[0]) != 0 {
			t.Errorf("the refused edge was stored: %+v", pres[0])
		}
	})

	t.Run("RollsBackWholeUpdate", func(t *testing.T) {
		_, err := f.store.Update(ctx, f.trainer, c101.ID, courses.CoursePatch{
			TitleEN: ptr("Changed"), Prerequisites: []courses.PrereqInput{{CourseID: c201.ID}},
		})
		wantErr(t, err, rungs.ErrBadUserInput, "course.prerequisite.cycle", "")
		if c, _ := f.store.CourseByID(ctx, f.trainer, c101.ID); c.TitleEN != c101.TitleEN {
			t.Errorf("title %q survived a failed update", c.TitleEN)
		}
	})

	t.Run("ErrBadList", func(t *testing.T) {
		_, err := f.store.SetPrerequisites(ctx, f.trainer, c201.ID, []courses.PrereqInput{
			{CourseID: c201.ID}, {CourseID: 999999}, {CourseID: hidden.ID}, {CourseID: c101.ID}, {CourseID: c101.ID},
		})
		want := []string{
			"prerequisites[0].courseId course.prerequisite.self",
			"prerequisites[1].courseId course.prerequisite.unknown",
			"prerequisites[2].courseId course.prerequisite.unknown",
			"prerequisites[4].courseId course.prerequisite.duplicate",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
	})

	t.Run("ReplaceAndFlipEnforced", func(t *testing.T) {
		got, err := f.store.SetPrerequisites(ctx, f.trainer, c201.ID, []courses.PrereqInput{
			{CourseID: c105.ID, Enforced: true}, {CourseID: c101.ID, Enforced: false},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !got[0].Enforced || got[1].Enforced {
			t.Errorf("set %+v", got)
		}
		read, _ := f.store.PrerequisitesOf(ctx, []int64{c201.ID})
		if len(read[0]) != 2 || read[0][0].PrerequisiteID != c101.ID || read[0][1].PrerequisiteID != c105.ID {
			t.Errorf("read %+v", read[0])
		}
		// Sharing a prerequisite (a diamond) is no cycle.
		if _, err := f.store.SetPrerequisites(ctx, f.trainer, c105.ID, []courses.PrereqInput{{CourseID: c101.ID}}); err != nil {
			t.Error(err)
		}
	})
}

// Two edits racing to add A→B and B→A: each alone is fine, together they
// close a cycle. The table lock makes the second see the first's edge, so
// never both succeed.
func TestConcurrentPrerequisites(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for round := range 10 {
		a := f.mustCreate(t, f.trainer, input(fmt.Sprintf("RACE-A%d", round)))
		b := f.mustCreate(t, f.trainer, input(fmt.Sprintf("RACE-B%d", round)))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		gate := make(chan struct{})
		for i, pair := range [][2]int64{{a.ID, b.ID}, {b.ID, a.ID}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				_, errs[i] = f.store.SetPrerequisites(ctx, f.trainer, pair[0], []courses.PrereqInput{{CourseID: pair[1], Enforced: true}})
			}()
		}
		close(gate)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if rungs.ErrorCode(err) != rungs.ErrBadUserInput {
				t.Errorf("round %d: unexpected error %v", round, err)
			} else {
				wantErr(t, err, rungs.ErrBadUserInput, "course.prerequisite.cycle", "")
			}
		}
		if ok != 1 {
			t.Errorf("round %d: %d of 2 edits succeeded (%v), want exactly 1", round, ok, errs)
		}
		var edges int
		mustGet(t, f.db, &edges, `SELECT count(*) FROM course_prerequisites WHERE course_id IN ($1, $2)`, a.ID, b.ID)
		if edges != 1 {
			t.Errorf("round %d: %d edges stored, want 1", round, edges)
		}
	}
}
