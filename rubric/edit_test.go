package rubric_test

import (
	"slices"
	"testing"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/rubric"
)

func TestCreateRubric(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	in := rubric.RubricInput{Code: " qa-call ", NameEN: "Call QA", NameZH: "通话质检", Purpose: "qa_sampling"}

	t.Run("OK", func(t *testing.T) {
		r, err := f.store.CreateRubric(ctx, f.as(t, f.trainer), in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Code != "QA-CALL" || r.Purpose != rubric.PurposeQASampling || r.Status != rubric.StatusDraft || r.OwnerID != f.trainer {
			t.Errorf("created %+v", r)
		}
		_, err = f.store.CreateRubric(ctx, f.as(t, f.admin), in)
		wantErr(t, err, rungs.ErrConflict, "rubric.code.taken", "code")
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for _, who := range []int64{f.manager, f.hr, f.agent} {
			_, err := f.store.CreateRubric(ctx, f.as(t, who), rubric.RubricInput{Code: "OTHER", NameEN: "x", NameZH: "x", Purpose: "OBSERVATION"})
			wantErr(t, err, rungs.ErrForbidden, "rubric.forbidden", "")
		}
		_, err := f.store.CreateRubric(ctx, nil, in)
		wantErr(t, err, rungs.ErrUnauthenticated, "", "")
	})
	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.store.CreateRubric(ctx, f.as(t, f.trainer), rubric.RubricInput{Code: "9x", NameEN: " ", Purpose: "AUDIT"})
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
		want := []string{
			"code rubric.code.invalid",
			"nameEn rubric.name_en.required",
			"nameZh rubric.name_zh.required",
			"purpose rubric.purpose.invalid",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems = %q, want %q", got, want)
		}
	})
}

