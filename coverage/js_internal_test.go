package coverage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func segs(pairs ...int64) []segment {
	var out []segment
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, segment{int(pairs[i]), pairs[i+1]})
	}
	return out
}

func TestFlatten(t *testing.T) {
	for _, c := range []struct {
		reason string
		ranges []Range
		units  int
		want   []segment
	}{
		{"one range over the script", []Range{{0, 10, 1}}, 10, segs(0, 1)},
		{"a block inside counts for its part only", []Range{{0, 10, 1}, {3, 6, 0}}, 10, segs(0, 1, 3, 0, 6, 1)},
		{"nested three deep, given inner first", []Range{{4, 5, 7}, {2, 8, 3}, {0, 10, 1}}, 10, segs(0, 1, 2, 3, 4, 7, 5, 3, 8, 1)},
		{"two functions side by side, touching", []Range{{0, 20, 1}, {2, 8, 2}, {8, 12, 5}}, 20, segs(0, 1, 2, 2, 8, 5, 12, 1)},
		{"a block ending with its function", []Range{{0, 10, 1}, {2, 10, 4}, {6, 10, 0}}, 10, segs(0, 1, 2, 4, 6, 0)},
		{"a range that overlaps another without nesting is left out", []Range{{0, 10, 1}, {2, 6, 2}, {4, 8, 3}}, 10, segs(0, 1, 2, 2, 6, 1)},
	} {
		if got := flatten(c.ranges, c.units); !cmp.Equal(got, c.want, cmp.AllowUnexported(segment{})) {
			t.Errorf("%s: flatten(%v) = %v, want %v", c.reason, c.ranges, got, c.want)
		}
	}
}

func TestSumSegments(t *testing.T) {
	for _, c := range []struct {
		reason string
		a, b   []segment
		want   []segment
	}{
		{"nothing yet", nil, segs(0, 1, 4, 0), segs(0, 1, 4, 0)},
		{"the same pieces add up", segs(0, 1, 4, 0), segs(0, 2, 4, 1), segs(0, 3, 4, 1)},
		{"pieces of two takes interleave", segs(0, 1, 4, 0, 8, 1), segs(0, 1, 6, 3), segs(0, 2, 4, 1, 6, 3, 8, 4)},
		{"equal neighbours join", segs(0, 1, 4, 2), segs(0, 1, 4, 0), segs(0, 2)},
	} {
		if got := sumSegments(c.a, c.b); !cmp.Equal(got, c.want, cmp.AllowUnexported(segment{})) {
			t.Errorf("%s: sum of %v and %v = %v, want %v", c.reason, c.a, c.b, got, c.want)
		}
	}
}

// Two takes of one script with different blocks (V8 reports a block only
// where its count differs from its parent's): the merge is by character,
// not by block.
func TestTakesWithDifferentBlocksMerge(t *testing.T) {
	src := "function f(x) {\n  if (x) {\n    return 1;\n  }\n  return 2;\n}\nf(1);\n"
	j := NewJS()
	source := func() (string, error) { return src, nil }
	n := len(src)
	// f is [0, 58); the if's body "{ return 1; }" is [25, 44); what follows it up to f's "}" is [44, 57).
	// First take: f(1) took the branch; V8 reports the code after it as a block with 0.
	take1 := []Function{{Ranges: []Range{{0, n, 1}}}, {Name: "f", Ranges: []Range{{0, 58, 1}, {44, 57, 0}}}}
	// Second take: f(0) skipped the branch; V8 reports the branch's body with 0.
	take2 := []Function{{Ranges: []Range{{0, n, 1}}}, {Name: "f", Ranges: []Range{{0, 58, 1}, {25, 44, 0}}}}
	for _, take := range [][]Function{take1, take2} {
		if err := j.Add("/f.js", take, source); err != nil {
			t.Fatal(err)
		}
	}
	sc := j.Scripts()[0]
	lines := map[int]int64{}
	for _, l := range sc.Lines {
		lines[l.Start.Line] = l.Count
	}
	want := map[int]int64{1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2}
	if !cmp.Equal(lines, want) {
		t.Errorf("line counts %v, want %v (each branch once, the rest twice)", lines, want)
	}
	if len(sc.Blocks) != 2 {
		t.Errorf("blocks %v: want both takes' blocks", sc.Blocks)
	}
	if len(sc.Functions) != 1 || sc.Functions[0].Name != "f" || sc.Functions[0].Count != 2 {
		t.Errorf("functions %v, want f called twice (the script's top level is not a function)", sc.Functions)
	}
}

