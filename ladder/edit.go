package ladder

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs"
	"github.com/rungs/rungs/postgres"
)

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,39}$`)

// TrackInput creates or updates a track.
type TrackInput struct {
	Code           string
	NameEN, NameZH string
	DescEN, DescZH string
	SortOrder      int
}

func (in *TrackInput) validate() error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.NameEN, in.NameZH = strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH)
	var v rungs.Validation
	v.Check(codePattern.MatchString(in.Code), "code", "ladder.code.invalid", "code must be 2–40 capitals, digits or underscores, starting with a letter")
	v.Check(in.NameEN != "", "nameEn", "ladder.name_en.required", "English name is required")
	v.Check(in.NameZH != "", "nameZh", "ladder.name_zh.required", "Chinese name is required")
	return v.Err()
}

// CreateTrack adds a track.
func (s *Store) CreateTrack(ctx context.Context, in TrackInput) (*Track, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var t Track
	err := s.db.GetContext(ctx, &t, `
		INSERT INTO tracks (code, name_en, name_zh, description_en, description_zh, sort_order)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
		in.Code, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.SortOrder)
	if err != nil {
		return nil, translate(err, "track "+in.Code)
	}
	return &t, nil
}

// UpdateTrack replaces a track's fields.
func (s *Store) UpdateTrack(ctx context.Context, id int64, in TrackInput) (*Track, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var t Track
	err := s.db.GetContext(ctx, &t, `
		UPDATE tracks SET code = $2, name_en = $3, name_zh = $4, description_en = $5, description_zh = $6,
			sort_order = $7, updated_at = now()
		WHERE id = $1 RETURNING *`,
		id, in.Code, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.SortOrder)
	if err != nil {
		return nil, translate(err, fmt.Sprintf("track %d", id))
	}
	return &t, nil
}

// ArchiveTrack hides a track from lists. Refused while it still has
// positions that are not archived.
func (s *Store) ArchiveTrack(ctx context.Context, id int64) (*Track, error) {
	var t Track
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var open int
		if err := tx.GetContext(ctx, &open, `SELECT count(*) FROM positions WHERE track_id = $1 AND archived_at IS NULL`, id); err != nil {
			return err
		}
		if open > 0 {
			return rungs.Errorf(rungs.ErrConflict, "ladder.track.has_positions", "the track still has %d open position(s): archive them first", open)
		}
		err := tx.GetContext(ctx, &t, `UPDATE tracks SET archived_at = coalesce(archived_at, now()), updated_at = now() WHERE id = $1 RETURNING *`, id)
		return translate(err, fmt.Sprintf("track %d", id))
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// PositionInput creates or updates a position.
type PositionInput struct {
	Code           string
	TrackID        int64
	Level          int
	NameEN, NameZH string
	DescEN, DescZH string
	RespEN, RespZH string
}

func (in *PositionInput) validate() error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.NameEN, in.NameZH = strings.TrimSpace(in.NameEN), strings.TrimSpace(in.NameZH)
	var v rungs.Validation
	v.Check(codePattern.MatchString(in.Code), "code", "ladder.code.invalid", "code must be 2–40 capitals, digits or underscores, starting with a letter")
	v.Check(in.NameEN != "", "nameEn", "ladder.name_en.required", "English name is required")
	v.Check(in.NameZH != "", "nameZh", "ladder.name_zh.required", "Chinese name is required")
	v.Check(in.Level >= 1 && in.Level <= 9, "level", "ladder.level.range", "level must be between 1 and 9")
	v.Check(in.TrackID > 0, "trackId", "ladder.track.required", "a track is required")
	return v.Err()
}

