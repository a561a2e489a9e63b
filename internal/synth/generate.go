package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// chronicPerTeam is how many (service, failure mode) pairs of a team recur.
const chronicPerTeam = 3

// chronicShare is the share of a team's incidents that repeat a chronic pair.
const chronicShare = 0.3

// generator holds what is shared by all documents of one Generate call:
// nothing in it grows with N.
type generator struct {
	seed       uint64
	start      time.Time
	span       time.Duration
	n          int
	teamPick   []int   // cumulative team weights
	fmPick     [][]int // per team: cumulative failure-mode weights
	formatPick [][]int // per team: cumulative weights over Formats
	chronic    [][chronicPerTeam]pair
}

type pair struct{ service, mode int }

func newGenerator(seed int64, start, end time.Time, n int) *generator {
	g := &generator{seed: uint64(seed), start: start, span: end.Sub(start), n: n}
	acc := 0
	for _, t := range teams {
		acc += t.weight
		g.teamPick = append(g.teamPick, acc)
	}
	for ti, t := range teams {
		var fm []int
		acc := 0
		for _, m := range failureModes {
			acc += t.themeWeights[m.theme]
			fm = append(fm, acc)
		}
		g.fmPick = append(g.fmPick, fm)
		var ff []int
		acc = 0
		for _, f := range Formats {
			acc += t.formatWeights[f]
			ff = append(ff, acc)
		}
		g.formatPick = append(g.formatPick, ff)
		// Chronic pairs come from their own stream, so they depend on the
		// seed and the team only.
		r := rand.New(rand.NewPCG(g.seed^0x9e3779b97f4a7c15, uint64(ti)+1))
		var ch [chronicPerTeam]pair
		for k := range ch {
			ch[k] = pair{service: r.IntN(len(t.services)), mode: pickCum(r, fm)}
		}
		g.chronic = append(g.chronic, ch)
	}
	return g
}

