package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/internal/synth"
	"github.com/debrief-dev/debrief/store"
)

// TestDemoThemeShares: on the demo data (what `debrief demo` ingests), the
// share of postmortems per theme counts member themes, so it is a share a
// reader can believe: no theme in most postmortems, one to four themes per
// postmortem, and the generator's planted themes mostly found. It logs the
// shares next to the old "any sentence touches the theme" shares.
func TestDemoThemeShares(t *testing.T) {
	ctx := context.Background()
	st, err := exampleStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = st.Close() }()
	planted := map[string][]string{}
	if err := synth.Generate(exampleCorpus, func(d synth.Doc) error {
		planted[d.Path] = d.Themes
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	total, err := st.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasurePostmortems})
	if err != nil {
		t.Fatal(err)
	}
	n := total[0].Value
	rows, err := st.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimTheme}})
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]float64{}
	sum := 0.0
	for _, r := range rows {
		members[r.Keys[0]] = r.Value
		sum += r.Value
	}
	list, _, err := st.List(ctx, store.ListQuery{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	touched := map[string]float64{}
	tp, fp, fn := 0, 0, 0
	atp, afp := 0, 0 // "any sentence" themes against the planted ones
	for _, s := range list {
		p, err := st.Get(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, l := range planted[s.Path] {
			want[l] = true
		}
		for _, th := range p.Themes {
			if th.Weight > 0 {
				touched[th.Label]++
				if want[th.Label] {
					atp++
				} else {
					afp++
				}
			}
		}
		for _, l := range s.Themes {
			if want[l] {
				tp++
			} else {
				fp++
			}
		}
		fn += len(want)
	}
	fn -= tp
	labels := make([]string, 0, len(touched))
	for l := range touched {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	var b strings.Builder
	fmt.Fprintf(&b, "%d demo postmortems; share with the theme: any sentence -> member\n", int(n))
	for _, l := range labels {
		fmt.Fprintf(&b, "  %-14s %3.0f%% -> %3.0f%%\n", l, 100*touched[l]/n, 100*members[l]/n)
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	ap, ar := float64(atp)/float64(atp+afp), float64(atp)/float64(tp+fn)
	fmt.Fprintf(&b, "  %.2f member themes per postmortem; against the planted themes: members P %.2f R %.2f F1 %.2f, any sentence P %.2f R %.2f F1 %.2f",
		sum/n, p, r, 2*p*r/(p+r), ap, ar, 2*ap*ar/(ap+ar))
	t.Log(b.String())
	for l, v := range members {
		if v/n > 0.6 {
			t.Errorf("theme %s in %.0f%% of the demo postmortems", l, 100*v/n)
		}
	}
	if avg := sum / n; avg < 1 || avg > 4 {
		t.Errorf("%.2f member themes per postmortem, want 1-4", avg)
	}
	if f1 := 2 * p * r / (p + r); f1 < 0.5 {
		t.Errorf("member themes against the planted ones: F1 %.2f < 0.5", f1)
	}
}
