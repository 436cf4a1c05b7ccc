package competency

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// Evidence sources. Every one flows through the Rule.
const (
	SourceSelf    = "SELF"
	SourceManager = "MANAGER"
	SourceTrainer = "TRAINER"
	SourceHR      = "HR"
	// SourceCourse is a course completion: the learner was trained to the
	// course's target level. It is recorded by package learning.
	SourceCourse = "COURSE"
	// SourceAssessment is a passed knowledge test, SourceRubric a rubric
	// scorecard (QA sampling, observation), SourceKPI a KPI result.
	SourceAssessment = "ASSESSMENT"
	SourceRubric     = "RUBRIC"
	SourceKPI        = "KPI"
)

// Evidence is one piece of evidence of an employee's level.
type Evidence struct {
	ID           int64         `db:"id"`
	EmployeeID   int64         `db:"employee_id"`
	CompetencyID int64         `db:"competency_id"`
	FrameworkID  int64         `db:"framework_id"`
	Level        int           `db:"level"`
	Source       string        `db:"source"`
	AssessorID   sql.NullInt64 `db:"assessor_id"`
	Comment      string        `db:"comment"`
	ObservedOn   time.Time     `db:"observed_on"`
	RecordedAt   time.Time     `db:"recorded_at"`
	// CourseID is the completed course behind COURSE evidence.
	CourseID sql.NullInt64 `db:"course_id"`
	// Instrument is the code of the assessment, rubric or KPI behind
	// ASSESSMENT, RUBRIC and KPI evidence; Score the result behind the level
	// (percent for tests and rubrics, the KPI's value); RefID the attempt,
	// scorecard or KPI record.
	Instrument sql.NullString  `db:"instrument"`
	Score      sql.NullFloat64 `db:"score"`
	RefID      sql.NullInt64   `db:"ref_id"`
}

// Proficiency is an employee's current level in one competency: derived
// from evidence by the Rule and the competency's achievement criteria at
// read time, never stored.
type Proficiency struct {
	CompetencyID int64
	Level        int
	// Source is the source of the deciding evidence, SourceCriteria when
	// met achievement criteria raised the level above what the evidence
	// alone gives.
	Source     string
	ObservedOn time.Time
	// Stale is true when the deciding evidence is older than the rule's
	// StaleAfter (but inside its source's window): the level still counts,
	// but it wants fresh evidence.
	Stale bool
	// Evidence is the deciding evidence: for a combined source (rubrics,
	// KPIs) the newest sample at the combined level; nil when criteria
	// raised the level.
	Evidence *Evidence
	// Samples is how many samples a combined source combined (0 for a
	// single piece of evidence).
	Samples int
	// Default is the level the weighted rule gives before achievement
	// criteria, 0 when no evidence counts.
	Default int
	// MetCriteria is the level whose met criteria raised the level to it;
	// CappedBy the lowest level whose unmet criteria capped the level
	// below it. Both 0 when criteria changed nothing.
	MetCriteria int
	CappedBy    int
}

// SourceCriteria is the Source of a level that met achievement criteria
// gave (see criteria.go); no evidence row carries it.
const SourceCriteria = "CRITERIA"