// pickCum picks an index from cumulative weights.
func pickCum(r *rand.Rand, cum []int) int {
	x := r.IntN(cum[len(cum)-1])
	for i, c := range cum {
		if x < c {
			return i
		}
	}
	return len(cum) - 1
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// incident is the abstract content of one postmortem, before rendering.
type incident struct {
	id, title, team, severity, format string
	services                          []string
	authors                           []string
	started, detected, resolved       time.Time
	hasDetected                       bool
	blameHeavy                        bool // headings and tone lean blame-heavy
	tz                                string

	summary, impact, trigger, detection, resolution []string
	factors                                         []string // analytical sentences
	factorList                                      []string // bullet list of contributing factors
	timeline                                        []event
	actions                                         []action
	wentWell, wentWrong, gotLucky                   []string

	has   map[string]bool // canonical sections present
	heads map[string]string
}

type event struct {
	at   time.Time
	text string
}

type action struct {
	title, owner, status, ticket string
}

// ctx fills template placeholders for one document.
type ctx struct {
	r                                            *rand.Rand
	svc, svc2, team, dep, host, db, table, cfg   string
	a, b, ver, feature, things, job, lib, event  string
	region, domain, mem, mem2, sev, year, dstdat string
	person                                       string
	t, td, tr                                    string
	n, m, m2, pct, pct2, dd, dd2, hrs, lat, lat0 int
	users, to, hh                                int
	dur                                          string
	belief, reality, slip, check                 string
	factor, factor2, factor3                     string
}

func (c *ctx) value(name string) (string, bool) {
	switch name {
	case "svc":
		return c.svc, true
	case "svc2":
		return c.svc2, true
	case "team":
		return c.team, true
	case "dep":
		return c.dep, true
	case "host":
		return c.host, true
	case "db":
		return c.db, true
	case "table":
		return c.table, true
	case "cfg":
		return c.cfg, true
	case "a":
		return c.a, true
	case "b":
		return c.b, true
	case "ver":
		return c.ver, true
	case "feature":
		return c.feature, true
	case "things":
		return c.things, true
	case "job":
		return c.job, true
	case "lib":
		return c.lib, true
	case "event":
		return c.event, true
	case "region":
		return c.region, true
	case "domain":
		return c.domain, true
	case "mem":
		return c.mem, true
	case "mem2":
		return c.mem2, true
	case "sev":
		return c.sev, true
	case "year":
		return c.year, true
	case "dstdate":
		return c.dstdat, true
	case "person":
		return c.person, true
	case "t":
		return c.t, true
	case "td":
		return c.td, true
	case "tr":
		return c.tr, true
	case "dur":
		return c.dur, true
	case "belief":
		return c.belief, true
	case "reality":
		return c.reality, true
	case "slip":
		return c.slip, true
	case "check":
		return c.check, true
	case "factor":
		return c.factor, true
	case "factor2":
		return c.factor2, true
	case "factor3":
		return c.factor3, true
	case "n":
		return strconv.Itoa(c.n), true
	case "m":
		return strconv.Itoa(c.m), true
	case "m2":
		return strconv.Itoa(c.m2), true
	case "pct":
		return strconv.Itoa(c.pct), true
	case "pct2":
		return strconv.Itoa(c.pct2), true
	case "dd":
		return strconv.Itoa(c.dd), true
	case "dd2":
		return strconv.Itoa(c.dd2), true
	case "hrs":
		return strconv.Itoa(c.hrs), true
	case "lat":
		return strconv.Itoa(c.lat), true
	case "lat0":
		return strconv.Itoa(c.lat0), true
	case "users":
		return strconv.Itoa(c.users), true
	case "to":
		return strconv.Itoa(c.to), true
	case "hh":
		return fmt.Sprintf("%02d", c.hh), true
	}
	return "", false
}

// fill expands {name} placeholders in tmpl. Unknown names are a programming
// error in the vocabulary and panic, so tests catch them.
func (c *ctx) fill(tmpl string) string {
	if strings.IndexByte(tmpl, '{') < 0 {
		return tmpl
	}
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			panic("synth: unterminated placeholder in " + strconv.Quote(tmpl))
		}
		b.WriteString(tmpl[:i])
		name := tmpl[i+1 : i+j]
		v, ok := c.value(name)
		if !ok {
			panic("synth: unknown placeholder {" + name + "}")
		}
		b.WriteString(v)
		tmpl = tmpl[i+j+1:]
	}
	return b.String()
}

// sentence fills tmpl and capitalises its first letter unless the sentence
// starts with an identifier such as a service name.
func (c *ctx) sentence(tmpl string) string {
	return capFirst(c.fill(tmpl))
}

