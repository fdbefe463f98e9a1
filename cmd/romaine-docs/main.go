// Command romaine-docs writes the step reference, docs/steps.md, from the
// documentation every core step carries (steps.Catalog):
//
//	go run ./cmd/romaine-docs > docs/steps.md
//
// With -check it writes nothing and exits 1 when the file differs from what it
// would write:
//
//	go run ./cmd/romaine-docs -check docs/steps.md
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/romaine-bdd/romaine/steps"
)

func main() {
	// Its own flag set: the browser library registers a global -rod flag.
	fs := flag.NewFlagSet("romaine-docs", flag.ExitOnError)
	check := fs.String("check", "", "compare this file with the reference instead of printing it; exit 1 when it differs")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: romaine-docs [-check FILE]")
		fs.PrintDefaults()
	}
	_ = fs.Parse(os.Args[1:]) // ExitOnError: a bad flag exits with status 2
	if fs.NArg() > 0 {
		fs.Usage()
		os.Exit(2)
	}

	var want bytes.Buffer
	if err := steps.WriteReference(&want); err != nil {
		fmt.Fprintln(os.Stderr, "romaine-docs:", err)
		os.Exit(2)
	}
	if *check == "" {
		if _, err := os.Stdout.Write(want.Bytes()); err != nil {
			fmt.Fprintln(os.Stderr, "romaine-docs:", err)
			os.Exit(2)
		}
		return
	}
	got, err := os.ReadFile(*check)
	if err != nil {
		fmt.Fprintf(os.Stderr, "romaine-docs: %v\n%s is missing: run  go run ./cmd/romaine-docs > %s\n", err, *check, *check)
		os.Exit(1)
	}
	if !bytes.Equal(got, want.Bytes()) {
		fmt.Fprintf(os.Stderr, "%s is stale: run  go run ./cmd/romaine-docs > %s\n", *check, *check)
		os.Exit(1)
	}
}
