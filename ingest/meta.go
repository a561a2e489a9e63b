package ingest

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Canonical metadata keys. Front matter, export fields, "**Key:** value"
// lines, key/value tables and the PagerDuty sidebar are all mapped onto
// these through metaAliases.
const (
	mID       = "id"
	mTitle    = "title"
	mTeam     = "team"
	mServices = "services"
	mSeverity = "severity"
	mDate     = "date"
	mStarted  = "started"
	mDetected = "detected"
	mResolved = "resolved"
	mDuration = "duration"
	mRange    = "range" // "Oct 16 at 21:26 to Oct 16 at 21:51"
	mAuthors  = "authors"
	mStatus   = "status"
	// mImpactStart and mImpactEnd are stated "Impact started/ended" lines:
	// the duration's second source, after the start and resolve fields.
	mImpactStart = "impact start"
	mImpactEnd   = "impact end"
	// mFixed is an incident tool's "Fixed" timestamp: the impact's end
	// when no field states that end.
	mFixed = "fixed"
	// mOpened and mClosed are when a ticket or incident record was opened
	// and closed: the start and resolve only when nothing states those.
	mOpened = "opened"
	mClosed = "closed"
	// mNote marks known metadata that debrief does not model ("Time to
	// repair", "Category"); such lines are still metadata, not prose.
	mNote = "note"
	// mWritten is when the writeup was written or published: it gives
	// the year of dates written without one, never the incident date.
	mWritten = "written"
	// mZone is the zone a report says its times are in ("TZ: MST
	// (UTC-07:00)"): the document's zone when the format gives none.
	mZone = "zone"
)

