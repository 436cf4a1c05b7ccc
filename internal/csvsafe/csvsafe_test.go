package csvsafe_test

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rungs/rungs/internal/csvsafe"
)

func TestCell(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{`=1+2+cmd|' /C calc'!A0`, `'=1+2+cmd|' /C calc'!A0`},
		{"+1+2", "'+1+2"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+1", "'＝1+1"},
		{"＠A1", "'＠A1"},
		{"-", "'-"},
		{"-1e3", "'-1e3"},
		{"+5", "'+5"},
		// The product's own figures and ordinary text stay as they are.
		{"-55", "-55"},
		{"-0.5", "-0.5"},
		{"42", "42"},
		{"85%", "85%"},
		{"3/5", "3/5"},
		{"Calm under pressure", "Calm under pressure"},
		{"吴晓玲", "吴晓玲"},
		{"a=b", "a=b"},
		// Blanks and line breaks before a trigger: a spreadsheet may trim them.
		{" =1", "' =1"},
		{"  =HYPERLINK(\"http://evil\",\"x\")", "'  =HYPERLINK(\"http://evil\",\"x\")"},
		{"\n=cmd|' /C calc'!A0", "'\n=cmd|' /C calc'!A0"},
		{"\u3000＝1", "'\u3000＝1"},
		{"﹦1+1", "'﹦1+1"},
		{"﹢1", "'﹢1"},
		{"﹣1", "'﹣1"},
		{" -5", " -5"},
		{"  Calm", "  Calm"},
		{"", ""},
	}
	for _, c := range cases {
		if got := csvsafe.Cell(c.in); got != c.want {
			t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWriter(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := csvsafe.NewWriter(&buf)
	if err := w.WriteAll([][]string{{"name", "change"}, {"=cmd", "-55"}, {"Wu, Xiaoling", "+1"}}); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"name", "change"}, {"'=cmd", "-55"}, {"Wu, Xiaoling", "'+1"}}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestOnlyWriter: no other package makes its own encoding/csv writer, so
// every CSV the product writes is neutralised here.
func TestOnlyWriter(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root: %v", err)
	}
	self := filepath.Join(root, "internal", "csvsafe")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", ".git", ".data", "dist":
				return filepath.SkipDir
			}
			if path == self {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte("csv.NewWriter(")) {
			rel, _ := filepath.Rel(root, path)
			t.Errorf("%s writes CSV with encoding/csv directly: use csvsafe.NewWriter", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
