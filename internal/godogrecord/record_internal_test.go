package godogrecord

import (
	"strings"
	"testing"

	memdb "github.com/hashicorp/go-memdb"
)

// The Console prunes only a record whose shape it knows: anything else (a
// godog that changed its storage) leaves the record whole, and says why.
func TestDatabaseRefusesWhatItDoesNotKnow(t *testing.T) {
	other, err := memdb.NewMemDB(&memdb.DBSchema{Tables: map[string]*memdb.TableSchema{
		"pickle_result": {Name: "pickle_result", Indexes: map[string]*memdb.IndexSchema{
			"id": {Name: "id", Unique: true, Indexer: &memdb.StringFieldIndex{Field: "ID"}},
		}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		storage any
		want    string
	}{
		"not a pointer":     {struct{}{}, "not the struct this package knows"},
		"no database field": {&struct{ records []string }{}, "no go-memdb database in its field db"},
		"another type":      {&struct{ db map[string]any }{}, "no go-memdb database in its field db"},
		"no database yet":   {&struct{ db *memdb.MemDB }{}, "no database yet"},
		"another schema":    {&struct{ db *memdb.MemDB }{other}, "no index pickle_id of table pickle_step_result"},
	} {
		t.Run(name, func(t *testing.T) {
			db, err := database(tc.storage)
			if db != nil || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("database(%T) = %v, %v; want no database and an error that says %q", tc.storage, db, err, tc.want)
			}
		})
	}
}
