package report

import (
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/taxonomy"
)

// Percent formats a share as "35%".
func Percent(x float64) string {
	return fmt.Sprintf("%.0f%%", 100*x)
}

// Points formats a change in share as "+12 pts" / "-4 pts" / "±0 pts".
func Points(d float64) string {
	p := math.Round(100 * d)
	switch {
	case p > 0:
		return fmt.Sprintf("+%.0f pts", p)
	case p < 0:
		return fmt.Sprintf("−%.0f pts", -p)
	}
	return "±0 pts"
}

// Minutes formats a duration in minutes: "45 min", "2 h 05 min", "3 d 4 h";
// "n/a" for 0 (unknown).
func Minutes(m float64) string {
	if m <= 0 {
		return "n/a"
	}
	total := int(math.Round(m))
	switch {
	case total < 60:
		return fmt.Sprintf("%d min", total)
	case total < 48*60 && total%60 == 0:
		return fmt.Sprintf("%d h", total/60)
	case total < 48*60:
		return fmt.Sprintf("%d h %02d min", total/60, total%60)
	}
	return fmt.Sprintf("%d d %d h", total/(24*60), (total%(24*60))/60)
}

// Change describes cur against prev: "+4, +25%", "−2, −10%", "no change",
// "new" when prev is 0. Against fewer than MinSample a percentage would
// exaggerate ("+133%" for 3 to 7), so the change is counts only: "+4,
// from 3".
func Change(cur, prev int) string {
	d := cur - prev
	switch {
	case d == 0:
		return "no change"
	case prev == 0:
		return "new"
	}
	sign := "+"
	if d < 0 {
		sign, d = "−", -d
	}
	if prev < MinSample {
		return fmt.Sprintf("%s%d, from %d", sign, d, prev)
	}
	return fmt.Sprintf("%s%d, %s%.0f%%", sign, d, sign, 100*float64(d)/float64(prev))
}

// ThemeName is a theme's name in prose ("capacity" -> "Capacity"), as
// taxonomy.Display gives it.
func ThemeName(label string) string { return taxonomy.Display(label) }

// capFirst upper-cases the first letter of s.
func capFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// sectionNames are how the review names canonical section kinds.
var sectionNames = map[string]string{
	model.SectionRootCause:   "contributing factors",
	model.SectionActionItems: "action items",
	model.SectionWentWell:    "what went well",
	model.SectionWentWrong:   "what went wrong",
	model.SectionGotLucky:    "where we got lucky",
}

// SectionName is the readable name of a section kind ("root-cause" ->
// "contributing factors"); unknown kinds are returned as they are.
func SectionName(kind string) string {
	if n, ok := sectionNames[kind]; ok {
		return n
	}
	return kind
}
