package steps

import (
	"regexp"
	"testing"
)

// BenchmarkCompileCoreSteps is what the literal expressions cost: godog
// compiles a string expression each time a scenario's steps are registered,
// so once per scenario (compiled *regexp.Regexp values were compiled once per
// process, but editors cannot read them).
func BenchmarkCompileCoreSteps(b *testing.B) {
	docs := Catalog()
	for b.Loop() {
		for _, d := range docs {
			regexp.MustCompile(d.Expr)
		}
	}
}
