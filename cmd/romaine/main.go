// Command romaine is Romaine's command line. For now it has one job: merging
// the Cucumber messages of several runs (CI shards) into one report.
//
//	romaine report merge -html report.html -junit junit.xml shard-*.ndjson
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/romaine-bdd/romaine/report"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage: romaine report merge [-html FILE] [-junit FILE] [-messages FILE] RUN.ndjson...

Reads the Cucumber messages of one or more runs (ROMAINE_REPORTS=messages:FILE of
each CI shard) and writes one report of them all. With no output flag it writes
-html report.html.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 || args[0] != "report" || args[1] != "merge" {
		fmt.Fprint(stderr, usage)
		return 2
	}
	fs := flag.NewFlagSet("romaine report merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	html := fs.String("html", "", "write the HTML report to FILE")
	junit := fs.String("junit", "", "write JUnit XML to FILE")
	msgs := fs.String("messages", "", "write the merged Cucumber messages to FILE")
	if err := fs.Parse(args[2:]); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, "romaine report merge: name at least one .ndjson file of messages\n\n"+usage)
		return 2
	}
	var outputs []report.Output
	for _, o := range []report.Output{{Kind: "html", Path: *html}, {Kind: "junit", Path: *junit}, {Kind: "messages", Path: *msgs}} {
		if o.Path != "" {
			outputs = append(outputs, o)
		}
	}
	if len(outputs) == 0 {
		outputs = []report.Output{{Kind: "html", Path: "report.html"}}
	}
	envs, err := report.ReadFiles(fs.Args()...)
	if err != nil {
		fmt.Fprintln(stderr, "romaine report merge:", err)
		return 1
	}
	run := report.Build(envs)
	if len(run.Features) == 0 {
		fmt.Fprintln(stderr, "romaine report merge:", errors.New("the files hold no scenario: are they ROMAINE_REPORTS=messages:FILE records?"))
		return 1
	}
	if err := report.Write(outputs, envs); err != nil {
		fmt.Fprintln(stderr, "romaine report merge:", err)
		return 1
	}
	for _, o := range outputs {
		fmt.Fprintf(stdout, "romaine: %s report written to %s\n", o.Kind, o.Path)
	}
	fmt.Fprintf(stdout, "romaine: %s (from %d file(s))\n", run.Tally(), fs.NArg())
	return 0
}
