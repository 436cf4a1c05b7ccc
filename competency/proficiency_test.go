package competency_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/competency"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/postgres"
)

// ev builds evidence for the pure rule tests.
func ev(id int64, source string, level int, observed, recorded time.Time) *competency.Evidence {
	return &competency.Evidence{ID: id, CompetencyID: 7, Source: source, Level: level, ObservedOn: observed, RecordedAt: recorded}
}

// currentBoth applies the rule to evs in the order given and reversed: the
// result must not depend on the order rows arrive in.
func currentBoth(t *testing.T, r competency.Rule, evs []*competency.Evidence, at time.Time) competency.Proficiency {
	t.Helper()
	p, ok := r.Current(evs, at)
	if !ok {
		t.Fatal("ok = false with evidence")
	}
	rev := slices.Clone(evs)
	slices.Reverse(rev)
	q, _ := r.Current(rev, at)
	if q.Evidence != p.Evidence {
		t.Errorf("order matters: evidence %d in order, %d reversed", p.Evidence.ID, q.Evidence.ID)
	}
	return p
}

func TestRuleCurrent(t *testing.T) {
	t.Parallel()
	r := competency.DefaultRule()
	rec := day(-14).Add(9 * time.Hour)

	t.Run("OK", func(t *testing.T) {
		e := ev(1, competency.SourceManager, 3, day(-44), rec)
		p := currentBoth(t, r, []*competency.Evidence{e}, now)
		if p.Level != 3 || p.Source != competency.SourceManager || p.CompetencyID != 7 ||
			!p.ObservedOn.Equal(day(-44)) || p.Stale || p.Evidence != e {
			t.Errorf("got %+v", p)
		}
	})

	t.Run("ConfirmationBeatsNewerSelfRating", func(t *testing.T) {
		mgr := ev(1, competency.SourceManager, 2, day(-287), rec)
		self := ev(2, competency.SourceSelf, 5, day(-1), rec.Add(time.Hour))
		p := currentBoth(t, r, []*competency.Evidence{mgr, self}, now)
		if p.Evidence != mgr || p.Level != 2 || p.Source != competency.SourceManager {
			t.Errorf("got level %d from %s, want the manager's 2", p.Level, p.Source)
		}
		for _, src := range []string{competency.SourceTrainer, competency.SourceHR} {
			c := ev(3, src, 1, day(-896), rec)
			if p := currentBoth(t, r, []*competency.Evidence{self, c}, now); p.Evidence != c {
				t.Errorf("%s confirmation lost to a self-rating", src)
			}
		}
	})

	t.Run("CourseCompletion", func(t *testing.T) {
		// A completion raises a level when it is newer and higher than the
		// confirmed one; it never lowers a level nor beats a newer rating.
		mgr := ev(1, competency.SourceManager, 2, day(-106), rec)
		higher := ev(2, competency.SourceCourse, 3, day(-75), rec)
		lower := ev(3, competency.SourceCourse, 1, day(-45), rec)
		older := ev(4, competency.SourceCourse, 4, day(-134), rec)
		sameDay := ev(5, competency.SourceCourse, 4, day(-106), rec.Add(time.Hour))
		self := ev(6, competency.SourceSelf, 5, day(-14), rec)
		cases := []struct {
			name string
			evs  []*competency.Evidence
			want *competency.Evidence
		}{
			{"NewerAndHigherRaises", []*competency.Evidence{mgr, higher}, higher},
			{"NewerButLowerDoesNotLower", []*competency.Evidence{mgr, lower}, mgr},
			{"HigherButOlderLosesToNewerRating", []*competency.Evidence{mgr, older}, mgr},
			{"SameDayIsNotMoreRecent", []*competency.Evidence{mgr, sameDay}, mgr},
			{"HighestCompletionCounts", []*competency.Evidence{mgr, higher, lower}, higher},
			{"BeatsSelfRating", []*competency.Evidence{self, lower}, lower},
			{"AloneCounts", []*competency.Evidence{lower}, lower},
		}
		for _, c := range cases {
			if p := currentBoth(t, r, c.evs, now); p.Evidence != c.want {
				t.Errorf("%s: got evidence %d (level %d from %s), want %d", c.name, p.Evidence.ID, p.Level, p.Source, c.want.ID)
			}
		}
	})

	t.Run("SelfRatingBeatsUnknownSource", func(t *testing.T) {
		self := ev(1, competency.SourceSelf, 2, day(-530), rec)
		odd := ev(2, "RUMOUR", 5, day(-14), rec)
		if p := currentBoth(t, r, []*competency.Evidence{self, odd}, now); p.Evidence != self {
			t.Errorf("an unknown source outranked a self-rating: %+v", p)
		}
	})

	t.Run("LatestOfEqualTrustWins", func(t *testing.T) {
		// Manager, trainer and HR are equally trusted: the newest
		// observation wins, whoever gave it and whatever its level.
		a := ev(1, competency.SourceManager, 4, day(-156), rec)
		b := ev(2, competency.SourceTrainer, 2, day(-106), rec)
		c := ev(3, competency.SourceHR, 5, day(-196), rec.Add(time.Hour))
		p := currentBoth(t, r, []*competency.Evidence{a, b, c}, now)
		if p.Evidence != b || p.Level != 2 || p.Source != competency.SourceTrainer {
			t.Errorf("got level %d from %s (evidence %d), want the trainer's 2", p.Level, p.Source, p.Evidence.ID)
		}
		s1 := ev(4, competency.SourceSelf, 1, day(-165), rec)
		s2 := ev(5, competency.SourceSelf, 3, day(-134), rec)
		if p := currentBoth(t, r, []*competency.Evidence{s2, s1}, now); p.Evidence != s2 {
			t.Errorf("older self-rating won: %+v", p)
		}
	})

	t.Run("TieBrokenByRecordedThenID", func(t *testing.T) {
		obs := day(-75)
		early := ev(9, competency.SourceManager, 2, obs, rec)
		late := ev(1, competency.SourceTrainer, 3, obs, rec.Add(time.Second))
		if p := currentBoth(t, r, []*competency.Evidence{early, late}, now); p.Evidence != late {
			t.Errorf("same day: evidence %d won, want the later recorded %d", p.Evidence.ID, late.ID)
		}
		lo := ev(10, competency.SourceManager, 2, obs, rec)
		hi := ev(11, competency.SourceManager, 4, obs, rec)
		if p := currentBoth(t, r, []*competency.Evidence{hi, lo}, now); p.Evidence != hi || p.Level != 4 {
			t.Errorf("same day and time: evidence %d won, want the higher id %d", p.Evidence.ID, hi.ID)
		}
	})

	t.Run("Staleness", func(t *testing.T) {
		// now is midnight UTC today; StaleAfter is 365 days, the
		// manager's window three years (1095 days). Rule v2: evidence older
		// than its window is ignored, not stale (it was stale and counted
		// under the first rule).
		if r.StaleAfter != 365*24*time.Hour {
			t.Fatalf("default StaleAfter = %v", r.StaleAfter)
		}
		for _, c := range []struct {
			observed time.Time
			stale    bool
		}{
			{day(0), false},
			{day(-365), false}, // exactly 365 days: not older
			{day(-366), true},  // 366 days
			{day(-1095), true}, // 1095 days: still inside the window
		} {
			p, _ := r.Current([]*competency.Evidence{ev(1, competency.SourceManager, 3, c.observed, rec)}, now)
			if p.Stale != c.stale {
				t.Errorf("observed %s: stale = %v, want %v", c.observed.Format(time.DateOnly), p.Stale, c.stale)
			}
			if p.Level != 3 {
				t.Errorf("observed %s: stale evidence must still count, level %d", c.observed.Format(time.DateOnly), p.Level)
			}
		}
		// The limit is configurable.
		short := competency.Rule{Trust: r.Trust, StaleAfter: 30 * 24 * time.Hour}
		if p, _ := short.Current([]*competency.Evidence{ev(1, competency.SourceManager, 3, day(-31), rec)}, now); !p.Stale {
			t.Error("31-day-old evidence is not stale under a 30-day rule")
		}
		// Staleness is only a flag: fresher but less trusted evidence does
		// not replace a stale confirmation inside its window.
		old := ev(1, competency.SourceManager, 4, day(-896), rec)
		self := ev(2, competency.SourceSelf, 2, day(-14), rec)
		if p := currentBoth(t, r, []*competency.Evidence{old, self}, now); p.Evidence != old || !p.Stale {
			t.Errorf("got %+v, want the stale manager rating", p)
		}
	})

	t.Run("ErrNoEvidence", func(t *testing.T) {
		for _, evs := range [][]*competency.Evidence{nil, {}} {
			p, ok := r.Current(evs, now)
			if ok || p != (competency.Proficiency{}) {
				t.Errorf("Current(%v) = %+v, %v; want zero, false", evs, p, ok)
			}
		}
	})
}

