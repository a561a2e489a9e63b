package synth

import (
	"testing"

	"github.com/debrief-dev/debrief/taxonomy"
)

// Every theme the generator plants is a taxonomy theme.
func TestThemesAreTaxonomyThemes(t *testing.T) {
	for _, tm := range teams {
		for th := range tm.themeWeights {
			if !taxonomy.Valid(taxonomy.Theme, th) {
				t.Errorf("team %s weights unknown theme %q", tm.name, th)
			}
		}
	}
	for _, m := range failureModes {
		for _, th := range append([]string{m.theme}, m.extra...) {
			if !taxonomy.Valid(taxonomy.Theme, th) {
				t.Errorf("failure mode %s carries unknown theme %q", m.slug, th)
			}
		}
	}
	for th := range themeSentences {
		if !taxonomy.Valid(taxonomy.Theme, th) {
			t.Errorf("themeSentences has unknown theme %q", th)
		}
	}
}
