// Package competency holds the competency framework: categories,
// competencies, proficiency scales and the evidence that sets each
// employee's level. It is filled in by the competency-framework issue; the
// package exists from the start so the layout shows where it will live.
package competency