func TestProficiencies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		old := f.rate(t, f.agent, f.empathy.ID, 2, competency.SourceManager, day(-471))
		f.rate(t, f.agent, f.empathy.ID, 5, competency.SourceSelf, day(-5))
		f.rate(t, f.agent, f.listening.ID, 3, competency.SourceSelf, day(-161))
		f.rate(t, f.agent, f.listening.ID, 1, competency.SourceSelf, day(-526))
		got, err := f.store.Proficiencies(ctx, []int64{f.agent, f.manager})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || len(got[0]) != 2 {
			t.Fatalf("got %v", got)
		}
		e := got[0][f.empathy.ID]
		if e.Level != 2 || e.Source != competency.SourceManager || !e.Stale || e.Evidence == nil || e.Evidence.ID != old.ID {
			t.Errorf("empathy: %+v, want the stale manager rating 2", e)
		}
		l := got[0][f.listening.ID]
		if l.Level != 3 || l.Source != competency.SourceSelf || l.Stale || !l.ObservedOn.Equal(day(-161)) {
			t.Errorf("listening: %+v, want the newer self-rating 3", l)
		}
		if got[1] == nil || len(got[1]) != 0 {
			t.Errorf("manager without evidence: %v, want an empty map", got[1])
		}
	})

	t.Run("TwoStatements", func(t *testing.T) {
		pos := dbtest.MustCreatePosition(t, f.db, "", 1)
		var emps []int64
		for i := range 30 {
			id := dbtest.MustCreateEmployee(t, f.db, dbtest.Employee{PositionID: pos, ManagerID: f.manager})
			emps = append(emps, id)
			f.rate(t, id, f.empathy.ID, 1+i%5, competency.SourceManager, day(-134+i))
			f.rate(t, id, f.empathy.ID, 5, competency.SourceSelf, day(-14))
			if i%2 == 0 {
				f.rate(t, id, f.listening.ID, 3, competency.SourceSelf, day(-106))
			}
		}
		for _, n := range []int{1, 30} {
			ids := slices.Clone(emps[:n])
			slices.Reverse(ids) // results follow the keys, not the table
			cctx, counter := postgres.NewContextWithCounter(ctx)
			got, err := f.store.Proficiencies(cctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			// One for the evidence, one for the criteria in force.
			if c := counter.Count(); c != 2 {
				t.Errorf("%d employees: %d statements, want 2", n, c)
			}
			if len(got) != n {
				t.Fatalf("%d employees: %d results", n, len(got))
			}
			for k, id := range ids {
				i := slices.Index(emps, id)
				if p := got[k][f.empathy.ID]; p.Level != 1+i%5 || p.Source != competency.SourceManager || p.Evidence.EmployeeID != id {
					t.Errorf("employee %d empathy: %+v, want %d from MANAGER", i, p, 1+i%5)
				}
				p, ok := got[k][f.listening.ID]
				if ok != (i%2 == 0) || (ok && p.Level != 3) {
					t.Errorf("employee %d listening: %+v, %v", i, p, ok)
				}
			}
		}
	})
}

