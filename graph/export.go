package graph

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/internal/csvsafe"
	"github.com/rungs/rungs/progression"
)

// NewExportHandler serves the CSV exports, authenticated like /graphql
// (Authorization: Bearer) and filtered by the same rules as the fields they
// mirror:
//
//	GET /export/teams/{id}/progress.csv         Team.progress as a spreadsheet
//	GET /export/positions/{id}/readiness.csv    readinessBoard, every candidate (HR); ?status= and ?team= filter
func NewExportHandler(r *Resolver) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /export/teams/{id}/progress.csv", r.exportTeamProgress)
	mux.HandleFunc("GET /export/positions/{id}/readiness.csv", r.exportReadiness)
	return r.Auth.Middleware(WithLoaders(r, mux))
}

func (r *Resolver) exportTeamProgress(w http.ResponseWriter, req *http.Request) {
	ctx := req.Context()
	if auth.ViewerFromContext(ctx) == nil {
		w.Header().Set("WWW-Authenticate", "Bearer")
		exportError(w, auth.ErrSignIn())
		return
	}
	id, err := strconv.ParseInt(req.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		exportError(w, rungs.FieldError("id", "team.id.invalid", "%q is not a team id", req.PathValue("id")))
		return
	}
	team, err := r.People.TeamByID(ctx, id)
	if err != nil {
		exportError(w, err)
		return
	}
	rows, err := r.teamProgress(ctx, id)
	if err != nil {
		exportError(w, err)
		return
	}
	ids := make([]int64, len(rows))
	for i, p := range rows {
		ids[i] = p.CourseID
	}
	cs, errs := LoadersFromContext(ctx).Course.LoadMany(ctx, ids)()
	if err := errors.Join(errs...); err != nil {
		exportError(w, err)
		return
	}
	out := [][]string{{"course_code", "course_title_en", "course_title_zh", "assigned", "in_progress", "completed", "overdue", "withdrawn"}}
	for i, p := range rows {
		code, en, zh := "", "", ""
		if c := cs[i]; c != nil { // a draft hidden from the viewer stays unnamed
			code, en, zh = c.Code, c.TitleEN, c.TitleZH
		}
		out = append(out, []string{code, en, zh, strconv.Itoa(p.Assigned), strconv.Itoa(p.InProgress),
			strconv.Itoa(p.Completed), strconv.Itoa(p.Overdue), strconv.Itoa(p.Withdrawn)})
	}
	writeCSV(w, fmt.Sprintf("team-%s-progress.csv", team.Code), out)
}

func (r *Resolver) exportReadiness(w http.ResponseWriter, req *http.Request) {
	ctx := req.Context()
	v := auth.ViewerFromContext(ctx)
	if v == nil {
		w.Header().Set("WWW-Authenticate", "Bearer")
		exportError(w, auth.ErrSignIn())
		return
	}
	if !v.Has(auth.RoleHR, auth.RoleAdmin) {
		exportError(w, rungs.Errorf(rungs.ErrForbidden, "readiness.board.forbidden", "the readiness board is for HR"))
		return
	}
	id, err := strconv.ParseInt(req.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		exportError(w, rungs.FieldError("id", "position.id.invalid", "%q is not a position id", req.PathValue("id")))
		return
	}
	q := progression.BoardQuery{PositionID: id, Status: req.URL.Query().Get("status")}
	if team := req.URL.Query().Get("team"); team != "" {
		// The same filters as the board on screen: the file is what HR sees.
		if q.TeamID, err = strconv.ParseInt(team, 10, 64); err != nil || q.TeamID <= 0 {
			exportError(w, rungs.FieldError("team", "team.id.invalid", "%q is not a team id", team))
			return
		}
	}
	rows, err := r.Progress.BoardCSV(ctx, q)
	if err != nil {
		exportError(w, err)
		return
	}
	writeCSV(w, fmt.Sprintf("readiness-%d.csv", id), rows)
}

// writeCSV sends rows as a UTF-8 CSV attachment. Every cell goes through
// csvsafe, so a title or name someone typed as =HYPERLINK(…) reaches the
// spreadsheet as text, never as a formula.
func writeCSV(w http.ResponseWriter, filename string, rows [][]string) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename=%q`, filename))
	w.Header().Set("Cache-Control", "no-store")
	// A byte-order mark makes spreadsheet programs read Chinese as UTF-8.
	_, _ = w.Write([]byte("\ufeff"))
	out := csvsafe.NewWriter(w)
	_ = out.WriteAll(rows)
}

// exportError answers in the API's error shape with the status that fits
// the error's code.
func exportError(w http.ResponseWriter, err error) {
	var e *rungs.Error
	if !errors.As(err, &e) {
		slog.Error("export failed", "err", err)
		e = rungs.Errorf(rungs.ErrInternal, "internal", "internal error")
	}
	status := map[string]int{
		rungs.ErrUnauthenticated: http.StatusUnauthorized,
		rungs.ErrForbidden:       http.StatusForbidden,
		rungs.ErrNotFound:        http.StatusNotFound,
		rungs.ErrBadUserInput:    http.StatusBadRequest,
		rungs.ErrConflict:        http.StatusConflict,
	}[e.Code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	auth.WriteError(w, status, e)
}
