// Package courses holds the course catalogue, classroom sessions,
// assignments and learners' progress. It is filled in by the courses issue;
// the package exists from the start so the layout shows where it will live.
package courses
