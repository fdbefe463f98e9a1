package terrain

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Everything a run puts in the temporary folder (browser profiles, what the
// apps write to their TMPDIR) lives in one folder of the run, removed when the
// run ends. A run that was killed (SIGKILL, a go test -timeout panic) cannot
// remove it; the next run does, once the owner named in it is gone.

const runDirPrefix = "romaine-run-"

// makeRunDir creates the run's folder with an owner file (pid and process start
// time, so a recycled pid is not mistaken for the owner), after removing the
// folders of runs that ended without cleaning up.
func makeRunDir(log io.Writer) (string, error) {
	removeStaleRunDirs(log)
	dir, err := os.MkdirTemp("", runDirPrefix)
	if err != nil {
		return "", fmt.Errorf("romaine: creating the run's temporary folder: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "owner"), []byte(processID(os.Getpid())), 0o644); err != nil {
		return "", fmt.Errorf("romaine: creating the run's temporary folder: %w", err)
	}
	return dir, nil
}

// workerDir makes worker index's folder inside the run's.
func (s *Suite) workerDir(index int) (string, error) {
	dir := filepath.Join(s.runDir, "worker-"+strconv.Itoa(index))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("romaine: creating worker %d's temporary folder: %w", index, err)
	}
	return dir, nil
}

func removeStaleRunDirs(log io.Writer) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), runDirPrefix+"*"))
	for _, dir := range dirs {
		owner, err := os.ReadFile(filepath.Join(dir, "owner"))
		if errors.Is(err, os.ErrNotExist) {
			// Being created this very moment, or not ours: leave it.
			continue
		}
		pid, _ := strconv.Atoi(strings.Fields(string(owner) + " 0")[0])
		if pid > 0 && processID(pid) == string(owner) {
			continue // its run is still going
		}
		if err := os.RemoveAll(dir); err == nil {
			fmt.Fprintf(log, "romaine: removed %s, left by a run that was killed\n", dir)
		}
	}
}

// processID names a live process: its pid and, on Linux, its start time. It is
// "" for a process that does not exist (or is a zombie: it serves nothing).
func processID(pid int) string {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			if syscall.Kill(pid, 0) == nil && !dirExists("/proc/self") {
				return strconv.Itoa(pid) // no /proc (macOS): the pid alone
			}
			return ""
		}
		return strconv.Itoa(pid)
	}
	// Fields after the command name (which may hold spaces): state is the 1st, starttime the 20th.
	rest := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	if len(rest) < 20 || rest[0] == "Z" {
		return ""
	}
	return strconv.Itoa(pid) + " " + rest[19]
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
