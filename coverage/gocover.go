package coverage

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The app's Go code: a text profile (the format go test -coverprofile
// writes), read into statements by file, and made from the raw data of
// programs built with -cover (go build -cover, GOCOVERDIR) with go tool
// covdata.

// GoProfile is a Go text coverage profile, read.
type GoProfile struct {
	Mode   string
	blocks map[string]goBlock // by file:position, each once (counts summed)
	order  []string
}

type goBlock struct {
	file  string // the file by its import path: example.com/app/main.go
	stmts int
	count int64
}

// ReadGoProfile reads a text profile. A block listed twice (profiles
// concatenated) counts once, with its counts added (or set, in set mode).
func ReadGoProfile(r io.Reader) (*GoProfile, error) {
	p := &GoProfile{blocks: map[string]goBlock{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if mode, ok := strings.CutPrefix(line, "mode: "); ok {
			if p.Mode == "" {
				p.Mode = mode
			}
			continue
		}
		// file.go:12.34,15.2 3 1
		f := strings.Fields(line)
		if len(f) != 3 || !strings.Contains(f[0], ":") {
			return nil, fmt.Errorf("line %d: %q is not a coverage block (file.go:LINE.COL,LINE.COL STATEMENTS COUNT)", n, line)
		}
		stmts, err1 := strconv.Atoi(f[1])
		count, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("line %d: %q is not a coverage block (file.go:LINE.COL,LINE.COL STATEMENTS COUNT)", n, line)
		}
		key := f[0]
		b, seen := p.blocks[key]
		if !seen {
			p.order = append(p.order, key)
			b = goBlock{file: key[:strings.LastIndex(key, ":")], stmts: stmts}
		}
		if p.Mode == "set" {
			b.count = max(b.count, count)
		} else {
			b.count += count
		}
		p.blocks[key] = b
	}
	if p.Mode == "" && len(p.blocks) > 0 {
		return nil, fmt.Errorf("no mode: line: not a Go coverage profile")
	}
	return p, sc.Err()
}

// Ratio is how much of something was covered.
type Ratio struct {
	Covered, Total int
}

// Percent is the covered share in percent (0 when there is nothing).
func (r Ratio) Percent() float64 {
	if r.Total == 0 {
		return 0
	}
	return 100 * float64(r.Covered) / float64(r.Total)
}

// Files is the statements covered, by file.
func (p *GoProfile) Files() map[string]Ratio {
	out := map[string]Ratio{}
	for _, k := range p.order {
		b := p.blocks[k]
		r := out[b.file]
		r.Total += b.stmts
		if b.count > 0 {
			r.Covered += b.stmts
		}
		out[b.file] = r
	}
	return out
}

// Packages is the statements covered, by package (a file's folder).
func (p *GoProfile) Packages() map[string]Ratio {
	out := map[string]Ratio{}
	for f, r := range p.Files() {
		pkg := path.Dir(f)
		t := out[pkg]
		t.Covered += r.Covered
		t.Total += r.Total
		out[pkg] = t
	}
	return out
}

// Total is the statements covered over every file.
func (p *GoProfile) Total() Ratio {
	var t Ratio
	for _, r := range p.Files() {
		t.Covered += r.Covered
		t.Total += r.Total
	}
	return t
}

// WriteSummary writes the statements covered by package, then the total.
func (p *GoProfile) WriteSummary(w io.Writer, source string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Go statements covered, by package (%s):\n", source)
	pkgs := p.Packages()
	for _, name := range slices.Sorted(maps.Keys(pkgs)) {
		r := pkgs[name]
		fmt.Fprintf(&b, "  %6.1f%%  %6d of %-6d  %s\n", r.Percent(), r.Covered, r.Total, name)
	}
	t := p.Total()
	fmt.Fprintf(&b, "  %6.1f%%  %6d of %-6d  total\n", t.Percent(), t.Covered, t.Total)
	_, err := io.WriteString(w, b.String())
	return err
}

// GoTool is the go command: on PATH, or under GOROOT.
func GoTool() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("the go command is not on PATH (nor in $GOROOT/bin): the Go coverage is merged and shown with go tool covdata and go tool cover")
}

// runGo runs the go command in dir and returns its error with what it printed.
func runGo(ctx context.Context, dir string, args ...string) error {
	tool, err := GoTool()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return nil
}

// HasCovData reports whether dir holds a Go program's coverage data (the
// meta-data file a program built with -cover writes at its start).
func HasCovData(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "covmeta.*"))
	return len(m) > 0
}

// HasCounters reports whether dir holds counters (written as such a program exits).
func HasCounters(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "covcounters.*"))
	return len(m) > 0
}

// MergeCovData merges the raw coverage data of dirs into merged (go tool
// covdata merge) and writes its text profile to profile (covdata textfmt).
func MergeCovData(ctx context.Context, dirs []string, merged, profile string) error {
	if err := os.MkdirAll(merged, 0o755); err != nil {
		return err
	}
	if err := runGo(ctx, "", "tool", "covdata", "merge", "-i="+strings.Join(dirs, ","), "-o="+merged); err != nil {
		return err
	}
	return runGo(ctx, "", "tool", "covdata", "textfmt", "-i="+merged, "-o="+profile)
}

// GoHTML writes go tool cover's HTML view of profile. go tool cover finds
// the sources by their import paths from dir (a folder of the app's module).
func GoHTML(ctx context.Context, profile, out, dir string) error {
	return runGo(ctx, dir, "tool", "cover", "-html="+profile, "-o="+out)
}
