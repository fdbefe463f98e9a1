package coverage

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"slices"
	"sync"
	"unicode/utf16"
)

// V8's precise coverage (Profiler.takePreciseCoverage) gives, per script, its
// functions, each with ranges: the first is the function's own, the others
// are blocks inside it whose count differs from their parent's. Offsets
// count UTF-16 code units of the script's source. Ranges nest; the count of
// a character is the count of the innermost range holding it.
//
// A take reports only the ranges whose counts differ in that take, so two
// takes of one script may give different ranges: merging them range by range
// would be wrong. Each take is flattened into segments (the innermost count,
// piece by piece) and the segments of all takes are summed. What is kept per
// script is one list of segments, its functions and its blocks: it does not
// grow with the number of scenarios.

// Range is one counted range of a function, in UTF-16 offsets into its script.
type Range struct {
	Start, End int
	Count      int64
}

// Function is one function of a script as V8 reports it: Ranges[0] is the
// function itself, the others are blocks within it.
type Function struct {
	Name   string
	Ranges []Range
}

// JS is the page's JavaScript coverage of a run, merged across scenarios and
// workers, by the script's URL path. It is safe for concurrent use.
type JS struct {
	mu       sync.Mutex
	files    map[string]*jsFile
	problems []string
}

// NewJS makes an empty JavaScript coverage.
func NewJS() *JS { return &JS{files: map[string]*jsFile{}} }

type span struct{ start, end int }

// jsFile is one script: its source, and its counts summed over every take.
type jsFile struct {
	path   string // the URL's path: /static/app.js
	source string
	units  int // the source's length in UTF-16 code units
	hash   [32]byte
	segs   []segment
	funcs  map[span]string // name by the function's range
	blocks map[span]bool
	takes  int
}

// segment is a run of the source with one count, up to the next segment.
type segment struct {
	start int
	count int64
}

// Add merges one take of the script at path. source is asked for when the
// script is new, or when the take does not fit the known script; a script
// whose source changed under the same path (the app was rebuilt mid-run) is
// kept as first seen and the take is noted as a problem.
//
// A take need not cover the whole script: V8 leaves out a function that has
// not run since the last take unless its parent has, so once a script's top
// level has run, a later take of it (a timer, a listener) holds only the
// functions that ran, and reaches less far than the source.
func (j *JS) Add(path string, fns []Function, source func() (string, error)) error {
	units, whole := scriptExtent(fns)
	if units <= 0 {
		return nil
	}
	j.mu.Lock()
	f, known := j.files[path]
	fits := known && (units == f.units || units < f.units && !whole)
	j.mu.Unlock()
	if !fits {
		src, err := source()
		if err != nil {
			return fmt.Errorf("the source of %s: %w", path, err)
		}
		n := len(utf16.Encode([]rune(src)))
		if n < units || whole && n != units {
			return fmt.Errorf("the source of %s is %d characters long, its coverage reaches %d", path, n, units)
		}
		j.mu.Lock()
		defer j.mu.Unlock()
		if f, known = j.files[path]; !known {
			f = &jsFile{path: path, source: src, units: n, hash: sha256.Sum256([]byte(src)), funcs: map[span]string{}, blocks: map[span]bool{}}
			j.files[path] = f
		} else if f.hash != sha256.Sum256([]byte(src)) {
			j.problem("%s changed during the run (another version was served): only the first one's coverage is kept", path)
			return nil
		}
	} else {
		j.mu.Lock()
		defer j.mu.Unlock()
	}
	f.add(fns)
	return nil
}

func (j *JS) problem(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if len(j.problems) < 50 && !slices.Contains(j.problems, msg) {
		j.problems = append(j.problems, msg)
	}
}

// Problems is what could not be merged.
func (j *JS) Problems() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.problems)
}

// scriptExtent is how far a take's ranges reach, and whether it holds the
// script's top level (V8 reports it as a nameless function from 0 over all
// of the script): the extent is then the script's length.
func scriptExtent(fns []Function) (units int, whole bool) {
	for _, fn := range fns {
		for _, r := range fn.Ranges {
			units = max(units, r.End)
		}
	}
	for _, fn := range fns {
		if fn.Name == "" && len(fn.Ranges) > 0 && fn.Ranges[0].Start == 0 && fn.Ranges[0].End == units {
			whole = true
		}
	}
	return units, whole
}

