package competency_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
)

func TestFirstEditCreatesVersionOne(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := competency.NewStore(db)
	ctx := context.Background()
	_, err := s.Published(ctx)
	wantErr(t, err, rungs.ErrNotFound, "competency.framework.not_found", "")

	c, err := s.CreateCategory(ctx, 0, competency.CategoryInput{Code: " service ", NameEN: "Service", NameZH: "服务"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Code != "SERVICE" {
		t.Errorf("code %q, want it trimmed and upper-cased", c.Code)
	}
	d, err := s.Draft(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Version != 1 || d.Status != competency.StatusDraft || d.MaxLevel != 5 || d.PublishedAt.Valid || c.FrameworkID != d.ID {
		t.Errorf("draft %+v, want version 1 DRAFT with five levels", d)
	}
	// The draft is not in force yet.
	_, err = s.Published(ctx)
	wantErr(t, err, rungs.ErrNotFound, "", "")
}

// TestVersioning follows one framework through an edit and a publish: the
// published version never changes, the draft copies all of it, and evidence
// given against the old version keeps counting.
func TestVersioning(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.store
	rating := f.rate(t, f.agent, f.empathy.ID, 3, competency.SourceManager, day(-45))
	if rating.FrameworkID != f.v1.ID {
		t.Fatalf("evidence against framework %d, want v1 %d", rating.FrameworkID, f.v1.ID)
	}
	v1Cats, _ := s.Categories(ctx, f.v1.ID)
	v1Inds, _ := s.IndicatorsOf(ctx, []int64{f.empathy.VersionID})
	if len(v1Cats) != 1 || len(v1Inds[0]) != 5 {
		t.Fatalf("v1 has %d categories and %d indicators", len(v1Cats), len(v1Inds[0]))
	}

	// Editing the published framework starts draft 2 with a copy of it.
	renamed, err := s.UpdateCompetency(ctx, 0, f.empathy.ID, competency.CompetencyInput{
		CategoryCode: "SERVICE", NameEN: "Empathy with customers", NameZH: "客户同理心", DescEN: "new", SortOrder: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := s.Draft(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != 2 || v2.Status != competency.StatusDraft || v2.MaxLevel != 5 {
		t.Fatalf("draft %+v, want version 2", v2)
	}
	if renamed.ID != f.empathy.ID || renamed.Code != "EMPATHY" || renamed.FrameworkID != v2.ID || renamed.Version != 2 ||
		renamed.VersionID == f.empathy.VersionID || renamed.NameEN != "Empathy with customers" || renamed.SortOrder != 2 {
		t.Errorf("renamed %+v", renamed)
	}

	t.Run("DraftCopiesEverything", func(t *testing.T) {
		levels, err := s.Levels(ctx, v2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(levels) != 5 || levels[0].NameEN != "Aware" || levels[4].NameZH != "专家" {
			t.Errorf("v2 levels %v", levels)
		}
		cats, _ := s.Categories(ctx, v2.ID)
		if len(cats) != 1 || cats[0].Code != "SERVICE" || cats[0].ID == v1Cats[0].ID || cats[0].FrameworkID != v2.ID {
			t.Errorf("v2 categories %+v", cats)
		}
		comps, _ := s.Competencies(ctx, v2.ID, true)
		if len(comps) != 2 {
			t.Fatalf("v2 competencies %v", comps)
		}
		for _, c := range comps {
			if c.CategoryID != cats[0].ID {
				t.Errorf("%s points at category %d, not the draft's %d", c.Code, c.CategoryID, cats[0].ID)
			}
			if c.Code == "LISTENING" && (c.NameEN != "Listening" || c.ID != f.listening.ID) {
				t.Errorf("LISTENING copied as %+v", c)
			}
		}
		inds, _ := s.IndicatorsOf(ctx, []int64{renamed.VersionID})
		if len(inds[0]) != 5 || inds[0][2].Level != 3 || inds[0][2].EN != v1Inds[0][2].EN {
			t.Errorf("v2 indicators %v", inds[0])
		}
	})

	t.Run("PublishedUnchanged", func(t *testing.T) {
		pub, err := s.Published(ctx)
		if err != nil || pub.ID != f.v1.ID {
			t.Fatalf("published %v, %v; want v1", pub, err)
		}
		comps, _ := s.Competencies(ctx, f.v1.ID, true)
		if len(comps) != 2 || comps[0].Code != "EMPATHY" || comps[0].NameEN != "Empathy" || comps[0].DescEN != "Feels with the customer" {
			t.Errorf("v1 competencies %+v", comps)
		}
		byID, _ := s.CompetenciesByIDs(ctx, []int64{f.empathy.ID})
		if byID[0].NameEN != "Empathy" || byID[0].FrameworkID != f.v1.ID {
			t.Errorf("before publish CompetenciesByIDs gives %+v, want the v1 statement", byID[0])
		}
		// A second edit goes to the same draft.
		if _, err := s.CreateCategory(ctx, 0, competency.CategoryInput{Code: "QUALITY", NameEN: "Quality", NameZH: "质量"}); err != nil {
			t.Fatal(err)
		}
		all, _ := s.Frameworks(ctx)
		if len(all) != 2 {
			t.Errorf("%d framework versions after two edits, want 2", len(all))
		}
		if cats, _ := s.Categories(ctx, f.v1.ID); len(cats) != 1 {
			t.Errorf("v1 has %d categories after an edit of the draft", len(cats))
		}
	})

	t.Run("Publish", func(t *testing.T) {
		pub, err := s.Publish(ctx, f.manager, "  renamed empathy ")
		if err != nil {
			t.Fatal(err)
		}
		if pub.ID != v2.ID || pub.Status != competency.StatusPublished || !pub.PublishedAt.Valid ||
			pub.PublishedBy.Int64 != f.manager || pub.Notes != "renamed empathy" {
			t.Errorf("published %+v", pub)
		}
		old, err := s.FrameworkByVersion(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if old.Status != competency.StatusRetired || !old.PublishedAt.Valid {
			t.Errorf("v1 after publishing v2: %+v, want RETIRED", old)
		}
		_, err = s.Draft(ctx)
		wantErr(t, err, rungs.ErrNotFound, "", "")
	})

	t.Run("OldEvidenceCounts", func(t *testing.T) {
		profs, err := s.Proficiencies(ctx, []int64{f.agent})
		if err != nil {
			t.Fatal(err)
		}
		p, ok := profs[0][f.empathy.ID]
		if !ok || p.Level != 3 || p.Evidence.ID != rating.ID || p.Evidence.FrameworkID != f.v1.ID {
			t.Errorf("proficiency after publish: %+v, %v; want the v1 rating", p, ok)
		}
		// New evidence is given against v2.
		e2 := f.rate(t, f.agent2, f.empathy.ID, 4, competency.SourceManager, day(-14))
		if e2.FrameworkID != v2.ID {
			t.Errorf("new evidence against framework %d, want v2 %d", e2.FrameworkID, v2.ID)
		}
	})

	t.Run("CompetenciesByIDsGiveThePublishedStatement", func(t *testing.T) {
		got, err := s.CompetenciesByIDs(ctx, []int64{f.listening.ID, -1, f.empathy.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got[1] != nil {
			t.Errorf("unknown id gave %+v", got[1])
		}
		if got[2] == nil || got[2].NameEN != "Empathy with customers" || got[2].Version != 2 || got[2].VersionID != renamed.VersionID {
			t.Errorf("empathy: %+v, want the v2 statement", got[2])
		}
		if got[0] == nil || got[0].Code != "LISTENING" || got[0].Version != 2 {
			t.Errorf("listening: %+v", got[0])
		}
	})
}

func TestPublish(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("ErrNoDraft", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.store.Publish(ctx, 0, "")
		wantErr(t, err, rungs.ErrConflict, "competency.framework.no_draft", "")
		pub, _ := f.store.Published(ctx)
		if pub.ID != f.v1.ID {
			t.Errorf("published changed to %+v", pub)
		}
	})

	t.Run("ErrIncompleteAndEmpty", func(t *testing.T) {
		s := competency.NewStore(dbtest.New(t))
		// The first edit makes a five-level draft without any levels.
		if _, err := s.CreateCategory(ctx, 0, competency.CategoryInput{Code: "SERVICE", NameEN: "S", NameZH: "服"}); err != nil {
			t.Fatal(err)
		}
		_, err := s.Publish(ctx, 0, "")
		wantErr(t, err, rungs.ErrBadUserInput, "competency.scale.incomplete", "levels")
		if got, want := fields(err), []string{"competencies", "levels"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
		if _, err := s.SetScale(ctx, 0, fiveLevels); err != nil {
			t.Fatal(err)
		}
		_, err = s.Publish(ctx, 0, "")
		wantErr(t, err, rungs.ErrBadUserInput, "competency.framework.empty", "competencies")
		d, err := s.Draft(ctx)
		if err != nil || d.Status != competency.StatusDraft {
			t.Errorf("draft after refused publish: %+v, %v", d, err)
		}
	})

	t.Run("ErrOnlyArchived", func(t *testing.T) {
		f := newFixture(t)
		for _, id := range []int64{f.empathy.ID, f.listening.ID} {
			if _, err := f.store.ArchiveCompetency(ctx, 0, id); err != nil {
				t.Fatal(err)
			}
		}
		_, err := f.store.Publish(ctx, 0, "")
		wantErr(t, err, rungs.ErrBadUserInput, "competency.framework.empty", "competencies")
	})

	t.Run("OKSmallerScale", func(t *testing.T) {
		f := newFixture(t)
		if _, err := f.store.SetScale(ctx, 0, fiveLevels[:3]); err != nil {
			t.Fatal(err)
		}
		d, _ := f.store.Draft(ctx)
		c, _ := f.store.Competencies(ctx, d.ID, false)
		inds, _ := f.store.IndicatorsOf(ctx, []int64{c[0].VersionID})
		if d.MaxLevel != 3 || len(inds[0]) != 3 {
			t.Errorf("max level %d, %d indicators; want 3 and 3", d.MaxLevel, len(inds[0]))
		}
		pub, err := f.store.Publish(ctx, 0, "")
		if err != nil || pub.MaxLevel != 3 {
			t.Fatalf("publish: %+v, %v", pub, err)
		}
		// The old scale's top levels are no longer rateable.
		_, err = f.store.Rate(ctx, competency.RatingInput{EmployeeID: f.agent, CompetencyID: f.empathy.ID, Level: 4,
			ObservedOn: now, Source: competency.SourceSelf, AssessorID: f.agent})
		wantErr(t, err, rungs.ErrBadUserInput, "competency.level.range", "level")
	})
}

func TestDraftEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.store

	t.Run("ErrDuplicateCategory", func(t *testing.T) {
		_, err := s.CreateCategory(ctx, 0, competency.CategoryInput{Code: "service", NameEN: "Again", NameZH: "再"})
		wantErr(t, err, rungs.ErrConflict, "competency.category.taken", "code")
	})

	t.Run("ErrCategoryValidation", func(t *testing.T) {
		_, err := s.CreateCategory(ctx, 0, competency.CategoryInput{Code: "9X", NameEN: " ", NameZH: ""})
		wantErr(t, err, rungs.ErrBadUserInput, "competency.code.invalid", "code")
		if got, want := fields(err), []string{"code", "nameEn", "nameZh"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})

	t.Run("ErrDuplicateCompetency", func(t *testing.T) {
		_, err := s.CreateCompetency(ctx, 0, competency.CompetencyInput{Code: "EMPATHY", CategoryCode: "SERVICE", NameEN: "E", NameZH: "同"})
		wantErr(t, err, rungs.ErrConflict, "competency.code.taken", "code")
	})

	t.Run("ErrUnknownCategory", func(t *testing.T) {
		_, err := s.CreateCompetency(ctx, 0, competency.CompetencyInput{Code: "NEGOTIATION", CategoryCode: "NOPE", NameEN: "N", NameZH: "谈"})
		wantErr(t, err, rungs.ErrBadUserInput, "competency.category.not_found", "categoryCode")
		// The refused competency left no identity behind.
		var n int
		if err := f.db.Get(&n, `SELECT count(*) FROM competencies WHERE code = 'NEGOTIATION'`); err != nil || n != 0 {
			t.Errorf("%d NEGOTIATION rows after a refused create (%v)", n, err)
		}
		_, err = s.UpdateCompetency(ctx, 0, f.empathy.ID, competency.CompetencyInput{CategoryCode: "NOPE", NameEN: "N", NameZH: "谈"})
		wantErr(t, err, rungs.ErrBadUserInput, "competency.category.not_found", "categoryCode")
	})

	t.Run("ErrCompetencyValidation", func(t *testing.T) {
		_, err := s.CreateCompetency(ctx, 0, competency.CompetencyInput{Code: "x"})
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
		if got, want := fields(err), []string{"categoryCode", "code", "nameEn", "nameZh"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})

	t.Run("ErrUnknownCompetency", func(t *testing.T) {
		_, err := s.UpdateCompetency(ctx, 0, -1, competency.CompetencyInput{CategoryCode: "SERVICE", NameEN: "N", NameZH: "谈"})
		wantErr(t, err, rungs.ErrNotFound, "competency.not_found", "")
		_, err = s.ArchiveCompetency(ctx, 0, -1)
		wantErr(t, err, rungs.ErrNotFound, "competency.not_found", "")
		_, err = s.SetIndicators(ctx, 0, -1, []competency.IndicatorInput{{Level: 1, EN: "a", ZH: "甲"}})
		wantErr(t, err, rungs.ErrNotFound, "competency.not_found", "")
	})

	t.Run("SetIndicators", func(t *testing.T) {
		c, err := s.SetIndicators(ctx, 0, f.listening.ID, []competency.IndicatorInput{
			{Level: 4, EN: " Summarises back ", ZH: "复述"}, {Level: 1, EN: "Lets the customer finish", ZH: "不打断"},
		})
		if err != nil {
			t.Fatal(err)
		}
		inds, _ := s.IndicatorsOf(ctx, []int64{c.VersionID})
		if len(inds[0]) != 2 || inds[0][0].Level != 1 || inds[0][1].Level != 4 || inds[0][1].EN != "Summarises back" {
			t.Errorf("indicators %+v", inds[0])
		}
		// Setting them again replaces them.
		if _, err := s.SetIndicators(ctx, 0, f.listening.ID, []competency.IndicatorInput{{Level: 2, EN: "b", ZH: "乙"}}); err != nil {
			t.Fatal(err)
		}
		inds, _ = s.IndicatorsOf(ctx, []int64{c.VersionID})
		if len(inds[0]) != 1 || inds[0][0].Level != 2 {
			t.Errorf("after replace: %+v", inds[0])
		}
		// The published version's indicators are untouched.
		pub, _ := s.IndicatorsOf(ctx, []int64{f.listening.VersionID})
		if len(pub[0]) != 0 {
			t.Errorf("published LISTENING gained indicators: %+v", pub[0])
		}
	})

	t.Run("ErrIndicators", func(t *testing.T) {
		_, err := s.SetIndicators(ctx, 0, f.listening.ID, []competency.IndicatorInput{
			{Level: 6, EN: "a", ZH: "甲"},
			{Level: 2, EN: "b", ZH: "乙"},
			{Level: 2, EN: "c", ZH: "丙"},
			{Level: 0, EN: "d", ZH: ""},
		})
		wantErr(t, err, rungs.ErrBadUserInput, "competency.level.range", "indicators[0].level")
		if got, want := fields(err), []string{"indicators[0].level", "indicators[2].level", "indicators[3]", "indicators[3].level"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
		var e *rungs.Error
		if errors.As(err, &e) && e.Details[1].Key != "competency.indicator.duplicate" {
			t.Errorf("second problem %+v, want the duplicate level", e.Details[1])
		}
	})

	t.Run("ErrScale", func(t *testing.T) {
		_, err := s.SetScale(ctx, 0, []competency.LevelInput{{NameEN: "Only", NameZH: ""}})
		wantErr(t, err, rungs.ErrBadUserInput, "competency.scale.size", "levels")
		if got, want := fields(err), []string{"levels", "levels[0]"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
		ten := make([]competency.LevelInput, 10)
		for i := range ten {
			ten[i] = competency.LevelInput{NameEN: "L", NameZH: "级"}
		}
		_, err = s.SetScale(ctx, 0, ten)
		wantErr(t, err, rungs.ErrBadUserInput, "competency.scale.size", "levels")
	})
}

func TestArchiveCompetency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.rate(t, f.agent, f.listening.ID, 2, competency.SourceManager, day(-75))
	a, err := f.store.ArchiveCompetency(ctx, 0, f.listening.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Archived || a.Version != 2 {
		t.Errorf("archived %+v, want archived in draft 2", a)
	}
	// Until published, the competency stays rateable.
	f.rate(t, f.agent2, f.listening.ID, 2, competency.SourceManager, day(-75))
	pub, err := f.store.Publish(ctx, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	open, _ := f.store.Competencies(ctx, pub.ID, false)
	if len(open) != 1 || open[0].Code != "EMPATHY" {
		t.Errorf("Competencies without archived: %v, want EMPATHY only", open)
	}
	all, _ := f.store.Competencies(ctx, pub.ID, true)
	if len(all) != 2 || all[1].Code != "LISTENING" || !all[1].Archived {
		t.Errorf("Competencies with archived: %+v", all)
	}
	_, err = f.store.Rate(ctx, competency.RatingInput{EmployeeID: f.agent, CompetencyID: f.listening.ID, Level: 3,
		ObservedOn: now, Source: competency.SourceManager, AssessorID: f.manager})
	wantErr(t, err, rungs.ErrBadUserInput, "competency.not_in_framework", "competencyId")
	// Its evidence stays.
	profs, _ := f.store.Proficiencies(ctx, []int64{f.agent})
	if p, ok := profs[0][f.listening.ID]; !ok || p.Level != 2 {
		t.Errorf("evidence of an archived competency: %+v, %v", p, ok)
	}
	// The next draft copies it archived.
	c, err := f.store.CreateCategory(ctx, 0, competency.CategoryInput{Code: "OTHER", NameEN: "O", NameZH: "他"})
	if err != nil {
		t.Fatal(err)
	}
	draft, _ := f.store.Competencies(ctx, c.FrameworkID, true)
	if len(draft) != 2 || !draft[1].Archived {
		t.Errorf("draft 3: %+v", draft)
	}
}

func TestConcurrentFirstEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for round := range 3 {
		f := newFixture(t)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		start := make(chan struct{})
		for i, code := range []string{"ALPHA", "BETA"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = f.store.CreateCategory(ctx, 0, competency.CategoryInput{Code: code, NameEN: code, NameZH: code})
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: edit %d: %v", round, i, err)
			}
		}
		all, err := f.store.Frameworks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var drafts []*competency.Framework
		for _, fw := range all {
			if fw.Status == competency.StatusDraft {
				drafts = append(drafts, fw)
			}
		}
		if len(all) != 2 || len(drafts) != 1 || drafts[0].Version != 2 {
			t.Fatalf("round %d: %d versions, %d drafts; want v1 and one draft v2", round, len(all), len(drafts))
		}
		cats, _ := f.store.Categories(ctx, drafts[0].ID)
		var codes []string
		for _, c := range cats {
			codes = append(codes, c.Code)
		}
		slices.Sort(codes)
		if want := []string{"ALPHA", "BETA", "SERVICE"}; !slices.Equal(codes, want) {
			t.Errorf("round %d: draft categories %v, want %v (copied once, both edits kept)", round, codes, want)
		}
		comps, _ := f.store.Competencies(ctx, drafts[0].ID, true)
		if len(comps) != 2 {
			t.Errorf("round %d: draft has %d competencies, want 2 copied once", round, len(comps))
		}
	}
}
