package patterns

import (
	"container/heap"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// DocText is what similarity and recurrence look at in a postmortem.
// Build it with FromPostmortem, or from a store summary plus its text.
type DocText struct {
	ID       string
	Team     string
	Services []string
	// Date is the incident date; zero when unknown (such documents never
	// take part in recurrences, which need a time window).
	Date  time.Time
	Title string
	// Text is the body compared by similarity: the summary (and, when
	// there is no summary, whatever prose describes the incident).
	Text string
	// Cause is the text of the sections that say why it happened (root
	// cause / contributing factors, trigger); mechanism clusters and
	// near-duplicates weigh it beside Title and Text.
	Cause string
	// Context is the rest of the narrative (timeline, impact, detection,
	// resolution, other sections; not action items): the mechanism index
	// takes only the lexicon's concepts from it, since people often name
	// the mechanism only in a timeline line ("09:00 the certificate
	// passes its end date").
	Context string
	// Themes are the document's theme labels (TAXONOMY.md).
	Themes []string
}

// Match is one similar postmortem.
type Match struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"` // cosine similarity in [0,1]
	// Shared are the terms contributing most to the score, heaviest first.
	Shared []string `json:"shared"`
}

// IndexOptions tune NewIndex. Zero values take the defaults.
type IndexOptions struct {
	// QueryTerms is how many of a document's heaviest terms are looked up
	// in the inverted index to find candidates. Default 16.
	QueryTerms int
	// Candidates is how many candidates (by partial score) are rescored
	// with the full cosine. Default 200.
	Candidates int
	// MaxPostings skips candidate lookup through terms that occur in more
	// documents than this (they carry little weight and cost the most).
	// Default max(2000, 5% of documents).
	MaxPostings int
}

// Index is a TF-IDF index of postmortems for similarity search. It is
// immutable after NewIndex and safe for concurrent use.
type Index struct {
	docs     []DocText
	byID     map[string]int32
	vocab    []string
	termID   map[string]int32
	df       []int32
	vecs     [][]weighted // per document, sorted by term id, L2-normalised
	postings [][]int32    // per term, documents containing it (nil when pruned)
	opts     IndexOptions
	acc      sync.Pool // *accumulator
}

type weighted struct {
	term int32
	w    float32
}

// NewIndex builds the index. Terms are Tokens of Title (counted twice: a
// title says what the incident was) and Text; weights are
// (1 + ln tf) * ln(1 + N/df), L2-normalised, so Score is a cosine.
// Documents with duplicate IDs: the last one wins the ID.
func NewIndex(docs []DocText, o IndexOptions) *Index {
	return buildIndex(docs, o, nil, func(d *DocText, add func(terms []string, times int)) {
		add(Tokens(d.Title), 2)
		add(Tokens(d.Text), 1)
	})
}

