package rubric

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/postgres"
)

// Authoring: trainers (QA specialists hold the TRAINER role) and admins
// create rubrics; the owner or an admin edits them. Criteria are written
// against the framework in force, and may change while the rubric is a
// draft, or published but not yet used: once a scorecard exists its
// criteria are history, and a different rubric means a new one.

// codePattern is competency_evidence.instrument's: the code names the
// rubric in evidence.
var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{1,39}$`)

// MaxCriteria bounds a rubric's criteria: a scorer fills in every one.
const MaxCriteria = 50

// RubricInput creates or updates a rubric. Code is read on creation only:
// evidence names the rubric by it, so it never changes.
type RubricInput struct {
	Code           string
	NameEN, NameZH string
	DescEN, DescZH string
	Purpose        string
}

func (in *RubricInput) validate(creating bool) error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.NameEN, in.NameZH = strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH)
	in.DescEN, in.DescZH = strings.TrimSpace(in.DescEN), strings.TrimSpace(in.DescZH)
	in.Purpose = strings.ToUpper(strings.TrimSpace(in.Purpose))
	var v rungs.Validation
	if creating {
		v.Check(codePattern.MatchString(in.Code), "code", "rubric.code.invalid",
			"code must be 2–40 capitals, digits, underscores or dashes, starting with a letter")
	}
	v.Check(in.NameEN != "", "nameEn", "rubric.name_en.required", "English name is required")
	v.Check(in.NameZH != "", "nameZh", "rubric.name_zh.required", "Chinese name is required")
	v.Check(utf8.RuneCountInString(in.NameEN) <= 200, "nameEn", "rubric.name.too_long", "names are at most 200 characters")
	v.Check(utf8.RuneCountInString(in.NameZH) <= 200, "nameZh", "rubric.name.too_long", "names are at most 200 characters")
	v.Check(utf8.RuneCountInString(in.DescEN) <= 4000, "descriptionEn", "rubric.description.too_long", "descriptions are at most 4000 characters")
	v.Check(utf8.RuneCountInString(in.DescZH) <= 4000, "descriptionZh", "rubric.description.too_long", "descriptions are at most 4000 characters")
	v.Check(in.Purpose == PurposeQASampling || in.Purpose == PurposeObservation, "purpose", "rubric.purpose.invalid",
		"purpose must be %s or %s", PurposeQASampling, PurposeObservation)
	return v.Err()
}

// CreateRubric adds a draft rubric owned by its author. Trainers and admins
// may create rubrics.
func (s *Store) CreateRubric(ctx context.Context, by *auth.Viewer, in RubricInput) (*Rubric, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	if !by.Has(auth.RoleTrainer, auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "rubric.forbidden", "only trainers and admins author rubrics")
	}
	if err := in.validate(true); err != nil {
		return nil, err
	}
	var r Rubric
	err := s.db.GetContext(ctx, &r, `
		INSERT INTO rubrics (code, name_en, name_zh, description_en, description_zh, purpose, owner_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
		in.Code, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.Purpose, by.EmployeeID)
	if err != nil {
		return nil, wrap("create", translate(err, "rubric "+in.Code))
	}
	return &r, nil
}

// editable locks the rubric for the rest of tx and checks that by may edit
// it: its owner or an admin. An archived rubric is no longer edited.
func editable(ctx context.Context, tx *sqlx.Tx, by *auth.Viewer, id int64) (*Rubric, error) {
	if err := auth.Require(by); err != nil {
		return nil, err
	}
	var r Rubric
	err := tx.GetContext(ctx, &r, `SELECT * FROM rubrics WHERE id = $1 FOR UPDATE`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rungs.Errorf(rungs.ErrNotFound, "rubric.not_found", "rubric %d not found", id)
	} else if err != nil {
		return nil, err
	}
	if r.OwnerID != by.EmployeeID && !by.Has(auth.RoleAdmin) {
		return nil, rungs.Errorf(rungs.ErrForbidden, "rubric.not_owner", "only the rubric's owner or an admin may change it")
	}
	if r.Status == StatusArchived {
		return nil, rungs.Errorf(rungs.ErrConflict, "rubric.archived", "rubric %s is archived", r.Code)
	}
	return &r, nil
}

