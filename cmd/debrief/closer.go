package main

import (
	"fmt"
	"io"
)

// closeInto closes c and, when the command has no error of its own yet,
// reports the close error through errp: a store that fails to close may
// not have flushed what it wrote, and a file that fails to close may be
// short. Use as `defer closeInto(&err, st, "store")` in a RunE with a
// named error result.
func closeInto(errp *error, c io.Closer, what string) {
	if cerr := c.Close(); cerr != nil && *errp == nil {
		*errp = fmt.Errorf("close %s: %w", what, cerr)
	}
}
