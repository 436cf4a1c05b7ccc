package courses

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{1,39}$`)

// Text limits, in characters, as the table's CHECKs count them.
const (
	maxTitle   = 200
	maxSummary = 4000
)

// CourseInput creates a course. Modules, Competencies and Prerequisites
// are applied in the same transaction as the course itself.
type CourseInput struct {
	// Code is upper-cased: 2–40 capitals, digits, '_' or '-', starting with
	// a letter (CS-101).
	Code                 string
	TitleEN, TitleZH     string
	SummaryEN, SummaryZH string
	Format               string
	EstimatedHours       float64 // above 0, at most 1000
	Certification        bool
	ValidityMonths       *int // nil: a completion never expires; else 1..120
	// OwnerID names the owning trainer; only an admin may name someone
	// else. 0: the creator owns the course.
	OwnerID       int64
	Modules       []ModuleInput
	Competencies  []LinkInput
	Prerequisites []PrereqInput
}

// CoursePatch changes a course: nil fields stay as they are. A non-nil
// list (even empty) replaces the whole list.
type CoursePatch struct {
	Code, TitleEN, TitleZH, SummaryEN, SummaryZH, Format *string
	EstimatedHours                                       *float64
	Certification                                        *bool
	// ValidityMonths: 0 clears it (completions never expire), 1..120 sets it.
	ValidityMonths *int
	// OwnerID hands the course to another trainer; admins only.
	OwnerID       *int64
	Modules       []ModuleInput
	Competencies  []LinkInput
	Prerequisites []PrereqInput
}

// ModuleInput is one module of an ordered list; its place in the list is
// its position. ID keeps an existing module of the course (and with it the
// learners' progress on it); nil adds a new one.
type ModuleInput struct {
	ID                   *int64
	TitleEN, TitleZH     string
	SummaryEN, SummaryZH string
	EstimatedMinutes     int // 1..6000; 0 takes the default of 30
}

// LinkInput says the course develops a competency of the published
// framework from EntryLevel (0..max) to TargetLevel (1..max, above entry).
type LinkInput struct {
	CompetencyID int64
	EntryLevel   int
	TargetLevel  int
}

// PrereqInput names a course that must (Enforced) or should (advisory) be
// completed first.
type PrereqInput struct {
	CourseID int64
	Enforced bool
}

// fields are a course's own columns after normalising, as written.
type fields struct {
	Code, TitleEN, TitleZH, SummaryEN, SummaryZH, Format string
	EstimatedHours                                       float64
	Certification                                        bool
	ValidityMonths                                       sql.NullInt64
	OwnerID                                              int64
}

func (f *fields) normalise() {
	f.Code = strings.ToUpper(strings.TrimSpace(f.Code))
	f.TitleEN, f.TitleZH = strings.TrimSpace(f.TitleEN), strings.TrimSpace(f.TitleZH)
	f.SummaryEN, f.SummaryZH = strings.TrimSpace(f.SummaryEN), strings.TrimSpace(f.SummaryZH)
	f.Format = strings.TrimSpace(f.Format)
}

func (f *fields) check(v *rungs.Validation) {
	v.Check(codePattern.MatchString(f.Code), "code", "course.code.invalid",
		"code must be 2–40 capitals, digits, '_' or '-', starting with a letter, e.g. CS-101")
	v.Check(f.TitleEN != "", "titleEn", "course.title_en.required", "English title is required")
	v.Check(f.TitleZH != "", "titleZh", "course.title_zh.required", "Chinese title is required")
	v.Check(utf8.RuneCountInString(f.TitleEN) <= maxTitle, "titleEn", "course.title.too_long", "titles are at most %d characters", maxTitle)
	v.Check(utf8.RuneCountInString(f.TitleZH) <= maxTitle, "titleZh", "course.title.too_long", "titles are at most %d characters", maxTitle)
	v.Check(utf8.RuneCountInString(f.SummaryEN) <= maxSummary, "summaryEn", "course.summary.too_long", "summaries are at most %d characters", maxSummary)
	v.Check(utf8.RuneCountInString(f.SummaryZH) <= maxSummary, "summaryZh", "course.summary.too_long", "summaries are at most %d characters", maxSummary)
	v.Check(slices.Contains(Formats, f.Format), "format", "course.format.unknown",
		"format must be one of %s", strings.Join(Formats, ", "))
	v.Check(f.EstimatedHours > 0 && f.EstimatedHours <= 1000, "estimatedHours", "course.estimated_hours.range",
		"estimated hours must be above 0 and at most 1000")
	v.Check(!f.ValidityMonths.Valid || (f.ValidityMonths.Int64 >= 1 && f.ValidityMonths.Int64 <= 120),
		"validityMonths", "course.validity_months.range", "validity must be between 1 and 120 months")
}

// lists are the lists a write replaces; nil leaves a list alone.
type lists struct {
	Modules       []ModuleInput
	Competencies  []LinkInput
	Prerequisites []PrereqInput
}

// applied are the lists as a write left them (nil: not touched).
type applied struct {
	Modules       []*Module
	Competencies  []*CompetencyLink
	Prerequisites []*Prerequisite
}

// Create adds a DRAFT course with its modules, competencies and
// prerequisites in one transaction. Trainers and admins may create; the
// creator owns the course unless an admin names another owner, who must
// hold the TRAINER role.
func (s *Store) Create(ctx context.Context, by *auth.Viewer, in CourseInput) (*Course, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	if !by.Has(auth.RoleTrainer, auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "course.create.forbidden", "only trainers and admins can create courses")
	}
	owner := by.EmployeeID
	if in.OwnerID != 0 && in.OwnerID != by.EmployeeID {
		if !by.Has(auth.RoleAdmin) {
			return nil, rungs.Errorf(rungs.ErrForbidden, "course.owner.forbidden", "only an admin can make someone else the owner")
		}
		owner = in.OwnerID
	}
	f := fields{
		Code: in.Code, TitleEN: in.TitleEN, TitleZH: in.TitleZH, SummaryEN: in.SummaryEN, SummaryZH: in.SummaryZH,
		Format: in.Format, EstimatedHours: in.EstimatedHours, Certification: in.Certification, OwnerID: owner,
	}
	if in.ValidityMonths != nil {
		f.ValidityMonths = sql.NullInt64{Int64: int64(*in.ValidityMonths), Valid: true}
	}
	f.normalise()
	l := lists{Modules: in.Modules, Competencies: in.Competencies, Prerequisites: in.Prerequisites}

	var c Course
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if l.Prerequisites != nil {
			if err := lockPrerequisites(ctx, tx); err != nil {
				return err
			}
		}
		var v rungs.Validation
		f.check(&v)
		if owner != by.EmployeeID {
			if err := checkTrainer(ctx, tx, &v, owner); err != nil {
				return err
			}
		}
		framework, err := s.checkLists(ctx, tx, &v, by, nil, l)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		now := s.Now()
		err = tx.GetContext(ctx, &c, `
			INSERT INTO courses AS c (code, title_en, title_zh, summary_en, summary_zh, format, estimated_hours,
				owner_id, certification, validity_months, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
			RETURNING `+courseCols,
			f.Code, f.TitleEN, f.TitleZH, f.SummaryEN, f.SummaryZH, f.Format, f.EstimatedHours,
			f.OwnerID, f.Certification, f.ValidityMonths, now)
		if err != nil {
			return translate(err, "course "+f.Code)
		}
		_, err = s.applyLists(ctx, tx, c.ID, framework, l)
		return err
	})
	if err != nil {
		return nil, wrap("create", err)
	}
	return &c, nil
}

// Update changes a course in one transaction. Its owner and admins may
// edit it; an archived course is closed to edits.
func (s *Store) Update(ctx context.Context, by *auth.Viewer, id int64, p CoursePatch) (*Course, error) {
	c, _, err := s.update(ctx, by, id, p)
	if err != nil {
		return nil, wrap("update", err)
	}
	return c, nil
}

// SetModules replaces a course's modules with the ordered list ms: listed
// IDs are kept (with learners' progress) and moved to their new position,
// modules without an ID are added, modules not listed are deleted. Who may
// call it: as Update. It returns the modules in order.
func (s *Store) SetModules(ctx context.Context, by *auth.Viewer, courseID int64, ms []ModuleInput) ([]*Module, error) {
	if ms == nil {
		ms = []ModuleInput{}
	}
	_, a, err := s.update(ctx, by, courseID, CoursePatch{Modules: ms})
	if err != nil {
		return nil, wrap("set modules", err)
	}
	return a.Modules, nil
}

// SetCompetencies replaces the competencies a course develops. Each must be
// in the published framework and not archived, with levels on its scale.
// Who may call it: as Update. It returns the links in the order given.
func (s *Store) SetCompetencies(ctx context.Context, by *auth.Viewer, courseID int64, ls []LinkInput) ([]*CompetencyLink, error) {
	if ls == nil {
		ls = []LinkInput{}
	}
	_, a, err := s.update(ctx, by, courseID, CoursePatch{Competencies: ls})
	if err != nil {
		return nil, wrap("set competencies", err)
	}
	return a.Competencies, nil
}

// SetPrerequisites replaces a course's prerequisites. Unknown courses, the
// course itself, duplicates and any edge that would close a cycle are
// refused; the cycle is named by course codes. Who may call it: as Update.
// It returns the prerequisites in the order given.
func (s *Store) SetPrerequisites(ctx context.Context, by *auth.Viewer, courseID int64, ps []PrereqInput) ([]*Prerequisite, error) {
	if ps == nil {
		ps = []PrereqInput{}
	}
	_, a, err := s.update(ctx, by, courseID, CoursePatch{Prerequisites: ps})
	if err != nil {
		return nil, wrap("set prerequisites", err)
	}
	return a.Prerequisites, nil
}

func (s *Store) update(ctx context.Context, by *auth.Viewer, id int64, p CoursePatch) (*Course, *applied, error) {
	if by == nil {
		return nil, nil, auth.ErrSignIn()
	}
	if p.OwnerID != nil && !by.Has(auth.RoleAdmin) {
		return nil, nil, rungs.Errorf(rungs.ErrForbidden, "course.owner.forbidden", "only an admin can hand a course to another owner")
	}
	l := lists{Modules: p.Modules, Competencies: p.Competencies, Prerequisites: p.Prerequisites}
	var c Course
	var a *applied
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The table lock comes before the course's row lock, so two edits of
		// prerequisites queue on the table and never hold row locks the
		// other's foreign-key checks wait for.
		if l.Prerequisites != nil {
			if err := lockPrerequisites(ctx, tx); err != nil {
				return err
			}
		}
		cur, err := editable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		f := merge(cur, p)
		var v rungs.Validation
		f.check(&v)
		if p.OwnerID != nil && *p.OwnerID != cur.OwnerID {
			if err := checkTrainer(ctx, tx, &v, f.OwnerID); err != nil {
				return err
			}
		}
		// A published course is being taken: it keeps at least one module.
		v.Check(cur.Status != StatusPublished || l.Modules == nil || len(l.Modules) > 0,
			"modules", "course.modules.required", "a published course needs at least one module")
		framework, err := s.checkLists(ctx, tx, &v, by, cur, l)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		err = tx.GetContext(ctx, &c, `
			UPDATE courses c SET code = $2, title_en = $3, title_zh = $4, summary_en = $5, summary_zh = $6,
				format = $7, estimated_hours = $8, owner_id = $9, certification = $10, validity_months = $11,
				updated_at = $12
			WHERE c.id = $1 RETURNING `+courseCols,
			id, f.Code, f.TitleEN, f.TitleZH, f.SummaryEN, f.SummaryZH, f.Format, f.EstimatedHours,
			f.OwnerID, f.Certification, f.ValidityMonths, s.Now())
		if err != nil {
			return translate(err, "course "+f.Code)
		}
		a, err = s.applyLists(ctx, tx, id, framework, l)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return &c, a, nil
}

// merge is the course's columns with the patch applied.
func merge(c *Course, p CoursePatch) fields {
	f := fields{
		Code: c.Code, TitleEN: c.TitleEN, TitleZH: c.TitleZH, SummaryEN: c.SummaryEN, SummaryZH: c.SummaryZH,
		Format: c.Format, EstimatedHours: c.EstimatedHours, Certification: c.Certification,
		ValidityMonths: c.ValidityMonths, OwnerID: c.OwnerID,
	}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&f.Code, p.Code)
	set(&f.TitleEN, p.TitleEN)
	set(&f.TitleZH, p.TitleZH)
	set(&f.SummaryEN, p.SummaryEN)
	set(&f.SummaryZH, p.SummaryZH)
	set(&f.Format, p.Format)
	if p.EstimatedHours != nil {
		f.EstimatedHours = *p.EstimatedHours
	}
	if p.Certification != nil {
		f.Certification = *p.Certification
	}
	if p.ValidityMonths != nil {
		f.ValidityMonths = sql.NullInt64{Int64: int64(*p.ValidityMonths), Valid: *p.ValidityMonths != 0}
	}
	if p.OwnerID != nil {
		f.OwnerID = *p.OwnerID
	}
	f.normalise()
	return f
}

// editable locks course id for a change by `by` and returns it: NOT_FOUND
// when by cannot see it, FORBIDDEN unless by owns it or is an admin,
// CONFLICT when it is archived. FOR NO KEY UPDATE rather than FOR UPDATE:
// it does not block other transactions' foreign-key checks on the row
// (adding this course as someone's prerequisite).
func editable(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, id int64) (*Course, error) {
	var c Course
	err := tx.GetContext(ctx, &c, `
		SELECT `+courseCols+` FROM courses c WHERE c.id = $3 AND `+visibleSQL+` FOR NO KEY UPDATE`,
		append(viewerArgs(by), id)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(id)
	} else if err != nil {
		return nil, err
	}
	if c.OwnerID != by.EmployeeID && !by.Has(auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "course.edit.forbidden", "only the course's owner or an admin can change it")
	}
	if c.Status == StatusArchived {
		return nil, rungs.Errorf(rungs.ErrConflict, "course.archived", "course %s is archived and can no longer be changed", c.Code)
	}
	return &c, nil
}

// checkTrainer records a problem when employee id does not hold the
// TRAINER role: only trainers own courses.
func checkTrainer(ctx context.Context, tx *sqlx.Tx, v *rungs.Validation, id int64) error {
	var ok bool
	if err := tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM user_roles WHERE employee_id = $1 AND role = 'TRAINER')`, id); err != nil {
		return err
	}
	v.Check(ok, "ownerId", "course.owner.not_trainer", "the owner must hold the TRAINER role")
	return nil
}

