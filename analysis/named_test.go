package analysis

import (
	"testing"

	"github.com/debrief-dev/debrief/model"
)

// TestNamedPartiesAcrossADocument checks the named rule on a document:
// the sentence that introduces the party has its own dependency finding,
// later sentences that name it alone get theme.dependency-named with the
// name as span, in both AnalyzeText (offsets into the text) and
// AnalyzeDocument (offsets into each sentence), and a name the document
// never introduces as a third party is left alone.
func TestNamedPartiesAcrossADocument(t *testing.T) {
	a, err := New(Options{NoModel: true})
	if err != nil {
		t.Fatal(err)
	}
	sents := []string{
		"Tessera Pay, our card-terminal vendor, pushed an update at 02:00.",
		"Store Systems rolled the tills back at 08:10.",
		"At 08:58 Tessera confirmed the fault.",
		"Priya restarted the proxy.",
	}
	pm := &model.Postmortem{}
	for _, s := range sents {
		pm.Sentences = append(pm.Sentences, model.Sentence{Text: s})
	}
	a.AnalyzeDocument(pm)
	var named []model.Finding
	for _, f := range pm.Findings {
		if f.Rule == "theme.dependency-named" {
			named = append(named, f)
		}
	}
	if len(named) != 1 || named[0].Sentence != 2 || named[0].Match != "Tessera" || sents[2][named[0].Start:named[0].End] != "Tessera" {
		t.Fatalf("AnalyzeDocument named findings = %+v, want one on sentence 2 spanning Tessera", named)
	}
	for i := 1; i < len(pm.Findings); i++ {
		p, f := pm.Findings[i-1], pm.Findings[i]
		if p.Sentence > f.Sentence || p.Sentence == f.Sentence && p.Start > f.Start {
			t.Fatalf("findings out of order at %d: %+v before %+v", i, p, f)
		}
	}
	text := sents[0] + " " + sents[1] + " " + sents[2] + " " + sents[3]
	found := false
	for _, f := range a.AnalyzeText(text) {
		if f.Rule == "theme.dependency-named" {
			found = true
			if text[f.Start:f.End] != "Tessera" || f.Sentence != 2 {
				t.Errorf("AnalyzeText named finding %+v: span %q", f, text[f.Start:f.End])
			}
		}
	}
	if !found {
		t.Error("AnalyzeText: no named finding")
	}
	// Alone, the sentence names nobody it knows to be a third party.
	for _, f := range a.AnalyzeText(sents[2]) {
		if f.Rule == "theme.dependency-named" {
			t.Errorf("a sentence alone got %+v", f)
		}
	}
}
