package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/romaine-bdd/romaine/internal/schedule"
)

const timingsUsage = `usage: romaine timings merge [-into FILE] [SHARD.json...]

A run with a shard setting (ROMAINE_SHARD=K/N) never writes the timings file
it was partitioned by, so that every shard computes the same partition: it
writes what it measured beside it, as timings.shard-K-of-N.json. Once every
shard has run, this joins their files into the timings file the next run
starts from (-into; default: the timings setting of ROMAINE_TIMINGS or
romaine.yaml, else .romaine/timings.json). With no SHARD files it takes the
shard files beside that file, and removes them once merged (merged twice, a
shard's times would count twice); files named on the command line are left.
`

// mergeTimings is romaine timings merge.
func mergeTimings(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("romaine timings merge", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, timingsUsage) }
	into := flags.String("into", "", "the timings file to merge into")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *into == "" {
		path, err := timingsSetting()
		if err != nil {
			fmt.Fprintln(stderr, "romaine timings merge:", err)
			return 2
		}
		*into = path
	}
	shards, beside := flags.Args(), false
	if len(shards) == 0 {
		beside = true
		found, err := schedule.ShardFiles(*into)
		if err != nil || len(found) == 0 {
			fmt.Fprintf(stderr, "romaine timings merge: no shard timings beside %s (%s, ...): name the files the shards wrote\n\n%s", *into, schedule.ShardPath(*into, 1, 2), timingsUsage)
			return 1
		}
		shards = found
	}
	m, err := schedule.Merge(*into, shards)
	for _, w := range m.Warnings {
		fmt.Fprintln(stderr, "romaine: warning:", w)
	}
	if err != nil {
		fmt.Fprintln(stderr, "romaine timings merge:", err)
		return 1
	}
	fmt.Fprintf(stdout, "romaine: timings of %d scenario(s) from %d shard(s) merged into %s", m.Scenarios, len(m.Shards), *into)
	if m.Dropped > 0 {
		fmt.Fprintf(stdout, "; %d entries of scenarios that no longer exist dropped", m.Dropped)
	}
	fmt.Fprintln(stdout)
	if !beside {
		return 0
	}
	// The files beside are consumed: a second merge would count them again.
	status := 0
	for _, f := range shards {
		if err := os.Remove(f); err != nil {
			fmt.Fprintf(stderr, "romaine timings merge: merged, but could not remove %s (remove it before the next merge, or its times count twice): %v\n", f, err)
			status = 1
		}
	}
	if status == 0 {
		fmt.Fprintf(stdout, "romaine: the %d shard file(s) merged were removed\n", len(shards))
	}
	return status
}

// timingsSetting is the timings file the runner would use from here: the
// environment's, else the settings file's, else the default.
func timingsSetting() (string, error) {
	if v := os.Getenv("ROMAINE_TIMINGS"); v != "" {
		return v, nil
	}
	file, named := os.Getenv("ROMAINE_CONFIG"), true
	if file == "" {
		file, named = "romaine.yaml", false
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) && !named {
		return ".romaine/timings.json", nil
	}
	if err != nil {
		return "", err
	}
	var settings struct {
		Timings string `yaml:"timings"`
	}
	if err := yaml.Unmarshal(data, &settings); err != nil {
		return "", fmt.Errorf("%s: %v", file, err)
	}
	if settings.Timings == "" {
		return ".romaine/timings.json", nil
	}
	return settings.Timings, nil
}
