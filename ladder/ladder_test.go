package ladder_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/ladder"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// fixture is a fresh database with two tracks:
//
//	MGMT: agent (1) → lead (2) → manager (3)
//	SPEC: specialist (1), expert (2)
//
// and no moves yet.
type fixture struct {
	db                     *sqlx.DB
	s                      *ladder.Store
	mgmt, spec             *ladder.Track
	agent, lead, manager   *ladder.Position
	specialist, expert     *ladder.Position
	frameworkID            int64
	comp1, comp2, outsider int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := dbtest.New(t)
	f := &fixture{db: db, s: ladder.NewStore(db)}
	f.mgmt = f.mustTrack(t, "MGMT", 0)
	f.spec = f.mustTrack(t, "SPEC", 1)
	f.agent = f.mustPosition(t, "AGENT", f.mgmt.ID, 1)
	f.lead = f.mustPosition(t, "LEAD", f.mgmt.ID, 2)
	f.manager = f.mustPosition(t, "MANAGER", f.mgmt.ID, 3)
	f.specialist = f.mustPosition(t, "SPECIALIST", f.spec.ID, 1)
	f.expert = f.mustPosition(t, "EXPERT", f.spec.ID, 2)
	return f
}

func (f *fixture) mustTrack(t *testing.T, code string, order int) *ladder.Track {
	t.Helper()
	tr, err := f.s.CreateTrack(context.Background(), ladder.TrackInput{Code: code, NameEN: code, NameZH: code, SortOrder: order})
	if err != nil {
		t.Fatalf("CreateTrack %s: %v", code, err)
	}
	return tr
}

func (f *fixture) mustPosition(t *testing.T, code string, track int64, level int) *ladder.Position {
	t.Helper()
	p, err := f.s.CreatePosition(context.Background(), ladder.PositionInput{Code: code, TrackID: track, Level: level, NameEN: code, NameZH: code})
	if err != nil {
		t.Fatalf("CreatePosition %s: %v", code, err)
	}
	return p
}

func (f *fixture) mustMove(t *testing.T, from, to *ladder.Position, kind string) {
	t.Helper()
	if _, err := f.s.AddMove(context.Background(), from.ID, to.ID, kind); err != nil {
		t.Fatalf("AddMove %s → %s: %v", from.Code, to.Code, err)
	}
}

// withFramework writes a published five-level framework with competencies
// COMP_ONE and COMP_TWO (in the scale) and OUTSIDER (archived, so not in
// it), in plain SQL.
func (f *fixture) withFramework(t *testing.T) ladder.Scale {
	t.Helper()
	err := f.db.Get(&f.frameworkID, `
		INSERT INTO frameworks (version, status, max_level, published_at) VALUES (1, 'PUBLISHED', 5, now()) RETURNING id`)
	if err != nil {
		t.Fatal(err)
	}
	var cat int64
	if err := f.db.Get(&cat, `
		INSERT INTO competency_categories (framework_id, code, name_en, name_zh) VALUES ($1, 'SERVICE', 'Service', '服务')
		RETURNING id`, f.frameworkID); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		code     string
		dst      *int64
		archived bool
	}{{"COMP_ONE", &f.comp1, false}, {"COMP_TWO", &f.comp2, false}, {"OUTSIDER", &f.outsider, true}} {
		if err := f.db.Get(c.dst, `INSERT INTO competencies (code) VALUES ($1) RETURNING id`, c.code); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.Exec(`
			INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, archived)
			VALUES ($1, $2, $3, $4, $4, $5)`, *c.dst, f.frameworkID, cat, c.code, c.archived); err != nil {
			t.Fatal(err)
		}
	}
	return ladder.Scale{FrameworkID: f.frameworkID, MaxLevel: 5, Competencies: map[int64]bool{f.comp1: true, f.comp2: true}}
}

func (f *fixture) moves(t *testing.T) map[[2]int64]string {
	t.Helper()
	ms, err := f.s.Moves(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]int64]string{}
	for _, m := range ms {
		out[[2]int64{m.FromID, m.ToID}] = m.Kind
	}
	return out
}

func wantErr(t *testing.T, err error, code, key, field string) *rungs.Error {
	t.Helper()
	var e *rungs.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a %s rungs.Error", err, code)
	}
	if e.Code != code {
		t.Errorf("code = %s, want %s (%v)", e.Code, code, err)
	}
	if key != "" && e.Key != key {
		t.Errorf("key = %s, want %s (%v)", e.Key, key, err)
	}
	if field != "" && e.Field != field {
		t.Errorf("field = %q, want %q (%v)", e.Field, field, err)
	}
	return e
}

