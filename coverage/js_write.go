package coverage

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// WriteLCOV writes scripts as an LCOV tracefile (genhtml, Codecov, most CI
// coverage views read it): per file its functions (FN, FNDA), V8's blocks as
// branches (BRDA, one branch per block), and its lines (DA).
func WriteLCOV(w io.Writer, scripts []*ScriptCoverage) error {
	bw := bufio.NewWriter(w)
	for _, sc := range scripts {
		fmt.Fprintf(bw, "TN:\nSF:%s\n", sc.File)
		hit := 0
		for _, fn := range sc.Functions {
			fmt.Fprintf(bw, "FN:%d,%s\n", fn.Start.Line, fn.Name)
		}
		for _, fn := range sc.Functions {
			fmt.Fprintf(bw, "FNDA:%d,%s\n", fn.Count, fn.Name)
			if fn.Count > 0 {
				hit++
			}
		}
		fmt.Fprintf(bw, "FNF:%d\nFNH:%d\n", len(sc.Functions), hit)
		hit = 0
		for i, b := range sc.Blocks {
			fmt.Fprintf(bw, "BRDA:%d,%d,0,%d\n", b.Start.Line, i, b.Count)
			if b.Count > 0 {
				hit++
			}
		}
		fmt.Fprintf(bw, "BRF:%d\nBRH:%d\n", len(sc.Blocks), hit)
		hit = 0
		for _, l := range sc.Lines {
			fmt.Fprintf(bw, "DA:%d,%d\n", l.Start.Line, l.Count)
			if l.Count > 0 {
				hit++
			}
		}
		fmt.Fprintf(bw, "LF:%d\nLH:%d\nend_of_record\n", len(sc.Lines), hit)
	}
	return bw.Flush()
}

// Istanbul's coverage object (istanbul-lib-coverage's FileCoverage data):
// a map from the file's path to its statements, functions and branches, each
// a map from an id ("0", "1", ...) to a location, with the counts apart.
type istanbulFile struct {
	Path         string                    `json:"path"`
	StatementMap map[string]istanbulRange  `json:"statementMap"`
	FnMap        map[string]istanbulFn     `json:"fnMap"`
	BranchMap    map[string]istanbulBranch `json:"branchMap"`
	S            map[string]int64          `json:"s"`
	F            map[string]int64          `json:"f"`
	B            map[string][]int64        `json:"b"`
}

type istanbulPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type istanbulRange struct {
	Start istanbulPos `json:"start"`
	End   istanbulPos `json:"end"`
}

type istanbulFn struct {
	Name string        `json:"name"`
	Decl istanbulRange `json:"decl"`
	Loc  istanbulRange `json:"loc"`
	Line int           `json:"line"`
}

type istanbulBranch struct {
	Loc       istanbulRange   `json:"loc"`
	Type      string          `json:"type"`
	Locations []istanbulRange `json:"locations"`
	Line      int             `json:"line"`
}

func ispan(c Counted) istanbulRange {
	return istanbulRange{Start: istanbulPos{c.Start.Line, c.Start.Col}, End: istanbulPos{c.End.Line, c.End.Col}}
}

// WriteIstanbul writes scripts as Istanbul's coverage-final.json (nyc,
// istanbul-lib-report's reporters and Codecov read it): a statement per line
// with code, as v8-to-istanbul makes them, the functions, and each of V8's
// blocks as a branch of one location.
func WriteIstanbul(w io.Writer, scripts []*ScriptCoverage) error {
	all := map[string]istanbulFile{}
	for _, sc := range scripts {
		f := istanbulFile{Path: sc.File, StatementMap: map[string]istanbulRange{}, FnMap: map[string]istanbulFn{},
			BranchMap: map[string]istanbulBranch{}, S: map[string]int64{}, F: map[string]int64{}, B: map[string][]int64{}}
		for i, l := range sc.Lines {
			id := strconv.Itoa(i)
			f.StatementMap[id], f.S[id] = ispan(l), l.Count
		}
		for i, fn := range sc.Functions {
			id := strconv.Itoa(i)
			decl := istanbulRange{Start: istanbulPos{fn.Start.Line, fn.Start.Col}, End: istanbulPos{fn.Start.Line, fn.Start.Col}}
			f.FnMap[id] = istanbulFn{Name: fn.Name, Decl: decl, Loc: ispan(fn), Line: fn.Start.Line}
			f.F[id] = fn.Count
		}
		for i, b := range sc.Blocks {
			id := strconv.Itoa(i)
			f.BranchMap[id] = istanbulBranch{Loc: ispan(b), Type: "branch", Locations: []istanbulRange{ispan(b)}, Line: b.Start.Line}
			f.B[id] = []int64{b.Count}
		}
		all[sc.File] = f
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(all)
}

// Locate sets each script's File: the file under root whose name and
// content are those of the script (the repository's own, so that genhtml,
// Istanbul and Codecov show the file people edit), else a copy of what was
// served, written under copies by its URL path. Paths are absolute. Hidden
// folders, node_modules and skip (the coverage folder) are not searched.
func Locate(scripts []*ScriptCoverage, root, copies, skip string) error {
	want := map[string][]*ScriptCoverage{} // by base name
	for _, sc := range scripts {
		want[path.Base(sc.URLPath)] = append(want[path.Base(sc.URLPath)], sc)
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	if skip, err = filepath.Abs(skip); err != nil {
		return err
	}
	seen, used := 0, map[string]bool{}
	errStop := errors.New("stop")
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: not there
		}
		if seen++; seen > maxLocateEntries {
			return errStop
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || p == skip) {
				return filepath.SkipDir
			}
			return nil
		}
		for _, sc := range want[d.Name()] {
			if sc.File != "" || !d.Type().IsRegular() || used[p] {
				continue
			}
			// One file per script: the same file served at two paths is
			// two scripts, and Istanbul keys files by their path.
			if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, []byte(sc.Source)) {
				sc.File, used[p] = p, true
			}
		}
		return nil
	})
	if walkErr != nil && !errors.Is(walkErr, errStop) {
		return walkErr
	}
	for _, sc := range scripts {
		if sc.File != "" {
			continue
		}
		rel := filepath.FromSlash(strings.TrimPrefix(path.Clean("/"+sc.URLPath), "/"))
		if rel == "" || rel == "." {
			rel = "index.js"
		}
		p := filepath.Join(copies, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(sc.Source), 0o644); err != nil {
			return err
		}
		if sc.File, err = filepath.Abs(p); err != nil {
			return err
		}
	}
	return nil
}

// maxLocateEntries bounds Locate's search of a large tree.
const maxLocateEntries = 200_000
