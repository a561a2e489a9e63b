package patterns

// Options bundle the options of every analysis Build runs. Zero values
// take each analysis' defaults.
type Options struct {
	Actions    ActionOptions
	Recurrence RecurrenceOptions
	Trends     TrendOptions
	// ThemePairs is how many co-occurring theme pairs to report (default
	// 10); MinPairDocs the fewest postmortems a pair needs (default 2).
	ThemePairs  int
	MinPairDocs int
}

// Report is everything `debrief patterns` shows.
type Report struct {
	Postmortems     int             `json:"postmortems"`
	ActionItems     int             `json:"action_items"`
	RepeatedActions []ActionCluster `json:"repeated_actions"`
	Recurring       []Recurrence    `json:"recurring"`
	ThemePairs      []ThemePair     `json:"theme_pairs"`
	ThemeTrends     []ThemeTrend    `json:"theme_trends"`
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
	return Report{
		Postmortems:     len(docs),
		ActionItems:     len(actions),
		RepeatedActions: ClusterActions(actions, o.Actions),
		Recurring:       Recurring(docs, o.Recurrence),
		ThemePairs:      CoOccurrence(docs).TopPairs(o.ThemePairs, o.MinPairDocs),
		ThemeTrends:     ThemeTrends(docs, o.Trends),
	}
}
