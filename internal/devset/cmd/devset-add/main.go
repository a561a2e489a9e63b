// Command devset-add merges labels written in a compact annotation format
// into internal/devset/data/corpus.jsonl, computing offsets, sha and split
// from the raw corpus, so labellers never type offsets.
//
//	go run ./internal/devset/cmd/devset-add [-root ../shared/corpus] [-data FILE] ANNOTATION...
//
// An annotation file names corpus files and candidate numbers (the "n"
// printed by `devset-sentences -n`):
//
//	@ postmortems/NAME.md      whole file: every candidate is labelled
//	@+ postmortems/OTHER.md    enriched: only the listed candidates
//	3 ch de                    candidate 3: theme/change, theme/dependency
//	7 H C                      candidate 7: blame/human-error, blame/counterfactual
//	9 x                        candidate 9: not a sentence, leave it out
//	12 -                       candidate 12: a negative (no labels)
//
// In a whole-file block, unlisted candidates are negatives, except
// fragments of fewer than three words (headings like "Summary", table
// headers, bare times), which are left out unless listed. Codes: H
// human-error, C counterfactual, J judgmental, R single-root-cause, B
// belief, S surprise; themes ch change, ca capacity, de dependency, dt
// detection, ti time, da data, ne network, se security, au automation, co
// communication; a full "kind/label" is accepted too. The records of the
// named files (whole file) or spans (enriched) replace existing ones.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/debrief-dev/debrief/internal/devset"
)

var codes = map[string]string{
	"H": "blame/human-error", "C": "blame/counterfactual", "J": "blame/judgmental", "R": "blame/single-root-cause",
	"B": "assumption/belief", "S": "assumption/surprise",
	"ch": "theme/change", "ca": "theme/capacity", "de": "theme/dependency", "dt": "theme/detection",
	"ti": "theme/time", "da": "theme/data", "ne": "theme/network", "se": "theme/security",
	"au": "theme/automation", "co": "theme/communication",
}

type fileAnn struct {
	file     string
	enriched bool
	labels   map[int][]string // candidate -> labels; nil slice = negative
	drop     map[int]bool
	where    map[int]string
}

func main() {
	root := flag.String("root", "../shared/corpus", "corpus root")
	data := flag.String("data", "internal/devset/data/corpus.jsonl", "corpus label file to update")
	flag.Parse()
	if err := run(*root, *data, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "devset-add:", err)
		os.Exit(1)
	}
}

func run(root, data string, annFiles []string) error {
	var anns []*fileAnn
	for _, f := range annFiles {
		a, err := parseAnn(f)
		if err != nil {
			return err
		}
		anns = append(anns, a...)
	}
	old, err := os.ReadFile(data)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	recs, err := devset.ParseCorpus(data, old)
	if err != nil {
		return err
	}
	type key struct {
		file       string
		start, end int
	}
	byKey := map[key]devset.CorpusRecord{}
	for _, r := range recs {
		byKey[key{r.File, r.Start, r.End}] = r
	}
	for _, a := range anns {
		raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(a.file)))
		if err != nil {
			return err
		}
		cands := devset.Candidates(a.file, raw)
		for n := range a.labels {
			if n >= len(cands) {
				return fmt.Errorf("%s: candidate %d of %s does not exist (%d candidates)", a.where[n], n, a.file, len(cands))
			}
		}
		if !a.enriched {
			for k := range byKey {
				if k.file == a.file {
					delete(byKey, k)
				}
			}
		}
		for n, c := range cands {
			labels, listed := a.labels[n]
			switch {
			case a.drop[n]:
				delete(byKey, key{a.file, c.Start, c.End})
				continue
			case a.enriched && !listed:
				continue
			case !listed && len(strings.Fields(c.Text)) < 3:
				continue
			}
			if labels == nil {
				labels = []string{}
			}
			byKey[key{a.file, c.Start, c.End}] = devset.CorpusRecord{
				File: a.file, Start: c.Start, End: c.End, SHA: devset.SpanSHA([]byte(c.Raw)),
				Split: devset.SplitOf(a.file), Enriched: a.enriched, Labels: labels,
			}
		}
	}
	out := make([]devset.CorpusRecord, 0, len(byKey))
	for _, r := range byKey {
		sort.Strings(r.Labels)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Start < out[j].Start
	})
	var buf bytes.Buffer
	for _, r := range out {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if _, err := devset.ParseCorpus(data, buf.Bytes()); err != nil {
		return err
	}
	return os.WriteFile(data, buf.Bytes(), 0o644)
}

func parseAnn(path string) ([]*fileAnn, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []*fileAnn
	var cur *fileAnn
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		fs := strings.Fields(line)
		if len(fs) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", path, n)
		if fs[0] == "@" || fs[0] == "@+" {
			if len(fs) != 2 {
				return nil, fmt.Errorf("%s: want '@ FILE' or '@+ FILE'", where)
			}
			cur = &fileAnn{file: fs[1], enriched: fs[0] == "@+", labels: map[int][]string{}, drop: map[int]bool{}, where: map[int]string{}}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("%s: candidate before any '@ FILE' line", where)
		}
		idx, err := strconv.Atoi(fs[0])
		if err != nil {
			return nil, fmt.Errorf("%s: want a candidate number, got %q", where, fs[0])
		}
		if _, dup := cur.labels[idx]; dup || cur.drop[idx] {
			return nil, fmt.Errorf("%s: candidate %d listed twice", where, idx)
		}
		cur.where[idx] = where
		labels := []string{}
		for _, c := range fs[1:] {
			switch {
			case c == "x":
				cur.drop[idx] = true
			case c == "-":
			case codes[c] != "":
				labels = append(labels, codes[c])
			case devset.KnownLabel(c):
				labels = append(labels, c)
			default:
				return nil, fmt.Errorf("%s: unknown label code %q", where, c)
			}
		}
		if !cur.drop[idx] {
			cur.labels[idx] = labels
		}
	}
	return out, sc.Err()
}
