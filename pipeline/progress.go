package pipeline

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
)

// Progress is told how a run advances. Implementations must be safe for
// concurrent use: Advance is called from several workers.
type Progress interface {
	// Start is called once with the number of files and their total size.
	Start(files int, bytes int64)
	// Advance is called once per file, parsed or not.
	Advance(path string, bytes int64)
	// Finish is called once at the end of the run.
	Finish()
}

// NewProgress returns a progress bar when w is a terminal and periodic
// plain log lines otherwise (CI logs, pipes).
func NewProgress(w *os.File) Progress {
	if isatty.IsTerminal(w.Fd()) || isatty.IsCygwinTerminal(w.Fd()) {
		return &barProgress{w: w}
	}
	return &logProgress{w: w, every: 5 * time.Second}
}

// barProgress draws files, MB, rate and ETA on one terminal line.
type barProgress struct {
	w     io.Writer
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	files int
	done  int
}

func (p *barProgress) Start(files int, bytes int64) {
	p.files = files
	p.bar = progressbar.NewOptions64(bytes,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription(fmt.Sprintf("ingest 0/%d files", files)),
	)
}

func (p *barProgress) Advance(_ string, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.bar.Describe(fmt.Sprintf("ingest %d/%d files", p.done, p.files))
	_ = p.bar.Add64(bytes)
}

func (p *barProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Finish()
}

// logProgress prints a line at most every `every`, and one at the end.
type logProgress struct {
	w      io.Writer
	every  time.Duration
	mu     sync.Mutex
	start  time.Time
	last   time.Time
	files  int
	total  int64
	done   int
	bytes  int64
	closed bool
}

func (p *logProgress) Start(files int, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files, p.total = files, bytes
	p.start = time.Now()
	p.last = p.start
	fmt.Fprintf(p.w, "ingest: %d files, %.1f MB to read\n", files, float64(bytes)/1e6)
}

func (p *logProgress) Advance(_ string, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.bytes += bytes
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.line(now)
	}
}

func (p *logProgress) line(now time.Time) {
	secs := now.Sub(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.bytes) / 1e6 / secs
	}
	eta := "?"
	if p.bytes > 0 && p.total > p.bytes {
		remaining := float64(p.total-p.bytes) / float64(p.bytes) * secs
		eta = time.Duration(remaining * float64(time.Second)).Round(time.Second).String()
	} else if p.total <= p.bytes {
		eta = "0s"
	}
	fmt.Fprintf(p.w, "ingest: %d/%d files, %.1f/%.1f MB, %.1f MB/s, ETA %s\n",
		p.done, p.files, float64(p.bytes)/1e6, float64(p.total)/1e6, rate, eta)
}

func (p *logProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.closed = true
	p.line(time.Now())
}
