package terrain

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cucumber/godog"
)

// The godog command (godog run) builds a runner binary, godog.test, whose main
// hands godog its command line (os.Args) after the test package's variables
// are initialised, and so after New. That is the one moment Romaine can order
// the run under the godog command: New puts the command's paths in Romaine's
// order (ROMAINE_ORDER, ROMAINE_SHARD, from the environment: godog's command
// line accepts no -romaine flags) as FILE:LINE paths, before godog reads them.

// godogRunner says whether this process is the runner godog run built.
func godogRunner() bool {
	return !testing.Testing() && strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe") == "godog.test"
}

// arrangeGodogCommand rewrites the runner's paths; it leaves them alone, with
// a note for the run's start, when it cannot read them.
func (s *Suite) arrangeGodogCommand() {
	cfg, _, err := s.resolveConfig(os.LookupEnv)
	if err != nil {
		return // setUp reports the configuration error
	}
	var opts godog.Options
	fs := flag.NewFlagSet("godog", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	godog.BindFlags("", fs, &opts) //nolint:staticcheck // the std-flag twin of the runner's own flags, to read them
	if err := fs.Parse(os.Args[1:]); err != nil {
		s.commandNotes = []string{fmt.Sprintf("romaine: the godog command runs in its own order: its arguments could not be read (%v)", err)}
		return
	}
	// godog's results (the reports' identity and check, Romaine's summary) come
	// from a formatter of Romaine's, added to the command's own: the last
	// --format given is the one godog reads.
	flags := append(slices.Clone(os.Args[1:len(os.Args)-fs.NArg()]), "--format="+s.withResults(opts.Format))
	os.Args = append(append([]string{os.Args[0]}, flags...), fs.Args()...)
	if opts.Randomize != 0 {
		s.commandNotes = []string{"romaine: order: godog's --random (within each feature); ROMAINE_ORDER=random shuffles across features"}
		return
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"features"} // godog's default
	}
	s.cfg.Order, s.cfg.Shard, s.cfg.Timings = cfg.Order, cfg.Shard, cfg.Timings
	s.loadTimings()
	p, err := s.makePlan(paths, opts.Tags, max(opts.Concurrency, 1))
	if err != nil {
		s.commandNotes = []string{err.Error()}
		return
	}
	s.commandNotes = p.Notes
	if p.Empty {
		fmt.Fprintln(s.out, strings.Join(p.Notes, "\n"))
		os.Exit(0)
	}
	os.Args = append(append([]string{os.Args[0]}, flags...), p.Paths...)
}