// metaAliases maps normalised key spellings (lower case, "_" and "-" read
// as spaces) to canonical keys. The same table serves front matter, JSON
// and YAML exports and key/value lines in the text; doc.go lists it for
// users.
var metaAliases = map[string]string{
	"id": mID, "slug": mID, "uid": mID, "incident id": mID, "postmortem id": mID,

	"title": mTitle, "short description": mTitle, "name": mTitle, "incident title": mTitle, "headline": mTitle, "subject": mTitle,
	"incident name": mTitle,

	"team": mTeam, "team name": mTeam, "owning team": mTeam, "owner team": mTeam, "squad": mTeam,
	"responsible team": mTeam, "teams": mTeam, "owning squad": mTeam, "responsible squad": mTeam,
	"team responsible": mTeam, "owning group": mTeam, "responsible group": mTeam, "team slug": mTeam,
	"owning team name": mTeam, "department": mTeam, "owning department": mTeam, "responsible department": mTeam,
	// Keys that name a group by definition, whatever its name.
	"team owner": mTeam, "accountable team": mTeam, "responsible unit": mTeam, "accountable unit": mTeam,
	"owning unit": mTeam, "responsible function": mTeam, "accountable function": mTeam, "owning function": mTeam,
	"responsible organisational unit": mTeam, "responsible organizational unit": mTeam, "organisational unit": mTeam,
	"organizational unit": mTeam, "stewarding team": mTeam, "stewarding squad": mTeam, "steward team": mTeam,
	"resp team": mTeam, "resp group": mTeam, "responsible business unit": mTeam, "accountable business unit": mTeam,
	"owning business unit": mTeam, "owning org": mTeam, "responsible org": mTeam, "accountable group": mTeam,
	"team display": mTeam, "team display name": mTeam, "display team": mTeam,
	"resolver group": mTeam, "resolving group": mTeam, "resolver team": mTeam, "resolving team": mTeam,
	"ownership primary": mTeam, "stewardship primary": mTeam, "owner org unit": mTeam, "svc owner org unit": mTeam,
	"service owner org unit": mTeam, "owner unit": mTeam, "owner group": mTeam, "ownership team": mTeam,
	"ownership group": mTeam, "ownership unit": mTeam, "stewardship team": mTeam, "stewardship unit": mTeam,
	"assignment group": mTeam, "assigned group": mTeam, "assignee group": mTeam,
	"pod": mTeam, "owning pod": mTeam, "tribe": mTeam, "owning tribe": mTeam,

	"service": mServices, "services": mServices, "affected service": mServices,
	"affected services": mServices, "impacted services": mServices, "component": mServices,
	"components": mServices, "affected components": mServices, "system": mServices,
	"systems": mServices, "affected systems": mServices, "product": mServices, "products": mServices,

	"severity": mSeverity, "sev": mSeverity, "priority": mSeverity, "incident severity": mSeverity,
	"urgency": mSeverity, "severity level": mSeverity, "incident priority": mSeverity, "impact level": mSeverity,

	"date": mDate, "incident date": mDate, "occurred": mDate, "occurred on": mDate, "occurred at": mDate,
	"day": mDate, "date of incident": mDate, "business date": mDate,
	"tz": mZone, "timezone": mZone, "time zone": mZone, "times in": mZone,
	"written": mWritten, "written on": mWritten, "printed": mWritten, "printed on": mWritten, "date written": mWritten, "published": mWritten,
	"published on": mWritten, "publish date": mWritten, "publication date": mWritten, "report date": mWritten,
	"review date": mWritten, "last updated": mWritten, "updated": mWritten, "authored": mWritten,
	"date of report": mWritten, "document date": mWritten,

	"started at": mStarted, "start time": mStarted, "start": mStarted, "started": mStarted,
	"fault start": mStarted, "fault started": mStarted, "time outage commenced": mImpactStart,
	"time services restored": mImpactEnd, "time service restored": mImpactEnd, "time outage detected": mDetected,
	"outage commenced":               mImpactStart,
	"when did customer impact start": mImpactStart, "when did the customer impact start": mImpactStart,
	"when did impact start": mImpactStart, "when did the impact start": mImpactStart,
	"when did customer impact end": mImpactEnd, "when did the customer impact end": mImpactEnd,
	"when did impact end": mImpactEnd, "when did the impact end": mImpactEnd, "which team owns this": mTeam,
	"which team owns it": mTeam, "who owns this": mTeam, "when was it detected": mDetected,
	"svc restored": mResolved, "service restored": mResolved, "restored": mResolved, "fault cleared": mResolved,
	"ticket opened": mOpened, "ticket closed": mClosed, "acknowledged": mNote, "orig group": mNote, "support grp": mNote,
	"support group": mNote, "originator": mNote, "assignee": mNote,
	"start date": mStarted, "incident start": mStarted, "start date time": mStarted, "begin": mStarted,
	"began": mStarted, "began at": mStarted, "fault occurs": mStarted, "outage start": mStarted, "starts at": mStarted,
	"incident started": mStarted, "incident began": mStarted, "outage started": mStarted,
	"opened": mOpened, "opened at": mOpened, "opened on": mOpened, "began on": mStarted, "started on": mStarted,

	"impact start": mImpactStart, "impact started": mImpactStart, "impact started at": mImpactStart,
	"start of impact": mImpactStart, "impact began": mImpactStart, "impact start time": mImpactStart,
	"customer impact start": mImpactStart, "first customer impact": mImpactStart, "first impact": mImpactStart,
	"impact first seen": mImpactStart, "customer impact began": mImpactStart, "impact began at": mImpactStart, "customer impact started": mImpactStart, "impact begin": mImpactStart,
	"impact end": mImpactEnd, "impact ended": mImpactEnd, "impact ended at": mImpactEnd, "end of impact": mImpactEnd,
	"impact end time": mImpactEnd, "impact resolved": mImpactEnd, "impact stopped": mImpactEnd,
	"customer impact end": mImpactEnd, "customer impact ended": mImpactEnd, "impact mitigated": mImpactEnd,
	// An incident tool's "Fixed" timestamp, between "Identified" and
	// "Resolved" (closed after monitoring), is when the impact ended.
	"fixed": mFixed, "fixed at": mFixed, "time fixed": mFixed,

	"detected at": mDetected, "detected": mDetected, "detection time": mDetected, "first detected": mDetected,
	"identified at": mDetected, "declared at": mDetected, "incident declared": mDetected,
	"alerted at": mDetected, "acknowledged at": mDetected, "created at": mDetected, "triggered at": mDetected,
	"time detected": mDetected,

	"resolved at": mResolved, "resolved": mResolved, "resolution time": mResolved, "end time": mResolved,
	"end": mResolved, "ended": mResolved, "ended at": mResolved, "end date": mResolved,
	"end date time": mResolved, "recovered at": mResolved, "closed at": mClosed, "time resolved": mResolved,
	"mitigated at": mResolved, "incident resolved": mResolved, "incident ended": mResolved,
	"resolved on": mResolved, "incident end": mResolved, "outage end": mResolved,
	"outage ended": mResolved, "all clear": mResolved, "closed": mClosed, "closed on": mClosed, "finished": mResolved,
	"finished at": mResolved, "ended on": mResolved, "recovered": mResolved, "mitigated": mResolved,

	"duration": mDuration, "time to resolve": mDuration, "ttr": mDuration, "time to recovery": mDuration,
	"time to recover": mDuration, "time to resolution": mDuration, "outage duration": mDuration,
	"impact duration": mDuration, "downtime": mDuration, "total downtime": mDuration,
	"duration minutes": mDuration, "duration seconds": mDuration, "incident duration": mDuration,
	"duration mins": mDuration, "duration secs": mDuration, "duration ms": mDuration, "duration hours": mDuration,
	"duration millis": mDuration, "duration milliseconds": mDuration, "duration in minutes": mDuration,
	"duration in seconds": mDuration, "duration in hours": mDuration, "downtime minutes": mDuration,
	"impact minutes": mDuration, "minutes of impact": mDuration, "impact duration minutes": mDuration,
	"outage length": mDuration, "total duration": mDuration, "incident length": mDuration,
	"duration of impact": mDuration, "duration of incident": mDuration, "impact length": mDuration,
	"duration of customer impact": mDuration, "customer impact duration": mDuration, "duration of outage": mDuration,
	"length of impact": mDuration, "length of outage": mDuration, "outage duration minutes": mDuration,

	"impact time": mRange, "time range": mRange, "incident window": mRange, "outage window": mRange,
	"impact window": mRange, "customer impact window": mRange, "impact period": mRange, "outage period": mRange,

	"author": mAuthors, "authors": mAuthors, "by": mAuthors, "written by": mAuthors, "created by": mAuthors,
	"owner of review process": mAuthors, "postmortem owner": mAuthors, "postmortem lead": mAuthors,
	"postmortem author": mAuthors, "report author": mAuthors, "prepared by": mAuthors, "name s": mAuthors,
	"names": mAuthors,

	"status": mStatus, "report status": mStatus, "postmortem status": mStatus,

	"time to repair": mNote, "time to detection": mNote, "time to detect": mNote, "ttd": mNote,
	"time to mitigate": mNote, "ttm": mNote, "category": mNote, "weight": mNote, "last modified": mNote,
	"incident number": mNote, "incident commander": mNote, "tags": mNote, "printed by": mNote,
}

