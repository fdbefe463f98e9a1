package testenv

// The npm packages that scripts/NAME pins (package.json, package-lock.json),
// installed into bin/NAME, for the tests that check what Romaine writes with
// another project's own tool (the Cucumber language service, Istanbul).

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// PinnedNPM installs scripts/name's pinned packages into bin/name (once per
// lock file: installed from this very lock, it does nothing) with their
// node_modules/marker, copies scripts/name/script beside them, and returns
// its path. Without node and npm the test is skipped, unless CI is set (CI
// machines have them): why says what they are needed for.
func PinnedNPM(t testing.TB, name, marker, script, why string) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is needed %s, and CI machines have it", tool, why)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	src, dir := filepath.Join(root, "scripts", name), filepath.Join(root, "bin", name)
	lock, err := os.ReadFile(filepath.Join(src, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "package-lock.json")); err != nil || !bytes.Equal(got, lock) || !exists(filepath.Join(dir, "node_modules", marker)) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"package.json", "package-lock.json"} {
			copyFile(t, filepath.Join(src, f), filepath.Join(dir, f))
		}
		// No install scripts: the packages pinned here need no native build.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("installing %s in %s: npm ci: %v\n%s", name, dir, err, out)
		}
	}
	copyFile(t, filepath.Join(src, script), filepath.Join(dir, script))
	return filepath.Join(dir, script)
}

// moduleRoot is the folder of the go.mod above the working folder.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if exists(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }
