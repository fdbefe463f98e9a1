package main

import (
	"fmt"
	"strings"
)

// printMarkdown prints the results as thirdparty/README.md's table: build,
// each tool's passed/total, and every failure with its reason.
func printMarkdown(results []buildResult, scenarios []string, tools []tool) {
	head := "| build |"
	rule := "|---|"
	for _, t := range tools {
		head += " " + t.name + " |"
		rule += "---|"
	}
	fmt.Println("\n" + head + " failures, and whose |\n" + rule + "---|")
	for _, r := range results {
		if r.runs == nil {
			fmt.Printf("| %s |%s not run: %s |\n", r.build.Name, strings.Repeat(" – |", len(tools)), r.build.Skip)
			continue
		}
		row := "| " + r.build.Name + " |"
		for ti := range tools {
			row += " " + r.score(ti, scenarios) + " |"
		}
		var notes []string
		for i, s := range scenarios {
			failing := []string{}
			for ti, t := range tools {
				if r.passes(ti, s) < len(r.runs[ti]) {
					failing = append(failing, t.name)
				}
			}
			if len(failing) == 0 {
				continue
			}
			why := r.build.Fails[i+1]
			if why == "" {
				why = "unexplained: " + r.lastError(0, s)
				if r.passes(0, s) == len(r.runs[0]) {
					why = "(Romaine passes) " + r.lastError(len(tools)-1, s)
				}
			}
			notes = append(notes, fmt.Sprintf("%d (%s): %s", i+1, strings.Join(failing, ", "), strings.ReplaceAll(why, "|", `\|`)))
		}
		fmt.Printf("%s %s |\n", row, strings.Join(notes, "; "))
	}
}