// UpdateRubric changes a rubric's names, descriptions and purpose (not its
// code). The owner or an admin may; an archived rubric is refused.
func (s *Store) UpdateRubric(ctx context.Context, by *auth.Viewer, id int64, in RubricInput) (*Rubric, error) {
	var out Rubric
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := editable(ctx, tx, by, id); err != nil {
			return err
		}
		if err := in.validate(false); err != nil {
			return err
		}
		err := tx.GetContext(ctx, &out, `
			UPDATE rubrics SET name_en = $2, name_zh = $3, description_en = $4, description_zh = $5,
				purpose = $6, updated_at = $7
			WHERE id = $1 RETURNING *`,
			id, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.Purpose, s.Now())
		return translate(err, fmt.Sprintf("rubric %d", id))
	})
	if err != nil {
		return nil, wrap("update", err)
	}
	return &out, nil
}

// CriterionInput is one criterion of SetCriteria, in the rubric's order.
type CriterionInput struct {
	CompetencyID   int64
	Weight         float64
	NameEN, NameZH string
	// Descriptors: exactly one per level 1..max_level of the scale in force.
	Descriptors []DescriptorInput
}

// DescriptorInput says what one level of a criterion looks like.
type DescriptorInput struct {
	Level          int
	TextEN, TextZH string
}

// scale is the framework in force as far as criteria are concerned.
type scale struct {
	FrameworkID int64 `db:"id"`
	MaxLevel    int   `db:"max_level"`
}

// published returns the framework in force, locked against a concurrent
// publish until tx ends, or CONFLICT when none is.
func published(ctx context.Context, tx *sqlx.Tx) (*scale, error) {
	var sc scale
	err := tx.GetContext(ctx, &sc, `SELECT id, max_level FROM frameworks WHERE status = 'PUBLISHED' FOR SHARE`)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rungs.Errorf(rungs.ErrConflict, "rubric.framework.none", "no competency framework is published yet")
	}
	return &sc, err
}

// SetCriteria replaces a rubric's criteria, in the given order, with their
// level descriptors, in one transaction. Every problem is reported at once
// with its field path (criteria[i].descriptors[j].textEn): each competency
// must be in the published framework and not archived, and named once;
// weights positive (two decimals, at most 1000); both names given; one
// descriptor per level of the scale, in both languages. The owner or an
// admin may, while the rubric is a draft or has never been scored.
func (s *Store) SetCriteria(ctx context.Context, by *auth.Viewer, rubricID int64, criteria []CriterionInput) ([]*Criterion, error) {
	var out []*Criterion
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		r, err := editable(ctx, tx, by, rubricID)
		if err != nil {
			return err
		}
		if r.Status == StatusPublished {
			var scored bool
			if err := tx.GetContext(ctx, &scored, `SELECT EXISTS (SELECT 1 FROM scorecards WHERE rubric_id = $1)`, r.ID); err != nil {
				return err
			}
			if scored {
				return rungs.Errorf(rungs.ErrConflict, "rubric.criteria.scored",
					"rubric %s has scorecards: its criteria can no longer change; archive it and create a new one", r.Code)
			}
		}
		sc, err := published(ctx, tx)
		if err != nil {
			return err
		}
		ids := make([]int64, len(criteria))
		for i, c := range criteria {
			ids[i] = c.CompetencyID
		}
		var current []int64
		err = tx.SelectContext(ctx, &current, `
			SELECT competency_id FROM competency_versions
			WHERE framework_id = $1 AND NOT archived AND competency_id = ANY($2)`, sc.FrameworkID, pq.Array(ids))
		if err != nil {
			return err
		}
		if err := validateCriteria(criteria, sc.MaxLevel, current); err != nil {
			return err
		}

		var comps, positions, dPos, dLevels []int64
		var weights []float64
		var namesEN, namesZH, textsEN, textsZH []string
		for i, c := range criteria {
			comps = append(comps, c.CompetencyID)
			weights = append(weights, c.Weight)
			positions = append(positions, int64(i))
			namesEN = append(namesEN, strings.TrimSpace(c.NameEN))
			namesZH = append(namesZH, strings.TrimSpace(c.NameZH))
			for _, d := range c.Descriptors {
				dPos = append(dPos, int64(i))
				dLevels = append(dLevels, int64(d.Level))
				textsEN = append(textsEN, strings.TrimSpace(d.TextEN))
				textsZH = append(textsZH, strings.TrimSpace(d.TextZH))
			}
		}
		// The old criteria go with their descriptors (ON DELETE CASCADE);
		// none has items, as checked above.
		if _, err := tx.ExecContext(ctx, `DELETE FROM rubric_criteria WHERE rubric_id = $1`, r.ID); err != nil {
			return err
		}
		// One statement: the criteria, then their descriptors matched by
		// position within this rubric.
		err = tx.SelectContext(ctx, &out, `
			WITH ins AS (
				INSERT INTO rubric_criteria (rubric_id, competency_id, weight, position, name_en, name_zh)
				SELECT $1, u.competency_id, u.weight, u.position, u.name_en, u.name_zh
				FROM unnest($2::bigint[], $3::numeric[], $4::int[], $5::text[], $6::text[])
				     AS u (competency_id, weight, position, name_en, name_zh)
				RETURNING *
			), descr AS (
				INSERT INTO rubric_level_descriptors (criterion_id, level, text_en, text_zh)
				SELECT ins.id, d.level, d.text_en, d.text_zh
				FROM unnest($7::int[], $8::int[], $9::text[], $10::text[]) AS d (position, level, text_en, text_zh)
				JOIN ins ON ins.position = d.position
			)
			SELECT * FROM ins ORDER BY position`,
			r.ID, pq.Array(comps), pq.Array(weights), pq.Array(positions), pq.Array(namesEN), pq.Array(namesZH),
			pq.Array(dPos), pq.Array(dLevels), pq.Array(textsEN), pq.Array(textsZH))
		if err != nil {
			return translate(err, fmt.Sprintf("criteria of rubric %s", r.Code))
		}
		_, err = tx.ExecContext(ctx, `UPDATE rubrics SET max_level = $2, updated_at = $3 WHERE id = $1`, r.ID, sc.MaxLevel, s.Now())
		return err
	})
	if err != nil {
		return nil, wrap("set criteria", err)
	}
	return out, nil
}

