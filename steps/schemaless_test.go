package steps_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/internal/recordapp"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// runSchemalessFeature runs a feature of testdata/ the way a team without Go
// runs theirs: the core steps, no models defined in Go, no store of their
// own, an app that creates users (which need an email) and categories at
// the default factory path. It returns what the app was sent.
func runSchemalessFeature(t *testing.T, feature, timeout string) (status int, out string, bodies []string) {
	app := recordapp.New([]string{"user", "category"}, map[string][]string{"user": {"email"}})
	for k, v := range map[string]string{"ROMAINE_FEATURES": "testdata/" + feature, "ROMAINE_FORMAT": "progress",
		"ROMAINE_ARTIFACTS": t.TempDir(), "ROMAINE_SEED": "1", "ROMAINE_WORKERS": "1", "ROMAINE_APP_CMD": "",
		"ROMAINE_APP_URL": "", "ROMAINE_APP_RESET": "", "ROMAINE_FACTORY_PATH": "", "ROMAINE_TAGS": "",
		"ROMAINE_TIMEOUT": timeout} {
		t.Setenv(k, v)
	}
	var buf lockedbuf.Buffer
	s := terrain.New(
		terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) {
			return app, nil, nil
		}}),
		terrain.WithSteps(steps.Register),
		terrain.WithOutput(&buf),
	)
	status = s.Run()
	return status, regexp.MustCompile(`\x1b\[[0-9;]*m`).ReplaceAllString(buf.String(), ""), app.Bodies()
}

// The factory steps work for models not defined in Go: the cells are sent
// typed (the golden file is what the app received), and {{name.field}}
// reads the app's answer (its ids) over what was sent.
func TestFactoryStepsWithoutGoModels(t *testing.T) {
	status, out, bodies := runSchemalessFeature(t, "schemaless.feature", "")
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	got := strings.Join(bodies, "\n") + "\n"
	if *update {
		if err := os.WriteFile("testdata/schemaless.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/schemaless.golden")
	if err != nil {
		t.Fatalf("%v (go test -run %s -update ./steps/ writes it)", err, t.Name())
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("what the app received changed (-golden +got); if intended, rerun with -update:\n%s", d)
	}
}

// When the app says no, the step says who said what: the model, the
// address, the app's answer, and for a model the app does not know or a
// request it never answers, what to set.
func TestFactoryStepsWithoutGoModelsFail(t *testing.T) {
	status, out, _ := runSchemalessFeature(t, "schemaless_errors.feature", "2s")
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
	if strings.Contains(out, "HTTPStore") {
		t.Errorf("a user of ROMAINE_APP_CMD cannot set HTTPStore's fields; the output names them:\n%s", out)
	}
}
