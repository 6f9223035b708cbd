// Command conveyor-ferretdb is the MongoDB-wire test server for machines without MongoDB:
// FerretDB 1.x embedded, over PostgreSQL when a URL is given, else SQLite in a directory.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to serve the MongoDB wire protocol on")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL backend URL; empty selects SQLite")
	sqliteDir := flag.String("sqlite-dir", "", "directory for the SQLite backend")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "conveyor-ferretdb: bad -log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{Listener: ferretdb.ListenerConfig{TCP: *listen}, Logger: logger}
	switch {
	case *postgresURL != "":
		config.Handler = "postgresql"
		config.PostgreSQLURL = *postgresURL
	case *sqliteDir != "":
		if err := os.MkdirAll(*sqliteDir, 0o700); err != nil {
			fmt.Fprintf(os.Stderr, "conveyor-ferretdb: %v\n", err)
			os.Exit(1)
		}
		config.Handler = "sqlite"
		config.SQLiteURL = "file:" + *sqliteDir + "/"
	default:
		fmt.Fprintln(os.Stderr, "conveyor-ferretdb: give -postgresql-url or -sqlite-dir")
		os.Exit(2)
	}

	f, err := ferretdb.New(config)
	if err != nil {
		fmt.Fprintf(os.Stderr, "conveyor-ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// The parent process waits for this line before connecting.
	fmt.Printf("ready %s\n", f.MongoDBURI())
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "conveyor-ferretdb: %v\n", err)
		os.Exit(1)
	}
}
