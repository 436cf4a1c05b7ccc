package seed

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// The shapes of the demo course content (courses_content.go holds the data)
// and the step of the seed that writes it. Everything is plain SQL over
// unnest arrays: the courses, learning, classroom and notify packages are
// not imported, so the seed stays independent of their code.

// demoCourse is one course of the catalogue.
type demoCourse struct {
	Code                 string // e.g. "CS-101"
	Owner                string // employee number of a TRAINER
	Format               string // E_LEARNING, CLASSROOM, COACHING, ON_THE_JOB
	Status               string // DRAFT, PUBLISHED, ARCHIVED
	TitleEN, TitleZH     string
	SummaryEN, SummaryZH string
	Hours                float64
	Certification        bool
	ValidityMonths       int // 0: a completion never expires
	// Since is how many days ago the course was published (created, for a
	// draft); ArchivedAgo when it was archived.
	Since, ArchivedAgo int
	Modules            []demoModule
	Competencies       []demoCourseLink
	Prerequisites      []demoPrerequisite
}

// demoModule is one module (lesson); its position is its index + 1.
type demoModule struct {
	EN, ZH  string
	Minutes int
}

// demoCourseLink says the course takes a competency from Entry (the level a
// learner should already have) to Target.
type demoCourseLink struct {
	Competency    string
	Entry, Target int
}

// demoPrerequisite is a course to complete first; an advisory one only warns.
type demoPrerequisite struct {
	Course   string
	Enforced bool
}

// demoCourseRequirement: a position asks for a course (Kind COURSE) or a
// certification still valid (CERTIFICATION).
type demoCourseRequirement struct{ Position, Kind, Course string }

// demoSession is a classroom session. Registered hold seats (in order);
// Waitlisted wait; in a past session NoShow did not attend, the others did.
type demoSession struct {
	Course                 string
	InDays, Days           int // first day relative to today; length in days
	Capacity               int
	Trainer, Place         string
	Registered, Waitlisted []string
	NoShow                 []string
	// RegisteredAgo, when set, is when people registered (days ago);
	// otherwise right after their enrolment.
	RegisteredAgo int
}

// demoAssignment is an assignment. Target is a team code (scope TEAM) or a
// position code (POSITION); the EMPLOYEES scope names its people through
// their enrolments.
type demoAssignment struct {
	Key               string // names it in demoEnrollments
	Course, Scope     string
	Target            string
	CreatedAgo, DueIn int // days ago; days from today (negative: past)
	RecurrenceMonths  int
	By                string
	Reason            string
}

// demoEnrollment is one learner's enrolment in a course; days are counted
// back from today.
type demoEnrollment struct {
	Emp, Course string
	Asg         string // a demoAssignment key; "" when self-enrolled
	Status      string
	// Ago is when they were enrolled (default: when the assignment was
	// made, or a week before starting when self-enrolled).
	Ago int
	// Started and Done: when they started, and when they completed or
	// withdrew (a completion started Done+5 unless set).
	Started, Done int
	// Ticked is the modules done so far (in progress or withdrawn).
	Ticked int
	// PrevDone, when set, is a first completion of a certification whose
	// validity ran out: the enrolment was re-opened into cycle 2 thirty
	// days before it expired, due on the day it did.
	PrevDone int
	Note     string // why they withdrew
}

// demoCourseFeedback is a completer's rating and comment.
type demoCourseFeedback struct {
	Emp, Course string
	Rating      int
	Comment     string
}

// courseCounts is what seedCourses reports.
type courseCounts struct {
	Courses, Requirements, Sessions, Assignments, Enrollments int
}

// seedCourses writes the catalogue (upserted by course code, like the rest
// of the seed) and then the demo company's learning history. The history
// has no natural key, so it is written once: sessions for courses without
// any, assignments that do not exist yet, and enrolments (with their
// events, progress, evidence, feedback and notifications) only for
// employees who have none, as seedRatings does for ratings.
func seedCourses(ctx context.Context, tx *sqlx.Tx, frameworkID int64, today time.Time) (courseCounts, error) {
	var n courseCounts
	var err error
	if n.Courses, err = upsertCourses(ctx, tx, today); err != nil {
		return n, err
	}
	if err = upsertCourseParts(ctx, tx, frameworkID); err != nil {
		return n, err
	}
	if n.Requirements, err = upsertCourseRequirements(ctx, tx); err != nil {
		return n, err
	}
	sessions, err := insertSessions(ctx, tx, today)
	if err != nil {
		return n, err
	}
	n.Sessions = len(sessions)
	if n.Assignments, err = insertAssignments(ctx, tx, today); err != nil {
		return n, err
	}
	learners, err := insertEnrollments(ctx, tx, today)
	if err != nil {
		return n, err
	}
	n.Enrollments = learners.enrollments
	if err := insertRegistrations(ctx, tx, today, sessions); err != nil {
		return n, err
	}
	if len(learners.employees) == 0 {
		return n, nil
	}
	if err := insertLearningHistory(ctx, tx, today, learners.employees); err != nil {
		return n, err
	}
	if frameworkID != 0 {
		if err := insertCourseEvidence(ctx, tx, frameworkID, learners.employees); err != nil {
			return n, err
		}
	}
	if err := insertFeedbackAndNotices(ctx, tx, today, learners.employees); err != nil {
		return n, err
	}
	return n, nil
}

