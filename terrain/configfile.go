package terrain

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The settings file: an optional romaine.yaml in the folder the run starts in
// (the repository root), so that a suite without Go code (romaine run) keeps
// its settings in the repository, and a Go suite can too. Its keys are the
// flags' names (app-cmd, workers, ...); its values are what the environment
// variable takes, and a list where the variable takes several (features,
// reports, browser-url). "pages" names pages for  Given I am on the NAME page.
// The layers, each over the one before: Go (WithConfig), the file, the
// -romaine.* flags, the environment.

// defaultConfigFile is read when it exists and no other file is named.
const defaultConfigFile = "romaine.yaml"

// configFile is what a settings file set.
type configFile struct {
	path   string
	values []layerValue      // in the file's order
	pages  map[string]string // name (lower case) -> path
	keys   map[string]string // environment name -> the file's key, for messages
	lines  map[string]int    // environment name -> its line
}

// layerValue is one setting given by one source.
type layerValue struct {
	s setting
	v string
}

// configFilePath is the settings file to read, and whether it was named (a
// named file must exist; the default one may not).
func configFilePath(goValue string, flagValue string, lookup func(string) (string, bool)) (string, bool) {
	if v, ok := lookup("ROMAINE_CONFIG"); ok && v != "" {
		return v, true
	}
	if flagValue != "" {
		return flagValue, true
	}
	if goValue != "" {
		return goValue, true
	}
	return defaultConfigFile, false
}

// readConfigFile reads and checks the settings file at path; a file that is
// missing is no settings unless it was named.
func readConfigFile(path string, named bool) (*configFile, error) {
	bad := func(format string, args ...any) error {
		return &ConfigError{Setting: "ROMAINE_CONFIG", Message: path + ": " + fmt.Sprintf(format, args...)}
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !named:
		return nil, nil
	case err != nil:
		return nil, &ConfigError{Setting: "ROMAINE_CONFIG", Message: fmt.Sprintf("the settings file cannot be read (%v): set ROMAINE_CONFIG (or -romaine.config) to a YAML file such as %s, or unset it", err, defaultConfigFile)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, bad("not YAML (%v); write one setting a line, e.g. `workers: 2`", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	f := &configFile{path: path, pages: map[string]string{}, keys: map[string]string{}, lines: map[string]int{}}
	if len(doc.Content) == 0 {
		return f, nil // an empty file
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, bad("the file must be a mapping of settings (`workers: 2`, one a line), not a %s", kindName(top))
	}
	byKey := map[string]setting{}
	var keys []string
	for _, s := range settings() {
		byKey[s.flag] = s
		keys = append(keys, s.flag)
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		at := func(format string, args ...any) error {
			return bad("line %d: %s: %s", k.Line, k.Value, fmt.Sprintf(format, args...))
		}
		if k.Value == "pages" {
			if v.Kind != yaml.MappingNode {
				return nil, at("write the named pages as a mapping, one `NAME: /path` a line")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				name, p := v.Content[j], v.Content[j+1]
				if p.Kind != yaml.ScalarNode || !strings.HasPrefix(p.Value, "/") {
					return nil, bad("line %d: pages: %s: the page's path must start with /, e.g. %s: /sign-in", name.Line, name.Value, name.Value)
				}
				f.pages[strings.ToLower(strings.TrimSpace(name.Value))] = p.Value
			}
			continue
		}
		s, ok := byKey[k.Value]
		if !ok {
			return nil, bad("line %d: %q is not a setting%s; the settings are %s, and pages", k.Line, k.Value, nearestKey(k.Value, keys), strings.Join(keys, ", "))
		}
		value, err := scalarOrList(v, s)
		if err != nil {
			return nil, at("%v", err)
		}
		if v.Tag == "!!null" {
			continue // `app-reset:` with nothing: unset, as an empty variable is
		}
		var scratch Config
		if err := s.set(&scratch, value); err != nil {
			return nil, at("%q is not valid (%v): expected %s", value, err, s.usage)
		}
		f.values = append(f.values, layerValue{s, value})
		f.keys[s.env], f.lines[s.env] = k.Value, k.Line
	}
	return f, nil
}

// scalarOrList is a setting's value in the file: a scalar as written, or a
// list joined as the environment variable would hold it.
func scalarOrList(v *yaml.Node, s setting) (string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		return v.Value, nil
	case yaml.SequenceNode:
		sep, ok := map[string]string{"features": " ", "reports": ",", "browser-url": ","}[s.flag]
		if !ok {
			return "", fmt.Errorf("takes one value, not a list (expected %s)", s.usage)
		}
		var items []string
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode {
				return "", fmt.Errorf("a list of plain values, one a line (`- item`), is expected")
			}
			if sep == " " && strings.ContainsAny(it.Value, " \t") {
				return "", fmt.Errorf("%q: a path with a space cannot be given (paths are space separated, as in ROMAINE_FEATURES): rename it, or name its folder", it.Value)
			}
			items = append(items, it.Value)
		}
		return strings.Join(items, sep), nil
	}
	return "", fmt.Errorf("expected %s, not a %s", s.usage, kindName(v))
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// nearestKey suggests the setting a mistyped key meant: the same words with
// another separator, the environment variable's name, or a key it begins or
// ends like.
func nearestKey(key string, keys []string) string {
	k := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(strings.ToUpper(key), "ROMAINE_"), "_", "-"))
	for _, cand := range keys {
		if k == cand {
			return fmt.Sprintf(" (did you mean %s?)", cand)
		}
	}
	i := slices.IndexFunc(keys, func(c string) bool {
		return len(k) >= 4 && (strings.HasPrefix(c, k) || strings.HasPrefix(k, c))
	})
	if i >= 0 {
		return fmt.Sprintf(" (did you mean %s?)", keys[i])
	}
	return ""
}
