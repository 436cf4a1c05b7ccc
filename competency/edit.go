package competency

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

// Editing the framework never changes a published version: every edit goes
// to the draft, which the first edit after a publish copies from the
// published version. Publishing makes the draft the version in force.
// Evidence and requirements point at stable competency ids, so they stay
// valid across versions.

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,39}$`)

// draft returns the draft, copying the published version into a new one
// first if there is no draft. It locks the draft row, so concurrent edits
// queue instead of racing the copy.
func draft(ctx context.Context, tx *sqlx.Tx, by int64) (*Framework, error) {
	var f Framework
	err := tx.GetContext(ctx, &f, `SELECT * FROM frameworks WHERE status = 'DRAFT' FOR UPDATE`)
	if err == nil {
		return &f, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	// Serialise draft creation: two first edits at once would both copy.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7261101)`); err != nil {
		return nil, err
	}
	if err := tx.GetContext(ctx, &f, `SELECT * FROM frameworks WHERE status = 'DRAFT'`); err == nil {
		return &f, nil
	}
	err = tx.GetContext(ctx, &f, `
		INSERT INTO frameworks (version, status, max_level, created_by)
		SELECT coalesce(max(version), 0) + 1, 'DRAFT',
		       coalesce((SELECT max_level FROM frameworks WHERE status = 'PUBLISHED'), 5), NULLIF($1, 0)
		FROM frameworks
		RETURNING *`, by)
	if err != nil {
		return nil, fmt.Errorf("create draft: %w", err)
	}
	// Copy the published version: scale, categories, competencies, indicators.
	_, err = tx.ExecContext(ctx, `
		WITH pub AS (SELECT id FROM frameworks WHERE status = 'PUBLISHED'),
		levels AS (
			INSERT INTO proficiency_levels (framework_id, level, name_en, name_zh, description_en, description_zh)
			SELECT $1, level, name_en, name_zh, description_en, description_zh
			FROM proficiency_levels WHERE framework_id = (SELECT id FROM pub)
		)
		INSERT INTO competency_categories (framework_id, code, name_en, name_zh, sort_order)
		SELECT $1, code, name_en, name_zh, sort_order
		FROM competency_categories WHERE framework_id = (SELECT id FROM pub)`, f.ID)
	if err != nil {
		return nil, fmt.Errorf("copy scale and categories: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh,
			description_en, description_zh, sort_order, archived)
		SELECT v.competency_id, $1, nc.id, v.name_en, v.name_zh, v.description_en, v.description_zh, v.sort_order, v.archived
		FROM competency_versions v
		JOIN frameworks p ON p.id = v.framework_id AND p.status = 'PUBLISHED'
		JOIN competency_categories oc ON oc.id = v.category_id
		JOIN competency_categories nc ON nc.framework_id = $1 AND nc.code = oc.code`, f.ID)
	if err != nil {
		return nil, fmt.Errorf("copy competencies: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO competency_indicators (competency_version_id, level, indicator_en, indicator_zh)
		SELECT nv.id, i.level, i.indicator_en, i.indicator_zh
		FROM competency_indicators i
		JOIN competency_versions ov ON ov.id = i.competency_version_id
		JOIN frameworks p ON p.id = ov.framework_id AND p.status = 'PUBLISHED'
		JOIN competency_versions nv ON nv.framework_id = $1 AND nv.competency_id = ov.competency_id`, f.ID)
	if err != nil {
		return nil, fmt.Errorf("copy indicators: %w", err)
	}
	return &f, nil
}

// inDraft runs fn on the draft in one transaction.
func (s *Store) inDraft(ctx context.Context, by int64, fn func(tx *sqlx.Tx, f *Framework) error) error {
	return postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		f, err := draft(ctx, tx, by)
		if err != nil {
			return err
		}
		return fn(tx, f)
	})
}

// CategoryInput creates a category.
type CategoryInput struct {
	Code           string
	NameEN, NameZH string
	SortOrder      int
}

// CreateCategory adds a category to the draft.
func (s *Store) CreateCategory(ctx context.Context, by int64, in CategoryInput) (*Category, error) {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	var v rungs.Validation
	v.Check(codePattern.MatchString(in.Code), "code", "competency.code.invalid", "code must be 2–40 capitals, digits or underscores")
	v.Check(strings.TrimSpace(in.NameEN) != "", "nameEn", "competency.name_en.required", "English name is required")
	v.Check(strings.TrimSpace(in.NameZH) != "", "nameZh", "competency.name_zh.required", "Chinese name is required")
	if err := v.Err(); err != nil {
		return nil, err
	}
	var c Category
	err := s.inDraft(ctx, by, func(tx *sqlx.Tx, f *Framework) error {
		err := tx.GetContext(ctx, &c, `
			INSERT INTO competency_categories (framework_id, code, name_en, name_zh, sort_order)
			VALUES ($1, $2, $3, $4, $5) RETURNING *`, f.ID, in.Code, strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH), in.SortOrder)
		return translate(err, "category "+in.Code)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// CompetencyInput creates or updates a competency in the draft.
type CompetencyInput struct {
	Code           string // creating only; a code never changes
	CategoryCode   string
	NameEN, NameZH string
	DescEN, DescZH string
	SortOrder      int
}

func (in *CompetencyInput) validate(creating bool) error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.CategoryCode = strings.ToUpper(strings.TrimSpace(in.CategoryCode))
	in.NameEN, in.NameZH = strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH)
	var v rungs.Validation
	if creating {
		v.Check(codePattern.MatchString(in.Code), "code", "competency.code.invalid", "code must be 2–40 capitals, digits or underscores")
	}
	v.Check(in.CategoryCode != "", "categoryCode", "competency.category.required", "a category is required")
	v.Check(in.NameEN != "", "nameEn", "competency.name_en.required", "English name is required")
	v.Check(in.NameZH != "", "nameZh", "competency.name_zh.required", "Chinese name is required")
	return v.Err()
}