// Rule turns one employee's evidence in one competency into a level. Every
// source flows through it, and Explain shows what it did with each piece.
//
// The rule, in order:
//  1. evidence older than its source's recency window (Window) is ignored;
//  2. each source speaks once: its latest evidence, except sources that
//     sample repeatedly (Samples: rubric scorecards, KPI results), which
//     speak with the median level of their last N samples in the window —
//     the lower median when N is even, so it never rounds up;
//  3. the source with the highest weight (Trust) wins: a confirmation by a
//     manager, trainer, HR, a test, sampled calls or KPIs outranks the
//     employee's self-assessment, however recent;
//  4. among equally weighted sources the latest observation wins (then the
//     latest recorded, then the highest id);
//  5. raise-only sources (course completions) are weighed against the
//     winner of 3 and 4: a completion wins when its weight is higher, or
//     equal and it is strictly more recent and higher. So a completion
//     never outranks a more recent rating or assessment and never lowers a
//     level someone confirmed; of the completions that qualify the highest
//     counts;
//  6. the deciding evidence is flagged stale when older than StaleAfter.
//
// Achievement criteria then raise or cap the result (criteria.go).
//
// Why: a promotion decision must rest on someone else's confirmation, and
// people grow, so the newest confirmation is the best one. Old evidence
// describes someone the employee no longer is, so it leaves the picture
// after its window; before that it is only flagged. A single sampled call
// is noise, so rubric and KPI levels are medians of several.
type Rule struct {
	// Trust is each source's weight; higher wins. Unknown sources weigh 0.
	Trust map[string]int
	// Window is each source's recency window: evidence observed longer ago
	// is ignored. A source without one (or 0) never expires.
	Window map[string]time.Duration
	// StaleAfter is the age after which evidence inside its window is
	// flagged stale.
	StaleAfter time.Duration
	// RaiseOnly marks sources that can raise a level but never lower one
	// (training says what someone was taught, not what they showed).
	RaiseOnly map[string]bool
	// Samples marks sources that combine: the source's level is the median
	// of its last N samples within the window instead of the latest one.
	Samples map[string]int
}

// Default windows, in days.
const (
	day          = 24 * time.Hour
	ratingWindow = 3 * 365 * day
)

// DefaultRule is the product's rule. Its choices:
//   - weight 1 for a self-assessment, 2 for every other source. A
//     confirmation outranks a claim; among confirmations none is generally
//     better (observation, a test, sampled calls and results measure
//     different things), so the newest wins. Completions weigh 2 as well so
//     that they compete on recency with ratings and tests (rule 5).
//   - windows: ratings (manager, trainer, HR) and completions 3 years,
//     self-assessments and tests 2 years (a claim and product knowledge age
//     faster than observed behaviour), rubric scorecards and KPI results 180
//     days (they are sampled every week or month, so half a year is plenty
//     and describes the present).
//   - rubric level: median of the last 5 scorecards; KPI level: median of
//     the last 3 results (a quarter of monthly KPIs). A median ignores a
//     single bad or lucky call, which a mean does not.
//   - evidence older than a year (StaleAfter) is flagged: ratings and
//     completions between one and three years old count but want renewing.
func DefaultRule() Rule {
	return Rule{
		Trust: map[string]int{
			SourceSelf: 1, SourceManager: 2, SourceTrainer: 2, SourceHR: 2, SourceCourse: 2,
			SourceAssessment: 2, SourceRubric: 2, SourceKPI: 2,
		},
		Window: map[string]time.Duration{
			SourceSelf: 2 * 365 * day, SourceManager: ratingWindow, SourceTrainer: ratingWindow, SourceHR: ratingWindow,
			SourceCourse: ratingWindow, SourceAssessment: 2 * 365 * day, SourceRubric: 180 * day, SourceKPI: 180 * day,
		},
		StaleAfter: 365 * day,
		RaiseOnly:  map[string]bool{SourceCourse: true},
		Samples:    map[string]int{SourceRubric: 5, SourceKPI: 3},
	}
}

// Verdicts on a piece of evidence: what the rule made of it.
const (
	// VerdictCounted: it decided the level or contributed to a combined
	// source's level.
	VerdictCounted = "COUNTED"
	// VerdictOutranked: another source decided (a heavier one, or an
	// equally weighted one observed later).
	VerdictOutranked = "OUTRANKED"
	// VerdictSuperseded: newer evidence of the same source speaks for it.
	VerdictSuperseded = "SUPERSEDED"
	// VerdictOutsideWindow: older than its source's recency window.
	VerdictOutsideWindow = "OUTSIDE_WINDOW"
	// VerdictRaiseOnlyBelow: a completion at or below the level, which it
	// can raise but not lower.
	VerdictRaiseOnlyBelow = "RAISE_ONLY_BELOW"
)

// Judgement is the rule's verdict on one piece of evidence.
type Judgement struct {
	Evidence *Evidence
	Verdict  string
	// By is the evidence that outranked or superseded this one, or the
	// deciding evidence for RAISE_ONLY_BELOW; nil otherwise.
	By *Evidence
	// ReasonEN and ReasonZH say why, for people.
	ReasonEN, ReasonZH string
}