func TestRate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	valid := competency.RatingInput{
		EmployeeID: f.agent, CompetencyID: f.empathy.ID, Level: 3, Comment: "  handled an angry caller well ",
		ObservedOn: day(-14), Source: competency.SourceManager, AssessorID: f.manager,
	}

	t.Run("OK", func(t *testing.T) {
		e, err := f.store.Rate(ctx, valid)
		if err != nil {
			t.Fatal(err)
		}
		if e.EmployeeID != f.agent || e.CompetencyID != f.empathy.ID || e.FrameworkID != f.v1.ID || e.Level != 3 ||
			e.Source != competency.SourceManager || e.AssessorID.Int64 != f.manager ||
			e.Comment != "handled an angry caller well" || !e.ObservedOn.Equal(day(-14)) {
			t.Errorf("got %+v", e)
		}
		// Today is allowed, and so is the top of the scale.
		in := valid
		in.ObservedOn, in.Level = now, 5
		if _, err := f.store.Rate(ctx, in); err != nil {
			t.Errorf("rating observed today at level 5: %v", err)
		}
	})

	bad := func(t *testing.T, in competency.RatingInput, key, field string) {
		t.Helper()
		_, err := f.store.Rate(ctx, in)
		wantErr(t, err, rungs.ErrBadUserInput, key, field)
	}

	t.Run("ErrLevelRange", func(t *testing.T) {
		for _, l := range []int{0, 6, -1} {
			in := valid
			in.Level = l
			bad(t, in, "competency.level.range", "level")
		}
	})

	t.Run("ErrNotInFramework", func(t *testing.T) {
		// A competency only the draft holds is not rateable yet.
		c, err := f.store.CreateCompetency(ctx, 0, competency.CompetencyInput{Code: "NEW_ONE", CategoryCode: "SERVICE", NameEN: "New", NameZH: "新"})
		if err != nil {
			t.Fatal(err)
		}
		in := valid
		in.CompetencyID = c.ID
		bad(t, in, "competency.not_in_framework", "competencyId")
		in.CompetencyID = -1
		bad(t, in, "competency.not_in_framework", "competencyId")
	})

	t.Run("ErrArchived", func(t *testing.T) {
		db := dbtest.New(t)
		s := competency.NewStore(db)
		s.Now = func() time.Time { return now }
		pub := mustPublishV1(t, s)
		cs, err := s.Competencies(ctx, pub.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ArchiveCompetency(ctx, 0, cs[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Publish(ctx, 0, ""); err != nil {
			t.Fatal(err)
		}
		emp := dbtest.MustCreateEmployee(t, db, dbtest.Employee{PositionID: dbtest.MustCreatePosition(t, db, "", 1)})
		_, err = s.Rate(ctx, competency.RatingInput{EmployeeID: emp, CompetencyID: cs[0].ID, Level: 2, ObservedOn: day(-14),
			Source: competency.SourceSelf, AssessorID: emp})
		wantErr(t, err, rungs.ErrBadUserInput, "competency.not_in_framework", "competencyId")
	})

	t.Run("ErrFutureObservation", func(t *testing.T) {
		in := valid
		in.ObservedOn = now.AddDate(0, 0, 1)
		bad(t, in, "competency.observed_on.future", "observedOn")
		in.ObservedOn = time.Time{}
		bad(t, in, "competency.observed_on.future", "observedOn")
	})

	t.Run("ErrCommentTooLong", func(t *testing.T) {
		in := valid
		in.Comment = strings.Repeat("x", 4001)
		bad(t, in, "competency.comment.too_long", "comment")
		in.Comment = strings.Repeat("x", 4000)
		if _, err := f.store.Rate(ctx, in); err != nil {
			t.Errorf("4000-byte comment: %v", err)
		}
	})

	t.Run("ErrAllAtOnce", func(t *testing.T) {
		in := valid
		in.CompetencyID, in.Level, in.Comment, in.ObservedOn = -1, 9, strings.Repeat("x", 5000), now.AddDate(1, 0, 0)
		_, err := f.store.Rate(ctx, in)
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
		if got, want := fields(err), []string{"comment", "competencyId", "level", "observedOn"}; !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})

	t.Run("ErrSelfRatingByOther", func(t *testing.T) {
		// A SELF rating by someone else breaks the evidence table's check.
		in := valid
		in.Source = competency.SourceSelf
		_, err := f.store.Rate(ctx, in)
		wantErr(t, err, rungs.ErrBadUserInput, "", "")
	})
}

func TestHistory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	a := f.rate(t, f.agent, f.empathy.ID, 2, competency.SourceManager, day(-156))
	b := f.rate(t, f.agent, f.listening.ID, 3, competency.SourceSelf, day(-106))
	c := f.rate(t, f.agent, f.empathy.ID, 3, competency.SourceSelf, day(-226))
	// Same observation day as b, recorded later: it comes first.
	d := f.rate(t, f.agent, f.empathy.ID, 4, competency.SourceManager, day(-106))
	x := f.rate(t, f.agent2, f.empathy.ID, 1, competency.SourceSelf, day(-45))

	ids := func(evs []*competency.Evidence) []int64 {
		var out []int64
		for _, e := range evs {
			out = append(out, e.ID)
		}
		return out
	}

	t.Run("OK", func(t *testing.T) {
		got, err := f.store.History(ctx, []int64{f.agent2, f.manager, f.agent}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("%d groups, want 3", len(got))
		}
		if want := []int64{x.ID}; !slices.Equal(ids(got[0]), want) {
			t.Errorf("agent two: %v, want %v", ids(got[0]), want)
		}
		if got[1] == nil || len(got[1]) != 0 {
			t.Errorf("manager: %v, want an empty list", got[1])
		}
		if want := []int64{d.ID, b.ID, a.ID, c.ID}; !slices.Equal(ids(got[2]), want) {
			t.Errorf("agent: %v, want %v (newest observation first, then latest recorded)", ids(got[2]), want)
		}
	})

	t.Run("CompetencyFilter", func(t *testing.T) {
		got, err := f.store.History(ctx, []int64{f.agent, f.agent2}, f.empathy.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{d.ID, a.ID, c.ID}; !slices.Equal(ids(got[0]), want) {
			t.Errorf("agent empathy: %v, want %v", ids(got[0]), want)
		}
		if want := []int64{x.ID}; !slices.Equal(ids(got[1]), want) {
			t.Errorf("agent two empathy: %v, want %v", ids(got[1]), want)
		}
		got, err = f.store.History(ctx, []int64{f.agent, f.agent2}, f.listening.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{b.ID}; !slices.Equal(ids(got[0]), want) || len(got[1]) != 0 {
			t.Errorf("listening: %v and %v, want %v and none", ids(got[0]), ids(got[1]), want)
		}
	})

	t.Run("OneStatement", func(t *testing.T) {
		cctx, counter := postgres.NewContextWithCounter(ctx)
		if _, err := f.store.History(cctx, []int64{f.agent, f.agent2, f.manager}, 0); err != nil {
			t.Fatal(err)
		}
		if counter.Count() != 1 {
			t.Errorf("%d statements, want 1", counter.Count())
		}
	})
}

// sample builds evidence from an instrument (a test, rubric or KPI) for the
// pure tests: score behind the level, ref the record.
func sample(id int64, source, instrument string, level int, score float64, ref int64, observed time.Time) *competency.Evidence {
	e := ev(id, source, level, observed, observed.Add(9*time.Hour))
	e.Instrument = sql.NullString{String: instrument, Valid: true}
	e.Score = sql.NullFloat64{Float64: score, Valid: true}
	e.RefID = sql.NullInt64{Int64: ref, Valid: true}
	return e
}

// confirming lists the sources that confirm a level (everything but SELF
// and COURSE) under the default rule.
var confirming = []string{competency.SourceManager, competency.SourceTrainer, competency.SourceHR,
	competency.SourceAssessment, competency.SourceRubric, competency.SourceKPI}

func TestRuleSources(t *testing.T) {
	t.Parallel()
	r := competency.DefaultRule()
	rec := day(-14).Add(9 * time.Hour)

	t.Run("ConfirmationOutranksSelfRating", func(t *testing.T) {
		for _, src := range confirming {
			c := ev(1, src, 1, day(-165), rec)
			self := ev(2, competency.SourceSelf, 5, day(-1), rec)
			if p := currentBoth(t, r, []*competency.Evidence{c, self}, now); p.Evidence != c || p.Level != 1 {
				t.Errorf("%s: a newer self-rating won: %+v", src, p)
			}
		}
	})

	t.Run("LatestOfEqualWeightWins", func(t *testing.T) {
		// Every pair of equally weighted sources, both ways round.
		for _, a := range confirming {
			for _, b := range confirming {
				older := ev(1, a, 4, day(-165), rec)
				newer := ev(2, b, 2, day(-106), rec)
				if p := currentBoth(t, r, []*competency.Evidence{older, newer}, now); p.Evidence != newer || p.Level != 2 {
					t.Errorf("%s then %s: got %d from %s, want the newer 2", a, b, p.Level, p.Source)
				}
			}
		}
	})

	t.Run("CompletionNeverLowersNorOutranksANewerRating", func(t *testing.T) {
		for _, src := range confirming {
			rating := ev(1, src, 3, day(-106), rec)
			cases := []struct {
				name   string
				course *competency.Evidence
				raises bool
			}{
				{"NewerLower", ev(2, competency.SourceCourse, 2, day(-45), rec), false},
				{"NewerEqual", ev(2, competency.SourceCourse, 3, day(-45), rec), false},
				{"OlderHigher", ev(2, competency.SourceCourse, 5, day(-134), rec), false},
				{"SameDayHigher", ev(2, competency.SourceCourse, 5, day(-106), rec.Add(time.Hour)), false},
				{"NewerHigher", ev(2, competency.SourceCourse, 4, day(-45), rec), true},
			}
			for _, c := range cases {
				p := currentBoth(t, r, []*competency.Evidence{rating, c.course}, now)
				if got := p.Evidence == c.course; got != c.raises {
					t.Errorf("%s vs %s: the completion decides = %v, want %v (%+v)", src, c.name, got, c.raises, p)
				}
			}
		}
	})

	t.Run("NewerLowerCompletionStillRaises", func(t *testing.T) {
		// The first rule weighed only the highest completion: an older one
		// at 4 that cannot raise hid a newer one at 3 that can.
		mgr := ev(1, competency.SourceManager, 2, day(-106), rec)
		old4 := ev(2, competency.SourceCourse, 4, day(-134), rec)
		new3 := ev(3, competency.SourceCourse, 3, day(-75), rec)
		if p := currentBoth(t, r, []*competency.Evidence{mgr, old4, new3}, now); p.Evidence != new3 {
			t.Errorf("got %+v, want the newer completion at 3", p)
		}
	})

	t.Run("RecencyWindows", func(t *testing.T) {
		windows := map[string]int{
			competency.SourceSelf: 730, competency.SourceManager: 1095, competency.SourceTrainer: 1095, competency.SourceHR: 1095,
			competency.SourceCourse: 1095, competency.SourceAssessment: 730, competency.SourceRubric: 180, competency.SourceKPI: 180,
		}
		for src, days := range windows {
			if got := r.Window[src]; got != time.Duration(days)*24*time.Hour {
				t.Errorf("%s window = %v, want %d days", src, got, days)
			}
			inside := ev(1, src, 3, now.AddDate(0, 0, -days), rec)
			if p, ok := r.Current([]*competency.Evidence{inside}, now); !ok || p.Level != 3 {
				t.Errorf("%s observed %d days ago: ignored, want counted", src, days)
			}
			outside := ev(2, src, 3, now.AddDate(0, 0, -days-1), rec)
			if p, ok := r.Current([]*competency.Evidence{outside}, now); ok {
				t.Errorf("%s observed %d days ago: counted (%+v), want ignored", src, days+1, p)
			}
		}
		// An expired confirmation no longer outranks a current self-rating.
		old := ev(1, competency.SourceManager, 5, day(-1261), rec)
		self := ev(2, competency.SourceSelf, 2, day(-165), rec)
		if p := currentBoth(t, r, []*competency.Evidence{old, self}, now); p.Evidence != self {
			t.Errorf("got %+v, want the self-rating: the manager's is outside its window", p)
		}
		// Nor does an expired completion raise anything.
		course := ev(3, competency.SourceCourse, 5, day(-1261), rec)
		if p := currentBoth(t, r, []*competency.Evidence{course, self}, now); p.Evidence != self {
			t.Errorf("got %+v, want the self-rating: the completion is outside its window", p)
		}
	})

	t.Run("RubricIsTheMedianOfTheLastFive", func(t *testing.T) {
		rub := func(id int64, level int, observed time.Time) *competency.Evidence {
			return sample(id, competency.SourceRubric, "QA-CALLS", level, 80, id, observed)
		}
		cases := []struct {
			name    string
			evs     []*competency.Evidence
			level   int
			samples int
			want    int64 // the deciding evidence
		}{
			{"One", []*competency.Evidence{rub(1, 3, day(-14))}, 3, 1, 1},
			// 2 3 4 4 5 -> 4; the sixth (level 1) is older than the last five.
			{"LastFive", []*competency.Evidence{rub(1, 1, day(-161)), rub(2, 3, day(-134)), rub(3, 4, day(-106)),
				rub(4, 2, day(-75)), rub(5, 5, day(-45)), rub(6, 4, day(-14))}, 4, 5, 6},
			// An even number takes the lower middle: 2 4 -> 2.
			{"EvenTakesLower", []*competency.Evidence{rub(1, 4, day(-45)), rub(2, 2, day(-14))}, 2, 2, 2},
			// One bad call does not move the level.
			{"OutlierIgnored", []*competency.Evidence{rub(1, 4, day(-45)), rub(2, 4, day(-38)), rub(3, 1, day(-14))}, 4, 3, 2},
			// Outside the 180-day window: not a sample.
			{"WindowApplies", []*competency.Evidence{rub(1, 1, day(-226)), rub(2, 3, day(-45)), rub(3, 4, day(-14))}, 3, 2, 2},
		}
		for _, c := range cases {
			p := currentBoth(t, r, c.evs, now)
			if p.Level != c.level || p.Samples != c.samples || p.Evidence.ID != c.want || p.Source != competency.SourceRubric {
				t.Errorf("%s: level %d from %d samples (evidence %d), want %d from %d (evidence %d)",
					c.name, p.Level, p.Samples, p.Evidence.ID, c.level, c.samples, c.want)
			}
			if newest := c.evs[len(c.evs)-1].ObservedOn; !p.ObservedOn.Equal(newest) {
				t.Errorf("%s: observed %v, want the newest sample's %v", c.name, p.ObservedOn, newest)
			}
		}
		// The combined rubric competes as one source: a manager's rating
		// observed after the newest scorecard wins, one before loses.
		cards := []*competency.Evidence{rub(1, 4, day(-75)), rub(2, 4, day(-45))}
		after := ev(9, competency.SourceManager, 2, day(-44), rec)
		if p := currentBoth(t, r, append(slices.Clone(cards), after), now); p.Evidence != after {
			t.Errorf("a newer rating lost to the rubric: %+v", p)
		}
		before := ev(9, competency.SourceManager, 2, day(-61), rec)
		if p := currentBoth(t, r, append(slices.Clone(cards), before), now); p.Source != competency.SourceRubric || p.Level != 4 {
			t.Errorf("the rubric lost to an older rating: %+v", p)
		}
	})

	t.Run("KPIIsTheMedianOfTheLastThree", func(t *testing.T) {
		kpi := func(id int64, level int, observed time.Time) *competency.Evidence {
			return sample(id, competency.SourceKPI, "CSAT", level, 90, id, observed)
		}
		evs := []*competency.Evidence{kpi(1, 5, day(-106)), kpi(2, 2, day(-75)), kpi(3, 3, day(-45)), kpi(4, 4, day(-14))}
		if p := currentBoth(t, r, evs, now); p.Level != 3 || p.Samples != 3 || p.Evidence.ID != 3 {
			t.Errorf("got level %d from %d samples, want the median 3 of the last three", p.Level, p.Samples)
		}
	})
}