// buildIndex indexes the terms termsOf adds for each document (each term
// counted times); when boost is not nil, each term's weight is multiplied
// by boost(term) before normalisation.
func buildIndex(docs []DocText, o IndexOptions, boost func(string) float64, termsOf func(d *DocText, add func(terms []string, times int))) *Index {
	if o.QueryTerms <= 0 {
		o.QueryTerms = 16
	}
	if o.Candidates <= 0 {
		o.Candidates = 200
	}
	if o.MaxPostings <= 0 {
		o.MaxPostings = max(2000, len(docs)/20)
	}
	ix := &Index{docs: docs, byID: make(map[string]int32, len(docs)), opts: o}
	ix.acc.New = func() any { return &accumulator{} }
	termID := map[string]int32{}
	var df []int32
	defer func() { ix.termID, ix.df = termID, df }()
	tfs := make([]map[int32]int, len(docs))
	for i := range docs {
		d := &docs[i]
		ix.byID[d.ID] = int32(i)
		tf := map[int32]int{}
		termsOf(d, func(terms []string, times int) {
			for _, t := range terms {
				id, ok := termID[t]
				if !ok {
					id = int32(len(ix.vocab))
					termID[t] = id
					ix.vocab = append(ix.vocab, t)
					df = append(df, 0)
				}
				if tf[id] == 0 {
					df[id]++
				}
				tf[id] += times
			}
		})
		tfs[i] = tf
	}
	n := float64(len(docs))
	ix.vecs = make([][]weighted, len(docs))
	for i, tf := range tfs {
		v := make([]weighted, 0, len(tf))
		var norm float64
		for id, c := range tf {
			w := (1 + math.Log(float64(c))) * math.Log(1+n/float64(df[id]))
			if boost != nil {
				w *= boost(ix.vocab[id])
			}
			v = append(v, weighted{id, float32(w)})
			norm += w * w
		}
		norm = math.Sqrt(norm)
		if norm > 0 {
			for k := range v {
				v[k].w = float32(float64(v[k].w) / norm)
			}
		}
		slices.SortFunc(v, func(a, b weighted) int { return int(a.term - b.term) })
		ix.vecs[i] = v
		tfs[i] = nil
	}
	ix.postings = make([][]int32, len(ix.vocab))
	for i, v := range ix.vecs {
		for _, t := range v {
			if int(df[t.term]) <= o.MaxPostings {
				ix.postings[t.term] = append(ix.postings[t.term], int32(i))
			}
		}
	}
	return ix
}

// Len is the number of indexed documents.
func (ix *Index) Len() int { return len(ix.docs) }

// Similar returns up to k documents most similar to the document with the
// given ID (never itself), best first; ties by ID. Unknown IDs give nil.
func (ix *Index) Similar(id string, k int) []Match {
	i, ok := ix.byID[id]
	if !ok || k <= 0 {
		return nil
	}
	return ix.similar(ix.vecs[i], i, k)
}

// SimilarText returns up to k indexed documents most similar to a text
// that is not in the index (a draft postmortem, a search box). Terms the
// index has never seen count as rare (document frequency 1).
func (ix *Index) SimilarText(title, text string, k int) []Match {
	if k <= 0 {
		return nil
	}
	tf := map[string]int{}
	for _, t := range Tokens(title) {
		tf[t] += 2
	}
	for _, t := range Tokens(text) {
		tf[t]++
	}
	n := float64(len(ix.docs))
	var v []weighted
	var norm float64
	for t, c := range tf {
		df := 1.0
		id, ok := ix.termID[t]
		if ok {
			df = float64(ix.df[id])
		}
		w := (1 + math.Log(float64(c))) * math.Log(1+n/df)
		norm += w * w
		if ok {
			v = append(v, weighted{id, float32(w)})
		}
	}
	if norm == 0 {
		return nil
	}
	norm = math.Sqrt(norm)
	for i := range v {
		v[i].w = float32(float64(v[i].w) / norm)
	}
	slices.SortFunc(v, func(a, b weighted) int { return int(a.term - b.term) })
	return ix.similar(v, -1, k)
}

// Similar is a one-shot helper: it indexes docs and returns the k most
// similar to id. Build an Index once to answer many queries.
func Similar(docs []DocText, id string, k int) []Match {
	return NewIndex(docs, IndexOptions{}).Similar(id, k)
}

// accumulator collects partial scores of one query; pooled per Index.
type accumulator struct {
	score   []float32 // by document; zero outside a query
	touched []int32   // documents with a non-zero score
}

// cand is a candidate document with its partial score.
type cand struct {
	doc   int32
	score float32
}

// less orders candidates worst first: lower score, then higher doc.
func (a cand) less(b cand) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

// candHeap is a min-heap of candidates (the worst kept one on top).
type candHeap []cand