// Publish opens a DRAFT course to learners. It needs at least one module;
// its owner and admins may publish it.
func (s *Store) Publish(ctx context.Context, by *auth.Viewer, id int64) (*Course, error) {
	return s.transition(ctx, by, id, "publish", func(tx *sqlx.Tx, c *Course, now time.Time) (string, error) {
		if c.Status == StatusPublished {
			return "", rungs.Errorf(rungs.ErrConflict, "course.publish.already_published", "course %s is already published", c.Code)
		}
		var modules int
		if err := tx.GetContext(ctx, &modules, `SELECT count(*) FROM course_modules WHERE course_id = $1`, id); err != nil {
			return "", err
		}
		var v rungs.Validation
		v.Check(modules > 0, "modules", "course.publish.no_modules", "add at least one module before publishing")
		if err := v.Err(); err != nil {
			return "", err
		}
		return `status = 'PUBLISHED', published_at = $2`, nil
	})
}

// Archive retires a published course: it stays readable (learners'
// history points at it) but closes to edits. A draft was never published,
// so it cannot be archived. Its owner and admins may archive it.
func (s *Store) Archive(ctx context.Context, by *auth.Viewer, id int64) (*Course, error) {
	return s.transition(ctx, by, id, "archive", func(tx *sqlx.Tx, c *Course, now time.Time) (string, error) {
		if c.Status == StatusDraft {
			return "", rungs.Errorf(rungs.ErrConflict, "course.archive.draft", "course %s was never published, so it cannot be archived", c.Code)
		}
		return `status = 'ARCHIVED', archived_at = $2`, nil
	})
}

// transition moves a course to another status in one transaction: step
// checks the locked course and returns the SET clause ($2 is now).
func (s *Store) transition(ctx context.Context, by *auth.Viewer, id int64, op string,
	step func(tx *sqlx.Tx, c *Course, now time.Time) (string, error)) (*Course, error) {
	if by == nil {
		return nil, auth.ErrSignIn()
	}
	var c Course
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		cur, err := editable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		now := s.Now()
		set, err := step(tx, cur, now)
		if err != nil {
			return err
		}
		return tx.GetContext(ctx, &c, `UPDATE courses c SET `+set+`, updated_at = $2 WHERE c.id = $1 RETURNING `+courseCols, id, now)
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return &c, nil
}

func wrap(op string, err error) error {
	var re *rungs.Error
	if errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("courses: %s: %w", op, err)
}

func translate(err error, what string) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Constraint {
		case "courses_code_key":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "course.code.taken", Field: "code", Message: "that course code is taken"}
		case "courses_owner_id_fkey":
			return rungs.FieldError("ownerId", "course.owner.not_found", "no such employee")
		}
	}
	return postgres.Translate(err, what)
}
