package competency

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Achievement criteria: an admin may define what reaching a level of a
// competency takes, beyond the default rule, as an expression over the
// employee's evidence.
//
// Grammar (JSON; every node is an object holding exactly one kind):
//
//	node   = {"all": [node, …]}          every child is met (AND)
//	       | {"any": [node, …]}          at least one child is met (OR)
//	       | leaf
//	leaf   = {"rubricAverage": {"rubric": CODE, "min": 0–100, "lastN": 1–50}}
//	           the mean score of the last lastN scorecards of that rubric is at
//	           least min; fewer than lastN scorecards is not met
//	       | {"kpi": {"kpi": CODE, "min": X, "max": Y, "lastN": 1–50}}
//	           the mean of the last lastN results of that KPI is at least min
//	           and at most max (give one or both: "max" suits average handle
//	           time); fewer than lastN results is not met
//	       | {"assessmentPassed": {"assessment": CODE, "minScore": 0–100}}
//	           the test was passed (ASSESSMENT evidence exists for it), with
//	           at least minScore percent when given
//	       | {"confirmedBy": ["MANAGER", "TRAINER", "HR"], "minLevel": 1–max}
//	           the latest rating of this competency by any of those sources
//	           is at least minLevel (a later lower rating withdraws it)
//
// CODE is an instrument code as evidence records it (^[A-Z][A-Z0-9_-]{1,39}$).
// Nesting is at most five nodes deep (the root is depth 1).
//
// Evaluation reads every piece of the employee's evidence inside its
// source's recency window, in any competency: a QA rubric recorded against
// Communication may decide a level of Complaint handling. A scorecard or
// KPI record that became evidence in several competencies counts once (its
// row in the criteria's own competency, else the lowest competency id).
//
// Semantics, per competency, with D the default rule's level (0 without
// counting evidence):
//   - cap: if some level L ≤ D has criteria that are not met, the level is
//     capped at L−1 for the lowest such L — the rule cannot grant a level
//     whose explicit criteria are unmet;
//   - raise: if a level L has criteria that are met, the employee holds at
//     least L, whatever the evidence alone gives — and this wins over a
//     cap, since met criteria are the admin's own definition of the level.
//
// So the level is max(capped D, highest met level). Criteria above the
// published scale's top level are ignored.

// Criteria are the achievement criteria of one level of a competency.
type Criteria struct {
	CompetencyID int64           `db:"competency_id"`
	Level        int             `db:"level"`
	Expression   json.RawMessage `db:"expression"`
	// CreatedBy set the expression in force.
	CreatedBy sql.NullInt64 `db:"created_by"`
	UpdatedAt time.Time     `db:"updated_at"`
	// Expr is Expression parsed; nil until parsed (evaluation parses it).
	Expr *Expr `db:"-"`
}

// Expr is one node of a criteria expression: exactly one of its kinds is
// set (ConfirmedBy with MinLevel).
type Expr struct {
	All              []*Expr           `json:"all,omitempty"`
	Any              []*Expr           `json:"any,omitempty"`
	RubricAverage    *RubricAverage    `json:"rubricAverage,omitempty"`
	KPI              *KPIThreshold     `json:"kpi,omitempty"`
	AssessmentPassed *AssessmentPassed `json:"assessmentPassed,omitempty"`
	ConfirmedBy      []string          `json:"confirmedBy,omitempty"`
	MinLevel         int               `json:"minLevel,omitempty"`
}

// RubricAverage asks for a mean rubric score over the last scorecards.
type RubricAverage struct {
	Rubric string  `json:"rubric"`
	Min    float64 `json:"min"`
	LastN  int     `json:"lastN"`
}

// KPIThreshold asks for a KPI's mean over the last results within bounds.
type KPIThreshold struct {
	KPI   string   `json:"kpi"`
	Min   *float64 `json:"min,omitempty"`
	Max   *float64 `json:"max,omitempty"`
	LastN int      `json:"lastN"`
}

// AssessmentPassed asks for a passed test.
type AssessmentPassed struct {
	Assessment string   `json:"assessment"`
	MinScore   *float64 `json:"minScore,omitempty"`
}

