package godogrecord

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
	memdb "github.com/hashicorp/go-memdb"
)

// godog's record (internal/storage of godog v0.16): the tables and indexes
// the Console deletes by, and the field each index reads.
var pruned = []struct{ table, index, field string }{
	{"pickle_step_result", "pickle_id", "PickleID"},
	{"pickle_result", "id", "PickleID"},
	{"step_defintion_match", "id", "StepID"}, // sic
}

// database is the go-memdb database behind godog's storage st, once its
// schema is checked to be the one the Console prunes.
func database(st any) (*memdb.MemDB, error) {
	v := reflect.ValueOf(st)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("godog's storage is %T, not the struct this package knows", st)
	}
	f := v.Elem().FieldByName("db")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*memdb.MemDB]() {
		return nil, fmt.Errorf("godog's storage (%T) has no go-memdb database in its field db", st)
	}
	// The field is unexported: read it by its address (it is a pointer set
	// once, when godog makes the storage).
	db := *(**memdb.MemDB)(unsafe.Pointer(f.UnsafeAddr()))
	if db == nil {
		return nil, errors.New("godog's storage has no database yet")
	}
	for _, p := range pruned {
		t := db.DBSchema().Tables[p.table]
		if t == nil || t.Indexes[p.index] == nil {
			return nil, fmt.Errorf("godog's record has no index %s of table %s", p.index, p.table)
		}
		if ix, ok := t.Indexes[p.index].Indexer.(*memdb.StringFieldIndex); !ok || ix.Field != p.field {
			return nil, fmt.Errorf("godog's record indexes table %s by %s otherwise than by the field %s", p.table, p.index, p.field)
		}
	}
	return db, nil
}

// prune lets go of godog's record of p, a scenario that passed and has been
// printed, and counts it for the summary; c.mu is held. A scenario whose
// record is not every step passed is left as it is.
func (c *Console) prune(p *messages.Pickle) {
	if c.db == nil {
		return
	}
	results := c.Storage.MustGetPickleStepResultsByPickleID(p.Id)
	if len(results) != len(p.Steps) {
		return
	}
	for _, r := range results {
		if r.Status != godog.StepPassed {
			return
		}
	}
	txn := c.db.Txn(true)
	var err error
	delete := func(table, index, value string) {
		if err == nil {
			_, err = txn.DeleteAll(table, index, value)
		}
	}
	delete("pickle_step_result", "pickle_id", p.Id)
	delete("pickle_result", "id", p.Id)
	// A step's match is kept by the step as written: an outline's examples
	// share it (and write it again each); the console formats never read it.
	for _, st := range p.Steps {
		if len(st.AstNodeIds) > 0 {
			delete("step_defintion_match", "id", st.AstNodeIds[0])
		}
	}
	if err != nil {
		txn.Abort()
		c.db, c.off = nil, fmt.Sprintf("deleting from godog's record: %v", err)
		return
	}
	txn.Commit()
	n := len(p.Steps)
	c.pruned = c.pruned.plus(counts{scenarios: 1, passedSc: 1, steps: n, passed: n})
}