// CreatePosition adds a position.
func (s *Store) CreatePosition(ctx context.Context, in PositionInput) (*Position, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var p Position
	err := s.db.GetContext(ctx, &p, `
		INSERT INTO positions (code, track_id, level, name_en, name_zh, description_en, description_zh, responsibilities_en, responsibilities_zh)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
		in.Code, in.TrackID, in.Level, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.RespEN, in.RespZH)
	if err != nil {
		return nil, translate(err, "position "+in.Code)
	}
	return &p, nil
}

// UpdatePosition replaces a position's fields in one transaction. A new
// level is refused if it would break a move: promotions must still rise
// and lateral moves still join equal levels.
func (s *Store) UpdatePosition(ctx context.Context, id int64, in PositionInput) (*Position, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var p Position
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &p, `
			UPDATE positions SET code = $2, track_id = $3, level = $4, name_en = $5, name_zh = $6,
				description_en = $7, description_zh = $8, responsibilities_en = $9, responsibilities_zh = $10,
				updated_at = now()
			WHERE id = $1 RETURNING *`,
			id, in.Code, in.TrackID, in.Level, in.NameEN, in.NameZH, in.DescEN, in.DescZH, in.RespEN, in.RespZH)
		if err != nil {
			return translate(err, fmt.Sprintf("position %d", id))
		}
		var broken []string
		err = tx.SelectContext(ctx, &broken, `
			SELECT f.code || ' → ' || t.code FROM position_moves m
			JOIN positions f ON f.id = m.from_position_id JOIN positions t ON t.id = m.to_position_id
			WHERE (m.from_position_id = $1 OR m.to_position_id = $1)
			  AND ((m.kind = 'PROMOTION' AND t.level <= f.level)
			    OR (m.kind = 'LATERAL' AND (t.level <> f.level OR t.track_id = f.track_id)))`, id)
		if err != nil {
			return err
		}
		if len(broken) > 0 {
			return rungs.FieldError("level", "ladder.level.breaks_moves",
				"this level or track would break the moves %s: change or remove them first", strings.Join(broken, ", "))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// ArchivePosition hides a position from lists and new moves. Refused while
// active employees hold it.
func (s *Store) ArchivePosition(ctx context.Context, id int64) (*Position, error) {
	var p Position
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var holders int
		if err := tx.GetContext(ctx, &holders, `SELECT count(*) FROM employees WHERE position_id = $1 AND status <> 'OFFBOARDED'`, id); err != nil {
			return err
		}
		if holders > 0 {
			return rungs.Errorf(rungs.ErrConflict, "ladder.position.held", "%d employee(s) hold this position: move them first", holders)
		}
		err := tx.GetContext(ctx, &p, `UPDATE positions SET archived_at = coalesce(archived_at, now()), updated_at = now() WHERE id = $1 RETURNING *`, id)
		return translate(err, fmt.Sprintf("position %d", id))
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// RequirementInput is one requirement of a position; Kind says which
// fields apply.
type RequirementInput struct {
	Kind         string
	CompetencyID int64
	MinLevel     int
	MinMonths    int
	MinRating    float64
	CourseID     int64
	// KPICode, KPIThreshold and KPIMonths describe a KPI requirement.
	KPICode      string
	KPIThreshold float64
	KPIMonths    int
}

// Scale is what competency requirements are checked against: the
// framework version in force and the competencies it holds.
type Scale struct {
	FrameworkID int64
	MaxLevel    int
	// Competencies are the ids of the framework's competencies that are not
	// archived.
	Competencies map[int64]bool
}

// SetRequirements replaces every requirement of a position in one
// transaction, after checking them all: each kind has its fields, levels
// lie within the scale, a competency is named once, other kinds once each.
func (s *Store) SetRequirements(ctx context.Context, positionID int64, reqs []RequirementInput, scale Scale) ([]*Requirement, error) {
	var v rungs.Validation
	seenComp := map[int64]bool{}
	seenKind := map[string]bool{}
	seenCourse := map[int64]bool{}
	seenKPI := map[string]bool{}
	var kinds, comps, levels, months, courses, kpiMonths []int64
	var kpiCodes []string
	var kpiThresholds []float64
	var kindNames []string
	var ratings []float64
	for i, r := range reqs {
		field := fmt.Sprintf("requirements[%d]", i)
		switch r.Kind {
		case KindCompetency:
			v.Check(scale.Competencies[r.CompetencyID], field+".competencyId", "ladder.requirement.competency_unknown",
				"competency %d is not in the current framework", r.CompetencyID)
			v.Check(r.MinLevel >= 1 && r.MinLevel <= scale.MaxLevel, field+".minLevel", "ladder.requirement.level_range",
				"level %d is outside the scale 1–%d", r.MinLevel, scale.MaxLevel)
			v.Check(!seenComp[r.CompetencyID], field+".competencyId", "ladder.requirement.duplicate",
				"competency %d is required twice", r.CompetencyID)
			seenComp[r.CompetencyID] = true
		case KindMonthsInPosition:
			v.Check(r.MinMonths >= 0 && r.MinMonths <= 600, field+".minMonths", "ladder.requirement.months_range", "months must be between 0 and 600")
		case KindPerformanceRating:
			v.Check(r.MinRating > 0 && r.MinRating <= 5, field+".minRating", "ladder.requirement.rating_range", "rating must be above 0 and at most 5")
		case KindCourse, KindCertification:
			v.Check(r.CourseID > 0, field+".courseId", "ladder.requirement.course_required", "%s needs a course", r.Kind)
			v.Check(!seenCourse[r.CourseID], field+".courseId", "ladder.requirement.duplicate",
				"course %d is required twice", r.CourseID)
			seenCourse[r.CourseID] = true
		case KindKPI:
			r.KPICode = strings.ToUpper(strings.TrimSpace(r.KPICode))
			v.Check(r.KPICode != "", field+".kpiCode", "ladder.requirement.kpi_required", "a KPI requirement names a KPI")
			v.Check(!seenKPI[r.KPICode], field+".kpiCode", "ladder.requirement.duplicate", "KPI %s is required twice", r.KPICode)
			seenKPI[r.KPICode] = true
			v.Check(r.KPIThreshold >= 0 && r.KPIThreshold <= 999999, field+".kpiThreshold", "ladder.requirement.kpi_threshold_range",
				"the threshold must be between 0 and 999999")
			v.Check(r.KPIMonths >= 1 && r.KPIMonths <= 24, field+".kpiMonths", "ladder.requirement.kpi_months_range",
				"the window is 1 to 24 months")
		default:
			v.Add(field+".kind", "ladder.requirement.kind", "unknown requirement kind %q", r.Kind)
		}
		if r.Kind == KindMonthsInPosition || r.Kind == KindPerformanceRating {
			v.Check(!seenKind[r.Kind], field+".kind", "ladder.requirement.duplicate", "%s is required twice", r.Kind)
			seenKind[r.Kind] = true
		}
		// Only a kind's own fields reach the SQL: a stray value in another
		// (minLevel on a MONTHS_IN_POSITION requirement, say) is ignored
		// instead of overflowing that column's array type.
		if r.Kind != KindCompetency {
			r.CompetencyID, r.MinLevel = 0, 0
		}
		if r.Kind != KindMonthsInPosition {
			r.MinMonths = 0
		}
		if r.Kind != KindPerformanceRating {
			r.MinRating = 0
		}
		if r.Kind != KindCourse && r.Kind != KindCertification {
			r.CourseID = 0
		}
		if r.Kind != KindKPI {
			r.KPICode, r.KPIThreshold, r.KPIMonths = "", 0, 0
		}
		kinds = append(kinds, int64(i))
		kindNames = append(kindNames, r.Kind)
		comps, levels = append(comps, r.CompetencyID), append(levels, int64(r.MinLevel))
		months, ratings = append(months, int64(r.MinMonths)), append(ratings, r.MinRating)
		courses = append(courses, r.CourseID)
		kpiCodes, kpiThresholds, kpiMonths = append(kpiCodes, r.KPICode), append(kpiThresholds, r.KPIThreshold), append(kpiMonths, int64(r.KPIMonths))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.checkRequiredCourses(ctx, reqs); err != nil {
		return nil, err
	}
	if err := s.checkKPIs(ctx, kpiCodes); err != nil {
		return nil, err
	}
	var out []*Requirement
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// Lock the position so two editors replacing its set do not interleave.
		var id int64
		if err := tx.GetContext(ctx, &id, `SELECT id FROM positions WHERE id = $1 FOR UPDATE`, positionID); err != nil {
			return postgres.Translate(err, fmt.Sprintf("position %d", positionID))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM position_requirements WHERE position_id = $1`, positionID); err != nil {
			return err
		}
		// One statement for the whole set; each kind keeps only its columns.
		err := tx.SelectContext(ctx, &out, `
			INSERT INTO position_requirements (position_id, kind, competency_id, min_level, framework_id, min_months, min_rating,
				course_id, kpi_id, kpi_threshold, kpi_months)
			SELECT $1, r.kind,
			       CASE WHEN r.kind = 'COMPETENCY' THEN r.competency_id END,
			       CASE WHEN r.kind = 'COMPETENCY' THEN r.min_level END,
			       CASE WHEN r.kind = 'COMPETENCY' THEN $2::bigint END,
			       CASE WHEN r.kind = 'MONTHS_IN_POSITION' THEN r.min_months END,
			       CASE WHEN r.kind = 'PERFORMANCE_RATING' THEN r.min_rating END,
			       CASE WHEN r.kind IN ('COURSE', 'CERTIFICATION') THEN r.course_id END,
			       k.id,
			       CASE WHEN r.kind = 'KPI' THEN r.kpi_threshold END,
			       CASE WHEN r.kind = 'KPI' THEN r.kpi_months END
			FROM unnest($3::text[], $4::bigint[], $5::smallint[], $6::int[], $7::numeric[], $8::int[], $9::bigint[],
			            $10::text[], $11::numeric[], $12::int[])
			     AS r (kind, competency_id, min_level, min_months, min_rating, ord, course_id, kpi_code, kpi_threshold, kpi_months)
			LEFT JOIN kpi_definitions k ON r.kind = 'KPI' AND k.code = r.kpi_code
			ORDER BY r.ord
			RETURNING *`,
			positionID, scale.FrameworkID, pq.Array(kindNames), pq.Array(comps), pq.Array(levels),
			pq.Array(months), pq.Array(ratings), pq.Array(kinds), pq.Array(courses),
			pq.Array(kpiCodes), pq.Array(kpiThresholds), pq.Array(kpiMonths))
		return translate(err, "requirement")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkRequiredCourses checks that required courses exist and are not
// archived, and that a certification requirement names a certification.
func (s *Store) checkRequiredCourses(ctx context.Context, reqs []RequirementInput) error {
	var ids []int64
	for _, r := range reqs {
		if r.Kind == KindCourse || r.Kind == KindCertification {
			ids = append(ids, r.CourseID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var found []struct {
		ID            int64  `db:"id"`
		Code          string `db:"code"`
		Status        string `db:"status"`
		Certification bool   `db:"certification"`
	}
	if err := s.db.SelectContext(ctx, &found, `
		SELECT id, code, status, certification FROM courses WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return fmt.Errorf("ladder: required courses: %w", err)
	}
	byID := map[int64]int{}
	for i, c := range found {
		byID[c.ID] = i
	}
	var v rungs.Validation
	for i, r := range reqs {
		if r.Kind != KindCourse && r.Kind != KindCertification {
			continue
		}
		field := fmt.Sprintf("requirements[%d].courseId", i)
		j, ok := byID[r.CourseID]
		if !ok {
			v.Add(field, "ladder.requirement.course_unknown", "course %d does not exist", r.CourseID)
			continue
		}
		c := found[j]
		v.Check(c.Status != "ARCHIVED", field, "ladder.requirement.course_archived", "course %s is archived", c.Code)
		v.Check(r.Kind != KindCertification || c.Certification, field, "ladder.requirement.not_certification",
			"course %s is not a certification", c.Code)
	}
	return v.Err()
}

// checkKPIs checks that every KPI a requirement names is defined.
func (s *Store) checkKPIs(ctx context.Context, codes []string) error {
	var named []string
	for _, c := range codes {
		if c != "" {
			named = append(named, c)
		}
	}
	if len(named) == 0 {
		return nil
	}
	var known []string
	if err := s.db.SelectContext(ctx, &known, `SELECT code FROM kpi_definitions WHERE code = ANY($1)`, pq.Array(named)); err != nil {
		return fmt.Errorf("ladder: required KPIs: %w", err)
	}
	var v rungs.Validation
	for i, c := range codes {
		v.Check(c == "" || slices.Contains(known, c), fmt.Sprintf("requirements[%d].kpiCode", i), "ladder.requirement.kpi_unknown",
			"KPI %s is not defined", c)
	}
	return v.Err()
}

// AddMove allows a move. A lateral move is added in both directions.
func (s *Store) AddMove(ctx context.Context, fromID, toID int64, kind string) (*Move, error) {
	if kind != MovePromotion && kind != MoveLateral {
		return nil, rungs.FieldError("kind", "ladder.move.kind", "kind must be PROMOTION or LATERAL")
	}
	if fromID == toID {
		return nil, rungs.FieldError("toPositionId", "ladder.move.self", "a move must go to another position")
	}
	var m Move
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var archived int
		if err := tx.GetContext(ctx, &archived, `
			SELECT count(*) FROM positions WHERE id IN ($1, $2) AND archived_at IS NOT NULL`, fromID, toID); err != nil {
			return err
		}
		if archived > 0 {
			return rungs.Errorf(rungs.ErrBadUserInput, "ladder.move.archived", "moves cannot involve an archived position")
		}
		err := tx.GetContext(ctx, &m, `
			INSERT INTO position_moves (from_position_id, to_position_id, kind) VALUES ($1, $2, $3)
			RETURNING *`, fromID, toID, kind)
		if err != nil {
			return translate(err, "move")
		}
		if kind == MoveLateral {
			_, err = tx.ExecContext(ctx, `
				INSERT INTO position_moves (from_position_id, to_position_id, kind) VALUES ($1, $2, 'LATERAL')
				ON CONFLICT DO NOTHING`, toID, fromID)
		}
		return translate(err, "move")
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// RemoveMove disallows a move (a lateral one in both directions). It
// reports whether anything was removed.
func (s *Store) RemoveMove(ctx context.Context, fromID, toID int64) (bool, error) {
	res, err := s.db.ExecContext(ctx, `
		DELETE FROM position_moves
		WHERE (from_position_id = $1 AND to_position_id = $2)
		   OR (from_position_id = $2 AND to_position_id = $1 AND kind = 'LATERAL'
		       AND EXISTS (SELECT 1 FROM position_moves WHERE from_position_id = $1 AND to_position_id = $2 AND kind = 'LATERAL'))`,
		fromID, toID)
	if err != nil {
		return false, fmt.Errorf("ladder: remove move: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// translate names the input behind a broken constraint.
func translate(err error, what string) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Constraint {
		case "position_moves_promotion_rises":
			return rungs.FieldError("kind", "ladder.move.promotion_not_rising", "%s", pqErr.Message)
		case "position_moves_lateral_level":
			return rungs.FieldError("kind", "ladder.move.lateral_level", "%s", pqErr.Message)
		case "position_moves_pkey":
			return rungs.Errorf(rungs.ErrConflict, "ladder.move.exists", "that move already exists")
		case "position_moves_from_position_id_fkey", "position_moves_to_position_id_fkey":
			return rungs.FieldError("toPositionId", "ladder.move.unknown_position", "no such position")
		case "positions_track_id_fkey":
			return rungs.FieldError("trackId", "ladder.track.not_found", "no such track")
		case "tracks_code_key", "positions_code_key":
			return &rungs.Error{Code: rungs.ErrConflict, Key: "ladder.code.taken", Field: "code", Message: "that code is taken"}
		}
	}
	return postgres.Translate(err, what)
}
