package factories

import (
	"fmt"
	"strings"
)

// Resolve reads the noun phrase of a step: a model's name (singular, plural
// or alias), possibly after trait names, as in "delivered order" or "sold
// out, discounted products". The longest Go model name that ends the phrase
// wins; the words before it must all be traits of that model. A phrase that
// ends in no Go model's name is a schema-less model of that name ("user").
func (r *Registry) Resolve(phrase string) (*Definition, []string, error) {
	return r.resolve(phrase, phrase)
}

// ResolvePlural is Resolve for a step about several records ("Given 3 users
// exist"): a schema-less model is named by the singular of the phrase's last
// word, by the regular English rules (users → user, categories → category).
func (r *Registry) ResolvePlural(phrase string) (*Definition, []string, error) {
	return r.resolve(phrase, singular(phrase))
}

// resolve is Resolve, with the name a schema-less model would have.
func (r *Registry) resolve(phrase, schemaless string) (*Definition, []string, error) {
	if d, err := r.Lookup(phrase); err == nil {
		return d, nil, nil
	}
	words := strings.Fields(strings.ReplaceAll(phrase, ",", " , "))
	for i := 1; i < len(words); i++ {
		d, err := r.Lookup(strings.Join(words[i:], " "))
		if err != nil {
			continue
		}
		traits, err := d.parseTraitWords(words[:i])
		return d, traits, err
	}
	if strings.TrimSpace(phrase) == "" {
		return nil, nil, fmt.Errorf("no model named in %q", phrase)
	}
	return r.schemaless(schemaless), nil, nil
}

// ParseTraits reads a list of the model's trait names as a step writes it:
// "delivered and refunded", "sold out, discounted".
func (d *Definition) ParseTraits(list string) ([]string, error) {
	if d.schemaless {
		return nil, d.schemalessTraits(list)
	}
	return d.parseTraitWords(strings.Fields(strings.ReplaceAll(list, ",", " , ")))
}

// parseTraitWords matches the longest trait name at each point, so trait
// names may have spaces ("sold out") and even contain "and"; between traits,
// "and" and commas separate.
func (d *Definition) parseTraitWords(words []string) ([]string, error) {
	var traits []string
	for i := 0; i < len(words); {
		matched := 0
		for j := len(words); j > i; j-- {
			if t, ok := d.trait(strings.Join(words[i:j], " ")); ok {
				traits = append(traits, t.name)
				matched = j - i
				break
			}
		}
		switch {
		case matched > 0:
			i += matched
		case words[i] == "," || strings.EqualFold(words[i], "and"):
			i++
		default:
			// Name the unknown trait up to the next separator.
			j := i + 1
			for j < len(words) && words[j] != "," && !strings.EqualFold(words[j], "and") {
				j++
			}
			return nil, d.unknownTrait(strings.Join(words[i:j], " "))
		}
	}
	if len(traits) == 0 {
		return nil, fmt.Errorf("no trait of %s named in %q; traits: %s", d.name, strings.Join(words, " "), strings.Join(d.Traits(), ", "))
	}
	return traits, nil
}
