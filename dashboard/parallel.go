package dashboard

import (
	"sync"
	"time"

	"github.com/debrief-dev/debrief/store"
)

// maxParallel bounds the store queries one request runs at once.
const maxParallel = 4

// parallel runs fns with at most maxParallel at a time and returns the
// first error (all fns run to completion either way).
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// rowCache keeps the rows of expensive loaders for a short time, keyed by
// the request's query string.
type rowCache struct {
	ttl time.Duration
	max int

	mu sync.Mutex
	m  map[string]cachedRows
}

type cachedRows struct {
	at   time.Time
	rows []store.AggRow
}

func newRowCache(ttl time.Duration, max int) *rowCache {
	return &rowCache{ttl: ttl, max: max, m: map[string]cachedRows{}}
}

// get returns the cached rows for key, or loads, stores and returns them.
func (c *rowCache) get(key string, load func() ([]store.AggRow, error)) ([]store.AggRow, error) {
	c.mu.Lock()
	if e, ok := c.m[key]; ok && time.Since(e.at) < c.ttl {
		c.mu.Unlock()
		return e.rows, nil
	}
	c.mu.Unlock()
	rows, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		for k, e := range c.m {
			if time.Since(e.at) >= c.ttl || len(c.m) >= c.max {
				delete(c.m, k)
			}
		}
	}
	c.m[key] = cachedRows{at: time.Now(), rows: rows}
	return rows, nil
}
