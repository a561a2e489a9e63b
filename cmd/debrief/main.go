// Command debrief parses incident postmortems, tags blame phrasing,
// assumptions and contributing-factor themes, stores them and shows what
// keeps happening across teams and quarters.
//
// Exit codes: 0 success; 1 some input failed (ingest) or findings at or
// above the threshold (lint); 2 usage error or unreadable input.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

func main() {
	// debrief's live heap is small and flat (tens of MB while ingesting);
	// collecting less often buys about 20% of parse throughput. GOGC, when
	// set, still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	root := newRootCmd()
	root.SetContext(ctx)
	err := root.Execute()
	stop() // before os.Exit, which skips deferred calls
	os.Exit(exitCode(err))
}

// exitError carries an exit code up to main; its message (if any) has
// already been printed or is printed by main.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageErr reports a usage problem (exit 2).
func usageErr(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// exitWith returns an error that only sets the exit code; nothing more is printed.
func exitWith(code int) error {
	if code == 0 {
		return nil
	}
	return &exitError{code: code}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, "debrief:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(os.Stderr, "debrief:", err)
	if strings.HasPrefix(err.Error(), "unknown command") {
		return 2
	}
	return 1
}
