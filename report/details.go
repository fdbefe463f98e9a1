package report

import (
	"encoding/json"
	"slices"
	"strings"

	messages "github.com/cucumber/messages/go/v34"
)

// What the reports show of a scenario beyond its steps' results: an
// outline's example values, the steps' tables and doc strings, what their
// {{references}} stood for, and how to run it again with the same data.

// ExampleValue is one cell of an outline's example row, by its column.
type ExampleValue struct {
	Name  string // the column's header, e.g. country
	Value string // the row's cell, e.g. Japan
}

// Title is what a reader tells the scenario by: its name, and for an example
// of an outline the example's values the name does not already hold, as in
// "Paying with a card (card: visa, total: 12)". Without them every example
// of an outline whose title names no <placeholder> reads the same.
func (s *Scenario) Title() string {
	var extra []string
	for _, v := range s.Example {
		if !strings.Contains(s.outlineName, "<"+v.Name+">") {
			extra = append(extra, v.Name+": "+v.Value)
		}
	}
	if len(extra) == 0 {
		return s.Name
	}
	return s.Name + " (" + strings.Join(extra, ", ") + ")"
}

// example is the example row a pickle was made from, with the outline's
// title as written (placeholders and all); nothing for a plain scenario.
func (ix *astIndex) example(p *messages.Pickle) (values []ExampleValue, outlineName string) {
	for _, id := range p.AstNodeIds {
		if sc, ok := ix.scenarios[id]; ok {
			outlineName = sc.Name
		}
		row, header := ix.rows[id], ix.headers[id]
		if row == nil || header == nil {
			continue
		}
		for i, c := range row.Cells {
			if i < len(header.Cells) {
				values = append(values, ExampleValue{Name: header.Cells[i].Value, Value: c.Value})
			}
		}
	}
	return values, outlineName
}

// argument is a pickle step's data table (rows of cells) or doc string, with
// an outline's example values put in, as the step received them.
func argument(st *messages.PickleStep) (table [][]string, doc *DocString) {
	if st.Argument == nil {
		return nil, nil
	}
	if t := st.Argument.DataTable; t != nil {
		for _, r := range t.Rows {
			row := make([]string, len(r.Cells))
			for i, c := range r.Cells {
				row[i] = c.Value
			}
			table = append(table, row)
		}
	}
	if d := st.Argument.DocString; d != nil {
		doc = &DocString{Content: d.Content, MediaType: d.MediaType}
	}
	return table, doc
}

// DocString is a step's doc string.
type DocString struct {
	Content   string // the text between the """ lines
	MediaType string // what followed the opening """ (json, ...), if anything
}

// resolver replaces the step's {{references}} in the texts it is given in
// turn (the step's line, then its table row by row, then its doc string) by
// what they stood for when it ran. A reference met several times in one step
// (a table whose rows each name the latest record) takes its values in turn,
// in the order the step resolved them, when it is met as many times as it was
// resolved; otherwise every occurrence takes the first value.
func (st *Step) resolver() func(string) string {
	values := map[string][]string{}
	for _, r := range st.Resolved {
		values[r.Written] = append(values[r.Written], r.Value)
	}
	inTurn := map[string]bool{}
	for w, vs := range values {
		inTurn[w] = len(vs) > 1 && len(vs) == st.occurrences(w)
	}
	used := map[string]int{}
	return func(text string) string {
		var out strings.Builder
		for text != "" {
			at, written := -1, ""
			for w := range values {
				if i := strings.Index(text, w); i >= 0 && (at < 0 || i < at || i == at && len(w) > len(written)) {
					at, written = i, w
				}
			}
			if at < 0 {
				out.WriteString(text)
				break
			}
			v := values[written][0]
			if inTurn[written] && used[written] < len(values[written]) {
				v = values[written][used[written]]
				used[written]++
			}
			out.WriteString(text[:at] + v)
			text = text[at+len(written):]
		}
		return out.String()
	}
}

// occurrences counts written in the step's line, table and doc string.
func (st *Step) occurrences(written string) int {
	n := strings.Count(st.Text, written)
	for _, row := range st.Table {
		for _, c := range row {
			n += strings.Count(c, written)
		}
	}
	if st.DocString != nil {
		n += strings.Count(st.DocString.Content, written)
	}
	return n
}

// ResolvedStep is a step with its references resolved: its line, and its
// table and doc string when they held references.
type ResolvedStep struct {
	Text      string     // the step's line as it ran
	Table     [][]string // its table as it ran, or nil when it held no reference
	DocString string     // its doc string as it ran, or "" when it held no reference
}

// AsRun is the step as it ran, references resolved, or nil when that is the
// step as written.
func (st *Step) AsRun() *ResolvedStep {
	if len(st.Resolved) == 0 {
		return nil
	}
	resolve := st.resolver()
	out := &ResolvedStep{Text: resolve(st.Text)}
	changed := out.Text != st.Text
	for _, row := range st.Table {
		resolved := make([]string, len(row))
		for i, c := range row {
			resolved[i] = resolve(c)
		}
		out.Table = append(out.Table, resolved)
	}
	if slices.EqualFunc(out.Table, st.Table, slices.Equal) {
		out.Table = nil // as written: shown once
	} else {
		changed = true
	}
	if st.DocString != nil {
		if d := resolve(st.DocString.Content); d != st.DocString.Content {
			out.DocString, changed = d, true
		}
	}
	if !changed {
		return nil
	}
	return out
}

// note reads one of Romaine's notes (notes.go) into the attempt or step it
// belongs to, and reports whether the attachment was one. A note that does
// not decode is dropped: the report shows the step as written.
func note(mediaType string, body []byte, attempt *Attempt, step *Step) bool {
	switch mediaType {
	case ResolvedMediaType:
		var rs []Resolution
		if step != nil && json.Unmarshal(body, &rs) == nil {
			step.Resolved = append(step.Resolved, rs...)
		}
		return true
	case FilmMediaType:
		readFilm(body, attempt)
		return true
	case ReplayMediaType:
		var rp Replay
		if json.Unmarshal(body, &rp) == nil {
			attempt.Replay = &rp
		}
		return true
	case ShakeMediaType:
		noteShake(body, attempt)
		return true
	}
	return false
}