func (h candHeap) Len() int           { return len(h) }
func (h candHeap) Less(i, j int) bool { return h[i].less(h[j]) }
func (h candHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)        { *h = append(*h, x.(cand)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// similar returns the k best matches for the query vector qv of document
// q (-1 for a text outside the index), with their shared terms.
func (ix *Index) similar(qv []weighted, q int32, k int) []Match {
	out := ix.rank(qv, q, k)
	for m := range out {
		out[m].Shared = ix.shared(qv, ix.vecs[ix.byID[out[m].ID]], 5)
	}
	return out
}

// rank scores candidates for the query vector qv of document q and
// returns the k best, without shared terms.
func (ix *Index) rank(qv []weighted, q int32, k int) []Match {
	// The heaviest terms with postings find candidates.
	terms := make([]weighted, 0, len(qv))
	for _, t := range qv {
		if ix.postings[t.term] != nil {
			terms = append(terms, t)
		}
	}
	ix.sortHeaviest(terms)
	terms = terms[:min(len(terms), ix.opts.QueryTerms)]
	acc := ix.acc.Get().(*accumulator)
	defer ix.acc.Put(acc)
	if len(acc.score) < len(ix.docs) {
		acc.score = make([]float32, len(ix.docs))
	}
	for _, t := range terms {
		for _, d := range ix.postings[t.term] {
			if d == q {
				continue
			}
			if acc.score[d] == 0 {
				acc.touched = append(acc.touched, d)
			}
			acc.score[d] += t.w
		}
	}
	// Keep the best Candidates by partial score in a min-heap.
	h := candHeap(make([]cand, 0, ix.opts.Candidates))
	for _, d := range acc.touched {
		c := cand{d, acc.score[d]}
		acc.score[d] = 0
		if len(h) < ix.opts.Candidates {
			heap.Push(&h, c)
		} else if h[0].less(c) {
			h[0] = c
			heap.Fix(&h, 0)
		}
	}
	acc.touched = acc.touched[:0]
	cands := []cand(h)
	out := make([]Match, 0, len(cands))
	for _, c := range cands {
		s := cosine(qv, ix.vecs[c.doc])
		if s > 0 {
			out = append(out, Match{ID: ix.docs[c.doc].ID, Score: s})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		return out[a].ID < out[b].ID
	})
	return out[:min(len(out), k)]
}

// intersect calls fn for every term two vectors sorted by term share.
func intersect(a, b []weighted, fn func(term int32, wa, wb float32)) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].term == b[j].term:
			fn(a[i].term, a[i].w, b[j].w)
			i++
			j++
		case a[i].term < b[j].term:
			i++
		default:
			j++
		}
	}
}

// cosine of two L2-normalised sparse vectors sorted by term.
func cosine(a, b []weighted) float64 {
	var s float64
	intersect(a, b, func(_ int32, wa, wb float32) { s += float64(wa) * float64(wb) })
	return math.Min(s, 1)
}

// shared returns the n terms with the largest contribution to cosine(a, b).
func (ix *Index) shared(a, b []weighted, n int) []string {
	var cs []weighted
	intersect(a, b, func(t int32, wa, wb float32) { cs = append(cs, weighted{t, wa * wb}) })
	return ix.heaviest(cs, n)
}

// sortHeaviest sorts by weight, heaviest first, ties by term (the
// string, so the order does not depend on the order documents were
// indexed in).
func (ix *Index) sortHeaviest(ws []weighted) {
	sort.Slice(ws, func(a, b int) bool {
		if ws[a].w != ws[b].w {
			return ws[a].w > ws[b].w
		}
		return ix.vocab[ws[a].term] < ix.vocab[ws[b].term]
	})
}

// heaviest sorts ws (in place) and returns the terms of the first n.
func (ix *Index) heaviest(ws []weighted, n int) []string {
	ix.sortHeaviest(ws)
	out := make([]string, 0, min(n, len(ws)))
	for _, t := range ws[:min(n, len(ws))] {
		out = append(out, ix.vocab[t.term])
	}
	return out
}

// Terms returns the n heaviest terms of a document (its keywords).
func (ix *Index) Terms(id string, n int) []string {
	i, ok := ix.byID[id]
	if !ok {
		return nil
	}
	return ix.heaviest(slices.Clone(ix.vecs[i]), n)
}

func normTeam(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
