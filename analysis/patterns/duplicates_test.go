package patterns

import (
	"fmt"
	"slices"
	"testing"
)

func TestClockTimes(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"From 10:12 to 11:34 the depots could not print.", []string{"10:12", "11:34"}},
		{"- 09:05 paged\n- 9:05 again\n- 23:59 resolved", []string{"23:59", "9:05"}},
		{"started 2025-11-18T14:03:22Z and ended at 14:40", []string{"14:03", "14:40"}},
		{"ratio 3:1, version 1.2:30, port host:8080, 24:00, 7:60", nil},
		{"ends at 16:10", []string{"16:10"}},
		{"10:12-11:20 degraded", []string{"10:12", "11:20"}},
		{"123:45 is no time", nil},
	}
	for _, tt := range tests {
		if got := clockTimes(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("clockTimes(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNearDuplicatesIncidentEvidence: two teams write up one outage on the
// same day from their own side, listing no services: they qualify on the
// clock times and rare entities they share; a same-day writeup of the same
// kind of failure elsewhere (no shared times, other entities) does not,
// and neither does the pair when its times differ or it is weeks apart.
func TestNearDuplicatesIncidentEvidence(t *testing.T) {
	d := func(s string) DocText { return DocText{Date: *day(s)} }
	storage := d("2025-03-04")
	storage.ID, storage.Team = "storage", "platform"
	storage.Title = "Object store refused writes after patching took down two nodes"
	storage.Text = "At 08:41 the zephyr object store lost its write quorum: the nightly patch run rebooted two storage nodes while a third was out for a disk swap. Reads kept working."
	storage.Context = "08:41 write errors begin\n09:02 patch run paused\n09:37 node back, quorum regained"
	invoices := d("2025-03-04")
	invoices.ID, invoices.Team = "invoices", "billing"
	invoices.Title = "Customers could not download invoices"
	invoices.Text = "Invoice PDFs are stored in the zephyr object store before we email the link. From 08:41 every save failed: zephyr had lost write quorum when patching rebooted two of its storage nodes. Customers got a broken link."
	invoices.Context = "08:41 first failed save\n08:55 billing on-call paged\n09:37 saves succeed again"
	other := d("2025-03-04")
	other.ID, other.Team = "other", "search"
	other.Title = "Index writes failed on the search cluster"
	other.Text = "A bad mapping made the search cluster reject index writes for an hour; reads kept working."
	other.Context = "13:10 index errors\n14:05 mapping reverted"
	docs := []DocText{storage, invoices, other}
	for i := 0; i < 20; i++ { // background, so that IDF means something
		bg := d("2024-01-01")
		bg.Date = bg.Date.AddDate(0, i, 0)
		bg.ID, bg.Team = fmt.Sprintf("bg%02d", i), "other"
		bg.Title = fmt.Sprintf("Unrelated incident %d", i)
		bg.Text = "A queue consumer crashed on a malformed message and was restarted; writes were retried."
		if i%10 == 0 { // a common event elsewhere: its words are not rare
			bg.Text = "Patching rebooted two object store nodes at once; writes failed for a few minutes and were retried."
		}
		docs = append(docs, bg)
	}
	pairs := func(docs []DocText) []string {
		var out []string
		for _, p := range NearDuplicates(NewMechanismIndex(docs, nil), DuplicateOptions{}) {
			out = append(out, p.A+"-"+p.B)
		}
		return out
	}
	if got := pairs(docs); !slices.Equal(got, []string{"invoices-storage"}) {
		t.Fatalf("pairs = %v, want invoices-storage", got)
	}
	// The same writeups with different clock times: two incidents.
	shifted := slices.Clone(docs)
	shifted[1].Text = "Invoice PDFs are stored in the zephyr object store before we email the link. From 16:20 every save failed: zephyr had lost write quorum when patching rebooted two of its storage nodes. Customers got a broken link."
	shifted[1].Context = "16:20 first failed save\n16:31 billing on-call paged\n17:02 saves succeed again"
	if got := pairs(shifted); len(got) != 0 {
		t.Errorf("different times: pairs = %v, want none", got)
	}
	// Three weeks apart: not one incident.
	later := slices.Clone(docs)
	later[1].Date = later[1].Date.AddDate(0, 0, 21)
	if got := pairs(later); len(got) != 0 {
		t.Errorf("weeks apart: pairs = %v, want none", got)
	}
	// The same times and a similar story, but nothing specific to the
	// incident in common (the words are common in the background).
	generic := slices.Clone(docs)
	generic[1].Text = "From 08:41 invoice saves failed: patching rebooted two object store nodes at once and every write failed until 09:37."
	generic[1].Context = ""
	if s := cosine(NewMechanismIndex(generic, nil).vecs[0], NewMechanismIndex(generic, nil).vecs[1]); s < 0.2 {
		t.Fatalf("fixture: generic cosine %.3f, want at least SameDayScore 0.2", s)
	}
	if got := pairs(generic); len(got) != 0 {
		t.Errorf("no shared entities: pairs = %v, want none", got)
	}
}
