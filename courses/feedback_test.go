package courses_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/courses"
)

func TestFeedback(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.mustPublished(t, f.trainer, input("FB-1"))
	quiet := f.mustPublished(t, f.trainer, input("FB-2"))
	draft := f.mustCreate(t, f.trainer, input("FB-3"))

	t.Run("ErrNotCompleted", func(t *testing.T) {
		_, err := f.store.LeaveFeedback(ctx, f.employee, c.ID, 5, "great")
		wantErr(t, err, rungs.ErrForbidden, "course.feedback.not_completed", "")
		// An enrolment in progress is not a completion.
		mustExec(t, f.db, `INSERT INTO enrollments (employee_id, course_id, status, started_at) VALUES ($1, $2, 'IN_PROGRESS', now())`,
			f.employee2.EmployeeID, c.ID)
		_, err = f.store.LeaveFeedback(ctx, f.employee2, c.ID, 5, "")
		wantErr(t, err, rungs.ErrForbidden, "course.feedback.not_completed", "")
		_, err = f.store.LeaveFeedback(ctx, f.employee, draft.ID, 5, "")
		wantErr(t, err, rungs.ErrNotFound, "course.not_found", "")
		_, err = f.store.LeaveFeedback(ctx, nil, c.ID, 5, "")
		wantErr(t, err, rungs.ErrUnauthenticated, "", "")
	})

	f.complete(t, f.employee, c.ID)
	mustExec(t, f.db, `UPDATE enrollments SET status = 'COMPLETED', completed_at = now(), last_completed_at = now()
		WHERE employee_id = $1 AND course_id = $2`, f.employee2.EmployeeID, c.ID)

	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.store.LeaveFeedback(ctx, f.employee, c.ID, 0, strings.Repeat("很", 4001))
		want := []string{"comment course.feedback.comment_too_long", "rating course.feedback.rating_range"}
		if got := problems(err); !slices.Equal(got, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
		_, err = f.store.LeaveFeedback(ctx, f.employee, c.ID, 6, "")
		wantErr(t, err, rungs.ErrBadUserInput, "course.feedback.rating_range", "rating")
	})

	t.Run("Upsert", func(t *testing.T) {
		// 4000 Chinese characters are 12000 bytes: the limit counts characters.
		long := strings.Repeat("好", 4000)
		fb, err := f.store.LeaveFeedback(ctx, f.employee, c.ID, 2, long)
		if err != nil {
			t.Fatal(err)
		}
		if fb.Rating != 2 || fb.Comment != long || fb.EmployeeID != f.employee.EmployeeID || !fb.CreatedAt.Equal(start) {
			t.Errorf("feedback rating %d by %d created %v", fb.Rating, fb.EmployeeID, fb.CreatedAt)
		}
		f.now = start.Add(24 * time.Hour)
		fb, err = f.store.LeaveFeedback(ctx, f.employee, c.ID, 4, "  better on reflection ")
		if err != nil {
			t.Fatal(err)
		}
		if fb.Rating != 4 || fb.Comment != "better on reflection" || !fb.CreatedAt.Equal(start) || !fb.UpdatedAt.Equal(f.now) {
			t.Errorf("updated feedback %+v", fb)
		}
		f.now = start.Add(48 * time.Hour)
		if _, err := f.store.LeaveFeedback(ctx, f.employee2, c.ID, 3, "ok"); err != nil {
			t.Fatal(err)
		}
		var n int
		mustGet(t, f.db, &n, `SELECT count(*) FROM course_feedback WHERE course_id = $1`, c.ID)
		if n != 2 {
			t.Errorf("%d feedback rows, want 2 (one per learner)", n)
		}
	})

	t.Run("Summaries", func(t *testing.T) {
		got, err := f.store.FeedbackSummaries(ctx, []int64{quiet.ID, c.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := []courses.FeedbackSummary{{CourseID: quiet.ID}, {CourseID: c.ID, Count: 2, Average: 3.5}}
		if !slices.Equal(got, want) {
			t.Errorf("summaries %+v, want %+v", got, want)
		}
	})

	t.Run("Visibility", func(t *testing.T) {
		cases := []struct {
			name string
			by   *auth.Viewer
			want []int64 // authors, newest first
		}{
			{"Owner", f.trainer, []int64{f.employee2.EmployeeID, f.employee.EmployeeID}},
			{"HR", f.hr, []int64{f.employee2.EmployeeID, f.employee.EmployeeID}},
			{"Admin", f.admin, []int64{f.employee2.EmployeeID, f.employee.EmployeeID}},
			{"Learner", f.employee, []int64{f.employee.EmployeeID}},
			{"OtherLearner", f.employee2, []int64{f.employee2.EmployeeID}},
			{"OtherTrainer", f.trainer2, nil},
			{"Anonymous", nil, nil},
		}
		for _, cs := range cases {
			got, err := f.store.FeedbackOf(ctx, cs.by, []int64{c.ID, quiet.ID})
			if err != nil {
				t.Fatal(err)
			}
			var authors []int64
			for _, fb := range got[0] {
				authors = append(authors, fb.EmployeeID)
			}
			if !slices.Equal(authors, cs.want) || len(got[1]) != 0 {
				t.Errorf("%s reads feedback of %v, want %v", cs.name, authors, cs.want)
			}
		}
	})
}
