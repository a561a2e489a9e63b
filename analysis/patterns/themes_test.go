package patterns

import (
	"math"
	"slices"
	"testing"
)

func themed(id, d string, themes ...string) DocText {
	return DocText{ID: id, Date: date(d), Themes: themes}
}

func TestCoOccurrence(t *testing.T) {
	docs := []DocText{
		themed("1", "2025-01-05", "change", "detection"),
		themed("2", "2025-01-06", "change", "detection", "change"),
		themed("3", "2025-02-01", "capacity"),
		themed("4", "2025-02-02", "capacity", "change"),
		themed("5", "2025-02-03"),
	}
	m := CoOccurrence(docs)
	if !slices.Equal(m.Labels, []string{"capacity", "change", "detection"}) || m.Total != 5 {
		t.Fatalf("labels %v total %d", m.Labels, m.Total)
	}
	if !slices.Equal(m.Docs, []int{2, 3, 2}) {
		t.Errorf("docs per theme %v", m.Docs)
	}
	want := [][]int{{2, 1, 0}, {1, 3, 2}, {0, 2, 2}}
	for i := range want {
		if !slices.Equal(m.Counts[i], want[i]) {
			t.Errorf("counts row %d = %v, want %v", i, m.Counts[i], want[i])
		}
	}
	pairs := m.TopPairs(0, 1)
	// change+detection: 2 docs, lift 2*5/(3*2) = 1.67; capacity+change:
	// 1 doc, lift 1*5/(2*3) = 0.83.
	if len(pairs) != 2 || pairs[0].A != "change" || pairs[0].B != "detection" || pairs[0].Docs != 2 {
		t.Fatalf("pairs %+v", pairs)
	}
	if math.Abs(pairs[0].Lift-5.0/3) > 1e-9 || math.Abs(pairs[0].Jaccard-2.0/3) > 1e-9 {
		t.Errorf("change+detection lift %.3f jaccard %.3f", pairs[0].Lift, pairs[0].Jaccard)
	}
	if got := m.TopPairs(0, 2); len(got) != 1 {
		t.Errorf("minDocs 2: %+v", got)
	}
	if got := m.TopPairs(1, 1); len(got) != 1 {
		t.Errorf("n 1: %+v", got)
	}
}

func TestThemeTrends(t *testing.T) {
	docs := []DocText{
		// 2025-Q1: change 2/2, capacity 0/2
		themed("1", "2025-01-05", "change"),
		themed("2", "2025-02-05", "change"),
		// 2025-Q2: no postmortems
		// 2025-Q3: change 1/2, capacity 1/2
		themed("3", "2025-07-05", "change"),
		themed("4", "2025-08-05", "capacity"),
		// 2025-Q4: change 0/1, capacity 1/1; network steady at 0 then... only here
		themed("5", "2025-11-05", "capacity"),
		{ID: "undated", Themes: []string{"network"}},
	}
	trends := ThemeTrends(docs, TrendOptions{})
	byTheme := map[string]ThemeTrend{}
	for _, tr := range trends {
		byTheme[tr.Theme] = tr
	}
	if _, ok := byTheme["network"]; ok {
		t.Error("undated documents counted")
	}
	ch := byTheme["change"]
	if len(ch.Quarters) != 4 || ch.Quarters[1].Quarter != "2025-Q2" || ch.Quarters[1].Total != 0 {
		t.Fatalf("quarters %+v", ch.Quarters)
	}
	// Points (0,1), (2,0.5), (3,0): slope (3*1 - 5*1.5) / (3*13 - 25) = -9/28.
	if math.Abs(ch.Slope-(-9.0/28)) > 1e-9 || ch.Direction != Falling || math.Abs(ch.Change-(-0.5)) > 1e-9 {
		t.Errorf("change trend %+v", ch)
	}
	ca := byTheme["capacity"]
	if math.Abs(ca.Slope-9.0/28) > 1e-9 || ca.Direction != Rising {
		t.Errorf("capacity trend %+v", ca)
	}
	if trends[0].Theme != "capacity" || trends[1].Theme != "change" {
		t.Errorf("order: %s, %s (ties by name)", trends[0].Theme, trends[1].Theme)
	}
	if ThemeTrends(nil, TrendOptions{}) != nil {
		t.Error("no documents should give nil")
	}
	flat := ThemeTrends([]DocText{themed("a", "2025-01-01", "data"), themed("b", "2025-04-01", "data")}, TrendOptions{})
	if flat[0].Direction != Steady || flat[0].Slope != 0 {
		t.Errorf("steady trend %+v", flat[0])
	}
}