// at is a moment on the day daysAgo days before today, hour hours into it
// (UTC; 02:00 UTC is 10:00 in Shanghai).
func at(today time.Time, daysAgo int, hour float64) time.Time {
	return today.AddDate(0, 0, -daysAgo).Add(time.Duration(hour * float64(time.Hour)))
}

// ts renders an optional moment for a text[] parameter ("" is NULL):
// pq arrays cannot carry NULL timestamps.
func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func upsertCourses(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var code, owner, format, status, ten, tzh, sen, szh, created, published, archived []string
	var hours []float64
	var cert []bool
	var validity []int
	for _, c := range demoCourses {
		code, owner, format, status = append(code, c.Code), append(owner, c.Owner), append(format, c.Format), append(status, c.Status)
		ten, tzh, sen, szh = append(ten, c.TitleEN), append(tzh, c.TitleZH), append(sen, c.SummaryEN), append(szh, c.SummaryZH)
		hours, cert, validity = append(hours, c.Hours), append(cert, c.Certification), append(validity, c.ValidityMonths)
		// Written two weeks before it was published.
		pub, arch := at(today, c.Since, 2), time.Time{}
		created = append(created, ts(pub.AddDate(0, 0, -14)))
		if c.Status == "DRAFT" {
			created[len(created)-1], pub = ts(pub), time.Time{}
		}
		if c.Status == "ARCHIVED" {
			arch = at(today, c.ArchivedAgo, 2)
		}
		published, archived = append(published, ts(pub)), append(archived, ts(arch))
	}
	// A course whose status changes keeps its first publication date.
	res, err := tx.ExecContext(ctx, `
		INSERT INTO courses (code, title_en, title_zh, summary_en, summary_zh, format, estimated_hours, owner_id,
		                     status, certification, validity_months, created_at, updated_at, published_at, archived_at)
		SELECT d.code, d.ten, d.tzh, d.sen, d.szh, d.format, d.hours, o.id, d.status, d.cert, NULLIF(d.validity, 0),
		       d.created::timestamptz, d.created::timestamptz, NULLIF(d.published, '')::timestamptz, NULLIF(d.archived, '')::timestamptz
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[],
		            $9::text[], $10::bool[], $11::int[], $12::text[], $13::text[], $14::text[])
		     AS d (code, ten, tzh, sen, szh, format, hours, owner, status, cert, validity, created, published, archived)
		JOIN employees o ON o.employee_no = d.owner
		ON CONFLICT (code) DO UPDATE SET
			title_en = EXCLUDED.title_en, title_zh = EXCLUDED.title_zh,
			summary_en = EXCLUDED.summary_en, summary_zh = EXCLUDED.summary_zh,
			format = EXCLUDED.format, estimated_hours = EXCLUDED.estimated_hours, owner_id = EXCLUDED.owner_id,
			status = EXCLUDED.status, certification = EXCLUDED.certification, validity_months = EXCLUDED.validity_months,
			published_at = COALESCE(courses.published_at, EXCLUDED.published_at),
			archived_at = CASE WHEN EXCLUDED.status = 'ARCHIVED' THEN COALESCE(courses.archived_at, EXCLUDED.archived_at) END,
			updated_at = now()`,
		pq.Array(code), pq.Array(ten), pq.Array(tzh), pq.Array(sen), pq.Array(szh), pq.Array(format), pq.Array(hours),
		pq.Array(owner), pq.Array(status), pq.Array(cert), pq.Array(validity), pq.Array(created), pq.Array(published), pq.Array(archived))
	if err != nil {
		return 0, fmt.Errorf("courses: %w", err)
	}
	if n, _ := res.RowsAffected(); int(n) != len(demoCourses) {
		return 0, fmt.Errorf("courses: wrote %d of %d (unknown owner?)", n, len(demoCourses))
	}
	return len(demoCourses), nil
}

