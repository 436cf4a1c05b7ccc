package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// seedFramework writes the demo competency framework as version 1,
// published, when the database has no framework yet. A framework that
// exists is never touched: once admins edit and publish, the demo must not
// overwrite their versions.
func seedFramework(ctx context.Context, tx *sqlx.Tx) (frameworkID int64, competencies int, err error) {
	err = tx.GetContext(ctx, &frameworkID, `SELECT id FROM frameworks WHERE status = 'PUBLISHED'`)
	if err == nil {
		err = tx.GetContext(ctx, &competencies, `SELECT count(*) FROM competency_versions WHERE framework_id = $1 AND NOT archived`, frameworkID)
		return frameworkID, competencies, err
	}
	var any bool
	if err := tx.GetContext(ctx, &any, `SELECT EXISTS (SELECT 1 FROM frameworks)`); err != nil || any {
		// A draft but nothing published: leave it to the admins.
		return 0, 0, err
	}
	if err := tx.GetContext(ctx, &frameworkID, `
		INSERT INTO frameworks (version, status, max_level, notes, published_at)
		VALUES (1, 'PUBLISHED', $1, 'Initial framework (demo data)', now()) RETURNING id`, len(defaultScale)); err != nil {
		return 0, 0, fmt.Errorf("framework: %w", err)
	}
	var en, zh, den, dzh []string
	for _, l := range defaultScale {
		en, zh, den, dzh = append(en, l.NameEN), append(zh, l.NameZH), append(den, l.DescEN), append(dzh, l.DescZH)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO proficiency_levels (framework_id, level, name_en, name_zh, description_en, description_zh)
		SELECT $1, n, en, zh, den, dzh FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS l (en, zh, den, dzh, n)`,
		frameworkID, pq.Array(en), pq.Array(zh), pq.Array(den), pq.Array(dzh)); err != nil {
		return 0, 0, fmt.Errorf("scale: %w", err)
	}
	var ccode, cen, czh []string
	for _, c := range demoCategories {
		ccode, cen, czh = append(ccode, c.Code), append(cen, c.NameEN), append(czh, c.NameZH)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO competency_categories (framework_id, code, name_en, name_zh, sort_order)
		SELECT $1, code, en, zh, n FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS c (code, en, zh, n)`,
		frameworkID, pq.Array(ccode), pq.Array(cen), pq.Array(czh)); err != nil {
		return 0, 0, fmt.Errorf("categories: %w", err)
	}
	var code, cat, nen, nzh, dsen, dszh []string
	var icode, ien, izh []string
	var ilevel []int
	for _, c := range demoCompetencies {
		code, cat = append(code, c.Code), append(cat, c.Category)
		nen, nzh, dsen, dszh = append(nen, c.NameEN), append(nzh, c.NameZH), append(dsen, c.DescEN), append(dszh, c.DescZH)
		for i, ind := range c.Indicators {
			icode, ilevel, ien, izh = append(icode, c.Code), append(ilevel, i+1), append(ien, ind.EN), append(izh, ind.ZH)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO competencies (code) SELECT unnest($1::text[]) ON CONFLICT (code) DO NOTHING`, pq.Array(code)); err != nil {
		return 0, 0, fmt.Errorf("competencies: %w", err)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO competency_versions (competency_id, framework_id, category_id, name_en, name_zh, description_en, description_zh, sort_order)
		SELECT c.id, $1, k.id, d.en, d.zh, d.den, d.dzh, d.n
		FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS d (code, cat, en, zh, den, dzh, n)
		JOIN competencies c ON c.code = d.code
		JOIN competency_categories k ON k.framework_id = $1 AND k.code = d.cat`,
		frameworkID, pq.Array(code), pq.Array(cat), pq.Array(nen), pq.Array(nzh), pq.Array(dsen), pq.Array(dszh))
	if err != nil {
		return 0, 0, fmt.Errorf("competency versions: %w", err)
	}
	if n, _ := res.RowsAffected(); int(n) != len(demoCompetencies) {
		return 0, 0, fmt.Errorf("competency versions: wrote %d of %d (unknown category?)", n, len(demoCompetencies))
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO competency_indicators (competency_version_id, level, indicator_en, indicator_zh)
		SELECT v.id, d.level, d.en, d.zh
		FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS d (code, level, en, zh)
		JOIN competencies c ON c.code = d.code
		JOIN competency_versions v ON v.competency_id = c.id AND v.framework_id = $1`,
		frameworkID, pq.Array(icode), pq.Array(ilevel), pq.Array(ien), pq.Array(izh)); err != nil {
		return 0, 0, fmt.Errorf("indicators: %w", err)
	}
	return frameworkID, len(demoCompetencies), nil
}

// seedLadder writes every position's requirements and the allowed moves,
// updating what the demo set before.
func seedLadder(ctx context.Context, tx *sqlx.Tx, frameworkID int64) (requirements, moves int, err error) {
	var pos, comp []string
	var level []int
	var opos, okind []string
	var omonths []int
	var orating []float64
	for _, r := range demoRequirements {
		for c, l := range r.Competencies {
			pos, comp, level = append(pos, r.Position), append(comp, c), append(level, l)
		}
		if r.MinMonths > 0 {
			opos, okind, omonths, orating = append(opos, r.Position), append(okind, "MONTHS_IN_POSITION"), append(omonths, r.MinMonths), append(orating, 0)
		}
		if r.MinRating > 0 {
			opos, okind, omonths, orating = append(opos, r.Position), append(okind, "PERFORMANCE_RATING"), append(omonths, 0), append(orating, r.MinRating)
		}
	}
	if frameworkID != 0 {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO position_requirements (position_id, kind, competency_id, min_level, framework_id)
			SELECT p.id, 'COMPETENCY', c.id, d.level, $1
			FROM unnest($2::text[], $3::text[], $4::int[]) AS d (pos, comp, level)
			JOIN positions p ON p.code = d.pos JOIN competencies c ON c.code = d.comp
			ON CONFLICT (position_id, competency_id) WHERE kind = 'COMPETENCY'
			DO UPDATE SET min_level = EXCLUDED.min_level`,
			frameworkID, pq.Array(pos), pq.Array(comp), pq.Array(level))
		if err != nil {
			return 0, 0, fmt.Errorf("competency requirements: %w", err)
		}
		n, _ := res.RowsAffected()
		requirements = int(n)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO position_requirements (position_id, kind, min_months, min_rating)
		SELECT p.id, d.kind,
		       CASE WHEN d.kind = 'MONTHS_IN_POSITION' THEN d.months END,
		       CASE WHEN d.kind = 'PERFORMANCE_RATING' THEN d.rating END
		FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[]) AS d (pos, kind, months, rating)
		JOIN positions p ON p.code = d.pos
		ON CONFLICT (position_id, kind) WHERE kind IN ('MONTHS_IN_POSITION', 'PERFORMANCE_RATING')
		DO UPDATE SET min_months = EXCLUDED.min_months, min_rating = EXCLUDED.min_rating`,
		pq.Array(opos), pq.Array(okind), pq.Array(omonths), pq.Array(orating))
	if err != nil {
		return 0, 0, fmt.Errorf("other requirements: %w", err)
	}
	n, _ := res.RowsAffected()
	requirements += int(n)

	var from, to, kind []string
	for _, m := range demoMoves {
		from, to, kind = append(from, m.From), append(to, m.To), append(kind, m.Kind)
		if m.Kind == "LATERAL" {
			from, to, kind = append(from, m.To), append(to, m.From), append(kind, m.Kind)
		}
	}
	res, err = tx.ExecContext(ctx, `
		INSERT INTO position_moves (from_position_id, to_position_id, kind)
		SELECT f.id, t.id, d.kind FROM unnest($1::text[], $2::text[], $3::text[]) AS d (f, t, kind)
		JOIN positions f ON f.code = d.f JOIN positions t ON t.code = d.t
		ON CONFLICT (from_position_id, to_position_id) DO UPDATE SET kind = EXCLUDED.kind`,
		pq.Array(from), pq.Array(to), pq.Array(kind))
	if err != nil {
		return 0, 0, fmt.Errorf("moves: %w", err)
	}
	n, _ = res.RowsAffected()
	return requirements, int(n), nil
}

// seedRatings gives every demo employee without any evidence a set of
// ratings from their manager (HR for those without one), and some a
// self-assessment, as their profile says. Employees who already have
// evidence keep it: the demo never rewrites what users recorded.
func seedRatings(ctx context.Context, tx *sqlx.Tx, frameworkID int64, today time.Time) (int, error) {
	if frameworkID == 0 {
		return 0, nil
	}
	reqs := map[string]map[string]int{}
	for _, r := range demoRequirements {
		reqs[r.Position] = r.Competencies
	}
	byNo := map[string]demoEmployee{}
	for _, e := range employees {
		byNo[e.No] = e
	}
	var emp, comp, source, assessor, comment []string
	var level []int
	var observed []time.Time
	for _, p := range demoProfiles {
		e, ok := byNo[p.Employee]
		if !ok {
			return 0, fmt.Errorf("ratings: profile for unknown employee %s", p.Employee)
		}
		target := e.Position
		if p.Toward != "" {
			target = p.Toward
		}
		rater, src := e.Manager, "MANAGER"
		if rater == "" {
			rater, src = "HR-2001", "HR"
		}
		when := today.AddDate(0, -p.MonthsAgo, 0)
		for i, c := range demoCompetencies {
			base, named := reqs[target][c.Code]
			if !named {
				base = 1
			}
			l := clamp(base+p.Delta, 1, len(defaultScale))
			emp, comp, source, assessor = append(emp, e.No), append(comp, c.Code), append(source, src), append(assessor, rater)
			level, observed = append(level, l), append(observed, when)
			comment = append(comment, fmt.Sprintf("Review %s (demo data)", when.Format("2006-01")))
			// Some people see themselves differently from their manager: a
			// fresher self-assessment on their first four competencies.
			if p.SelfDelta != 0 && i < 4 {
				emp, comp, source, assessor = append(emp, e.No), append(comp, c.Code), append(source, "SELF"), append(assessor, e.No)
				level, observed = append(level, clamp(l+p.SelfDelta, 1, len(defaultScale))), append(observed, today.AddDate(0, 0, -14))
				comment = append(comment, "Self-assessment (demo data)")
			}
		}
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO competency_evidence (employee_id, competency_id, framework_id, level, source, assessor_id, comment, observed_on)
		SELECT e.id, c.id, $1, d.level, d.source, a.id, d.comment, d.observed
		FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::date[])
		     AS d (emp, comp, level, source, assessor, comment, observed)
		JOIN employees e ON e.employee_no = d.emp
		JOIN employees a ON a.employee_no = d.assessor
		JOIN competencies c ON c.code = d.comp
		WHERE NOT EXISTS (SELECT 1 FROM competency_evidence x WHERE x.employee_id = e.id)`,
		frameworkID, pq.Array(emp), pq.Array(comp), pq.Array(level), pq.Array(source), pq.Array(assessor),
		pq.Array(comment), pq.Array(observed))
	if err != nil {
		return 0, fmt.Errorf("ratings: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }
