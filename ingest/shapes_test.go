package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// shapesDir holds one writeup per shape of team, duration and action-item
// statement (written for these tests). Their goldens pin the fields that
// matter, not every offset, so a change of heuristics elsewhere does not
// rewrite them.
const shapesDir = "../testdata/shapes"

// shapeResult is what a shape golden pins.
type shapeResult struct {
	Title           string             `json:"title"`
	Team            string             `json:"team"`
	Severity        string             `json:"severity,omitempty"`
	Date            string             `json:"date,omitempty"`
	StartedAt       string             `json:"started_at,omitempty"`
	ResolvedAt      string             `json:"resolved_at,omitempty"`
	DurationMinutes float64            `json:"duration_minutes"`
	DurationSource  string             `json:"duration_source"`
	Sections        []string           `json:"sections"`
	TimelineEvents  int                `json:"timeline_events"`
	ActionItems     []model.ActionItem `json:"action_items"`
	Warnings        []string           `json:"warnings"`
}

func pinShape(pm *model.Postmortem) shapeResult {
	r := shapeResult{Title: pm.Title, Team: pm.Team, Severity: pm.Severity, DurationMinutes: pm.DurationMinutes,
		DurationSource: pm.DurationSource, TimelineEvents: len(pm.Timeline), ActionItems: pm.ActionItems,
		Warnings: pm.Warnings}
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format("2006-01-02")
	}
	stamp := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	r.Date, r.StartedAt, r.ResolvedAt = day(pm.Date), stamp(pm.StartedAt), stamp(pm.ResolvedAt)
	for _, s := range pm.Sections {
		r.Sections = append(r.Sections, s.Kind)
	}
	return r
}

func TestShapes(t *testing.T) {
	entries, err := os.ReadDir(shapesDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".golden.json") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			pm, err := ParseFile(filepath.Join(shapesDir, name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, name, pm)
			got, err := json.MarshalIndent(pinShape(pm), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join(shapesDir, name+".golden.json"), append(got, '\n'), "TestShapes")
		})
	}
	if n < 9 {
		t.Fatalf("expected at least 9 shape fixtures, found %d", n)
	}
}