// Current applies the rule, without achievement criteria, to evidence
// about one competency of one employee; ok is false when none counts.
func (r Rule) Current(evs []*Evidence, now time.Time) (p Proficiency, ok bool) {
	p, ok, _ = r.weigh(evs, now, false)
	return p, ok
}

// voice is what one source says about a competency: its latest evidence,
// or for a combined source the median of its last samples.
type voice struct {
	source string
	level  int
	// head is the source's newest evidence: how recent the voice is.
	head *Evidence
	// rep is the evidence whose level the voice states.
	rep     *Evidence
	samples []*Evidence
}

// weigh is the rule: the default level of one competency from its
// evidence, with a judgement on every piece (newest first) when explain is
// set. Proficiencies, Current and Explain all run it.
func (r Rule) weigh(evs []*Evidence, now time.Time, explain bool) (Proficiency, bool, []Judgement) {
	sorted := slices.Clone(evs)
	slices.SortFunc(sorted, byNewest)
	verdicts := make(map[*Evidence]Judgement, len(sorted))
	judge := func(e *Evidence, verdict string, by *Evidence) {
		if _, done := verdicts[e]; !done {
			verdicts[e] = Judgement{Evidence: e, Verdict: verdict, By: by}
		}
	}
	bySource := map[string][]*Evidence{}
	var sources []string
	for _, e := range sorted {
		if r.outside(e, now) {
			judge(e, VerdictOutsideWindow, nil)
			continue
		}
		if bySource[e.Source] == nil {
			sources = append(sources, e.Source)
		}
		bySource[e.Source] = append(bySource[e.Source], e)
	}

	// Each source speaks once; the heaviest, then latest, voice wins.
	var best *voice
	var voices []*voice
	var completions []*Evidence
	for _, src := range sources {
		es := bySource[src]
		if r.RaiseOnly[src] {
			completions = append(completions, es...)
			continue
		}
		v := &voice{source: src, level: es[0].Level, head: es[0], rep: es[0]}
		if n := r.Samples[src]; n > 0 {
			v.samples = es[:min(n, len(es))]
			v.level = lowerMedian(v.samples)
			v.rep = v.samples[slices.IndexFunc(v.samples, func(e *Evidence) bool { return e.Level == v.level })]
			for _, e := range es[len(v.samples):] {
				judge(e, VerdictSuperseded, es[0])
			}
		} else {
			for _, e := range es[1:] {
				judge(e, VerdictSuperseded, es[0])
			}
		}
		voices = append(voices, v)
		if best == nil || r.beats(v.head, best.head) {
			best = v
		}
	}

	// A completion wins only where it raises the winner; of those that do,
	// the highest (then latest) counts.
	var raise *Evidence
	for _, c := range completions {
		if best != nil && !r.raises(c, best) {
			continue
		}
		if raise == nil || c.Level > raise.Level || (c.Level == raise.Level && newer(c, raise)) {
			raise = c
		}
	}
	var p Proficiency
	switch {
	case raise != nil:
		p = Proficiency{Level: raise.Level, Source: raise.Source, ObservedOn: raise.ObservedOn, Evidence: raise}
	case best != nil:
		p = Proficiency{Level: best.level, Source: best.source, ObservedOn: best.head.ObservedOn, Evidence: best.rep,
			Samples: len(best.samples)}
	default:
		return Proficiency{}, false, r.judgements(sorted, verdicts, explain, now)
	}
	p.CompetencyID = p.Evidence.CompetencyID
	p.Stale = now.Sub(p.ObservedOn) > r.StaleAfter
	p.Default = p.Level

	if explain {
		for _, v := range voices {
			for _, e := range append([]*Evidence{v.head}, v.samples...) {
				if v == best && raise == nil {
					judge(e, VerdictCounted, nil)
				} else {
					judge(e, VerdictOutranked, p.Evidence)
				}
			}
		}
		for _, c := range completions {
			switch {
			case c == raise:
				judge(c, VerdictCounted, nil)
			case c.Level <= p.Level:
				judge(c, VerdictRaiseOnlyBelow, p.Evidence)
			default:
				judge(c, VerdictOutranked, best.rep)
			}
		}
	}
	return p, true, r.judgements(sorted, verdicts, explain, now)
}

