package patterns

import (
	"container/heap"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// MechanismIndex is a TF-IDF index of postmortems over what describes how
// they failed: the lexicon's concept tokens (boosted) and the content
// words of the title (counted twice), summary and cause sections. Timeline
// (Context) contributes its concept tokens only; action items are left out. Clusters and NearDuplicates use it.
type MechanismIndex struct {
	*Index
	lex *Lexicon
	// quiet marks documents that report no incident (a concept with
	// NoIncident in the title, summary or cause sections): they join no
	// cluster.
	quiet []bool
	// core counts, per document, the concept tokens of its title, summary
	// and cause sections: what the writeup says failed, as opposed to
	// what its timeline mentions.
	core []map[string]int

	nnOnce sync.Once
	nn     [][]Match // per document, its nnK most similar (built once; no Shared)
}

// nnK is how many neighbours neighbours computes per document; Clusters
// and NearDuplicates share them.
const nnK = 25

// neighbours returns each document's nnK most similar documents, best
// first, computed once.
func (ix *MechanismIndex) neighbours() [][]Match {
	ix.nnOnce.Do(func() {
		ix.nn = make([][]Match, len(ix.docs))
		for i := range ix.docs {
			ix.nn[i] = ix.rank(ix.vecs[i], int32(i), nnK)
		}
	})
	return ix.nn
}

// conceptBoost multiplies the TF-IDF weight of a concept token of default
// weight in the mechanism index (a concept of Weight w gets
// conceptBoost*w/ConceptWeight): naming a mechanism says more than any
// one word.
const conceptBoost = 2.5

// NewMechanismIndex indexes docs with lex (nil: DefaultLexicon).
func NewMechanismIndex(docs []DocText, lex *Lexicon) *MechanismIndex {
	if lex == nil {
		lex = DefaultLexicon()
	}
	boost := func(t string) float64 {
		if !strings.HasPrefix(t, ConceptPrefix) {
			return 1
		}
		return max(1, conceptBoost*lex.Weight(t)/ConceptWeight)
	}
	quiet := make([]bool, len(docs))
	core := make([]map[string]int, len(docs))
	i := 0 // buildIndex calls termsOf once per document, in order
	ix := buildIndex(docs, IndexOptions{}, boost, func(d *DocText, add func([]string, int)) {
		for _, part := range []struct {
			text  string
			times int
		}{{d.Title, 2}, {d.Text, 1}, {d.Cause, 1}} {
			terms := lex.Terms(part.text)
			kept := terms[:0]
			for _, t := range terms {
				if lex.IsNoIncident(t) {
					quiet[i] = true
					continue
				}
				if strings.HasPrefix(t, ConceptPrefix) {
					if core[i] == nil {
						core[i] = map[string]int{}
					}
					core[i][t]++
				}
				kept = append(kept, t)
			}
			add(kept, part.times)
		}
		ctx := conceptsOnly(lex.Terms(d.Context))
		kept := ctx[:0]
		for _, t := range ctx {
			if !lex.IsNoIncident(t) {
				kept = append(kept, t)
			}
		}
		add(kept, 1)
		i++
	})
	return &MechanismIndex{Index: ix, lex: lex, quiet: quiet, core: core}
}

// conceptsOnly keeps the concept tokens of terms.
func conceptsOnly(terms []string) []string {
	out := terms[:0]
	for _, t := range terms {
		if strings.HasPrefix(t, ConceptPrefix) {
			out = append(out, t)
		}
	}
	return out
}

// ClusterOptions tune Clusters. Zero values take the defaults.
type ClusterOptions struct {
	// MinScore is the average-linkage similarity (mean cosine over all
	// pairs of the two clusters, unknown pairs counting 0) at or above
	// which two clusters merge. Default 0.18.
	MinScore float64
	// MinDocs is the smallest cluster reported. Default 3.
	MinDocs int
	// Neighbours is how many nearest documents each document links to
	// (at most 25). Default 25.
	Neighbours int
	// Duplicates are near-duplicate writeups (NearDuplicates): a pair
	// counts as one incident towards MinDocs.
	Duplicates []SimilarPair
}

// Cluster is a recurring failure mode: postmortems that describe the same
// mechanism, across teams or quarters.
type Cluster struct {
	// Name is what a person would call it: the names of the concepts most
	// members share, completed with their heaviest shared words.
	Name string `json:"name"`
	// Docs are the member postmortem IDs, oldest first.
	Docs  []string `json:"docs"`
	Teams []string `json:"teams"`
	// First and Last are the earliest and latest incident dates
	// (2006-01-02; "" when no member has a date).
	First string `json:"first"`
	Last  string `json:"last"`
	// Concepts are the lexicon concept ids at least half the members
	// carry; Terms the heaviest words at least half share.
	Concepts []string `json:"concepts"`
	Terms    []string `json:"terms"`
	// Score is the cluster's average pairwise similarity.
	Score float64 `json:"score"`
}

// Clusters groups postmortems by mechanism with average-linkage
// agglomerative clustering over the nearest-neighbour graph of the
// mechanism index (each document linked to its Neighbours most similar),
// merging while the best pair of clusters is at least MinScore similar.
// Members missing a concept that defines the cluster are then dropped
// (see pruneToMechanism). A cluster is reported when it has at least
// MinDocs distinct incidents (a near-duplicate pair of Duplicates counts
// once) and
// spans two or more teams or two or more quarters (one team's single bad
// week is not a recurring failure mode).
//
// Cost: Neighbours similarity queries per document and a heap over the
// graph's edges; no n-by-n structure. Clusters are sorted by size, then
// latest date (newest first), then name.
func Clusters(ix *MechanismIndex, o ClusterOptions) []Cluster {
	if o.MinScore <= 0 {
		o.MinScore = 0.18
	}
	if o.MinDocs <= 0 {
		o.MinDocs = 3
	}
	if o.Neighbours <= 0 || o.Neighbours > nnK {
		o.Neighbours = nnK
	}
	docs := ix.docs
	n := len(docs)
	// sims holds the known similarities between live clusters, keyed by
	// the smaller cluster id first.
	sims := map[[2]int32]float64{}
	adj := make([]map[int32]bool, n)
	for i := range adj {
		adj[i] = map[int32]bool{}
	}
	for i, nn := range ix.neighbours() {
		if ix.quiet[i] {
			continue
		}
		for _, m := range nn[:min(len(nn), o.Neighbours)] {
			j := ix.byID[m.ID]
			if j == int32(i) || m.Score < o.MinScore/2 || ix.quiet[j] {
				continue
			}
			k := pairKey(int32(i), j)
			if m.Score > sims[k] {
				sims[k] = m.Score
			}
			adj[i][j], adj[j][int32(i)] = true, true
		}
	}
	size := make([]int, n)
	members := make([][]int32, n)
	version := make([]int, n)
	for i := range size {
		size[i] = 1
		members[i] = []int32{int32(i)}
	}
	h := &linkHeap{}
	push := func(a, b int32) {
		k := pairKey(a, b)
		avg := sims[k] / float64(size[a]*size[b])
		if avg >= o.MinScore {
			heap.Push(h, link{avg: avg, a: k[0], b: k[1], va: version[k[0]], vb: version[k[1]]})
		}
	}
	for k := range sims {
		push(k[0], k[1])
	}
	for h.Len() > 0 {
		l := heap.Pop(h).(link)
		if version[l.a] != l.va || version[l.b] != l.vb || size[l.a] == 0 || size[l.b] == 0 {
			continue
		}
		a, b := l.a, l.b // merge b into a
		for c := range adj[b] {
			if c == a {
				continue
			}
			sims[pairKey(a, c)] += sims[pairKey(b, c)]
			delete(sims, pairKey(b, c))
			delete(adj[c], b)
			adj[c][a] = true
			adj[a][c] = true
		}
		delete(sims, pairKey(a, b))
		delete(adj[a], b)
		adj[b] = nil
		members[a] = append(members[a], members[b]...)
		members[b] = nil
		size[a] += size[b]
		size[b] = 0
		version[a]++
		version[b]++
		for c := range adj[a] {
			push(a, c)
		}
	}
	dupOf := map[string][]string{}
	for _, p := range o.Duplicates {
		dupOf[p.A] = append(dupOf[p.A], p.B)
		dupOf[p.B] = append(dupOf[p.B], p.A)
	}
	type group struct {
		ms       []int32
		defining []string
	}
	var groups []group
	inGroup := map[int32][]int{} // document -> groups
	for i := range members {
		ms, defining := ix.pruneToMechanism(members[i])
		if ix.incidents(ms, dupOf) < o.MinDocs {
			continue
		}
		for _, m := range ms {
			inGroup[m] = append(inGroup[m], len(groups))
		}
		groups = append(groups, group{ms, defining})
	}
	var out []Cluster
	for gi, g := range groups {
		ms := ix.attachStrong(g.ms, g.defining, o.MinScore/2, func(doc int) bool {
			// already in a group whose defining concepts include all of
			// this one's
			for _, h := range inGroup[int32(doc)] {
				if h != gi && isSubset(g.defining, groups[h].defining) {
					return true
				}
			}
			return false
		})
		if c, ok := ix.describe(ms); ok {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Docs) != len(b.Docs) {
			return len(a.Docs) > len(b.Docs)
		}
		if a.Last != b.Last {
			return a.Last > b.Last
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Docs[0] < b.Docs[0]
	})
	return out
}

// incidents counts the distinct incidents among ms: documents joined by
// a near-duplicate pair count once.
func (ix *MechanismIndex) incidents(ms []int32, dupOf map[string][]string) int {
	if len(dupOf) == 0 {
		return len(ms)
	}
	in := map[string]bool{}
	for _, m := range ms {
		in[ix.docs[m].ID] = true
	}
	seen := map[string]bool{}
	n := 0
	for _, m := range ms {
		id := ix.docs[m].ID
		if seen[id] {
			continue
		}
		n++
		stack := []string{id}
		seen[id] = true
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, y := range dupOf[x] {
				if in[y] && !seen[y] {
					seen[y] = true
					stack = append(stack, y)
				}
			}
		}
	}
	return n
}

