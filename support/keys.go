package support

import (
	"strings"

	"github.com/go-rod/rod/lib/input"
)

var namedKeys = map[string]input.Key{
	"enter": input.Enter, "return": input.Enter, "escape": input.Escape, "esc": input.Escape,
	"tab": input.Tab, "backspace": input.Backspace, "delete": input.Delete, "space": input.Space,
	"arrowup": input.ArrowUp, "arrowdown": input.ArrowDown, "arrowleft": input.ArrowLeft,
	"arrowright": input.ArrowRight, "home": input.Home, "end": input.End,
	"pageup": input.PageUp, "pagedown": input.PageDown, "insert": input.Insert,
}

// keyNamed maps a key as a person names it (Enter, Escape, ArrowDown, "a") to
// rod's key. Names are case-insensitive; a single printable character is itself.
func keyNamed(name string) (input.Key, bool) {
	if k, ok := namedKeys[strings.ToLower(strings.ReplaceAll(name, " ", ""))]; ok {
		return k, true
	}
	if r := []rune(name); len(r) == 1 && r[0] >= ' ' && r[0] <= '~' {
		return input.Key(r[0]), true
	}
	return 0, false
}
