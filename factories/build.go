package factories

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// jsonField is one attribute of a typed model: where it lives in the struct
// and what Go type an override must convert to.
type jsonField struct {
	name  string
	index []int
	typ   reflect.Type
	depth int
	named bool // name came from a json tag; breaks ties like encoding/json
}

// jsonFields lists the attributes encoding/json would produce for t, keyed by
// name. It follows the json rules that matter for models (tags, "-",
// unexported fields, embedded structs with the shallowest field winning) so
// that the attributes we accept are exactly the ones the store will receive.
// Fields tagged omitempty are included: they can still be overridden.
func jsonFields(t reflect.Type) map[string]jsonField {
	var all []jsonField
	collectJSONFields(t, nil, 0, &all)
	return dominantFields(all)
}

// collectJSONFields appends every field json would see in t, embedded structs
// walked into, each with its depth, names not yet deduplicated.
func collectJSONFields(t reflect.Type, index []int, depth int, all *[]jsonField) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		idx := append(append([]int(nil), index...), i)
		if sf.Anonymous && name == "" {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				if !sf.IsExported() {
					continue // json cannot allocate these either
				}
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				collectJSONFields(ft, idx, depth+1, all)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		f := jsonField{name: name, index: idx, typ: sf.Type, depth: depth, named: name != ""}
		if f.name == "" {
			f.name = sf.Name
		}
		*all = append(*all, f)
	}
}

// dominantFields resolves duplicate names: shallowest wins; at equal depth a
// single tagged field wins; otherwise encoding/json drops the name, and so do we.
func dominantFields(all []jsonField) map[string]jsonField {
	byName := map[string][]jsonField{}
	for _, f := range all {
		byName[f.name] = append(byName[f.name], f)
	}
	fields := map[string]jsonField{}
	for name, fs := range byName {
		var best []jsonField
		for _, f := range fs {
			switch {
			case len(best) == 0 || f.depth < best[0].depth:
				best = []jsonField{f}
			case f.depth == best[0].depth:
				best = append(best, f)
			}
		}
		if len(best) > 1 {
			var tagged []jsonField
			for _, f := range best {
				if f.named {
					tagged = append(tagged, f)
				}
			}
			best = tagged
		}
		if len(best) == 1 {
			fields[name] = best[0]
		}
	}
	return fields
}

// typedBuilder overrides fields on the struct itself and only then encodes
// it, so json tags, omitempty, ",string" and custom marshalers all behave
// exactly as they will for the record's real JSON.
func typedBuilder[T any](d *Definition, fields map[string]jsonField, defaults func(*gofakeit.Faker, int) T) func(*gofakeit.Faker, int, map[string]string) (Attrs, error) {
	return func(f *gofakeit.Faker, seq int, overrides map[string]string) (Attrs, error) {
		v := defaults(f, seq)
		rv := reflect.ValueOf(&v).Elem()
		// Sorted so that, with several bad overrides, the error is always the same one.
		for _, key := range sortedKeys(overrides) {
			name, ok := matchKey(key, fields)
			if !ok {
				return nil, d.unknownAttribute(key)
			}
			fld := fields[name]
			raw := overrides[key]
			if err := setFromString(fieldByIndexAlloc(rv, fld.index), raw); err != nil {
				return nil, conversionError(d.name, name, raw, expectedType(fld.typ), example(fld.typ), err)
			}
		}
		return toAttrs(v)
	}
}

