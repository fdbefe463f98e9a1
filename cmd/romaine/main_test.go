package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/report"
)

// The two files are the records of two shards of one real run
// (ROMAINE_REPORTS=messages:FILE), one scenario each; the second failed.
func TestMergeShardsIntoOneReport(t *testing.T) {
	dir := t.TempDir()
	html, junit, msgs := filepath.Join(dir, "report.html"), filepath.Join(dir, "junit.xml"), filepath.Join(dir, "all.ndjson")
	var out, errOut bytes.Buffer
	status := run([]string{"report", "merge", "-html", html, "-junit", junit, "-messages", msgs, "testdata/shard1.ndjson", "testdata/shard2.ndjson"}, &out, &errOut)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	if !strings.Contains(out.String(), "romaine: 2 scenarios: 1 passed, 1 failed, 0 flaky, 0 not run (from 2 file(s))") {
		t.Errorf("summary: %s", out.String())
	}
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The greeting is shown", "A greeting that is not there", "1 passed", "1 failed", "data:image/png;base64,"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the merged report lacks %q", want)
		}
	}
	envs, err := report.ReadFiles(msgs)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(report.Build(envs).Features[0].Scenarios); n != 2 {
		t.Errorf("the merged messages hold %d scenarios, want 2", n)
	}
	if x, err := os.ReadFile(junit); err != nil || strings.Count(string(x), "<testcase ") != 2 {
		t.Errorf("JUnit: want 2 testcases (%v):\n%s", err, x)
	}
}

func TestMergeRefusesBadInput(t *testing.T) {
	notMessages := filepath.Join(t.TempDir(), "x.ndjson")
	_ = os.WriteFile(notMessages, []byte("hello\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"merge"}, `"merge" is not a command`},
		{[]string{"report", "merge"}, "name at least one .ndjson file"},
		{[]string{"report", "merge", "missing.ndjson"}, "missing.ndjson: no such file"},
		{[]string{"report", "merge", notMessages}, "message 1 is not a Cucumber message"},
	} {
		var out, errOut bytes.Buffer
		if status := run(tc.args, &out, &errOut); status == 0 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: status %d, want an error containing %q, got %s", tc.args, status, tc.want, errOut.String())
		}
	}
}

func TestTimingsMergeRefusesWhatIsNotAShards(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("ROMAINE_TIMINGS", "")
	t.Setenv("ROMAINE_CONFIG", "")
	notShard := "timings.json"
	if err := os.WriteFile(notShard, []byte(`{"romaine_timings": 1, "scenarios": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"timings", "merge"}, "no shard timings beside .romaine/timings.json (.romaine/timings.shard-1-of-2.json, ...)"},
		{[]string{"timings", "merge", notShard}, "timings.json is not a shard's timings"},
		{[]string{"timings", "merge", "missing.json"}, "missing.json: no such file"},
		{[]string{"timings", "merge", "-into"}, "flag needs an argument"},
	} {
		var out, errOut bytes.Buffer
		if status := run(tc.args, &out, &errOut); status == 0 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: status %d, want an error containing %q, got %s", tc.args, status, tc.want, errOut.String())
		}
	}
	// The settings file names the timings file to merge into.
	if err := os.WriteFile("romaine.yaml", []byte("timings: ci/timings.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if status := run([]string{"timings", "merge"}, &out, &errOut); status != 1 || !strings.Contains(errOut.String(), "beside ci/timings.json") {
		t.Errorf("with romaine.yaml: status %d: %s", status, errOut.String())
	}
}
