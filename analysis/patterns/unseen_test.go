package patterns_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/ingest"
)

// unseenDir is an evaluation set written independently of this package
// (see its README): it measures the miner and must not be tuned against.
const unseenDir = "../../testdata/unseen-patterns"

type unseenTruth struct {
	Clusters []struct {
		Name  string   `json:"name"`
		Files []string `json:"files"`
	} `json:"clusters"`
	Duplicates [][2]string `json:"duplicates"`
	FollowUps  []struct {
		Name  string   `json:"name"`
		Files []string `json:"files"`
		Open  int      `json:"open"`
	} `json:"followups"`
	Surges []struct {
		Theme    string   `json:"theme"`
		Quarters []string `json:"quarters"`
	} `json:"surges"`
}

// TestUnseenPatterns scores `patterns.Build` on testdata/unseen-patterns
// against its truth.json and logs per-pattern recall and precision (go
// test -v -run TestUnseenPatterns). It asserts only that every file
// parses and that the figures are computed over the whole set; the
// figures themselves are measurements, reported, not targets to tune to.
func TestUnseenPatterns(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(unseenDir, "truth.json"))
	if os.IsNotExist(err) {
		t.Skipf("%s not present", unseenDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var truth unseenTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	entries, err := os.ReadDir(unseenDir)
	if err != nil {
		t.Fatal(err)
	}
	an := analysis.Default()
	file := map[string]string{} // id -> file
	var docs []patterns.DocText
	var actions []patterns.ActionRef
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "README.md" || name == "truth.json" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(unseenDir, name))
		if err != nil {
			t.Fatal(err)
		}
		pm, err := ingest.Parse(name, data, ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		an.AnalyzeDocument(pm)
		file[pm.ID] = name
		docs = append(docs, patterns.FromPostmortem(pm))
		actions = append(actions, patterns.ActionsOf(pm)...)
	}
	if len(docs) != 48 {
		t.Fatalf("%d documents, want 48", len(docs))
	}
	r := patterns.Build(docs, actions, patterns.Options{})
	files := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, file[id])
		}
		return out
	}
	overlap := func(got, want []string) int {
		n := 0
		for _, g := range got {
			if slices.Contains(want, g) {
				n++
			}
		}
		return n
	}
	// Clusters: for each planted cluster, the reported cluster that
	// overlaps it most.
	matched := map[int]bool{}
	for _, pc := range truth.Clusters {
		best, bi := 0, -1
		for i, c := range r.Clusters {
			if o := overlap(files(c.Docs), pc.Files); o > best {
				best, bi = o, i
			}
		}
		if bi < 0 {
			t.Logf("cluster %q: not found", pc.Name)
			continue
		}
		matched[bi] = true
		got := files(r.Clusters[bi].Docs)
		t.Logf("cluster %q: recall %d/%d, precision %d/%d as %q; extra %v; missed %v", pc.Name, best, len(pc.Files), best, len(got),
			r.Clusters[bi].Name, without(got, pc.Files), without(pc.Files, got))
	}
	for i, c := range r.Clusters {
		if !matched[i] {
			t.Logf("unplanted cluster %q: %v", c.Name, files(c.Docs))
		}
	}
	for _, d := range truth.Duplicates {
		found := false
		for _, p := range r.SimilarPairs {
			a, b := file[p.A], file[p.B]
			found = found || (a == d[0] && b == d[1]) || (a == d[1] && b == d[0])
		}
		t.Logf("duplicate %v: found %v", d, found)
	}
	for _, p := range r.SimilarPairs {
		planted := false
		for _, d := range truth.Duplicates {
			planted = planted || slices.Contains(d[:], file[p.A]) && slices.Contains(d[:], file[p.B])
		}
		if !planted {
			t.Logf("unplanted pair %s %s (%.2f)", file[p.A], file[p.B], p.Score)
		}
	}
	matchedF := map[int]bool{}
	for _, pf := range truth.FollowUps {
		best, bi := 0, -1
		for i, f := range r.FollowUps {
			if o := overlap(files(f.Docs), pf.Files); o > best {
				best, bi = o, i
			}
		}
		if bi < 0 {
			t.Logf("follow-up %q: not found", pf.Name)
			continue
		}
		matchedF[bi] = true
		f := r.FollowUps[bi]
		t.Logf("follow-up %q: recall %d/%d, precision %d/%d, open %d (truth %d) as %q %q", pf.Name, best, len(pf.Files), best, len(f.Docs), f.Open, pf.Open, f.Text, f.Wordings)
	}
	for i, f := range r.FollowUps {
		if !matchedF[i] {
			t.Logf("unplanted follow-up %q: %v", f.Text, files(f.Docs))
		}
	}
	for _, s := range r.Trends {
		planted := false
		for _, ps := range truth.Surges {
			planted = planted || s.Theme == ps.Theme && slices.Contains(ps.Quarters, s.Quarter)
		}
		t.Logf("surge %s %s: %d of %d, expected %.1f, p %.3g (planted %v)", s.Theme, s.Quarter, s.Count, s.Total, s.Expected, s.P, planted)
	}
	t.Logf("summary: %d clusters, %d follow-ups, %d pairs, %d surges reported", len(r.Clusters), len(r.FollowUps), len(r.SimilarPairs), len(r.Trends))
}

func without(xs, drop []string) string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(drop, x) {
			out = append(out, x)
		}
	}
	return fmt.Sprint(strings.Join(out, ", "))
}
