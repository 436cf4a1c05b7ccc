package graph

import (
	"context"
	"strings"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/classroom"
	"github.com/rungs/rungs/courses"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/people"
)

// LearningLoaders batch the edges of the catalogue, sessions and
// enrolments, like Loaders do for people and the ladder.
type LearningLoaders struct {
	Course *dataloader.Loader[int64, *courses.Course]
	// Name is an employee's name without the visibility rule: a course's
	// owner, or the learner on a record the viewer may read.
	Name         *dataloader.Loader[int64, *people.Name]
	Modules      *dataloader.Loader[int64, []*courses.Module]
	CourseComps  *dataloader.Loader[int64, []*courses.CompetencyLink]
	Prereqs      *dataloader.Loader[int64, []*courses.Prerequisite]
	Rating       *dataloader.Loader[int64, courses.FeedbackSummary]
	Feedback     *dataloader.Loader[int64, []*courses.Feedback]
	Sessions     *dataloader.Loader[paramKey[bool], []*classroom.Session]
	Session      *dataloader.Loader[int64, *classroom.Session]
	Registered   *dataloader.Loader[int64, []*classroom.Registration]
	Waitlisted   *dataloader.Loader[int64, int]
	Registration *dataloader.Loader[int64, []*classroom.Registration]
	Enrollments  *dataloader.Loader[paramKey[string], []*learning.Enrollment]
	Enrollment   *dataloader.Loader[int64, *learning.Enrollment]
	Ticks        *dataloader.Loader[int64, []*learning.ModuleTick]
	EnrollEvents *dataloader.Loader[int64, []*learning.Event]
	Assignment   *dataloader.Loader[int64, *learning.Assignment]
	Load         *dataloader.Loader[int64, learning.Load]
	TeamProgress *dataloader.Loader[paramKey[int64], []learning.CourseProgress]
	// Learner answers "is the viewer a trainer of this employee?": the
	// employee is in the viewer's training scope and enrolled in a course
	// they own (people.TrainerOfSQL).
	Learner *dataloader.Loader[int64, bool]
	// Locale is the language each employee reads notifications in.
	Locale *dataloader.Loader[int64, string]
	// MyEnrollment and MyRegistration answer "the viewer's own" per course
	// or session from one read of the viewer's rows.
	MyEnrollment   *dataloader.Loader[int64, *learning.Enrollment]
	MyRegistration *dataloader.Loader[int64, *classroom.Registration]
}

// paramKey asks for one id's list under a field argument; a batch runs one
// query per distinct argument (in practice one).
type paramKey[P comparable] struct {
	ID    int64
	Param P
}

func newLearningLoaders(r *Resolver, w wait) *LearningLoaders {
	return &LearningLoaders{
		Course: one(w, func(ctx context.Context, ids []int64) ([]*courses.Course, error) {
			return r.Courses.CoursesByIDs(ctx, auth.ViewerFromContext(ctx), ids)
		}),
		Name:        one(w, r.People.NamesByIDs),
		Modules:     one(w, r.Courses.ModulesOf),
		CourseComps: one(w, r.Courses.CompetenciesOf),
		Prereqs:     one(w, r.Courses.PrerequisitesOf),
		Rating:      one(w, r.Courses.FeedbackSummaries),
		Feedback: one(w, func(ctx context.Context, ids []int64) ([][]*courses.Feedback, error) {
			return r.Courses.FeedbackOf(ctx, auth.ViewerFromContext(ctx), ids)
		}),
		Sessions:     byParam(w, r.Classroom.SessionsOf),
		Session:      one(w, r.Classroom.SessionsByIDs),
		Registered:   one(w, r.Classroom.RegistrationsOf),
		Waitlisted:   one(w, r.Classroom.WaitlistCounts),
		Registration: one(w, r.Classroom.RegistrationsOfEmployees),
		Enrollments: byParam(w, func(ctx context.Context, ids []int64, statuses string) ([][]*learning.Enrollment, error) {
			var ss []string
			if statuses != "" {
				ss = strings.Split(statuses, ",")
			}
			return r.Learning.EnrollmentsOf(ctx, ids, ss)
		}),
		Enrollment:   one(w, r.Learning.EnrollmentsByIDs),
		Ticks:        one(w, r.Learning.ModuleProgressOf),
		EnrollEvents: one(w, r.Learning.EventsOf),
		Assignment:   one(w, r.Learning.AssignmentsByIDs),
		Load:         one(w, r.Learning.LoadOf),
		TeamProgress: byParam(w, r.Learning.ProgressOfTeams),
		Locale:       one(w, r.Notify.Locales),
		Learner: one(w, func(ctx context.Context, ids []int64) ([]bool, error) {
			v := auth.ViewerFromContext(ctx)
			if v == nil || !v.Has(auth.RoleTrainer) {
				return make([]bool, len(ids)), nil
			}
			return r.Learning.LearnersOf(ctx, v.EmployeeID, ids)
		}),
		MyEnrollment: one(w, func(ctx context.Context, courseIDs []int64) ([]*learning.Enrollment, error) {
			out := make([]*learning.Enrollment, len(courseIDs))
			v := auth.ViewerFromContext(ctx)
			if v == nil {
				return out, nil
			}
			mine, err := r.Learning.EnrollmentsOf(ctx, []int64{v.EmployeeID}, nil)
			if err != nil {
				return nil, err
			}
			byCourse := map[int64]*learning.Enrollment{}
			for _, e := range mine[0] {
				if e.CourseID.Valid {
					byCourse[e.CourseID.Int64] = e
				}
			}
			for i, id := range courseIDs {
				out[i] = byCourse[id]
			}
			return out, nil
		}),
		MyRegistration: one(w, func(ctx context.Context, sessionIDs []int64) ([]*classroom.Registration, error) {
			out := make([]*classroom.Registration, len(sessionIDs))
			v := auth.ViewerFromContext(ctx)
			if v == nil {
				return out, nil
			}
			mine, err := r.Classroom.RegistrationsOfEmployees(ctx, []int64{v.EmployeeID})
			if err != nil {
				return nil, err
			}
			bySession := map[int64]*classroom.Registration{}
			for _, reg := range mine[0] {
				bySession[reg.SessionID] = reg
			}
			for i, id := range sessionIDs {
				out[i] = bySession[id]
			}
			return out, nil
		}),
	}
}

// byParam adapts a store method taking ids and one argument to a loader
// keyed by (id, argument): one call per distinct argument in a batch.
func byParam[P comparable, V any](w wait, fetch func(context.Context, []int64, P) ([]V, error)) *dataloader.Loader[paramKey[P], V] {
	return batched(w, func(ctx context.Context, keys []paramKey[P]) []*dataloader.Result[V] {
		groups := map[P][]int{}
		for i, k := range keys {
			groups[k.Param] = append(groups[k.Param], i)
		}
		out := make([]*dataloader.Result[V], len(keys))
		for p, idx := range groups {
			ids := make([]int64, len(idx))
			for j, i := range idx {
				ids[j] = keys[i].ID
			}
			vals, err := fetch(ctx, ids, p)
			for j, i := range idx {
				if err != nil {
					out[i] = &dataloader.Result[V]{Error: err}
				} else {
					out[i] = &dataloader.Result[V]{Data: vals[j]}
				}
			}
		}
		return out
	})
}
