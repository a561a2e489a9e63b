package storetest

import (
	"testing"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

// Synthetic documents must be valid for every backend and keep the
// sentence-span invariant of model.Sentence.
func TestSyntheticIsValid(t *testing.T) {
	n := 0
	err := Synthetic(200, 7, func(p *model.Postmortem) error {
		n++
		if err := sqlutil.Validate(p); err != nil {
			return err
		}
		for i, s := range p.Sentences {
			if got := p.Sections[s.Section].Text[s.Start:s.End]; got != s.Text {
				t.Fatalf("%s sentence %d: span gives %q, Text is %q", p.ID, i, got, s.Text)
			}
		}
		if p.Team == "" || p.Date == nil || len(p.Findings) == 0 {
			t.Fatalf("%s lacks team, date or findings", p.ID)
		}
		return nil
	})
	if err != nil || n != 200 {
		t.Fatalf("Synthetic: %d docs, %v", n, err)
	}
}
