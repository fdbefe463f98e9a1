package steps

import (
	"regexp"
	"sort"
	"strings"
)

var (
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*\\?"`)
	digits = regexp.MustCompile(`\b\d+\b`)
)

// wildcard is a word of a domain step's shape that stands for a capture group:
// it matches any one word at no cost.
const wildcard = "\x00"

// shape reduces a step to its words: quoted arguments become "", numbers N.
func shape(s string) []string {
	s = quoted.ReplaceAllString(s, `""`)
	s = digits.ReplaceAllString(s, "N")
	return strings.Fields(strings.ToLower(s))
}

// candidate is a step an undefined step may have meant: the line to show and
// the shapes to compare with.
type candidate struct {
	line   string
	shapes [][]string
}

// Suggest returns up to three steps close to text (an undefined step), nearest
// first: a typo in a word, a missing or extra word. defined is the expression
// of every registered step, as godog holds them (terrain passes them): core
// steps are shown by their documented phrase, domain steps by their expression
// with each capture group named (by (?P<NAME>...)) or shown as "...". With
// defined empty, the core steps are the candidates.
func Suggest(text string, defined []string) []string {
	want := shape(text)
	type hit struct {
		line       string
		dist, char int
	}
	var hits []hit
	for _, c := range candidates(defined) {
		best := hit{dist: -1}
		for _, got := range c.shapes {
			dist := wordDistance(want, got)
			if dist > max(1, len(want)/3) {
				continue
			}
			// Ties go to the closest spelling: "clik" is nearer "click" than "clear".
			char := editDistance([]rune(strings.Join(want, " ")), []rune(strings.Join(got, " ")))
			if best.dist < 0 || dist < best.dist || dist == best.dist && char < best.char {
				best = hit{c.line, dist, char}
			}
		}
		if best.dist >= 0 {
			hits = append(hits, best)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].dist != hits[j].dist {
			return hits[i].dist < hits[j].dist
		}
		return hits[i].char < hits[j].char
	})
	var out []string
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.line] && len(out) < 3 {
			seen[h.line] = true
			out = append(out, h.line)
		}
	}
	return out
}

// candidates are the core steps, by their examples, and every other defined
// expression, by the words it spells.
func candidates(defined []string) []candidate {
	core := map[string]Doc{}
	var out []candidate
	for _, d := range Catalog() {
		core[d.Expr] = d
		if len(defined) == 0 {
			out = append(out, coreCandidate(d))
		}
	}
	for _, expr := range defined {
		if d, ok := core[expr]; ok {
			out = append(out, coreCandidate(d))
		} else {
			out = append(out, domainCandidate(expr))
		}
	}
	return out
}

// coreCandidate compares with the example's shape: it has the words of the
// phrase with real arguments in place.
func coreCandidate(d Doc) candidate {
	return candidate{d.Phrase, [][]string{shape(exampleStep(d))}}
}

// domainCandidate reads a step's regular expression as words: literal text
// stays, a group of plain alternatives (the store owner|a customer) gives one
// shape per alternative, any other group is a wildcard word, and a quoted group
// is a quoted argument.
func domainCandidate(expr string) candidate {
	src := strings.TrimSuffix(strings.TrimPrefix(expr, "^"), "$")
	r := &exprWords{variants: []string{""}}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '(':
			i = r.group(src, i)
		case c == '\\' && i+1 < len(src):
			i++
			if strings.IndexByte(`dDsSwW`, src[i]) >= 0 { // a class of characters: some word
				r.wildcard("...")
				i = skipQuantifier(src, i)
				continue
			}
			r.literal(src[i])
		case c == '[':
			end := strings.IndexByte(src[i+1:], ']')
			if end < 0 {
				end = len(src) - i - 1
			}
			i = skipQuantifier(src, i+1+end)
			r.wildcard("...")
		case c == '?' || c == '*' || c == '+' || c == '.':
			// An optional letter ("returns?") reads as the word with it.
		default:
			r.literal(c)
		}
	}
	cand := candidate{line: strings.TrimSpace(r.line.String())}
	for _, v := range r.variants {
		v = strings.ReplaceAll(v, `" `+wildcard+` "`, `""`)
		cand.shapes = append(cand.shapes, shape(v))
	}
	return cand
}

// exprWords collects what domainCandidate reads: the line to show, and the
// texts to compare with (one per combination of alternatives).
type exprWords struct {
	line     strings.Builder
	variants []string
}

func (r *exprWords) literal(c byte) {
	r.line.WriteByte(c)
	for i := range r.variants {
		r.variants[i] += string(c)
	}
}

// wildcard shows name and compares as any one word.
func (r *exprWords) wildcard(name string) {
	r.line.WriteString(name)
	for i := range r.variants {
		r.variants[i] += " " + wildcard + " "
	}
}

// group reads the group that opens at i and returns the index of its end.
func (r *exprWords) group(src string, i int) int {
	end := groupEnd(src, i)
	body := src[i+1 : end]
	name := ""
	switch {
	case strings.HasPrefix(body, "?P<"), strings.HasPrefix(body, "?<"):
		lt, gt := strings.Index(body, "<"), strings.Index(body, ">")
		name, body = body[lt+1:gt], body[gt+1:]
	case strings.HasPrefix(body, "?:"):
		body = body[2:]
	}
	optional := end+1 < len(src) && src[end+1] == '?'
	if optional {
		end++
	}
	alts := plainAlternatives(body)
	switch {
	case alts != nil && name == "":
		if optional {
			alts = append(alts, "")
		}
		r.line.WriteString("(" + strings.Join(alts, "|") + ")")
		r.variants = product(r.variants, alts)
	case name != "":
		r.wildcard(name)
	default:
		r.wildcard("...")
	}
	return end
}

// groupEnd is the index of the parenthesis closing the group opened at i.
func groupEnd(src string, i int) int {
	depth := 0
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '[':
			if k := strings.IndexByte(src[j+1:], ']'); k >= 0 {
				j += k + 1
			}
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return len(src) - 1
}

func skipQuantifier(src string, i int) int {
	for i+1 < len(src) && strings.IndexByte("?*+", src[i+1]) >= 0 {
		i++
	}
	return i
}

var plainWords = regexp.MustCompile(`^[\pL\pN '-]+(?:\|[\pL\pN '-]*)+$`)

// plainAlternatives splits "the store owner|a customer"; nil when the group is
// not a plain choice of words.
func plainAlternatives(body string) []string {
	if !plainWords.MatchString(body) {
		return nil
	}
	return strings.Split(body, "|")
}

// product appends each alternative to each variant, up to a bound.
func product(variants, alts []string) []string {
	var out []string
	for _, v := range variants {
		for _, a := range alts {
			if len(out) < 32 {
				out = append(out, v+a)
			}
		}
	}
	return out
}

// wordDistance is the edit distance between two lists of words; a wildcard
// word matches any word.
func wordDistance(a, b []string) int {
	return distance(a, b, func(x, y string) bool { return x == y || x == wildcard || y == wildcard })
}

// editDistance is Levenshtein's distance between two sequences.
func editDistance[T comparable](a, b []T) int {
	return distance(a, b, func(x, y T) bool { return x == y })
}

// distance is Levenshtein's distance with same deciding which items match.
func distance[T any](a, b []T, same func(x, y T) bool) int {
	d := make([]int, len(b)+1)
	for j := range d {
		d[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := d[0]
		d[0] = i
		for j := 1; j <= len(b); j++ {
			cur := d[j]
			cost := 1
			if same(a[i-1], b[j-1]) {
				cost = 0
			}
			d[j] = min(d[j]+1, d[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return d[len(b)]
}
