package courses

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
)

// The lists of a course — modules, competencies, prerequisites — are
// checked together (checkLists, every problem into one Validation) and then
// written set-based (applyLists), inside the caller's transaction.

const defaultModuleMinutes = 30

// checkLists records every problem with the lists l of course cur (nil when
// creating) and returns the published framework's id when competencies are
// set.
func (s *Store) checkLists(ctx context.Context, tx *sqlx.Tx, v *rungs.Validation, by *auth.Viewer, cur *Course, l lists) (int64, error) {
	if l.Modules != nil {
		if err := checkModules(ctx, tx, v, cur, l.Modules); err != nil {
			return 0, err
		}
	}
	var framework int64
	if len(l.Competencies) > 0 {
		var err error
		if framework, err = checkCompetencies(ctx, tx, v, l.Competencies); err != nil {
			return 0, err
		}
	}
	if len(l.Prerequisites) > 0 {
		if err := checkPrerequisites(ctx, tx, v, by, cur, l.Prerequisites); err != nil {
			return 0, err
		}
	}
	return framework, nil
}

func checkModules(ctx context.Context, tx *sqlx.Tx, v *rungs.Validation, cur *Course, ms []ModuleInput) error {
	own := map[int64]bool{}
	if cur != nil {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM course_modules WHERE course_id = $1`, cur.ID); err != nil {
			return fmt.Errorf("modules of course %d: %w", cur.ID, err)
		}
		for _, id := range ids {
			own[id] = true
		}
	}
	seen := map[int64]bool{}
	for i := range ms {
		m := &ms[i]
		field := fmt.Sprintf("modules[%d]", i)
		m.TitleEN, m.TitleZH = strings.TrimSpace(m.TitleEN), strings.TrimSpace(m.TitleZH)
		m.SummaryEN, m.SummaryZH = strings.TrimSpace(m.SummaryEN), strings.TrimSpace(m.SummaryZH)
		if m.EstimatedMinutes == 0 {
			m.EstimatedMinutes = defaultModuleMinutes
		}
		v.Check(m.TitleEN != "", field+".titleEn", "course.module.title_en.required", "module %d needs an English title", i+1)
		v.Check(m.TitleZH != "", field+".titleZh", "course.module.title_zh.required", "module %d needs a Chinese title", i+1)
		v.Check(utf8.RuneCountInString(m.TitleEN) <= maxTitle && utf8.RuneCountInString(m.TitleZH) <= maxTitle,
			field+".titleEn", "course.module.title_too_long", "module titles are at most %d characters", maxTitle)
		v.Check(utf8.RuneCountInString(m.SummaryEN) <= maxSummary && utf8.RuneCountInString(m.SummaryZH) <= maxSummary,
			field+".summaryEn", "course.module.summary_too_long", "module summaries are at most %d characters", maxSummary)
		v.Check(m.EstimatedMinutes >= 1 && m.EstimatedMinutes <= 6000, field+".estimatedMinutes",
			"course.module.minutes_range", "a module takes between 1 and 6000 minutes")
		if m.ID != nil {
			id := *m.ID
			v.Check(own[id], field+".id", "course.module.unknown", "module %d is not a module of this course", id)
			v.Check(!seen[id], field+".id", "course.module.duplicate", "module %d is listed twice", id)
			seen[id] = true
		}
	}
	return nil
}

// checkCompetencies checks links against the published framework version:
// the competency is in it and not archived, the levels lie on its scale.
func checkCompetencies(ctx context.Context, tx *sqlx.Tx, v *rungs.Validation, ls []LinkInput) (int64, error) {
	ids := make([]int64, len(ls))
	for i, l := range ls {
		ids[i] = l.CompetencyID
	}
	var rows []struct {
		FrameworkID  int64         `db:"framework_id"`
		MaxLevel     int           `db:"max_level"`
		CompetencyID sql.NullInt64 `db:"competency_id"`
		Archived     sql.NullBool  `db:"archived"`
	}
	err := tx.SelectContext(ctx, &rows, `
		SELECT f.id AS framework_id, f.max_level, cv.competency_id, cv.archived
		FROM frameworks f
		LEFT JOIN competency_versions cv ON cv.framework_id = f.id AND cv.competency_id = ANY($1)
		WHERE f.status = 'PUBLISHED'`, pq.Array(ids))
	if err != nil {
		return 0, fmt.Errorf("published framework: %w", err)
	}
	if len(rows) == 0 {
		v.Add("competencies", "course.competency.no_framework", "no competency framework is published yet")
		return 0, nil
	}
	framework, maxLevel := rows[0].FrameworkID, rows[0].MaxLevel
	archived := map[int64]bool{}
	for _, r := range rows {
		if r.CompetencyID.Valid {
			archived[r.CompetencyID.Int64] = r.Archived.Bool
		}
	}
	seen := map[int64]bool{}
	for i, l := range ls {
		field := fmt.Sprintf("competencies[%d]", i)
		arch, known := archived[l.CompetencyID]
		v.Check(known, field+".competencyId", "course.competency.unknown",
			"competency %d is not in the published framework", l.CompetencyID)
		v.Check(!arch, field+".competencyId", "course.competency.archived", "competency %d is archived", l.CompetencyID)
		v.Check(!seen[l.CompetencyID], field+".competencyId", "course.competency.duplicate",
			"competency %d is listed twice", l.CompetencyID)
		seen[l.CompetencyID] = true
		v.Check(l.EntryLevel >= 0 && l.EntryLevel <= maxLevel, field+".entryLevel", "course.competency.entry_range",
			"entry level must be between 0 and %d", maxLevel)
		v.Check(l.TargetLevel >= 1 && l.TargetLevel <= maxLevel, field+".targetLevel", "course.competency.target_range",
			"target level must be between 1 and %d", maxLevel)
		v.Check(l.TargetLevel > l.EntryLevel, field+".targetLevel", "course.competency.target_not_above_entry",
			"the target level must be above the entry level")
	}
	return framework, nil
}

// checkPrerequisites checks the courses named exist (and by may see them),
// are not the course itself and are named once. Cycles are found after the
// write, under the table lock (applyPrerequisites).
func checkPrerequisites(ctx context.Context, tx *sqlx.Tx, v *rungs.Validation, by *auth.Viewer, cur *Course, ps []PrereqInput) error {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.CourseID
	}
	var found []int64
	if err := tx.SelectContext(ctx, &found, `SELECT c.id FROM courses c WHERE c.id = ANY($3) AND `+visibleSQL,
		append(viewerArgs(by), pq.Array(ids))...); err != nil {
		return fmt.Errorf("prerequisite courses: %w", err)
	}
	known := map[int64]bool{}
	for _, id := range found {
		known[id] = true
	}
	seen := map[int64]bool{}
	for i, p := range ps {
		field := fmt.Sprintf("prerequisites[%d].courseId", i)
		if cur != nil && p.CourseID == cur.ID {
			v.Add(field, "course.prerequisite.self", "a course cannot be its own prerequisite")
			continue
		}
		v.Check(known[p.CourseID], field, "course.prerequisite.unknown", "course %d not found", p.CourseID)
		v.Check(!seen[p.CourseID], field, "course.prerequisite.duplicate", "course %d is listed twice", p.CourseID)
		seen[p.CourseID] = true
	}
	return nil
}

// applyLists writes the lists l of course id; framework is the published
// framework the competencies were checked against.
func (s *Store) applyLists(ctx context.Context, tx *sqlx.Tx, id, framework int64, l lists) (*applied, error) {
	a := &applied{}
	var err error
	if l.Modules != nil {
		if a.Modules, err = applyModules(ctx, tx, id, l.Modules); err != nil {
			return nil, err
		}
	}
	if l.Competencies != nil {
		if a.Competencies, err = applyCompetencies(ctx, tx, id, framework, l.Competencies); err != nil {
			return nil, err
		}
	}
	if l.Prerequisites != nil {
		if a.Prerequisites, err = s.applyPrerequisites(ctx, tx, id, l.Prerequisites); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// applyModules makes the course's modules exactly ms, in order, in one
// statement: delete the unlisted, update the kept (their ids, and so their
// learners' progress, survive a reorder), insert the new. Positions are
// rewritten 1..n; swapping two of them would trip the unique (course,
// position) mid-statement, so its check is deferred to commit.
func applyModules(ctx context.Context, tx *sqlx.Tx, courseID int64, ms []ModuleInput) ([]*Module, error) {
	if _, err := tx.ExecContext(ctx, `SET CONSTRAINTS course_modules_position_key DEFERRED`); err != nil {
		return nil, fmt.Errorf("defer module positions: %w", err)
	}
	n := len(ms)
	ids, minutes := make([]int64, n), make([]int64, n)
	titleEN, titleZH, sumEN, sumZH := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, m := range ms {
		if m.ID != nil {
			ids[i] = *m.ID
		}
		titleEN[i], titleZH[i], sumEN[i], sumZH[i] = m.TitleEN, m.TitleZH, m.SummaryEN, m.SummaryZH
		minutes[i] = int64(m.EstimatedMinutes)
	}
	var out []*Module
	err := tx.SelectContext(ctx, &out, `
		WITH input AS (
			SELECT NULLIF(u.id, 0) AS id, u.title_en, u.title_zh, u.summary_en, u.summary_zh, u.minutes, u.pos::int AS pos
			FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) WITH ORDINALITY
				AS u (id, title_en, title_zh, summary_en, summary_zh, minutes, pos)
		), gone AS (
			DELETE FROM course_modules m
			WHERE m.course_id = $1 AND m.id NOT IN (SELECT id FROM input WHERE id IS NOT NULL)
		), kept AS (
			UPDATE course_modules m SET position = i.pos, title_en = i.title_en, title_zh = i.title_zh,
				summary_en = i.summary_en, summary_zh = i.summary_zh, estimated_minutes = i.minutes
			FROM input i WHERE m.id = i.id AND m.course_id = $1
			RETURNING m.*
		), added AS (
			INSERT INTO course_modules (course_id, position, title_en, title_zh, summary_en, summary_zh, estimated_minutes)
			SELECT $1, pos, title_en, title_zh, summary_en, summary_zh, minutes FROM input WHERE id IS NULL
			RETURNING *
		)
		SELECT * FROM kept UNION ALL SELECT * FROM added ORDER BY position`,
		courseID, pq.Array(ids), pq.Array(titleEN), pq.Array(titleZH), pq.Array(sumEN), pq.Array(sumZH), pq.Array(minutes))
	if err != nil {
		return nil, fmt.Errorf("write modules: %w", err)
	}
	if out == nil {
		out = []*Module{}
	}
	return out, nil
}

// applyCompetencies makes the course's competency links exactly ls,
// recorded against the published framework.
func applyCompetencies(ctx context.Context, tx *sqlx.Tx, courseID, framework int64, ls []LinkInput) ([]*CompetencyLink, error) {
	n := len(ls)
	comps, entry, target := make([]int64, n), make([]int64, n), make([]int64, n)
	for i, l := range ls {
		comps[i], entry[i], target[i] = l.CompetencyID, int64(l.EntryLevel), int64(l.TargetLevel)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM course_competencies WHERE course_id = $1 AND competency_id <> ALL($2)`,
		courseID, pq.Array(comps)); err != nil {
		return nil, fmt.Errorf("drop competency links: %w", err)
	}
	out := []*CompetencyLink{}
	err := tx.SelectContext(ctx, &out, `
		INSERT INTO course_competencies (course_id, competency_id, framework_id, entry_level, target_level)
		SELECT $1, u.competency_id, $2, u.entry, u.target
		FROM unnest($3::bigint[], $4::smallint[], $5::smallint[]) WITH ORDINALITY AS u (competency_id, entry, target, n)
		ORDER BY u.n
		ON CONFLICT (course_id, competency_id) DO UPDATE
		SET framework_id = EXCLUDED.framework_id, entry_level = EXCLUDED.entry_level, target_level = EXCLUDED.target_level
		RETURNING course_id, competency_id, framework_id, entry_level, target_level`,
		courseID, framework, pq.Array(comps), pq.Array(entry), pq.Array(target))
	if err != nil {
		return nil, fmt.Errorf("write competency links: %w", err)
	}
	return out, nil
}

