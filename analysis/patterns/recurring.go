package patterns

import (
	"cmp"
	"slices"
	"sort"
	"time"
)

// RecurrenceOptions tune Recurring. Zero values take the defaults.
type RecurrenceOptions struct {
	// Window is the longest gap between two occurrences of one recurring
	// incident. Default 183 days (six months).
	Window time.Duration
	// MinScore is the TF-IDF cosine similarity of title and summary at or
	// above which two postmortems describe the same failure. Default 0.35.
	MinScore float64
}

// Occurrence is one postmortem in a recurrence.
type Occurrence struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Team  string    `json:"team"`
	Date  time.Time `json:"date"`
}

// Recurrence is an incident that happened more than once: postmortems on
// the same service (or, without services, the same team) whose titles and
// summaries are similar and whose themes overlap, each within Window of a
// similar earlier one.
type Recurrence struct {
	// Service is the service most occurrences name ("" when grouped by
	// team only); Team the most common team.
	Service     string       `json:"service"`
	Team        string       `json:"team"`
	Occurrences []Occurrence `json:"occurrences"` // oldest first
	// Themes are the themes most (more than half) of the occurrences carry.
	Themes []string `json:"themes"`
	// Keywords are the heaviest terms most of the occurrences share.
	Keywords []string `json:"keywords"`
	// Score is the mean similarity of the links that formed the group.
	Score float64 `json:"score"`
}

// Recurring finds recurring incidents.
//
// Documents are blocked by service (a document with several services is
// in several blocks; one without services is blocked by team) and sorted
// by date within a block. Two documents of a block are linked when they
// are at most Window apart, share a theme (when both have themes) and
// their cosine similarity (see NewIndex) is >= MinScore. Linked documents
// form a recurrence (connected components), so a failure that returns
// every few months forms one chain even when the first and the last
// occurrence are further apart than Window. Documents without a date are
// skipped.
//
// Cost: one index over all documents plus, per document, the comparisons
// with the documents of its blocks inside the window: no n-by-n matrix.
// Recurrences are sorted by number of occurrences (descending), then by
// latest occurrence (newest first), then by first ID.
func Recurring(docs []DocText, o RecurrenceOptions) []Recurrence {
	if o.Window <= 0 {
		o.Window = 183 * 24 * time.Hour
	}
	if o.MinScore <= 0 {
		o.MinScore = 0.35
	}
	ix := NewIndex(docs, IndexOptions{})
	blocks := map[string][]int32{}
	for i, d := range docs {
		if d.Date.IsZero() {
			continue
		}
		if len(d.Services) == 0 {
			if d.Team != "" {
				blocks["team:"+normTeam(d.Team)] = append(blocks["team:"+normTeam(d.Team)], int32(i))
			}
			continue
		}
		for _, s := range uniqueSorted(d.Services) {
			blocks["svc:"+s] = append(blocks["svc:"+s], int32(i))
		}
	}
	keys := make([]string, 0, len(blocks))
	for k := range blocks {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	parent := make([]int32, len(docs))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	scoreSum := map[int32]float64{}
	links := map[int32]int{}
	type edge struct {
		a, b int32
		s    float64
	}
	var edges []edge
	link := func(k string, x, y int32) {
		if !firstSharedBlock(docs[x], docs[y], k) || !themesOverlap(docs[x].Themes, docs[y].Themes) {
			return
		}
		s := cosine(ix.vecs[x], ix.vecs[y])
		if s >= o.MinScore {
			edges = append(edges, edge{x, y, s})
			rx, ry := find(x), find(y)
			if rx != ry {
				parent[max(rx, ry)] = min(rx, ry)
			}
		}
	}
	for _, k := range keys {
		b := blocks[k]
		slices.SortStableFunc(b, func(x, y int32) int { return docs[x].Date.Compare(docs[y].Date) })
		if len(b) <= exactBlock {
			for i, x := range b {
				for _, y := range b[i+1:] {
					if docs[y].Date.Sub(docs[x].Date) > o.Window {
						break
					}
					link(k, x, y)
				}
			}
			continue
		}
		ix.blockCandidates(b, docs, o.Window, func(x, y int32) { link(k, x, y) })
	}
	for _, e := range edges {
		r := find(e.a)
		scoreSum[r] += e.s
		links[r]++
	}
	groups := map[int32][]int32{}
	for i := range docs {
		r := find(int32(i))
		if links[r] > 0 {
			groups[r] = append(groups[r], int32(i))
		}
	}
	var out []Recurrence
	for r, members := range groups {
		rec := Recurrence{Score: scoreSum[r] / float64(links[r])}
		slices.SortStableFunc(members, func(x, y int32) int {
			if c := docs[x].Date.Compare(docs[y].Date); c != 0 {
				return c
			}
			return cmp.Compare(docs[x].ID, docs[y].ID)
		})
		svc, team, themes := map[string]int{}, map[string]int{}, map[string]int{}
		for _, m := range members {
			d := &docs[m]
			rec.Occurrences = append(rec.Occurrences, Occurrence{ID: d.ID, Title: d.Title, Team: d.Team, Date: d.Date})
			for _, s := range uniqueSorted(d.Services) {
				svc[s]++
			}
			if d.Team != "" {
				team[d.Team]++
			}
			for _, t := range uniqueSorted(d.Themes) {
				themes[t]++
			}
		}
		rec.Service = mostCommon(svc)
		rec.Team = mostCommon(team)
		half := len(members)/2 + 1 // a strict majority
		for t, c := range themes {
			if c >= half {
				rec.Themes = append(rec.Themes, t)
			}
		}
		sort.Strings(rec.Themes)
		texts := make([]string, 0, 2*len(members))
		for _, m := range members {
			texts = append(texts, docs[m].Title, docs[m].Text)
		}
		rec.Keywords = SurfaceForms(ix.commonTerms(members, half, 6), texts...)
		out = append(out, rec)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Occurrences) != len(b.Occurrences) {
			return len(a.Occurrences) > len(b.Occurrences)
		}
		la, lb := a.Occurrences[len(a.Occurrences)-1].Date, b.Occurrences[len(b.Occurrences)-1].Date
		if !la.Equal(lb) {
			return la.After(lb)
		}
		return a.Occurrences[0].ID < b.Occurrences[0].ID
	})
	return out
}