// judgements lists the verdicts in the order of sorted (newest first),
// with their reasons.
func (r Rule) judgements(sorted []*Evidence, verdicts map[*Evidence]Judgement, explain bool, now time.Time) []Judgement {
	if !explain {
		return nil
	}
	out := make([]Judgement, len(sorted))
	for i, e := range sorted {
		out[i] = verdicts[e]
		r.reason(&out[i], now)
	}
	return out
}

// lowerMedian is the median level of samples, the lower of the middle two
// when there is an even number.
func lowerMedian(samples []*Evidence) int {
	ls := make([]int, len(samples))
	for i, e := range samples {
		ls[i] = e.Level
	}
	slices.Sort(ls)
	return ls[(len(ls)-1)/2]
}

// outside reports whether e is older than its source's window.
func (r Rule) outside(e *Evidence, now time.Time) bool {
	w := r.Window[e.Source]
	return w > 0 && now.Sub(e.ObservedOn) > w
}

// raises reports whether raise-only evidence c outranks the voice b that
// won among the other sources.
func (r Rule) raises(c *Evidence, b *voice) bool {
	if tc, tb := r.Trust[c.Source], r.Trust[b.source]; tc != tb {
		return tc > tb
	}
	return c.ObservedOn.After(b.head.ObservedOn) && c.Level > b.level
}

func (r Rule) beats(a, b *Evidence) bool {
	if ta, tb := r.Trust[a.Source], r.Trust[b.Source]; ta != tb {
		return ta > tb
	}
	return newer(a, b)
}

// newer orders evidence by observation, then recording, then id.
func newer(a, b *Evidence) bool {
	if !a.ObservedOn.Equal(b.ObservedOn) {
		return a.ObservedOn.After(b.ObservedOn)
	}
	if !a.RecordedAt.Equal(b.RecordedAt) {
		return a.RecordedAt.After(b.RecordedAt)
	}
	return a.ID > b.ID
}

// byNewest sorts newest first.
func byNewest(a, b *Evidence) int {
	if newer(a, b) {
		return -1
	} else if newer(b, a) {
		return 1
	}
	return 0
}

// windowDays lists the sources with a window and each window in whole
// days, rounded up and with two days to spare: the SQL that loads evidence
// drops only rows certainly outside, and the rule in Go decides the
// boundary, so SQL date arithmetic can never disagree with it.
func (r Rule) windowDays() ([]string, []int64) {
	var srcs []string
	var days []int64
	for src, w := range r.Window {
		if w > 0 {
			srcs = append(srcs, src)
			days = append(days, int64((w+day-1)/day)+2)
		}
	}
	return srcs, days
}

// Proficiencies returns, for each employee, their current level in every
// competency they hold a level in, keyed by competency id: the rule over
// their evidence, then the achievement criteria of every competency that
// has some (which may give a level without evidence in that competency, or
// take one away).
//
// Two statements for any number of employees: every evidence row inside
// its source's window (criteria may need any of them, and combined sources
// their last samples), and the criteria in force.
func (s *Store) Proficiencies(ctx context.Context, employeeIDs []int64) ([]map[int64]Proficiency, error) {
	now := s.Now()
	srcs, days := s.Rule.windowDays()
	var evs []*Evidence
	err := s.db.SelectContext(ctx, &evs, `
		SELECT e.* FROM competency_evidence e
		LEFT JOIN unnest($2::text[], $3::int[]) AS w (source, days) ON w.source = e.source
		WHERE e.employee_id = ANY($1) AND (w.days IS NULL OR e.observed_on >= $4::date - w.days)`,
		pq.Array(employeeIDs), pq.Array(srcs), pq.Array(days), now.UTC().Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("competency: proficiencies: %w", err)
	}
	crit, err := s.criteriaInForce(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("competency: proficiencies: %w", err)
	}
	critOf := map[int64][]*Criteria{}
	for _, c := range crit {
		critOf[c.CompetencyID] = append(critOf[c.CompetencyID], c)
	}
	byEmp := map[int64][]*Evidence{}
	for _, e := range evs {
		byEmp[e.EmployeeID] = append(byEmp[e.EmployeeID], e)
	}
	out := make([]map[int64]Proficiency, len(employeeIDs))
	for i, id := range employeeIDs {
		out[i] = s.Rule.levels(byEmp[id], critOf, now)
	}
	return out, nil
}