// lockPrerequisites takes the lock that keeps the prerequisite graph a DAG.
// The cycle check reads the whole graph; two transactions each adding one
// harmless-looking edge (A→B and B→A) would both pass it under MVCC. SHARE
// ROW EXCLUSIVE conflicts with itself and with every write to the table,
// so writers of the graph take turns while readers go on; the second one
// re-reads the graph after the first commits (READ COMMITTED takes a new
// snapshot per statement) and sees the edge it would close a cycle with.
func lockPrerequisites(ctx context.Context, tx *sqlx.Tx) error {
	if _, err := tx.ExecContext(ctx, `LOCK TABLE course_prerequisites IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("lock prerequisites: %w", err)
	}
	return nil
}

// applyPrerequisites makes the course's prerequisites exactly ps, then
// refuses the change if the graph now has a cycle. The caller holds the
// table lock.
func (s *Store) applyPrerequisites(ctx context.Context, tx *sqlx.Tx, courseID int64, ps []PrereqInput) ([]*Prerequisite, error) {
	n := len(ps)
	ids, enforced := make([]int64, n), make([]bool, n)
	for i, p := range ps {
		ids[i], enforced[i] = p.CourseID, p.Enforced
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM course_prerequisites WHERE course_id = $1 AND prerequisite_id <> ALL($2)`,
		courseID, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("drop prerequisites: %w", err)
	}
	out := []*Prerequisite{}
	err := tx.SelectContext(ctx, &out, `
		INSERT INTO course_prerequisites (course_id, prerequisite_id, enforced, created_at)
		SELECT $1, u.id, u.enforced, $4
		FROM unnest($2::bigint[], $3::boolean[]) WITH ORDINALITY AS u (id, enforced, n)
		ORDER BY u.n
		ON CONFLICT (course_id, prerequisite_id) DO UPDATE SET enforced = EXCLUDED.enforced
		RETURNING course_id, prerequisite_id, enforced, created_at`,
		courseID, pq.Array(ids), pq.Array(enforced), s.Now())
	if err != nil {
		return nil, translate(err, "prerequisites")
	}
	if n == 0 {
		return out, nil
	}
	// The graph was a DAG before this write, so any cycle now runs through
	// this course: walk its prerequisites breadth-first until the walk
	// returns to it. The recursion is read lazily, so LIMIT 1 stops it at
	// the first (shortest) cycle found. A node already on the path is not
	// revisited, so even a graph damaged by hand cannot make it loop.
	var cycle struct {
		IDs   pq.Int64Array  `db:"ids"`
		Codes pq.StringArray `db:"codes"`
	}
	err = tx.GetContext(ctx, &cycle, `
		WITH RECURSIVE walk (node, path) AS (
			SELECT p.prerequisite_id, ARRAY[p.course_id, p.prerequisite_id]
			FROM course_prerequisites p WHERE p.course_id = $1
		  UNION ALL
			SELECT p.prerequisite_id, w.path || p.prerequisite_id
			FROM walk w JOIN course_prerequisites p ON p.course_id = w.node
			WHERE w.node <> $1 AND (p.prerequisite_id = $1 OR p.prerequisite_id <> ALL(w.path))
		), found AS (
			SELECT path FROM walk WHERE node = $1 LIMIT 1
		)
		SELECT coalesce(array_agg(c.id ORDER BY u.n), '{}') AS ids, coalesce(array_agg(c.code ORDER BY u.n), '{}') AS codes
		FROM found, unnest(found.path) WITH ORDINALITY AS u (id, n) JOIN courses c ON c.id = u.id`, courseID)
	if err != nil {
		return nil, fmt.Errorf("cycle check: %w", err)
	}
	if len(cycle.IDs) == 0 {
		return out, nil
	}
	// Blame the edge of this write that the cycle leaves by.
	field := "prerequisites"
	for i, id := range ids {
		if id == cycle.IDs[1] {
			field = fmt.Sprintf("prerequisites[%d].courseId", i)
		}
	}
	var v rungs.Validation
	v.Add(field, "course.prerequisite.cycle", "prerequisite would close a cycle: %s", strings.Join(cycle.Codes, " → "))
	return nil, v.Err()
}