// validateCriteria checks criteria against a scale of maxLevel levels whose
// current (not archived) competencies include current.
func validateCriteria(criteria []CriterionInput, maxLevel int, current []int64) error {
	inFramework := make(map[int64]bool, len(current))
	for _, id := range current {
		inFramework[id] = true
	}
	var v rungs.Validation
	v.Check(len(criteria) > 0, "criteria", "rubric.criteria.required", "a rubric needs at least one criterion")
	v.Check(len(criteria) <= MaxCriteria, "criteria", "rubric.criteria.too_many", "a rubric has at most %d criteria", MaxCriteria)
	seen := map[int64]int{}
	for i, c := range criteria {
		f := fmt.Sprintf("criteria[%d]", i)
		v.Check(inFramework[c.CompetencyID], f+".competencyId", "rubric.criterion.competency_unknown",
			"competency %d is not in the published framework, or is archived", c.CompetencyID)
		if first, dup := seen[c.CompetencyID]; dup {
			v.Add(f+".competencyId", "rubric.criterion.duplicate", "competency %d is already criterion %d", c.CompetencyID, first)
		} else {
			seen[c.CompetencyID] = i
		}
		// numeric(6, 2): two decimals, so a weight must be at least 0.01
		// to stay positive once stored.
		v.Check(c.Weight >= 0.01 && c.Weight <= 1000, f+".weight", "rubric.criterion.weight_range",
			"weight must be positive (at least 0.01) and at most 1000")
		v.Check(strings.TrimSpace(c.NameEN) != "", f+".nameEn", "rubric.criterion.name_en.required", "English name is required")
		v.Check(strings.TrimSpace(c.NameZH) != "", f+".nameZh", "rubric.criterion.name_zh.required", "Chinese name is required")
		v.Check(utf8.RuneCountInString(c.NameEN) <= 200 && utf8.RuneCountInString(c.NameZH) <= 200, f+".nameEn",
			"rubric.criterion.name.too_long", "names are at most 200 characters")

		have := map[int]bool{}
		for j, d := range c.Descriptors {
			df := fmt.Sprintf("%s.descriptors[%d]", f, j)
			switch {
			case d.Level < 1 || d.Level > maxLevel:
				v.Add(df+".level", "rubric.descriptor.level_range", "level %d is outside the scale 1–%d", d.Level, maxLevel)
			case have[d.Level]:
				v.Add(df+".level", "rubric.descriptor.duplicate", "level %d is described twice", d.Level)
			}
			have[d.Level] = true
			v.Check(strings.TrimSpace(d.TextEN) != "", df+".textEn", "rubric.descriptor.text_en.required", "English text is required")
			v.Check(strings.TrimSpace(d.TextZH) != "", df+".textZh", "rubric.descriptor.text_zh.required", "Chinese text is required")
			v.Check(utf8.RuneCountInString(d.TextEN) <= 2000 && utf8.RuneCountInString(d.TextZH) <= 2000, df+".textEn",
				"rubric.descriptor.too_long", "descriptor texts are at most 2000 characters")
		}
		for l := 1; l <= maxLevel; l++ {
			v.Check(have[l], f+".descriptors", "rubric.descriptor.missing", "level %d has no descriptor", l)
		}
	}
	return v.Err()
}

