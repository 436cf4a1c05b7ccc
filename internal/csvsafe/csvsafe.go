// Package csvsafe writes CSV files that a spreadsheet opens as data, never
// as formulas: every CSV the product writes goes through Writer.
//
// Excel, LibreOffice and Google Sheets run a cell that starts with =, +, -
// or @ as a formula (and tab or carriage return lead some of them to trim
// into one), so a course titled =HYPERLINK("http://x","y") or an employee
// named =1+2+cmd|' /C calc'!A0 would act when HR opens the export. Following
// OWASP's rule, Cell puts a single quote before such a cell: the
// spreadsheet shows the text as typed, quote hidden.
//
// Numbers stay numbers: a cell that is a plain decimal number with a
// leading minus ("-55", "-0.5"), as the product writes its own figures, is
// left alone. It cannot run anything, whoever typed it.
package csvsafe

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// triggers are the first characters that make a spreadsheet read a cell
// as a formula: OWASP's = + - @ tab and carriage return, and their
// full-width and small forms, which an input method for Chinese types as
// easily and some spreadsheets fold into the ASCII ones.
const triggers = "=+-@\t\r＝＋－＠﹦﹢﹣﹫"

// number is a plain decimal number: what strconv writes for the product's
// own figures, negative ones included.
var number = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// Cell returns s as it is safe to write into a CSV cell: prefixed with a
// single quote when it starts with a formula trigger (or with a line break,
// or with blanks before a trigger) and is not a plain number.
func Cell(s string) string {
	if s == "" || number.MatchString(s) {
		return s
	}
	// A spreadsheet may trim leading blanks and line breaks on import (and
	// LibreOffice does when asked to), so the first character that counts
	// is the first one after them; a cell that starts with one is quoted too.
	first, _ := utf8.DecodeRuneInString(s)
	if first == '\t' || first == '\r' || first == '\n' {
		return "'" + s
	}
	trimmed := strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	if r, _ := utf8.DecodeRuneInString(trimmed); trimmed != "" && strings.ContainsRune(triggers, r) && !number.MatchString(trimmed) {
		return "'" + s
	}
	return s
}

// Writer is an encoding/csv Writer that neutralises every cell with Cell.
type Writer struct{ w *csv.Writer }

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record, every cell through Cell.
func (w *Writer) Write(record []string) error {
	safe := make([]string, len(record))
	for i, c := range record {
		safe[i] = Cell(c)
	}
	return w.w.Write(safe)
}

// WriteAll writes records and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.w.Flush()
	return w.w.Error()
}

// Flush writes any buffered data.
func (w *Writer) Flush() { w.w.Flush() }

// Error reports an error from an earlier Write or Flush.
func (w *Writer) Error() error { return w.w.Error() }