// pruneToMechanism keeps the members that carry every defining concept
// of the group: the mechanism concepts (Weight >= ConceptWeight, not
// remedies: a canary mentioned is no failure mode) that at least 70% of
// the members carry. A writeup that shares the words
// of a failure mode but not its mechanism ("a config error the canary
// caught" beside "config rolled out everywhere at once") leaves the
// cluster. Object concepts (Concept.Object: the thing, not how it
// failed) define only when no mechanism does, so a DNS zone pushed
// everywhere stays beside config pushed everywhere. Groups without
// defining concepts are kept whole.
func (ix *MechanismIndex) pruneToMechanism(ms []int32) (kept []int32, defining []string) {
	if len(ms) < 2 {
		return ms, nil
	}
	has := make([]map[string]bool, len(ms))
	count := map[string]int{}
	for i, m := range ms {
		has[i] = map[string]bool{}
		for _, t := range ix.vecs[m] {
			term := ix.vocab[t.term]
			if strings.HasPrefix(term, ConceptPrefix) && ix.lex.Weight(term) >= ConceptWeight && !ix.lex.IsRemedy(term) && !has[i][term] {
				has[i][term] = true
				count[term]++
			}
		}
	}
	for t, c := range count {
		if 10*c < 7*len(ms) {
			continue
		}
		if ix.lex.IsObject(t) {
			// An object (Kafka, DNS, a configuration) defines the group
			// only when most members say it is what failed, in their
			// title, summary or cause: "Kafka disks filled up" beside a
			// Postgres volume filling up, not "a config flag" in a pool
			// exhaustion's timeline.
			inCore := 0
			for _, m := range ms {
				if ix.core[m][t] > 0 {
					inCore++
				}
			}
			if 10*inCore < 7*len(ms) {
				continue
			}
		}
		defining = append(defining, t)
	}
	sort.Strings(defining)
	if len(defining) == 0 {
		return ms, nil
	}
	out := ms[:0:0]
	for i, m := range ms {
		ok := true
		for _, t := range defining {
			ok = ok && has[i][t]
		}
		if ok {
			out = append(out, m)
		}
	}
	return out, defining
}

