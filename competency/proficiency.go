package competency

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// Evidence sources. Assessments, course completions, rubric scores and KPIs
// join them in later capabilities.
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
// from evidence by the Rule at read time, never stored.
type Proficiency struct {
	CompetencyID int64
	Level        int
	Source       string
	ObservedOn   time.Time
	// Stale is true when the deciding evidence is older than the rule's
	// StaleAfter: the level still counts, but it wants fresh evidence.
	Stale    bool
	Evidence *Evidence
}

// Rule turns one employee's evidence in one competency into a level.
//
// The rule, in order:
//  1. the most trusted source wins: a confirmation by a manager, trainer or
//     HR outranks the employee's self-assessment, however recent;
//  2. among equally trusted evidence, the latest observation wins (then the
//     latest recorded);
//  3. evidence from a raise-only source (a course completion) is weighed
//     against the winner of 1 and 2: it wins when it is more trusted, or
//     equally trusted, strictly more recent and higher. So a completion
//     never outranks a more recent rating or assessment and never lowers
//     a level someone confirmed; among completions the highest level
//     counts;
//  4. evidence observed more than StaleAfter ago still counts but is
//     flagged stale.
//
// Why: a promotion decision must rest on someone else's confirmation, and
// people grow, so the newest confirmation is the best one. The assessments
// capability grows Trust into weights over more sources without changing
// the callers.
type Rule struct {
	// Trust ranks sources; higher wins. Unknown sources rank 0.
	Trust map[string]int
	// StaleAfter is the age after which evidence is flagged stale.
	StaleAfter time.Duration
	// RaiseOnly marks sources that can raise a level but never lower one
	// (training says what someone was taught, not what they showed).
	RaiseOnly map[string]bool
}

// DefaultRule trusts confirmations over self-assessments and flags evidence
// older than a year.
func DefaultRule() Rule {
	return Rule{
		Trust:      map[string]int{SourceSelf: 1, SourceManager: 2, SourceTrainer: 2, SourceHR: 2, SourceCourse: 2},
		StaleAfter: 365 * 24 * time.Hour,
		RaiseOnly:  map[string]bool{SourceCourse: true},
	}
}

// Current applies the rule to evidence about one competency of one
// employee; ok is false when there is none.
func (r Rule) Current(evs []*Evidence, now time.Time) (p Proficiency, ok bool) {
	var best, raise *Evidence
	for _, e := range evs {
		switch {
		case r.RaiseOnly[e.Source]:
			if raise == nil || e.Level > raise.Level || (e.Level == raise.Level && r.beats(e, raise)) {
				raise = e
			}
		case best == nil || r.beats(e, best):
			best = e
		}
	}
	if raise != nil && (best == nil || r.raises(raise, best)) {
		best = raise
	}
	if best == nil {
		return Proficiency{}, false
	}
	return Proficiency{
		CompetencyID: best.CompetencyID,
		Level:        best.Level,
		Source:       best.Source,
		ObservedOn:   best.ObservedOn,
		Stale:        now.Sub(best.ObservedOn) > r.StaleAfter,
		Evidence:     best,
	}, true
}

// raises reports whether raise-only evidence c outranks the winner b of
// the other sources.
func (r Rule) raises(c, b *Evidence) bool {
	if tc, tb := r.Trust[c.Source], r.Trust[b.Source]; tc != tb {
		return tc > tb
	}
	return c.ObservedOn.After(b.ObservedOn) && c.Level > b.Level
}

func (r Rule) beats(a, b *Evidence) bool {
	if ta, tb := r.Trust[a.Source], r.Trust[b.Source]; ta != tb {
		return ta > tb
	}
	if !a.ObservedOn.Equal(b.ObservedOn) {
		return a.ObservedOn.After(b.ObservedOn)
	}
	if !a.RecordedAt.Equal(b.RecordedAt) {
		return a.RecordedAt.After(b.RecordedAt)
	}
	return a.ID > b.ID
}

// Proficiencies returns, for each employee, their current level in every
// competency they have evidence for, keyed by competency id. One statement
// for any number of employees: the latest evidence per source (for
// raise-only sources the highest, then latest) is enough for the rule,
// which then runs in Go.
func (s *Store) Proficiencies(ctx context.Context, employeeIDs []int64) ([]map[int64]Proficiency, error) {
	var evs []*Evidence
	err := s.db.SelectContext(ctx, &evs, `
		SELECT DISTINCT ON (employee_id, competency_id, source) *
		FROM competency_evidence WHERE employee_id = ANY($1)
		ORDER BY employee_id, competency_id, source,
		         CASE WHEN source = ANY($2) THEN level END DESC NULLS LAST,
		         observed_on DESC, recorded_at DESC, id DESC`,
		pq.Array(employeeIDs), pq.Array(s.Rule.raiseOnly()))
	if err != nil {
		return nil, fmt.Errorf("competency: proficiencies: %w", err)
	}
	type key struct{ emp, comp int64 }
	grouped := map[key][]*Evidence{}
	for _, e := range evs {
		k := key{e.EmployeeID, e.CompetencyID}
		grouped[k] = append(grouped[k], e)
	}
	now := s.Now()
	byEmp := map[int64]map[int64]Proficiency{}
	for k, es := range grouped {
		p, _ := s.Rule.Current(es, now)
		if byEmp[k.emp] == nil {
			byEmp[k.emp] = map[int64]Proficiency{}
		}
		byEmp[k.emp][k.comp] = p
	}
	out := make([]map[int64]Proficiency, len(employeeIDs))
	for i, id := range employeeIDs {
		if out[i] = byEmp[id]; out[i] == nil {
			out[i] = map[int64]Proficiency{}
		}
	}
	return out, nil
}

func (r Rule) raiseOnly() []string {
	var out []string
	for src, ok := range r.RaiseOnly {
		if ok {
			out = append(out, src)
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
