package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/report"
)

const mergeUsage = `usage: romaine report merge [-html FILE] [-junit FILE] [-messages FILE] RUN.ndjson...

Reads the Cucumber messages of one or more runs (ROMAINE_REPORTS=messages:FILE of
each CI shard) and writes one report of them all. With no output flag it writes
-html report.html. Each shard's file holds its plan (the run's scenarios, and
its share): when the files do not hold every scenario of the run exactly once
(a shard's file left out, a shard stopped early, shards partitioned by
different timings files), the report is written and the merge fails, naming
the scenarios.
`

// mergeReports is romaine report merge.
func mergeReports(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("romaine report merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, mergeUsage) }
	html := fs.String("html", "", "write the HTML report to FILE")
	junit := fs.String("junit", "", "write JUnit XML to FILE")
	msgs := fs.String("messages", "", "write the merged Cucumber messages to FILE")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, "romaine report merge: name at least one .ndjson file of messages\n\n"+mergeUsage)
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
	var envs []*messages.Envelope
	var files []schedule.RunFile
	for _, path := range fs.Args() {
		got, err := report.ReadFiles(path)
		if err != nil {
			fmt.Fprintln(stderr, "romaine report merge:", err)
			return 1
		}
		envs = append(envs, got...)
		files = append(files, schedule.RunFile{Name: path, Envelopes: got})
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
	if err := schedule.CheckShards(files); err != nil {
		fmt.Fprintln(stderr, "romaine report merge:", err)
		return 1
	}
	return 0
}
