// Package pipeline runs ingestion end to end: walk the given paths, parse
// each file (ingest), tag it (analysis), and write it to a store in batches.
//
// It is the one place where ingest, analysis and store meet, so that the
// command line, the demo and the benchmarks all ingest the same way.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Every store is a Sink.
var _ Sink = store.Store(nil)

// Options configure a run. The zero value parses with default ingest
// options, does not analyse, and uses one worker per CPU.
type Options struct {
	Parse ingest.Options
	// Analyzer tags each postmortem before it is stored; nil stores
	// postmortems without findings, themes or score.
	Analyzer *analysis.Analyzer
	// Workers parse and analyse in parallel; 0 means GOMAXPROCS.
	Workers int
	// BatchDocs and BatchBytes bound one store.Put call (0: 512 docs, 8 MiB
	// of source text), whichever is reached first.
	BatchDocs  int
	BatchBytes int64
	// Progress is told about every file; nil reports nothing.
	Progress Progress
}

// FileError is one file that could not be ingested.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e FileError) Unwrap() error { return e.Err }

// Summary is what a run did.
type Summary struct {
	Files       int           `json:"files"`       // candidate files found
	Postmortems int           `json:"postmortems"` // parsed and stored
	Templates   int           `json:"templates"`   // skipped: empty templates
	Failed      int           `json:"failed"`      // could not be read or parsed
	Sentences   int           `json:"sentences"`
	Findings    int           `json:"findings"`
	Bytes       int64         `json:"bytes"`
	Elapsed     time.Duration `json:"elapsed_ns"`
	Errors      []FileError   `json:"-"`
	// Skipped lists the template files (path: reason), for verbose output.
	Skipped []FileError `json:"-"`
}

// MBPerSecond is the source throughput of the run.
func (s Summary) MBPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Bytes) / 1e6 / s.Elapsed.Seconds()
}

// String is the one-line summary printed after an ingest.
func (s Summary) String() string {
	return fmt.Sprintf("%d files: %d postmortems ingested, %d templates skipped, %d failed; %d sentences, %d findings; %.1f MB in %.2fs (%.1f MB/s)",
		s.Files, s.Postmortems, s.Templates, s.Failed, s.Sentences, s.Findings,
		float64(s.Bytes)/1e6, s.Elapsed.Seconds(), s.MBPerSecond())
}

func sortErrors(errs []FileError) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Path < errs[j].Path })
}

// Input is one file to ingest. Data holds its bytes when the caller has
// them in memory (generated documents); nil means read Path from disk.
type Input struct {
	Path string
	Size int64
	Data []byte
}

// Source is what Run ingests: a sequence of inputs and, for progress
// reporting, how many there are and their total size (0 if unknown).
type Source struct {
	Files  int
	Bytes  int64
	Inputs iter.Seq[Input]
}

type parsed struct {
	doc  *model.Postmortem
	size int64
}

// Ingest walks roots and ingests every postmortem it finds into st (a
// store, a remote server, or nil to parse and analyse only, as `debrief bench` does).
//
// Files that cannot be read or parsed are recorded in Summary.Errors and do
// not stop the run; templates are counted in Summary.Templates. The returned
// error is non-nil only when the run itself could not go on: the store
// refused a write or ctx was cancelled. Documents already written stay
// written; a failed batch leaves its documents at their previous versions.
func Ingest(ctx context.Context, st Sink, roots []string, opts Options) (Summary, error) {
	start := time.Now()
	var files []Input
	var total int64
	var walkErrs []FileError
	err := ingest.Walk(roots,
		func(path string, size int64) error {
			files = append(files, Input{Path: path, Size: size})
			total += size
			return nil
		},
		func(path string, err error) {
			walkErrs = append(walkErrs, FileError{path, err})
		})
	if err != nil {
		return Summary{Errors: walkErrs, Failed: len(walkErrs)}, err
	}
	src := Source{Files: len(files), Bytes: total, Inputs: slices.Values(files)}
	sum, err := Run(ctx, st, src, opts)
	sum.Files += len(walkErrs)
	sum.Errors = append(walkErrs, sum.Errors...)
	sortErrors(sum.Errors)
	sum.Failed = len(sum.Errors)
	sum.Elapsed = time.Since(start)
	return sum, err
}

// Run ingests every input of src into st (nil: parse and analyse only).
// Errors and the summary are as for Ingest.
func Run(ctx context.Context, st Sink, src Source, opts Options) (Summary, error) {
	start := time.Now()
	var sum Summary
	if opts.Progress != nil {
		opts.Progress.Start(src.Files, src.Bytes)
		defer opts.Progress.Finish()
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan Input)
	results := make(chan parsed, workers*2)
	var mu sync.Mutex // guards sum's error lists and counters written by workers
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				var doc *model.Postmortem
				var err error
				if c.Data != nil {
					doc, err = ingest.Parse(c.Path, c.Data, opts.Parse)
				} else {
					doc, err = ingest.ParseFile(c.Path, opts.Parse)
				}
				if err != nil {
					mu.Lock()
					if errors.Is(err, ingest.ErrTemplate) {
						sum.Templates++
						sum.Skipped = append(sum.Skipped, FileError{c.Path, err})
					} else {
						sum.Errors = append(sum.Errors, FileError{c.Path, err})
					}
					sum.Bytes += c.Size
					mu.Unlock()
					if opts.Progress != nil {
						opts.Progress.Advance(c.Path, c.Size)
					}
					continue
				}
				if opts.Analyzer != nil {
					opts.Analyzer.AnalyzeDocument(doc)
				}
				select {
				case results <- parsed{doc, c.Size}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	fed := make(chan struct{}) // closed when the feeder has stopped
	go func() {
		defer close(fed)
		defer close(jobs)
		for c := range src.Inputs {
			mu.Lock()
			sum.Files++
			mu.Unlock()
			select {
			case jobs <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	batchDocs := opts.BatchDocs
	if batchDocs <= 0 {
		batchDocs = 512
	}
	batchBytes := opts.BatchBytes
	if batchBytes <= 0 {
		batchBytes = 8 << 20
	}
	// A writer goroutine stores full batches while the workers go on
	// parsing the next ones; at most one batch waits in between.
	batches := make(chan []*model.Postmortem, 1)
	writeDone := make(chan struct{})
	var storeErr error // written by the writer only; read after writeDone
	go func() {
		defer close(writeDone)
		for b := range batches {
			if storeErr != nil {
				continue // drain so the batcher never blocks
			}
			if st != nil {
				if err := st.Put(ctx, b); err != nil {
					storeErr = fmt.Errorf("store: %w", err)
					cancel()
					continue
				}
			}
			for _, d := range b {
				sum.Postmortems++
				sum.Sentences += len(d.Sentences)
				sum.Findings += len(d.Findings)
			}
		}
	}()
	var batch []*model.Postmortem
	var batchSize int64
	for r := range results {
		mu.Lock()
		sum.Bytes += r.size
		mu.Unlock()
		batch = append(batch, r.doc)
		batchSize += r.size
		if opts.Progress != nil {
			opts.Progress.Advance(r.doc.Source.Path, r.size)
		}
		if len(batch) >= batchDocs || batchSize >= batchBytes {
			batches <- batch
			batch, batchSize = nil, 0
		}
	}
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	<-writeDone
	<-fed // workers can stop early (cancel); the feeder must be done too
	sortErrors(sum.Errors)
	sortErrors(sum.Skipped)
	sum.Failed = len(sum.Errors)
	sum.Elapsed = time.Since(start)
	if storeErr != nil {
		return sum, storeErr
	}
	return sum, parent.Err()
}
