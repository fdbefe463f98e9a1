package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

const runUsage = `usage: romaine run [flags] [PATHS...]

Runs feature files (PATHS: files, folders or FILE:LINE; default: the features
setting, else ./features) in Chromium against your app, started once per
worker by app-cmd (any language, listening on $HOST:$PORT) or already running
at app-url. The steps are Romaine's core vocabulary; "Given a MODEL exists"
POSTs the record to your app's factory path. It is the runner go test uses:
retries, the progress line, shards, reports and timings work the same.

Settings come from romaine.yaml in this folder (keys are the flags' names),
then these flags, then ROMAINE_* environment variables, each over the one
before. Exit status: 0 every scenario passed, 1 one failed, 2 a setting or a
feature file is wrong, 130 interrupted.

Flags:
`

// runFeatures is romaine run: the runner of go test (terrain.Suite.Run) with
// the core steps, its settings from the command line as well.
func runFeatures(args []string, stdout, stderr io.Writer) int {
	suite := terrain.New(terrain.WithSteps(steps.Register), terrain.WithSuggestions(steps.Suggest))
	fs := flag.NewFlagSet("romaine run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, "usage: romaine run [flags] [PATHS...]; romaine run -h lists the flags") }
	// The suite's own -romaine.NAME flags, named NAME here: the same settings,
	// checked the same way, in the same layer (over romaine.yaml, under the environment).
	bound := flag.NewFlagSet("", flag.ContinueOnError)
	suite.BindFlags(bound)
	bound.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, strings.TrimPrefix(f.Name, "romaine."), f.Usage) })
	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fmt.Fprint(stdout, runUsage)
		fs.PrintDefaults()
		return 0
	}
	if err != nil {
		return 2
	}
	if len(paths) > 0 {
		for _, p := range paths {
			if strings.ContainsAny(p, " \t\n") {
				fmt.Fprintf(stderr, "romaine run: %q: a path with a space cannot be run (paths are space separated, as in ROMAINE_FEATURES); rename it, or run its folder\n", p)
				return 2
			}
		}
		// The paths given are what to run, whatever the settings say: the
		// environment is the layer over every other.
		if err := os.Setenv("ROMAINE_FEATURES", strings.Join(paths, " ")); err != nil {
			fmt.Fprintln(stderr, "romaine run:", err)
			return 2
		}
	}
	return suite.Run()
}

// parseInterspersed parses flags wherever they are among the paths
// (romaine run features/ --workers 2), as a person types them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths, args = append(paths, args[0]), args[1:]
	}
}