// problems lists "field key" for every problem of a validation error, in
// the order reported.
func problems(err error) []string {
	var e *rungs.Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []string
	for _, d := range e.Details {
		out = append(out, d.Field+" "+d.Key)
	}
	return out
}

func fieldsOf(err error) []string {
	var e *rungs.Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []string
	for _, d := range e.Details {
		out = append(out, d.Field)
	}
	slices.Sort(out)
	return out
}

func TestAddMove(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)

	t.Run("OK", func(t *testing.T) {
		m, err := f.s.AddMove(ctx, f.agent.ID, f.lead.ID, ladder.MovePromotion)
		if err != nil {
			t.Fatal(err)
		}
		if m.FromID != f.agent.ID || m.ToID != f.lead.ID || m.Kind != ladder.MovePromotion || m.CreatedAt.IsZero() {
			t.Errorf("move %+v", m)
		}
		// A promotion may skip levels, and is one way only.
		f.mustMove(t, f.agent, f.manager, ladder.MovePromotion)
		got := f.moves(t)
		if len(got) != 2 || got[[2]int64{f.agent.ID, f.lead.ID}] != ladder.MovePromotion ||
			got[[2]int64{f.agent.ID, f.manager.ID}] != ladder.MovePromotion {
			t.Errorf("moves %v", got)
		}
	})

	t.Run("ErrPromotionNotRising", func(t *testing.T) {
		_, err := f.s.AddMove(ctx, f.lead.ID, f.agent.ID, ladder.MovePromotion)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.promotion_not_rising", "kind")
		// Equal levels are not a rise either, across tracks too.
		_, err = f.s.AddMove(ctx, f.agent.ID, f.specialist.ID, ladder.MovePromotion)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.promotion_not_rising", "kind")
	})

	t.Run("ErrLateralLevel", func(t *testing.T) {
		_, err := f.s.AddMove(ctx, f.agent.ID, f.expert.ID, ladder.MoveLateral)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.lateral_level", "kind")
		same := f.mustPosition(t, "AGENT_TWO", f.mgmt.ID, 1)
		_, err = f.s.AddMove(ctx, f.agent.ID, same.ID, ladder.MoveLateral)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.lateral_level", "kind")
	})

	t.Run("LateralBothWays", func(t *testing.T) {
		m, err := f.s.AddMove(ctx, f.lead.ID, f.expert.ID, ladder.MoveLateral)
		if err != nil {
			t.Fatal(err)
		}
		if m.FromID != f.lead.ID || m.Kind != ladder.MoveLateral {
			t.Errorf("move %+v", m)
		}
		got := f.moves(t)
		if got[[2]int64{f.lead.ID, f.expert.ID}] != ladder.MoveLateral || got[[2]int64{f.expert.ID, f.lead.ID}] != ladder.MoveLateral {
			t.Errorf("lateral not stored both ways: %v", got)
		}
		// Either direction again is the same move.
		_, err = f.s.AddMove(ctx, f.expert.ID, f.lead.ID, ladder.MoveLateral)
		wantErr(t, err, rungs.ErrConflict, "ladder.move.exists", "")

		// Removing it from either end removes both directions.
		ok, err := f.s.RemoveMove(ctx, f.expert.ID, f.lead.ID)
		if err != nil || !ok {
			t.Fatalf("RemoveMove = %v, %v", ok, err)
		}
		got = f.moves(t)
		if _, ok := got[[2]int64{f.lead.ID, f.expert.ID}]; ok {
			t.Errorf("lead → expert survived: %v", got)
		}
		if _, ok := got[[2]int64{f.expert.ID, f.lead.ID}]; ok {
			t.Errorf("expert → lead survived: %v", got)
		}
		if ok, err := f.s.RemoveMove(ctx, f.lead.ID, f.expert.ID); err != nil || ok {
			t.Errorf("removing a removed move: %v, %v", ok, err)
		}
	})

	t.Run("RemovePromotionOnly", func(t *testing.T) {
		f.mustMove(t, f.specialist, f.expert, ladder.MovePromotion)
		f.mustMove(t, f.agent, f.specialist, ladder.MoveLateral)
		before := len(f.moves(t))
		ok, err := f.s.RemoveMove(ctx, f.specialist.ID, f.expert.ID)
		if err != nil || !ok {
			t.Fatalf("RemoveMove = %v, %v", ok, err)
		}
		got := f.moves(t)
		if len(got) != before-1 || got[[2]int64{f.agent.ID, f.specialist.ID}] == "" {
			t.Errorf("removing a promotion touched other moves: %v", got)
		}
		// Removing a promotion backwards does nothing.
		f.mustMove(t, f.specialist, f.expert, ladder.MovePromotion)
		if ok, _ := f.s.RemoveMove(ctx, f.expert.ID, f.specialist.ID); ok {
			t.Error("RemoveMove(to, from) removed a promotion")
		}
		if f.moves(t)[[2]int64{f.specialist.ID, f.expert.ID}] != ladder.MovePromotion {
			t.Error("promotion gone")
		}
	})

	t.Run("ErrDuplicate", func(t *testing.T) {
		_, err := f.s.AddMove(ctx, f.agent.ID, f.lead.ID, ladder.MovePromotion)
		wantErr(t, err, rungs.ErrConflict, "ladder.move.exists", "")
	})

	t.Run("ErrUnknownPosition", func(t *testing.T) {
		gone := f.mustPosition(t, "GONE", f.mgmt.ID, 4)
		if _, err := f.db.Exec(`DELETE FROM positions WHERE id = $1`, gone.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.AddMove(ctx, f.agent.ID, gone.ID, ladder.MovePromotion)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.unknown_position", "toPositionId")
		_, err = f.s.AddMove(ctx, gone.ID, f.manager.ID, ladder.MovePromotion)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.unknown_position", "")
		_, err = f.s.AddMove(ctx, f.agent.ID, gone.ID, ladder.MoveLateral)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.unknown_position", "")
	})

	t.Run("ErrSelf", func(t *testing.T) {
		for _, k := range []string{ladder.MovePromotion, ladder.MoveLateral} {
			_, err := f.s.AddMove(ctx, f.lead.ID, f.lead.ID, k)
			wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.self", "toPositionId")
		}
	})

	t.Run("ErrKind", func(t *testing.T) {
		_, err := f.s.AddMove(ctx, f.agent.ID, f.lead.ID, "SIDEWAYS")
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.kind", "kind")
	})

	t.Run("ErrArchived", func(t *testing.T) {
		old := f.mustPosition(t, "OLD_EXPERT", f.spec.ID, 3)
		if _, err := f.s.ArchivePosition(ctx, old.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.AddMove(ctx, f.expert.ID, old.ID, ladder.MovePromotion)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.archived", "")
		_, err = f.s.AddMove(ctx, old.ID, f.manager.ID, ladder.MoveLateral)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.move.archived", "")
	})
}

func TestMovesHideArchived(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.mustMove(t, f.agent, f.lead, ladder.MovePromotion)
	f.mustMove(t, f.lead, f.expert, ladder.MoveLateral)
	f.mustMove(t, f.agent, f.specialist, ladder.MoveLateral)
	out, err := f.s.MovesFrom(ctx, []int64{f.lead.ID, f.agent.ID, f.manager.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(out[0]) != 1 || len(out[1]) != 2 || len(out[2]) != 0 {
		t.Fatalf("moves from lead, agent, manager: %d, %d, %d", len(out[0]), len(out[1]), len(out[2]))
	}
	if out[1][0].Kind != ladder.MovePromotion || out[1][1].Kind != ladder.MoveLateral {
		t.Errorf("moves from agent not promotions first: %v, %v", out[1][0].Kind, out[1][1].Kind)
	}
	if _, err := f.s.ArchivePosition(ctx, f.expert.ID); err != nil {
		t.Fatal(err)
	}
	got := f.moves(t)
	if len(got) != 3 {
		t.Errorf("moves with expert archived: %v, want agent→lead and agent↔specialist", got)
	}
	for k := range got {
		if k[0] == f.expert.ID || k[1] == f.expert.ID {
			t.Errorf("move %v involves the archived expert", k)
		}
	}
	out, _ = f.s.MovesFrom(ctx, []int64{f.lead.ID})
	if len(out[0]) != 0 {
		t.Errorf("lead still moves to the archived expert: %v", out[0])
	}
}

func TestSetRequirements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	scale := f.withFramework(t)

	t.Run("OK", func(t *testing.T) {
		got, err := f.s.SetRequirements(ctx, f.lead.ID, []ladder.RequirementInput{
			{Kind: ladder.KindPerformanceRating, MinRating: 3.5, MinLevel: 4},
			{Kind: ladder.KindCompetency, CompetencyID: f.comp2, MinLevel: 3, MinMonths: 7},
			{Kind: ladder.KindMonthsInPosition, MinMonths: 12},
			{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 5},
		}, scale)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Fatalf("%d requirements back", len(got))
		}
		// Returned in the order given, each kind with only its columns.
		r := got[0]
		if r.Kind != ladder.KindPerformanceRating || r.MinRating.Float64 != 3.5 || r.MinLevel.Valid || r.CompetencyID.Valid || r.FrameworkID.Valid || r.MinMonths.Valid {
			t.Errorf("rating requirement %+v", r)
		}
		r = got[1]
		if r.Kind != ladder.KindCompetency || r.CompetencyID.Int64 != f.comp2 || r.MinLevel.Int64 != 3 ||
			r.FrameworkID.Int64 != f.frameworkID || r.MinMonths.Valid || r.MinRating.Valid || r.PositionID != f.lead.ID {
			t.Errorf("competency requirement %+v", r)
		}
		if r := got[2]; r.Kind != ladder.KindMonthsInPosition || r.MinMonths.Int64 != 12 || r.CompetencyID.Valid || r.MinRating.Valid {
			t.Errorf("months requirement %+v", r)
		}

		// RequirementsOf: competencies first by code, then the other kinds.
		all, err := f.s.RequirementsOf(ctx, []int64{f.lead.ID, f.agent.ID})
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, r := range all[0] {
			k := r.Kind
			if r.CompetencyID.Valid {
				k += ":" + map[int64]string{f.comp1: "1", f.comp2: "2"}[r.CompetencyID.Int64]
			}
			kinds = append(kinds, k)
		}
		if want := []string{"COMPETENCY:1", "COMPETENCY:2", "MONTHS_IN_POSITION", "PERFORMANCE_RATING"}; !slices.Equal(kinds, want) {
			t.Errorf("RequirementsOf lead: %v, want %v", kinds, want)
		}
		if all[1] == nil || len(all[1]) != 0 {
			t.Errorf("agent has requirements %v", all[1])
		}
	})

	t.Run("Replace", func(t *testing.T) {
		got, err := f.s.SetRequirements(ctx, f.lead.ID, []ladder.RequirementInput{
			{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 2},
			{Kind: ladder.KindMonthsInPosition, MinMonths: 0},
		}, scale)
		if err != nil {
			t.Fatal(err)
		}
		all, _ := f.s.RequirementsOf(ctx, []int64{f.lead.ID})
		if len(got) != 2 || len(all[0]) != 2 || all[0][0].MinLevel.Int64 != 2 || all[0][1].MinMonths.Int64 != 0 || !all[0][1].MinMonths.Valid {
			t.Errorf("after replace: %+v", all[0])
		}
		// An empty set clears them.
		if _, err := f.s.SetRequirements(ctx, f.lead.ID, nil, scale); err != nil {
			t.Fatal(err)
		}
		all, _ = f.s.RequirementsOf(ctx, []int64{f.lead.ID})
		if len(all[0]) != 0 {
			t.Errorf("after clearing: %+v", all[0])
		}
	})

	t.Run("CoursesAndCertifications", func(t *testing.T) {
		owner := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{PositionID: f.agent.ID})
		course := func(code string, cert bool, status string) int64 {
			var id int64
			err := f.db.Get(&id, `
				INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, certification, status, published_at, archived_at)
				VALUES ($1, $1, $1, 'E_LEARNING', 2, $2, $3, $4,
				        CASE WHEN $4 <> 'DRAFT' THEN now() END, CASE WHEN $4 = 'ARCHIVED' THEN now() END)
				RETURNING id`, code, owner, cert, status)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		plain, cert, archived := course("REQ-1", false, "PUBLISHED"), course("REQ-2", true, "PUBLISHED"), course("REQ-3", false, "ARCHIVED")
		got, err := f.s.SetRequirements(ctx, f.manager.ID, []ladder.RequirementInput{
			{Kind: ladder.KindCourse, CourseID: plain, MinLevel: 3},
			{Kind: ladder.KindCertification, CourseID: cert},
		}, scale)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].CourseID.Int64 != plain || got[0].MinLevel.Valid || got[1].Kind != ladder.KindCertification || got[1].CourseID.Int64 != cert {
			t.Errorf("course requirements %+v %+v", got[0], got[1])
		}
		_, err = f.s.SetRequirements(ctx, f.manager.ID, []ladder.RequirementInput{
			{Kind: ladder.KindCourse, CourseID: plain},
			{Kind: ladder.KindCourse, CourseID: plain},
			{Kind: ladder.KindCertification, CourseID: plain},
			{Kind: ladder.KindCourse, CourseID: archived},
			{Kind: ladder.KindCourse, CourseID: 1 << 40},
			{Kind: ladder.KindCourse},
		}, scale)
		var keys []string
		if e, ok := err.(*rungs.Error); ok {
			for _, d := range e.Details {
				keys = append(keys, d.Key)
			}
		}
		// The duplicate is caught first; the rest once the set is unique.
		if want := []string{"ladder.requirement.duplicate", "ladder.requirement.duplicate", "ladder.requirement.course_required"}; !slices.Equal(keys, want) {
			t.Errorf("errors %v (%v), want %v", keys, err, want)
		}
		_, err = f.s.SetRequirements(ctx, f.manager.ID, []ladder.RequirementInput{
			{Kind: ladder.KindCertification, CourseID: plain},
			{Kind: ladder.KindCourse, CourseID: archived},
			{Kind: ladder.KindCourse, CourseID: 1 << 40},
		}, scale)
		keys = nil
		if e, ok := err.(*rungs.Error); ok {
			for _, d := range e.Details {
				keys = append(keys, d.Key)
			}
		}
		if want := []string{"ladder.requirement.not_certification", "ladder.requirement.course_archived", "ladder.requirement.course_unknown"}; !slices.Equal(keys, want) {
			t.Errorf("errors %v (%v), want %v", keys, err, want)
		}
	})

	t.Run("KPIThresholds", func(t *testing.T) {
		got, err := f.s.SetRequirements(ctx, f.expert.ID, []ladder.RequirementInput{
			{Kind: ladder.KindKPI, KPICode: "csat", KPIThreshold: 90, KPIMonths: 6, MinLevel: 3},
			{Kind: ladder.KindKPI, KPICode: "AHT", KPIThreshold: 300, KPIMonths: 3},
		}, scale)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !got[0].KPIID.Valid || got[0].KPIThreshold.Float64 != 90 || got[0].KPIMonths.Int64 != 6 || got[0].MinLevel.Valid {
			t.Errorf("KPI requirement %+v", got[0])
		}
		_, err = f.s.SetRequirements(ctx, f.expert.ID, []ladder.RequirementInput{
			{Kind: ladder.KindKPI, KPICode: "CSAT", KPIThreshold: 90, KPIMonths: 6},
			{Kind: ladder.KindKPI, KPICode: "CSAT", KPIThreshold: -1, KPIMonths: 30},
			{Kind: ladder.KindKPI},
		}, scale)
		var keys []string
		if e, ok := err.(*rungs.Error); ok {
			for _, d := range e.Details {
				keys = append(keys, d.Key)
			}
		}
		want := []string{"ladder.requirement.duplicate", "ladder.requirement.kpi_threshold_range", "ladder.requirement.kpi_months_range",
			"ladder.requirement.kpi_required", "ladder.requirement.kpi_months_range"}
		if !slices.Equal(keys, want) {
			t.Errorf("errors %v, want %v", keys, want)
		}
		_, err = f.s.SetRequirements(ctx, f.expert.ID, []ladder.RequirementInput{{Kind: ladder.KindKPI, KPICode: "NPS", KPIThreshold: 1, KPIMonths: 1}}, scale)
		if e, ok := err.(*rungs.Error); !ok || len(e.Details) != 1 || e.Details[0].Key != "ladder.requirement.kpi_unknown" {
			t.Errorf("unknown KPI: %v", err)
		}
	})

	t.Run("OtherKindsFieldsIgnored", func(t *testing.T) {
		// Values in fields a kind does not use are dropped, even ones no
		// column could hold.
		got, err := f.s.SetRequirements(ctx, f.agent.ID, []ladder.RequirementInput{
			{Kind: ladder.KindMonthsInPosition, MinMonths: 6, MinLevel: 40000, CompetencyID: 1 << 40, MinRating: 1e9},
			{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 2, MinMonths: 1 << 40, MinRating: -7},
			{Kind: ladder.KindPerformanceRating, MinRating: 4, MinLevel: 1 << 20, MinMonths: -3},
		}, scale)
		if err != nil {
			t.Fatal(err)
		}
		if r := got[0]; r.MinMonths.Int64 != 6 || r.MinLevel.Valid || r.CompetencyID.Valid || r.MinRating.Valid {
			t.Errorf("months requirement %+v", r)
		}
		if r := got[1]; r.MinLevel.Int64 != 2 || r.MinMonths.Valid || r.MinRating.Valid {
			t.Errorf("competency requirement %+v", r)
		}
		if r := got[2]; r.MinRating.Float64 != 4 || r.MinLevel.Valid || r.MinMonths.Valid {
			t.Errorf("rating requirement %+v", r)
		}
		if _, err := f.s.SetRequirements(ctx, f.agent.ID, nil, scale); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrAllAtOnce", func(t *testing.T) {
		if _, err := f.s.SetRequirements(ctx, f.manager.ID, []ladder.RequirementInput{
			{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 4},
		}, scale); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.SetRequirements(ctx, f.manager.ID, []ladder.RequirementInput{
			{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 3},
			{Kind: ladder.KindCompetency, CompetencyID: f.comp2, MinLevel: 6},
			{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 2},
			{Kind: ladder.KindCompetency, CompetencyID: f.outsider, MinLevel: 0},
			{Kind: ladder.KindMonthsInPosition, MinMonths: 6},
			{Kind: ladder.KindMonthsInPosition, MinMonths: 601},
			{Kind: ladder.KindPerformanceRating, MinRating: 0},
			{Kind: ladder.KindPerformanceRating, MinRating: 5.5},
			{Kind: "BADGE"},
		}, scale)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.requirement.level_range", "requirements[1].minLevel")
		want := []string{
			"requirements[1].minLevel ladder.requirement.level_range",
			"requirements[2].competencyId ladder.requirement.duplicate",
			"requirements[3].competencyId ladder.requirement.competency_unknown",
			"requirements[3].minLevel ladder.requirement.level_range",
			"requirements[5].minMonths ladder.requirement.months_range",
			"requirements[5].kind ladder.requirement.duplicate",
			"requirements[6].minRating ladder.requirement.rating_range",
			"requirements[7].minRating ladder.requirement.rating_range",
			"requirements[7].kind ladder.requirement.duplicate",
			"requirements[8].kind ladder.requirement.kind",
		}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems\n got %q\nwant %q", got, want)
		}
		// Nothing changed.
		all, _ := f.s.RequirementsOf(ctx, []int64{f.manager.ID})
		if len(all[0]) != 1 || all[0][0].MinLevel.Int64 != 4 {
			t.Errorf("requirements after a refused set: %+v", all[0])
		}
	})

	t.Run("ErrUnknownCompetency", func(t *testing.T) {
		// Not in the scale's competencies, though the row exists.
		_, err := f.s.SetRequirements(ctx, f.lead.ID, []ladder.RequirementInput{
			{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 1},
			{Kind: ladder.KindCompetency, CompetencyID: f.outsider, MinLevel: 1},
		}, scale)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.requirement.competency_unknown", "requirements[1].competencyId")
	})

	t.Run("ErrSmallerScale", func(t *testing.T) {
		small := scale
		small.MaxLevel = 3
		_, err := f.s.SetRequirements(ctx, f.lead.ID, []ladder.RequirementInput{{Kind: ladder.KindCompetency, CompetencyID: f.comp1, MinLevel: 4}}, small)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.requirement.level_range", "requirements[0].minLevel")
	})

	t.Run("ErrUnknownPosition", func(t *testing.T) {
		gone := f.mustPosition(t, "GONE", f.mgmt.ID, 5)
		if _, err := f.db.Exec(`DELETE FROM positions WHERE id = $1`, gone.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.SetRequirements(ctx, gone.ID, []ladder.RequirementInput{{Kind: ladder.KindMonthsInPosition, MinMonths: 3}}, scale)
		wantErr(t, err, rungs.ErrNotFound, "", "")
	})
}

