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
// (see its README). It was used as the development set of the lexicon
// and the matching rules (issue 8); testdata/unseen-patterns-2 is the
// held-out set (TestUnseenPatterns2).
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

// found is one planted pattern's best match: the overlap with the
// reported group that overlaps it most, the planted size and the
// reported size.
type found struct{ hit, planted, reported int }

// unseenScore is what scoreUnseen measured.
type unseenScore struct {
	clusters, followUps map[string]found // by planted name
	duplicates          int              // planted pairs reported
	unplantedPairs      int
	surges              int // planted (theme, quarter) reported
	unplantedClusters   int
}

// scoreUnseen ingests the listed files (a list, not a folder: the set's
// README.md and truth.json are not postmortems), runs patterns.Build and
// scores it against truth, logging every figure (go test -v).
func scoreUnseen(t *testing.T, paths []string, truthPath string) unseenScore {
	t.Helper()
	b, err := os.ReadFile(truthPath)
	if err != nil {
		t.Fatal(err)
	}
	var truth unseenTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatalf("%s: %v", truthPath, err)
	}
	an := analysis.Default()
	file := map[string]string{} // id -> file name
	var docs []patterns.DocText
	var actions []patterns.ActionRef
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		pm, err := ingest.Parse(name, data, ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		an.AnalyzeDocument(pm)
		file[pm.ID] = name
		docs = append(docs, patterns.FromPostmortem(pm))
		actions = append(actions, patterns.ActionsOf(pm)...)
	}
	r := patterns.Build(docs, actions, patterns.Options{})
	files := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, file[id])
		}
		return out
	}
	s := unseenScore{clusters: map[string]found{}, followUps: map[string]found{}}
	// Clusters: for each planted cluster, the reported cluster that
	// overlaps it most.
	matched := map[int]bool{}
	for _, pc := range truth.Clusters {
		best, bi := bestOverlap(len(r.Clusters), func(i int) []string { return files(r.Clusters[i].Docs) }, pc.Files)
		if bi < 0 {
			s.clusters[pc.Name] = found{0, len(pc.Files), 0}
			t.Logf("cluster %q: not found (0/%d)", pc.Name, len(pc.Files))
			continue
		}
		matched[bi] = true
		got := files(r.Clusters[bi].Docs)
		s.clusters[pc.Name] = found{best, len(pc.Files), len(got)}
		t.Logf("cluster %q: recall %d/%d, precision %d/%d as %q; extra %v; missed %v", pc.Name, best, len(pc.Files), best, len(got),
			r.Clusters[bi].Name, without(got, pc.Files), without(pc.Files, got))
	}
	for i, c := range r.Clusters {
		if !matched[i] {
			s.unplantedClusters++
			t.Logf("unplanted cluster %q: %v", c.Name, files(c.Docs))
		}
	}
	for _, d := range truth.Duplicates {
		ok := false
		for _, p := range r.SimilarPairs {
			a, b := file[p.A], file[p.B]
			ok = ok || (a == d[0] && b == d[1]) || (a == d[1] && b == d[0])
		}
		if ok {
			s.duplicates++
		}
		t.Logf("duplicate %v: found %v", d, ok)
	}
	for _, p := range r.SimilarPairs {
		planted := false
		for _, d := range truth.Duplicates {
			planted = planted || slices.Contains(d[:], file[p.A]) && slices.Contains(d[:], file[p.B])
		}
		if !planted {
			s.unplantedPairs++
			t.Logf("unplanted pair %s %s (%.2f)", file[p.A], file[p.B], p.Score)
		}
	}
	matchedF := map[int]bool{}
	for _, pf := range truth.FollowUps {
		best, bi := bestOverlap(len(r.FollowUps), func(i int) []string { return files(r.FollowUps[i].Docs) }, pf.Files)
		if bi < 0 {
			s.followUps[pf.Name] = found{0, len(pf.Files), 0}
			t.Logf("follow-up %q: not found (0/%d)", pf.Name, len(pf.Files))
			continue
		}
		matchedF[bi] = true
		f := r.FollowUps[bi]
		s.followUps[pf.Name] = found{best, len(pf.Files), len(f.Docs)}
		t.Logf("follow-up %q: recall %d/%d, precision %d/%d, open %d (truth %d) as %q %q", pf.Name, best, len(pf.Files), best, len(f.Docs), f.Open, pf.Open, f.Text, f.Wordings)
	}
	for i, f := range r.FollowUps {
		if !matchedF[i] {
			t.Logf("unplanted follow-up %q: %v", f.Text, files(f.Docs))
		}
	}
	for _, tr := range r.Trends {
		planted := false
		for _, ps := range truth.Surges {
			planted = planted || tr.Theme == ps.Theme && slices.Contains(ps.Quarters, tr.Quarter)
		}
		if planted {
			s.surges++
		}
		t.Logf("surge %s %s: %d of %d, expected %.1f, p %.3g (planted %v)", tr.Theme, tr.Quarter, tr.Count, tr.Total, tr.Expected, tr.P, planted)
	}
	t.Logf("summary: %d clusters, %d follow-ups, %d pairs, %d surges reported", len(r.Clusters), len(r.FollowUps), len(r.SimilarPairs), len(r.Trends))
	return s
}

