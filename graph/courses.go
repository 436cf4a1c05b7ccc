package graph

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/classroom"
	"github.com/rungs/rungs/courses"
	"github.com/rungs/rungs/graph/model"
	"github.com/rungs/rungs/learning"
	"github.com/rungs/rungs/postgres"
)

// Who may read what of the learning records:
//   - an employee's enrolments, load and registrations: whoever may read
//     their development record (mayReadDevelopment): themself, their line,
//     their trainers, HR and admins;
//   - a session's registrations: the course owner, the session's trainer,
//     HR and admins; anyone else only their own. A learner outside the
//     reader's sight shows by name (SessionRegistration.learner), the
//     Employee stays null (package people: records open no person);
//   - a team's progress: HR and admins see all of it; anyone else the
//     enrolments of members in their reporting subtree (a lead sees their
//     agents) and the enrolments in courses they own (a trainer sees how a
//     team is doing on their course).

// requiredCourse loads a course an edge must lead to; a course the viewer
// may not see is NOT_FOUND.
func (r *Resolver) requiredCourse(ctx context.Context, id int64) (*courses.Course, error) {
	c, err := LoadersFromContext(ctx).Course.Load(ctx, id)()
	if err == nil && c == nil {
		err = rungs.Errorf(rungs.ErrNotFound, "course.not_found", "course %d not found", id)
	}
	return c, err
}

func (r *Resolver) enrollmentsOf(ctx context.Context, employeeID int64, status []model.EnrollmentStatus) ([]*learning.Enrollment, error) {
	if err := r.mayReadDevelopment(ctx, employeeID); err != nil {
		return nil, err
	}
	statuses := make([]string, len(status))
	for i, s := range status {
		statuses[i] = string(s)
	}
	slices.Sort(statuses)
	key := paramKey[string]{ID: employeeID, Param: strings.Join(slices.Compact(statuses), ",")}
	return LoadersFromContext(ctx).Enrollments.Load(ctx, key)()
}

// sessionRegistrations lists a session's registrations for those who run
// it; anyone else gets only their own.
func (r *Resolver) sessionRegistrations(ctx context.Context, s *classroom.Session) ([]*classroom.Registration, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	regs, err := LoadersFromContext(ctx).Registered.Load(ctx, s.ID)()
	if err != nil {
		return nil, err
	}
	if v.Has(auth.RoleHR, auth.RoleAdmin) || (s.TrainerID.Valid && s.TrainerID.Int64 == v.EmployeeID) {
		return regs, nil
	}
	c, err := r.requiredCourse(ctx, s.CourseID)
	if err != nil {
		return nil, err
	}
	if c.OwnerID == v.EmployeeID {
		return regs, nil
	}
	var own []*classroom.Registration
	for _, reg := range regs {
		if reg.EmployeeID == v.EmployeeID {
			own = append(own, reg)
		}
	}
	return own, nil
}

func (r *Resolver) teamProgress(ctx context.Context, teamID int64) ([]*learning.CourseProgress, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	key := paramKey[int64]{ID: teamID, Param: v.EmployeeID}
	if v.SeesEveryone() {
		key.Param = 0
	}
	rows, err := LoadersFromContext(ctx).TeamProgress.Load(ctx, key)()
	if err != nil {
		return nil, err
	}
	out := make([]*learning.CourseProgress, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out, nil
}

// recordAttendance marks attendance and completes the attendees'
// enrolments in one transaction: either both happen or neither.
func (r *Resolver) recordAttendance(ctx context.Context, sessionID int64, marks []*model.AttendanceInput, complete bool) ([]*classroom.Registration, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	in := make([]classroom.Attendance, len(marks))
	for i, m := range marks {
		in[i] = classroom.Attendance{EmployeeID: m.EmployeeID, Attended: m.Attended}
	}
	s, err := r.Classroom.SessionByID(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	err = postgres.InTx(ctx, r.DB, func(tx *sqlx.Tx) error {
		attended, err := r.Classroom.RecordAttendance(ctx, tx, v, sessionID, in)
		if err != nil || !complete || len(attended) == 0 {
			return err
		}
		_, err = r.Learning.CompleteMany(ctx, tx, v, s.CourseID, attended)
		return err
	})
	if err != nil {
		return nil, err
	}
	regs, err := r.Classroom.RegistrationsOf(ctx, []int64{sessionID})
	if err != nil {
		return nil, err
	}
	return regs[0], nil
}

func (r *Resolver) searchCourses(ctx context.Context, filter *model.CourseFilter, first *int, after *string) (*model.CourseConnection, error) {
	v, err := viewer(ctx)
	if err != nil {
		return nil, err
	}
	n, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	var f courses.Filter
	if filter != nil {
		f.Text = deref(filter.Text)
		f.CompetencyIDs = filter.CompetencyIds
		f.PositionID = deref(filter.PositionID)
		f.OwnerID = deref(filter.OwnerID)
		for _, x := range filter.Formats {
			f.Formats = append(f.Formats, string(x))
		}
		for _, x := range filter.Statuses {
			f.Statuses = append(f.Statuses, string(x))
		}
	}
	conn := &model.CourseConnection{Nodes: []*courses.Course{}, PageInfo: &model.PageInfo{}}
	if n == 0 {
		// Only the total: a page of nothing still counts the matches.
		n = 1
		defer func() { conn.Nodes, conn.PageInfo = []*courses.Course{}, &model.PageInfo{} }()
	}
	page, err := r.Courses.Search(ctx, v, f, n, deref(after))
	if err != nil {
		return nil, err
	}
	// Prime the loader: fields of these courses need not read them again.
	for _, c := range page.Courses {
		LoadersFromContext(ctx).Course.Prime(ctx, c.ID, c)
	}
	conn.Nodes = page.Courses
	conn.TotalCount = page.Total
	conn.PageInfo.HasNextPage = page.HasNext
	if page.EndCursor != "" {
		conn.PageInfo.EndCursor = &page.EndCursor
	}
	return conn, nil
}

func moduleInputs(in []*model.ModuleInput) []courses.ModuleInput {
	if in == nil {
		return nil
	}
	out := make([]courses.ModuleInput, len(in))
	for i, m := range in {
		out[i] = courses.ModuleInput{
			ID: m.ID, TitleEN: m.TitleEn, TitleZH: m.TitleZh,
			SummaryEN: deref(m.SummaryEn), SummaryZH: deref(m.SummaryZh), EstimatedMinutes: deref(m.EstimatedMinutes),
		}
	}
	return out
}

func linkInputs(in []*model.CourseCompetencyInput) []courses.LinkInput {
	if in == nil {
		return nil
	}
	out := make([]courses.LinkInput, len(in))
	for i, l := range in {
		out[i] = courses.LinkInput{CompetencyID: l.CompetencyID, EntryLevel: deref(l.EntryLevel), TargetLevel: l.TargetLevel}
	}
	return out
}

// prereqInputs applies the schema's default: a prerequisite is enforced
// unless said otherwise.
func prereqInputs(in []*model.PrerequisiteInput) []courses.PrereqInput {
	if in == nil {
		return nil
	}
	out := make([]courses.PrereqInput, len(in))
	for i, p := range in {
		out[i] = courses.PrereqInput{CourseID: p.CourseID, Enforced: p.Enforced == nil || *p.Enforced}
	}
	return out
}

func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	return &t.Time
}
