// Command patrec-ferretdb serves the MongoDB wire protocol on a Unix socket that only its
// owner can connect to, storing data in SQLite files under a folder, until it receives
// SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	socket := flag.String("socket", "", "Unix socket to serve the MongoDB wire protocol on (owner-only)")
	dataDir := flag.String("data", "", "folder holding the SQLite databases (created if missing)")
	flag.Parse()

	if err := run(*socket, *dataDir); err != nil {
		fmt.Fprintln(os.Stderr, "patrec-ferretdb:", err)
		os.Exit(1)
	}
}

func run(socket, dataDir string) error {
	if socket == "" || dataDir == "" {
		return fmt.Errorf("-socket and -data are required")
	}
	// Everything made from here on is its owner's alone: connecting to a Unix socket takes
	// write permission on it, so no other local user can reach the store, and the SQLite
	// files are unreadable to them.
	syscall.Umask(0o077)
	// A socket left by a killed run would stop the listener; none but ours lives at this path.
	if err := os.Remove(socket); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return err
	}

	server, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{Unix: socket},
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
	fmt.Printf("patrec-ferretdb serving %s from %s\n", socket, abs)
	go keepIDIndexes(ctx, abs)
	return server.Run(ctx)
}