// Kinds of expression node, as named in the JSON.
const (
	KindAll              = "all"
	KindAny              = "any"
	KindRubricAverage    = "rubricAverage"
	KindKPI              = "kpi"
	KindAssessmentPassed = "assessmentPassed"
	KindConfirmedBy      = "confirmedBy"
)

const (
	maxCriteriaDepth = 5
	maxCriteriaBytes = 16 << 10
	maxLastN         = 50
	maxKPIValue      = 1e9
)

var instrumentPattern = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{1,39}$`)

// confirmingSources are the sources confirmedBy may name: people who
// confirm a level.
var confirmingSources = []string{SourceManager, SourceTrainer, SourceHR}

// ParseCriteria parses and validates an expression against a scale of
// maxLevel levels. Every problem is reported at once, as a BAD_USER_INPUT
// error whose Field is "expression" followed by the JSON path of the
// problem (e.g. "expression.all[0].rubricAverage.min").
func ParseCriteria(raw []byte, maxLevel int) (*Expr, error) {
	var v rungs.Validation
	e := parseCriteria(raw, maxLevel, &v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

func parseCriteria(raw []byte, maxLevel int, v *rungs.Validation) *Expr {
	const field = "expression"
	if len(raw) > maxCriteriaBytes {
		v.Add(field, "competency.criteria.too_large", "the expression is longer than %d bytes", maxCriteriaBytes)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		v.Add(field, "competency.criteria.invalid_json", "the expression is not JSON: %v", err)
		return nil
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		v.Add(field, "competency.criteria.invalid_json", "the expression holds more than one JSON value")
		return nil
	}
	p := exprParser{v: v, maxLevel: maxLevel}
	return p.node(doc, field, 1)
}

type exprParser struct {
	v        *rungs.Validation
	maxLevel int
}

func (p *exprParser) node(doc any, path string, depth int) *Expr {
	obj, ok := doc.(map[string]any)
	if !ok {
		p.v.Add(path, "competency.criteria.not_object", "%s must be an object", path)
		return nil
	}
	if depth > maxCriteriaDepth {
		p.v.Add(path, "competency.criteria.too_deep", "expressions nest at most %d deep", maxCriteriaDepth)
		return nil
	}
	var kinds []string
	for _, k := range []string{KindAll, KindAny, KindRubricAverage, KindKPI, KindAssessmentPassed, KindConfirmedBy} {
		if _, ok := obj[k]; ok {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) != 1 {
		p.v.Add(path, "competency.criteria.kind",
			"%s must hold exactly one of all, any, rubricAverage, kpi, assessmentPassed, confirmedBy (it holds %d)", path, len(kinds))
		return nil
	}
	kind := kinds[0]
	allowed := []string{kind}
	if kind == KindConfirmedBy {
		allowed = append(allowed, "minLevel")
	}
	p.unknown(obj, path, allowed)
	at := path + "." + kind
	e := &Expr{}
	switch kind {
	case KindAll, KindAny:
		list, ok := obj[kind].([]any)
		if !ok || len(list) == 0 {
			p.v.Add(at, "competency.criteria.list", "%s must be a non-empty list of expressions", at)
			return nil
		}
		children := make([]*Expr, len(list))
		for i, c := range list {
			children[i] = p.node(c, fmt.Sprintf("%s[%d]", at, i), depth+1)
		}
		if kind == KindAll {
			e.All = children
		} else {
			e.Any = children
		}
	case KindRubricAverage:
		o := p.object(obj[kind], at, "rubric", "min", "lastN")
		e.RubricAverage = &RubricAverage{Rubric: p.code(o, at, "rubric")}
		e.RubricAverage.Min, _ = p.number(o, at, "min", 0, 100, true)
		e.RubricAverage.LastN = p.integer(o, at, "lastN", 1, maxLastN)
	case KindKPI:
		o := p.object(obj[kind], at, "kpi", "min", "max", "lastN")
		e.KPI = &KPIThreshold{KPI: p.code(o, at, "kpi"), LastN: p.integer(o, at, "lastN", 1, maxLastN)}
		if lo, ok := p.number(o, at, "min", -maxKPIValue, maxKPIValue, false); ok {
			e.KPI.Min = &lo
		}
		if hi, ok := p.number(o, at, "max", -maxKPIValue, maxKPIValue, false); ok {
			e.KPI.Max = &hi
		}
		_, hasMin := o["min"]
		_, hasMax := o["max"]
		if o != nil && !hasMin && !hasMax {
			p.v.Add(at, "competency.criteria.required", "%s needs min, max or both", at)
		}
		if e.KPI.Min != nil && e.KPI.Max != nil && *e.KPI.Min > *e.KPI.Max {
			p.v.Add(at+".max", "competency.criteria.range", "%s.max is below min", at)
		}
	case KindAssessmentPassed:
		o := p.object(obj[kind], at, "assessment", "minScore")
		e.AssessmentPassed = &AssessmentPassed{Assessment: p.code(o, at, "assessment")}
		if s, ok := p.number(o, at, "minScore", 0, 100, false); ok {
			e.AssessmentPassed.MinScore = &s
		}
	case KindConfirmedBy:
		list, ok := obj[kind].([]any)
		if !ok || len(list) == 0 {
			p.v.Add(at, "competency.criteria.list", "%s must be a non-empty list of MANAGER, TRAINER, HR", at)
		}
		for i, s := range list {
			src, _ := s.(string)
			if !slices.Contains(confirmingSources, src) || slices.Contains(e.ConfirmedBy, src) {
				p.v.Add(fmt.Sprintf("%s[%d]", at, i), "competency.criteria.source",
					"%s[%d] must be one of MANAGER, TRAINER, HR, each once", at, i)
				continue
			}
			e.ConfirmedBy = append(e.ConfirmedBy, src)
		}
		e.MinLevel = p.integer(obj, path, "minLevel", 1, int64(p.maxLevel))
	}
	return e
}

// unknown reports every key of obj not in allowed, in a stable order.
func (p *exprParser) unknown(obj map[string]any, path string, allowed []string) {
	var keys []string
	for k := range obj {
		if !slices.Contains(allowed, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		p.v.Add(path+"."+k, "competency.criteria.unknown_field", "%s.%s is not part of the grammar", path, k)
	}
}

// object checks that doc is an object with only the given keys.
func (p *exprParser) object(doc any, path string, keys ...string) map[string]any {
	o, ok := doc.(map[string]any)
	if !ok {
		p.v.Add(path, "competency.criteria.not_object", "%s must be an object", path)
		return nil
	}
	p.unknown(o, path, keys)
	return o
}

func (p *exprParser) code(o map[string]any, path, key string) string {
	if o == nil {
		return ""
	}
	s, ok := o[key].(string)
	if !ok || !instrumentPattern.MatchString(s) {
		p.v.Add(path+"."+key, "competency.criteria.code",
			"%s.%s must be an instrument code: a capital, then 1–39 capitals, digits, _ or -", path, key)
	}
	return s
}

// number reads an optional or required number within [lo, hi].
func (p *exprParser) number(o map[string]any, path, key string, lo, hi float64, required bool) (float64, bool) {
	if o == nil {
		return 0, false
	}
	raw, present := o[key]
	if !present {
		if required {
			p.v.Add(path+"."+key, "competency.criteria.required", "%s.%s is required", path, key)
		}
		return 0, false
	}
	n, ok := raw.(json.Number)
	f, err := n.Float64()
	if !ok || err != nil || math.IsNaN(f) || f < lo || f > hi {
		p.v.Add(path+"."+key, "competency.criteria.range", "%s.%s must be a number from %g to %g", path, key, lo, hi)
		return 0, false
	}
	return f, true
}

// integer reads a required whole number within [lo, hi].
func (p *exprParser) integer(o map[string]any, path, key string, lo, hi int64) int {
	if o == nil {
		return 0
	}
	raw, present := o[key]
	if !present {
		p.v.Add(path+"."+key, "competency.criteria.required", "%s.%s is required", path, key)
		return 0
	}
	n, ok := raw.(json.Number)
	i, err := n.Int64()
	if !ok || err != nil || i < lo || i > hi {
		p.v.Add(path+"."+key, "competency.criteria.range", "%s.%s must be a whole number from %d to %d", path, key, lo, hi)
		return 0
	}
	return int(i)
}

// Clause is one leaf of a criteria expression, evaluated.
type Clause struct {
	// Path locates the leaf in the expression, e.g. "all[1]" ("" for a
	// root leaf).
	Path string
	Kind string
	Met  bool
	// Actual is the employee's value the leaf compares: the mean score or
	// KPI value, the best passing score, the latest confirmed level. Known
	// is false when there is none.
	Actual float64
	Known  bool
	// Count is how many scorecards or KPI results were found, up to lastN.
	Count int
	// Evidence lists the ids of the evidence the leaf looked at.
	Evidence []int64
	// EN and ZH describe the clause and its value, for people.
	EN, ZH string
	// RuleEN and RuleZH describe a KPI clause without the employee's
	// value, for readers who may see the rule but not the person's KPI
	// results (a trainer reading a learner's record).
	RuleEN, RuleZH string

	newest time.Time
}

// CriteriaResult is the criteria of one level, evaluated.
type CriteriaResult struct {
	Level      int
	Met        bool
	Expression json.RawMessage
	// Clauses are the leaves in the order the expression lists them.
	Clauses []Clause
}

// pool is one employee's evidence inside its windows, newest first, for
// criteria.
type pool struct {
	rows         []*Evidence
	byInstrument map[string][]*Evidence
}

func newPool(r Rule, evs []*Evidence, now time.Time) *pool {
	p := &pool{byInstrument: map[string][]*Evidence{}}
	for _, e := range evs {
		if !r.outside(e, now) {
			p.rows = append(p.rows, e)
		}
	}
	slices.SortFunc(p.rows, byNewest)
	for _, e := range p.rows {
		if e.Instrument.Valid {
			k := e.Source + "/" + e.Instrument.String
			p.byInstrument[k] = append(p.byInstrument[k], e)
		}
	}
	return p
}

// samples returns the newest n distinct records (ref_id) of an instrument,
// each from the row of competency comp where there is one, else from the
// lowest competency id.
func (p *pool) samples(source, instrument string, comp int64, n int) []*Evidence {
	chosen := map[int64]*Evidence{}
	var order []int64
	for _, e := range p.byInstrument[source+"/"+instrument] {
		if !e.Score.Valid {
			continue
		}
		k := e.RefID.Int64
		c, seen := chosen[k]
		switch {
		case !seen:
			order = append(order, k)
			chosen[k] = e
		case c.CompetencyID != comp && (e.CompetencyID == comp || e.CompetencyID < c.CompetencyID):
			chosen[k] = e
		}
	}
	out := make([]*Evidence, 0, min(n, len(order)))
	for _, k := range order[:min(n, len(order))] {
		out = append(out, chosen[k])
	}
	return out
}

// evaluator evaluates criteria for one competency of one employee.
type evaluator struct {
	comp    int64
	pool    *pool
	explain bool
}

func (ev *evaluator) eval(e *Expr, path string, out *[]Clause) bool {
	switch {
	case e == nil:
		return false
	case e.All != nil:
		met := true
		for i, c := range e.All {
			met = ev.eval(c, joinPath(path, fmt.Sprintf("all[%d]", i)), out) && met
		}
		return met
	case e.Any != nil:
		met := false
		for i, c := range e.Any {
			met = ev.eval(c, joinPath(path, fmt.Sprintf("any[%d]", i)), out) || met
		}
		return met
	}
	c := Clause{Path: path}
	switch {
	case e.RubricAverage != nil:
		a := e.RubricAverage
		c.Kind = KindRubricAverage
		ev.average(&c, ev.pool.samples(SourceRubric, a.Rubric, ev.comp, a.LastN), a.LastN, &a.Min, nil)
		if ev.explain {
			c.EN = fmt.Sprintf("Rubric %s: average of the last %d scorecards ≥ %g — %s", a.Rubric, a.LastN, a.Min, c.valueEN())
			c.ZH = fmt.Sprintf("评分表 %s：最近 %d 次评分平均 ≥ %g — %s", a.Rubric, a.LastN, a.Min, c.valueZH())
		}
	case e.KPI != nil:
		k := e.KPI
		c.Kind = KindKPI
		ev.average(&c, ev.pool.samples(SourceKPI, k.KPI, ev.comp, k.LastN), k.LastN, k.Min, k.Max)
		if ev.explain {
			c.RuleEN = fmt.Sprintf("KPI %s: average of the last %d results %s", k.KPI, k.LastN, bounds(k.Min, k.Max))
			c.RuleZH = fmt.Sprintf("绩效指标 %s：最近 %d 期平均 %s", k.KPI, k.LastN, bounds(k.Min, k.Max))
			c.EN, c.ZH = c.RuleEN+" — "+c.valueEN(), c.RuleZH+" — "+c.valueZH()
		}
	case e.AssessmentPassed != nil:
		a := e.AssessmentPassed
		c.Kind = KindAssessmentPassed
		for _, r := range ev.pool.byInstrument[SourceAssessment+"/"+a.Assessment] {
			c.Evidence = append(c.Evidence, r.ID)
			if c.newest.IsZero() {
				c.newest = r.ObservedOn
			}
			score := r.Score.Float64
			if r.Score.Valid && (!c.Known || score > c.Actual) {
				c.Actual, c.Known = score, true
			}
			if a.MinScore == nil || (r.Score.Valid && score >= *a.MinScore) {
				c.Met = true
			}
		}
		if ev.explain {
			want := "passed"
			wantZH := "通过"
			if a.MinScore != nil {
				want = fmt.Sprintf("passed with at least %g%%", *a.MinScore)
				wantZH = fmt.Sprintf("以不低于 %g%% 通过", *a.MinScore)
			}
			switch {
			case len(c.Evidence) == 0:
				c.EN = fmt.Sprintf("Test %s %s — not passed", a.Assessment, want)
				c.ZH = fmt.Sprintf("测评 %s %s — 未通过", a.Assessment, wantZH)
			case c.Known:
				c.EN = fmt.Sprintf("Test %s %s — passed, best score %g%%", a.Assessment, want, c.Actual)
				c.ZH = fmt.Sprintf("测评 %s %s — 已通过，最高 %g%%", a.Assessment, wantZH, c.Actual)
			default:
				c.EN = fmt.Sprintf("Test %s %s — passed", a.Assessment, want)
				c.ZH = fmt.Sprintf("测评 %s %s — 已通过", a.Assessment, wantZH)
			}
		}
	case e.ConfirmedBy != nil:
		c.Kind = KindConfirmedBy
		for _, r := range ev.pool.rows {
			if r.CompetencyID == ev.comp && slices.Contains(e.ConfirmedBy, r.Source) {
				c.Actual, c.Known, c.newest = float64(r.Level), true, r.ObservedOn
				c.Evidence = []int64{r.ID}
				c.Met = r.Level >= e.MinLevel
				break
			}
		}
		if ev.explain {
			by := strings.Join(e.ConfirmedBy, "/")
			byZH := make([]string, len(e.ConfirmedBy))
			for i, s := range e.ConfirmedBy {
				byZH[i] = sourceZH(s)
			}
			if c.Known {
				c.EN = fmt.Sprintf("Confirmed by %s at level %d or above — latest confirmation: level %d", by, e.MinLevel, int(c.Actual))
				c.ZH = fmt.Sprintf("由%s确认达到 %d 级或以上 — 最近一次确认：%d 级", strings.Join(byZH, "/"), e.MinLevel, int(c.Actual))
			} else {
				c.EN = fmt.Sprintf("Confirmed by %s at level %d or above — no confirmation", by, e.MinLevel)
				c.ZH = fmt.Sprintf("由%s确认达到 %d 级或以上 — 尚无确认", strings.Join(byZH, "/"), e.MinLevel)
			}
		}
	default:
		return false
	}
	*out = append(*out, c)
	return c.Met
}

// average fills c from samples: met when there are n of them and their
// mean score lies within the bounds.
func (ev *evaluator) average(c *Clause, samples []*Evidence, n int, lo, hi *float64) {
	sum := 0.0
	for _, e := range samples {
		sum += e.Score.Float64
		c.Evidence = append(c.Evidence, e.ID)
	}
	c.Count = len(samples)
	if c.Count == 0 {
		return
	}
	c.newest = samples[0].ObservedOn
	c.Actual, c.Known = sum/float64(c.Count), true
	c.Met = c.Count >= n && (lo == nil || c.Actual >= *lo) && (hi == nil || c.Actual <= *hi)
}

func (c *Clause) valueEN() string {
	if !c.Known {
		return "no results"
	}
	return fmt.Sprintf("%.2f over %d", c.Actual, c.Count)
}

func (c *Clause) valueZH() string {
	if !c.Known {
		return "暂无结果"
	}
	return fmt.Sprintf("%d 次平均 %.2f", c.Count, c.Actual)
}

func bounds(lo, hi *float64) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("between %g and %g", *lo, *hi)
	case lo != nil:
		return fmt.Sprintf("≥ %g", *lo)
	case hi != nil:
		return fmt.Sprintf("≤ %g", *hi)
	}
	return ""
}

func joinPath(path, step string) string {
	if path == "" {
		return step
	}
	return path + "." + step
}

// assessment is the rule and the criteria applied to one competency.
type assessment struct {
	p          Proficiency
	ok         bool
	judgements []Judgement
	criteria   []CriteriaResult
}

// assess is the one implementation of "the level shown": the rule over the
// competency's own evidence, then its criteria over the pool of all the
// employee's evidence (see the semantics at the top of this file).
func (r Rule) assess(comp int64, own []*Evidence, pool *pool, crit []*Criteria, now time.Time, explain bool) assessment {
	p, ok, js := r.weigh(own, now, explain)
	a := assessment{p: p, ok: ok, judgements: js}
	crit = slices.Clone(crit)
	slices.SortFunc(crit, func(x, y *Criteria) int { return x.Level - y.Level })
	d := 0
	if ok {
		d = p.Level
	}
	capBy, metLevel := 0, 0
	var metNewest time.Time
	ev := evaluator{comp: comp, pool: pool, explain: explain}
	for _, c := range crit {
		if c.CompetencyID != comp {
			continue
		}
		res := CriteriaResult{Level: c.Level, Expression: c.Expression}
		e := c.Expr
		if e == nil {
			e, _ = ParseCriteria(c.Expression, 9)
		}
		if e == nil {
			res.Clauses = []Clause{{Kind: "invalid", EN: "The expression is not valid", ZH: "表达式无效"}}
		} else {
			res.Met = ev.eval(e, "", &res.Clauses)
		}
		if res.Met {
			metLevel = c.Level
			metNewest = time.Time{}
			for _, cl := range res.Clauses {
				if cl.Met && cl.newest.After(metNewest) {
					metNewest = cl.newest
				}
			}
		} else if capBy == 0 && c.Level <= d {
			capBy = c.Level
		}
		a.criteria = append(a.criteria, res)
	}
	capped := d
	if capBy > 0 {
		capped = capBy - 1
	}
	switch {
	case metLevel > capped:
		a.p = Proficiency{CompetencyID: comp, Level: metLevel, Source: SourceCriteria, ObservedOn: metNewest,
			Stale: now.Sub(metNewest) > r.StaleAfter, Default: d, MetCriteria: metLevel}
		a.ok = true
	case capBy > 0 && capped > 0:
		a.p.Level, a.p.CappedBy = capped, capBy
	case capBy > 0:
		// No level left: only what explains it.
		a.p = Proficiency{CompetencyID: comp, Default: d, CappedBy: capBy}
		a.ok = false
	}
	return a
}

// criteriaInForce returns the criteria of the given competencies (nil:
// all) up to the published scale's top level, parsed.
func (s *Store) criteriaInForce(ctx context.Context, competencyIDs []int64) ([]*Criteria, error) {
	var cs []*Criteria
	err := s.db.SelectContext(ctx, &cs, `
		SELECT c.* FROM competency_level_criteria c
		JOIN frameworks f ON f.status = 'PUBLISHED' AND c.level <= f.max_level
		WHERE $1::bigint[] IS NULL OR c.competency_id = ANY($1)
		ORDER BY c.competency_id, c.level`, pq.Array(competencyIDs))
	if err != nil {
		return nil, fmt.Errorf("criteria: %w", err)
	}
	for _, c := range cs {
		c.Expr, _ = ParseCriteria(c.Expression, 9)
	}
	return cs, nil
}

// CriteriaOf returns each competency's achievement criteria, by level, in
// key order. Anyone who may read the framework may read them.
func (s *Store) CriteriaOf(ctx context.Context, competencyIDs []int64) ([][]*Criteria, error) {
	var cs []*Criteria
	err := s.db.SelectContext(ctx, &cs, `
		SELECT * FROM competency_level_criteria WHERE competency_id = ANY($1)
		ORDER BY competency_id, level`, pq.Array(competencyIDs))
	if err != nil {
		return nil, fmt.Errorf("competency: criteria of: %w", err)
	}
	return postgres.GroupByKey(competencyIDs, cs, func(c *Criteria) int64 { return c.CompetencyID }), nil
}

// SetCriteria sets the achievement criteria of one level of a competency
// of the published framework, replacing any. Admins only. The expression
// is validated (see the grammar above) and stored in its canonical form.
func (s *Store) SetCriteria(ctx context.Context, by *auth.Viewer, competencyID int64, level int, expr json.RawMessage) (*Criteria, error) {
	if !by.Has(auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "competency.criteria.forbidden", "only an admin can set achievement criteria")
	}
	f, err := s.Published(ctx)
	if err != nil {
		return nil, err
	}
	var archived sql.NullBool
	err = s.db.GetContext(ctx, &archived, `
		SELECT archived FROM competency_versions WHERE competency_id = $1 AND framework_id = $2`, competencyID, f.ID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("competency: set criteria: %w", err)
	}
	var v rungs.Validation
	v.Check(archived.Valid && !archived.Bool, "competencyId", "competency.not_in_framework",
		"competency %d is not in framework version %d", competencyID, f.Version)
	v.Check(level >= 1 && level <= f.MaxLevel, "level", "competency.level.range", "level must be between 1 and %d", f.MaxLevel)
	e := parseCriteria(expr, f.MaxLevel, &v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	canonical, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("competency: set criteria: %w", err)
	}
	var c Criteria
	err = s.db.GetContext(ctx, &c, `
		INSERT INTO competency_level_criteria (competency_id, level, expression, created_by)
		VALUES ($1, $2, $3, NULLIF($4, 0))
		ON CONFLICT (competency_id, level) DO UPDATE
		SET expression = EXCLUDED.expression, created_by = EXCLUDED.created_by, updated_at = now()
		RETURNING *`, competencyID, level, string(canonical), by.EmployeeID)
	if err != nil {
		return nil, postgres.Translate(err, "criteria")
	}
	c.Expr = e
	return &c, nil
}

// DeleteCriteria removes the achievement criteria of one level of a
// competency, if any (removing none is not an error). Admins only.
func (s *Store) DeleteCriteria(ctx context.Context, by *auth.Viewer, competencyID int64, level int) error {
	if !by.Has(auth.RoleAdmin) {
		return rungs.Errorf(rungs.ErrForbidden, "competency.criteria.forbidden", "only an admin can remove achievement criteria")
	}
	_, err := s.db.ExecContext(ctx, `
		DELETE FROM competency_level_criteria WHERE competency_id = $1 AND level = $2`, competencyID, level)
	if err != nil {
		return fmt.Errorf("competency: delete criteria: %w", err)
	}
	return nil
}
