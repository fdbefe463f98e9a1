package factories

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Querier is what SQLStore needs of a database: *sql.DB, *sql.Tx and
// *sql.Conn all have it.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// SQLStore writes each record as a row through database/sql: one table per
// model, one column per attribute, and the row as inserted (with its id and
// the database's defaults) read back with INSERT ... RETURNING *, which
// SQLite (3.35+), PostgreSQL and MariaDB (10.5+) support.
type SQLStore struct {
	// DB is where the rows go: a *sql.DB, *sql.Tx or *sql.Conn.
	DB Querier
	// Table names a model's table; nil means the model's name pluralised
	// by the English rules ("product" → "products", "category" → "categories").
	Table func(model string) string
	// Placeholder writes the n-th (1-based) query parameter; nil means "?"
	// (SQLite, MySQL); PostgreSQL wants PostgresPlaceholder.
	Placeholder func(n int) string
}

// Create inserts attrs into the model's table. Nested values (maps, lists)
// are stored as JSON text, whole numbers as integers. A failure quotes the
// statement and the database's error.
func (s SQLStore) Create(ctx context.Context, model string, attrs Attrs) (Attrs, error) {
	if s.DB == nil {
		return nil, fmt.Errorf("creating %s: SQLStore has no DB", model)
	}
	query, args, err := s.insert(model, attrs)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", model, err)
	}
	rows, err := s.DB.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %s with %s: %w", model, query, showArgs(args), err)
	}
	defer rows.Close()
	row, err := readRow(rows)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %s with %s: %w", model, query, showArgs(args), err)
	}
	return row, nil
}

// insert is the statement and its arguments, columns in name order so the
// statement (and any error quoting it) is always the same.
func (s SQLStore) insert(model string, attrs Attrs) (string, []any, error) {
	table := pluralize(model)
	if s.Table != nil {
		table = s.Table(model)
	}
	placeholder := s.Placeholder
	if placeholder == nil {
		placeholder = func(int) string { return "?" }
	}
	cols := sortedKeys(attrs)
	if len(cols) == 0 {
		return "INSERT INTO " + quoteIdent(table) + " DEFAULT VALUES RETURNING *", nil, nil
	}
	names, marks := make([]string, len(cols)), make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		v, err := sqlValue(attrs[c])
		if err != nil {
			return "", nil, fmt.Errorf("attribute %q: %w", c, err)
		}
		names[i], marks[i], args[i] = quoteIdent(c), placeholder(i+1), v
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) RETURNING *",
		quoteIdent(table), strings.Join(names, ", "), strings.Join(marks, ", ")), args, nil
}

// showArgs writes the statement's values for an error message.
func showArgs(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			parts[i] = strconv.Quote(s)
		} else {
			parts[i] = fmt.Sprint(a)
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// quoteIdent quotes a table or column name the SQL-standard way, so that
// attribute names are never read as SQL.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// sqlValue turns a JSON-ish attribute into a database/sql argument.
func sqlValue(v any) (any, error) {
	switch v := v.(type) {
	case nil, string, bool, int64:
		return v, nil
	case float64:
		// JSON made every number a float64; integer columns want integers.
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v), nil
		}
		return v, nil
	case int:
		return int64(v), nil
	case json.Number:
		// A schema-less model's cell, digits as written.
		if n, err := v.Int64(); err == nil {
			return n, nil
		}
		return v.Float64()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// readRow reads the one row RETURNING gave, as JSON-ish attributes like the
// other stores' (numbers float64, text string).
func readRow(rows *sql.Rows) (Attrs, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, errors.New("the database returned no row")
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	row := Attrs{}
	for i, c := range cols {
		switch v := vals[i].(type) {
		case []byte:
			row[c] = string(v)
		case int64:
			row[c] = float64(v)
		default:
			row[c] = v
		}
	}
	// Round-trip so times and driver types become what encoding/json makes.
	b, err := json.Marshal(row)
	if err != nil {
		return nil, fmt.Errorf("reading the row: %w", err)
	}
	out := Attrs{}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, rows.Close()
}

// PostgresPlaceholder writes PostgreSQL's $1, $2, ... parameters.
func PostgresPlaceholder(n int) string { return "$" + strconv.Itoa(n) }
