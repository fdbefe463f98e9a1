// Package proccpu reads the CPU time of a process tree from /proc, for the
// benchmarks that weigh what a feature costs the browser and the test
// process together.
package proccpu

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Tree is the CPU time, in seconds, used so far by this process and every
// live process it started (the browser and its renderers), read from /proc.
// Processes that ended are not counted: the browser must live through what is
// measured.
func Tree() (float64, error) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0, fmt.Errorf("no /proc: %w", err)
	}
	parent := map[int]int{}
	ticks := map[int]float64{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // gone meanwhile
		}
		// Fields after the command, which is in parentheses and may hold spaces.
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseFloat(f[11], 64)
		st, _ := strconv.ParseFloat(f[12], 64)
		parent[pid], ticks[pid] = ppid, ut+st
	}
	self, sum := os.Getpid(), 0.0
	for pid, t := range ticks {
		for p := pid; p > 1; p = parent[p] {
			if p == self {
				sum += t
				break
			}
		}
	}
	return sum / 100, nil // USER_HZ is 100 on Linux
}
