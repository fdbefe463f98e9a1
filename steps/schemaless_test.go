package steps_test

import (
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/internal/recordapp"
)

// runSchemalessFeature runs a feature of testdata/ the way a team without Go
// runs theirs: the core steps, no models defined in Go, no store of their
// own, an app that creates users (which need an email) and categories at
// the default factory path. It returns what the app was sent.
func runSchemalessFeature(t *testing.T, feature, timeout string) (status int, out string, bodies []string) {
	app := recordapp.New([]string{"user", "category"}, map[string][]string{"user": {"email"}})
	status, out = runFeature(t, feature, map[string]string{"ROMAINE_TIMEOUT": timeout}, app)
	return status, out, app.Bodies()
}

// The factory steps work for models not defined in Go: the cells are sent
// typed (the golden file is what the app received), and {{name.field}}
// reads the app's answer (its ids) over what was sent.
func TestFactoryStepsWithoutGoModels(t *testing.T) {
	status, out, bodies := runSchemalessFeature(t, "schemaless.feature", "")
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	golden(t, "schemaless.golden", strings.Join(bodies, "\n")+"\n", "what the app received")
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
