package retry

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"
)

func TestDo(t *testing.T) {
	refused := fmt.Errorf("dial: %w", syscall.ECONNREFUSED)
	fast := Policy{For: time.Second, Initial: time.Millisecond, Max: 4 * time.Millisecond}
	tests := []struct {
		name      string
		fails     int
		err       error
		policy    Policy
		wantCalls int
		wantErr   error
	}{
		{"ok first time", 0, refused, fast, 1, nil},
		{"transient then ok", 3, refused, fast, 4, nil},
		{"permanent", 5, errors.New("column mismatch"), fast, 1, nil},
		{"gives up", 1 << 30, refused, Policy{For: 30 * time.Millisecond, Initial: time.Millisecond, Max: 2 * time.Millisecond}, -1, ErrGaveUp},
		{"no retries", 5, refused, Policy{For: -1}, 1, syscall.ECONNREFUSED},
	}
	for _, tt := range tests {
		calls, retries := 0, 0
		tt.policy.OnRetry = func(int, error, time.Duration) { retries++ }
		err := Do(context.Background(), tt.policy, Transient, func() error {
			calls++
			if calls <= tt.fails {
				return tt.err
			}
			return nil
		})
		if tt.wantCalls > 0 && calls != tt.wantCalls {
			t.Errorf("%s: %d calls, want %d", tt.name, calls, tt.wantCalls)
		}
		switch {
		case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.wantErr)
		case tt.wantErr == nil && tt.fails < calls && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.name == "permanent" && err == nil:
			t.Errorf("permanent error not returned")
		}
		if tt.wantErr == nil && err == nil && retries != calls-1 {
			t.Errorf("%s: OnRetry told %d times for %d calls", tt.name, retries, calls)
		}
	}
}

func TestTransient(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("x: %w", syscall.ECONNRESET), true},
		{errors.New("clickhouse: read: connection reset by peer"), true},
		{errors.New("code: 60, message: Table debrief.x doesn't exist"), false},
		{context.Canceled, false},
		{nil, false},
	} {
		if got := Transient(tt.err); got != tt.want {
			t.Errorf("Transient(%v) = %v", tt.err, got)
		}
	}
}

func TestDoStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	start := time.Now()
	err := Do(ctx, Policy{For: time.Minute, Initial: 50 * time.Millisecond}, Transient, func() error {
		calls++
		cancel()
		return syscall.ECONNREFUSED
	})
	if err == nil || calls != 1 || time.Since(start) > time.Second {
		t.Errorf("cancelled: %v after %d calls in %v", err, calls, time.Since(start))
	}
}