// levels applies the rule and the criteria to one employee's evidence.
func (r Rule) levels(evs []*Evidence, critOf map[int64][]*Criteria, now time.Time) map[int64]Proficiency {
	own := map[int64][]*Evidence{}
	for _, e := range evs {
		own[e.CompetencyID] = append(own[e.CompetencyID], e)
	}
	for comp := range critOf {
		if _, ok := own[comp]; !ok {
			own[comp] = nil
		}
	}
	out := make(map[int64]Proficiency, len(own))
	pool := newPool(r, evs, now)
	for comp, es := range own {
		a := r.assess(comp, es, pool, critOf[comp], now, false)
		if a.ok {
			out[comp] = a.p
		}
	}
	return out
}

// History returns each employee's evidence, newest first; competencyID 0
// means every competency.
func (s *Store) History(ctx context.Context, employeeIDs []int64, competencyID int64) ([][]*Evidence, error) {
	var evs []*Evidence
	err := s.db.SelectContext(ctx, &evs, `
		SELECT * FROM competency_evidence
		WHERE employee_id = ANY($1) AND ($2 = 0 OR competency_id = $2)
		ORDER BY employee_id, observed_on DESC, recorded_at DESC, id DESC`, pq.Array(employeeIDs), competencyID)
	if err != nil {
		return nil, fmt.Errorf("competency: history: %w", err)
	}
	return postgres.GroupByKey(employeeIDs, evs, func(e *Evidence) int64 { return e.EmployeeID }), nil
}

// RatingInput is a rating or self-assessment of one competency.
type RatingInput struct {
	EmployeeID   int64
	CompetencyID int64
	Level        int
	Comment      string
	ObservedOn   time.Time
	// Source and AssessorID say who rates: the caller decides them from
	// the relation between the assessor and the employee.
	Source     string
	AssessorID int64
}

// Rate records a piece of evidence against the published framework, after
// checking that the competency is in it and the level on its scale.
func (s *Store) Rate(ctx context.Context, in RatingInput) (*Evidence, error) {
	in.Comment = strings.TrimSpace(in.Comment)
	f, err := s.Published(ctx)
	if err != nil {
		return nil, err
	}
	var archived sql.NullBool
	err = s.db.GetContext(ctx, &archived, `
		SELECT archived FROM competency_versions WHERE competency_id = $1 AND framework_id = $2`, in.CompetencyID, f.ID)
	if err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("competency: rate: %w", err)
	}
	today := s.Now().UTC().Truncate(24 * time.Hour)
	var v rungs.Validation
	v.Check(archived.Valid && !archived.Bool, "competencyId", "competency.not_in_framework",
		"competency %d is not in framework version %d", in.CompetencyID, f.Version)
	v.Check(in.Level >= 1 && in.Level <= f.MaxLevel, "level", "competency.level.range",
		"level must be between 1 and %d", f.MaxLevel)
	v.Check(len(in.Comment) <= 4000, "comment", "competency.comment.too_long", "the comment is longer than 4000 bytes")
	v.Check(!in.ObservedOn.IsZero() && !in.ObservedOn.After(today), "observedOn", "competency.observed_on.future",
		"the observation date must be today or earlier")
	if err := v.Err(); err != nil {
		return nil, err
	}
	var e Evidence
	err = s.db.GetContext(ctx, &e, `
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, assessor_id, comment, observed_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
		in.EmployeeID, in.CompetencyID, f.ID, in.Level, in.Source, in.AssessorID, in.Comment, in.ObservedOn)
	if err != nil {
		return nil, postgres.Translate(err, "rating")
	}
	return &e, nil
}