func TestUpdateRubric(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, err := f.store.CreateRubric(ctx, f.as(t, f.trainer), rubric.RubricInput{Code: "OBS", NameEN: "Obs", NameZH: "观察", Purpose: "OBSERVATION"})
	if err != nil {
		t.Fatal(err)
	}
	upd := rubric.RubricInput{Code: "IGNORED", NameEN: "Floor observation", NameZH: "现场观察", Purpose: "OBSERVATION", DescEN: "d"}

	_, err = f.store.UpdateRubric(ctx, f.as(t, f.trainer2), r.ID, upd)
	wantErr(t, err, rungs.ErrForbidden, "rubric.not_owner", "")

	got, err := f.store.UpdateRubric(ctx, f.as(t, f.admin), r.ID, upd)
	if err != nil {
		t.Fatal(err)
	}
	if got.Code != "OBS" || got.NameEN != "Floor observation" || got.DescEN != "d" {
		t.Errorf("updated %+v: want the new names and the old code", got)
	}
	_, err = f.store.UpdateRubric(ctx, f.as(t, f.trainer), 999999, upd)
	wantErr(t, err, rungs.ErrNotFound, "rubric.not_found", "")

	if _, err := f.store.Archive(ctx, f.as(t, f.trainer), r.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.UpdateRubric(ctx, f.as(t, f.trainer), r.ID, upd)
	wantErr(t, err, rungs.ErrConflict, "rubric.archived", "")
}

func TestSetCriteriaValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.as(t, f.trainer)
	r, err := f.store.CreateRubric(ctx, owner, rubric.RubricInput{Code: "QA", NameEN: "QA", NameZH: "质检", Purpose: "QA_SAMPLING"})
	if err != nil {
		t.Fatal(err)
	}
	missing3 := describe("x")
	missing3 = append(missing3[:2], missing3[3:]...)
	badDescs := describe("y")
	badDescs[1].TextZH = " "
	badDescs = append(badDescs, rubric.DescriptorInput{Level: 6, TextEN: "six", TextZH: "六"}, rubric.DescriptorInput{Level: 4, TextEN: "again", TextZH: "又"})

	t.Run("ErrManyAtOnce", func(t *testing.T) {
		_, err := f.store.SetCriteria(ctx, owner, r.ID, []rubric.CriterionInput{
			{CompetencyID: f.empathy, Weight: 2, NameEN: "Empathy", NameZH: "同理心", Descriptors: missing3},
			{CompetencyID: f.empathy, Weight: 0, NameEN: "Again", NameZH: "", Descriptors: describe("e")},
			{CompetencyID: f.archived, Weight: 1, NameEN: "Script", NameZH: "话术", Descriptors: describe("s")},
			{CompetencyID: 987654, Weight: -1, NameEN: "Ghost", NameZH: "鬼", Descriptors: nil},
			{CompetencyID: f.listening, Weight: 1, NameEN: "Listening", NameZH: "倾听", Descriptors: badDescs},
		})
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
		want := []string{
			"criteria[0].descriptors rubric.descriptor.missing",
			"criteria[1].competencyId rubric.criterion.duplicate",
			"criteria[1].nameZh rubric.criterion.name_zh.required",
			"criteria[1].weight rubric.criterion.weight_range",
			"criteria[2].competencyId rubric.criterion.competency_unknown",
			"criteria[3].competencyId rubric.criterion.competency_unknown",
			"criteria[3].descriptors rubric.descriptor.missing",
			"criteria[3].descriptors rubric.descriptor.missing",
			"criteria[3].descriptors rubric.descriptor.missing",
			"criteria[3].descriptors rubric.descriptor.missing",
			"criteria[3].descriptors rubric.descriptor.missing",
			"criteria[3].weight rubric.criterion.weight_range",
			"criteria[4].descriptors[1].textZh rubric.descriptor.text_zh.required",
			"criteria[4].descriptors[5].level rubric.descriptor.level_range",
			"criteria[4].descriptors[6].level rubric.descriptor.duplicate",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems =\n%q\nwant\n%q", got, want)
		}
		cs, err := f.store.CriteriaOf(ctx, []int64{r.ID})
		if err != nil || len(cs[0]) != 0 {
			t.Errorf("criteria after a refused SetCriteria = %v, %v; want none", cs, err)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		_, err := f.store.SetCriteria(ctx, owner, r.ID, nil)
		wantErr(t, err, rungs.ErrBadUserInput, "rubric.criteria.required", "criteria")
	})
	t.Run("ErrNotOwner", func(t *testing.T) {
		_, err := f.store.SetCriteria(ctx, f.as(t, f.trainer2), r.ID, nil)
		wantErr(t, err, rungs.ErrForbidden, "rubric.not_owner", "")
	})
}

func TestSetCriteria(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r, cs := f.published(t, "QA-CALL")
	if len(cs) != 3 {
		t.Fatalf("criteria = %d, want 3", len(cs))
	}
	for i, c := range cs {
		if c.Position != i || c.RubricID != r.ID {
			t.Errorf("criterion %d: %+v", i, c)
		}
	}
	if cs[0].CompetencyID != f.empathy || cs[0].Weight != 2 || cs[1].Weight != 1 {
		t.Errorf("criteria %+v %+v", cs[0], cs[1])
	}
	if !r.MaxLevel.Valid || r.MaxLevel.Int64 != 5 || r.Status != rubric.StatusPublished || !r.PublishedAt.Time.Equal(now) {
		t.Errorf("published rubric %+v", r)
	}

	// Reads in key order, one slice per key, empty for an unknown key.
	got, err := f.store.CriteriaOf(ctx, []int64{999, r.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got[0]) != 0 || len(got[1]) != 3 || got[1][2].NameEN != "Resolution" {
		t.Errorf("CriteriaOf = %v", got)
	}
	ds, err := f.store.DescriptorsOf(ctx, []int64{cs[1].ID, cs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds[0]) != 5 || ds[0][0].Level != 1 || ds[0][4].Level != 5 || ds[0][2].TextEN != "listening at level 3" || ds[1][0].CriterionID != cs[0].ID {
		t.Errorf("DescriptorsOf = %v", ds)
	}

	// Published but never scored: the criteria may still change.
	cs2, err := f.store.SetCriteria(ctx, f.as(t, f.admin), r.ID, []rubric.CriterionInput{
		{CompetencyID: f.listening, Weight: 1.5, NameEN: "Listening", NameZH: "倾听", Descriptors: describe("l")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs2) != 1 || cs2[0].Weight != 1.5 {
		t.Errorf("replaced criteria %+v", cs2)
	}
	var descriptors int
	if err := f.db.Get(&descriptors, `SELECT count(*) FROM rubric_level_descriptors`); err != nil || descriptors != 5 {
		t.Errorf("descriptors after replacing = %d, %v; want 5 (old ones gone)", descriptors, err)
	}
	// Once scored, never again.
	f.score(t, f.trainer, f.agent, r, cs2, "CALL-1", 3)
	_, err = f.store.SetCriteria(ctx, f.as(t, f.trainer), r.ID, []rubric.CriterionInput{
		{CompetencyID: f.empathy, Weight: 1, NameEN: "Empathy", NameZH: "同理心", Descriptors: describe("e")},
	})
	wantErr(t, err, rungs.ErrConflict, "rubric.criteria.scored", "")
}

func TestPublishAndArchive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.as(t, f.trainer)
	r, err := f.store.CreateRubric(ctx, owner, rubric.RubricInput{Code: "OBS", NameEN: "Obs", NameZH: "观察", Purpose: "OBSERVATION"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.store.Publish(ctx, owner, r.ID)
	wantErr(t, err, rungs.ErrConflict, "rubric.criteria.required", "")
	if _, err := f.store.SetCriteria(ctx, owner, r.ID, []rubric.CriterionInput{
		{CompetencyID: f.empathy, Weight: 1, NameEN: "Empathy", NameZH: "同理心", Descriptors: describe("e")},
	}); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.Publish(ctx, f.as(t, f.trainer2), r.ID)
	wantErr(t, err, rungs.ErrForbidden, "rubric.not_owner", "")

	// The framework moved on: the competency was archived since.
	if _, err := f.db.Exec(`UPDATE competency_versions SET archived = true WHERE competency_id = $1`, f.empathy); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.Publish(ctx, owner, r.ID)
	wantErr(t, err, rungs.ErrConflict, "rubric.criteria.outdated", "")
	if _, err := f.db.Exec(`UPDATE competency_versions SET archived = false WHERE competency_id = $1`, f.empathy); err != nil {
		t.Fatal(err)
	}

	p, err := f.store.Publish(ctx, owner, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != rubric.StatusPublished {
		t.Errorf("status %s", p.Status)
	}
	_, err = f.store.Publish(ctx, owner, r.ID)
	wantErr(t, err, rungs.ErrConflict, "rubric.not_draft", "")

	list, err := f.store.Rubrics(ctx, rubric.Filter{Status: rubric.StatusPublished, Purpose: rubric.PurposeObservation})
	if err != nil || len(list) != 1 || list[0].ID != r.ID {
		t.Errorf("Rubrics(published observation) = %v, %v", list, err)
	}

	a, err := f.store.Archive(ctx, f.as(t, f.admin), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != rubric.StatusArchived || !a.ArchivedAt.Valid {
		t.Errorf("archived %+v", a)
	}
	again, err := f.store.Archive(ctx, owner, r.ID)
	if err != nil || again.ArchivedAt != a.ArchivedAt {
		t.Errorf("archiving again = %+v, %v; want it unchanged", again, err)
	}
	list, err = f.store.Rubrics(ctx, rubric.Filter{Status: rubric.StatusPublished})
	if err != nil || len(list) != 0 {
		t.Errorf("Rubrics(published) after archiving = %v, %v", list, err)
	}
	byID, err := f.store.RubricsByIDs(ctx, []int64{r.ID, 0})
	if err != nil || byID[0] == nil || byID[0].Status != rubric.StatusArchived || byID[1] != nil {
		t.Errorf("RubricsByIDs = %v, %v", byID, err)
	}
}
