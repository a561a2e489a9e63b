package sqlutil

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

func TestQuantile(t *testing.T) {
	for _, tc := range []struct {
		vals []float64
		q    float64
		want float64
	}{
		{[]float64{5}, 0.5, 5},
		{[]float64{1, 2, 3, 4}, 0.5, 2.5},
		{[]float64{1, 2, 3, 4}, 0, 1},
		{[]float64{1, 2, 3, 4}, 1, 4},
		{[]float64{10, 30, 90, 120}, 0.9, 111},
		{[]float64{30, 90}, 0.9, 84},
	} {
		got, ok := Quantile(tc.vals, tc.q)
		if !ok || got-tc.want > 1e-9 || tc.want-got > 1e-9 {
			t.Errorf("Quantile(%v, %v) = %v, %v; want %v", tc.vals, tc.q, got, ok, tc.want)
		}
	}
	if _, ok := Quantile(nil, 0.5); ok {
		t.Errorf("Quantile of no values reported ok")
	}
}

func TestFinishAgg(t *testing.T) {
	rows := func() []store.AggRow {
		return []store.AggRow{{Keys: []string{"b"}, Value: 1}, {Keys: []string{"a"}, Value: 1}, {Keys: []string{"c"}, Value: 3}}
	}
	got := FinishAgg(rows(), 0)
	if want := []string{"a", "b", "c"}; !reflect.DeepEqual([]string{got[0].Keys[0], got[1].Keys[0], got[2].Keys[0]}, want) {
		t.Errorf("FinishAgg without limit: %v, want keys %v", got, want)
	}
	got = FinishAgg(rows(), 2)
	if len(got) != 2 || got[0].Keys[0] != "c" || got[1].Keys[0] != "a" {
		t.Errorf("FinishAgg limit 2: %v, want c then a", got)
	}
	if got := FinishAgg(nil, 0); got == nil || len(got) != 0 {
		t.Errorf("FinishAgg(nil) = %#v, want empty non-nil", got)
	}
}

func TestPlanAggregate(t *testing.T) {
	p, err := PlanAggregate(store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: []store.Dimension{store.DimWeek, store.DimService, store.DimLabel}})
	if err != nil || !p.Findings || !p.Services || !p.Dated || p.Themes {
		t.Errorf("plan = %+v, %v", p, err)
	}
	p, err = PlanAggregate(store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: []store.Dimension{store.DimTheme}})
	if err != nil || !p.Themes || p.Findings {
		t.Errorf("plan = %+v, %v", p, err)
	}
	for _, q := range []store.AggregateQuery{
		{Measure: store.MeasureScore, Limit: -1},
		{Measure: store.MeasureSentences, GroupBy: []store.Dimension{store.DimRule}},
		{Measure: store.MeasureDurationQuantile, Quantile: 2},
	} {
		if _, err := PlanAggregate(q); !errors.Is(err, store.ErrUnsupported) {
			t.Errorf("PlanAggregate(%+v) = %v, want ErrUnsupported", q, err)
		}
	}
}

func TestWhere(t *testing.T) {
	d := Dialect{
		HasAny:  func(col string, n int) string { return "any(" + col + "," + Placeholders(n) + ")" },
		DateCmp: func(prefix, op string) string { return prefix + "date " + op + " ?" },
		TimeArg: func(t time.Time) any { return t.Unix() },
	}
	if w, args := Where(d, store.Filter{}, "p"); w != "1 = 1" || args != nil {
		t.Errorf("zero filter: %q %v", w, args)
	}
	from := time.Date(2025, 1, 1, 3, 0, 0, 0, time.FixedZone("X", 3600))
	w, args := Where(d, store.Filter{Teams: []string{"a", "b"}, Services: []string{"s"}, Themes: []string{"time"}, From: from, IDs: []string{"i"}, Severities: []string{"S"}}, "p")
	want := "p.team IN (?, ?) AND p.severity IN (?) AND p.id IN (?) AND any(p.services,?) AND any(p.member_themes,?) AND p.date >= ?"
	if w != want || !reflect.DeepEqual(args, []any{"a", "b", "S", "i", "s", "time", from.Unix()}) {
		t.Errorf("Where = %q %v\nwant   %q", w, args, want)
	}
}

