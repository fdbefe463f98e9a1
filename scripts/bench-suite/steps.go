package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"time"
)

// stepKind is the time a run spent in the steps of one wording.
type stepKind struct {
	text  string
	count int
	total time.Duration
}

// quoted is an argument in a step's text: steps that differ only in their
// arguments are one kind.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// readSteps sums the step durations of a messages report (ROMAINE_REPORTS
// messages:PATH) by the step's text with its quoted arguments blanked,
// largest first.
func readSteps(path string) ([]stepKind, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var msg struct {
		Pickle *struct {
			Steps []struct{ ID, Text string }
		}
		TestCase *struct {
			TestSteps []struct{ ID, PickleStepID string }
		}
		TestStepFinished *struct {
			TestStepID     string
			TestStepResult struct {
				Duration struct{ Seconds, Nanos int64 }
			}
		}
	}
	textOf := map[string]string{}   // pickle step id -> text
	pickleOf := map[string]string{} // test step id -> pickle step id
	byText := map[string]*stepKind{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		msg.Pickle, msg.TestCase, msg.TestStepFinished = nil, nil, nil
		if err := json.Unmarshal(sc.Bytes(), &msg); err != nil {
			return nil, fmt.Errorf("reading the messages report %s: %w", path, err)
		}
		switch {
		case msg.Pickle != nil:
			for _, s := range msg.Pickle.Steps {
				textOf[s.ID] = quoted.ReplaceAllString(s.Text, `"…"`)
			}
		case msg.TestCase != nil:
			for _, s := range msg.TestCase.TestSteps {
				pickleOf[s.ID] = s.PickleStepID
			}
		case msg.TestStepFinished != nil:
			text, ok := textOf[pickleOf[msg.TestStepFinished.TestStepID]]
			if !ok {
				continue // a hook, not a step
			}
			d := msg.TestStepFinished.TestStepResult.Duration
			k := byText[text]
			if k == nil {
				k = &stepKind{text: text}
				byText[text] = k
			}
			k.count++
			k.total += time.Duration(d.Seconds)*time.Second + time.Duration(d.Nanos)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the messages report %s: %w", path, err)
	}
	kinds := make([]stepKind, 0, len(byText))
	for _, k := range byText {
		kinds = append(kinds, *k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i].total > kinds[j].total })
	return kinds, nil
}

// printSteps shows the step kinds that took most of a run's step time.
func printSteps(kinds []stepKind, top int) {
	var all time.Duration
	for _, k := range kinds {
		all += k.total
	}
	fmt.Printf("         steps: %.1f s in all; the %d wordings that took longest:\n", all.Seconds(), min(top, len(kinds)))
	for _, k := range kinds[:min(top, len(kinds))] {
		text := k.text
		if len(text) > 70 {
			text = text[:67] + "..."
		}
		fmt.Printf("         %6.2f s %4d x %5.0f ms  %s\n", k.total.Seconds(), k.count, float64(k.total.Milliseconds())/float64(k.count), text)
	}
}
