// Command apicount counts the exported identifiers of package folders: top-level
// functions, types, variables and constants, methods of exported types, exported
// struct fields and interface methods, in the non-test files. It says how many
// have no doc comment; V=1 lists them all. It is how the size of the public API
// is compared before and after a change (make api-count):
//
//	go run ./scripts/apicount support terrain
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
)

func main() {
	for _, dir := range os.Args[1:] {
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ParseComments)
		if err != nil {
			fmt.Fprintf(os.Stderr, "apicount: %v\n", err)
			os.Exit(2)
		}
		var names []string
		undoc := 0
		for _, p := range pkgs {
			for _, f := range p.Files {
				for _, d := range f.Decls {
					switch d := d.(type) {
					case *ast.FuncDecl:
						if !d.Name.IsExported() {
							continue
						}
						n := d.Name.Name
						if d.Recv != nil {
							t := d.Recv.List[0].Type
							if s, ok := t.(*ast.StarExpr); ok {
								t = s.X
							}
							if ix, ok := t.(*ast.IndexExpr); ok {
								t = ix.X
							}
							id := t.(*ast.Ident)
							if !id.IsExported() {
								continue
							}
							n = id.Name + "." + n
						}
						if d.Doc == nil {
							undoc++
							n += " (undoc)"
						}
						names = append(names, "func "+n)
					case *ast.GenDecl:
						for _, s := range d.Specs {
							switch s := s.(type) {
							case *ast.TypeSpec:
								if !s.Name.IsExported() {
									continue
								}
								doc := s.Doc != nil || d.Doc != nil
								n := "type " + s.Name.Name
								if !doc {
									undoc++
									n += " (undoc)"
								}
								names = append(names, n)
								if st, ok := s.Type.(*ast.StructType); ok {
									for _, fl := range st.Fields.List {
										for _, fn := range fl.Names {
											if fn.IsExported() {
												m := "field " + s.Name.Name + "." + fn.Name
												if fl.Doc == nil && fl.Comment == nil {
													undoc++
													m += " (undoc)"
												}
												names = append(names, m)
											}
										}
										if len(fl.Names) == 0 {
											names = append(names, fmt.Sprintf("embed %s.%v", s.Name.Name, fl.Type))
										}
									}
								}
								if it, ok := s.Type.(*ast.InterfaceType); ok {
									for _, fl := range it.Methods.List {
										for _, fn := range fl.Names {
											if fn.IsExported() {
												names = append(names, "imethod "+s.Name.Name+"."+fn.Name)
											}
										}
									}
								}
							case *ast.ValueSpec:
								for _, n := range s.Names {
									if !n.IsExported() {
										continue
									}
									m := "value " + n.Name
									if s.Doc == nil && d.Doc == nil && s.Comment == nil {
										undoc++
										m += " (undoc)"
									}
									names = append(names, m)
								}
							}
						}
					}
				}
			}
		}
		sort.Strings(names)
		if len(os.Getenv("V")) > 0 {
			for _, n := range names {
				fmt.Println("  ", n)
			}
		}
		fmt.Printf("%s: %d exported identifiers, %d without doc comment\n", dir, len(names), undoc)
	}
}