// capFirst upper-cases the first letter of s unless its first word is an
// identifier (contains '-', '_' or '.'), such as a service name.
func capFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	first, _, _ := strings.Cut(s, " ")
	if strings.ContainsAny(first, "-_.") {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// doc builds document i.
func (g *generator) doc(i int) Doc {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	frac := (float64(i) + r.Float64()) / float64(max(g.n, 1))
	started := g.start.Add(time.Duration(frac * float64(g.span))).Truncate(time.Minute)
	// Incidents start at plausible hours: move the clock into 00-23 with a
	// bias to working hours, keeping the date.
	day := time.Date(started.Year(), started.Month(), started.Day(), 0, 0, 0, 0, time.UTC)
	hour := 8 + r.IntN(11)
	if r.IntN(4) == 0 {
		hour = r.IntN(24)
	}
	started = day.Add(time.Duration(hour)*time.Hour + time.Duration(r.IntN(60))*time.Minute)

	ti := pickCum(r, g.teamPick)
	tm := &teams[ti]
	recurring := r.Float64() < chronicShare
	var svcIdx, modeIdx int
	if recurring {
		p := g.chronic[ti][r.IntN(chronicPerTeam)]
		svcIdx, modeIdx = p.service, p.mode
	} else {
		svcIdx, modeIdx = r.IntN(len(tm.services)), pickCum(r, g.fmPick[ti])
	}
	fm := &failureModes[modeIdx]
	format := Formats[pickCum(r, g.formatPick[ti])]

	// Blame share drifts linearly from blameStart to blameEnd, with an
	// author-to-author spread around it.
	p := tm.blameStart + (tm.blameEnd-tm.blameStart)*frac + (r.Float64()-0.5)*0.3
	p = min(max(p, 0.02), 0.98)

	c := &ctx{r: r, team: tm.name, svc: tm.services[svcIdx]}
	c.svc2 = tm.services[(svcIdx+1+r.IntN(len(tm.services)-1))%len(tm.services)]
	c.dep = pick(r, dependencies)
	c.host = fmt.Sprintf("%s-%d.%s", c.svc, r.IntN(40)+1, pick(r, regions))
	c.region = pick(r, regions)
	c.db = strings.SplitN(c.svc, "-", 2)[0] + "-db"
	c.table = pick(r, tables)
	c.cfg = pick(r, configKeys)
	c.a, c.b = strconv.Itoa(10*(r.IntN(20)+1)), strconv.Itoa(r.IntN(5)+1)
	c.ver = fmt.Sprintf("v%d.%d.%d", r.IntN(5)+1, r.IntN(30), r.IntN(10))
	c.feature = pick(r, features)
	c.things = pick(r, thingsList)
	c.job = pick(r, jobs)
	c.lib = pick(r, libs)
	c.event = pick(r, events)
	c.domain = c.svc + ".example.com"
	c.mem = strconv.Itoa(1<<r.IntN(4)) + "Gi"
	c.mem2 = strconv.Itoa(1<<(r.IntN(3)+4)) + "Gi"
	c.sev = pick(r, severities)
	c.year = strconv.Itoa(started.Year() - 1 - r.IntN(4))
	c.dstdat = dstDate(started)
	c.person = pick(r, peopleNames)
	c.n, c.m, c.m2 = r.IntN(9)+2, r.IntN(8)+2, r.IntN(40)+12
	c.pct, c.pct2 = r.IntN(60)+5, 70+5*r.IntN(5)
	c.dd, c.dd2 = r.IntN(55)+4, r.IntN(40)+5
	c.hrs = r.IntN(20) + 2
	c.lat0, c.lat = 20+r.IntN(80), 800+100*r.IntN(40)
	c.users = 100 * (r.IntN(400) + 1)
	c.to = 5 * (r.IntN(12) + 1)
	c.hh = r.IntN(24)

	// Duration: mostly tens of minutes, a long tail of hours.
	durMin := 8 + int(r.ExpFloat64()*70)
	if durMin > 14*60 {
		durMin = 14 * 60
	}
	detectedAfter := min(c.dd, max(durMin-2, 1))
	detected := started.Add(time.Duration(detectedAfter) * time.Minute)
	resolved := started.Add(time.Duration(durMin) * time.Minute)
	c.dd = detectedAfter
	c.t, c.td, c.tr = clock(started), clock(detected), clock(resolved)
	c.dur = durationText(durMin)

	in := &incident{
		team: tm.name, format: format, severity: c.sev,
		started: started, detected: detected, resolved: resolved,
		hasDetected: r.IntN(5) > 0, blameHeavy: p > 0.5,
		has: make(map[string]bool, 13), heads: make(map[string]string, 13),
	}
	in.id = fmt.Sprintf("%s-%d-%06d", strings.ToLower(tm.ticket), started.Year(), i)
	in.title = c.sentence(pick(r, fm.titles))
	in.services = []string{c.svc}
	if r.IntN(3) == 0 {
		in.services = append(in.services, c.svc2)
	}
	in.authors = []string{pick(r, peopleNames) + " " + pick(r, surnames)}
	if r.IntN(3) == 0 {
		in.authors = append(in.authors, pick(r, peopleNames)+" "+pick(r, surnames))
	}
	in.tz = pick(r, []string{"UTC", "UTC", "UTC", ""})

	// Quality: each optional section is kept with probability q.
	q := 0.55 + 0.45*r.Float64()
	keep := func() bool { return r.Float64() < q }

	// Summary and impact.
	trig := c.sentence(pick(r, fm.trigger))
	mech := c.sentence(pick(r, fm.mechanism))
	imp := c.sentence(pick(r, fm.impact))
	in.summary = []string{trig, mech, imp}
	if recurring && r.IntN(2) == 0 {
		in.summary = append(in.summary, c.sentence(pick(r, recurrenceNotes)))
	}
	in.has["summary"] = r.IntN(20) > 0
	if keep() {
		in.has["impact"] = true
		in.impact = []string{imp, c.sentence(pick(r, fm.impact))}
		if in.impact[1] == imp {
			in.impact = in.impact[:1]
		}
		if r.IntN(2) == 0 {
			in.impact = append(in.impact, c.sentence("This was a {sev} incident lasting {dur}."))
		}
	}
	if keep() {
		in.has["trigger"] = true
		in.trigger = []string{trig}
	}

	// Analysis: each sentence is blame-heavy with probability p.
	blame, aware := 0, 0
	usedBlame, usedAware := map[int]bool{}, map[int]bool{}
	usedBelief, usedReality, usedSlip := map[int]bool{}, map[int]bool{}, map[int]bool{}
	analytic := func() string {
		c.belief = c.fill(fm.belief[fresh(r, len(fm.belief), usedBelief)])
		c.reality = c.fill(fm.reality[fresh(r, len(fm.reality), usedReality)])
		c.slip = c.fill(fm.slip[fresh(r, len(fm.slip), usedSlip)])
		c.check = c.fill(pick(r, fm.check))
		c.person = pick(r, peopleNames)
		if r.Float64() < p {
			blame++
			return c.sentence(blameTemplates[fresh(r, len(blameTemplates), usedBlame)])
		}
		aware++
		c.factor = c.fill(pick(r, fm.factors))
		c.factor2 = c.fill(pick(r, themeFactorPool(fm, r)))
		c.factor3 = c.fill(pick(r, fm.factors))
		if c.factor3 == c.factor {
			c.factor3 = c.fill(pick(r, genericFactors))
		}
		return c.sentence(awareTemplates[fresh(r, len(awareTemplates), usedAware)])
	}
	in.has["root-cause"] = r.IntN(12) > 0
	if in.has["root-cause"] {
		in.factors = append(in.factors, mech)
		for k := 2 + r.IntN(4); k > 0; k-- {
			in.factors = append(in.factors, analytic())
		}
		for _, th := range fm.extra {
			in.factors = append(in.factors, c.sentence(pick(r, themeSentences[th])))
		}
		if !in.blameHeavy || r.IntN(3) == 0 {
			for _, f := range shuffled(r, fm.factors) {
				in.factorList = append(in.factorList, c.sentence(f))
			}
		}
	}
	if keep() {
		in.has["detection"] = true
		in.detection = []string{c.sentence(pick(r, fm.detect))}
		if r.IntN(2) == 0 {
			in.detection = append(in.detection, analytic())
		}
	}
	if keep() {
		in.has["resolution"] = true
		in.resolution = []string{c.sentence(pick(r, fm.resolve))}
	}

	// Timeline.
	if keep() || format == FormatJSON || format == FormatYAML {
		in.has["timeline"] = true
		in.timeline = buildTimeline(r, c, fm, in)
	}

	// Action items: the failure mode's own, sometimes a generic one.
	if r.IntN(10) > 0 {
		in.has["action-items"] = true
		keys := shuffled(r, fm.actions)
		k := 1 + r.IntN(len(keys))
		keys = keys[:k]
		if r.IntN(3) == 0 {
			keys = append(keys, pick(r, []string{"runbook-update", "capacity-review", "alert-test", "synthetic-check", "knowledge-sharing"}))
		}
		withOwners := r.Float64() < q
		for _, key := range keys {
			a := action{title: c.sentence(pick(r, actionFamilies[key]))}
			if withOwners || r.IntN(4) == 0 {
				a.owner = ownerName(r, tm.name)
			}
			a.status = pick(r, []string{"open", "open", "in-progress", "done", "done", ""})
			if r.IntN(4) > 0 {
				a.ticket = fmt.Sprintf("%s-%d", tm.ticket, 100+r.IntN(9900))
			}
			in.actions = append(in.actions, a)
		}
	}

	// Lessons.
	if keep() {
		in.has["lessons"] = true
		in.has["went-well"] = true
		in.wentWell = fillAll(c, pickN(r, wentWell, 1+r.IntN(2)))
		if r.IntN(4) > 0 {
			in.has["went-wrong"] = true
			in.wentWrong = fillAll(c, pickN(r, wentWrong, 1+r.IntN(2)))
			if r.IntN(2) == 0 {
				in.wentWrong = append(in.wentWrong, analytic())
			}
		}
		if r.IntN(3) > 0 {
			in.has["got-lucky"] = true
			in.gotLucky = fillAll(c, pickN(r, gotLucky, 1))
		}
	}

	// Headings.
	in.heads["summary"] = pick(r, headSummary)
	in.heads["impact"] = pick(r, headImpact)
	in.heads["timeline"] = pick(r, headTimeline)
	if in.blameHeavy {
		in.heads["root-cause"] = pick(r, headFactorsB)
	} else {
		in.heads["root-cause"] = pick(r, headFactorsA)
	}
	in.heads["trigger"] = pick(r, headTrigger)
	in.heads["detection"] = pick(r, headDetection)
	in.heads["resolution"] = pick(r, headResolution)
	in.heads["action-items"] = pick(r, headActions)
	in.heads["lessons"] = pick(r, headLessons)
	in.heads["went-well"] = pick(r, headWell)
	in.heads["went-wrong"] = pick(r, headWrong)
	in.heads["got-lucky"] = pick(r, headLucky)

	data := render(r, in)
	ext := extensions[format]
	if format == FormatYAML && r.IntN(3) == 0 {
		ext = ".yml"
	}
	path := fmt.Sprintf("%s/%d/%s-%s-%06d%s", tm.name, started.Year(), started.Format("2006-01-02"), slug(in.title, 6), i, ext)

	themes := append([]string{fm.theme}, fm.extra...)
	var sections []string
	for _, k := range sectionOrder {
		if in.has[k] {
			sections = append(sections, k)
		}
	}
	return Doc{
		Path: path, Data: data, Team: tm.name, Format: format,
		ID: in.id, Title: in.title, Date: started, Service: c.svc,
		FailureMode: fm.slug, Themes: themes,
		BlameSentences: blame, AwareSentences: aware,
		Recurring: recurring, Sections: sections, Actions: len(in.actions),
	}
}

// fresh picks an index in [0, n) not in used (a writer does not repeat a
// sentence frame within one document), and marks it used. When every
// index is used it starts over.
func fresh(r *rand.Rand, n int, used map[int]bool) int {
	if len(used) >= n {
		clear(used)
	}
	i := r.IntN(n)
	for used[i] {
		i = (i + 1) % n
	}
	used[i] = true
	return i
}

// sectionOrder is the order sections are written in (canonical kinds).
var sectionOrder = []string{
	"summary", "impact", "timeline", "trigger", "root-cause", "detection",
	"resolution", "action-items", "lessons", "went-well", "went-wrong", "got-lucky",
}

var extensions = map[string]string{
	FormatMarkdownYAML: ".md", FormatMarkdownTOML: ".md", FormatMarkdownBold: ".md",
	FormatHTML: ".html", FormatText: ".txt", FormatJSON: ".json", FormatYAML: ".yaml",
	FormatERB: ".html.md.erb",
}

var genericFactors = []string{
	"a runbook that was out of date", "alerting that did not cover this case",
	"knowledge held by a single engineer", "a deploy process without a canary",
	"unclear ownership of {svc2}", "time pressure from a launch deadline",
}

// themeFactorPool returns factor phrases for the second factor slot: the
// failure mode's own or the generic pool.
func themeFactorPool(fm *failureMode, r *rand.Rand) []string {
	if r.IntN(2) == 0 {
		return genericFactors
	}
	return fm.factors
}

func buildTimeline(r *rand.Rand, c *ctx, fm *failureMode, in *incident) []event {
	dur := in.resolved.Sub(in.started)
	evs := []event{{in.started, c.sentence(pick(r, fm.trigger))}}
	evs[0].text = timelineText(evs[0].text, c.t)
	det := in.detected
	evs = append(evs, event{det, c.sentence(pick(r, []string{
		"Alert fires for {svc}", "First customer report reaches support", "Monitoring pages the {team} on-call",
		"{svc} error rate alert triggers",
	}))})
	ack := det.Add(time.Duration(1+r.IntN(6)) * time.Minute)
	if ack.Before(in.resolved) {
		evs = append(evs, event{ack, c.sentence(pick(r, []string{
			"On-call engineer acknowledges the page", "{person} acknowledges and starts investigating",
			"Incident declared and incident channel opened",
		}))})
	}
	mid := in.started.Add(dur * time.Duration(55+r.IntN(25)) / 100).Truncate(time.Minute)
	if mid.After(ack) && mid.Before(in.resolved) {
		evs = append(evs, event{mid, c.sentence(pick(r, []string{
			"{person} identifies the likely cause", "Mitigation started", "Team decides to roll back",
			"Escalated to the {svc2} owners", "Status page updated",
		}))})
	}
	evs = append(evs, event{in.resolved, c.sentence(pick(r, []string{
		"Service recovered; incident resolved", "Error rates back to normal", "{svc} fully recovered",
		"Incident closed",
	}))})
	return evs
}

// timelineText turns a trigger sentence into a timeline entry: the clock
// time moves to the entry's time column, the final period goes.
func timelineText(s, clock string) string {
	for _, p := range []string{"At " + clock + ", ", "At " + clock + " "} {
		if strings.HasPrefix(s, p) {
			s = capFirst(s[len(p):])
		}
	}
	s = strings.Replace(s, " at "+clock, "", 1)
	s = strings.Replace(s, ", noticed", "", 1)
	return strings.TrimSuffix(s, ".")
}

func ownerName(r *rand.Rand, team string) string {
	first := pick(r, peopleNames)
	switch r.IntN(4) {
	case 0:
		return "@" + strings.ToLower(first)
	case 1:
		return first + " " + pick(r, surnames)
	case 2:
		return "team-" + team
	}
	return strings.ToLower(first)
}

func shuffled[T any](r *rand.Rand, xs []T) []T {
	out := append([]T(nil), xs...)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func pickN(r *rand.Rand, xs []string, n int) []string {
	return shuffled(r, xs)[:min(n, len(xs))]
}

func fillAll(c *ctx, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = c.sentence(x)
	}
	return out
}

func clock(t time.Time) string { return t.Format("15:04") }

func durationText(m int) string {
	switch {
	case m < 60:
		return strconv.Itoa(m) + " minutes"
	case m%60 == 0:
		return plural(m/60, "hour")
	}
	return plural(m/60, "hour") + " " + plural(m%60, "minute")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// dstDate is the EU daylight-saving change (last Sunday of March or
// October) nearest to t, written as a date.
func dstDate(t time.Time) string {
	m := time.March
	if t.Month() >= time.July {
		m = time.October
	}
	d := time.Date(t.Year(), m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	return d.Format("January 2, 2006")
}

// slug makes a lowercase, dash-separated file name part of at most n words.
func slug(s string, n int) string {
	var b strings.Builder
	words := 0
	dash := false
	for _, ch := range strings.ToLower(s) {
		ok := ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
		if ok {
			if dash && b.Len() > 0 {
				words++
				if words >= n {
					break
				}
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(ch)
		} else {
			dash = true
		}
	}
	return b.String()
}
