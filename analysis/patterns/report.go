package patterns

import "time"

// Options bundle the options of every analysis Build runs. Zero values
// take each analysis' defaults.
type Options struct {
	// Lexicon names mechanisms (nil: DefaultLexicon).
	Lexicon    *Lexicon
	Actions    ActionOptions
	Clusters   ClusterOptions
	Duplicates DuplicateOptions
	Surges     SurgeOptions
	Recurrence RecurrenceOptions
	// ThemePairs is how many co-occurring theme pairs to report (default
	// 10); MinPairDocs the fewest postmortems a pair needs (default 2).
	ThemePairs  int
	MinPairDocs int
}

// FollowUp is a follow-up promised in several postmortems, in whatever
// words (see ClusterActions).
type FollowUp struct {
	// Text is the most common wording.
	Text string `json:"text"`
	// Docs are the postmortems that promised it, sorted.
	Docs []string `json:"docs"`
	// Open counts the items not marked done; Items all items.
	Open  int      `json:"open"`
	Items int      `json:"items"`
	Teams []string `json:"teams"`
	// Wordings are up to ActionOptions.Examples distinct wordings.
	Wordings []string `json:"wordings"`
	// First and Last are the earliest and latest postmortem dates
	// (2006-01-02; "" when unknown).
	First string `json:"first"`
	Last  string `json:"last"`
}

// Report is everything `debrief patterns` shows.
type Report struct {
	Postmortems int `json:"postmortems"`
	ActionItems int `json:"action_items"`
	// SimilarPairs are near-duplicate writeups of one incident.
	SimilarPairs []SimilarPair `json:"similar_pairs"`
	// Clusters are recurring failure modes across teams or quarters.
	Clusters []Cluster `json:"clusters"`
	// FollowUps are repeated follow-ups (in at least
	// ActionOptions.MinDocs postmortems, default 2).
	FollowUps []FollowUp `json:"followups"`
	// Trends are theme surges (see Surges and SurgeTest).
	Trends []Surge `json:"trends"`
	// Recurring are incidents recurring on one service within
	// RecurrenceOptions.Window.
	Recurring  []Recurrence `json:"recurring"`
	ThemePairs []ThemePair  `json:"theme_pairs"`
}

// Build runs every analysis of the package over one set of postmortems
// (docs) and their action items.
func Build(docs []DocText, actions []ActionRef, o Options) Report {
	if o.ThemePairs <= 0 {
		o.ThemePairs = 10
	}
	if o.MinPairDocs <= 0 {
		o.MinPairDocs = 2
	}
	if o.Actions.Lexicon == nil {
		o.Actions.Lexicon = o.Lexicon
	}
	mix := NewMechanismIndex(docs, o.Lexicon)
	dups := NearDuplicates(mix, o.Duplicates)
	if o.Clusters.Duplicates == nil {
		o.Clusters.Duplicates = dups
	}
	return Report{
		Postmortems:  len(docs),
		ActionItems:  len(actions),
		SimilarPairs: nonNil(dups),
		Clusters:     nonNil(Clusters(mix, o.Clusters)),
		FollowUps:    nonNil(FollowUps(ClusterActions(actions, o.Actions))),
		Trends:       nonNil(Surges(docs, o.Surges)),
		Recurring:    nonNil(Recurring(docs, o.Recurrence)),
		ThemePairs:   nonNil(CoOccurrence(docs).TopPairs(o.ThemePairs, o.MinPairDocs)),
	}
}

// FollowUps converts action clusters to FollowUps.
func FollowUps(cs []ActionCluster) []FollowUp {
	out := make([]FollowUp, 0, len(cs))
	for _, c := range cs {
		f := FollowUp{Text: c.Label, Docs: c.DocIDs, Open: c.Open, Items: c.Count,
			Teams: c.Teams, First: dateText(c.First), Last: dateText(c.Last), Wordings: []string{}}
		if f.Teams == nil {
			f.Teams = []string{}
		}
		for _, ex := range c.Examples {
			f.Wordings = append(f.Wordings, ex.Text)
		}
		out = append(out, f)
	}
	return out
}

func dateText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// nonNil makes empty results encode as [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
