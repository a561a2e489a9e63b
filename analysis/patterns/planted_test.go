package patterns_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/internal/synth"
)

// plantedSeeds are the generator seeds TestPlantedPatterns checks.
var plantedSeeds = []int64{1, 2, 3, 4, 5}

// score counts found planted patterns (recall) and reported findings that
// are planted ones (precision) for one kind of finding.
type score struct{ planted, found, reported, correct int }

func (s *score) add(o score) {
	s.planted += o.planted
	s.found += o.found
	s.reported += o.reported
	s.correct += o.correct
}

func (s score) recall() float64 { return ratio(s.found, s.planted) }
func (s score) precision() float64 {
	if s.reported == 0 {
		return 1
	}
	return ratio(s.correct, s.reported)
}
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s score) String() string {
	return fmt.Sprintf("recall %d/%d precision %d/%d", s.found, s.planted, s.correct, s.reported)
}

// matchGroup reports whether a reported group of documents is the planted
// group want: at least 80% of the reported documents are in want, and it
// covers at least 80% of want.
func matchGroup(got, want []string) bool {
	in := 0
	for _, d := range got {
		if slices.Contains(want, d) {
			in++
		}
	}
	return 10*in >= 8*len(got) && 10*in >= 8*len(want)
}

// TestPlantedPatterns runs the whole path (generator, ingest, analysis,
// patterns.Build) over planted corpora of several seeds and checks that
// every planted pattern is found (recall 100%) and that at least 80% of
// what is reported (clusters, follow-up groups, duplicate pairs, surges)
// is planted. It logs per-seed figures (go test -v -run TestPlantedPatterns).
func TestPlantedPatterns(t *testing.T) {
	an := analysis.Default()
	var total [4]score
	names := []string{"clusters", "follow-ups", "duplicates", "surges"}
	for _, seed := range plantedSeeds {
		p := synth.Plant(synth.PlantOptions{Seed: seed})
		ids := make([]string, len(p.Docs))
		var docs []patterns.DocText
		var actions []patterns.ActionRef
		for i, d := range p.Docs {
			pm, err := ingest.Parse(d.Path, d.Data, ingest.Options{})
			if err != nil {
				t.Fatalf("seed %d: %s: %v", seed, d.Path, err)
			}
			an.AnalyzeDocument(pm)
			ids[i] = pm.ID
			docs = append(docs, patterns.FromPostmortem(pm))
			actions = append(actions, patterns.ActionsOf(pm)...)
		}
		idsOf := func(ix []int) []string {
			var out []string
			for _, i := range ix {
				out = append(out, ids[i])
			}
			return out
		}
		r := patterns.Build(docs, actions, patterns.Options{})
		var sc [4]score

		groups := func(s *score, planted map[string][]int, reported [][]string, label func(int) string) {
			s.planted = len(planted)
			s.reported = len(reported)
			for name, ix := range planted {
				want := idsOf(ix)
				found := false
				for _, g := range reported {
					found = found || matchGroup(g, want)
				}
				if found {
					s.found++
				} else {
					t.Errorf("seed %d: planted %s %v not found", seed, name, want)
				}
			}
			for i, g := range reported {
				ok := false
				for _, ix := range planted {
					ok = ok || matchGroup(g, idsOf(ix))
				}
				if ok {
					s.correct++
				} else {
					t.Logf("seed %d: unplanted: %s", seed, label(i))
				}
			}
		}
		var cl [][]string
		for _, c := range r.Clusters {
			cl = append(cl, c.Docs)
		}
		groups(&sc[0], p.Clusters, cl, func(i int) string { return fmt.Sprintf("cluster %q %v", r.Clusters[i].Name, r.Clusters[i].Docs) })
		var fu [][]string
		for _, f := range r.FollowUps {
			fu = append(fu, f.Docs)
		}
		groups(&sc[1], p.FollowUps, fu, func(i int) string {
			return fmt.Sprintf("follow-up %q %v", r.FollowUps[i].Text, r.FollowUps[i].Wordings)
		})

		// Duplicates: exact pairs.
		sc[2].planted, sc[2].reported = len(p.Duplicates), len(r.SimilarPairs)
		for _, d := range p.Duplicates {
			a, b := ids[d[0]], ids[d[1]]
			found := false
			for _, sp := range r.SimilarPairs {
				found = found || (sp.A == a && sp.B == b) || (sp.A == b && sp.B == a)
			}
			if found {
				sc[2].found++
			} else {
				t.Errorf("seed %d: duplicate pair %s %s not found", seed, a, b)
			}
		}
		for _, sp := range r.SimilarPairs {
			ok := false
			for _, d := range p.Duplicates {
				ok = ok || sp.A == min(ids[d[0]], ids[d[1]]) && sp.B == max(ids[d[0]], ids[d[1]])
			}
			if ok {
				sc[2].correct++
			} else {
				t.Logf("seed %d: unplanted pair %+v", seed, sp)
			}
		}

		// Surges: the planted theme in one of the planted quarters.
		sc[3].planted, sc[3].reported = 1, len(r.Trends)
		for _, s := range r.Trends {
			if s.Theme == p.SurgeTheme && slices.Contains(p.SurgeQuarters, s.Quarter) {
				sc[3].correct++
				sc[3].found = 1
				t.Logf("seed %d: planted surge %+v", seed, s)
			} else {
				t.Logf("seed %d: unplanted surge %+v", seed, s)
			}
		}
		if sc[3].found == 0 {
			t.Errorf("seed %d: surge of %s in %v not found (trends %+v)", seed, p.SurgeTheme, p.SurgeQuarters, r.Trends)
		}
		for k := range sc {
			total[k].add(sc[k])
		}
		t.Logf("seed %d: clusters %v; follow-ups %v; duplicates %v; surges %v", seed, sc[0], sc[1], sc[2], sc[3])
	}
	for k, s := range total {
		t.Logf("all seeds: %s %v (recall %.0f%%, precision %.0f%%)", names[k], s, 100*s.recall(), 100*s.precision())
		if s.recall() < 1 {
			t.Errorf("%s: recall %.2f, want 1", names[k], s.recall())
		}
		if s.precision() < 0.8 {
			t.Errorf("%s: precision %.2f, want >= 0.80", names[k], s.precision())
		}
	}
}

// TestPlantedDeterministic: the report does not depend on input order.
func TestPlantedDeterministic(t *testing.T) {
	an := analysis.Default()
	p := synth.Plant(synth.PlantOptions{Seed: 3})
	var docs []patterns.DocText
	var actions []patterns.ActionRef
	for _, d := range p.Docs {
		pm, err := ingest.Parse(d.Path, d.Data, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		an.AnalyzeDocument(pm)
		docs = append(docs, patterns.FromPostmortem(pm))
		actions = append(actions, patterns.ActionsOf(pm)...)
	}
	a := patterns.Build(docs, actions, patterns.Options{})
	slices.Reverse(docs)
	slices.Reverse(actions)
	b := patterns.Build(docs, actions, patterns.Options{})
	if fmt.Sprint(a.Clusters, a.FollowUps, a.SimilarPairs, a.Trends) != fmt.Sprint(b.Clusters, b.FollowUps, b.SimilarPairs, b.Trends) {
		t.Errorf("reversed input changes the report:\n%+v\n%+v", a, b)
	}
}
