package courses_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/courses"
	"github.com/rungs/rungs/postgres"
)

func TestCreate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	t.Run("OK", func(t *testing.T) {
		pre := f.mustCreate(t, f.trainer, input("CS-100"))
		in := courses.CourseInput{
			Code: " cs-101 ", TitleEN: " Handling complaints ", TitleZH: "客户投诉处理", SummaryEN: "Calm an angry caller",
			Format: courses.FormatClassroom, EstimatedHours: 12.5, Certification: true, ValidityMonths: ptr(24),
			Modules: []courses.ModuleInput{
				{TitleEN: "Listen", TitleZH: "倾听", EstimatedMinutes: 45},
				{TitleEN: "Resolve", TitleZH: "解决"},
			},
			Competencies:  []courses.LinkInput{{CompetencyID: f.empathy, EntryLevel: 1, TargetLevel: 3}},
			Prerequisites: []courses.PrereqInput{{CourseID: pre.ID, Enforced: true}},
		}
		c := f.mustCreate(t, f.trainer, in)
		if c.Code != "CS-101" || c.TitleEN != "Handling complaints" || c.Status != courses.StatusDraft ||
			c.OwnerID != f.trainer.EmployeeID || c.EstimatedHours != 12.5 || !c.Certification ||
			c.ValidityMonths.Int64 != 24 || c.PublishedAt.Valid || !c.CreatedAt.Equal(start) {
			t.Errorf("created %+v", c)
		}
		mods, err := f.store.ModulesOf(ctx, []int64{c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(mods[0]) != 2 || mods[0][0].TitleEN != "Listen" || mods[0][0].Position != 1 ||
			mods[0][0].EstimatedMinutes != 45 || mods[0][1].Position != 2 || mods[0][1].EstimatedMinutes != 30 {
			t.Errorf("modules %+v %+v", mods[0][0], mods[0][1])
		}
		links, _ := f.store.CompetenciesOf(ctx, []int64{c.ID})
		if len(links[0]) != 1 || links[0][0].FrameworkID != f.framework || links[0][0].TargetLevel != 3 {
			t.Errorf("links %+v", links[0])
		}
		pres, _ := f.store.PrerequisitesOf(ctx, []int64{c.ID})
		if len(pres[0]) != 1 || pres[0][0].PrerequisiteID != pre.ID || !pres[0][0].Enforced {
			t.Errorf("prerequisites %+v", pres[0])
		}
	})

	t.Run("AdminNamesOwner", func(t *testing.T) {
		in := input("CS-110")
		in.OwnerID = f.trainer2.EmployeeID
		c := f.mustCreate(t, f.admin, in)
		if c.OwnerID != f.trainer2.EmployeeID {
			t.Errorf("owner %d, want trainer2 %d", c.OwnerID, f.trainer2.EmployeeID)
		}
		// An admin creating for themself owns the course.
		if c := f.mustCreate(t, f.admin, input("CS-111")); c.OwnerID != f.admin.EmployeeID {
			t.Errorf("owner %d, want the admin", c.OwnerID)
		}
	})

	t.Run("ErrOwnerNotTrainer", func(t *testing.T) {
		in := input("CS-112")
		in.OwnerID = f.employee.EmployeeID
		_, err := f.store.Create(ctx, f.admin, in)
		wantErr(t, err, rungs.ErrBadUserInput, "course.owner.not_trainer", "ownerId")
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		for _, by := range []*auth.Viewer{f.employee, f.hr} {
			_, err := f.store.Create(ctx, by, input("CS-120"))
			wantErr(t, err, rungs.ErrForbidden, "course.create.forbidden", "")
		}
		in := input("CS-121")
		in.OwnerID = f.trainer2.EmployeeID
		_, err := f.store.Create(ctx, f.trainer, in)
		wantErr(t, err, rungs.ErrForbidden, "course.owner.forbidden", "")
		_, err = f.store.Create(ctx, nil, input("CS-122"))
		wantErr(t, err, rungs.ErrUnauthenticated, "", "")
	})

	t.Run("ErrCodeTaken", func(t *testing.T) {
		f.mustCreate(t, f.trainer, input("DUP-1"))
		_, err := f.store.Create(ctx, f.trainer2, input("dup-1"))
		wantErr(t, err, rungs.ErrConflict, "course.code.taken", "code")
	})

	t.Run("ErrValidationListsEveryProblem", func(t *testing.T) {
		in := courses.CourseInput{
			Code: "1bad", TitleZH: "x", Format: "VR", EstimatedHours: 1001, ValidityMonths: ptr(0),
			Modules:       []courses.ModuleInput{{TitleEN: "M"}, {ID: ptr(int64(999999)), TitleEN: "N", TitleZH: "N"}},
			Competencies:  []courses.LinkInput{{CompetencyID: f.empathy, EntryLevel: 0, TargetLevel: 6}},
			Prerequisites: []courses.PrereqInput{{CourseID: 999999}},
		}
		_, err := f.store.Create(ctx, f.trainer, in)
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
		want := []string{
			"code course.code.invalid",
			"competencies[0].targetLevel course.competency.target_range",
			"estimatedHours course.estimated_hours.range",
			"format course.format.unknown",
			"modules[0].titleZh course.module.title_zh.required",
			"modules[1].id course.module.unknown",
			"prerequisites[0].courseId course.prerequisite.unknown",
			"titleEn course.title_en.required",
			"validityMonths course.validity_months.range",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems:\n got %q\nwant %q", got, want)
		}
	})
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.mustCreate(t, f.trainer, input("UP-1"))

	t.Run("OwnerEdits", func(t *testing.T) {
		f.now = start.Add(time.Hour)
		got, err := f.store.Update(ctx, f.trainer, c.ID, courses.CoursePatch{
			TitleEN: ptr("Renamed"), Code: ptr("up-2"), EstimatedHours: ptr(3.5), ValidityMonths: ptr(12),
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.TitleEN != "Renamed" || got.Code != "UP-2" || got.EstimatedHours != 3.5 || got.ValidityMonths.Int64 != 12 ||
			got.TitleZH != c.TitleZH || !got.UpdatedAt.Equal(f.now) || !got.CreatedAt.Equal(start) {
			t.Errorf("updated %+v", got)
		}
		// 0 clears the validity.
		got, err = f.store.Update(ctx, f.trainer, c.ID, courses.CoursePatch{ValidityMonths: ptr(0)})
		if err != nil || got.ValidityMonths.Valid {
			t.Errorf("clearing validity: %+v, %v", got, err)
		}
	})

	t.Run("Access", func(t *testing.T) {
		patch := courses.CoursePatch{TitleEN: ptr("Mine now")}
		_, err := f.store.Update(ctx, f.trainer2, c.ID, patch)
		wantErr(t, err, rungs.ErrNotFound, "course.not_found", "") // a draft is hidden from other trainers
		_, err = f.store.Update(ctx, f.employee, c.ID, patch)
		wantErr(t, err, rungs.ErrNotFound, "course.not_found", "")
		_, err = f.store.Update(ctx, f.hr, c.ID, patch) // HR sees drafts but does not edit them
		wantErr(t, err, rungs.ErrForbidden, "course.edit.forbidden", "")

		if _, err := f.store.Publish(ctx, f.trainer, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.store.Update(ctx, f.trainer2, c.ID, patch)
		wantErr(t, err, rungs.ErrForbidden, "course.edit.forbidden", "")
		_, err = f.store.Update(ctx, f.employee, c.ID, patch)
		wantErr(t, err, rungs.ErrForbidden, "course.edit.forbidden", "")
		_, err = f.store.Update(ctx, f.trainer, c.ID, courses.CoursePatch{OwnerID: ptr(f.trainer2.EmployeeID)})
		wantErr(t, err, rungs.ErrForbidden, "course.owner.forbidden", "")

		got, err := f.store.Update(ctx, f.admin, c.ID, courses.CoursePatch{TitleEN: ptr("By admin"), OwnerID: ptr(f.trainer2.EmployeeID)})
		if err != nil || got.TitleEN != "By admin" || got.OwnerID != f.trainer2.EmployeeID {
			t.Fatalf("admin update: %+v, %v", got, err)
		}
		// The new owner edits; the old one no longer may.
		if _, err := f.store.Update(ctx, f.trainer2, c.ID, patch); err != nil {
			t.Errorf("new owner: %v", err)
		}
		_, err = f.store.Update(ctx, f.trainer, c.ID, patch)
		wantErr(t, err, rungs.ErrForbidden, "course.edit.forbidden", "")
	})

	t.Run("ErrValidation", func(t *testing.T) {
		d := f.mustCreate(t, f.trainer, input("UP-3"))
		_, err := f.store.Update(ctx, f.trainer, d.ID, courses.CoursePatch{TitleEN: ptr(" "), Format: ptr("X"), EstimatedHours: ptr(0.0)})
		want := []string{"estimatedHours course.estimated_hours.range", "format course.format.unknown", "titleEn course.title_en.required"}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
		_, err = f.store.Update(ctx, f.trainer, d.ID, courses.CoursePatch{Code: ptr("UP-2")})
		wantErr(t, err, rungs.ErrConflict, "course.code.taken", "code")
	})
}

func TestPublishArchive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	in := input("PA-1")
	in.Modules = nil
	c := f.mustCreate(t, f.trainer, in)

	_, err := f.store.Publish(ctx, f.trainer, c.ID)
	wantErr(t, err, rungs.ErrBadUserInput, "course.publish.no_modules", "modules")
	_, err = f.store.Archive(ctx, f.trainer, c.ID)
	wantErr(t, err, rungs.ErrConflict, "course.archive.draft", "")

	if _, err := f.store.SetModules(ctx, f.trainer, c.ID, []courses.ModuleInput{{TitleEN: "One", TitleZH: "一"}}); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.Publish(ctx, f.trainer2, c.ID)
	wantErr(t, err, rungs.ErrNotFound, "", "")
	_, err = f.store.Publish(ctx, f.hr, c.ID)
	wantErr(t, err, rungs.ErrForbidden, "course.edit.forbidden", "")

	f.now = start.Add(2 * time.Hour)
	p, err := f.store.Publish(ctx, f.trainer, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != courses.StatusPublished || !p.PublishedAt.Time.Equal(f.now) || !p.UpdatedAt.Equal(f.now) {
		t.Errorf("published %+v", p)
	}
	_, err = f.store.Publish(ctx, f.trainer, c.ID)
	wantErr(t, err, rungs.ErrConflict, "course.publish.already_published", "")
	// A published course keeps at least one module.
	_, err = f.store.SetModules(ctx, f.trainer, c.ID, nil)
	wantErr(t, err, rungs.ErrBadUserInput, "course.modules.required", "modules")
	_, err = f.store.Archive(ctx, f.trainer2, c.ID)
	wantErr(t, err, rungs.ErrForbidden, "course.edit.forbidden", "")

	f.now = start.Add(3 * time.Hour)
	a, err := f.store.Archive(ctx, f.admin, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != courses.StatusArchived || !a.ArchivedAt.Time.Equal(f.now) || !a.PublishedAt.Valid || !a.UpdatedAt.Equal(f.now) {
		t.Errorf("archived %+v", a)
	}
	_, err = f.store.Archive(ctx, f.trainer, c.ID)
	wantErr(t, err, rungs.ErrConflict, "course.archived", "")
	_, err = f.store.Update(ctx, f.trainer, c.ID, courses.CoursePatch{TitleEN: ptr("Late")})
	wantErr(t, err, rungs.ErrConflict, "course.archived", "")
	_, err = f.store.SetPrerequisites(ctx, f.admin, c.ID, nil)
	wantErr(t, err, rungs.ErrConflict, "course.archived", "")
	// Archived courses stay readable by everyone.
	if got, err := f.store.CourseByID(ctx, f.employee, c.ID); err != nil || got.Status != courses.StatusArchived {
		t.Errorf("employee reads archived course: %+v, %v", got, err)
	}
}

func TestVisibility(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	draft := f.mustCreate(t, f.trainer, input("VIS-DRAFT"))
	pub := f.mustPublished(t, f.trainer2, input("VIS-PUB"))
	ids := []int64{draft.ID, pub.ID, 999999, draft.ID}

	cases := []struct {
		name string
		v    *auth.Viewer
		want []string
	}{
		{"Owner", f.trainer, []string{"VIS-DRAFT", "VIS-PUB", "<nil>", "VIS-DRAFT"}},
		{"OtherTrainer", f.trainer2, []string{"<nil>", "VIS-PUB", "<nil>", "<nil>"}},
		{"Employee", f.employee, []string{"<nil>", "VIS-PUB", "<nil>", "<nil>"}},
		{"HR", f.hr, []string{"VIS-DRAFT", "VIS-PUB", "<nil>", "VIS-DRAFT"}},
		{"Admin", f.admin, []string{"VIS-DRAFT", "VIS-PUB", "<nil>", "VIS-DRAFT"}},
		{"Anonymous", nil, []string{"<nil>", "<nil>", "<nil>", "<nil>"}},
	}
	for _, c := range cases {
		cctx, n := postgres.NewContextWithCounter(ctx)
		got, err := f.store.CoursesByIDs(cctx, c.v, ids)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(codes(got), c.want) {
			t.Errorf("%s: %v, want %v", c.name, codes(got), c.want)
		}
		if n.Count() != 1 {
			t.Errorf("%s: %d statements, want 1", c.name, n.Count())
		}
	}
	_, err := f.store.CourseByID(ctx, f.employee, draft.ID)
	wantErr(t, err, rungs.ErrNotFound, "course.not_found", "")
	if got, err := f.store.CourseByID(ctx, f.hr, draft.ID); err != nil || got.ID != draft.ID {
		t.Errorf("HR reads draft: %v, %v", got, err)
	}
}
