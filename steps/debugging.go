package steps

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/support"
)

// RegisterDebugging adds:
//
//	Then show me the page     (saves HTML and a screenshot, prints where)
func RegisterDebugging(sc *godog.ScenarioContext) { registerDebugging(sc) }

func registerDebugging(r registrar) {
	r.Step(`^show me the page$`, showMeThePage)
}

var debuggingDocs = []Doc{
	{Area: "Debugging", Phrase: `Then show me the page`,
		What:    "Saves the page's HTML, a screenshot and its console log, and prints where.",
		Example: `Then show me the page`},
}

func showMeThePage(ctx context.Context) error {
	return do(ctx, func(s *step, p *support.Page) error {
		dir := filepath.Join(s.sc.ArtifactsDir(), "show-me",
			fmt.Sprintf("worker%d-%s", s.sc.Worker.Index, strconv.FormatInt(time.Now().UnixNano(), 36)))
		saved, err := p.SaveArtifacts(ctx, dir)
		for _, a := range saved {
			fmt.Fprintf(os.Stdout, "romaine: show me the page: %s\n", a.Path)
		}
		return err
	})
}
