package learning_test

import (
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/rungs/rungs/auth"
	"github.com/rungs/rungs/dbtest"
	"github.com/rungs/rungs/learning"
)

// BenchmarkAssign10k assigns a published course to a team of 10,000 active
// employees: one assignment row and one statement for the enrolments,
// events and notifications. Each iteration takes a fresh course, so every
// run creates 10,000 enrolments.
func BenchmarkAssign10k(b *testing.B) {
	const people = 10_000
	db := dbtest.New(b)
	s := learning.NewStore(db)
	s.Now = func() time.Time { return now }
	team := dbtest.MustCreateTeam(b, db, "")
	position := dbtest.MustCreatePosition(b, db, "", 1)
	owner := dbtest.MustCreateEmployee(b, db, dbtest.Employee{PositionID: position})
	if _, err := db.Exec(`
		INSERT INTO employees (employee_no, name_en, name_zh, email, team_id, position_id, hire_date, position_since)
		SELECT 'B-' || g, 'Bench ' || g, '测试 ' || g, 'bench' || g || '@test.example', $1, $2, $4, $4
		FROM generate_series(1, $3) AS g`, team, position, people, day(-730)); err != nil {
		b.Fatal(err)
	}
	var courses []int64
	if err := db.Select(&courses, `
		INSERT INTO courses (code, title_en, title_zh, format, estimated_hours, owner_id, status, published_at)
		SELECT 'BENCH-' || g, 'Bench ' || g, '测试 ' || g, 'E_LEARNING', 1, $1, 'PUBLISHED', now()
		FROM generate_series(1, $2) AS g
		RETURNING id`, owner, b.N); err != nil {
		b.Fatal(err)
	}
	hr := &auth.Viewer{EmployeeID: owner, Roles: []auth.Role{auth.RoleHR}}

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.Assign(ctx, hr, learning.AssignInput{CourseID: courses[i], TeamID: &team, DueOn: day(30)})
		if err != nil {
			b.Fatal(err)
		}
		if res.Created != people {
			b.Fatalf("created %d, want %d", res.Created, people)
		}
	}
	b.StopTimer()
	b.ReportMetric(people, "enrolments/op")
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM notifications WHERE (params->>'course_id')::bigint = ANY($1)`, pq.Array(courses)); err != nil {
		b.Fatal(err)
	}
	if n != people*b.N {
		b.Fatalf("%d notifications, want %d", n, people*b.N)
	}
}
