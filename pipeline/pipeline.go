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
	"strings"
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
	// NoTeam counts the stored postmortems that have no team.
	NoTeam int `json:"no_team"`
	// Teams counts the stored postmortems per team.
	Teams map[string]int `json:"teams,omitempty"`
	// LegacyIDs counts documents stored under their pre-identity-path ID
	// because the store already held them so (see Ingest).
	LegacyIDs int         `json:"legacy_ids,omitempty"`
	Errors    []FileError `json:"-"`
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

// String is the summary printed after an ingest: one line, and a second
// one with a hint when most postmortems have no team (TeamHint).
func (s Summary) String() string {
	line := fmt.Sprintf("%d files: %d postmortems ingested, %d templates skipped, %d failed; %d sentences, %d findings; %.1f MB in %.2fs (%.1f MB/s)",
		s.Files, s.Postmortems, s.Templates, s.Failed, s.Sentences, s.Findings,
		float64(s.Bytes)/1e6, s.Elapsed.Seconds(), s.MBPerSecond())
	if h := s.TeamHint(); h != "" {
		line += "\n" + h
	}
	if h := s.SpellingHint(); h != "" {
		line += "\n" + h
	}
	return line
}

// SpellingHint names the team names of the run that look like one team
// in several spellings (one's words open another's: identity,
// identity-access, identity-access-management) and suggests listing the
// organisation's teams under known_teams in .debrief.yml; "" when none do.
func (s Summary) SpellingHint() string {
	names := make([]string, 0, len(s.Teams))
	for t := range s.Teams {
		names = append(names, t)
	}
	sort.Strings(names)
	var groups []string
	used := map[string]bool{}
	for _, short := range names {
		if used[short] {
			continue
		}
		group := []string{short}
		for _, long := range names {
			if long != short && !used[long] && strings.HasPrefix(long, short+"-") {
				group = append(group, long)
			}
		}
		if len(group) < 2 {
			continue
		}
		for _, g := range group {
			used[g] = true
		}
		groups = append(groups, strings.Join(group, ", "))
	}
	if len(groups) == 0 {
		return ""
	}
	return "team names that may be one team in several spellings: " + strings.Join(groups, "; ") +
		". List the organisation's teams under known_teams: in .debrief.yml (\"Store Engineering\" is then store), or map them with teams:"
}

// TeamHint says so when most stored postmortems (more than half) have no
// team, and suggests --team-from-path; "" otherwise.
func (s Summary) TeamHint() string {
	if s.Postmortems == 0 || s.NoTeam*2 <= s.Postmortems {
		return ""
	}
	return fmt.Sprintf("%d of %d postmortems have no team: set one with --team-from-path (e.g. 'incidents/{team}/**' for a folder per team, '{team}__*' for files named team__slug.md), --team, or a team field in the documents",
		s.NoTeam, s.Postmortems)
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
	// IDPath is the identity path of a document without an id of its own
	// (ingest.Identity); "" derives the ID from Path.
	IDPath string
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
	// legacyID is the ID the document had before identity paths, when its
	// ID comes from its identity path and differs from it.
	legacyID string
}

// batch is one store.Put's documents and their legacy IDs (by index).
type batch struct {
	docs   []*model.Postmortem
	legacy map[int]string
}

