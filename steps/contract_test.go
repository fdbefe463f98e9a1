package steps

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// contractFile holds the phrases that are a published contract.
const contractFile = "../docs/vocabulary.md"

// phraseLine is an indented phrase of the contract, with its optional note in
// parentheses after two or more spaces.
var phraseLine = regexp.MustCompile(`^    ((?:Given|When|Then) .*?)(?:\s{2,}\(.*\))?$`)

func contractPhrases(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(contractFile)
	if err != nil {
		t.Fatalf("the contract: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := phraseLine.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, strings.TrimSpace(m[1]))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 49 {
		t.Fatalf("%s lists %d phrases; it had 49 when it was written, and phrases may only be added", contractFile, len(out))
	}
	return out
}

// Every phrase of the contract (docs/vocabulary.md) must be a core step, word
// for word.
func TestCatalogCoversTheContract(t *testing.T) {
	phrases := map[string]bool{}
	for _, d := range Catalog() {
		phrases[d.Phrase] = true
	}
	for _, p := range contractPhrases(t) {
		if !phrases[p] {
			t.Errorf("%s: the phrase %q is not in the catalogue", contractFile, p)
		}
	}
}

// Steps written as the contract shows them must match exactly one core step.
func TestContractLinesMatchOneStep(t *testing.T) {
	lines := []string{
		`I am on "/sign-in"`, `I go to "/inventory"`, `I am on the inventory page`, `I click "Sign in"`,
		`I click "Refund" within the "tr.return" containing "Alice"`, `I click ".remove" within "#cart li.selected"`,
		`I fill in "Email" with "{{customer.email}}"`, `I should see 1 "li.item" element`, `I should see 3 "#cart li" elements`,
		`"Save" should be visible within "#form"`, `the "Email" field should contain "@"`, `a product exists`,
		`an order exists`, `2 products exist`, `a customer "alice" exists`, `the following products exist:`,
		`I send a DELETE request to "/api/products/1"`, `the JSON response at "items.0.name" should be "x"`,
		`I press the "Enter" key`, `I should not see "Loading" within the ".spinner" containing "x"`,
		`I should see "say \"hi\""`, `I click "text=#1 seller" within "text=.NET"`, `the page title should contain "Store"`,
		`I should be on "/#/active"`, `I fill in "C:\" with "x"`,
	}
	docs := Catalog()
	for _, l := range lines {
		n := 0
		for _, d := range docs {
			if regexp.MustCompile(d.Expr).MatchString(l) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q matches %d core steps; want exactly 1 (godog reports 0 as undefined and 2+ as ambiguous)", l, n)
		}
	}
}

// A clone must be complete on its own: nothing may point at files outside the
// repository, where the vocabulary once lived.
func TestNothingRefersOutsideTheRepository(t *testing.T) {
	outside := []string{"../" + "shared", "/work/" + "shared"}
	for _, file := range trackedFiles(t) {
		data, err := os.ReadFile(filepath.Join("..", file))
		if err != nil {
			continue // deleted in the work tree, or not a regular file
		}
		for _, o := range outside {
			if strings.Contains(string(data), o) {
				t.Errorf("%s refers to %s, which is not in the repository", file, o)
			}
		}
	}
}

// trackedFiles lists the repository's files: git's list when git is there,
// else every file under the root but hidden and generated folders.
func trackedFiles(t *testing.T) []string {
	if out, err := exec.Command("git", "-C", "..", "ls-files", "-z").Output(); err == nil {
		return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	}
	var files []string
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != ".." && (strings.HasPrefix(name, ".") || name == "bin" || name == "romaine-artifacts") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel("..", path)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