// exactBlock is the block size up to which Recurring compares every pair
// inside the window; larger blocks go through blockCandidates. A variable
// so that tests can compare both paths.
var exactBlock = 200

// candidateTerms is how many of a document's heaviest terms find its
// candidates in a large block.
const candidateTerms = 12

// blockCandidates calls fn(x, y) for the pairs of a large block (sorted by
// date) that are at most window apart and share one of their
// candidateTerms heaviest terms, leaving out terms that more than two thirds of
// the block's documents have among theirs (the service's own name, the
// team's jargon): those say nothing about the failure. It is the blocking
// step that keeps Recurring near-linear: pairs sharing none of their
// heaviest distinctive terms would rarely reach MinScore.
func (ix *Index) blockCandidates(b []int32, docs []DocText, window time.Duration, fn func(x, y int32)) {
	top := make([][]int32, len(b))
	bdf := map[int32]int{}
	for i, x := range b {
		v := slices.Clone(ix.vecs[x])
		ix.sortHeaviest(v)
		for _, t := range v[:min(candidateTerms, len(v))] {
			top[i] = append(top[i], t.term)
			bdf[t.term]++
		}
	}
	limit := len(b) * 2 / 3
	post := map[int32][]int32{} // term -> positions in b, ascending
	for i := range b {
		for _, t := range top[i] {
			if bdf[t] <= limit {
				post[t] = append(post[t], int32(i))
			}
		}
	}
	stamp := make([]int, len(b))
	for i, x := range b {
		for _, t := range top[i] {
			ps := post[t]
			j, _ := slices.BinarySearch(ps, int32(i+1))
			for _, p := range ps[j:] {
				y := b[p]
				if docs[y].Date.Sub(docs[x].Date) > window {
					break
				}
				if stamp[p] == i+1 {
					continue
				}
				stamp[p] = i + 1
				fn(x, y)
			}
		}
	}
}

// commonTerms returns up to n terms present in at least minDocs of the
// members, by summed weight.
func (ix *Index) commonTerms(members []int32, minDocs, n int) []string {
	sum := map[int32]float64{}
	count := map[int32]int{}
	for _, m := range members {
		for _, t := range ix.vecs[m] {
			sum[t.term] += float64(t.w)
			count[t.term]++
		}
	}
	var ts []int32
	for t, c := range count {
		if c >= minDocs && c >= 2 {
			ts = append(ts, t)
		}
	}
	sort.Slice(ts, func(a, b int) bool {
		if sum[ts[a]] != sum[ts[b]] {
			return sum[ts[a]] > sum[ts[b]]
		}
		return ts[a] < ts[b]
	})
	var out []string
	for _, t := range ts[:min(n, len(ts))] {
		out = append(out, ix.vocab[t])
	}
	return out
}

// firstSharedBlock reports whether block key k is the first block the two
// documents share, so a pair sharing two services is compared once.
func firstSharedBlock(a, b DocText, k string) bool {
	if len(a.Services) == 0 || len(b.Services) == 0 {
		return true
	}
	bs := uniqueSorted(b.Services)
	for _, s := range uniqueSorted(a.Services) {
		if _, ok := slices.BinarySearch(bs, s); ok {
			return "svc:"+s == k
		}
	}
	return true
}

func themesOverlap(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func uniqueSorted(xs []string) []string {
	if len(xs) <= 1 {
		return xs
	}
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// mostCommon returns the key with the highest count; ties go to the
// alphabetically first key.
func mostCommon(m map[string]int) string {
	best, bc := "", 0
	for k, c := range m {
		if c > bc || c == bc && k < best {
			best, bc = k, c
		}
	}
	return best
}