// Ingest walks roots and ingests every postmortem it finds into st (a
// store, a remote server, or nil to parse and analyse only, as `debrief bench` does).
//
// A document without an id of its own is identified by its path relative
// to its root's project folder (ingest.NewIdentity), so that ingesting
// one folder as "dir", "/abs/dir" or "." stores each file once. Stores
// written before identity paths keyed such documents by a hash of the
// path as typed; a document the store holds under that old ID keeps it
// (one List per batch finds them), so re-ingesting an old store updates
// it in place instead of adding copies.
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
	ids := identities{}
	err := ingest.WalkRoots(roots,
		func(root, path string, size int64) error {
			id, idErr := ids.of(root)
			if idErr != nil {
				walkErrs = append(walkErrs, FileError{path, idErr})
			} else {
				files = append(files, Input{Path: path, Size: size, IDPath: id.Path(path)})
				total += size
			}
			return nil // a file that cannot be identified does not stop the walk
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
				po := opts.Parse
				if c.IDPath != "" {
					po.IDPath = c.IDPath
				}
				if c.Data != nil {
					doc, err = ingest.Parse(c.Path, c.Data, po)
				} else {
					doc, err = ingest.ParseFile(c.Path, po)
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
				case results <- parsed{doc, c.Size, legacyID(doc, c)}:
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
	batches := make(chan batch, 1)
	writeDone := make(chan struct{})
	var storeErr error // written by the writer only; read after writeDone
	go func() {
		defer close(writeDone)
		for b := range batches {
			if storeErr != nil {
				continue // drain so the batcher never blocks
			}
			if st != nil {
				n, err := keepLegacyIDs(ctx, st, b)
				if err == nil {
					err = st.Put(ctx, b.docs)
				}
				if err != nil {
					storeErr = fmt.Errorf("store: %w", err)
					cancel()
					continue
				}
				sum.LegacyIDs += n
			}
			for _, d := range b.docs {
				sum.Postmortems++
				sum.Sentences += len(d.Sentences)
				sum.Findings += len(d.Findings)
				if d.Team == "" {
					sum.NoTeam++
				} else {
					if sum.Teams == nil {
						sum.Teams = map[string]int{}
					}
					sum.Teams[d.Team]++
				}
			}
		}
	}()
	var cur batch
	var batchSize int64
	for r := range results {
		mu.Lock()
		sum.Bytes += r.size
		mu.Unlock()
		if r.legacyID != "" {
			if cur.legacy == nil {
				cur.legacy = map[int]string{}
			}
			cur.legacy[len(cur.docs)] = r.legacyID
		}
		cur.docs = append(cur.docs, r.doc)
		batchSize += r.size
		if opts.Progress != nil {
			opts.Progress.Advance(r.doc.Source.Path, r.size)
		}
		if len(cur.docs) >= batchDocs || batchSize >= batchBytes {
			batches <- cur
			cur, batchSize = batch{}, 0
		}
	}
	if len(cur.docs) > 0 {
		batches <- cur
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

// identities resolves each ingest root once.
type identities map[string]ingest.Identity

func (ids identities) of(root string) (ingest.Identity, error) {
	if id, ok := ids[root]; ok {
		return id, nil
	}
	id, err := ingest.NewIdentity(root)
	if err == nil {
		ids[root] = id
	}
	return id, err
}

// legacyID returns the ID a document had before identity paths (PathID of
// the path as given) when its ID now comes from a different identity
// path, else "".
func legacyID(doc *model.Postmortem, in Input) string {
	if in.IDPath == "" || doc.ID != ingest.PathID(in.IDPath) {
		return "" // an id of its own, or no identity path
	}
	if old := ingest.PathID(in.Path); old != doc.ID {
		return old
	}
	return ""
}

// keepLegacyIDs gives back their old ID to the documents of b that the
// store already holds under it, so that a store written before identity
// paths is updated in place rather than getting a second copy. It costs
// one List per batch that has such documents, and returns how many kept
// their old ID.
func keepLegacyIDs(ctx context.Context, st Sink, b batch) (int, error) {
	if len(b.legacy) == 0 {
		return 0, nil
	}
	ids := make([]string, 0, len(b.legacy))
	for _, id := range b.legacy {
		ids = append(ids, id)
	}
	rows, _, err := st.List(ctx, store.ListQuery{Filter: store.Filter{IDs: ids}, Sort: "title", Limit: len(ids)})
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, nil
	}
	have := make(map[string]bool, len(rows))
	for _, r := range rows {
		have[r.ID] = true
	}
	n := 0
	for i, id := range b.legacy {
		if have[id] {
			b.docs[i].ID = id
			n++
		}
	}
	return n, nil
}
