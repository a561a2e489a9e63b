package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/model"
)

// eachParsed parses every path and calls fn with each postmortem. Templates
// are reported on stderr as skipped; files that fail to parse are reported
// as "path: problem" and make the result exit code 1. An error from fn
// stops the loop and is returned.
func eachParsed(paths []string, opts ingest.Options, fn func(*model.Postmortem) error) error {
	failed := false
	for _, path := range paths {
		doc, err := ingest.ParseFile(path, opts)
		if errors.Is(err, ingest.ErrTemplate) {
			fmt.Fprintf(os.Stderr, "%s: skipped: %v\n", path, err)
			continue
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			failed = true
			continue
		}
		if err := fn(doc); err != nil {
			return err
		}
	}
	if failed {
		return exitWith(1)
	}
	return nil
}
