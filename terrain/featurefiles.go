package terrain

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/romaine-bdd/romaine/internal/schedule"
)

// maxGherkinLine is the longest line the Gherkin parser reads (its scanner's
// 64 KiB token, newline included). A longer one makes the parser panic, and
// the panic takes the whole test binary down naming no file: so the feature
// files are read for it first.
const maxGherkinLine = 64<<10 - 1

// checkFeatureFiles reads the .feature files that paths (files, folders,
// file.feature:LINE) name for what the Gherkin parser cannot take, and names
// the file and line of the first it finds. A path that does not exist is left
// to the parser, which says so.
func checkFeatureFiles(paths []string) error {
	for _, path := range paths {
		path = schedule.StripLines(path)
		err := filepath.WalkDir(path, func(file string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || (file != path && !strings.HasSuffix(file, ".feature")) {
				return nil
			}
			return checkFeatureFile(file)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func checkFeatureFile(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil // the parser reports what it cannot read
	}
	for n := 1; len(data) > 0; n++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if len(line) > maxGherkinLine {
			return &ConfigError{Setting: "ROMAINE_FEATURES", Message: fmt.Sprintf(
				"%s:%d: this line is %d bytes long, and Gherkin reads lines of at most %d: put a long value in a file the step reads (e.g. I attach the file \"...\"), or break it over the lines of a doc string",
				file, n, len(line), maxGherkinLine)}
		}
		data = rest
	}
	return nil
}
