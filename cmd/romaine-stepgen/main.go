// Command romaine-stepgen writes steps/compiled.go, the core steps registered
// with their expressions compiled once (see internal/stepgen), from the
// registrations in steps/*.go:
//
//	go run ./cmd/romaine-stepgen
//
// Run it after adding or changing a core step; a test fails while the file
// is stale.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/romaine-bdd/romaine/internal/stepgen"
)

func main() {
	src, err := stepgen.Generate("steps")
	if err == nil {
		err = os.WriteFile(filepath.Join("steps", stepgen.File), src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "romaine-stepgen:", err)
		os.Exit(1)
	}
}