// postmortemFiles lists the files of dir that are postmortems: not the
// set's README.md or truth.json, not folders.
// bestOverlap returns the reported group (of n, whose files docs(i) gives)
// that shares the most files with want, and how many: -1 when none does.
func bestOverlap(n int, docs func(i int) []string, want []string) (best, index int) {
	index = -1
	for i := 0; i < n; i++ {
		if o := overlap(docs(i), want); o > best {
			best, index = o, i
		}
	}
	return best, index
}

// overlap counts the files of got that want holds.
func overlap(got, want []string) int {
	n := 0
	for _, g := range got {
		if slices.Contains(want, g) {
			n++
		}
	}
	return n
}

func postmortemFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || e.Name() == "README.md" || e.Name() == "truth.json" {
			continue
		}
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out
}

// atLeast fails when a measured pattern falls below its floors: hit
// planted documents found, and precision (found / reported in the best
// matching group) of at least minPrecision.
// loadUnseenSet returns the documents under dir/docs and the path of
// dir/truth.json, skipping the test when the set is absent and failing it
// when the set does not hold want documents.
func loadUnseenSet(t *testing.T, dir string, want int) (paths []string, truth string) {
	t.Helper()
	truth = filepath.Join(dir, "truth.json")
	if _, err := os.Stat(truth); os.IsNotExist(err) {
		t.Skipf("%s not present", dir)
	}
	paths = postmortemFiles(t, filepath.Join(dir, "docs"))
	if len(paths) != want {
		t.Fatalf("%d documents, want %d", len(paths), want)
	}
	return paths, truth
}

// limits checks the set-wide floors of a score: at most maxClusters
// unplanted clusters, no unplanted near-duplicate pair, at least
// minDuplicates planted pairs and minSurges planted surge quarters.
func (s unseenScore) limits(t *testing.T, maxClusters, minDuplicates, minSurges int) {
	t.Helper()
	if s.unplantedClusters > maxClusters {
		t.Errorf("%d unplanted clusters, at most %d allowed", s.unplantedClusters, maxClusters)
	}
	if s.duplicates < minDuplicates {
		t.Errorf("duplicates: %d found, floor %d", s.duplicates, minDuplicates)
	}
	if s.unplantedPairs > 0 {
		t.Errorf("%d unplanted near-duplicate pairs, none allowed", s.unplantedPairs)
	}
	if s.surges < minSurges {
		t.Errorf("surges: %d planted quarters reported, floor %d", s.surges, minSurges)
	}
}

func atLeast(t *testing.T, what string, got found, hit int, minPrecision float64) {
	t.Helper()
	if got.hit < hit {
		t.Errorf("%s: recall %d/%d, floor %d", what, got.hit, got.planted, hit)
	}
	if got.reported > 0 && float64(got.hit) < minPrecision*float64(got.reported)-1e-9 {
		t.Errorf("%s: precision %d/%d, floor %.2f", what, got.hit, got.reported, minPrecision)
	}
}

// TestUnseenPatterns scores patterns.Build on testdata/unseen-patterns
// (go test -v -run TestUnseenPatterns logs every figure). This set was
// the development set of the lexicon, so its floors guard against
// regressions; they do not measure generalisation (TestUnseenPatterns2
// does). Floors are what the miner scored when they were set.
func TestUnseenPatterns(t *testing.T) {
	if _, err := os.Stat(filepath.Join(unseenDir, "truth.json")); os.IsNotExist(err) {
		t.Skipf("%s not present", unseenDir)
	}
	paths := postmortemFiles(t, unseenDir)
	if len(paths) != 48 {
		t.Fatalf("%d documents, want 48", len(paths))
	}
	s := scoreUnseen(t, paths, filepath.Join(unseenDir, "truth.json"))
	atLeast(t, "cluster certificate expiry", s.clusters["certificate expiry"], 5, 1)
	atLeast(t, "cluster config pushed everywhere", s.clusters["config pushed everywhere without canary"], 5, 1)
	atLeast(t, "cluster kafka disk full", s.clusters["kafka disk full"], 3, 1)
	atLeast(t, "follow-up alert before certificate expiry", s.followUps["alert before certificate expiry"], 5, 1)
	atLeast(t, "follow-up stage config through canary", s.followUps["stage config through canary"], 5, 1)
	if s.duplicates < 2 || s.unplantedPairs > 0 {
		t.Errorf("duplicates: %d of 2 found, %d unplanted pairs", s.duplicates, s.unplantedPairs)
	}
	if s.surges < 2 {
		t.Errorf("surges: %d of 2 planted quarters reported", s.surges)
	}
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
