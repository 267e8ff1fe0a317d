// Command patrec-ferretdb serves the MongoDB wire protocol on a TCP address, storing data
// in SQLite files under a folder, until it receives SIGINT or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to serve the MongoDB wire protocol on")
	dataDir := flag.String("data", "", "folder holding the SQLite databases (created if missing)")
	flag.Parse()

	if err := run(*listen, *dataDir); err != nil {
		fmt.Fprintln(os.Stderr, "patrec-ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, dataDir string) error {
	if dataDir == "" {
		return fmt.Errorf("-data is required")
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return err
	}

	server, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Handler:  "sqlite",
		// FerretDB requires the folder URL to end with a slash. Write transactions take the
		// lock when they begin: a read that later upgrades to a write under many concurrent
		// writers otherwise fails with SQLITE_BUSY (measured at 50 writers).
		SQLiteURL: "file:" + abs + "/?_txlock=immediate",
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	fmt.Printf("patrec-ferretdb serving %s from %s\n", listen, abs)
	go keepIDIndexes(ctx, abs)
	return server.Run(ctx)
}
