// Command demo-store runs the Romaine demo web shop on 127.0.0.1.
//
//	go run ./cmd/demo-store -port 8080 -test-mode -chaos -seed-data
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/romaine-bdd/romaine/demo"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo-store:", err)
		os.Exit(1)
	}
}

func run() error {
	port := flag.String("port", envOr("PORT", "8080"), "port to listen on (env PORT)")
	testMode := flag.Bool("test-mode", os.Getenv("DEMO_TEST_MODE") == "1", "enable /__test__/ endpoints (env DEMO_TEST_MODE=1)")
	chaos := flag.Bool("chaos", os.Getenv("DEMO_CHAOS") == "1", "random API latency and UI delays (env DEMO_CHAOS=1)")
	dbPath := flag.String("db", "", "SQLite file (default: a temporary file removed on exit)")
	seedData := flag.Bool("seed-data", false, "create owner@example.com and customer@example.com (password \"secret\"), products and orders")
	verbose := flag.Bool("v", false, "log every request to stderr")
	flag.Parse()

	opts := demo.Options{DBPath: *dbPath, TestMode: *testMode, Chaos: *chaos}
	if *verbose {
		opts.Log = os.Stderr
	}
	store, err := demo.New(opts)
	if err != nil {
		return err
	}
	defer store.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *seedData {
		added, err := store.SeedSampleData(ctx)
		if err != nil {
			return fmt.Errorf("seed data: %w", err)
		}
		if !added {
			fmt.Fprintln(os.Stderr, "demo-store: database already has users; sample data not added")
		}
	}

	// Listen before announcing, so the printed URL already answers.
	listener, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", *port))
	if err != nil {
		return err
	}
	server := &http.Server{Handler: store, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	fmt.Printf("demo store listening on http://%s\n", listener.Addr())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