// attachStrong adds to a group the documents outside it whose title,
// summary and cause name every defining concept of the group at least
// twice and whose mean similarity to the members is at least minScore.
// Clustering is a partition, but a writeup can show two failure modes (a
// resolver setting pushed to every host is a global rollout and a DNS
// failure): the document lands in one cluster and is attached to the
// other. within(doc) reports documents already in a group that this
// one's defining concepts do not cover on their own (a Kafka disk
// filling up is not attached to "disk filling up" as well). Groups
// defined by objects only (DNS, a configuration) attach
// nothing: the thing that failed is not a failure mode.
func (ix *MechanismIndex) attachStrong(ms []int32, defining []string, minScore float64, within func(doc int) bool) []int32 {
	mechanism := false
	for _, t := range defining {
		mechanism = mechanism || !ix.lex.IsObject(t)
	}
	if !mechanism || len(ms) == 0 {
		return ms
	}
	in := map[int32]bool{}
	for _, m := range ms {
		in[m] = true
	}
	out := ms
	for j := range ix.docs {
		d := int32(j)
		if in[d] || ix.quiet[j] {
			continue
		}
		ok := true
		for _, t := range defining {
			need := 2 // a mechanism named twice ...
			if ix.lex.IsObject(t) {
				need = 1 // ... about the thing named
			}
			ok = ok && ix.core[j][t] >= need
		}
		if !ok || within(j) {
			continue
		}
		sum := 0.0
		for _, m := range ms {
			sum += cosine(ix.vecs[d], ix.vecs[m])
		}
		if sum/float64(len(ms)) >= minScore {
			out = append(out, d)
		}
	}
	return out
}