// CreateCompetency adds a competency to the draft and returns it as the
// draft states it.
func (s *Store) CreateCompetency(ctx context.Context, by int64, in CompetencyInput) (*Competency, error) {
	if err := in.validate(true); err != nil {
		return nil, err
	}
	var c *Competency
	err := s.inDraft(ctx, by, func(tx *sqlx.Tx, f *Framework) error {
		var id int64
		// A code once used keeps its identity: re-adding it continues its evidence.
		err := tx.GetContext(ctx, &id, `
			INSERT INTO competencies (code) VALUES ($1)
			ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id`, in.Code)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, description_en, description_zh, sort_order)
			SELECT $1, $2, k.id, $4, $5, $6, $7, $8 FROM competency_categories k WHERE k.framework_id = $2 AND k.code = $3`,
			id, f.ID, in.CategoryCode, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.SortOrder)
		if err != nil {
			return translate(err, "competency "+in.Code)
		}
		c, err = draftCompetency(ctx, tx, f.ID, id)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.FieldError("categoryCode", "competency.category.not_found", "no category %s in the draft", in.CategoryCode)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateCompetency changes a competency's texts, category or order in the
// draft.
func (s *Store) UpdateCompetency(ctx context.Context, by, id int64, in CompetencyInput) (*Competency, error) {
	if err := in.validate(false); err != nil {
		return nil, err
	}
	var c *Competency
	err := s.inDraft(ctx, by, func(tx *sqlx.Tx, f *Framework) error {
		var category int64
		err := tx.GetContext(ctx, &category, `SELECT id FROM competency_categories WHERE framework_id = $1 AND code = $2`, f.ID, in.CategoryCode)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.FieldError("categoryCode", "competency.category.not_found", "no category %s in the draft", in.CategoryCode)
		} else if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE competency_versions SET category_id = $3, name_en = $4, name_zh = $5,
				description_en = $6, description_zh = $7, sort_order = $8
			WHERE framework_id = $1 AND competency_id = $2`,
			f.ID, id, category, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.SortOrder)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rungs.Errorf(rungs.ErrNotFound, "competency.not_found", "competency %d is not in the draft", id)
		}
		c, err = draftCompetency(ctx, tx, f.ID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ArchiveCompetency retires a competency from the draft; its evidence and
// the requirements that name it stay.
func (s *Store) ArchiveCompetency(ctx context.Context, by, id int64) (*Competency, error) {
	var c *Competency
	err := s.inDraft(ctx, by, func(tx *sqlx.Tx, f *Framework) error {
		res, err := tx.ExecContext(ctx, `UPDATE competency_versions SET archived = true WHERE framework_id = $1 AND competency_id = $2`, f.ID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rungs.Errorf(rungs.ErrNotFound, "competency.not_found", "competency %d is not in the draft", id)
		}
		c, err = draftCompetency(ctx, tx, f.ID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// LevelInput is one level of the scale.
type LevelInput struct {
	NameEN, NameZH string
	DescEN, DescZH string
}

// SetScale replaces the draft's proficiency scale; levels are numbered 1..n
// in the order given. Indicators above the new top level are dropped.
func (s *Store) SetScale(ctx context.Context, by int64, levels []LevelInput) (*Framework, error) {
	var v rungs.Validation
	v.Check(len(levels) >= 2 && len(levels) <= 9, "levels", "competency.scale.size", "a scale has 2 to 9 levels")
	var en, zh, den, dzh []string
	for i, l := range levels {
		v.Check(strings.TrimSpace(l.NameEN) != "" && strings.TrimSpace(l.NameZH) != "", fmt.Sprintf("levels[%d]", i),
			"competency.scale.name_required", "level %d needs a name in both languages", i+1)
		en, zh = append(en, strings.TrimSpace(l.NameEN)), append(zh, strings.TrimSpace(l.NameZH))
		den, dzh = append(den, l.DescEN), append(dzh, l.DescZH)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out Framework
	err := s.inDraft(ctx, by, func(tx *sqlx.Tx, f *Framework) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM proficiency_levels WHERE framework_id = $1`, f.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO proficiency_levels (framework_id, level, name_en, name_zh, description_en, description_zh)
			SELECT $1, n, en, zh, den, dzh FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS l (en, zh, den, dzh, n)`,
			f.ID, pq.Array(en), pq.Array(zh), pq.Array(den), pq.Array(dzh)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			DELETE FROM competency_indicators i USING competency_versions v
			WHERE v.id = i.competency_version_id AND v.framework_id = $1 AND i.level > $2`, f.ID, len(levels)); err != nil {
			return err
		}
		return tx.GetContext(ctx, &out, `UPDATE frameworks SET max_level = $2 WHERE id = $1 RETURNING *`, f.ID, len(levels))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// IndicatorInput is the behaviour of one level.
type IndicatorInput struct {
	Level  int
	EN, ZH string
}

// SetIndicators replaces a competency's indicators in the draft.
func (s *Store) SetIndicators(ctx context.Context, by, id int64, inds []IndicatorInput) (*Competency, error) {
	var c *Competency
	err := s.inDraft(ctx, by, func(tx *sqlx.Tx, f *Framework) error {
		var v rungs.Validation
		seen := map[int]bool{}
		var levels []int
		var en, zh []string
		for i, ind := range inds {
			field := fmt.Sprintf("indicators[%d]", i)
			v.Check(ind.Level >= 1 && ind.Level <= f.MaxLevel, field+".level", "competency.level.range", "level must be between 1 and %d", f.MaxLevel)
			v.Check(!seen[ind.Level], field+".level", "competency.indicator.duplicate", "level %d is given twice", ind.Level)
			v.Check(strings.TrimSpace(ind.EN) != "" && strings.TrimSpace(ind.ZH) != "", field, "competency.indicator.text_required",
				"an indicator needs text in both languages")
			seen[ind.Level] = true
			levels, en, zh = append(levels, ind.Level), append(en, strings.TrimSpace(ind.EN)), append(zh, strings.TrimSpace(ind.ZH))
		}
		if err := v.Err(); err != nil {
			return err
		}
		var versionID int64
		err := tx.GetContext(ctx, &versionID, `SELECT id FROM competency_versions WHERE framework_id = $1 AND competency_id = $2`, f.ID, id)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.Errorf(rungs.ErrNotFound, "competency.not_found", "competency %d is not in the draft", id)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM competency_indicators WHERE competency_version_id = $1`, versionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO competency_indicators (competency_version_id, level, indicator_en, indicator_zh)
			SELECT $1, l, en, zh FROM unnest($2::int[], $3::text[], $4::text[]) AS i (l, en, zh)`,
			versionID, pq.Array(levels), pq.Array(en), pq.Array(zh)); err != nil {
			return err
		}
		c, err = draftCompetency(ctx, tx, f.ID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Publish makes the draft the framework in force and retires the version it
// replaces, in one transaction. The draft must have a complete scale and at
// least one competency.
func (s *Store) Publish(ctx context.Context, by int64, notes string) (*Framework, error) {
	var f Framework
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &f, `SELECT * FROM frameworks WHERE status = 'DRAFT' FOR UPDATE`)
		if errors.Is(err, sql.ErrNoRows) {
			return rungs.Errorf(rungs.ErrConflict, "competency.framework.no_draft", "there is no draft to publish: edit the framework first")
		} else if err != nil {
			return err
		}
		var levels, comps int
		if err := tx.GetContext(ctx, &levels, `SELECT count(*) FROM proficiency_levels WHERE framework_id = $1`, f.ID); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &comps, `SELECT count(*) FROM competency_versions WHERE framework_id = $1 AND NOT archived`, f.ID); err != nil {
			return err
		}
		var v rungs.Validation
		v.Check(levels == f.MaxLevel, "levels", "competency.scale.incomplete", "the scale has %d of %d levels", levels, f.MaxLevel)
		v.Check(comps > 0, "competencies", "competency.framework.empty", "the draft has no competencies")
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE frameworks SET status = 'RETIRED' WHERE status = 'PUBLISHED'`); err != nil {
			return err
		}
		return tx.GetContext(ctx, &f, `
			UPDATE frameworks SET status = 'PUBLISHED', published_at = now(), published_by = NULLIF($2, 0), notes = $3
			WHERE id = $1 RETURNING *`, f.ID, by, strings.TrimSpace(notes))
	})
	if err != nil {
		return nil, err
	}
	return &f, nil
}

func draftCompetency(ctx context.Context, q postgres.Queryer, frameworkID, id int64) (*Competency, error) {
	var c Competency
	err := q.GetContext(ctx, &c, `
		SELECT `+competencyColumns+`
		FROM competency_versions v JOIN competencies c ON c.id = v.competency_id JOIN frameworks f ON f.id = v.framework_id
		WHERE v.framework_id = $1 AND v.competency_id = $2`, frameworkID, id)
	if err != nil {
		return nil, err
	}
	return &c, nil
}

func translate(err error, what string) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Constraint {
		case "competency_categories_framework_id_code_key":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "competency.category.taken", Field: "code", Message: "the draft already has that category"}
		case "competency_versions_competency_id_framework_id_key":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "competency.code.taken", Field: "code", Message: "the draft already has that competency"}
		}
	}
	return postgres.Translate(err, what)
}
