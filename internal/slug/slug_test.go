package slug

import "testing"

func TestOf(t *testing.T) {
	for _, c := range []struct{ in, want, reason string }{
		{"Signing in: the happy path", "Signing-in-the-happy-path", "unsafe runs become one dash"},
		{"  ", "x", "nothing left"},
		{"..", "x", "the parent folder: artifacts would go beside their folder"},
		{".", "x", "the folder itself"},
		{"...", "x", "only dots"},
		{"a..b", "a..b", "dots inside a name are safe"},
		{"../../etc", "..-..-etc", "no separator survives"},
	} {
		if got := Of(c.in); got != c.want {
			t.Errorf("Of(%q) = %q, want %q (%s)", c.in, got, c.want, c.reason)
		}
	}
}
