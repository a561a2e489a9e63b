package ingest

import (
	"strings"
	"sync"
	"sync/atomic"
)

// memo caches a pure string function, whose results must not refer to
// its input, for short inputs that recur across
// documents (headings, metadata keys). It is safe for concurrent use and
// holds at most limit entries, so unusual inputs cannot grow it without
// bound; past the limit it computes without caching.
type memo struct {
	m     sync.Map // string -> string
	n     atomic.Int32
	limit int32
	maxIn int // longest input cached, in bytes
	f     func(string) string
}

func (c *memo) get(s string) string {
	if len(s) > c.maxIn {
		return c.f(s)
	}
	if v, ok := c.m.Load(s); ok {
		return v.(string)
	}
	v := c.f(s)
	if c.n.Load() < c.limit {
		// Clone: s may be a slice of a large document, which the cache
		// must not keep alive. (Values are the canonical constants.)
		if _, loaded := c.m.LoadOrStore(strings.Clone(s), v); !loaded {
			c.n.Add(1)
		}
	}
	return v
}