// upsertCourseParts writes modules, competency links and prerequisites.
// Modules are keyed by (course, position); the position constraint is
// deferrable, which ON CONFLICT cannot use, so existing positions are
// updated and missing ones added. Modules a trainer added stay.
func upsertCourseParts(ctx context.Context, tx *sqlx.Tx, frameworkID int64) error {
	var mcourse, men, mzh []string
	var mpos, mmin []int
	var lcourse, lcomp []string
	var lentry, ltarget []int
	var pcourse, ppre []string
	var penforced []bool
	for _, c := range demoCourses {
		for i, m := range c.Modules {
			mcourse, men, mzh = append(mcourse, c.Code), append(men, m.EN), append(mzh, m.ZH)
			mpos, mmin = append(mpos, i+1), append(mmin, m.Minutes)
		}
		for _, l := range c.Competencies {
			lcourse, lcomp, lentry, ltarget = append(lcourse, c.Code), append(lcomp, l.Competency), append(lentry, l.Entry), append(ltarget, l.Target)
		}
		for _, p := range c.Prerequisites {
			pcourse, ppre, penforced = append(pcourse, c.Code), append(ppre, p.Course), append(penforced, p.Enforced)
		}
	}
	args := []any{pq.Array(mcourse), pq.Array(mpos), pq.Array(men), pq.Array(mzh), pq.Array(mmin)}
	if _, err := tx.ExecContext(ctx, `
		UPDATE course_modules m SET title_en = d.en, title_zh = d.zh, estimated_minutes = d.minutes
		FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[]) AS d (code, pos, en, zh, minutes)
		JOIN courses c ON c.code = d.code
		WHERE m.course_id = c.id AND m.position = d.pos`, args...); err != nil {
		return fmt.Errorf("course modules: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO course_modules (course_id, position, title_en, title_zh, estimated_minutes)
		SELECT c.id, d.pos, d.en, d.zh, d.minutes
		FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[]) AS d (code, pos, en, zh, minutes)
		JOIN courses c ON c.code = d.code
		WHERE NOT EXISTS (SELECT 1 FROM course_modules m WHERE m.course_id = c.id AND m.position = d.pos)`, args...); err != nil {
		return fmt.Errorf("course modules: %w", err)
	}
	// Links name competencies of the published framework; without one
	// (an admin's draft only) they wait for the next run.
	if frameworkID != 0 {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO course_competencies (course_id, competency_id, framework_id, entry_level, target_level)
			SELECT c.id, k.id, $1, d.entry, d.target
			FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) AS d (code, comp, entry, target)
			JOIN courses c ON c.code = d.code JOIN competencies k ON k.code = d.comp
			ON CONFLICT (course_id, competency_id) DO UPDATE SET
				framework_id = EXCLUDED.framework_id, entry_level = EXCLUDED.entry_level, target_level = EXCLUDED.target_level`,
			frameworkID, pq.Array(lcourse), pq.Array(lcomp), pq.Array(lentry), pq.Array(ltarget)); err != nil {
			return fmt.Errorf("course competencies: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO course_prerequisites (course_id, prerequisite_id, enforced)
		SELECT c.id, p.id, d.enforced
		FROM unnest($1::text[], $2::text[], $3::bool[]) AS d (code, pre, enforced)
		JOIN courses c ON c.code = d.code JOIN courses p ON p.code = d.pre
		ON CONFLICT (course_id, prerequisite_id) DO UPDATE SET enforced = EXCLUDED.enforced`,
		pq.Array(pcourse), pq.Array(ppre), pq.Array(penforced)); err != nil {
		return fmt.Errorf("course prerequisites: %w", err)
	}
	return nil
}

func upsertCourseRequirements(ctx context.Context, tx *sqlx.Tx) (int, error) {
	var pos, kind, course []string
	for _, r := range demoCourseRequirements {
		pos, kind, course = append(pos, r.Position), append(kind, r.Kind), append(course, r.Course)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO position_requirements (position_id, kind, course_id)
		SELECT p.id, d.kind, c.id
		FROM unnest($1::text[], $2::text[], $3::text[]) AS d (pos, kind, course)
		JOIN positions p ON p.code = d.pos JOIN courses c ON c.code = d.course
		ON CONFLICT (position_id, course_id) WHERE kind IN ('COURSE', 'CERTIFICATION')
		DO UPDATE SET kind = EXCLUDED.kind`,
		pq.Array(pos), pq.Array(kind), pq.Array(course))
	if err != nil {
		return 0, fmt.Errorf("course requirements: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// insertSessions adds the demo sessions of every course that has none yet
// and returns the new sessions' ids by index into demoSessions.
func insertSessions(ctx context.Context, tx *sqlx.Tx, today time.Time) (map[int]int64, error) {
	var course, trainer, place, starts, ends, created []string
	var capacity []int
	for _, s := range demoSessions {
		// 09:00–17:00 in Shanghai is 01:00–09:00 UTC.
		start := at(today, -s.InDays, 1)
		end := start.AddDate(0, 0, s.Days-1).Add(8 * time.Hour)
		made := at(today, 60, 2)
		if s.InDays < 0 {
			made = start.AddDate(0, 0, -60)
		}
		course, trainer, place, capacity = append(course, s.Course), append(trainer, s.Trainer), append(place, s.Place), append(capacity, s.Capacity)
		starts, ends, created = append(starts, ts(start)), append(ends, ts(end)), append(created, ts(made))
	}
	var rows []struct {
		Code   string    `db:"code"`
		Starts time.Time `db:"starts_at"`
		ID     int64     `db:"id"`
	}
	err := tx.SelectContext(ctx, &rows, `
		WITH ins AS (
			INSERT INTO course_sessions (course_id, starts_at, ends_at, place, capacity, trainer_id, created_at, updated_at)
			SELECT c.id, d.starts::timestamptz, d.ends::timestamptz, d.place, d.capacity, t.id, d.created::timestamptz, d.created::timestamptz
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])
			     AS d (code, starts, ends, place, capacity, trainer, created)
			JOIN courses c ON c.code = d.code
			JOIN employees t ON t.employee_no = d.trainer
			WHERE NOT EXISTS (SELECT 1 FROM course_sessions s WHERE s.course_id = c.id)
			RETURNING id, course_id, starts_at)
		SELECT c.code, ins.starts_at, ins.id FROM ins JOIN courses c ON c.id = ins.course_id`,
		pq.Array(course), pq.Array(starts), pq.Array(ends), pq.Array(place), pq.Array(capacity), pq.Array(trainer), pq.Array(created))
	if err != nil {
		return nil, fmt.Errorf("sessions: %w", err)
	}
	ids := map[int]int64{}
	for _, r := range rows {
		for i, s := range demoSessions {
			if s.Course == r.Code && starts[i] == ts(r.Starts.UTC()) {
				ids[i] = r.ID
			}
		}
	}
	if len(ids) != len(rows) {
		return nil, fmt.Errorf("sessions: matched %d of %d new sessions", len(ids), len(rows))
	}
	return ids, nil
}

// insertRegistrations books the people of each session created by this run;
// the trigger counts the seats.
func insertRegistrations(ctx context.Context, tx *sqlx.Tx, today time.Time, sessions map[int]int64) error {
	enrolled := map[[2]string]demoEnrollment{}
	for _, e := range demoEnrollments {
		enrolled[[2]string{e.Emp, e.Course}] = e
	}
	var session []int64
	var emp, status, attended, when []string
	for i, s := range demoSessions {
		id, ok := sessions[i]
		if !ok {
			continue
		}
		noShow := map[string]bool{}
		for _, e := range s.NoShow {
			noShow[e] = true
		}
		add := func(k int, e, st string) {
			t := at(today, enrollmentAgo(enrolled[[2]string{e, s.Course}]), 3)
			if s.RegisteredAgo > 0 {
				t = at(today, s.RegisteredAgo, 3)
			}
			a := ""
			if s.InDays < 0 && st == "REGISTERED" {
				a = fmt.Sprint(!noShow[e])
			}
			session, emp, status = append(session, id), append(emp, e), append(status, st)
			attended, when = append(attended, a), append(when, ts(t.Add(time.Duration(k)*time.Minute)))
		}
		for k, e := range s.Registered {
			add(k, e, "REGISTERED")
		}
		for k, e := range s.Waitlisted {
			add(len(s.Registered)+k, e, "WAITLISTED")
		}
	}
	if len(session) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO session_registrations (session_id, employee_id, status, attended, registered_at, waitlisted_at, updated_at)
		SELECT d.session, e.id, d.status, NULLIF(d.attended, '')::boolean, d.at::timestamptz,
		       CASE WHEN d.status = 'WAITLISTED' THEN d.at::timestamptz END, d.at::timestamptz
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS d (session, emp, status, attended, at)
		JOIN employees e ON e.employee_no = d.emp
		ON CONFLICT (session_id, employee_id) DO NOTHING`,
		pq.Array(session), pq.Array(emp), pq.Array(status), pq.Array(attended), pq.Array(when)); err != nil {
		return fmt.Errorf("session registrations: %w", err)
	}
	return nil
}

// insertAssignments adds the demo assignments not already there (same
// course, scope, target and reason).
func insertAssignments(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var course, scope, target, reason, by, created, due []string
	var rec []int
	for _, a := range demoAssignments {
		course, scope, target, reason, by = append(course, a.Course), append(scope, a.Scope), append(target, a.Target), append(reason, a.Reason), append(by, a.By)
		created, due, rec = append(created, ts(at(today, a.CreatedAgo, 2))), append(due, today.AddDate(0, 0, a.DueIn).Format(time.DateOnly)), append(rec, a.RecurrenceMonths)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO assignments (course_id, scope, team_id, position_id, due_on, recurrence_months, reason, assigned_by, created_at)
		SELECT c.id, d.scope, t.id, p.id, d.due::date, NULLIF(d.rec, 0), d.reason, b.id, d.created::timestamptz
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
		     AS d (course, scope, target, reason, by, created, due, rec)
		JOIN courses c ON c.code = d.course
		JOIN employees b ON b.employee_no = d.by
		LEFT JOIN teams t ON d.scope = 'TEAM' AND t.code = d.target
		LEFT JOIN positions p ON d.scope = 'POSITION' AND p.code = d.target
		WHERE NOT EXISTS (SELECT 1 FROM assignments a
			WHERE a.course_id = c.id AND a.scope = d.scope AND a.reason = d.reason
			  AND a.team_id IS NOT DISTINCT FROM t.id AND a.position_id IS NOT DISTINCT FROM p.id)`,
		pq.Array(course), pq.Array(scope), pq.Array(target), pq.Array(reason), pq.Array(by), pq.Array(created), pq.Array(due), pq.Array(rec))
	if err != nil {
		return 0, fmt.Errorf("assignments: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// assignmentIDs finds the demo assignments' ids by key.
func assignmentIDs(ctx context.Context, tx *sqlx.Tx) (map[string]int64, error) {
	var key, course, scope, target, reason []string
	for _, a := range demoAssignments {
		key, course, scope, target, reason = append(key, a.Key), append(course, a.Course), append(scope, a.Scope), append(target, a.Target), append(reason, a.Reason)
	}
	var rows []struct {
		Key string        `db:"key"`
		ID  sql.NullInt64 `db:"id"`
	}
	err := tx.SelectContext(ctx, &rows, `
		SELECT d.key, (SELECT min(a.id) FROM assignments a
			JOIN courses c ON c.id = a.course_id
			LEFT JOIN teams t ON t.id = a.team_id
			LEFT JOIN positions p ON p.id = a.position_id
			WHERE c.code = d.course AND a.scope = d.scope AND a.reason = d.reason
			  AND COALESCE(t.code, p.code, '') = d.target) AS id
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS d (key, course, scope, target, reason)`,
		pq.Array(key), pq.Array(course), pq.Array(scope), pq.Array(target), pq.Array(reason))
	if err != nil {
		return nil, fmt.Errorf("assignment ids: %w", err)
	}
	ids := map[string]int64{}
	for _, r := range rows {
		ids[r.Key] = r.ID.Int64
	}
	return ids, nil
}

// enrollmentPlan is one demo enrolment worked out into rows.
type enrollmentPlan struct {
	cycle                                           int
	due                                             string
	created, started, completed, withdrawn, updated time.Time
	lastCompleted                                   time.Time
	validUntil                                      string
	events                                          []enrollmentEvent
	ticks                                           []time.Time // module 1, 2, … done at
}

type enrollmentEvent struct {
	cycle       int
	from, to    string
	actor, note string
	at          time.Time
}

func demoCourseByCode(code string) (demoCourse, bool) {
	for _, c := range demoCourses {
		if c.Code == code {
			return c, true
		}
	}
	return demoCourse{}, false
}

func demoAssignmentByKey(key string) (demoAssignment, bool) {
	for _, a := range demoAssignments {
		if a.Key == key {
			return a, true
		}
	}
	return demoAssignment{}, false
}

// startedAgo is when a demo enrolment (of its current cycle) started; 0
// when it has not.
func (e demoEnrollment) startedAgo() int {
	if e.Started == 0 && e.Status == stCompleted {
		return e.Done + 5
	}
	return e.Started
}

// enrollmentAgo is when the learner was enrolled, in days ago.
func enrollmentAgo(e demoEnrollment) int {
	if e.Ago > 0 {
		return e.Ago
	}
	if a, ok := demoAssignmentByKey(e.Asg); ok {
		return a.CreatedAgo
	}
	first := max(e.startedAgo(), e.Done)
	if e.PrevDone > 0 {
		first = e.PrevDone + 5
	}
	return first + 7
}

// plan works out a demo enrolment's dates, its status history and its
// ticked modules.
func (e demoEnrollment) plan(today time.Time) enrollmentPlan {
	c, _ := demoCourseByCode(e.Course)
	a, assigned := demoAssignmentByKey(e.Asg)
	p := enrollmentPlan{cycle: 1, created: at(today, enrollmentAgo(e), 2)}
	if assigned {
		p.due = today.AddDate(0, 0, a.DueIn).Format(time.DateOnly)
	}
	// Who put them on the course: the assigner, the system for a
	// standing rule, or themself.
	by := e.Emp
	if assigned {
		by = a.By
		if a.Scope != "EMPLOYEES" {
			by = ""
		}
	}
	// A classroom completion is signed off by the trainer taking the
	// attendance; coaching and on-the-job ones by the course owner.
	closer, closeNote := e.Emp, ""
	switch c.Format {
	case "CLASSROOM":
		closer, closeNote = c.Owner, "Attendance recorded"
	case "COACHING", "ON_THE_JOB":
		closer, closeNote = c.Owner, "Signed off by the trainer"
	}
	ev := func(from, to, actor, note string, t time.Time) {
		p.events = append(p.events, enrollmentEvent{p.cycle, from, to, actor, note, t})
		p.updated = t
	}
	ev("", stAssigned, by, "", p.created)
	if e.PrevDone > 0 {
		// The first cycle, completed, then re-opened before it expired.
		first, done := at(today, e.PrevDone+5, 3), at(today, e.PrevDone, 9.5)
		ev(stAssigned, stInProgress, e.Emp, "", first)
		ev(stInProgress, stCompleted, closer, closeNote, done)
		expires := done.AddDate(0, c.ValidityMonths, 0)
		p.lastCompleted, p.validUntil = done, expires.Format(time.DateOnly)
		p.cycle, p.due = 2, p.validUntil
		ev(stCompleted, stAssigned, "", "Certification expires: yearly renewal", expires.AddDate(0, 0, -30).Truncate(24*time.Hour).Add(time.Hour))
	}
	if s := e.startedAgo(); s > 0 {
		p.started = at(today, s, 3)
		ev(stAssigned, stInProgress, e.Emp, "", p.started)
	}
	n := len(c.Modules)
	switch e.Status {
	case stCompleted:
		p.completed = at(today, e.Done, 9.5)
		p.lastCompleted = p.completed
		p.validUntil = ""
		if c.ValidityMonths > 0 {
			p.validUntil = p.completed.AddDate(0, c.ValidityMonths, 0).Format(time.DateOnly)
		}
		for i := range n {
			p.ticks = append(p.ticks, p.started.Add(p.completed.Sub(p.started)*time.Duration(i+1)/time.Duration(n)))
		}
		ev(stInProgress, stCompleted, closer, closeNote, p.completed)
	case stInProgress:
		for i := range e.Ticked {
			p.ticks = append(p.ticks, p.started.Add(today.Sub(p.started)*time.Duration(i+1)/time.Duration(e.Ticked+1)))
		}
	case stWithdrawn:
		p.withdrawn = at(today, e.Done, 6)
		from := stAssigned
		if !p.started.IsZero() {
			from = stInProgress
			for i := range e.Ticked {
				p.ticks = append(p.ticks, p.started.Add(p.withdrawn.Sub(p.started)*time.Duration(i+1)/time.Duration(e.Ticked+1)))
			}
		}
		ev(from, stWithdrawn, e.Emp, e.Note, p.withdrawn)
	}
	return p
}

// newLearners is who insertEnrollments enrolled.
type newLearners struct {
	employees   []int64
	enrollments int
}

// insertEnrollments enrols every demo employee who has no enrolment yet.
func insertEnrollments(ctx context.Context, tx *sqlx.Tx, today time.Time) (newLearners, error) {
	asg, err := assignmentIDs(ctx, tx)
	if err != nil {
		return newLearners{}, err
	}
	var emp, course, status, due, created, started, completed, withdrawn, lastDone, valid, updated []string
	var asgID []int64
	var cycle []int
	for _, e := range demoEnrollments {
		p := e.plan(today)
		emp, course, status, asgID, cycle = append(emp, e.Emp), append(course, e.Course), append(status, e.Status), append(asgID, asg[e.Asg]), append(cycle, p.cycle)
		due, created, started = append(due, p.due), append(created, ts(p.created)), append(started, ts(p.started))
		completed, withdrawn, lastDone = append(completed, ts(p.completed)), append(withdrawn, ts(p.withdrawn)), append(lastDone, ts(p.lastCompleted))
		valid, updated = append(valid, p.validUntil), append(updated, ts(p.updated))
	}
	var ids []int64
	err = tx.SelectContext(ctx, &ids, `
		INSERT INTO enrollments (employee_id, course_id, assignment_id, status, cycle, due_on, started_at, completed_at,
		                         withdrawn_at, last_completed_at, valid_until, created_at, updated_at)
		SELECT e.id, c.id, NULLIF(d.asg, 0), d.status, d.cycle, NULLIF(d.due, '')::date,
		       NULLIF(d.started, '')::timestamptz, NULLIF(d.completed, '')::timestamptz, NULLIF(d.withdrawn, '')::timestamptz,
		       NULLIF(d.last_done, '')::timestamptz, NULLIF(d.valid, '')::date, d.created::timestamptz, d.updated::timestamptz
		FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[],
		            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
		     AS d (emp, course, asg, status, cycle, due, started, completed, withdrawn, last_done, valid, created, updated)
		JOIN employees e ON e.employee_no = d.emp AND e.status <> 'OFFBOARDED'
		JOIN courses c ON c.code = d.course
		WHERE NOT EXISTS (SELECT 1 FROM enrollments x WHERE x.employee_id = e.id)
		RETURNING employee_id`,
		pq.Array(emp), pq.Array(course), pq.Array(asgID), pq.Array(status), pq.Array(cycle), pq.Array(due), pq.Array(started),
		pq.Array(completed), pq.Array(withdrawn), pq.Array(lastDone), pq.Array(valid), pq.Array(created), pq.Array(updated))
	if err != nil {
		return newLearners{}, fmt.Errorf("enrollments: %w", err)
	}
	seen := map[int64]bool{}
	out := newLearners{enrollments: len(ids)}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out.employees = append(out.employees, id)
		}
	}
	return out, nil
}

// insertLearningHistory writes the status history and ticked modules of the
// enrolments of the newly enrolled employees.
func insertLearningHistory(ctx context.Context, tx *sqlx.Tx, today time.Time, learners []int64) error {
	var eemp, ecourse, efrom, eto, eactor, enote, eat []string
	var ecycle []int
	var memp, mcourse, mat []string
	var mpos []int
	for _, e := range demoEnrollments {
		p := e.plan(today)
		for _, v := range p.events {
			eemp, ecourse, ecycle, efrom, eto = append(eemp, e.Emp), append(ecourse, e.Course), append(ecycle, v.cycle), append(efrom, v.from), append(eto, v.to)
			eactor, enote, eat = append(eactor, v.actor), append(enote, v.note), append(eat, ts(v.at))
		}
		for i, t := range p.ticks {
			memp, mcourse, mpos, mat = append(memp, e.Emp), append(mcourse, e.Course), append(mpos, i+1), append(mat, ts(t))
		}
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note, at)
		SELECT en.id, d.cycle, NULLIF(d.from_status, ''), d.to_status, a.id, d.note, d.at::timestamptz
		FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
		     WITH ORDINALITY AS d (emp, course, cycle, from_status, to_status, actor, note, at, n)
		JOIN employees e ON e.employee_no = d.emp AND e.id = ANY($1)
		JOIN courses c ON c.code = d.course
		JOIN enrollments en ON en.employee_id = e.id AND en.course_id = c.id
		LEFT JOIN employees a ON a.employee_no = d.actor
		ORDER BY d.n`,
		pq.Array(learners), pq.Array(eemp), pq.Array(ecourse), pq.Array(ecycle), pq.Array(efrom), pq.Array(eto),
		pq.Array(eactor), pq.Array(enote), pq.Array(eat)); err != nil {
		return fmt.Errorf("enrollment events: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO module_progress (enrollment_id, module_id, completed_at)
		SELECT en.id, m.id, d.at::timestamptz
		FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS d (emp, course, pos, at)
		JOIN employees e ON e.employee_no = d.emp AND e.id = ANY($1)
		JOIN courses c ON c.code = d.course
		JOIN enrollments en ON en.employee_id = e.id AND en.course_id = c.id
		JOIN course_modules m ON m.course_id = c.id AND m.position = d.pos
		ON CONFLICT DO NOTHING`,
		pq.Array(learners), pq.Array(memp), pq.Array(mcourse), pq.Array(mpos), pq.Array(mat)); err != nil {
		return fmt.Errorf("module progress: %w", err)
	}
	return nil
}

// insertCourseEvidence turns the new learners' completions into evidence
// at each linked competency's target level, observed on the completion
// day.
//
// Why the NOT EXISTS: the demo's manager ratings tell a story (who is ready
// for the next step, who is far). A completion that is at least as recent as
// the latest confirmed rating and disagrees with it would decide the
// current level and rewrite that story, so it is left out; older
// completions, or ones that agree, are history the rating builds on.
func insertCourseEvidence(ctx context.Context, tx *sqlx.Tx, frameworkID int64, learners []int64) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, course_id, comment, observed_on)
		SELECT en.employee_id, cc.competency_id, $1, cc.target_level, 'COURSE', c.id,
		       'Completed ' || c.code || ' (demo data)', en.last_completed_at::date
		FROM enrollments en
		JOIN courses c ON c.id = en.course_id
		JOIN course_competencies cc ON cc.course_id = c.id
		JOIN competency_versions v ON v.competency_id = cc.competency_id AND v.framework_id = $1 AND NOT v.archived
		WHERE en.employee_id = ANY($2) AND en.last_completed_at IS NOT NULL
		  AND NOT EXISTS (
			SELECT 1 FROM (
				SELECT x.level, x.observed_on FROM competency_evidence x
				WHERE x.employee_id = en.employee_id AND x.competency_id = cc.competency_id
				  AND x.source NOT IN ('SELF', 'COURSE')
				ORDER BY x.observed_on DESC, x.id DESC LIMIT 1) r
			WHERE r.observed_on <= en.last_completed_at::date AND r.level <> cc.target_level)`,
		frameworkID, pq.Array(learners))
	if err != nil {
		return fmt.Errorf("course evidence: %w", err)
	}
	return nil
}

// insertFeedbackAndNotices writes the new learners' course feedback, a
// COURSE_ASSIGNED notification for each enrolment from an assignment of
// the last thirty days (read once they started), and the OVERDUE notices
// already sent. Params carry both languages: notifications are rendered in
// the reader's.
func insertFeedbackAndNotices(ctx context.Context, tx *sqlx.Tx, today time.Time, learners []int64) error {
	var femp, fcourse, fcomment []string
	var frating []int
	for _, f := range demoFeedback {
		femp, fcourse, frating, fcomment = append(femp, f.Emp), append(fcourse, f.Course), append(frating, f.Rating), append(fcomment, f.Comment)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO course_feedback (course_id, employee_id, rating, comment, created_at, updated_at)
		SELECT c.id, e.id, d.rating, d.comment, en.last_completed_at + interval '1 day', en.last_completed_at + interval '1 day'
		FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS d (emp, course, rating, comment)
		JOIN employees e ON e.employee_no = d.emp AND e.id = ANY($1)
		JOIN courses c ON c.code = d.course
		JOIN enrollments en ON en.employee_id = e.id AND en.course_id = c.id AND en.last_completed_at IS NOT NULL
		ON CONFLICT (course_id, employee_id) DO NOTHING`,
		pq.Array(learners), pq.Array(femp), pq.Array(fcourse), pq.Array(frating), pq.Array(fcomment)); err != nil {
		return fmt.Errorf("course feedback: %w", err)
	}
	const params = `jsonb_build_object('course_id', c.id, 'course_code', c.code,
		'course_title_en', c.title_en, 'course_title_zh', c.title_zh,
		'due_on', to_char(en.due_on, 'YYYY-MM-DD'), 'enrollment_id', en.id)`
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO notifications (recipient_id, kind, params, created_at, read_at)
		SELECT en.employee_id, 'COURSE_ASSIGNED', `+params+`, en.created_at,
		       CASE WHEN en.status <> 'ASSIGNED' THEN en.created_at + interval '1 day' END
		FROM enrollments en
		JOIN assignments a ON a.id = en.assignment_id
		JOIN courses c ON c.id = en.course_id
		WHERE en.employee_id = ANY($1) AND en.created_at >= $2 AND en.due_on IS NOT NULL
		ORDER BY en.created_at, en.id`,
		pq.Array(learners), today.AddDate(0, 0, -30)); err != nil {
		return fmt.Errorf("assignment notices: %w", err)
	}
	var oemp, ocourse []string
	for _, o := range demoOverdueNotices {
		oemp, ocourse = append(oemp, o.Emp), append(ocourse, o.Course)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO notifications (recipient_id, kind, params, dedupe_key, created_at)
		SELECT en.employee_id, 'OVERDUE', `+params+`, 'OVERDUE:' || en.id || ':' || en.cycle,
		       en.due_on + interval '1 day 1 hour'
		FROM unnest($2::text[], $3::text[]) AS d (emp, course)
		JOIN employees e ON e.employee_no = d.emp AND e.id = ANY($1)
		JOIN courses c ON c.code = d.course
		JOIN enrollments en ON en.employee_id = e.id AND en.course_id = c.id
		WHERE en.status IN ('ASSIGNED', 'IN_PROGRESS') AND en.due_on < $4
		ON CONFLICT (dedupe_key) DO NOTHING`,
		pq.Array(learners), pq.Array(oemp), pq.Array(ocourse), today); err != nil {
		return fmt.Errorf("overdue notices: %w", err)
	}
	return nil
}