// normalizeKey lower-cases a key and reads "_", "-", "/", "(s)" and
// camelCase humps as spaces ("startedAt" and "Started_At" are "started at").
func normalizeKey(k string) string {
	k = strings.TrimSpace(k)
	for i := 1; i < len(k); i++ {
		if k[i] >= 'A' && k[i] <= 'Z' && k[i-1] >= 'a' && k[i-1] <= 'z' {
			k = k[:i] + " " + k[i:]
			i++
		}
	}
	k = strings.ToLower(k)
	k = strings.Trim(k, "*_:` ")
	k = strings.ReplaceAll(k, "(s)", "s")
	k = strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', '/', '.', '(', ')':
			return ' '
		}
		return r
	}, k)
	return collapseSpace(k)
}

// metaKey returns the canonical key for a spelled key, or "".
func metaKey(k string) string { return metaKeys.get(k) }

// metaKeys caches metaKey: labels and table cells repeat across documents.
var metaKeys = &memo{limit: 2048, maxIn: 48, f: metaKeyUncached}

func metaKeyUncached(k string) string {
	n := normalizeKey(k)
	if c, ok := metaAliases[n]; ok {
		return c
	}
	// A form's question with its hint: "Owning team (pick from the team
	// directory)", "When did customer impact start? (include time zone)".
	if base := formQuestion(k); base != "" && (strings.Contains(k, "?") || formHint(k)) {
		return metaKeyUncached(base)
	}
	// "team_object", "owner_obj": the object form of a key.
	for _, suf := range []string{" object", " obj"} {
		if c, ok := metaAliases[strings.TrimSuffix(n, suf)]; ok && strings.HasSuffix(n, suf) {
			return c
		}
	}
	// "Start (UTC)", "End time (CET)": a time key with its zone.
	if i := strings.LastIndexByte(n, ' '); i > 0 && zoneAside[n[i+1:]] {
		if c, ok := metaAliases[n[:i]]; ok && timeKeys[c] {
			return c
		}
	}
	// "impact_started_epoch", "resolved_ts", "mitigated_at_unix_ms": a time
	// key with its encoding.
	for _, suf := range timeEncodings {
		if strings.HasSuffix(n, suf) {
			if c, ok := metaAliases[strings.TrimSuffix(n, suf)]; ok && timeKeys[c] {
				return c
			}
		}
	}
	// "customer_visible_from", "impact_window_end", "impact_opened_local":
	// an end of a window whose key names the impact.
	w := n
	if i := strings.LastIndexByte(w, ' '); i > 0 && zoneAside[w[i+1:]] {
		w = w[:i]
	}
	if i := strings.LastIndexByte(w, ' '); i > 0 && impactWindowKey(w[:i]) && !strings.Contains(w[:i], "duration") {
		switch w[i+1:] {
		case "from", "start", "began", "begin", "since", "onset", "opened":
			return mImpactStart
		case "to", "end", "ended", "until", "till", "over", "cleared", "closed":
			return mImpactEnd
		}
	}
	// "Owning team for the PIR": the owning team with a remark.
	if strings.HasPrefix(n, "owning team for ") && strings.Count(n, " ") <= 5 {
		return mTeam // not "Owning team sign-off: Gareth Lloyd, ..."
	}
	// "Owning engineering team", "Responsible service team".
	for _, p := range []string{"owning ", "responsible ", "accountable "} {
		if strings.HasPrefix(n, p) && strings.HasSuffix(n, " team") && strings.Count(n, " ") <= 3 {
			return mTeam
		}
	}
	// Nested front matter ("extra.team") is flattened with dots; a longer
	// label ("We asked the team") is prose.
	if i := strings.LastIndexByte(n, ' '); i > 0 && strings.Count(n, " ") == 1 && !otherTeamPrefixes[n[:i]] {
		if c, ok := metaAliases[n[i+1:]]; ok && (c == mTeam || c == mSeverity) {
			return c
		}
	}
	return ""
}

// formQuestion is a form field's label without its hint in parentheses
// and its question mark ("When did customer impact start? (include time
// zone)" is "When did customer impact start"), or "" when the label has
// neither or is longer than a question.
func formQuestion(k string) string {
	base := strings.TrimSpace(k)
	if i := strings.IndexByte(base, '('); i > 0 && strings.HasSuffix(base, ")") {
		base = strings.TrimSpace(base[:i])
	}
	base = strings.TrimSpace(strings.TrimSuffix(base, "?"))
	if base == strings.TrimSpace(k) || base == "" || strings.Count(base, " ") > 7 {
		return ""
	}
	return base
}

// formHint reports a label whose parenthesised aside tells the person
// filling a form what to write ("(pick from the team directory)", "(one
// per line)"), not a remark on the value ("(corrected 9 Sep)").
func formHint(k string) bool {
	i := strings.IndexByte(k, '(')
	if i < 0 {
		return false
	}
	aside := strings.ToLower(strings.TrimLeft(k[i+1:], " "))
	for _, w := range []string{"pick", "choose", "select", "include", "one per", "e.g", "if any", "optional",
		"required", "list ", "enter", "name the", "with owner"} {
		if strings.HasPrefix(aside, w) {
			return true
		}
	}
	return false
}

// timeEncodings are suffixes of time keys that name how the time is
// written, longest first.
var timeEncodings = []string{" epoch seconds", " epoch ms", " epoch millis", " unix ms", " unix seconds",
	" epoch", " unix", " timestamp", " ts", " iso", " iso8601", " utc", " ms", " millis", " secs"}

// otherTeamPrefixes make a "<prefix> team" key name a team beside the
// owner ("sub_team", "supporting_team"), not the owner.
var otherTeamPrefixes = map[string]bool{"sub": true, "secondary": true, "supporting": true, "other": true,
	"parent": true, "helper": true, "assisting": true, "partner": true, "previous": true, "escalation": true,
	"affected": true, "impacted": true, "consulted": true, "informed": true, "contributing": true,
	"involved": true, "responding": true, "additional": true, "helping": true, "related": true}

