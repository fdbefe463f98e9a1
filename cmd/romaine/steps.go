package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/romaine-bdd/romaine/steps"
)

const stepsUsage = `usage: romaine steps [-glue FILE.go]

Lists Romaine's core steps, one phrase a line (docs/steps.md explains each).

With -glue FILE.go it writes FILE.go instead: every core step's expression as Go
source, for editors. VS Code's Cucumber extension reads it (its cucumber.glue
setting), to complete steps, mark undefined ones and go to a step's definition;
nothing compiles it. A FILE named features/*_test.go is found without a setting:

    romaine steps -glue features/romaine_steps_test.go
`

// stepsCommand is  romaine steps : the core steps, as phrases or as glue.
func stepsCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("romaine steps", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, stepsUsage) }
	glue := fs.String("glue", "", "write the steps as Go glue for editors to FILE.go")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "romaine steps: unexpected %q\n\n%s", fs.Arg(0), stepsUsage)
		return 2
	}
	if *glue == "" {
		for _, d := range steps.Catalog() {
			fmt.Fprintln(stdout, d.Phrase)
		}
		return 0
	}
	// The language server picks a glue file's language by its extension.
	if filepath.Ext(*glue) != ".go" {
		fmt.Fprintf(stderr, "romaine steps: -glue %s: the Cucumber extension reads step definitions by their file's extension, so the file must end in .go, e.g. features/romaine_steps_test.go\n", *glue)
		return 2
	}
	var b bytes.Buffer
	if err := steps.WriteGlue(&b); err != nil {
		fmt.Fprintln(stderr, "romaine steps:", err)
		return 1
	}
	if err := os.WriteFile(*glue, b.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "romaine steps: writing the glue: %v (does the folder %s exist?)\n", err, filepath.Dir(*glue))
		return 1
	}
	fmt.Fprintf(stdout, "romaine: %d core steps written to %s for editors (VS Code: cucumber.glue)\n", len(steps.Catalog()), *glue)
	return 0
}
