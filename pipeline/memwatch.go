package pipeline

import (
	"runtime"
	"sync"
	"time"
)

// HeapWatch samples the Go heap while a run goes on, to show that memory
// stays flat as the corpus grows. Start it with WatchHeap and Stop it to
// read the peak.
type HeapWatch struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
}

// WatchHeap samples runtime.MemStats.HeapInuse every interval.
func WatchHeap(interval time.Duration) *HeapWatch {
	w := &HeapWatch{stop: make(chan struct{})}
	w.done.Add(1)
	go func() {
		defer w.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			w.sample()
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

func (w *HeapWatch) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapInuse > w.peak {
		w.peak = m.HeapInuse
	}
}

// Stop ends sampling and returns the peak heap in use, in bytes.
func (w *HeapWatch) Stop() uint64 {
	close(w.stop)
	w.done.Wait()
	return w.peak
}