// zoneAside are zone names a time key may carry ("Start (UTC)").
var zoneAside = map[string]bool{"utc": true, "gmt": true, "cet": true, "cest": true, "eet": true, "eest": true,
	"pst": true, "pdt": true, "est": true, "edt": true, "cst": true, "cdt": true, "bst": true, "local": true}

// timeKeys are the canonical keys whose values are times.
var timeKeys = map[string]bool{mStarted: true, mDetected: true, mResolved: true, mImpactStart: true,
	mImpactEnd: true, mFixed: true, mDate: true, mOpened: true, mClosed: true}

// fields collects metadata values with first-writer-wins semantics: callers
// add sources from the most to the least authoritative.
type fields struct {
	vals map[string][]string
	// times holds values that were decoded as timestamps (YAML/TOML).
	times map[string]time.Time
	// durMinutes holds a numeric duration given in minutes.
	durMinutes float64
}

func newFields() *fields { return &fields{vals: map[string][]string{}, times: map[string]time.Time{}} }

// set records a value under a canonical key unless one is already there.
func (f *fields) set(key string, vals ...string) {
	if key == "" {
		return
	}
	if old, ok := f.vals[key]; ok {
		if timeKeys[key] && len(old) == 1 && len(vals) == 1 {
			// {end_date: 2025-11-18, end_time: "01:15"}: one instant in two fields.
			if d, t := strings.TrimSpace(old[0]), strings.TrimSpace(vals[0]); reDateOnly.MatchString(d) && reClockOnly.MatchString(t) {
				f.vals[key] = []string{d + " " + t}
			} else if reClockOnly.MatchString(d) && reDateOnly.MatchString(t) {
				f.vals[key] = []string{t + " " + d}
			}
		}
		return
	}
	var clean []string
	for _, v := range vals {
		v = strings.Trim(collapseSpace(strings.Trim(v, " *_`\u00a0")), " ·•|\u00a0") // "X \u00a0·\u00a0": a byline's separator
		if v != "" && !isBlankValue(v) && !(key == mTeam && reOpaqueID.MatchString(v)) {
			clean = append(clean, v) // a team's ID leaves room for its name
		}
	}
	if len(clean) > 0 {
		f.vals[key] = clean
	}
}