// mapBuilder converts overrides of known keys to the type of that key's
// default, so a DefineMap model still sends a number as a number.
func mapBuilder(d *Definition, defaults func(*gofakeit.Faker, int) Attrs) func(*gofakeit.Faker, int, map[string]string) (Attrs, error) {
	return func(f *gofakeit.Faker, seq int, overrides map[string]string) (Attrs, error) {
		// Copy: defaults may hand back a map it keeps, and we are about to write.
		attrs := Attrs{}
		for k, v := range defaults(f, seq) {
			attrs[k] = v
		}
		for _, key := range sortedKeys(overrides) {
			raw := overrides[key]
			name, ok := matchKey(key, attrs)
			if !ok {
				attrs[strings.TrimSpace(key)] = raw
				continue
			}
			v, err := convertLike(attrs[name], raw)
			if err != nil {
				return nil, conversionError(d.name, name, raw, jsonKind(attrs[name]), exampleLike(attrs[name]), err)
			}
			attrs[name] = v
		}
		// Round-trip so both kinds of model return the same JSON value types.
		return toAttrs(attrs)
	}
}

// matchKey finds the attribute an override names: exactly, or else ignoring
// case, since table headers are often capitalised ("Colour").
func matchKey[V any](key string, known map[string]V) (string, bool) {
	key = strings.TrimSpace(key)
	if _, ok := known[key]; ok {
		return key, true
	}
	for _, k := range sortedKeys(known) {
		if strings.EqualFold(k, key) {
			return k, true
		}
	}
	return "", false
}

// fieldByIndexAlloc is reflect.Value.FieldByIndex that allocates nil
// embedded struct pointers instead of panicking.
func fieldByIndexAlloc(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// setFromString parses a Gherkin cell into v according to v's type.
func setFromString(v reflect.Value, s string) error {
	if done, err := setNullable(v, s); done {
		return err
	}
	// time.Time and application enums know how to parse themselves.
	if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok {
		return u.UnmarshalText([]byte(strings.TrimSpace(s)))
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
		return nil
	case reflect.Interface:
		if v.NumMethod() != 0 {
			return errQuiet
		}
		v.Set(reflect.ValueOf(s))
		return nil
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return setScalar(v, strings.TrimSpace(s))
	}
	// Slices, maps and nested structs are written as JSON in the cell.
	return json.Unmarshal([]byte(strings.TrimSpace(s)), v.Addr().Interface())
}

// setNullable handles what an empty cell or a pointer means: an empty cell
// is how a table says null; a pointer gets a freshly parsed element. It
// reports whether it dealt with v.
func setNullable(v reflect.Value, s string) (bool, error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		if strings.TrimSpace(s) == "" {
			v.SetZero()
			return true, nil
		}
	}
	if v.Kind() != reflect.Pointer {
		return false, nil
	}
	p := reflect.New(v.Type().Elem())
	if err := setFromString(p.Elem(), s); err != nil {
		return true, err
	}
	v.Set(p)
	return true, nil
}

// setScalar parses a bool or number cell; the bit size makes an
// out-of-range value an error instead of a silent wrap.
func setScalar(v reflect.Value, s string) error {
	var err error
	switch v.Kind() {
	case reflect.Bool:
		var b bool
		b, err = strconv.ParseBool(s)
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var n int64
		n, err = strconv.ParseInt(s, 10, v.Type().Bits())
		v.SetInt(n)
	case reflect.Float32, reflect.Float64:
		var n float64
		n, err = strconv.ParseFloat(s, v.Type().Bits())
		v.SetFloat(n)
	default: // the unsigned kinds
		var n uint64
		n, err = strconv.ParseUint(s, 10, v.Type().Bits())
		v.SetUint(n)
	}
	if err != nil {
		return errQuiet
	}
	return nil
}

// convertLike parses raw into the JSON-ish type of a DefineMap default.
func convertLike(def any, raw string) (any, error) {
	trimmed := strings.TrimSpace(raw)
	switch def.(type) {
	case nil:
		if trimmed == "" {
			return nil, nil
		}
		return raw, nil
	case string:
		return raw, nil
	case bool:
		b, err := strconv.ParseBool(trimmed)
		if err != nil {
			return nil, errQuiet
		}
		return b, nil
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		n, err := strconv.ParseInt(trimmed, 10, 64)
		if err != nil {
			return nil, errQuiet
		}
		return n, nil
	case float32, float64, json.Number:
		n, err := strconv.ParseFloat(trimmed, 64)
		if err != nil {
			return nil, errQuiet
		}
		return n, nil
	default:
		if trimmed == "" {
			return nil, nil
		}
		var v any
		if err := json.Unmarshal([]byte(trimmed), &v); err != nil {
			return nil, err
		}
		return v, nil
	}
}