func TestLoadMigrations(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0002_more.sql": {Data: []byte("-- comment; with a semicolon\nCREATE TABLE b (x INT);\n\nCREATE TABLE c (y INT)")},
		"m/0001_init.sql": {Data: []byte("CREATE TABLE a (x INT);")},
		"m/README":        {Data: []byte("not sql")},
	}
	migs, err := LoadMigrations(fsys, "m", func(name, sql string) (string, error) { return strings.ReplaceAll(sql, "INT", "BIGINT"), nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []Migration{
		{Version: 1, Name: "0001_init.sql", Statements: []string{"CREATE TABLE a (x BIGINT)"}},
		{Version: 2, Name: "0002_more.sql", Statements: []string{"CREATE TABLE b (x BIGINT)", "CREATE TABLE c (y BIGINT)"}},
	}
	if !reflect.DeepEqual(migs, want) {
		t.Errorf("LoadMigrations = %+v\nwant %+v", migs, want)
	}
	for name, files := range map[string]fstest.MapFS{
		"no version": {"m/init.sql": {Data: []byte("x;")}},
		"duplicate":  {"m/0001_a.sql": {Data: []byte("x;")}, "m/0001_b.sql": {Data: []byte("y;")}},
	} {
		if _, err := LoadMigrations(files, "m", nil); err == nil {
			t.Errorf("%s: LoadMigrations accepted bad names", name)
		}
	}
}

func TestDedupeAndValidate(t *testing.T) {
	a1 := &model.Postmortem{ID: "a", Version: "1"}
	b := &model.Postmortem{ID: "b", Version: "1"}
	a2 := &model.Postmortem{ID: "a", Version: "2"}
	got, err := Dedupe([]*model.Postmortem{a1, b, a2})
	if err != nil || !reflect.DeepEqual(got, []*model.Postmortem{b, a2}) {
		t.Errorf("Dedupe = %v, %v; want b, a@2", got, err)
	}
	if _, err := Dedupe([]*model.Postmortem{a1, {ID: " ", Version: "1", Source: model.Source{Path: "x.md"}}}); err == nil || !strings.Contains(err.Error(), "x.md") {
		t.Errorf("Dedupe with blank ID: %v, want an error naming the file", err)
	}
}

func TestFlatten(t *testing.T) {
	loc := time.FixedZone("Y", -7200)
	at := time.Date(2025, 5, 6, 7, 8, 9, 500, loc)
	p := &model.Postmortem{ID: "a", Version: "1", Date: &at,
		Sections:  []model.Section{{Kind: "impact", Text: "x. y."}},
		Sentences: []model.Sentence{{Section: 0, Start: 0, End: 2, Text: "x."}, {Section: 7, Text: "orphan"}},
		Findings:  []model.Finding{{Sentence: 0, Kind: model.KindBlame}, {Sentence: 1, Kind: model.KindAssumption}, {Sentence: 1, Kind: model.KindTheme}},
		Themes:    []model.Theme{{Label: "time", Weight: 0.5}},
		Quality:   &model.Quality{Score: 42},
	}
	d, err := Flatten(p, at)
	if err != nil {
		t.Fatal(err)
	}
	if d.Date.Location() != time.UTC || d.Date.Nanosecond() != 0 || !d.Date.Equal(at.Truncate(time.Second)) {
		t.Errorf("Date = %v, want %v in UTC, whole seconds", d.Date, at)
	}
	if d.Blame != 1 || d.Assumptions != 1 || d.FindingCount != 3 || d.Score != 42 || !d.Scored {
		t.Errorf("counts = %+v", d)
	}
	if !reflect.DeepEqual(d.SentenceKinds, []string{"impact", ""}) {
		t.Errorf("SentenceKinds = %v", d.SentenceKinds)
	}
	if d.SectionsJSON == "" || d.QualityJSON == "" || d.ServicesOrNil == nil {
		t.Errorf("encoded columns missing: %+v", d)
	}
}