// reDateOnly and reClockOnly match a value that is only a date or only a
// time of day (with an optional zone), the two halves of one instant.
var (
	reDateOnly  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reClockOnly = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?(\s?[AaPp][Mm])?(\s?[A-Z]{2,5}|\s?[+-]\d{2}:?\d{2})?$`)
)

func (f *fields) get(key string) string {
	if v := f.vals[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (f *fields) list(key string) []string { return f.vals[key] }

// isBlankValue reports placeholder values that carry no information.
func isBlankValue(v string) bool {
	t := strings.Trim(v, " .-?!*_()[]")
	if len(t) > 12 {
		// Longer than any blank word, even spelled with multi-byte
		// letters that lower-case to ASCII.
		return false
	}
	switch strings.ToLower(t) {
	case "", "tbd", "tba", "n/a", "na", "none", "unknown", "todo", "null", "nil", "-", "?", "xx", "yyyy-mm-dd":
		return true
	}
	return false
}

// addMap flattens a decoded front-matter or export map into fields. Nested
// maps are walked with their keys; only canonical keys are recorded.
func (f *fields) addMap(m map[string]any, depth int) {
	if depth > 3 {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// The map's own fields come before those of nested objects: an
	// export's title beats its {"exporter": {"name": ...}}.
	nested := func(k string) bool {
		_, isMap := m[k].(map[string]any)
		return isMap && metaKey(k) == "" && !windowKeys[normalizeKey(k)]
	}
	sort.SliceStable(keys, func(i, j int) bool { return !nested(keys[i]) && nested(keys[j]) })
	for _, k := range keys {
		v := m[k]
		if sub, ok := v.(map[string]any); ok {
			if f.addWindow(k, sub) {
				continue
			}
			f.addImpactParent(k, sub)
			// {team: {name: core}} or [extra] team = ...
			if c := metaKey(k); c != "" {
				if s := nameOf(sub); s != "" {
					f.set(c, s)
					f.addNestedTeam(sub) // {service: {name: api, team: payments}}
					continue
				}
			}
			if otherRoleKey(normalizeKey(k)) {
				sub = withoutTeamKeys(sub) // {declared_by: {team: Portal}} names a helper
			}
			f.addPrefixed(k, sub)
			f.addMap(sub, depth+1)
			continue
		}
		c := metaKey(k)
		if list, ok := v.([]any); ok && len(list) == 1 && normalizeKey(k) == "groups" {
			c = mTeam // Rootly's "groups" are the teams on the incident; one alone owns it
		}
		if list, ok := v.([]any); ok && (c == "" || c == mTeam) {
			list = namedEntries(list)
			if c == mTeam && f.addOwningTeam(list) {
				continue // [{name: Ticketing, role: owner}, ...]
			}
			if f.addMilestones(list) {
				continue // [{type: started, occurred_at: ...}, ...]
			}
			if f.addLabelled(list) {
				continue // [{label: Accountable, value: GIS}, ...]
			}
		}
		if c == "" {
			f.addOwner(k, v)
			continue
		}
		if t, ok := epochTime(c, v); ok {
			v = t
		}
		if n := normalizeKey(k); c == mDuration {
			if x, ok := toFloat(v); ok {
				x *= durationUnit(n)
				if f.durMinutes == 0 && x > 0 {
					f.durMinutes = x
				}
				continue
			}
		}
		if t, ok := v.(time.Time); ok {
			if _, seen := f.times[c]; !seen {
				f.times[c] = t
			}
			f.set(c, t.Format(time.RFC3339))
			continue
		}
		f.set(c, stringsOf(v)...)
	}
}

// addNestedTeam records the team of an object named by another key
// ({service: {name: api, owning_team: payments}}).
func (f *fields) addNestedTeam(m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v := m[k]; metaKey(k) == mTeam || ownerKeys[normalizeKey(k)] {
			if sub, ok := v.(map[string]any); ok {
				// {owner: {team: Mobile, escalation: ...}} or {team: {name: ...}}
				name := firstNonEmpty(scalarString(sub["team"]), nameOf(sub))
				subKeys := make([]string, 0, len(sub))
				for sk := range sub {
					subKeys = append(subKeys, sk)
				}
				sort.Strings(subKeys)
				for _, sk := range subKeys {
					if metaKey(sk) == mTeam && sub["team"] == nil {
						name = firstNonEmpty(scalarString(sub[sk]), name)
						break
					}
				}
				f.set(mTeam, name)
			} else {
				f.set(mTeam, stringsOf(v)...)
			}
			return
		}
	}
}

// ownerKeys name the owner of an object: of a service object they name
// its team; at the top of a document only a team-shaped value is one
// ("Grid Forecasting team"), as a person owns the review as often.
var ownerKeys = map[string]bool{"owner": true, "owned by": true, "owners": true, "maintainer": true,
	"maintained by": true, "service owner": true, "owner group": true, "assignee group": true,
	"assigned group": true, "assignment group": true, "responsible": true, "accountable": true,
	"responsible party": true, "owning": true, "review owner": true, "report owner": true, "who owns it": true,
	"who owns this": true, "who owns this one": true, "ownership": true,
	"document owner": true, "writeup owner": true, "pir owner": true, "incident owned by": true,
	"review owned by": true, "postmortem owned by": true, "pir owned by": true, "pm owner": true, "postmortem owner": true,
	"eng owner": true, "engineering owner": true, "technical owner": true, "retro owner": true, "rca owner": true,
	"owner of incident": true, "owner of the incident": true, "incident owner": true, "owning group": true}

// mOwner holds owner values that are kept only when team-shaped.
const mOwner = "owner"

// addOwner records a scalar owner value of front matter or an export.
func (f *fields) addOwner(k string, v any) {
	if !ownerKeys[normalizeKey(k)] {
		return
	}
	if s := scalarString(v); s != "" {
		if g, ok := groupRef(s); ok {
			f.set(mTeam, g) // a catalogue's group reference names a team
			return
		}
		f.set(mOwner, s)
	}
}

// reGroupRef matches a software catalogue's reference to a group
// ("group:default/customs-declarations", "group:payments", Backstage's
// kind:namespace/name).
var reGroupRef = regexp.MustCompile(`^(?i:group|team):(?:[a-z0-9-]+/)?([A-Za-z0-9][\w.-]*)$`)

// groupRef is the group named by a catalogue reference (see reGroupRef).
func groupRef(s string) (string, bool) {
	m := reGroupRef.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// roleKeys name the part a team played in an incident.
var roleKeys = []string{"role", "type", "kind", "relation", "responsibility"}

// owningRoles are roles that make a team the owner.
var owningRoles = map[string]bool{"owner": true, "owning": true, "owning team": true, "primary": true,
	"accountable": true, "responsible": true, "lead": true, "lead team": true, "owner team": true}

// addOwningTeam sets the team from a list of teams with roles: the one
// whose role owns the incident ({name: Ticketing, role: owner} after
// {name: Site Reliability, role: responder}). It reports whether it did.
func (f *fields) addOwningTeam(list []any) bool {
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return false
		}
		if owningRoles[normalizeKey(firstString(m, roleKeys...))] {
			if name := nameOf(m); name != "" {
				f.set(mTeam, name)
				return true
			}
		}
	}
	return false
}

// addLabelled reads a list of labelled values ({label: Accountable,
// value: GIS & Asset Registry}, {key: Severity, value: 2}, {fieldUUID:
// f-owning-team, value: Search}, {key: team, label: search}) as fields under
// their labels, and reports whether the list was such a list.
func (f *fields) addLabelled(list []any) bool {
	pairs := map[string]any{}
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return false
		}
		label := firstString(m, "label", "key", "field", "name", "title", "fieldName", "field_name", "fieldUUID", "fieldId", "field_id")
		v, hasValue := lookup(m, "value", "val", "display value", "display_value") // Asana: display_value
		if name, ok := dropDownOption(m, v); ok {
			v = name
		}
		if _, keyed := m["key"]; keyed && !hasValue {
			// Grafana's labels: {key: team, label: platform-sre}.
			label = firstString(m, "key")
			v, hasValue = lookup(m, "label")
		}
		if label == "" || !hasValue {
			return false
		}
		if _, dup := pairs[label]; !dup {
			pairs[label] = v
		}
	}
	if len(pairs) == 0 {
		return false
	}
	for k, v := range pairs {
		if ownerKeys[normalizeKey(k)] {
			f.set(mOwner, stringsOf(v)...)
		}
	}
	f.addMap(pairs, 3)
	return true
}

// dropDownOption is the name of the option a drop-down custom field's
// value picks, as ClickUp writes it ({type: drop_down, value: 7,
// type_config: {options: [{id, name, orderindex: 7}, ...]}}): the option
// whose orderindex or id is the value.
func dropDownOption(m map[string]any, v any) (string, bool) {
	tc, _ := lookup(m, "type_config", "type config")
	tcm, _ := tc.(map[string]any)
	opts, _ := tcm["options"].([]any)
	if len(opts) == 0 || v == nil {
		return "", false
	}
	want := scalarString(v)
	for _, o := range opts {
		om, _ := o.(map[string]any)
		if om == nil {
			continue
		}
		if scalarString(om["orderindex"]) == want || scalarString(om["id"]) == want {
			if name := scalarString(om["name"]); name != "" {
				return name, true
			}
		}
	}
	return "", false
}

// namedEntries flattens a list of entries whose name is in a definition
// object and whose value is wrapped, as incident tools' APIs write custom
// fields and timestamps ({custom_field: {name: Owning team}, values:
// [{value_option: {value: Search}}]}, {incident_timestamp: {name: Impact
// started}, value: {value: ...}}), to {name, value} pairs. Other lists
// are returned as they are.
func namedEntries(list []any) []any {
	if len(list) == 0 {
		return list
	}
	var out []any
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok || m["name"] != nil || m["label"] != nil || m["key"] != nil {
			return list
		}
		name := ""
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the same definition object on every run
		for _, k := range keys {
			if d, ok := m[k].(map[string]any); ok && !strings.HasPrefix(normalizeKey(k), "value") {
				if n := scalarString(d["name"]); n != "" {
					name = n
					break
				}
			}
		}
		v, ok := lookup(m, "value", "values")
		if name == "" || !ok {
			return list
		}
		vals := unwrapValues(v, 0)
		if len(vals) == 0 {
			continue // a field left empty
		}
		var val any = strings.Join(vals, ", ")
		if len(vals) == 1 {
			val = vals[0]
		}
		out = append(out, map[string]any{"name": name, "value": val})
	}
	if out == nil {
		return list
	}
	return out
}

// unwrapValues reads the scalars of a wrapped value: {value: X},
// [{value_option: {value: X}}, ...], {value_text: X}.
func unwrapValues(v any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, unwrapValues(e, depth+1)...)
		}
		return out
	case map[string]any:
		if s, ok := lookup(x, "value", "label", "name", "text"); ok {
			return unwrapValues(s, depth+1)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			if strings.HasPrefix(normalizeKey(k), "value") {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			out = append(out, unwrapValues(x[k], depth+1)...)
		}
		return out
	}
	if s := scalarString(v); s != "" {
		return []string{s}
	}
	return nil
}

// momentValueKeys hold the time of a typed moment.
var momentValueKeys = []string{"occurred at", "at", "time", "timestamp", "ts", "when", "date", "datetime", "value"}

// addMilestones reads a list of typed moments ({type: started,
// occurred_at: ...}) into the time fields their types name (started,
// detected, mitigated/resolved, closed...). It reports whether the list
// was such a list.
func (f *fields) addMilestones(list []any) bool {
	set := false
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return false
		}
		typ := firstString(m, "type", "kind", "name", "milestone", "label", "event")
		c := metaKey(typ)
		if c == "" || !timeKeys[c] {
			continue
		}
		for _, k := range momentValueKeys {
			if v, ok := lookup(m, k); ok {
				f.addMap(map[string]any{typ: v}, 3)
				set = true
				break
			}
		}
	}
	return set
}

// addPrefixed reads the scalar fields of a nested object under its
// parent's key: {responsible: {group: X}} is "responsible group",
// {impact: {began: ...}} is "impact began". Keys known on their own are
// left to addMap.
func (f *fields) addPrefixed(parent string, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// {svc_owner: {org: Digital, team: Booking}}: the narrowest group.
	steward, rank := "", 0
	for _, k := range keys {
		if metaAliases[normalizeKey(parent)+" "+normalizeKey(k)] == mTeam {
			steward, rank = "", 99 // a known key ("accountable group") says
		}
		if r := stewardGroupRank(normalizeKey(parent), normalizeKey(k)); r > rank && scalarString(m[k]) != "" {
			steward, rank = k, r
		}
	}
	if steward != "" {
		f.set(mTeam, scalarString(m[steward]))
	}
	for _, k := range keys {
		if _, isMap := m[k].(map[string]any); isMap || metaKey(k) != "" {
			continue
		}
		full := normalizeKey(parent) + " " + normalizeKey(k)
		if c, ok := metaAliases[full]; ok {
			f.addMap(map[string]any{c: m[k]}, 3)
		} else if ownerKeys[full] {
			f.set(mOwner, stringsOf(m[k])...)
		}
	}
}

// otherRoleKey reports a key naming a part other than owning the
// incident: who declared, reported or helped ("declared_by", "first
// responder", "consulted").
func otherRoleKey(n string) bool {
	for _, w := range strings.Fields(n) {
		switch strings.TrimSuffix(w, "s") {
		case "declared", "reported", "reporter", "raised", "paged", "responder", "helper", "supporting", "consulted",
			"informed", "escalation", "contributor", "requester", "caller", "triggered", "caused", "vendor", "notified":
			return true
		}
	}
	return false
}

// withoutTeamKeys is m without its team and owner fields.
func withoutTeamKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if metaKey(k) != mTeam && !ownerKeys[normalizeKey(k)] {
			out[k] = v
		}
	}
	return out
}

// stewardGroupRank ranks the group field of an object that names who
// owns the incident: {service_steward: {org: X}}, {ownership: {unit: X}},
// {raci: {responsible: X}} (the R of a RACI does the work). A team or
// group ranks above a squad or unit inside it, and those above an
// organisation; 0 is no such field.
func stewardGroupRank(parent, child string) int {
	if parent == "raci" {
		if child == "responsible" || child == "r" {
			return 3
		}
		return 0
	}
	role := false
	for _, w := range strings.Fields(parent) {
		switch w {
		case "steward", "stewardship", "stewards", "owner", "ownership", "owning", "accountable", "responsible":
			role = true
		case "first", "previous":
			return 0
		}
	}
	if !role || otherRoleKey(parent) {
		return 0 // {first_paged: {team: X}} names a helper
	}
	switch child {
	case "team", "team name", "group", "group name":
		return 3
	case "squad", "pod", "tribe", "unit", "function", "org unit":
		return 2
	case "org", "organisation", "organization", "department":
		return 1
	}
	return 0
}

// epochTime reads a number in a time field as Unix seconds or
// milliseconds (2001 to 2100); other numbers are not times.
func epochTime(c string, v any) (time.Time, bool) {
	switch c {
	case mStarted, mDetected, mResolved, mImpactStart, mImpactEnd, mFixed, mDate, mOpened, mClosed, mWritten:
	default:
		return time.Time{}, false
	}
	x, ok := toFloat(v)
	if !ok {
		if s, isStr := v.(string); isStr && len(s) >= 10 && len(s) <= 13 {
			n, err := strconv.ParseInt(s, 10, 64)
			x, ok = float64(n), err == nil
		}
	}
	if !ok {
		return time.Time{}, false
	}
	return unixTime(x)
}

// unixTime reads a number as Unix seconds or milliseconds (2001 to
// 2100, in UTC); other numbers are no time.
func unixTime(x float64) (time.Time, bool) {
	switch {
	case x >= 1e9 && x < 4.1e9:
		return time.Unix(int64(x), 0).UTC(), true
	case x >= 1e12 && x < 4.1e12:
		return time.UnixMilli(int64(x)).UTC(), true
	}
	return time.Time{}, false
}

// durationUnit is how many minutes one unit of a numeric duration field
// is, from its name: "duration_seconds", "duration_ms", "duration_hours";
// minutes otherwise.
func durationUnit(n string) float64 {
	switch {
	case strings.HasSuffix(n, "seconds") || strings.HasSuffix(n, "secs"):
		return 1.0 / 60
	case strings.HasSuffix(n, " ms") || strings.HasSuffix(n, "millis") || strings.HasSuffix(n, "milliseconds"):
		return 1.0 / 60000
	case strings.HasSuffix(n, "hours"):
		return 60
	}
	return 1
}

// windowKeys name objects that hold a time window ({from, to}).
var windowKeys = map[string]bool{"window": true, "impact window": true, "incident window": true,
	"outage window": true, "time window": true, "impact": true, "customer impact": true, "outage": true,
	"period": true, "impact period": true, "public impact": true, "viewer impact": true, "user impact": true,
	"external impact": true, "customer facing impact": true, "player impact": true, "listener impact": true}

// addWindow records a window object such as window: {from: ..., to: ...}
// or impact: {start: ..., end: ...} and reports whether k and m were one.
// Windows of impact fill the impact start and end, others the start and
// resolve fields.
func (f *fields) addWindow(k string, m map[string]any) bool {
	n := normalizeKey(k)
	impactish := impactWindowKey(n)
	if !windowKeys[n] && !impactish {
		return false
	}
	return f.addWindowOf(m, strings.Contains(n, "impact") || impactish)
}

// addImpactParent reads {customer_effect: {window: {began, subsided}}}:
// a window object under a key that names the impact is the impact's.
func (f *fields) addImpactParent(k string, m map[string]any) {
	if !impactWindowKey(normalizeKey(k)) {
		return
	}
	for ck, cv := range m {
		if sub, ok := cv.(map[string]any); ok && windowKeys[normalizeKey(ck)] {
			f.addWindowOf(sub, true)
		}
	}
}

// addWindowOf reads a {from, to} object as the start and end (impact:
// the impact's start and end) and its other fields; it reports whether
// the object had either end.
func (f *fields) addWindowOf(m map[string]any, impact bool) bool {
	from, hasFrom := lookup(m, "from", "start", "started", "begin", "started at", "start time", "began", "began at",
		"since", "first seen", "onset")
	to, hasTo := lookup(m, "to", "end", "ended", "until", "resolved", "ended at", "end time", "finish", "finished",
		"finished at", "stop", "stopped", "resolved at", "mitigated", "mitigated at", "recovered", "recovered at",
		"subsided", "cleared", "ceased", "last seen")
	if impact && !hasFrom && !hasTo {
		// {customer_effect: {window: {opened, closed}}}: the window's own
		// opening and closing.
		from, hasFrom = lookup(m, "opened", "opens", "open")
		to, hasTo = lookup(m, "closed", "closes", "close")
	}
	// {first_failed_send: ..., last_patient_affected: ...}: the first
	// and last moments of the impact, also beside a "cleared" end.
	if !hasFrom {
		from, hasFrom = firstLastTime(m, "first ")
	}
	if !hasTo {
		to, hasTo = firstLastTime(m, "last ")
	}
	if !hasFrom || !hasTo {
		if !hasFrom && !hasTo || !impact {
			return false
		}
	}
	startKey, endKey := mStarted, mResolved
	if impact {
		startKey, endKey = mImpactStart, mImpactEnd
	}
	f.addMap(map[string]any{startKey: from, endKey: to}, 3)
	f.addMap(m, 1) // the other fields (a description is text, not metadata)
	return true
}

// firstLastTime finds the value of a key that opens with prefix ("first
// failed send", "last patient affected") and holds a time.
func firstLastTime(m map[string]any, prefix string) (any, bool) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !strings.HasPrefix(normalizeKey(k), prefix) {
			continue
		}
		switch v := m[k].(type) {
		case time.Time:
			return v, true
		case string:
			if _, ok := parseDateValue(v, 0, time.UTC); ok {
				return v, true
			}
		}
	}
	return nil, false
}

// impactWindowKey reports a key whose {from, to} object is the customer
// impact's window: {customer_facing: {from, to}}, {effect_on_riders:
// {from, until}}, {user_impact: {...}}.
func impactWindowKey(n string) bool {
	for _, w := range []string{"impact", "customer facing", "customers", "customer", "rider", "riders", "user",
		"users", "effect", "outage", "downtime", "disruption", "affected"} {
		if containsWord(n, w) {
			return true
		}
	}
	return false
}

// nameOf returns the name-ish field of an object ({name: x}, {summary: x}).
func nameOf(m map[string]any) string {
	for _, k := range []string{"name", "title", "summary", "display name", "displayname", "display", "label", "slug",
		"value", "email", "id"} {
		if v, ok := m[k]; ok {
			if s := scalarString(v); s != "" {
				return s
			}
		}
	}
	return ""
}

// stringsOf renders a scalar, a list of scalars or a list of named objects
// as strings.
func stringsOf(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				if s := nameOf(m); s != "" {
					out = append(out, s)
				}
				continue
			}
			if s := scalarString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case map[string]any:
		if s := nameOf(x); s != "" {
			return []string{s}
		}
		return nil
	}
	if s := scalarString(v); s != "" {
		return []string{s}
	}
	return nil
}

// scalarString renders a decoded scalar (string, number, bool, time,
// TOML local date) as a string; composite values give "".
func scalarString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.Format(time.RFC3339)
	case fmt.Stringer:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any, map[string]any:
		return ""
	}
	return fmt.Sprint(v)
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	case interface{ Float64() (float64, error) }: // json.Number
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// splitList splits "a, b and c" / "a; b" into names.
func splitList(s string) []string {
	s = strings.ReplaceAll(s, " and ", ",")
	s = strings.ReplaceAll(s, " & ", ",")
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' })
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(strings.Trim(p, " *_`"))
		if p != "" && !isBlankValue(p) {
			out = append(out, p)
		}
	}
	return out
}

