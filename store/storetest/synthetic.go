package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/internal/synth"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/taxonomy"
)

// Synthetic streams n analysed postmortems for benchmarks and load tests.
// Their metadata (team, date, service, themes, how many blame-heavy and
// blame-aware sentences, sections, action items) is internal/synth's ground
// truth; sentences, findings and scores are built here directly, so filling
// a store does not run ingest or analysis. Deterministic for a given seed.
func Synthetic(n int, seed int64, fn func(*model.Postmortem) error) error {
	i := 0
	return synth.Generate(synth.Options{Seed: seed, N: n}, func(d synth.Doc) error {
		p := FromSynth(d, uint64(seed)<<32|uint64(i))
		i++
		return fn(p)
	})
}

var (
	blameLabels  = taxonomy.Labels(taxonomy.Blame)
	assumeLabels = taxonomy.Labels(taxonomy.Assumption)
	statuses     = []string{"open", "done", "in-progress", ""}
	severities   = []string{"SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3"}
	fillers      = []string{
		"Traffic shifted to the secondary region while the queue drained.",
		"The on-call engineer paged the database team.",
		"Dashboards showed elevated latency on the checkout path.",
		"Customers saw intermittent errors for several minutes.",
		"The deploy pipeline reported success before the health checks ran.",
	}
)

// FromSynth turns a synth.Doc's ground truth into an analysed postmortem.
func FromSynth(d synth.Doc, seed uint64) *model.Postmortem {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	id := d.ID
	if id == "" {
		id = d.Path
	}
	date := d.Date.UTC()
	day := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	detected := date.Add(time.Duration(5+r.IntN(55)) * time.Minute)
	resolved := detected.Add(time.Duration(10+r.IntN(600)) * time.Minute)
	p := &model.Postmortem{
		ID: id, Version: fmt.Sprintf("synth-%d", seed), Title: d.Title, Team: d.Team,
		Services: []string{d.Service}, Severity: severities[r.IntN(len(severities))],
		Date: &day, StartedAt: &date, DetectedAt: &detected, ResolvedAt: &resolved,
		DurationMinutes: resolved.Sub(date).Minutes(),
		Authors:         []string{fmt.Sprintf("author%d", r.IntN(40))},
		Source:          model.Source{Path: d.Path, Format: d.Format, SHA256: fmt.Sprintf("%064x", seed), Bytes: int64(len(d.Data))},
		Warnings:        []string{},
	}
	if r.IntN(4) == 0 {
		p.Services = append(p.Services, fmt.Sprintf("svc-%d", r.IntN(30)))
	}
	kinds := d.Sections
	if len(kinds) == 0 {
		kinds = []string{model.SectionSummary}
	}
	// Analytical sentences go to root-cause-like sections, the rest spread.
	type planned struct {
		text        string
		kind, label string
	}
	var plan []planned
	for i := 0; i < d.BlameSentences; i++ {
		plan = append(plan, planned{fmt.Sprintf("Human error by the operator %d caused the outage on %s.", i, d.Service), model.KindBlame, blameLabels[r.IntN(len(blameLabels))]})
	}
	for i := 0; i < d.AwareSentences; i++ {
		plan = append(plan, planned{fmt.Sprintf("We assumed the %s retry budget %d would absorb the load.", d.Service, i), model.KindAssumption, assumeLabels[r.IntN(len(assumeLabels))]})
	}
	for _, th := range d.Themes {
		plan = append(plan, planned{fmt.Sprintf("A %s gap let the failure spread.", th), model.KindTheme, th})
	}
	for i := 0; i < 20+r.IntN(20); i++ {
		plan = append(plan, planned{text: fillers[r.IntN(len(fillers))]})
	}
	r.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })
	texts := make([]strings.Builder, len(kinds))
	for _, pl := range plan {
		sec := r.IntN(len(kinds))
		b := &texts[sec]
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(pl.text)
		p.Sentences = append(p.Sentences, model.Sentence{Section: sec, Start: start, End: b.Len(), Text: pl.text})
		if pl.kind != "" {
			p.Findings = append(p.Findings, model.Finding{
				Sentence: len(p.Sentences) - 1, Kind: pl.kind, Label: pl.label, Rule: pl.kind + "/" + pl.label,
				Start: 0, End: 5, Match: pl.text[:5], Severity: model.SeverityWarning, Message: "synthetic " + pl.kind,
			})
		}
	}
	for i, k := range kinds {
		p.Sections = append(p.Sections, model.Section{Kind: k, Heading: strings.ToUpper(k[:1]) + k[1:], Text: texts[i].String()})
	}
	for i, th := range d.Themes {
		p.Themes = append(p.Themes, model.Theme{Label: th, Weight: 0.4 / float64(i+1), Member: true}) // the planned themes are the dominant ones
	}
	for i := 0; i < d.Actions; i++ {
		p.ActionItems = append(p.ActionItems, model.ActionItem{
			Text: fmt.Sprintf("Add alerting for %s (%d)", d.Service, i), Owner: fmt.Sprintf("owner%d", r.IntN(20)),
			Status: statuses[r.IntN(len(statuses))], Ticket: fmt.Sprintf("OPS-%d", r.IntN(9999)),
		})
	}
	for i := 0; i < 4+r.IntN(5); i++ {
		at := date.Add(time.Duration(i*7) * time.Minute)
		p.Timeline = append(p.Timeline, model.TimelineEvent{At: &at, AtText: at.Format("15:04"), Text: fillers[r.IntN(len(fillers))]})
	}
	p.Quality = &model.Quality{Score: 30 + r.IntN(70), Reasons: []model.QualityReason{{Code: "sections", Message: "has the core sections", Points: 10, Max: 20}}}
	return p
}