func TestUpdatePosition(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.mustMove(t, f.agent, f.lead, ladder.MovePromotion)
	f.mustMove(t, f.lead, f.manager, ladder.MovePromotion)
	f.mustMove(t, f.lead, f.expert, ladder.MoveLateral)
	in := func(p *ladder.Position) ladder.PositionInput {
		return ladder.PositionInput{Code: p.Code, TrackID: p.TrackID, Level: p.Level, NameEN: p.NameEN, NameZH: p.NameZH}
	}

	t.Run("OK", func(t *testing.T) {
		i := in(f.manager)
		i.Code, i.Level, i.NameEN, i.RespEN, i.RespZH = " senior_manager ", 4, "Senior manager", "Leads leads", "带领组长"
		p, err := f.s.UpdatePosition(ctx, f.manager.ID, i)
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != f.manager.ID || p.Code != "SENIOR_MANAGER" || p.Level != 4 || p.NameEN != "Senior manager" ||
			p.RespEN != "Leads leads" || p.RespZH != "带领组长" || !p.UpdatedAt.After(f.manager.UpdatedAt) {
			t.Errorf("updated %+v", p)
		}
		f.manager = p
	})

	t.Run("ErrBreaksPromotion", func(t *testing.T) {
		for _, c := range []struct {
			p     *ladder.Position
			level int
		}{{f.lead, 1}, {f.lead, 4}, {f.agent, 2}, {f.manager, 2}} {
			i := in(c.p)
			i.Level = c.level
			_, err := f.s.UpdatePosition(ctx, c.p.ID, i)
			wantErr(t, err, rungs.ErrBadUserInput, "ladder.level.breaks_moves", "level")
			got, err := f.s.PositionByID(ctx, c.p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Level != c.p.Level || !got.UpdatedAt.Equal(c.p.UpdatedAt) {
				t.Errorf("%s after a refused update: level %d, want %d unchanged", c.p.Code, got.Level, c.p.Level)
			}
		}
	})

	t.Run("ErrBreaksLateral", func(t *testing.T) {
		// Moving the expert onto the management track joins a lateral
		// within one track.
		i := in(f.expert)
		i.TrackID = f.mgmt.ID
		_, err := f.s.UpdatePosition(ctx, f.expert.ID, i)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.level.breaks_moves", "level")
		got, _ := f.s.PositionByID(ctx, f.expert.ID)
		if got.TrackID != f.spec.ID {
			t.Errorf("expert moved to track %d", got.TrackID)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.s.UpdatePosition(ctx, f.agent.ID, ladder.PositionInput{Code: "a", Level: 10})
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.code.invalid", "code")
		if got, want := fieldsOf(err), []string{"code", "level", "nameEn", "nameZh", "trackId"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})

	t.Run("ErrDuplicateCode", func(t *testing.T) {
		i := in(f.agent)
		i.Code = "LEAD"
		_, err := f.s.UpdatePosition(ctx, f.agent.ID, i)
		wantErr(t, err, rungs.ErrConflict, "ladder.code.taken", "code")
	})

	t.Run("ErrUnknownTrack", func(t *testing.T) {
		i := in(f.agent)
		i.TrackID = 1 << 40
		_, err := f.s.UpdatePosition(ctx, f.agent.ID, i)
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.track.not_found", "trackId")
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.s.UpdatePosition(ctx, -1, in(f.agent))
		wantErr(t, err, rungs.ErrNotFound, "", "")
	})
}

func TestArchive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)

	t.Run("ErrPositionHeld", func(t *testing.T) {
		emp := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{PositionID: f.specialist.ID})
		_, err := f.s.ArchivePosition(ctx, f.specialist.ID)
		wantErr(t, err, rungs.ErrConflict, "ladder.position.held", "")
		if p, _ := f.s.PositionByID(ctx, f.specialist.ID); p.ArchivedAt.Valid {
			t.Error("held position archived")
		}
		// Someone who left does not hold it.
		if _, err := f.db.Exec(`UPDATE employees SET status = 'OFFBOARDED', offboarded_on = hire_date WHERE id = $1`, emp); err != nil {
			t.Fatal(err)
		}
		p, err := f.s.ArchivePosition(ctx, f.specialist.ID)
		if err != nil || !p.ArchivedAt.Valid {
			t.Fatalf("archive after offboarding: %+v, %v", p, err)
		}
		// Archiving again keeps the first time.
		again, err := f.s.ArchivePosition(ctx, f.specialist.ID)
		if err != nil || !again.ArchivedAt.Time.Equal(p.ArchivedAt.Time) {
			t.Errorf("archive twice: %+v, %v", again, err)
		}
		open, _ := f.s.Positions(ctx, f.spec.ID, false)
		if len(open) != 1 || open[0].ID != f.expert.ID {
			t.Errorf("open SPEC positions %v, want the expert only", open)
		}
		all, _ := f.s.Positions(ctx, f.spec.ID, true)
		if len(all) != 2 {
			t.Errorf("%d SPEC positions with archived, want 2", len(all))
		}
	})

	t.Run("ErrTrackHasPositions", func(t *testing.T) {
		_, err := f.s.ArchiveTrack(ctx, f.spec.ID)
		wantErr(t, err, rungs.ErrConflict, "ladder.track.has_positions", "")
		if ts, _ := f.s.Tracks(ctx, false); len(ts) != 2 {
			t.Errorf("%d open tracks after a refused archive", len(ts))
		}
		if _, err := f.s.ArchivePosition(ctx, f.expert.ID); err != nil {
			t.Fatal(err)
		}
		tr, err := f.s.ArchiveTrack(ctx, f.spec.ID)
		if err != nil || !tr.ArchivedAt.Valid {
			t.Fatalf("archive an emptied track: %+v, %v", tr, err)
		}
		open, _ := f.s.Tracks(ctx, false)
		if len(open) != 1 || open[0].ID != f.mgmt.ID {
			t.Errorf("open tracks %v, want MGMT only", open)
		}
		if all, _ := f.s.Tracks(ctx, true); len(all) != 2 {
			t.Errorf("%d tracks with archived, want 2", len(all))
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.s.ArchivePosition(ctx, -1)
		wantErr(t, err, rungs.ErrNotFound, "", "")
		_, err = f.s.ArchiveTrack(ctx, -1)
		wantErr(t, err, rungs.ErrNotFound, "", "")
	})
}

func TestTracksAndPositions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)

	t.Run("OK", func(t *testing.T) {
		tr, err := f.s.CreateTrack(ctx, ladder.TrackInput{Code: " quality ", NameEN: " Quality ", NameZH: "质检", DescEN: "d", SortOrder: -1})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Code != "QUALITY" || tr.NameEN != "Quality" || tr.DescEN != "d" || tr.ArchivedAt.Valid {
			t.Errorf("track %+v", tr)
		}
		ts, _ := f.s.Tracks(ctx, false)
		if len(ts) != 3 || ts[0].ID != tr.ID {
			t.Errorf("tracks not in sort order: %v", ts)
		}
		up, err := f.s.UpdateTrack(ctx, tr.ID, ladder.TrackInput{Code: "QA", NameEN: "QA", NameZH: "质检", SortOrder: 9})
		if err != nil || up.Code != "QA" || up.SortOrder != 9 || up.DescEN != "" {
			t.Errorf("update: %+v, %v", up, err)
		}
		p, err := f.s.CreatePosition(ctx, ladder.PositionInput{Code: "qa_agent", TrackID: tr.ID, Level: 1, NameEN: "QA agent", NameZH: "质检员", RespZH: "抽检"})
		if err != nil {
			t.Fatal(err)
		}
		if p.Code != "QA_AGENT" || p.TrackID != tr.ID || p.Level != 1 || p.RespZH != "抽检" {
			t.Errorf("position %+v", p)
		}
		byID, _ := f.s.PositionsByIDs(ctx, []int64{p.ID, -1, f.agent.ID})
		if byID[0].ID != p.ID || byID[1] != nil || byID[2].ID != f.agent.ID {
			t.Errorf("PositionsByIDs %v", byID)
		}
	})

	t.Run("ErrTrackValidation", func(t *testing.T) {
		_, err := f.s.CreateTrack(ctx, ladder.TrackInput{Code: "bad code", NameEN: "  "})
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.code.invalid", "code")
		if got, want := fieldsOf(err), []string{"code", "nameEn", "nameZh"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
		_, err = f.s.UpdateTrack(ctx, f.mgmt.ID, ladder.TrackInput{Code: "MGMT", NameEN: "Management"})
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.name_zh.required", "nameZh")
	})

	t.Run("ErrDuplicateTrack", func(t *testing.T) {
		_, err := f.s.CreateTrack(ctx, ladder.TrackInput{Code: "mgmt", NameEN: "M", NameZH: "管"})
		wantErr(t, err, rungs.ErrConflict, "ladder.code.taken", "code")
		_, err = f.s.UpdateTrack(ctx, f.spec.ID, ladder.TrackInput{Code: "MGMT", NameEN: "M", NameZH: "管"})
		wantErr(t, err, rungs.ErrConflict, "ladder.code.taken", "code")
	})

	t.Run("ErrTrackNotFound", func(t *testing.T) {
		_, err := f.s.UpdateTrack(ctx, -1, ladder.TrackInput{Code: "NOPE", NameEN: "N", NameZH: "无"})
		wantErr(t, err, rungs.ErrNotFound, "", "")
	})

	t.Run("ErrPositionValidation", func(t *testing.T) {
		_, err := f.s.CreatePosition(ctx, ladder.PositionInput{Code: "_X", Level: 0, NameEN: "", NameZH: " "})
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.code.invalid", "code")
		if got, want := fieldsOf(err), []string{"code", "level", "nameEn", "nameZh", "trackId"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})

	t.Run("ErrDuplicatePosition", func(t *testing.T) {
		_, err := f.s.CreatePosition(ctx, ladder.PositionInput{Code: "agent", TrackID: f.spec.ID, Level: 1, NameEN: "A", NameZH: "客"})
		wantErr(t, err, rungs.ErrConflict, "ladder.code.taken", "code")
	})

	t.Run("ErrUnknownTrack", func(t *testing.T) {
		_, err := f.s.CreatePosition(ctx, ladder.PositionInput{Code: "ORPHAN", TrackID: 1 << 40, Level: 1, NameEN: "O", NameZH: "孤"})
		wantErr(t, err, rungs.ErrBadUserInput, "ladder.track.not_found", "trackId")
	})
}