// Publish makes a draft rubric available for scoring. The owner or an admin
// may. Refused (CONFLICT) without criteria, or when the framework in force
// has moved on since they were written: a different scale, or a criterion's
// competency archived or gone.
func (s *Store) Publish(ctx context.Context, by *auth.Viewer, id int64) (*Rubric, error) {
	var out Rubric
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		r, err := editable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if r.Status != StatusDraft {
			return rungs.Errorf(rungs.ErrConflict, "rubric.not_draft", "rubric %s is already published", r.Code)
		}
		sc, err := published(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkCurrent(ctx, tx, r, sc); err != nil {
			return err
		}
		now := s.Now()
		err = tx.GetContext(ctx, &out, `
			UPDATE rubrics SET status = 'PUBLISHED', published_at = $2, updated_at = $2 WHERE id = $1 RETURNING *`, id, now)
		return translate(err, fmt.Sprintf("rubric %d", id))
	})
	if err != nil {
		return nil, wrap("publish", err)
	}
	return &out, nil
}

// checkCurrent returns CONFLICT unless r has criteria written against the
// scale in force, each competency current in it (not archived) and each
// criterion fully described.
func checkCurrent(ctx context.Context, tx *sqlx.Tx, r *Rubric, sc *scale) error {
	var stale []string
	var n int
	err := tx.SelectContext(ctx, &stale, `
		SELECT c.name_en FROM rubric_criteria c
		WHERE c.rubric_id = $1 AND (
			NOT EXISTS (SELECT 1 FROM competency_versions v
			            WHERE v.framework_id = $2 AND v.competency_id = c.competency_id AND NOT v.archived)
			OR (SELECT count(*) FROM rubric_level_descriptors d WHERE d.criterion_id = c.id AND d.level <= $3) <> $3)
		ORDER BY c.position`, r.ID, sc.FrameworkID, sc.MaxLevel)
	if err != nil {
		return err
	}
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM rubric_criteria WHERE rubric_id = $1`, r.ID); err != nil {
		return err
	}
	switch {
	case n == 0:
		return rungs.Errorf(rungs.ErrConflict, "rubric.criteria.required", "rubric %s has no criteria", r.Code)
	case !r.MaxLevel.Valid || int(r.MaxLevel.Int64) != sc.MaxLevel || len(stale) > 0:
		return rungs.Errorf(rungs.ErrConflict, "rubric.criteria.outdated",
			"rubric %s was written for another version of the framework; its criteria must be set again (%s)",
			r.Code, strings.Join(stale, ", "))
	}
	return nil
}

// Archive retires a rubric: no further scoring; its scorecards and evidence
// stay. The owner or an admin may; archiving an archived rubric returns it
// unchanged.
func (s *Store) Archive(ctx context.Context, by *auth.Viewer, id int64) (*Rubric, error) {
	var out Rubric
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		_, err := editable(ctx, tx, by, id)
		var re *rungs.Error
		if errors.As(err, &re) && re.Key == "rubric.archived" {
			return tx.GetContext(ctx, &out, `SELECT * FROM rubrics WHERE id = $1`, id)
		} else if err != nil {
			return err
		}
		err = tx.GetContext(ctx, &out, `
			UPDATE rubrics SET status = 'ARCHIVED', archived_at = $2, updated_at = $2 WHERE id = $1 RETURNING *`, id, s.Now())
		return translate(err, fmt.Sprintf("rubric %d", id))
	})
	if err != nil {
		return nil, wrap("archive", err)
	}
	return &out, nil
}
