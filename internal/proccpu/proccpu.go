// Package proccpu reads the CPU time of a process tree from /proc, for the
// benchmarks that weigh what a feature costs the browser and the test
// process together.
package proccpu

import (
	"errors"
	"os"
	"strconv"

	"github.com/romaine-bdd/romaine/internal/proctree"
)

// Tree is the CPU time, in seconds, used so far by this process and every
// live process it started (the browser and its renderers), read from /proc.
// Processes that ended are not counted: the browser must live through what is
// measured.
func Tree() (float64, error) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		return 0, errors.New("no /proc: " + err.Error())
	}
	self := os.Getpid()
	sum := 0.0
	for _, pid := range append(proctree.Descendants(self), self) {
		if f := proctree.StatFields(pid); len(f) > 12 {
			ut, _ := strconv.ParseFloat(f[11], 64)
			st, _ := strconv.ParseFloat(f[12], 64)
			sum += ut + st
		}
	}
	return sum / 100, nil // USER_HZ is 100 on Linux
}
