package steps_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/internal/recordapp"
)

// runSchemalessFeature runs a feature of testdata/ the way a team without Go
// runs theirs: the core steps, no models defined in Go, no store of their
// own, an app that creates users (which need an email) and categories at
// the default factory path. It returns what the app was sent.
// The run writes an HTML report, returned too.
func runSchemalessFeature(t *testing.T, feature, timeout string) (status int, out string, bodies []string, html string) {
	app := recordapp.New([]string{"user", "category"}, map[string][]string{"user": {"email"}})
	path := filepath.Join(t.TempDir(), "report.html")
	status, out = runFeature(t, feature, map[string]string{"ROMAINE_TIMEOUT": timeout, "ROMAINE_REPORTS": "html:" + path}, app)
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the run wrote no HTML report: %v\n%s", err, out)
	}
	return status, out, app.Bodies(), string(page)
}

// The factory steps work for models not defined in Go: the cells are sent
// typed (the golden file is what the app received), and {{name.field}}
// reads the app's answer (its ids) over what was sent.
func TestFactoryStepsWithoutGoModels(t *testing.T) {
	status, out, bodies, html := runSchemalessFeature(t, "schemaless.feature", "")
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	golden(t, "schemaless.golden", strings.Join(bodies, "\n")+"\n", "what the app received")
	// The report shows each step as it ran: the ids the app gave, the name in
	// the email; and the table as the step was given it.
	for _, want := range []string{
		`<span class="step-status">as run</span>When I am on &#34;/records/user/1&#34;`,
		`<span class="step-status">as run</span>When I am on &#34;/records/user/4&#34;`,
		`<tr><td>bob@example.test</td><td>Bob</td><td>1</td></tr>`,
		`<tr><td>email</td><td>Ann@example.test</td></tr>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML report lacks %s", want)
		}
	}
}

// When the app says no, the step says who said what: the model, the
// address, the app's answer, and for a model the app does not know or a
// request it never answers, what to set.
func TestFactoryStepsWithoutGoModelsFail(t *testing.T) {
	status, out, _, html := runSchemalessFeature(t, "schemaless_errors.feature", "2s")
	if status == 0 {
		t.Fatalf("every scenario should fail; output:\n%s", out)
	}
	for _, want := range []string{
		`/__test__/factories/user answered 422 Unprocessable Entity: {"errors": {"email": ["can't be blank"]}}; sent {"name":"Ann"}`,
		`unicorns 1 of 2: creating unicorn: POST http://`,
		`/__test__/factories/unicorn answered 404 Not Found: 404 page not found; sent {}`,
		`"unicorn" is not a model defined in Go, so its attributes were sent as written: the app must create a unicorn at that address, or ROMAINE_FACTORY_PATH must name where it does`,
		`user is not a model defined in Go, so it has no traits ("admin")`,
		`/__test__/factories/slow: no answer before the caller's deadline: `,
		`; the step's limit is 2s (ROMAINE_TIMEOUT)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The report gives each failure its seed and the command that replays it.
	if !strings.Contains(html, `; the same data again: <code class="command">ROMAINE_SEED=1 ROMAINE_FEATURES=testdata/schemaless_errors.feature:7</code>`) {
		t.Errorf("the HTML report lacks the replay command of the scenario at line 7")
	}
	if strings.Contains(out, "HTTPStore") {
		t.Errorf("a user of ROMAINE_APP_CMD cannot set HTTPStore's fields; the output names them:\n%s", out)
	}
}
