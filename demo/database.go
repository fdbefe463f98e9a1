package demo

import (
	"context"
	"database/sql"
	"fmt"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// schema is applied on every open; IF NOT EXISTS makes it safe on an
// existing -db file. Money is integer cents so sums never drift.
const schema = `
CREATE TABLE IF NOT EXISTS users (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	email    TEXT NOT NULL UNIQUE,
	name     TEXT NOT NULL,
	password TEXT NOT NULL, -- "salt$sha256hex", never the plain password
	role     TEXT NOT NULL CHECK (role IN ('owner', 'customer'))
);
CREATE TABLE IF NOT EXISTS products (
	id     INTEGER PRIMARY KEY AUTOINCREMENT,
	name   TEXT NOT NULL,
	colour TEXT NOT NULL DEFAULT '',
	size   TEXT NOT NULL DEFAULT '',
	price  INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0), -- cents
	stock  INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0)
);
CREATE TABLE IF NOT EXISTS orders (
	id                     INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id            INTEGER NOT NULL REFERENCES users(id),
	product_id             INTEGER NOT NULL REFERENCES products(id),
	quantity               INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
	status                 TEXT NOT NULL DEFAULT 'delivered'
		CHECK (status IN ('delivered', 'return_requested', 'refunded', 'replaced')),
	replacement_product_id INTEGER REFERENCES products(id),
	refund_method          TEXT CHECK (refund_method IN ('card', 'store_credit')) -- refunded orders only
);
CREATE TABLE IF NOT EXISTS product_photos (
	product_id   INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
	file_name    TEXT NOT NULL,
	content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
	data         BLOB NOT NULL,
	version      INTEGER NOT NULL DEFAULT 1 -- goes up on every upload, so the page's URL changes
);
`

// migrations bring a database file made by an older store up to the schema:
// CREATE TABLE IF NOT EXISTS leaves an existing table as it was. Each adds a
// column that is missing and is skipped when it is there.
var migrations = []struct{ table, column, definition string }{
	{"orders", "refund_method", "TEXT CHECK (refund_method IN ('card', 'store_credit'))"},
}

// openDatabase opens the SQLite file with settings that keep a test suite
// fast: WAL with synchronous=NORMAL makes each commit cheap, and a single
// connection serialises writers so nobody ever sees SQLITE_BUSY.
func openDatabase(path string) (*sql.DB, error) {
	dsn := path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("demo: open database %s: %w", path, err)
	}
	// One connection: the shop is tiny, and it makes every transaction
	// strictly serial, which is exactly what the stock math needs.
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("demo: create schema in %s: %w", path, err)
	}
	if err := migrate(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("demo: migrate %s: %w", path, err)
	}
	return db, nil
}

func migrate(db *sql.DB) error {
	for _, m := range migrations {
		var n int
		err := db.QueryRow("SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?", m.table, m.column).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if _, err := db.Exec("ALTER TABLE " + m.table + " ADD COLUMN " + m.column + " " + m.definition); err != nil {
			return fmt.Errorf("add %s.%s: %w", m.table, m.column, err)
		}
	}
	return nil
}

// dbtx is what *sql.DB and *sql.Tx have in common, so queries can run
// inside or outside a transaction.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inTx runs fn in a transaction, committing only if fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// resetDatabase empties every table and restarts the id counters, in one
// transaction. DELETE on four small tables is a few milliseconds, far
// cheaper than recreating the file.
func (s *Store) resetDatabase(ctx context.Context) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, stmt := range []string{
			"DELETE FROM orders", // orders and photos first: they reference users and products
			"DELETE FROM product_photos",
			"DELETE FROM products",
			"DELETE FROM users",
			"DELETE FROM sqlite_sequence",
		} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("%s: %w", stmt, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Ids restart at 1, so an old cookie must not sign someone in as
	// whoever gets the recycled id.
	s.sessions.clear()
	return nil
}
