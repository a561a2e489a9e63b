package analysis

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
)

// docEvidence builds evidence from sections given as kind -> sentences,
// each sentence written as "text|theme,theme".
func docEvidence(title []string, secs ...[]string) ThemeEvidence {
	var ev ThemeEvidence
	ev.Title = title
	for _, sec := range secs {
		ev.Sections = append(ev.Sections, model.Section{Kind: sec[0]})
		for _, s := range sec[1:] {
			text, themes, _ := strings.Cut(s, "|")
			i := len(ev.Sentences)
			ev.Sentences = append(ev.Sentences, model.Sentence{Section: len(ev.Sections) - 1, Text: text})
			for _, th := range strings.Split(themes, ",") {
				if th != "" {
					ev.Findings = append(ev.Findings, model.Finding{Kind: model.KindTheme, Label: th, Sentence: i})
				}
			}
		}
	}
	return ev
}

func TestDocThemeParams(t *testing.T) {
	p := DocThemeParams{
		Section: map[string]float64{model.SectionRootCause: 1, model.SectionTimeline: 0.1},
		Other:   0.5, Title: 0.2, LengthExp: 0, ShareExp: 0,
		Relative: 0.4, Floor: 0, MinTop: 0.05, MaxThemes: 4,
	}
	pad := strings.Repeat("x", 40)
	cases := []struct {
		name    string
		p       DocThemeParams
		ev      ThemeEvidence
		members []string // member labels in weight order
		all     []string // every theme in weight order
	}{
		{
			name: "no theme findings",
			p:    p,
			ev:   docEvidence(nil, []string{model.SectionRootCause, pad + "|"}),
		},
		{
			name: "timeline chatter is not dominant",
			p:    p,
			ev: docEvidence(nil,
				[]string{model.SectionRootCause, pad + "|change", pad + "|change", pad + "|"},
				[]string{model.SectionTimeline, pad + "|detection", pad + "|detection", pad + "|detection", pad + "|detection"}),
			members: []string{"change"},
			all:     []string{"detection", "change"},
		},
		{
			name: "the same sentences in contributing factors are dominant",
			p:    p,
			ev: docEvidence(nil,
				[]string{model.SectionRootCause, pad + "|change", pad + "|change", pad + "|detection", pad + "|detection", pad + "|detection", pad + "|detection"}),
			members: []string{"detection", "change"},
			all:     []string{"detection", "change"},
		},
		{
			name: "the title lifts a theme",
			p:    p,
			ev: docEvidence([]string{"network", "network"},
				[]string{model.SectionRootCause, pad + "|change", pad + "|change", pad + "|change", pad + "|network", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|"}),
			members: []string{"change", "network"},
			all:     []string{"change", "network"},
		},
		{
			name:    "a theme only in the title is a member with weight 0",
			p:       p,
			ev:      docEvidence([]string{"time"}, []string{model.SectionRootCause, pad + "|"}),
			members: []string{"time"},
			all:     []string{"time"},
		},
		{
			name: "at most MaxThemes members, ties by label",
			p:    p,
			ev: docEvidence(nil,
				[]string{model.SectionRootCause, pad + "|time", pad + "|data", pad + "|change", pad + "|network", pad + "|capacity", pad + "|security"}),
			members: []string{"capacity", "change", "data", "network"},
			all:     []string{"capacity", "change", "data", "network", "security", "time"},
		},
		{
			name: "too little evidence gives no member",
			p:    p,
			ev: docEvidence(nil,
				[]string{model.SectionTimeline, pad + "|data", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|"},
				[]string{model.SectionRootCause, pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|", pad + "|"}),
			all: []string{"data"},
		},
		{
			name: "unknown sections weigh Other",
			p:    p,
			ev: ThemeEvidence{
				Sentences: []model.Sentence{{Section: 3, Text: pad}, {Section: -1, Text: pad}},
				Findings:  []model.Finding{{Kind: model.KindTheme, Label: "data", Sentence: 0}, {Kind: model.KindTheme, Label: "data", Sentence: 0}, {Kind: model.KindBlame, Label: "human-error", Sentence: 1}, {Kind: model.KindTheme, Label: "x-bogus", Sentence: 9}},
			},
			members: []string{"data"},
			all:     []string{"data"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.p.Themes(c.ev)
			var all []string
			for _, th := range got {
				all = append(all, th.Label)
			}
			if !reflect.DeepEqual(all, c.all) || !reflect.DeepEqual(MemberLabels(got), c.members) {
				t.Errorf("themes %v members %v, want %v members %v (%+v)", all, MemberLabels(got), c.all, c.members, got)
			}
			// Deterministic whatever the order of the findings.
			rev := c.ev
			rev.Findings = make([]model.Finding, len(c.ev.Findings))
			for i, f := range c.ev.Findings {
				rev.Findings[len(rev.Findings)-1-i] = f
			}
			if again := c.p.Themes(rev); fmt.Sprint(again) != fmt.Sprint(got) {
				t.Errorf("reversed findings give %v, want %v", again, got)
			}
		})
	}
}

// TestDocThemeWeight: Weight is the share of sentence bytes, as before
// membership existed, whatever the section weights.
func TestDocThemeWeight(t *testing.T) {
	ev := docEvidence(nil,
		[]string{model.SectionTimeline, "abcdefghij|detection"},
		[]string{model.SectionRootCause, "abcdefghijklmnopqrstuvwxyzabcd|change,detection"})
	got := DefaultDocThemes.Themes(ev)
	want := []model.Theme{{Label: "detection", Weight: 1, Member: true}, {Label: "change", Weight: 0.75, Member: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if DocumentThemes(ev.Sentences, ev.Findings)[1].Weight != 0.75 {
		t.Errorf("DocumentThemes weights differ: %+v", DocumentThemes(ev.Sentences, ev.Findings))
	}
}