// pathVars matches a TeamFromPath pattern ("incidents/{team}/**") against
// a slash path and returns the captured variables. Patterns are split on
// "/"; "**" matches any number of segments, "*" and "{var}" one segment,
// and a segment may mix literal text with one variable ("{year}-*").
func pathVars(pattern, path string) (map[string]string, bool) {
	pat := strings.Split(strings.Trim(pattern, "/"), "/")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	vars := map[string]string{}
	var match func(pi, si int) bool
	steps := 0
	match = func(pi, si int) bool {
		steps++
		if steps > 10000 {
			return false
		}
		if pi == len(pat) {
			return si == len(segs)
		}
		if pat[pi] == "**" {
			for k := si; k <= len(segs); k++ {
				if match(pi+1, k) {
					return true
				}
			}
			return false
		}
		if si == len(segs) {
			return false
		}
		if !matchSegment(pat[pi], segs[si], vars) {
			return false
		}
		return match(pi+1, si+1)
	}
	if !match(0, 0) {
		// Allow the pattern to match a suffix of the path (paths given
		// relative to another directory).
		for start := 1; start < len(segs); start++ {
			steps = 0
			vars = map[string]string{}
			sub := segs[start:]
			segs2 := segs
			segs = sub
			ok := match(0, 0)
			segs = segs2
			if ok {
				return vars, true
			}
		}
		return nil, false
	}
	return vars, true
}

