// Package courses holds the course catalogue: courses and their ordered
// modules, the competencies each course develops, prerequisites between
// courses (a DAG), learners' feedback, and catalogue search.
//
// Who may see a course is decided in SQL (see visibleSQL), so batch reads,
// single reads and search share one rule. Enrolments, assignments and
// learners' progress live in package learning; classroom sessions and
// registrations in package classroom.
package courses
