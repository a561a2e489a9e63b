// Package retry retries store writes that fail for a passing reason (a
// dropped connection, a server restarting) with exponential backoff.
//
// Retrying a Put is safe because Put is an upsert keyed by document ID (see
// store.Store): a write that failed half way, or that succeeded but whose
// answer was lost, is simply written again.
package retry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Policy says how long and how often to retry. The zero value retries for
// 2 minutes, waiting 250ms, then twice as long each time up to 10s, with
// ±20% jitter.
type Policy struct {
	// For is the total time to keep retrying; 0 means 2 minutes, negative
	// means no retries.
	For time.Duration
	// Initial and Max bound the wait between attempts (0: 250ms and 10s).
	Initial, Max time.Duration
	// OnRetry, when set, is told about every failed attempt that will be
	// retried (to print "retrying in 2s").
	OnRetry func(attempt int, err error, wait time.Duration)
}

// ErrGaveUp wraps the last error when the policy's time ran out.
var ErrGaveUp = errors.New("gave up retrying")

// Do runs fn until it returns nil, an error transient rejects, ctx ends or
// p.For has passed. The error after giving up wraps ErrGaveUp and the last
// error, and says how many attempts were made.
func Do(ctx context.Context, p Policy, transient func(error) bool, fn func() error) error {
	if p.For == 0 {
		p.For = 2 * time.Minute
	}
	if p.Initial <= 0 {
		p.Initial = 250 * time.Millisecond
	}
	if p.Max <= 0 {
		p.Max = 10 * time.Second
	}
	deadline := time.Now().Add(p.For)
	wait := p.Initial
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !transient(err) || ctx.Err() != nil {
			return err
		}
		if p.For < 0 || time.Now().Add(wait).After(deadline) {
			if attempt == 1 {
				return err
			}
			return fmt.Errorf("%w after %d attempts over %s: %w", ErrGaveUp, attempt, p.For.Round(time.Second), err)
		}
		d := time.Duration(float64(wait) * (0.8 + 0.4*rand.Float64()))
		if p.OnRetry != nil {
			p.OnRetry(attempt, err, d)
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, p.Max)
	}
}

// Transient reports whether err looks like a connection problem that may
// pass: refused, reset or timed-out connections, unexpected EOFs, broken
// pipes. Errors about the data (validation, SQL) are not transient.
func Transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "connection reset", "broken pipe", "i/o timeout",
		"unexpected EOF", ": EOF", "acquire conn timeout", "bad connection", "no route to host"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// Store is a store.Store whose Put retries transient failures by Policy.
// Every other method is the wrapped store's.
type Store struct {
	store.Store
	Policy Policy
}

// Put writes docs, retrying transient failures.
func (s Store) Put(ctx context.Context, docs []*model.Postmortem) error {
	return Do(ctx, s.Policy, Transient, func() error { return s.Store.Put(ctx, docs) })
}
