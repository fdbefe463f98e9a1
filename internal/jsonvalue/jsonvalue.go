// Package jsonvalue reads decoded JSON as the steps present it: Dig walks a
// dotted path, Show renders a value as a person compares it.
package jsonvalue

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Dig walks a decoded JSON value along a dotted path ("items.0.name"): object
// keys by name, array elements by index. A missing part is an error naming the
// deepest part that did exist and what it held.
func Dig(v any, path string) (any, error) {
	cur := v
	walked := "the response"
	for _, part := range strings.Split(path, ".") {
		switch node := cur.(type) {
		case map[string]any:
			next, ok := node[part]
			if !ok {
				return nil, fmt.Errorf("%q: %s has no key %q; its keys: %s", path, walked, part, keysOf(node))
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(node) {
				return nil, fmt.Errorf("%q: %s is an array of %d element(s), so %q is not an index of it", path, walked, len(node), part)
			}
			cur = node[i]
		default:
			return nil, fmt.Errorf("%q: %s is %s, which has no %q", path, walked, Show(cur), part)
		}
		if walked == "the response" {
			walked = part
		} else {
			walked += "." + part
		}
	}
	return cur, nil
}

func keysOf(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return "(none)"
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// Show renders a JSON value as a person compares it: strings bare, numbers
// without exponent or trailing zeros, null as null, others as JSON.
func Show(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
