package steps

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/internal/stepgen"
)

// compiled.go registers what the register* functions do, with compiled
// expressions: it must be written again whenever they change.
func TestCompiledRegistrationsAreCurrent(t *testing.T) {
	want, err := stepgen.Generate(".")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(stepgen.File)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("steps/%s is stale; run go run ./cmd/romaine-stepgen at the repository's root (-want +got):\n%s", stepgen.File, diff)
	}
}
