package classroom

import (
	"fmt"
	"testing"

	"github.com/lib/pq"
	"github.com/rungs/rungs"
)

// The database's refusals become errors a user can read (that the database
// raises them is proved in TestOverbookingBackstop).
func TestTranslate(t *testing.T) {
	for _, tc := range []struct {
		constraint, code, key string
	}{
		{"course_sessions_no_overbooking", rungs.ErrConflict, "session.full"},
		{"course_sessions_trainer_id_fkey", rungs.ErrBadUserInput, "session.trainer.invalid"},
		{"session_registrations_employee_id_fkey", rungs.ErrNotFound, "employee.not_found"},
	} {
		err := translate(fmt.Errorf("wrapped: %w", &pq.Error{Code: "23514", Constraint: tc.constraint}), "session 7")
		e, ok := err.(*rungs.Error)
		if !ok || e.Code != tc.code || e.Key != tc.key {
			t.Errorf("%s: %#v, want %s %s", tc.constraint, err, tc.code, tc.key)
		}
	}
}