// A script served again with other content under the same path keeps the
// first version's coverage, and says so.
func TestChangedScriptIsNoted(t *testing.T) {
	j := NewJS()
	one := func() (string, error) { return "a();\n", nil }
	if err := j.Add("/app.js", []Function{{Ranges: []Range{{0, 5, 1}}}}, one); err != nil {
		t.Fatal(err)
	}
	// Same length: the source is not asked for again; a longer one is.
	if err := j.Add("/app.js", []Function{{Ranges: []Range{{0, 6, 1}}}}, func() (string, error) { return "bb();\n", nil }); err != nil {
		t.Fatal(err)
	}
	if p := j.Problems(); len(p) != 1 {
		t.Errorf("problems %q, want one saying /app.js changed", p)
	}
	if err := j.Add("/app.js", []Function{{Ranges: []Range{{0, 5, 1}}}}, func() (string, error) { return "", fmt.Errorf("not asked") }); err != nil {
		t.Errorf("a take of a known script of the same length asked for its source: %v", err)
	}
	if got := j.Scripts()[0].Lines[0].Count; got != 2 {
		t.Errorf("a.js line 1: %d, want 2 (the changed version's take left out)", got)
	}
}

// Once a script's top level has run, a later take holds only the functions
// that ran since (a timer's): it merges into the script without its source,
// and counts those functions alone. (On the demo's deals page, whose stand is
// redrawn by a timer, such a take was refused: "the source of
// /static/deals.js is 1486 characters long, its coverage 584".)
func TestTakeOfFunctionsAloneMerges(t *testing.T) {
	src := "const draw = () => {\n  n++;\n};\nlet n = 0;\nsetInterval(draw, 50);\n"
	n := len(src)
	j := NewJS()
	whole := []Function{{Ranges: []Range{{0, n, 1}}}, {Name: "draw", Ranges: []Range{{13, 29, 2}}}}
	if err := j.Add("/stand.js", whole, func() (string, error) { return src, nil }); err != nil {
		t.Fatal(err)
	}
	later := []Function{{Name: "draw", Ranges: []Range{{13, 29, 3}}}}
	if err := j.Add("/stand.js", later, func() (string, error) { return "", fmt.Errorf("not asked") }); err != nil {
		t.Fatalf("a take of draw alone: %v", err)
	}
	// A script first seen by such a take (its top level ran before) is read whole.
	if err := j.Add("/late.js", later, func() (string, error) { return src, nil }); err != nil {
		t.Fatalf("a first take of draw alone: %v", err)
	}
	if p := j.Problems(); len(p) != 0 {
		t.Errorf("problems: %q", p)
	}
	counts := map[string][]int64{}
	for _, sc := range j.Scripts() {
		for _, l := range sc.Lines {
			counts[sc.URLPath] = append(counts[sc.URLPath], l.Count)
		}
	}
	if want := map[string][]int64{"/stand.js": {5, 5, 5, 1, 1}, "/late.js": {3, 3, 3, 0, 0}}; !cmp.Equal(counts, want) {
		t.Errorf("line counts %v, want %v", counts, want)
	}
	// A take reaching past the source is refused, saying so.
	if err := j.Add("/short.js", later, func() (string, error) { return "x();\n", nil }); err == nil || !strings.Contains(err.Error(), "5 characters long, its coverage reaches 29") {
		t.Errorf("a take past the source: %v", err)
	}
}

func TestLinesWithCode(t *testing.T) {
	src := "/**\n * Docs.\n */\nconst a = 1; // one\n\n  // alone\nlet b = /* inline */ 2;\n/* one line */\n/* opens\n still */ let c = 3;\nconst s = \"é\"; f();\r\n"
	var got []int
	for i, l := range splitLines(src) {
		if l.code {
			got = append(got, i+1)
		}
	}
	if want := []int{4, 7, 10, 11}; !cmp.Equal(got, want) {
		t.Errorf("lines with code %v, want %v", got, want)
	}
	// Columns count UTF-16 units, as V8's offsets do: é is one, 😀 two.
	lines := splitLines("x\n😀é;\n")
	if lines[1].start != 2 || lines[1].end != 6 {
		t.Errorf("line 2 of \"x\\n😀é;\\n\" spans %d to %d, want 2 to 6 (UTF-16 units)", lines[1].start, lines[1].end)
	}
}
