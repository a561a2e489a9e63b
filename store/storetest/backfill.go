package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/debrief-dev/debrief/store"
)

// OldThemeRow is a postmortem's document themes as a store kept them before
// theme membership was stored (DuckDB migration 0004, ClickHouse 0003):
// labels with weights and no member flag.
type OldThemeRow struct {
	ID      string
	Labels  []string
	Weights []float64
}

// ThemeBackfillRows are the rows a backend's migration test writes at the
// old schema version before upgrading; CheckThemeBackfill knows what the
// backfill must make of them (c's five equal weights: the first four in
// order are members).
func ThemeBackfillRows() []OldThemeRow {
	return []OldThemeRow{
		{"a", []string{"change", "capacity", "dependency", "detection"}, []float64{0.5, 0.2, 0.14, 0.1}},
		{"b", []string{"time"}, []float64{0.05}},
		{"c", []string{"data", "network", "security", "automation", "communication"}, []float64{0.3, 0.3, 0.3, 0.3, 0.3}},
		{"d", []string{}, []float64{}},
	}
}

// CheckThemeBackfill checks a store upgraded from ThemeBackfillRows: a
// document's heaviest theme is a member, and so is any of its four heaviest
// with weight >= 0.14; membership drives theme counts and the theme filter,
// Get returns the flags, and theme weights still cover every theme.
func CheckThemeBackfill(t *testing.T, s store.Store) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimTheme}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Keys[0])
	}
	if want := []string{"automation", "capacity", "change", "data", "dependency", "network", "security", "time"}; !reflect.DeepEqual(got, want) {
		t.Errorf("themes counted after upgrade = %v, want %v", got, want)
	}
	l, _, err := s.List(ctx, store.ListQuery{Filter: store.Filter{Themes: []string{"detection", "communication", "dependency"}}})
	if err != nil || len(l) != 1 || l[0].ID != "a" {
		t.Errorf("filter on backfilled members = %v, %v; want a (by dependency)", l, err)
	}
	a, err := s.Get(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	var members []bool
	for _, th := range a.Themes {
		members = append(members, th.Member)
	}
	if want := []bool{true, true, true, false}; !reflect.DeepEqual(members, want) {
		t.Errorf("Get(a) members = %v, want %v (%+v)", members, want, a.Themes)
	}
	w, err := s.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: []store.Dimension{store.DimTheme}, Filter: store.Filter{IDs: []string{"a"}}})
	if err != nil || len(w) != 4 {
		t.Errorf("theme weights of a after upgrade = %v, %v; want all 4 themes", w, err)
	}
}
