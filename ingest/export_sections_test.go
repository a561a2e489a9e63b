package ingest

import (
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
)

// Lessons given as an object of sub-lists become the went-well, went-wrong
// and got-lucky sections, in JSON and YAML alike.
func TestExportLessonsObject(t *testing.T) {
	cases := map[string]string{
		"incident.json": `{"title": "Queue backlog", "summary": "The queue backed up.",
  "lessons": {"went_well": ["Paging worked."], "went_wrong": ["The runbook was stale."], "got_lucky": ["Traffic was low."]}}`,
		"incident.yaml": `title: Queue backlog
summary: The queue backed up.
lessons:
  went_well: [Paging worked.]
  went_wrong: [The runbook was stale.]
  got_lucky: [Traffic was low.]
`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			pm, err := Parse(name, []byte(src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, s := range pm.Sections {
				got[s.Kind] += s.Text
			}
			want := map[string]string{
				model.SectionWentWell:  "Paging worked.",
				model.SectionWentWrong: "The runbook was stale.",
				model.SectionGotLucky:  "Traffic was low.",
			}
			for kind, text := range want {
				if !strings.Contains(got[kind], text) {
					t.Errorf("section %s = %q, want it to contain %q (sections %v)", kind, got[kind], text, got)
				}
			}
		})
	}
}

func TestTriggeredHeading(t *testing.T) {
	for _, h := range []string{"What triggered the incident", "Trigger", "What triggered it"} {
		if got := classifyHeading(h); got != model.SectionTrigger {
			t.Errorf("classifyHeading(%q) = %q, want trigger", h, got)
		}
	}
}