// add merges one take into f; the caller holds the lock.
func (f *jsFile) add(fns []Function) {
	var all []Range
	for _, fn := range fns {
		for i, r := range fn.Ranges {
			if r.Start < 0 || r.End > f.units || r.Start >= r.End {
				continue
			}
			all = append(all, r)
			s := span{r.Start, r.End}
			switch {
			case i > 0:
				f.blocks[s] = true
			case r.Start == 0 && r.End == f.units && fn.Name == "":
				// the script's top level: not a function of its own
			default:
				if _, ok := f.funcs[s]; !ok {
					f.funcs[s] = fn.Name
				}
			}
		}
	}
	f.segs = sumSegments(f.segs, flatten(all, f.units))
	f.takes++
}

// flatten turns nested ranges into segments over [0, units): each piece gets
// the count of the innermost range holding it (0 where none does).
func flatten(ranges []Range, units int) []segment {
	rs := slices.Clone(ranges)
	// Outer first: by start, then the longer one.
	slices.SortStableFunc(rs, func(a, b Range) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
	var out []segment
	emit := func(at int, count int64) {
		if n := len(out); n > 0 && out[n-1].start == at {
			out[n-1].count = count
			return
		}
		if n := len(out); n > 0 && out[n-1].count == count {
			return
		}
		out = append(out, segment{at, count})
	}
	var stack []Range
	top := func() int64 {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1].Count
	}
	pos := 0
	emit(0, 0)
	for _, r := range rs {
		// Close the ranges that end before r begins.
		for len(stack) > 0 && stack[len(stack)-1].End <= r.Start {
			end := stack[len(stack)-1].End
			stack = stack[:len(stack)-1]
			if end > pos {
				pos = end
			}
			emit(pos, top())
		}
		if r.End > r.Start && (len(stack) == 0 || r.End <= stack[len(stack)-1].End) {
			stack = append(stack, r)
			pos = r.Start
			emit(pos, r.Count)
		}
	}
	for len(stack) > 0 {
		end := stack[len(stack)-1].End
		stack = stack[:len(stack)-1]
		if end > pos {
			pos = end
		}
		if pos < units {
			emit(pos, top())
		}
	}
	return out
}

// sumSegments adds two segment lists over the same source.
func sumSegments(a, b []segment) []segment {
	if len(a) == 0 {
		return b
	}
	var out []segment
	i, j := 0, 0
	var ca, cb int64
	for i < len(a) || j < len(b) {
		at := 0
		switch {
		case j >= len(b) || (i < len(a) && a[i].start < b[j].start):
			at, ca = a[i].start, a[i].count
			i++
		case i >= len(a) || b[j].start < a[i].start:
			at, cb = b[j].start, b[j].count
			j++
		default:
			at, ca, cb = a[i].start, a[i].count, b[j].count
			i++
			j++
		}
		if n := len(out); n > 0 && out[n-1].start == at {
			out[n-1].count = ca + cb
		} else if n == 0 || out[n-1].count != ca+cb {
			out = append(out, segment{at, ca + cb})
		}
	}
	return out
}

// countAt is the summed count of the character at offset.
func countAt(segs []segment, offset int) int64 {
	i, found := slices.BinarySearchFunc(segs, offset, func(s segment, o int) int { return cmp.Compare(s.start, o) })
	if !found {
		i--
	}
	if i < 0 {
		return 0
	}
	return segs[i].count
}

// maxIn is the highest count of the characters in [from, to).
func maxIn(segs []segment, from, to int) int64 {
	best := countAt(segs, from)
	i, _ := slices.BinarySearchFunc(segs, from+1, func(s segment, o int) int { return cmp.Compare(s.start, o) })
	for ; i < len(segs) && segs[i].start < to; i++ {
		best = max(best, segs[i].count)
	}
	return best
}
