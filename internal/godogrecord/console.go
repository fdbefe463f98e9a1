// Package godogrecord runs godog's console formats (pretty, progress) over a
// record of the run that does not grow with it.
//
// godog keeps every scenario's result and every step's result, with the step
// definition it matched, in an in-memory database until its run ends, for
// its formatters: about 10 KB a scenario of four steps, which one long run
// never gives back. The console formats read a scenario's record while they
// print it, and at the end only the failed and undefined steps (their list
// and the snippets) and the counts of the summary. So once a scenario has
// passed and been printed, its record is needed for two numbers: the
// Console lets go of it then, counts it, and puts it back into the summary's
// counts, which godog's formatters print exactly as they would have.
//
// godog offers no way to delete from its record: the Console reaches the
// record's database (go-memdb, godog's own dependency) through godog's
// storage, checks its type and schema first, and prunes nothing when they are
// not what it knows (the record then grows as before).
package godogrecord

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/cucumber/godog"
	"github.com/cucumber/godog/colors"
	"github.com/cucumber/godog/formatters"
	messages "github.com/cucumber/messages/go/v34"
	memdb "github.com/hashicorp/go-memdb"
)

// Lean says whether format (godog's --format, comma-separated) can run on
// the Console: each of its formats is pretty or progress to the run's output
// (no file). The others (junit, cucumber, events, a file) read the whole
// record at the end.
func Lean(format string) bool {
	for _, f := range strings.Split(format, ",") {
		switch strings.TrimSpace(f) {
		case "", "pretty", "progress":
		default:
			return false
		}
	}
	return true
}

// Console is godog's console formatters (pretty, progress) over a record that
// lets go of each passed scenario once it is printed. Register it as one godog
// format in place of the ones it prints.
type Console struct {
	*godog.BaseFmt // godog hands its storage to it (SetStorage)
	out            *capture
	inner          []godog.Formatter
	db             *memdb.MemDB // nil: nothing is pruned

	mu      sync.Mutex
	running map[string]int // passed steps of each scenario still running, by pickle ID
	pruned  counts         // what the pruned scenarios counted
	off     string         // why nothing is pruned, when it is not
}

// New is a Console printing format (see Lean) to out for godog's suite.
func New(format, suite string, out io.Writer) *Console {
	c := &Console{BaseFmt: godog.NewBaseFmt(suite, out), out: &capture{out: out}, running: map[string]int{}}
	for _, name := range strings.Split(format, ",") {
		if name = strings.TrimSpace(name); name != "" {
			c.inner = append(c.inner, godog.FindFmt(name)(suite, c.out))
		}
	}
	return c
}

// TestRunStarted follows godog's SetStorage: the inner formatters get the
// storage, and the Console its database.
func (c *Console) TestRunStarted() {
	for _, f := range c.inner {
		passStorage(f, c.Storage)
		f.TestRunStarted()
	}
	db, err := database(c.Storage)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.db = db
	if err != nil {
		c.off = err.Error()
	}
}

// passStorage gives f godog's storage st, as godog gives it to its formatters
// (its type is godog's internal; S is inferred).
func passStorage[S any](f godog.Formatter, st S) {
	if s, ok := f.(interface{ SetStorage(S) }); ok {
		s.SetStorage(st)
	}
}

func (c *Console) Feature(doc *messages.GherkinDocument, uri string, content []byte) {
	for _, f := range c.inner {
		f.Feature(doc, uri, content)
	}
}

func (c *Console) Pickle(p *messages.Pickle) {
	for _, f := range c.inner {
		f.Pickle(p)
	}
	if len(p.Steps) > 0 {
		c.mu.Lock()
		c.running[p.Id] = 0
		c.mu.Unlock()
	}
}

func (c *Console) Defined(p *messages.Pickle, st *messages.PickleStep, d *formatters.StepDefinition) {
	for _, f := range c.inner {
		f.Defined(p, st, d)
	}
}

func (c *Console) Passed(p *messages.Pickle, st *messages.PickleStep, d *formatters.StepDefinition) {
	for _, f := range c.inner {
		f.Passed(p, st, d)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.running[p.Id]
	if !ok {
		return
	}
	if n++; n < len(p.Steps) {
		c.running[p.Id] = n
		return
	}
	delete(c.running, p.Id)
	c.prune(p)
}

// kept: a scenario with a step that did not pass keeps its record (the
// summary lists it); the Console stops following it.
func (c *Console) kept(p *messages.Pickle) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.running, p.Id)
}

func (c *Console) Failed(p *messages.Pickle, st *messages.PickleStep, d *formatters.StepDefinition, err error) {
	for _, f := range c.inner {
		f.Failed(p, st, d, err)
	}
	c.kept(p)
}

func (c *Console) Skipped(p *messages.Pickle, st *messages.PickleStep, d *formatters.StepDefinition) {
	for _, f := range c.inner {
		f.Skipped(p, st, d)
	}
	c.kept(p)
}

func (c *Console) Undefined(p *messages.Pickle, st *messages.PickleStep, d *formatters.StepDefinition) {
	for _, f := range c.inner {
		f.Undefined(p, st, d)
	}
	c.kept(p)
}

func (c *Console) Pending(p *messages.Pickle, st *messages.PickleStep, d *formatters.StepDefinition) {
	for _, f := range c.inner {
		f.Pending(p, st, d)
	}
	c.kept(p)
}

func (c *Console) Ambiguous(p *messages.Pickle, st *messages.PickleStep, d *formatters.StepDefinition, err error) {
	for _, f := range c.inner {
		f.Ambiguous(p, st, d, err)
	}
	c.kept(p)
}