// matchSegment matches one path segment against a pattern segment with an
// optional {var} and "*" wildcards.
func matchSegment(pat, seg string, vars map[string]string) bool {
	i := strings.IndexByte(pat, '{')
	j := strings.IndexByte(pat, '}')
	if i < 0 || j < i {
		return globMatch(pat, seg)
	}
	name := pat[i+1 : j]
	prefix, suffix := pat[:i], pat[j+1:]
	// The variable takes the shortest value that lets the suffix match.
	if !globPrefix(prefix, seg) {
		return false
	}
	pl := literalLen(prefix, seg)
	if pl < 0 {
		return false
	}
	for end := pl + 1; end <= len(seg); end++ {
		if globMatch(suffix, seg[end:]) {
			vars[name] = seg[pl:end]
			return true
		}
	}
	return false
}

// literalLen returns how many bytes of seg a wildcard-free prefix uses.
func literalLen(prefix, seg string) int {
	if strings.ContainsAny(prefix, "*?") {
		return -1
	}
	if !strings.HasPrefix(seg, prefix) {
		return -1
	}
	return len(prefix)
}

func globPrefix(prefix, seg string) bool {
	return prefix == "" || strings.HasPrefix(seg, prefix)
}

// globMatch matches s against a pattern with "*" (any run) and "?" (one
// byte) wildcards.
func globMatch(p, s string) bool {
	px, sx := 0, 0
	nextP, nextS := -1, -1
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch p[px] {
			case '*':
				nextP, nextS = px, sx+1
				px++
				continue
			case '?':
				if sx < len(s) {
					px++
					sx++
					continue
				}
			default:
				if sx < len(s) && s[sx] == p[px] {
					px++
					sx++
					continue
				}
			}
		}
		if nextS > 0 && nextS <= len(s) {
			px, sx = nextP, nextS
			continue
		}
		return false
	}
	return true
}
