// Package proctree counts the CPU of a process tree without cgroups, for the
// bench scripts (bench-suite, thirdparty): the calling process makes itself
// the child subreaper, so every process a run starts (a test binary or a node
// runner, Chromium and its helpers, app servers, orphans included) is reaped
// here, and getrusage(RUSAGE_CHILDREN) after the run holds all their
// user+system time.
package proctree

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// BecomeSubreaper makes orphaned descendants this process's children, so
// that their CPU is counted by ChildrenCPU once ReapOrphans has waited for them.
func BecomeSubreaper() error {
	const prSetChildSubreaper = 36 // linux/prctl.h
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return fmt.Errorf("becoming the child subreaper (needed to count orphaned Chromium helpers): %v", errno)
	}
	return nil
}

// ChildrenCPU is the user+system seconds of every reaped descendant so far.
func ChildrenCPU() (float64, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0, fmt.Errorf("getrusage: %w", err)
	}
	return tv(ru.Utime) + tv(ru.Stime), nil
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }

// ReapOrphans waits for the run's leftover processes (helpers orphaned when
// the browser quit), which were reparented to us: their CPU counts too. One
// still alive after grace is killed, then reaped.
func ReapOrphans(grace time.Duration) {
	deadline := time.Now().Add(grace)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		switch {
		case err == syscall.ECHILD:
			return
		case pid > 0:
			continue
		case time.Now().After(deadline):
			for _, p := range Descendants(os.Getpid()) {
				_ = syscall.Kill(p, syscall.SIGKILL)
			}
		}
		<-tick.C // poll: a blocking wait4 could not be given up when the next run starts
	}
}

// Descendants lists every process below root, from /proc's parent links.
func Descendants(root int) []int {
	ents, _ := os.ReadDir("/proc")
	children := map[int][]int{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		f := StatFields(pid)
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		children[ppid] = append(children[ppid], pid)
	}
	var out []int
	queue := []int{root}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out
}

// StatFields are the fields of /proc/PID/stat after the command's closing
// parenthesis (the command may hold spaces): [0] is the state (field 3),
// [1] the parent's id, [11] and [12] utime and stime in clock ticks.
// Nil when the process is gone.
func StatFields(pid int) []string {
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	return strings.Fields(string(st[bytes.LastIndexByte(st, ')')+2:]))
}

// Loadavg is the 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
func Loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