// Summary prints the inner formatters' summaries, with the pruned scenarios
// and steps back in their counts.
func (c *Console) Summary() {
	c.out.hold()
	for _, f := range c.inner {
		f.Summary()
	}
	writes := c.out.release()
	c.mu.Lock()
	pruned := c.pruned
	c.mu.Unlock()
	if pruned.scenarios > 0 && len(c.inner) > 0 {
		shown := c.countRecord()
		if !replacePairs(writes, shown.lines(), shown.plus(pruned).lines()) {
			// godog's summary is not what this package knows: say so rather
			// than leave the pruned scenarios out of its counts silently.
			writes = append(writes, fmt.Sprintf("romaine: godog's counts above leave out %d passed scenarios (%d steps) whose record was let go of during the run: its summary did not have the form this version of Romaine knows\n", pruned.scenarios, pruned.steps))
		}
	}
	for _, w := range writes {
		_, _ = io.WriteString(c.out.out, w)
	}
}

// Pruned is how many scenarios' records the Console let go of, and why it let
// go of none when it could not ("" when it could).
func (c *Console) Pruned() (scenarios int, off string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pruned.scenarios, c.off
}

// replacePairs replaces each two consecutive writes equal to old with new:
// godog writes each count line of a summary in one call (and each console
// format prints a summary of its own). It says whether it found any.
func replacePairs(writes []string, old, new [2]string) bool {
	found := false
	for i := 0; i+1 < len(writes); i++ {
		if writes[i] == old[0] && writes[i+1] == old[1] {
			writes[i], writes[i+1] = new[0], new[1]
			found = true
		}
	}
	return found
}

// capture passes writes through to out, except while held, when it keeps
// each one apart.
type capture struct {
	out    io.Writer
	mu     sync.Mutex
	held   bool
	writes []string
}

func (w *capture) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.held {
		w.writes = append(w.writes, string(p))
		return len(p), nil
	}
	return w.out.Write(p)
}

func (w *capture) hold() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.held = true
}

func (w *capture) release() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	writes := w.writes
	w.held, w.writes = false, nil
	return writes
}

// counts are the summary's counts: scenarios and steps by status.
type counts struct {
	scenarios, passedSc, undefinedSc                              int
	steps, passed, failed, skipped, pending, undefined, ambiguous int
}

func (a counts) plus(b counts) counts {
	return counts{
		scenarios: a.scenarios + b.scenarios, passedSc: a.passedSc + b.passedSc, undefinedSc: a.undefinedSc + b.undefinedSc,
		steps: a.steps + b.steps, passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped,
		pending: a.pending + b.pending, undefined: a.undefined + b.undefined, ambiguous: a.ambiguous + b.ambiguous,
	}
}

// lines are the summary's two count lines as godog's formatters print them
// (internal/formatters, Base.Summary).
func (n counts) lines() [2]string {
	var steps, parts, scenarios []string
	if n.passed > 0 {
		steps = append(steps, colors.Green(fmt.Sprintf("%d passed", n.passed)))
	}
	// Failed, pending and ambiguous steps are counted in both lines, the
	// scenarios' line by the steps' count, as godog does.
	for _, c := range []struct {
		n     int
		paint colors.ColorFunc
		word  string
	}{{n.failed, colors.Red, "failed"}, {n.pending, colors.Yellow, "pending"}, {n.ambiguous, colors.Yellow, "ambiguous"}} {
		if c.n > 0 {
			s := c.paint(fmt.Sprintf("%d %s", c.n, c.word))
			parts = append(parts, s)
			steps = append(steps, s)
		}
	}
	if n.undefined > 0 {
		parts = append(parts, colors.Yellow(fmt.Sprintf("%d undefined", n.undefinedSc)))
		steps = append(steps, colors.Yellow(fmt.Sprintf("%d undefined", n.undefined)))
	} else if n.undefinedSc > 0 {
		parts = append(parts, colors.Yellow(fmt.Sprintf("%d undefined", n.undefinedSc)))
	}
	if n.skipped > 0 {
		steps = append(steps, colors.Cyan(fmt.Sprintf("%d skipped", n.skipped)))
	}
	if n.passedSc > 0 {
		scenarios = append(scenarios, colors.Green(fmt.Sprintf("%d passed", n.passedSc)))
	}
	scenarios = append(scenarios, parts...)
	out := [2]string{"No scenarios\n", "No steps\n"}
	if n.scenarios > 0 {
		out[0] = fmt.Sprintf("%d scenarios (%s)\n", n.scenarios, strings.Join(scenarios, ", "))
	}
	if n.steps > 0 {
		out[1] = fmt.Sprintf("%d steps (%s)\n", n.steps, strings.Join(steps, ", "))
	}
	return out
}

// countRecord counts godog's record as its formatters' summary does.
func (c *Console) countRecord() counts {
	var n counts
	for _, pr := range c.Storage.MustGetPickleResults() {
		n.scenarios++
		results := c.Storage.MustGetPickleStepResultsByPickleID(pr.PickleID)
		status := godog.StepPassed
		if len(results) == 0 {
			status = godog.StepUndefined
		}
		for _, sr := range results {
			n.steps++
			switch sr.Status {
			case godog.StepPassed:
				n.passed++
			case godog.StepFailed:
				status = sr.Status
				n.failed++
			case godog.StepAmbiguous:
				status = sr.Status
				n.ambiguous++
			case godog.StepSkipped:
				n.skipped++
			case godog.StepUndefined:
				status = sr.Status
				n.undefined++
			case godog.StepPending:
				status = sr.Status
				n.pending++
			}
		}
		switch status {
		case godog.StepPassed:
			n.passedSc++
		case godog.StepUndefined:
			n.undefinedSc++
		}
	}
	return n
}
