package terrain

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"time"

	tagexpressions "github.com/cucumber/tag-expressions/go/v6"
)

// checkPrerequisites stops a run that cannot work before its first scenario:
// a tag expression that does not parse, a browser setting that names no
// browser, an app URL where nothing answers.
func (s *Suite) checkPrerequisites() error {
	tags, err := godogTagFilter(s.cfg.Tags)
	if err != nil {
		return err
	}
	s.godogTags = tags
	if s.cfg.Browser != "" {
		if err := probeBrowser(s.cfg.Browser, s.cfg.StartTimeout); err != nil {
			return err
		}
	}
	if s.cfg.AppURL != "" {
		return probeAppURL(s.app.(URLApp).URL + s.cfg.ReadyPath)
	}
	return nil
}

// maxTags bounds the distinct tags of one expression (see godogTagFilter).
const maxTags = 10

// godogTagFilter checks a tag expression and returns it in the syntax godog
// v0.16 evaluates ("@a && ~@b,@c": commas between alternatives, && inside
// one, ~ for not). Cucumber's own syntax ("@a and not (@b or @c)"), which users
// of every other Cucumber write, is parsed by Cucumber's tag-expressions
// library and rewritten as the alternatives it accepts (one per combination of
// its tags that it selects). godog's syntax is accepted as it always was, once
// checked: godog itself panics on "@a &&".
func godogTagFilter(expr string) (string, error) {
	expr = strings.TrimSpace(expr)
	bad := func(why string) error {
		return &ConfigError{Setting: "ROMAINE_TAGS", Message: fmt.Sprintf(
			"ROMAINE_TAGS=%q is not a tag expression: %s. Write Cucumber's syntax, e.g. \"@smoke\", \"not @wip\", \"@a and @b\", \"(@a or @b) and not @slow\"", expr, why)}
	}
	if expr == "" {
		return "", nil
	}
	if strings.ContainsAny(expr, "&~,") {
		return expr, checkGodogTags(expr, bad)
	}
	var parsed tagexpressions.Evaluatable
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil { // the library panics on a dangling operator ("@a and")
				err = fmt.Errorf("an operator lacks its operand")
			}
		}()
		parsed, err = tagexpressions.Parse(expr)
	}()
	if err != nil {
		return "", bad(strings.TrimPrefix(err.Error(), fmt.Sprintf("Tag expression \"%s\" could not be parsed because of ", expr)))
	}
	var names []string
	for _, tok := range strings.Fields(strings.NewReplacer("(", " ", ")", " ").Replace(expr)) {
		switch {
		case tok == "and" || tok == "or" || tok == "not":
		case !strings.HasPrefix(tok, "@") || strings.Contains(tok, `\`):
			return "", bad(fmt.Sprintf("%q is not a tag; tags start with @, e.g. @%s", tok, strings.TrimLeft(tok, `@\`)))
		default:
			if !contains(names, tok) {
				names = append(names, tok)
			}
		}
	}
	if len(names) > maxTags {
		return "", bad(fmt.Sprintf("it names %d different tags; at most %d can be combined", len(names), maxTags))
	}
	var alternatives []string
	for set := 0; set < 1<<len(names); set++ {
		var has, terms []string
		for i, n := range names {
			if set&(1<<i) != 0 {
				has = append(has, n)
				terms = append(terms, n)
			} else {
				terms = append(terms, "~"+n)
			}
		}
		if parsed.Evaluate(has) {
			alternatives = append(alternatives, strings.Join(terms, " && "))
		}
	}
	switch len(alternatives) {
	case 0:
		return "", &ConfigError{Setting: "ROMAINE_TAGS", Message: fmt.Sprintf("ROMAINE_TAGS=%q can never select a scenario (no set of tags satisfies it)", expr)}
	case 1 << len(names):
		return "", nil // every scenario is selected
	}
	return strings.Join(alternatives, ","), nil
}

var godogTag = regexp.MustCompile(`^~?@[^\s@~,&()]+$`)

// checkGodogTags checks godog's own syntax, term by term.
func checkGodogTags(expr string, bad func(string) error) error {
	for _, alt := range strings.Split(expr, ",") {
		for _, term := range strings.Split(alt, "&&") {
			term = strings.TrimSpace(term)
			switch {
			case term == "":
				return bad("a tag is missing around \"&&\" or \",\"")
			case !godogTag.MatchString(term):
				return bad(fmt.Sprintf("%q is not a tag (godog's syntax: @a && ~@b,@c; Cucumber's: @a and not @b or @c; do not mix them)", term))
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// browserName is what Chrome, Chromium and their kin print for --version.
var browserName = regexp.MustCompile(`(?i)chrom|edge|brave|opera|vivaldi`)

// probeBrowser runs the configured browser with --version: a file that is not
// a browser is caught here, with the reason, instead of failing every scenario.
// It has the start limit (ROMAINE_START_TIMEOUT) to answer; then it is killed,
// and what it started is given probeGrace more to let go of its output (a
// wrapper script's child holds the pipe open after the script is killed).
func probeBrowser(bin string, limit time.Duration) error {
	path, err := exec.LookPath(bin)
	if err != nil {
		return nil // chrome.Find has reported it
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "--version")
	cmd.WaitDelay = probeGrace
	// Its own process group, so that the kill reaches a wrapper's children too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	out, err := cmd.CombinedOutput()
	printed := strings.TrimSpace(string(out))
	if len(printed) > 300 {
		printed = printed[:300] + "..."
	}
	why := ""
	switch {
	case ctx.Err() != nil:
		why = fmt.Sprintf("it did not answer --version within %s (ROMAINE_START_TIMEOUT), and was killed", limit)
	case err != nil:
		why = fmt.Sprintf("running it with --version failed (%v; it printed %q)", err, printed)
	case !browserName.MatchString(printed):
		why = fmt.Sprintf("asked for its --version it printed %q, which is not a Chrome or Chromium version", printed)
	default:
		return nil
	}
	return &ConfigError{Setting: "ROMAINE_BROWSER", Message: fmt.Sprintf(
		"ROMAINE_BROWSER=%q is not a Chrome or Chromium browser: %s. Set ROMAINE_BROWSER to the path of Chrome or Chromium (e.g. /usr/bin/chromium), or unset it to let Romaine look for one.", bin, why)}
}

// probeGrace is how long a killed --version probe's output may stay open.
const probeGrace = 2 * time.Second

// probeAppURL asks a running app (ROMAINE_APP_URL) for its ready page once:
// nothing listening there is a mistake to report now, not after the start limit.
func probeAppURL(url string) error {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return &ConfigError{Setting: "ROMAINE_APP_URL", Message: fmt.Sprintf(
			"nothing answers at ROMAINE_APP_URL: tried GET %s: %v. Start the app before the run, correct ROMAINE_APP_URL, or set ROMAINE_APP_CMD instead to have Romaine start the app for each worker.", url, err)}
	}
	resp.Body.Close()
	return nil
}

// noScenarios is the error of a run that found nothing to run.
func (s *Suite) noScenarios() error {
	msg := fmt.Sprintf("no scenario ran: none found in %s (ROMAINE_FEATURES)", strings.Join(s.cfg.Features, " "))
	if s.cfg.Tags != "" {
		msg += fmt.Sprintf(" matching the tags %q (ROMAINE_TAGS)", s.cfg.Tags)
	}
	return &ConfigError{Setting: "ROMAINE_FEATURES", Message: msg + ". Point ROMAINE_FEATURES at .feature files, or folders of them, that hold scenarios; a run of nothing is not a pass."}
}