// jsonKind names the expected type of a DefineMap default in errors.
func jsonKind(def any) string {
	switch def.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "int"
	case float32, float64, json.Number:
		return "number"
	case bool:
		return "bool"
	case map[string]any, Attrs, []any:
		return "JSON"
	default:
		return fmt.Sprintf("JSON (like the default %T)", def)
	}
}

// errQuiet marks parse failures whose detail would only repeat the value
// and type already in the message (strconv's "invalid syntax").
var errQuiet = errors.New("invalid value")

func conversionError(model, attr, raw, want, example string, err error) error {
	if example != "" {
		want += ", e.g. " + example
	}
	if err == errQuiet {
		return fmt.Errorf("%s attribute %q: cannot convert %q to %s", model, attr, raw, want)
	}
	return fmt.Errorf("%s attribute %q: cannot convert %q to %s: %v", model, attr, raw, want, err)
}

// example is a cell that would convert to t, for error messages.
func example(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		return example(t.Elem())
	}
	if t == reflect.TypeFor[time.Time]() {
		return "2024-05-01T10:00:00Z"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "42"
	case reflect.Float32, reflect.Float64:
		return "9.99"
	case reflect.Slice, reflect.Array:
		return "[" + example(t.Elem()) + "]"
	case reflect.Map:
		return `{"key": ` + example(t.Elem()) + "}"
	case reflect.String:
		return `"text"`
	case reflect.Struct:
		if b, err := json.Marshal(reflect.New(t).Interface()); err == nil {
			return string(b)
		}
	}
	return ""
}

// exampleLike is example for a DefineMap default's type.
func exampleLike(def any) string {
	switch def.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "42"
	case float32, float64, json.Number:
		return "9.99"
	case bool:
		return "true"
	case []any:
		return `["a", "b"]`
	}
	return `{"key": "value"}`
}

// unknownAttribute lists what an override could have named instead.
func (d *Definition) unknownAttribute(key string) error {
	msg := fmt.Sprintf("%s has no attribute %q; attributes: %s", d.name, strings.TrimSpace(key), strings.Join(d.attributes, ", "))
	if ts := d.Transients(); len(ts) > 0 {
		msg += "; transient: " + strings.Join(ts, ", ")
	}
	if len(d.associations) > 0 {
		var as []string
		for _, a := range d.associations {
			as = append(as, a.name+" ("+a.name+".ATTRIBUTE)")
		}
		msg += "; associations: " + strings.Join(as, ", ")
	}
	if len(d.traits) > 0 {
		msg += "; traits (| traits | NAME |): " + strings.Join(d.Traits(), ", ")
	}
	return errors.New(msg)
}

// expectedType describes t for error messages, saying when empty means null.
func expectedType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return expectedType(t.Elem()) + " (or empty for null)"
	case reflect.Slice, reflect.Map:
		return fmt.Sprintf("%s as JSON (or empty for null)", t)
	case reflect.Struct:
		if _, ok := reflect.New(t).Interface().(encoding.TextUnmarshaler); !ok {
			return fmt.Sprintf("%s as JSON", t)
		}
	}
	return t.String()
}

// toAttrs converts a record to the JSON-decoded form the Store and steps see.
func toAttrs(v any) (Attrs, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding attributes: %w", err)
	}
	var attrs Attrs
	if err := json.Unmarshal(b, &attrs); err != nil {
		return nil, fmt.Errorf("attributes do not encode as a JSON object: %w", err)
	}
	if attrs == nil {
		attrs = Attrs{}
	}
	return attrs, nil
}
