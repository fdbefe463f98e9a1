package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A report that cannot be written is found before the run, not at its end.
func TestCheckPathsRefusesWhatCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	later := filepath.Join(dir, "new", "sub", "report.html")
	if err := CheckPaths([]Output{{"html", later}, {"junit", file}}); err != nil {
		t.Fatalf("a folder that can be made and a file that can be overwritten are fine: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(later)); !os.IsNotExist(err) {
		t.Errorf("the check made the folder %s; it must only look", filepath.Dir(later))
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".romaine-report-check-*")); len(left) > 0 {
		t.Errorf("the check left its probe files: %v", left)
	}
	for _, tc := range []struct {
		reason string
		out    Output
		want   string
	}{
		{"a folder is not a file", Output{"html", dir}, "html:" + dir + " cannot be written: it is a folder; name a file in a folder you can write, e.g. html:reports/report.html"},
		{"/proc takes no new files", Output{"junit", "/proc/x.xml"}, "junit:/proc/x.xml cannot be written: no file can be created in /proc"},
		{"a file cannot hold a folder", Output{"messages", filepath.Join(file, "run.ndjson")}, file + " is a file, not a folder"},
		{"a device is not a report", Output{"html", "/dev/null"}, "it is not a regular file"},
	} {
		if err := CheckPaths([]Output{tc.out}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: want an error containing %q, got %v", tc.reason, tc.want, err)
		}
	}
}
