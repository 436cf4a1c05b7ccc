package treelint

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo makes a git checkout holding files and returns its path.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return dir
}

// lint runs the script on dir and returns its output and whether it passed.
func lint(t *testing.T, dir string) (string, bool) {
	t.Helper()
	script, err := filepath.Abs("../../scripts/lint-tree.sh")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", script, dir).CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("run %s: %v", script, err)
		}
	}
	return string(out), err == nil
}

func TestDateLiterals(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	// The literals are assembled so that this file does not trip the check.
	date := "2026" + "-11-20"
	goDate := "time.Date(" + "2026, 11, 20, 0, 0, 0, 0, time.UTC)"
	for _, c := range []struct {
		name, file, line string
		ok               bool
	}{
		{"OK", "a/x_test.go", "due := today.AddDate(0, 0, 3)", true},
		{"OKMarked", "a/x_test.go", `in := "` + date + `" // fixed-date: a pure parser's table`, true},
		{"OKNotATest", "a/x.go", `const epoch = "` + date + `"`, true},
		{"ErrISOInGo", "a/x_test.go", `in := "` + date + `"`, false},
		{"ErrTimeDate", "a/x_test.go", "at := " + goDate, false},
		{"ErrComponentTest", "frontend/src/a/X.test.tsx", `const due = '` + date + `';`, false},
		{"ErrE2E", "frontend/e2e/a.e2e.ts", "const d = new Date(" + "2026, 10, 20);", false},
		{"ErrFixture", "frontend/src/areas/a/fixtures.ts", `hiredOn: '` + date + `',`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, ok := lint(t, repo(t, map[string]string{c.file: "package a\n\n" + c.line + "\n"}))
			if ok != c.ok {
				t.Fatalf("passed = %v, want %v:\n%s", ok, c.ok, out)
			}
			if !ok && !strings.Contains(out, c.file+":3:") {
				t.Fatalf("the refusal does not name %s line 3:\n%s", c.file, out)
			}
		})
	}
}

func TestLargeFiles(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	big := strings.Repeat("x", 1024*1024+1)
	for _, c := range []struct {
		name, file string
		ok         bool
	}{
		{"ErrBinary", "rungs", false},
		{"ErrNested", "frontend/dist/app.js", false},
		{"OKLockFile", "frontend/package-lock.json", true},
		{"OKTestdata", "kpi/testdata/big.csv", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, ok := lint(t, repo(t, map[string]string{c.file: big, "small.txt": "x"}))
			if ok != c.ok {
				t.Fatalf("passed = %v, want %v:\n%s", ok, c.ok, out)
			}
			if !ok && !strings.Contains(out, c.file+" is ") {
				t.Fatalf("the refusal does not name %s:\n%s", c.file, out)
			}
		})
	}
	if out, ok := lint(t, repo(t, map[string]string{"small.txt": strings.Repeat("x", 1024*1024)})); !ok {
		t.Fatalf("a file of exactly 1 MiB was refused:\n%s", out)
	}
}