// describe summarises a group of documents as a Cluster; ok is false
// when the group spans one team and one quarter only.
func (ix *MechanismIndex) describe(ms []int32) (Cluster, bool) {
	docs := ix.docs
	sort.Slice(ms, func(i, j int) bool {
		a, b := &docs[ms[i]], &docs[ms[j]]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.ID < b.ID
	})
	var c Cluster
	teams := map[string]bool{}
	quarters := map[string]bool{}
	var first, last time.Time
	for _, m := range ms {
		d := &docs[m]
		c.Docs = append(c.Docs, d.ID)
		if d.Team != "" {
			teams[d.Team] = true
		}
		if !d.Date.IsZero() {
			quarters[model.Quarter(d.Date.UTC())] = true
			if first.IsZero() || d.Date.Before(first) {
				first = d.Date
			}
			if d.Date.After(last) {
				last = d.Date
			}
		}
	}
	if len(teams) < 2 && len(quarters) < 2 {
		return Cluster{}, false
	}
	for t := range teams {
		c.Teams = append(c.Teams, t)
	}
	sort.Strings(c.Teams)
	if !first.IsZero() {
		c.First, c.Last = first.UTC().Format("2006-01-02"), last.UTC().Format("2006-01-02")
	}
	half := (len(ms) + 1) / 2
	var pairs, sum float64
	for i, x := range ms {
		for _, y := range ms[i+1:] {
			sum += cosine(ix.vecs[x], ix.vecs[y])
			pairs++
		}
	}
	if pairs > 0 {
		c.Score = round3(sum / pairs)
	}
	var words []string
	for _, t := range ix.commonTerms(ms, half, 20) {
		if strings.HasPrefix(t, ConceptPrefix) {
			if len(c.Concepts) < 3 {
				c.Concepts = append(c.Concepts, t[len(ConceptPrefix):])
			}
		} else if len(words) < 5 && !boilerplate[t] {
			words = append(words, t)
		}
	}
	texts := make([]string, 0, 3*len(ms))
	for _, m := range ms {
		texts = append(texts, docs[m].Title, docs[m].Text, docs[m].Cause)
	}
	c.Terms = SurfaceForms(words, texts...)
	// Up to two concept names; the heaviest words complete the name (three
	// parts in all) only when no mechanism names it, since the words a
	// few writeups share beside their mechanism are mostly chance ("year",
	// "morning"). Remedies (alerting, runbooks) are named only when no
	// mechanism is: "memory exhaustion", not "alerting", says what failed.
	var named []string
	for _, id := range c.Concepts {
		if !ix.lex.IsRemedy(ConceptPrefix + id) {
			named = append(named, id)
		}
	}
	mechanism := len(named) > 0
	if !mechanism {
		named = c.Concepts
	}
	var name []string
	for _, id := range named[:min(2, len(named))] {
		name = append(name, ix.lex.Name(id))
	}
	for _, t := range c.Terms {
		if mechanism || len(name) >= 3 || len(name) >= 2 && len(named) >= 2 {
			break
		}
		name = append(name, t)
	}
	c.Name = strings.Join(name, " · ")
	if c.Concepts == nil {
		c.Concepts = []string{}
	}
	if c.Terms == nil {
		c.Terms = []string{}
	}
	return c, true
}

// boilerplate are normalised words every postmortem uses; they never name
// a cluster.
var boilerplate = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`incident incidents occurred occur timeline issue issues problem problems
	experienced experience seen saw returning return happened happen caused cause impact impacted
	january february march april may june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday minutes hours day days week weeks
	team teams user users service services time`) {
		if n, ok := normWord(w); ok {
			m[n] = true
		}
	}
	return m
}()

// isSubset reports whether every element of a (sorted) is in b (sorted).
func isSubset(a, b []string) bool {
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			return false
		}
	}
	return true
}

func pairKey(a, b int32) [2]int32 {
	if a > b {
		a, b = b, a
	}
	return [2]int32{a, b}
}

// link is a candidate merge of clusters a < b at average similarity avg,
// valid while both clusters are at the recorded versions.
type link struct {
	avg    float64
	a, b   int32
	va, vb int
}

type linkHeap []link

func (h linkHeap) Len() int { return len(h) }
func (h linkHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h linkHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *linkHeap) Push(x any)   { *h = append(*h, x.(link)) }
func (h *linkHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
