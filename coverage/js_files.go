package coverage

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
)

// What the writers read of a script: its lines, functions and blocks with
// their counts, placed by line and column (lines from 1, columns from 0 in
// UTF-16 units, as Istanbul counts them).

// Pos is a place in a script.
type Pos struct{ Line, Col int }

// Counted is one line, function or block of a script and how often it ran.
type Counted struct {
	Name       string // a function's name ("(anonymous_L_C)" for one without)
	Start, End Pos
	Count      int64
}

// ScriptCoverage is one script's coverage, ready to write.
type ScriptCoverage struct {
	URLPath   string    // the path it was served at: /static/app.js
	File      string    // the file on disk it is written against (see Locate)
	Source    string    // what the browser ran
	Lines     []Counted // lines with code (not blank, not only a comment), in order
	Functions []Counted // in source order
	Blocks    []Counted // V8's blocks (branches, in LCOV and Istanbul), in source order
}

// Scripts is every script's coverage, by URL path.
func (j *JS) Scripts() []*ScriptCoverage {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*ScriptCoverage
	for _, f := range j.files {
		out = append(out, f.result())
	}
	slices.SortFunc(out, func(a, b *ScriptCoverage) int { return strings.Compare(a.URLPath, b.URLPath) })
	return out
}

func (f *jsFile) result() *ScriptCoverage {
	lines := splitLines(f.source)
	at := func(offset int) Pos {
		i, found := slices.BinarySearchFunc(lines, offset, func(l lineInfo, o int) int { return cmp.Compare(l.start, o) })
		if !found {
			i--
		}
		i = max(i, 0)
		return Pos{Line: i + 1, Col: offset - lines[i].start}
	}
	sc := &ScriptCoverage{URLPath: f.path, Source: f.source}
	for i, l := range lines {
		if l.code {
			sc.Lines = append(sc.Lines, Counted{Start: Pos{i + 1, 0}, End: Pos{i + 1, l.end - l.start},
				Count: maxIn(f.segs, l.codeStart, l.codeEnd)})
		}
	}
	names := map[string]int{}
	for _, s := range sortedSpans(f.funcs) {
		start := at(s.start)
		name := f.funcs[s]
		if name == "" {
			name = fmt.Sprintf("(anonymous_%d_%d)", start.Line, start.Col)
		}
		// LCOV names a function by its name: two of one name are told apart.
		if names[name]++; names[name] > 1 {
			name = fmt.Sprintf("%s_%d_%d", name, start.Line, start.Col)
		}
		sc.Functions = append(sc.Functions, Counted{Name: name, Start: start, End: at(s.end), Count: countAt(f.segs, s.start)})
	}
	for s := range f.blocks {
		sc.Blocks = append(sc.Blocks, Counted{Start: at(s.start), End: at(s.end), Count: countAt(f.segs, s.start)})
	}
	slices.SortFunc(sc.Blocks, func(a, b Counted) int {
		return cmp.Or(cmp.Compare(a.Start.Line, b.Start.Line), cmp.Compare(a.Start.Col, b.Start.Col),
			cmp.Compare(a.End.Line, b.End.Line), cmp.Compare(a.End.Col, b.End.Col))
	})
	return sc
}

func sortedSpans[V any](m map[span]V) []span {
	out := make([]span, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b span) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
	return out
}

// lineInfo is one line of a source, in UTF-16 offsets: where it starts and
// ends (before its line break), where its code starts and ends (without
// spaces around), and whether it has code at all.
type lineInfo struct {
	start, end         int
	codeStart, codeEnd int
	code               bool
}

// splitLines finds a source's lines. A line counts when it holds code: a
// blank line does not, nor one that is only a comment (// ..., or within
// /* ... */, as a line-level reading finds them: a comment marker inside a
// string that spans lines is not told apart).
func splitLines(src string) []lineInfo {
	u := utf16.Encode([]rune(src))
	var out []lineInfo
	inBlock := false
	for start := 0; start <= len(u); {
		end := start
		for end < len(u) && u[end] != '\n' {
			end++
		}
		l := lineInfo{start: start, end: end}
		if end > start && u[end-1] == '\r' {
			l.end--
		}
		text := string(utf16.Decode(u[start:l.end]))
		trimmed := strings.TrimSpace(text)
		lead := len(utf16.Encode([]rune(text[:len(text)-len(strings.TrimLeft(text, " \t\f\v\r\u00a0\ufeff"))])))
		l.codeStart = start + lead
		l.codeEnd = start + len(utf16.Encode([]rune(strings.TrimRight(text, " \t\f\v\r\u00a0\ufeff"))))
		l.code, inBlock = hasCode(trimmed, inBlock)
		out = append(out, l)
		if end >= len(u) {
			break
		}
		start = end + 1
	}
	return out
}

// hasCode reads one trimmed line: whether it holds code outside comments,
// and whether a /* comment is still open at its end.
func hasCode(line string, inBlock bool) (bool, bool) {
	code := false
	for line != "" {
		if inBlock {
			i := strings.Index(line, "*/")
			if i < 0 {
				return code, true
			}
			line, inBlock = strings.TrimSpace(line[i+2:]), false
			continue
		}
		switch {
		case strings.HasPrefix(line, "//"):
			return code, false
		case strings.HasPrefix(line, "/*"):
			line, inBlock = line[2:], true
		default:
			// Code; a /* later on the line (after code) may open a comment.
			code = true
			i := strings.Index(line, "/*")
			if i < 0 || strings.Contains(line[:i], "//") {
				return true, false
			}
			line, inBlock = line[i+2:], true
		}
	}
	return code, inBlock
}
