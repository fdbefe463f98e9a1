// Command romaine is Romaine's command line: it runs feature files against an
// app in any language with no Go code of yours (romaine run), joins what CI
// shards wrote (romaine report merge, romaine timings merge), and lists the
// core steps, or writes them for editors (romaine steps).
//
//	romaine run [flags] [PATHS...]
//	romaine report merge [-html FILE] [-junit FILE] [-messages FILE] RUN.ndjson...
//	romaine timings merge [-into FILE] [SHARD.json...]
//	romaine steps [-glue FILE.go]
package main

import (
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage:
  romaine run [flags] [PATHS...]       run feature files against your app (romaine run -h lists the flags)
  romaine report merge [flags] RUN.ndjson...
                                       one report from several runs' messages (CI shards)
  romaine timings merge [-into FILE] [SHARD.json...]
                                       the shards' timings into the file the next run starts from
  romaine steps [-glue FILE.go]        the core steps, or a glue file of them for editors
`

func run(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) >= 1 && args[0] == "run":
		return runFeatures(args[1:], stdout, stderr)
	case len(args) >= 2 && args[0] == "report" && args[1] == "merge":
		return mergeReports(args[2:], stdout, stderr)
	case len(args) >= 2 && args[0] == "timings" && args[1] == "merge":
		return mergeTimings(args[2:], stdout, stderr)
	case len(args) >= 1 && args[0] == "steps":
		return stepsCommand(args[1:], stdout, stderr) // steps.go
	case len(args) >= 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help"):
		fmt.Fprint(stdout, usage)
		return 0
	}
	if len(args) > 0 {
		fmt.Fprintf(stderr, "romaine: %q is not a command\n", args[0])
	}
	fmt.Fprint(stderr, usage)
	return 2
}
