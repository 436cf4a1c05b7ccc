package pathplan

import (
	"errors"
	"math"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/rungs/rungs"
)

const (
	comm int64 = 1 // COMMUNICATION
	emp  int64 = 2 // EMPATHY
	crm  int64 = 3 // a competency that is no gap
)

func link(comp int64, entry, target int) Link {
	return Link{CompetencyID: comp, Entry: entry, Target: target}
}

// courseSteps is the plan's course steps as codes, in order.
func courseSteps(p *Plan) []string {
	var out []string
	for _, s := range p.Steps {
		if s.Kind == StepCourse {
			out = append(out, s.Code)
		}
	}
	return out
}

func step(t *testing.T, p *Plan, code string) Step {
	t.Helper()
	for _, s := range p.Steps {
		if s.Kind == StepCourse && s.Code == code {
			return s
		}
	}
	t.Fatalf("no step %s in %v", code, courseSteps(p))
	return Step{}
}

func solve(t *testing.T, in Input) *Plan {
	t.Helper()
	p, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, in, p)
	return p
}

func TestSolve(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		steps []string
		hours float64
		check func(t *testing.T, p *Plan)
	}{{
		name: "EntryLevelChain",
		// ADV needs level 3, which BASIC brings: BASIC first although ADV
		// has the lower code.
		in: Input{Courses: []Course{
			{ID: 1, Code: "ADV", Hours: 8, Links: []Link{link(comm, 3, 4)}},
			{ID: 2, Code: "BASIC", Hours: 5, Links: []Link{link(comm, 2, 3)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 2, Required: 4}}},
		steps: []string{"BASIC", "ADV"}, hours: 13,
		check: func(t *testing.T, p *Plan) {
			if got := step(t, p, "BASIC").Closes; !slices.Equal(got, []Closure{{comm, 2, 3}}) {
				t.Errorf("BASIC closes %v", got)
			}
			if got := step(t, p, "ADV").Closes; !slices.Equal(got, []Closure{{comm, 3, 4}}) {
				t.Errorf("ADV closes %v", got)
			}
		},
	}, {
		name: "EntryNotMetLinkRaisesNothing",
		// JUMP's link needs level 3 nobody brings; the cheap course that
		// starts from the current level wins.
		in: Input{Courses: []Course{
			{ID: 1, Code: "JUMP", Hours: 1, Links: []Link{link(comm, 3, 4)}},
			{ID: 2, Code: "FULL", Hours: 9, Links: []Link{link(comm, 1, 4)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 1, Required: 4}}},
		steps: []string{"FULL"}, hours: 9,
	}, {
		name: "EnforcedPrerequisitePulledInFirst",
		in: Input{Courses: []Course{
			{ID: 1, Code: "A-CALLS", Hours: 6, Links: []Link{link(comm, 0, 3)}, Prereqs: []Prereq{{CourseID: 2, Enforced: true}}},
			{ID: 2, Code: "Z-INTRO", Hours: 2, Prereqs: []Prereq{{CourseID: 3, Enforced: true}}},
			{ID: 3, Code: "Y-SAFETY", Hours: 1},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}}},
		steps: []string{"Y-SAFETY", "Z-INTRO", "A-CALLS"}, hours: 9,
		check: func(t *testing.T, p *Plan) {
			if !step(t, p, "Z-INTRO").Prerequisite || !step(t, p, "Y-SAFETY").Prerequisite || step(t, p, "A-CALLS").Prerequisite {
				t.Errorf("prerequisite flags wrong: %+v", p.Steps)
			}
		},
	}, {
		name: "PrerequisiteCostCounts",
		// CHEAP needs a 20-hour prerequisite; DEAR alone is cheaper.
		in: Input{Courses: []Course{
			{ID: 1, Code: "CHEAP", Hours: 2, Links: []Link{link(comm, 0, 2)}, Prereqs: []Prereq{{CourseID: 2, Enforced: true}}},
			{ID: 2, Code: "LONG", Hours: 20},
			{ID: 3, Code: "DEAR", Hours: 15, Links: []Link{link(comm, 0, 2)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 2}}},
		steps: []string{"DEAR"}, hours: 15,
	}, {
		name: "AdvisoryPrerequisiteOnlySuggested",
		in: Input{Courses: []Course{
			{ID: 1, Code: "CALLS", Hours: 6, Links: []Link{link(comm, 0, 3)},
				Prereqs: []Prereq{{CourseID: 2}, {CourseID: 3}, {CourseID: 44}}},
			{ID: 2, Code: "READING", Hours: 2},
			{ID: 3, Code: "DONE", Hours: 2, Status: Completed},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}}},
		steps: []string{"CALLS"}, hours: 6,
		check: func(t *testing.T, p *Plan) {
			// Completed and unpublished advisory prerequisites are not suggested.
			if got := step(t, p, "CALLS").Suggested; !slices.Equal(got, []int64{2}) {
				t.Errorf("suggested %v, want [2]", got)
			}
		},
	}, {
		name: "CompletedSkipped",
		// DONE would be cheapest, but it is completed: its effect is
		// already in Current, and it satisfies NEXT's prerequisite.
		in: Input{Courses: []Course{
			{ID: 1, Code: "DONE", Hours: 1, Links: []Link{link(comm, 0, 4)}, Status: Completed},
			{ID: 2, Code: "NEXT", Hours: 4, Links: []Link{link(comm, 2, 4)}, Prereqs: []Prereq{{CourseID: 1, Enforced: true}}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 2, Required: 4}}},
		steps: []string{"NEXT"}, hours: 4,
	}, {
		name: "InProgressAtRemainingHours",
		in: Input{Courses: []Course{
			{ID: 1, Code: "A-NEW", Hours: 10, Links: []Link{link(comm, 0, 3)}},
			{ID: 2, Code: "B-STARTED", Hours: 20, Links: []Link{link(comm, 0, 3)}, Status: InProgress, Progress: 0.6},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}}},
		steps: []string{"B-STARTED"}, hours: 8,
		check: func(t *testing.T, p *Plan) {
			if s := step(t, p, "B-STARTED"); !s.InProgress || math.Abs(s.Hours-8) > 1e-9 {
				t.Errorf("step %+v", s)
			}
		},
	}, {
		name: "RequiredCourseAlwaysIncluded",
		// The position requires SAFETY (and so its prerequisite) although
		// it closes no gap.
		in: Input{Courses: []Course{
			{ID: 1, Code: "CALLS", Hours: 6, Links: []Link{link(comm, 0, 3)}},
			{ID: 2, Code: "SAFETY", Hours: 3, Prereqs: []Prereq{{CourseID: 3, Enforced: true}}},
			{ID: 3, Code: "WELCOME", Hours: 1},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}}, RequiredCourses: []int64{2}},
		steps: []string{"CALLS", "WELCOME", "SAFETY"}, hours: 10,
		check: func(t *testing.T, p *Plan) {
			if s := step(t, p, "SAFETY"); !s.Required || s.Prerequisite {
				t.Errorf("SAFETY step %+v", s)
			}
		},
	}, {
		name: "RequiredCourseAlsoClosesGap",
		in: Input{Courses: []Course{
			{ID: 1, Code: "CHEAP", Hours: 2, Links: []Link{link(comm, 0, 3)}},
			{ID: 2, Code: "CERT", Hours: 12, Links: []Link{link(comm, 0, 3)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}}, RequiredCourses: []int64{2, 2}},
		steps: []string{"CERT"}, hours: 12,
	}, {
		name: "OneCourseForTwoGapsOrTwoCheaper",
		in: Input{Courses: []Course{
			{ID: 1, Code: "BOTH", Hours: 25, Links: []Link{link(comm, 0, 3), link(emp, 1, 2)}},
			{ID: 2, Code: "COMM", Hours: 10, Links: []Link{link(comm, 0, 3)}},
			{ID: 3, Code: "EMP", Hours: 10, Links: []Link{link(emp, 0, 2)}},
			{ID: 4, Code: "CRM", Hours: 1, Links: []Link{link(crm, 0, 5)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}, {CompetencyID: emp, Current: 1, Required: 2}}},
		steps: []string{"COMM", "EMP"}, hours: 20,
	}, {
		name: "OneCourseForTwoGapsCheaper",
		in: Input{Courses: []Course{
			{ID: 1, Code: "BOTH", Hours: 15, Links: []Link{link(comm, 0, 3), link(emp, 1, 2)}},
			{ID: 2, Code: "COMM", Hours: 10, Links: []Link{link(comm, 0, 3)}},
			{ID: 3, Code: "EMP", Hours: 10, Links: []Link{link(emp, 0, 2)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}, {CompetencyID: emp, Current: 1, Required: 2}}},
		steps: []string{"BOTH"}, hours: 15,
		check: func(t *testing.T, p *Plan) {
			if got := step(t, p, "BOTH").Closes; !slices.Equal(got, []Closure{{comm, 0, 3}, {emp, 1, 2}}) {
				t.Errorf("BOTH closes %v", got)
			}
		},
	}, {
		name: "TieGoesToLowerCode",
		in: Input{Courses: []Course{
			{ID: 1, Code: "B", Hours: 5, Links: []Link{link(comm, 0, 3)}},
			{ID: 2, Code: "A", Hours: 5, Links: []Link{link(comm, 0, 3)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}}},
		steps: []string{"A"}, hours: 5,
	}, {
		name: "UnclosableGap",
		// Courses reach 3 of the 5 EMPATHY needs; they are still planned,
		// and the rest is a GAP step.
		in: Input{Courses: []Course{
			{ID: 1, Code: "EMP1", Hours: 4, Links: []Link{link(emp, 1, 3)}},
			{ID: 2, Code: "EMP5", Hours: 4, Links: []Link{link(emp, 4, 5)}},
			{ID: 3, Code: "COMM", Hours: 3, Links: []Link{link(comm, 0, 2)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 2}, {CompetencyID: emp, Current: 1, Required: 5}}},
		steps: []string{"COMM", "EMP1"}, hours: 7,
		check: func(t *testing.T, p *Plan) {
			want := []Unclosed{{Gap: Gap{CompetencyID: emp, Current: 1, Required: 5}, Reachable: 3}}
			if !reflect.DeepEqual(p.Unclosed, want) || p.Unclosed[0].Missing() != 2 {
				t.Errorf("unclosed %+v", p.Unclosed)
			}
			last := p.Steps[len(p.Steps)-1]
			if last.Kind != StepGap || last.Gap == nil || last.Gap.CompetencyID != emp {
				t.Errorf("last step %+v", last)
			}
		},
	}, {
		name: "NoCourseAtAll",
		in:   Input{Gaps: []Gap{{CompetencyID: comm, Current: 1, Required: 3}}},
		check: func(t *testing.T, p *Plan) {
			if len(p.Unclosed) != 1 || p.Unclosed[0].Reachable != 1 || len(p.Steps) != 1 || p.Steps[0].Kind != StepGap {
				t.Errorf("plan %+v", p)
			}
		},
	}, {
		name: "UnavailableRequiredCourses",
		// 7 is not published; 2 needs an unpublished prerequisite; 3 is
		// completed and so already met.
		in: Input{Courses: []Course{
			{ID: 2, Code: "CERT", Hours: 5, Prereqs: []Prereq{{CourseID: 99, Enforced: true}}},
			{ID: 3, Code: "OLD", Hours: 5, Status: Completed},
		}, RequiredCourses: []int64{7, 2, 3}},
		check: func(t *testing.T, p *Plan) {
			if !slices.Equal(p.Unavailable, []int64{7, 2}) {
				t.Errorf("unavailable %v", p.Unavailable)
			}
			if len(p.Steps) != 2 || p.Steps[0].Kind != StepGap || p.Steps[0].CourseID != 7 || p.Steps[1].CourseID != 2 {
				t.Errorf("steps %+v", p.Steps)
			}
		},
	}, {
		name: "OtherNeedsLast",
		in: Input{Courses: []Course{
			{ID: 1, Code: "CALLS", Hours: 6, Links: []Link{link(comm, 0, 3)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 3}, {CompetencyID: emp, Current: 4, Required: 3}},
			Other: []OtherNeed{{Kind: "KPI", RequirementID: 5, Description: "CSAT ≥ 90%"}, {Kind: "ASSESSMENT", Description: "pass the QA test"}}},
		steps: []string{"CALLS"}, hours: 6,
		check: func(t *testing.T, p *Plan) {
			if len(p.Steps) != 3 || p.Steps[1].Kind != StepOther || p.Steps[1].Other.Kind != "KPI" || p.Steps[2].Other.Kind != "ASSESSMENT" {
				t.Errorf("steps %+v", p.Steps)
			}
		},
	}, {
		name: "PrerequisiteAgainstEntryLevel",
		// P must come before Q (enforced), but P's EMPATHY link needs the
		// level Q brings: P's link is lost, and EMPATHY needs E as well.
		in: Input{Courses: []Course{
			{ID: 1, Code: "P", Hours: 1, Links: []Link{link(comm, 0, 2), link(emp, 2, 3)}},
			{ID: 2, Code: "Q", Hours: 1, Links: []Link{link(emp, 0, 2)}, Prereqs: []Prereq{{CourseID: 1, Enforced: true}}},
			{ID: 3, Code: "E", Hours: 5, Links: []Link{link(emp, 2, 3)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 2}, {CompetencyID: emp, Current: 0, Required: 3}}},
		steps: []string{"P", "Q", "E"}, hours: 7,
	}, {
		name: "EitherGapButNotBoth",
		// Taking X first gets COMMUNICATION to 2, Y first EMPATHY, never
		// both: the solver settles, in competency order, for less on one.
		in: Input{Courses: []Course{
			{ID: 1, Code: "X", Hours: 1, Links: []Link{link(comm, 0, 1), link(emp, 1, 2)}},
			{ID: 2, Code: "Y", Hours: 1, Links: []Link{link(emp, 0, 1), link(comm, 1, 2)}},
		}, Gaps: []Gap{{CompetencyID: comm, Current: 0, Required: 2}, {CompetencyID: emp, Current: 0, Required: 2}}},
		steps: []string{"Y", "X"}, hours: 2,
		check: func(t *testing.T, p *Plan) {
			if len(p.Unclosed) != 1 || p.Unclosed[0].Reachable != 1 {
				t.Errorf("unclosed %+v", p.Unclosed)
			}
		},
	}, {
		name: "NothingToDo",
		in:   Input{Courses: []Course{{ID: 1, Code: "A", Hours: 3, Links: []Link{link(comm, 0, 3)}}}, Gaps: []Gap{{CompetencyID: comm, Current: 3, Required: 3}}},
		check: func(t *testing.T, p *Plan) {
			if len(p.Steps) != 0 || p.TotalHours != 0 || p.Method != Exact {
				t.Errorf("plan %+v", p)
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := solve(t, tt.in)
			if got := courseSteps(p); !slices.Equal(got, tt.steps) {
				t.Errorf("steps %v, want %v", got, tt.steps)
			}
			if math.Abs(p.TotalHours-tt.hours) > 1e-9 {
				t.Errorf("hours %v, want %v", p.TotalHours, tt.hours)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

// The same input in any order gives the same plan, exact or greedy.
func TestDeterministic(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for c := range 100 {
		in := randomInput(r, 5+r.Intn(30), 1+r.Intn(4))
		want, err := Solve(in)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := in
		shuffled.Courses = slices.Clone(in.Courses)
		shuffled.Gaps = slices.Clone(in.Gaps)
		r.Shuffle(len(shuffled.Courses), func(a, b int) {
			shuffled.Courses[a], shuffled.Courses[b] = shuffled.Courses[b], shuffled.Courses[a]
		})
		slices.Reverse(shuffled.Gaps)
		got, err := Solve(shuffled)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: plans differ:\n%+v\n%+v", c, got, want)
		}
	}
}

// Beyond the exact limit the greedy plan is used and is always valid.
func TestGreedyBeyondLimit(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	greedy := 0
	for c := range 60 {
		in := randomInput(r, 40+r.Intn(60), 2+r.Intn(4))
		p, err := Solve(in)
		if err != nil {
			t.Fatal(err)
		}
		if p.Candidates > DefaultExactLimit && p.Method != Greedy {
			t.Fatalf("case %d: %d candidates solved %s", c, p.Candidates, p.Method)
		}
		checkPlan(t, in, p)
		greedy += p.Candidates
	}
	if greedy < 60*30 {
		t.Errorf("only %d candidates in all; the catalogues test too little", greedy)
	}
}

// How far greedy is from optimal where both can run; the figures are in
// greedy's doc comment.
func TestGreedyAgainstExact(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	const cases = 400
	optimal, worst, sum, n := 0, 1.0, 0.0, 0
	for c := range cases {
		in := randomInput(r, 8+r.Intn(9), 2+r.Intn(3))
		in.ExactLimit = MaxExactLimit
		exact := solve(t, in)
		in.ExactLimit = 1
		greedy := solve(t, in)
		if exact.Candidates > 1 && (exact.Method != Exact || greedy.Method != Greedy) {
			t.Fatalf("case %d: methods %s and %s", c, exact.Method, greedy.Method)
		}
		if !reflect.DeepEqual(exact.Unclosed, greedy.Unclosed) {
			t.Fatalf("case %d: unclosed %+v vs %+v", c, exact.Unclosed, greedy.Unclosed)
		}
		if greedy.TotalHours < exact.TotalHours-1e-6 {
			t.Fatalf("case %d: greedy %v beats exact %v", c, greedy.TotalHours, exact.TotalHours)
		}
		if exact.TotalHours == 0 {
			continue
		}
		ratio := greedy.TotalHours / exact.TotalHours
		if ratio < 1+1e-9 {
			optimal++
		}
		worst, sum, n = max(worst, ratio), sum+ratio, n+1
	}
	t.Logf("greedy optimal in %d of %d plans with hours; mean %.3f× exact, worst %.3f×", optimal, n, sum/float64(n), worst)
}

func TestSolveInvalid(t *testing.T) {
	in := Input{
		Courses: []Course{
			{ID: 1, Code: "A", Hours: -1, Prereqs: []Prereq{{CourseID: 2, Enforced: true}}},
			{ID: 2, Code: "B", Progress: 1.5, Prereqs: []Prereq{{CourseID: 1, Enforced: true}}},
			{ID: 5, Code: "C", Status: "LOST", Links: []Link{link(comm, 3, 3)}},
			{ID: 5, Code: "D"},
		},
		Gaps:       []Gap{{CompetencyID: comm, Current: -1, Required: 2}, {CompetencyID: comm, Required: 2}},
		ExactLimit: -1,
	}
	_, err := Solve(in)
	var e *rungs.Error
	if !errors.As(err, &e) || e.Code != rungs.ErrBadUserInput {
		t.Fatalf("err %v", err)
	}
	var keys []string
	for _, d := range e.Details {
		keys = append(keys, d.Key)
	}
	want := []string{"pathplan.course.hours", "pathplan.course.progress", "pathplan.course.status",
		"pathplan.link.levels", "pathplan.course.duplicate", "pathplan.prerequisite.cycle", "pathplan.gap.levels", "pathplan.gap.duplicate", "pathplan.exactLimit.invalid"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %v\nwant %v", keys, want)
	}
	// An advisory cycle is fine.
	if _, err := Solve(Input{Courses: []Course{
		{ID: 1, Code: "A", Prereqs: []Prereq{{CourseID: 2}}},
		{ID: 2, Code: "B", Prereqs: []Prereq{{CourseID: 1}}},
	}}); err != nil {
		t.Errorf("advisory cycle: %v", err)
	}
}

func TestFinish(t *testing.T) {
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC) // fixed-date: Finish is pure arithmetic on the start it is given
	tests := []struct {
		name   string
		total  float64
		weekly float64
		want   time.Time
		err    bool
	}{
		{"ExactWeeks", 10, 2.5, start.AddDate(0, 0, 28), false},
		{"PartWeekRoundsUp", 10, 3, start.AddDate(0, 0, 28), false},
		{"LessThanAWeek", 0.5, 8, start.AddDate(0, 0, 7), false},
		{"FloatRounding", 0.3, 0.1, start.AddDate(0, 0, 21), false},
		{"NothingLeft", 0, 5, start, false},
		{"ZeroBudget", 10, 0, time.Time{}, true},
		{"NegativeBudget", 10, -2, time.Time{}, true},
		{"NaNBudget", 10, math.NaN(), time.Time{}, true},
		{"InfiniteBudget", 10, math.Inf(1), time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := (&Plan{TotalHours: tt.total}).Finish(start, tt.weekly)
			if tt.err {
				if rungs.ErrorCode(err) != rungs.ErrBadUserInput {
					t.Fatalf("err %v", err)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("Finish = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// limitInput is a random catalogue with exactly DefaultExactLimit
// candidates: every course can raise some gap.
func limitInput(r *rand.Rand) Input {
	for {
		in := randomInput(r, DefaultExactLimit, 4)
		for i := range in.Courses {
			in.Courses[i].Status, in.Courses[i].Progress = Available, 0
		}
		for i := range in.Gaps {
			in.Gaps[i].Current, in.Gaps[i].Required = 0, 4
		}
		if p, err := Solve(in); err == nil && p.Candidates == DefaultExactLimit {
			return in
		}
	}
}

func BenchmarkExactAtLimit(b *testing.B) {
	r := rand.New(rand.NewSource(5))
	inputs := make([]Input, 20)
	for i := range inputs {
		inputs[i] = limitInput(r)
	}
	b.ResetTimer()
	for i := range b.N {
		if p, _ := Solve(inputs[i%len(inputs)]); p.Method != Exact {
			b.Fatal(p.Method)
		}
	}
}

// BenchmarkGreedyLarge plans over a catalogue of 200 courses on 6 gaps.
func BenchmarkGreedyLarge(b *testing.B) {
	r := rand.New(rand.NewSource(6))
	inputs := make([]Input, 5)
	for i := range inputs {
		inputs[i] = randomInput(r, 200, 6)
		for k := range inputs[i].Gaps {
			inputs[i].Gaps[k].Current, inputs[i].Gaps[k].Required = 0, 4
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if p, _ := Solve(inputs[i%len(inputs)]); p.Method != Greedy {
			b.Fatal(p.Method)
		}
	}
}
