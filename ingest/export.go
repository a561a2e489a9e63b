package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/debrief-dev/debrief/model"
)

// Exports of incident tools (JSON or YAML). The accepted field names are
// listed in doc.go; names are matched case-insensitively with "_", "-"
// and spaces treated alike.

// exportSections maps export text fields to section kinds.
var exportSections = map[string]string{
	"summary": model.SectionSummary, "description": model.SectionSummary, "overview": model.SectionSummary,
	"what happened": model.SectionSummary, "executive summary": model.SectionSummary,
	"background": model.SectionSummary, "details": model.SectionSummary, "writeup": model.SectionSummary,
	"write up": model.SectionSummary, "narrative": model.SectionSummary,
	"impact": model.SectionImpact, "customer impact": model.SectionImpact, "user impact": model.SectionImpact,
	"root cause": model.SectionRootCause, "root causes": model.SectionRootCause, "cause": model.SectionRootCause,
	"causes": model.SectionRootCause, "contributing factors": model.SectionRootCause,
	"root cause analysis": model.SectionRootCause,
	"trigger":             model.SectionTrigger, "detection": model.SectionDetection, "how detected": model.SectionDetection,
	"resolution": model.SectionResolution, "mitigation": model.SectionResolution, "fix": model.SectionResolution,
	"recovery": model.SectionResolution, "remediation": model.SectionResolution,
	"lessons": model.SectionLessons, "lessons learned": model.SectionLessons, "learnings": model.SectionLessons,
	"ownership": model.SectionSummary, "ownership and roles": model.SectionSummary,
	"what went well": model.SectionWentWell, "went well": model.SectionWentWell,
	"what went wrong": model.SectionWentWrong, "went wrong": model.SectionWentWrong,
	"where we got lucky": model.SectionGotLucky, "got lucky": model.SectionGotLucky, "lucky": model.SectionGotLucky,
}

// exportLists names list fields holding timeline entries, action items,
// sections and bodies.
var (
	timelineKeys = []string{"timeline", "events", "timeline events", "timeline entries", "log", "tl", "chronology",
		"sequence of events", "event log", "incident log", "activity items", "activityitems", "activity log"}
	actionKeys = []string{"action items", "actionitems", "follow ups", "followups", "follow up", "actions",
		"remediations", "tasks", "action items list", "corrective actions", "next steps", "follow up items",
		"followup items", "follow up actions", "followup actions", "remediation items", "remediation actions",
		"preventive actions", "preventative actions", "corrective and preventive actions", "todos", "action plan",
		"repair items", "improvements", "capa", "todo", "to do", "to dos", "action list", "follow up list",
		"remediation plan", "preventive measures", "preventative measures", "recommendations", "work items",
		"remediation tasks", "remediation steps", "follow up tasks", "followup tasks", "prevention items",
		"problem tasks", "problem task", "subtasks", "sub tasks", "child tasks", "child issues", "linked problem tasks",
		"linked tasks"}
	sectionsKeys = []string{"sections", "body sections"}
	bodyKeys     = []string{"body markdown", "body", "content", "markdown", "text", "postmortem", "report",
		"body md", "document", "postmortem body", "postmortem markdown", "retrospective body", "writeup", "write up",
		"postmortem data", "postmortem content", "postmortem text", "report body", "report markdown", "content markdown",
		"notes", "text content", "postmortem md", "pir md", "retro md", "review md", "incident md", "rca md",
		"readme md", "index md", "report md"}
	wrapperKeys = []string{"incident", "postmortem", "post mortem", "data", "report", "retrospective", "item", "record",
		"spec", "payload", "document", "pir", "rca", "pm", "retro", "review", "result", "fields", "attributes", "issue", "ticket",
		"investigation", "learning review", "post incident review", "after action review", "problem", "form", "answers",
		"responses", "form answers"}
)

// listedActionKeys name prose sections ("remediation": what was done)
// that hold action items when their value is a list of owned or tracked
// items.
var listedActionKeys = []string{"remediation", "mitigation", "mitigations", "prevention", "fixes",
	"lessons", "lessons learned", "learnings", "children"}

// isItemList reports a list of objects that have an owner or a status,
// as action items do.
func isItemList(v any) bool {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return false
	}
	for _, e := range arr {
		m, ok := e.(map[string]any)
		if !ok {
			return false
		}
		if _, has := lookup(m, "owner", "assignee", "status", "state", "owners", "assigned to", "due"); !has {
			return false
		}
	}
	return true
}

func exportSectionKind(k string) string {
	if kind, ok := exportSections[normalizeKey(k)]; ok {
		return kind
	}
	// A form's question ("Follow-up actions (one per line, with owner and
	// due date)", "What went well?"): the kind its words name.
	if base := formQuestion(k); base != "" {
		if kind, ok := exportSections[normalizeKey(base)]; ok {
			return kind
		}
		return classifyHeading(base)
	}
	return ""
}

func isExportListKey(k string) bool {
	n := normalizeKey(k)
	for _, set := range [][]string{timelineKeys, actionKeys, sectionsKeys, bodyKeys} {
		for _, x := range set {
			if n == x {
				return true
			}
		}
	}
	return false
}

// parseJSON decodes a JSON export.
func parseJSON(src string) (*rawDoc, error) {
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if err := checkDecodedSize(v, len(src)); err != nil {
		return nil, err
	}
	return exportDoc(model.FormatJSON, v)
}

// parseYAML decodes a YAML export. Alias bombs are refused: yaml.v3
// rejects excessive aliasing, and checkDecodedSize rejects documents that
// decode to far more than their size.
func parseYAML(src string) (*rawDoc, error) {
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		return nil, fmt.Errorf("invalid YAML: %s", firstLineOf(err.Error()))
	}
	if err := checkDecodedSize(v, len(src)); err != nil {
		return nil, err
	}
	return exportDoc(model.FormatYAML, v)
}

// errTooLarge reports a decoded document that exploded in size.
var errTooLarge = errors.New("document expands to far more data than its size (YAML alias bomb?); refused")

// checkDecodedSize walks a decoded value and fails when it holds more than
// max(64 x input, 1 MiB) bytes of strings or more than a million nodes.
func checkDecodedSize(v any, inputLen int) error {
	budget := int64(inputLen) * 64
	if budget < 1<<20 {
		budget = 1 << 20
	}
	nodes := 0
	var walk func(v any, depth int) error
	walk = func(v any, depth int) error {
		nodes++
		if nodes > 1_000_000 || depth > 10_000 {
			return errTooLarge
		}
		switch x := v.(type) {
		case string:
			budget -= int64(len(x))
		case map[string]any:
			for k, e := range x {
				budget -= int64(len(k))
				if err := walk(e, depth+1); err != nil {
					return err
				}
			}
		case map[any]any:
			for _, e := range x {
				if err := walk(e, depth+1); err != nil {
					return err
				}
			}
		case []any:
			for _, e := range x {
				if err := walk(e, depth+1); err != nil {
					return err
				}
			}
		default:
			budget -= 8
		}
		if budget < 0 {
			return errTooLarge
		}
		return nil
	}
	return walk(v, 0)
}

// normalizeMaps converts map[any]any (YAML with non-string keys) to
// map[string]any and normalises every key with normalizeKey ("Started_At"
// becomes "started at"), recursively. When two keys normalise alike, the
// one that sorts first wins.
func normalizeMaps(v any, depth int) any {
	if depth > 64 {
		return nil
	}
	switch x := v.(type) {
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = e
		}
		return normalizeMaps(m, depth)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m := make(map[string]any, len(x))
		for _, k := range keys {
			label := k
			if q := formQuestion(k); q != "" {
				label = q // a form's question without its hint: "Owning team (pick one)"
			}
			n := normalizeKey(withoutNamespace(label))
			if _, dup := m[n]; !dup {
				m[n] = normalizeMaps(x[k], depth+1)
			}
		}
		if t, ok := splitTime(m); ok {
			return t
		}
		if v, ok := displayValue(m); ok {
			return v
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalizeMaps(e, depth+1)
		}
		return x
	case []map[string]any: // TOML's arrays of tables
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeMaps(e, depth+1)
		}
		return out
	}
	return v
}

// reNamespace matches the namespace of a work-item field ("System.",
// "Microsoft.VSTS.Common.", "Custom."): capitalised segments.
var reNamespace = regexp.MustCompile(`^[A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z]+)*$`)

// withoutNamespace drops the namespace of a field name written with one
// (Azure DevOps: "System.Title" is "Title", "Custom.IncidentKey"
// "IncidentKey"); other keys are returned as they are.
func withoutNamespace(k string) string {
	// A Kubernetes label or annotation: "oakhaven.io/owning-team".
	if i := strings.LastIndexByte(k, '/'); i > 0 && i < len(k)-1 && strings.Contains(k[:i], ".") && !strings.ContainsAny(k[:i], " :") {
		k = k[i+1:]
	}
	if i := strings.LastIndexByte(k, '.'); i > 0 && i < len(k)-1 && reNamespace.MatchString(k[:i]) {
		return k[i+1:]
	}
	return k
}

// reTableTime matches a ServiceNow value time ("2025-04-30 21:20:00"),
// which the Table API gives in UTC.
var reTableTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`)

// displayValue reads a field a ServiceNow Table API export gives twice
// ({display_value, value[, link]}, sysparm_display_value=all): its display
// text, or for a time its value, which is in UTC where the display text
// is in the exporting user's zone.
func displayValue(m map[string]any) (any, bool) {
	dv, ok := m["display value"]
	if !ok || len(m) > 3 {
		return nil, false
	}
	for k := range m {
		if k != "display value" && k != "value" && k != "link" {
			return nil, false
		}
	}
	if v, isStr := m["value"].(string); isStr && reTableTime.MatchString(v) {
		return v + " UTC", true
	}
	return dv, true
}

// splitTimeKeys are the keys of a time written in parts.
var splitTimeKeys = map[string]bool{"date": true, "time": true, "tz": true, "timezone": true, "zone": true,
	"time zone": true, "offset": true, "utc offset": true}

// splitTime reads a time written in parts, {date: 2024-07-09, time:
// "22:50", tz: Australia/Brisbane}, as one value "2024-07-09 22:50
// Australia/Brisbane". It needs a date and a time and no other keys.
func splitTime(m map[string]any) (string, bool) {
	if len(m) < 2 || len(m) > 3 {
		return "", false
	}
	for k := range m {
		if !splitTimeKeys[k] {
			return "", false
		}
	}
	date, clock := scalarString(m["date"]), scalarString(m["time"])
	if t, ok := m["date"].(time.Time); ok {
		date = t.Format("2006-01-02")
	}
	if date == "" || clock == "" {
		return "", false
	}
	zone := firstNonEmpty(scalarString(m["tz"]), scalarString(m["timezone"]), scalarString(m["zone"]),
		scalarString(m["time zone"]), scalarString(m["offset"]), scalarString(m["utc offset"]))
	return strings.TrimSpace(date + " " + clock + " " + zone), true
}

// lookup finds a field by any of the given normalised names in a map
// whose keys were normalised by normalizeMaps.
func lookup(m map[string]any, names ...string) (any, bool) {
	for _, want := range names {
		if v, ok := m[want]; ok {
			return v, true
		}
	}
	return nil, false
}

// recordListKeys hold a bulk export's list of incidents:
// {"exportVersion": "3.2", "records": [{...}]}.
var recordListKeys = []string{"records", "incidents", "postmortems", "post mortems", "items", "results", "entries",
	"reports"}

// exportMetaKeys name objects that describe an export itself, not an
// incident: {"export": {"source": ..., "exported_at": ...}, "records": [...]}.
var exportMetaKeys = map[string]bool{"export": true, "meta": true, "metadata": true, "_meta": true,
	"pagination": true, "paging": true, "links": true, "query": true, "request": true, "response": true}

// recordList returns the list of incidents of a bulk export whose other
// fields hold no incident (export metadata), else v as it is.
func recordList(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	for _, k := range recordListKeys {
		arr, ok := m[k].([]any)
		if !ok || len(arr) == 0 {
			continue
		}
		if _, isObj := arr[0].(map[string]any); !isObj {
			continue
		}
		for other, ov := range m {
			if other == k {
				continue
			}
			if _, isMap := ov.(map[string]any); isMap && !exportMetaKeys[other] || metaKey(other) == mTitle || metaKey(other) == mTeam {
				return v // fields of an incident beside the list: not a bulk export
			}
		}
		return arr
	}
	return v
}

// jiraNames reads a Jira REST export with ?expand=names: the "fields"
// object's keys (customfield_10411) are renamed to the labels "names"
// gives them ("Impact Start"), and the fields lifted to the top beside
// the issue's key. Anything else is returned as it is.
func jiraNames(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	names, ok1 := m["names"].(map[string]any)
	fields, ok2 := m["fields"].(map[string]any)
	if !ok1 || !ok2 {
		return v
	}
	out := make(map[string]any, len(m)+len(fields))
	for k, val := range m {
		if k != "names" && k != "fields" {
			out[k] = val
		}
	}
	for k, val := range fields {
		if label, ok := names[k].(string); ok && label != "" {
			k = label
		}
		if _, dup := out[k]; !dup {
			out[k] = val
		}
	}
	return out
}

// projectExport reads a project tracker's project export ({"project":
// {"name", "teams": {"nodes": [{"name"}]}}, "projectUpdates": {"nodes":
// [{"body": "## ..."}]}, "issues": {"nodes": [{"identifier", "title",
// "state": {"type"}, "parent", "labels": {"nodes": [...]}}]}}, as Linear's
// API gives one): the project's name and its one team, the latest update
// as the body, and its issues as the action items, leaving out sub-issues
// (details of their parent), canceled ones and the incident's own issue.
// Anything else is returned as it is.
func projectExport(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	proj, _ := m["project"].(map[string]any)
	issues := graphNodes(m["issues"])
	if proj == nil || issues == nil {
		return v
	}
	out := map[string]any{"title": proj["name"]}
	if teams := graphNodes(proj["teams"]); len(teams) == 1 {
		if tm, ok := teams[0].(map[string]any); ok {
			out["team"] = tm["name"]
		}
	}
	if ups := graphNodes(m["projectUpdates"]); len(ups) > 0 {
		if um, ok := ups[0].(map[string]any); ok {
			out["body markdown"] = um["body"]
		}
	}
	var actions []any
	for _, e := range issues {
		im, _ := e.(map[string]any)
		if im == nil || im["parent"] != nil {
			continue
		}
		st, _ := im["state"].(map[string]any)
		if typ, _ := st["type"].(string); typ == "canceled" || typ == "cancelled" || typ == "duplicate" {
			continue
		}
		incident := false
		for _, l := range graphNodes(im["labels"]) {
			if lm, ok := l.(map[string]any); ok && strings.EqualFold(scalarString(lm["name"]), "incident") {
				incident = true
			}
		}
		if incident {
			continue
		}
		a := map[string]any{"title": im["title"], "ticket": im["identifier"]}
		if st != nil {
			a["status"] = st["name"]
		}
		if as, ok := im["assignee"].(map[string]any); ok {
			a["owner"] = as["name"]
		}
		actions = append(actions, a)
	}
	if actions != nil {
		out["action_items"] = actions
	}
	return out
}

// graphNodes is a GraphQL connection's nodes ({"nodes": [...]}), or nil.
func graphNodes(v any) []any {
	c, _ := v.(map[string]any)
	n, _ := c["nodes"].([]any)
	return n
}

// notionPage reads a page from a notes tool's API ({"object": "page",
// "properties": {"Owning team": {"type": "select", "select": {"name":
// ...}}, ...}, "blocks": [{"type": "heading_2", "heading_2": {"rich_text":
// [...]}}, {"type": "to_do", "to_do": {"rich_text": [...], "checked":
// true}}, ...]}, as Notion's API gives one): its properties as plain
// fields and its blocks as a Markdown body. Anything else is returned as
// it is.
func notionPage(v any) any {
	m, ok := v.(map[string]any)
	if !ok || m["object"] != "page" {
		return v
	}
	props, _ := m["properties"].(map[string]any)
	blocks, _ := m["blocks"].([]any)
	if blocks == nil {
		blocks, _ = m["children"].([]any)
	}
	out := make(map[string]any, len(props)+1)
	for k, p := range props {
		if s := notionValue(p); s != "" {
			out[k] = s
		}
	}
	var md strings.Builder
	for _, b := range blocks {
		notionBlock(&md, b, 0)
	}
	if md.Len() > 0 {
		out["body markdown"] = md.String()
	}
	return out
}

// notionValue is a typed property's value as text: a title's or rich
// text's plain text, a select's name, a multi-select's names, a date's
// start, people's names.
func notionValue(p any) string {
	pm, _ := p.(map[string]any)
	typ, _ := pm["type"].(string)
	switch val := pm[typ].(type) {
	case []any:
		var parts []string
		for _, e := range val {
			em, _ := e.(map[string]any)
			if s := firstNonEmpty(scalarString(em["plain_text"]), scalarString(em["name"])); s != "" {
				parts = append(parts, s)
			}
		}
		sep := ""
		if typ == "multi_select" || typ == "people" {
			sep = ", "
		}
		return strings.Join(parts, sep)
	case map[string]any:
		return firstNonEmpty(scalarString(val["name"]), scalarString(val["start"]))
	case string, float64, bool:
		return scalarString(val)
	}
	return ""
}

// notionBlock writes a block (and its children) as Markdown.
func notionBlock(md *strings.Builder, b any, depth int) {
	bm, _ := b.(map[string]any)
	typ, _ := bm["type"].(string)
	body, _ := bm[typ].(map[string]any)
	if body == nil || depth > 6 {
		return
	}
	var text strings.Builder
	for _, r := range asList(body["rich_text"]) {
		rm, _ := r.(map[string]any)
		text.WriteString(scalarString(rm["plain_text"]))
	}
	t := strings.TrimSpace(text.String())
	indent := strings.Repeat("  ", depth)
	switch typ {
	case "heading_1", "heading_2", "heading_3":
		md.WriteString("\n" + strings.Repeat("#", int(typ[len(typ)-1]-'0')) + " " + t + "\n\n")
	case "bulleted_list_item", "toggle":
		md.WriteString(indent + "- " + t + "\n")
	case "numbered_list_item":
		md.WriteString(indent + "1. " + t + "\n")
	case "to_do":
		box := "[ ]"
		if c, _ := body["checked"].(bool); c {
			box = "[x]"
		}
		md.WriteString(indent + "- " + box + " " + t + "\n")
	case "quote":
		md.WriteString("> " + t + "\n\n")
	default:
		if t != "" {
			md.WriteString("\n" + t + "\n\n")
		}
	}
	for _, c := range asList(body["children"]) {
		notionBlock(md, c, depth+1)
	}
}

// boardItems reads a work-management board export ({"data": {"boards":
// [{"name", "description", "columns": [{"id", "title"}], "groups": [{"id",
// "title"}], "items_page": {"items": [{"name", "group": {"id"},
// "column_values": [{"id", "text"}], "subitems": [...]}]}}]}}, as
// Monday.com exports a board): the items of a details group give the
// review's fields under their column titles, a timeline group's items its
// timeline, and the items of follow-up and done groups its action items
// (their subitems are details); parked groups are left out. Anything else
// is returned as it is.
func boardItems(v any) any {
	m, _ := v.(map[string]any)
	if d, ok := m["data"].(map[string]any); ok {
		m = d
	}
	boards, _ := m["boards"].([]any)
	if len(boards) != 1 {
		return v
	}
	b, _ := boards[0].(map[string]any)
	items, _ := b["items"].([]any)
	if ip, ok := b["items_page"].(map[string]any); ok && items == nil {
		items, _ = ip["items"].([]any)
	}
	if b == nil || len(items) == 0 {
		return v
	}
	titles := boardTitles(b["columns"])
	groups := boardTitles(b["groups"])
	out := map[string]any{"title": b["name"], "summary": b["description"]}
	var timeline, actions []any
	for _, e := range items {
		it, _ := e.(map[string]any)
		gm, _ := it["group"].(map[string]any)
		gid, _ := gm["id"].(string)
		cols := map[string]any{}
		for _, c := range asList(it["column_values"]) {
			cm, _ := c.(map[string]any)
			id, _ := cm["id"].(string)
			if text := scalarString(cm["text"]); text != "" && titles[id] != "" {
				cols[titles[id]] = text
			}
		}
		group := groups[gid]
		switch kind := classifyHeading(group); {
		case kind == model.SectionTimeline:
			ev := map[string]any{"text": it["name"]}
			for k, val := range cols {
				if timeKeys[metaKey(k)] || containsWord(normalizeKey(k), "when") || containsWord(normalizeKey(k), "utc") {
					ev["at"] = fmt.Sprint(val) + boardZone(k)
				}
			}
			timeline = append(timeline, ev)
		case kind == model.SectionActionItems || strings.EqualFold(group, "done"):
			cols["title"] = it["name"]
			actions = append(actions, cols)
		case kind == model.SectionOther:
		default:
			for k, val := range cols {
				if _, dup := out[k]; !dup {
					out[k] = val
				}
			}
		}
	}
	if timeline != nil {
		out["timeline"] = timeline
	}
	if actions != nil {
		out["action_items"] = actions
	}
	return out
}

// boardTitles maps the ids of a board's columns or groups to their titles.
func boardTitles(v any) map[string]string {
	out := map[string]string{}
	for _, e := range asList(v) {
		m, _ := e.(map[string]any)
		id, _ := m["id"].(string)
		if t := scalarString(m["title"]); id != "" && t != "" {
			out[id] = t
		}
	}
	return out
}

// boardZone is " UTC" for a column titled in UTC ("When (UTC)"), else "".
func boardZone(title string) string {
	if containsWord(normalizeKey(title), "utc") {
		return " UTC"
	}
	return ""
}

// asList is v as a list, or nil.
func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// linkedSubtasks lifts the subtasks an issue tracker lists among the
// issue's links ({"links": [{"direction": "OUTWARD", "linkType": {"name":
// "Subtask", "sourceToTarget": "parent for"}, "issues": [...]}, ...]}, as
// YouTrack exports an issue) to a "subtasks" list, its follow-ups; the
// other links (relates to, duplicates) are not. Anything else is returned
// as it is.
func linkedSubtasks(v any) any {
	m, ok := v.(map[string]any)
	if !ok || m["subtasks"] != nil {
		return v
	}
	links, ok := m["links"].([]any)
	if !ok {
		return v
	}
	var subs []any
	for _, l := range links {
		lm, _ := l.(map[string]any)
		lt, _ := lm["linkType"].(map[string]any)
		name, _ := lt["name"].(string)
		s2t, _ := lt["sourceToTarget"].(string)
		dir, _ := lm["direction"].(string)
		if !strings.EqualFold(name, "subtask") && !strings.EqualFold(s2t, "parent for") || strings.EqualFold(dir, "INWARD") {
			continue
		}
		if issues, ok := lm["issues"].([]any); ok {
			subs = append(subs, issues...)
		}
	}
	if len(subs) == 0 {
		return v
	}
	out := make(map[string]any, len(m)+1)
	for k, val := range m {
		out[k] = val
	}
	out["subtasks"] = subs
	return out
}

// taskListExport reads a project tool's task list ({"data": [{"gid",
// "resource_type": "task", "name", "notes", "memberships": [{"section":
// {"name": "Follow-ups"}}], "subtasks": [...]}, ...]}, as Asana exports
// a project): the first task is the review; the subtasks of a task that a
// follow-up section or name holds (or that task itself when it has none)
// are its action items; tasks in other sections ("Went well", "Parked")
// are not. Anything else is returned as it is.
func taskListExport(v any) any {
	m, ok := v.(map[string]any)
	if !ok || len(m) > 3 {
		return v
	}
	arr, ok := m["data"].([]any)
	if !ok || len(arr) == 0 {
		return v
	}
	tasks := make([]map[string]any, 0, len(arr))
	for _, e := range arr {
		t, ok := e.(map[string]any)
		if !ok || t["resource_type"] != "task" {
			return v
		}
		tasks = append(tasks, t)
	}
	main := make(map[string]any, len(tasks[0])+1)
	for k, val := range tasks[0] {
		main[k] = val
	}
	actions, _ := tasks[0]["subtasks"].([]any)
	for _, t := range tasks[1:] {
		name, _ := t["name"].(string)
		byName := classifyHeading(name) == model.SectionActionItems
		if !byName && classifyHeading(taskSection(t)) != model.SectionActionItems {
			continue
		}
		if subs, _ := t["subtasks"].([]any); len(subs) > 0 {
			actions = append(actions, subs...)
		} else if !byName {
			actions = append(actions, t)
		}
	}
	delete(main, "subtasks")
	if len(actions) > 0 {
		main["action_items"] = actions
	}
	return main
}

// taskSection is the section name of a task's first project membership.
func taskSection(t map[string]any) string {
	ms, _ := t["memberships"].([]any)
	if len(ms) == 0 {
		return ""
	}
	mm, _ := ms[0].(map[string]any)
	sec, _ := mm["section"].(map[string]any)
	name, _ := sec["name"].(string)
	return name
}

// adoWorkItem reads an Azure DevOps work-item export ({"count": 1,
// "value": [{"id", "fields": {"System.Title": ..., "Custom.OwningTeam":
// ...}}], "expandedChildren": [{"fields": {...}}]}): the first item's
// fields lifted without their namespaces ("Title", "OwningTeam"), its
// child work items as its tasks. Anything else is returned as it is.
func adoWorkItem(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	items, _ := m["value"].([]any)
	if len(items) == 0 {
		return v
	}
	first, _ := items[0].(map[string]any)
	fields, ok := first["fields"].(map[string]any)
	if !ok || !namespacedFields(fields) {
		return v
	}
	out := liftNamespaced(fields)
	if id, ok := first["id"]; ok {
		out["id"] = id
	}
	var tasks []any
	children, _ := m["expandedChildren"].([]any)
	for _, c := range children {
		if cm, ok := c.(map[string]any); ok {
			if cf, ok := cm["fields"].(map[string]any); ok {
				tasks = append(tasks, liftNamespaced(cf))
			}
		}
	}
	if len(tasks) > 0 {
		out["tasks"] = tasks
	}
	return out
}

// jsonAPIIncluded reads a JSON:API document ({"data": {"type",
// "attributes": {...}}, "included": [{"type": "incident_action_items",
// "attributes": {...}}]}): the data's attributes lifted to the top, and
// the included resources whose type names action items as its
// action_items. Anything else is returned as it is.
func jsonAPIIncluded(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	data, ok1 := m["data"].(map[string]any)
	included, ok2 := m["included"].([]any)
	attrs, ok3 := data["attributes"].(map[string]any)
	if !ok1 || !ok2 || !ok3 {
		return v
	}
	out := make(map[string]any, len(attrs)+1)
	for k, val := range attrs {
		out[k] = val
	}
	var actions []any
	for _, e := range included {
		em, ok := e.(map[string]any)
		typ, _ := em["type"].(string)
		if ok && strings.Contains(strings.ToLower(typ), "action") {
			actions = append(actions, em)
		}
	}
	if len(actions) > 0 {
		if _, dup := out["action_items"]; !dup {
			out["action_items"] = actions
		}
	}
	return out
}

// namespacedFields reports fields mostly named "Namespace.Name".
func namespacedFields(fields map[string]any) bool {
	n := 0
	for k := range fields {
		if i := strings.LastIndexByte(k, '.'); i > 0 && i < len(k)-1 {
			n++
		}
	}
	return n*2 > len(fields)
}

// liftNamespaced drops the namespace of each field name ("System.Title"
// is "Title"); the first field of a name wins.
func liftNamespaced(fields map[string]any) map[string]any {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]any, len(fields))
	for _, k := range keys {
		name := k[strings.LastIndexByte(k, '.')+1:]
		if _, dup := out[name]; !dup {
			out[name] = fields[k]
		}
	}
	return out
}

// exportDoc turns a decoded export into a rawDoc.
func exportDoc(format string, v any) (*rawDoc, error) {
	doc := &rawDoc{format: format, fields: newFields()}
	v = normalizeMaps(jiraNames(jsonAPIIncluded(adoWorkItem(taskListExport(linkedSubtasks(boardItems(notionPage(projectExport(v)))))))), 0)
	if arr, ok := v.([]any); ok {
		// An incident bot's event log: [{ts, type, payload}, ...].
		if text, ok := chatTranscript(map[string]any{"messages": arr}); ok {
			chat := parseText(text)
			chat.format = format
			return chat, nil
		}
	}
	v = recordList(v)
	if arr, ok := v.([]any); ok {
		if len(arr) == 0 {
			return nil, errors.New("export holds an empty list, no incident")
		}
		if len(arr) > 1 {
			doc.warn(fmt.Sprintf("export holds %d incidents; parsed the first only", len(arr)))
		}
		v = arr[0]
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("export is a %s, expected an object with incident fields", kindName(v))
	}
	if md, title, ok := boardMarkdown(m); ok {
		// A kanban board's export: its lists as sections, cards as items.
		bd := parseMarkdown(md)
		bd.format = format
		if bd.title == "" {
			bd.title = title
		}
		return bd, nil
	}
	m = unwrapExport(m)
	if text, ok := chatTranscript(m); ok {
		chat := parseText(text)
		chat.format = format
		// An incident bot's export: the messages and a summary object
		// ({owning_team, follow_ups, ...}) beside them.
		if sm, ok := m["summary"].(map[string]any); ok && len(sm) >= 3 {
			chat.fields.addMap(sm, 0)
			structuredActions(chat, sm)
		}
		return chat, nil
	}
	doc.tz = exportZone(m)
	doc.fields.addMap(m, 0)

	exportTextSections(doc, m)
	exportSectionList(doc, m)
	if v, ok := lookupNested(m, timelineKeys); ok {
		exportEvents(doc, v)
	}
	n := len(doc.blocks)
	structuredActions(doc, m)
	if k := len(doc.blocks); exportBody(doc, m) && k > n {
		// A plain-text body ("Summary\n...\n\nTimeline (AEDT)\n...") is
		// the review itself: it goes before the follow-ups read from
		// fields, not under their heading.
		body, acts := slices.Clone(doc.blocks[k:]), slices.Clone(doc.blocks[n:k])
		doc.blocks = append(append(doc.blocks[:n], body...), acts...)
	}
	exportNotes(doc, m)
	if len(doc.blocks) == 0 && doc.fields.get(mTitle) == "" {
		return nil, errors.New("export has none of the known incident fields (title, summary, timeline, ...)")
	}
	return doc, nil
}

// structuredActions reads the follow-ups of a decoded export or front
// matter: the list under an action key (actionKeys), else a list of
// owned or tracked items under a key that may name either the fix or the
// follow-ups (listedActionKeys), else a list of such items under a key of
// its own (unnamedActionList).
func structuredActions(doc *rawDoc, m map[string]any) {
	if v, ok := lookupNested(m, actionKeys); ok {
		exportActions(doc, v)
	} else if v, ok := lookupNested(m, listedActionKeys); ok && isItemList(v) {
		exportActions(doc, v)
	} else if v, ok := unnamedActionList(m); ok {
		exportActions(doc, v)
	}
}

// notActionListWords mark list keys of what was done or who took part,
// never follow-ups.
var notActionListWords = []string{"taken", "during", "responder", "participant", "timeline", "event", "mitigat",
	"attendee", "involved", "contact", "change", "deploy", "rejected", "declined", "parked", "dropped",
	"not doing", "wont", "won't", "considered", "component", "service", "system", "subscriber", "update", "page"}

// unnamedActionList finds follow-ups under a key no list of actionKeys
// names ("carry_forward", "open_items"), at the top or one object down:
// the first list, in key order, of objects that have a text field and an
// owner or status (isItemList), under a key that names no work done
// (notActionListWords).
func unnamedActionList(m map[string]any) (any, bool) {
	for _, obj := range append([]map[string]any{m}, childObjects(m)...) {
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
	next:
		for _, k := range keys {
			for _, w := range notActionListWords {
				if strings.Contains(k, w) {
					continue next
				}
			}
			v := obj[k]
			if !isItemList(v) {
				continue
			}
			for _, e := range v.([]any) {
				if _, ok := lookup(e.(map[string]any), "task", "action", "change", "description", "summary", "text",
					"title", "item", "what", "follow up", "recommendation", "do", "fix", "step"); !ok {
					continue next
				}
			}
			return v, true
		}
	}
	return nil, false
}

// unwrapExport lifts the fields of {"incident": {...}} style envelopes
// (wrapperKeys) to the top, up to three deep. The fields beside the
// envelope are kept, and win over the envelope's of the same name: a tool
// writes {"incident": {title, times}, "body_markdown": "..."} or
// {"metadata": {...}, "incident": {...}, "postmortem": {"content": "..."}}.
func unwrapExport(m map[string]any) map[string]any {
	for depth := 0; depth < 3; depth++ {
		key := ""
		var inner map[string]any
		for _, k := range wrapperKeys {
			v := m[k]
			if l, ok := v.([]any); ok && len(l) == 1 {
				v = l[0] // a table API's {"result": [{...}]}
			}
			if im, ok := v.(map[string]any); ok {
				key, inner = k, im
				break
			}
		}
		if inner == nil {
			return m
		}
		merged := make(map[string]any, len(inner)+len(m))
		for k, v := range m {
			if k != key {
				merged[k] = v
			}
		}
		for k, v := range inner {
			if _, dup := merged[k]; !dup {
				merged[k] = v
			}
		}
		m = merged
	}
	return m
}

// exportZone is the zone field of an export ("timezone": "Asia/Tokyo"),
// at the top or one object down ({"metadata": {"tz": ...}}), or "".
func exportZone(m map[string]any) string {
	names := []string{"timezone", "time zone", "tz", "zone", "timezone name"}
	if s := firstString(m, names...); s != "" {
		return s
	}
	for _, child := range childObjects(m) {
		if s := firstString(child, names...); s != "" {
			return s
		}
	}
	return ""
}

// childObjects returns the objects m holds, in key order.
func childObjects(m map[string]any) []map[string]any {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if _, isMap := v.(map[string]any); isMap {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([]map[string]any, len(keys))
	for i, k := range keys {
		out[i] = m[k].(map[string]any)
	}
	return out
}

// lookupNested finds a list field by one of names in m, else in the
// objects m holds, in key order ({"review": {"action_items": [...]}}).
func lookupNested(m map[string]any, names []string) (any, bool) {
	if v, ok := lookup(m, names...); ok {
		return v, true
	}
	for _, child := range childObjects(m) {
		if v, ok := lookup(child, names...); ok {
			if _, isList := v.([]any); isList {
				return v, true
			}
		}
	}
	return nil, false
}

// exportTextSections appends the sections of text fields (summary,
// impact, root cause, ...), in the order of model.SectionKinds.
func exportTextSections(doc *rawDoc, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	order := map[string]int{}
	for i, k := range model.SectionKinds {
		order[k] = i
	}
	kindOf := func(k string) string {
		kind := exportSectionKind(k)
		if s, ok := m[k].(string); ok && kind == "" && strings.Count(k, " ") >= 2 && len(s) >= 40 && !isExportListKey(k) {
			// A form's question over a paragraph of answer: "how was it
			// detected", "what did we do to mitigate it".
			kind = classifyHeading(k)
		}
		return kind
	}
	sort.SliceStable(keys, func(i, j int) bool {
		ki, kj := kindOf(keys[i]), kindOf(keys[j])
		oi, oj := 99, 99
		if ki != "" {
			oi = order[ki]
		}
		if kj != "" {
			oj = order[kj]
		}
		return oi < oj
	})
	for _, k := range keys {
		kind := kindOf(k)
		if kind == "" {
			continue
		}
		// A Markdown text that opens with its own heading ("## Summary")
		// needs no heading from its key, which would stand empty above it.
		if s, ok := m[k].(string); !ok || !strings.HasPrefix(strings.TrimSpace(s), "#") {
			doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: sectionHeadingFor(k)})
		}
		appendExportSection(doc, m[k], 2)
	}
}

// exportSectionList appends sections given as a list of {title, body}.
func exportSectionList(doc *rawDoc, m map[string]any) {
	var arr []any
	for _, k := range append(sectionsKeys[:len(sectionsKeys):len(sectionsKeys)], "narrative", "chapters") {
		if l, ok := m[k].([]any); ok {
			arr = l // "narrative" may also be a text: the summary
			break
		}
	}
	for _, e := range arr {
		sm, ok := e.(map[string]any)
		if !ok {
			continue
		}
		h := firstString(sm, "title", "heading", "name", "kind")
		body := firstString(sm, "body", "text", "content", "markdown")
		entries, hasEntries := lookup(sm, "entries", "events", "timeline")
		if _, isList := entries.([]any); hasEntries && isList && !doc.hasEvents {
			// {type: timeline, note: "Entries are stored in UTC", entries: [{at, text}]}
			if note := firstString(sm, "note", "description", "intro"); note != "" {
				doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: "Timeline"},
					block{kind: bPara, text: collapseSpace(note)})
			}
			exportEvents(doc, entries)
			continue
		}
		if h != "" {
			doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: collapseSpace(h)})
		}
		if body != "" {
			doc.blocks = append(doc.blocks, markdownBlocks(body, doc, 1)...)
		}
		if items, ok := lookup(sm, "items", "points", "bullets", "factors"); ok {
			exportSectionItems(doc, items)
		}
	}
}

// exportSectionItems appends a section's list of points: strings, or
// objects with a title and a detail ("Disk full on export host: ...").
func exportSectionItems(doc *rawDoc, v any) {
	arr, _ := v.([]any)
	for _, e := range arr {
		var text string
		switch x := e.(type) {
		case string:
			text = x
		case map[string]any:
			title := firstString(x, "title", "name", "heading", "summary")
			detail := firstString(x, "detail", "details", "description", "body", "text")
			text = strings.TrimSpace(strings.Trim(title+": "+detail, ": "))
		}
		if text = collapseSpace(text); text != "" {
			doc.blocks = append(doc.blocks, block{kind: bItem, text: text, checked: -1})
		}
	}
}

// impactTag maps an entry's tag (normalised) to the words that state the
// impact's start or end.
var impactTag = map[string]string{"impact start": "impact starts", "impact started": "impact starts",
	"impact begin": "impact starts", "impact end": "impact ends", "impact ended": "impact ends",
	"impact over": "impact ends", "customer impact start": "impact starts", "customer impact end": "impact ends"}

// exportEvents reads a timeline list: strings ("14:05 text") or objects
// with a time and a text field.
func exportEvents(doc *rawDoc, v any) {
	arr, ok := v.([]any)
	if !ok {
		if s, isText := v.(string); isText && strings.Contains(s, "\n") {
			// A timeline written in Markdown ("- **00:30 BST** — ...").
			doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: "Timeline"})
			doc.blocks = append(doc.blocks, markdownBlocks(s, doc, 1)...)
		}
		return
	}
	doc.hasEvents = true
	doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: "Timeline"})
	for _, e := range arr {
		var ev eventDraft
		switch x := e.(type) {
		case map[string]any:
			stampKeys := []string{"time", "at", "timestamp", "occurred at", "event time", "date", "created at", "when", "started at",
				"t", "ts", "at epoch", "epoch", "time ms", "timestamp ms", "at ms", "time epoch", "when epoch"}
			ev.stamp = firstString(x, stampKeys...)
			if raw, ok := lookup(x, stampKeys...); ok {
				if t, isEpoch := epochTime(mStarted, raw); isEpoch {
					ev.stamp = t.Format(time.RFC3339)
				}
			}
			ev.text = firstString(x, "text", "description", "event", "message", "summary", "note", "title", "body",
				"e", "entry", "what", "msg", "detail", "details", "desc", "descr", "comment", "content", "notes",
				"update", "activity")
			// {type: DEPLOY, desc: "..."}: the type says what kind of entry
			// it is ("deploy", "customer impact"); the text may not.
			if typ := normalizeKey(firstString(x, "type", "kind", "category", "flag", "marker", "tag")); typ != "" && len(typ) <= 30 &&
				!containsFold(ev.text, typ) {
				ev.text = typ + ": " + ev.text
			}
			// {tags: ["backfill", "impact-start"]}: a tag that marks the
			// impact's start or end says so for the entry.
			if tags, ok := lookup(x, "tags", "labels", "markers"); ok {
				if l, isList := tags.([]any); isList {
					for _, tg := range l {
						if t := normalizeKey(scalarString(tg)); impactTag[t] != "" && !containsFold(ev.text, impactTag[t]) {
							ev.text = impactTag[t] + ": " + ev.text
						}
					}
				}
			}
		default:
			ev.text = scalarString(x)
			if m, rest, ok := leadingStamp(ev.text); ok {
				ev.stamp = stampText(ev.text, m)
				ev.text = rest
			}
		}
		ev.text = collapseSpace(ev.text)
		if ev.text == "" && ev.stamp == "" {
			continue
		}
		doc.events = append(doc.events, ev)
		line := ev.text
		if ev.stamp != "" {
			line = ev.stamp + " " + ev.text
		}
		doc.blocks = append(doc.blocks, block{kind: bItem, text: strings.TrimSpace(line), checked: -1})
	}
}

// exportActions reads an action-item list: strings or objects (see
// actionDraftOf). A map of lists ({short_term: [...], long_term: [...]})
// is read list by list, in key order.
func exportActions(doc *rawDoc, v any) {
	var arr []any
	switch x := v.(type) {
	case string:
		// Follow-ups written in Markdown: a checklist, a table.
		if strings.Contains(x, "\n") {
			doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: "Follow-ups"})
			doc.blocks = append(doc.blocks, markdownBlocks(x, doc, 1)...)
		}
		return
	case []any:
		arr = x
	case map[string]any:
		if _, isItem := lookup(x, "title", "text", "action", "description"); isItem {
			arr = []any{x}
			break
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
	lists:
		for _, k := range keys {
			// {immediate_taken: [...], corrective: [...]}: what was done
			// during the incident is no follow-up.
			if hasWordStartFold(normalizeKey(k), notActionListWords...) {
				continue lists // "preventive" is no "event"
			}
			if l, ok := x[k].([]any); ok {
				arr = append(arr, l...)
			}
		}
		if len(arr) == 0 {
			// {"AI-1": {...}, "AI-2": {...}}: items keyed by their number.
			for _, k := range keys {
				if im, ok := x[k].(map[string]any); ok && firstString(im, "title", "text", "summary", "description", "name", "action", "task", "item", "what") != "" {
					arr = append(arr, im)
				}
			}
		}
		if len(arr) == 0 {
			return
		}
	default:
		return
	}
	if len(arr) == 0 {
		return // an empty list: the body may still hold the items
	}
	doc.hasActions = true
	doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: "Action items"})
	arr = liftAttributes(arr)
	typed, marked := typedFollowUps(arr), markedFollowUps(arr)
	for _, e := range arr {
		if typed && !isFollowUpKind(e) {
			continue // {"kind": "incident_task"} beside {"kind": "follow_up"}
		}
		a := actionDraftOf(e)
		if a.text == "" || marked && !reFollowUpMarker.MatchString(a.text) {
			continue // a response task beside "FU: ..." tasks
		}
		doc.actions = append(doc.actions, a)
		checked := int8(-1)
		switch normStatus(a.status) {
		case "done":
			checked = 1
		case "open":
			checked = 0
		}
		doc.blocks = append(doc.blocks, block{kind: bItem, text: a.text, checked: checked})
	}
}

// itemKindKeys name an exported item's kind: {"kind": "follow_up"}.
var itemKindKeys = []string{"kind", "type", "category", "task_type", "item_type"}

// kindOf is an item's kind, lower case with "_" and "-" as spaces.
func kindOf(e any) string {
	m, ok := e.(map[string]any)
	if !ok {
		return ""
	}
	return normalizeKey(firstString(m, itemKindKeys...))
}

// isFollowUpKind reports an item whose kind names a follow-up, not work
// done during the incident.
func isFollowUpKind(e any) bool {
	k := kindOf(e)
	for _, w := range []string{"follow", "action item", "corrective", "preventive", "preventative", "remediation",
		"improvement", "post incident", "postmortem", "todo", "to do"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// typedFollowUps reports a list whose items carry kinds and where some,
// not all, are follow-ups: the others (incident tasks, mitigations) are
// left out.
func typedFollowUps(arr []any) bool {
	follow, other := 0, 0
	for _, e := range arr {
		if kindOf(e) == "" {
			return false
		}
		if isFollowUpKind(e) {
			follow++
		} else {
			other++
		}
	}
	return follow > 0 && other > 0
}

// liftAttributes returns the items of a JSON:API list ({id, type,
// attributes: {kind, summary, status}}) with their attributes lifted
// beside id and type; other items are kept as they are.
func liftAttributes(arr []any) []any {
	var out []any // nil until an item is lifted: arr is left as it is
	for i, e := range arr {
		m, ok := e.(map[string]any)
		attrs, has := m["attributes"].(map[string]any)
		if !ok || !has {
			continue
		}
		if out == nil {
			out = append([]any(nil), arr...)
		}
		merged := make(map[string]any, len(m)+len(attrs))
		for k, v := range attrs {
			merged[k] = v
		}
		for k, v := range m {
			if _, dup := merged[k]; !dup && k != "attributes" && k != "type" {
				merged[k] = v // the JSON:API type names the resource, not the item's kind
			}
		}
		out[i] = merged
	}
	if out == nil {
		return arr
	}
	return out
}

// reFollowUpMarker matches the mark a responder puts on a task to make it
// a follow-up: "FU: ...", "[Follow-up] ...", "AI: ...", "PIR: ...".
var reFollowUpMarker = regexp.MustCompile(`(?i)^\s*(?:\[(?:fu|ai|follow[- ]?up|action item|pir|post[- ]incident)\]|(?:fu|ai|follow[- ]?up|action item|pir|post[- ]incident)\s*:)`)

// markedFollowUps reports a task list where some, not all, tasks carry a
// follow-up mark (reFollowUpMarker): the unmarked ones are the
// response's own tasks ("Assign an incident commander").
func markedFollowUps(arr []any) bool {
	marked := 0
	for _, e := range arr {
		if reFollowUpMarker.MatchString(actionDraftOf(e).text) {
			marked++
		}
	}
	return marked > 0 && marked < len(arr)
}

// actionDraftOf reads one exported action item: a string, or an object
// with text, owner, status (or done/completed/closed booleans), ticket
// and due fields.
func actionDraftOf(e any) actionDraft {
	var a actionDraft
	x, ok := e.(map[string]any)
	if !ok {
		a.text = collapseSpace(scalarString(e))
		return a
	}
	if f, nested := x["fields"].(map[string]any); nested {
		// A Jira sub-task: {key: OPS-1, fields: {summary, status}}.
		merged := make(map[string]any, len(x)+len(f))
		for k, v := range f {
			merged[k] = v
		}
		for k, v := range x {
			if k != "fields" {
				merged[k] = v
			}
		}
		x = merged
	}
	a.text = firstString(x, "title", "text", "summary", "description", "name", "action", "task", "item", "what",
		"change", "action item", "follow up", "followup", "recommendation", "remediation", "improvement", "fix",
		"step", "measure", "todo", "details", "desc", "descr", "do", "short description", "subject")
	a.owner = firstString(x, "owner", "assignee", "assigned to", "owner name", "responsible", "who", "owners",
		"assignees", "dri", "owned by", "own", "assignment group", "assigned group")
	a.status = firstString(x, "status", "state", "progress", "st")
	if d, ok := lookup(x, "done", "completed", "closed", "is done", "resolved"); ok {
		if b, isBool := d.(bool); isBool {
			if b {
				a.status = "done"
			} else if a.status == "" {
				a.status = "open"
			}
		}
	}
	a.ticket = firstString(x, "url", "ticket", "link", "issue", "jira", "ticket url", "issue url", "key",
		"ticket id", "issue key", "jira key", "tracking", "tracker", "ref")
	a.due = firstString(x, "due", "due date", "due at", "deadline", "eta", "target date", "due by", "target")
	a.text = collapseSpace(a.text)
	return a
}

// exportBody parses a Markdown body field and appends it; its H1 is the
// title when the export has none.
func exportBody(doc *rawDoc, m map[string]any) (plain bool) {
	v, ok := lookup(m, bodyKeys...)
	if !ok {
		return false
	}
	s, ok := v.(string)
	if !ok || strings.TrimSpace(s) == "" {
		return false
	}
	body, _ := splitFrontMatter(s, doc)
	if plainTextBody(body) {
		// Plain text with its headings on lines of their own, as a task
		// tool's notes field holds it.
		doc.blocks = append(doc.blocks, parseText(body).blocks...)
		return true
	}
	bb := markdownBlocks(body, doc, 1)
	if len(bb) > 0 && bb[0].kind == bHeading && bb[0].level == 1 {
		if doc.fields.get(mTitle) == "" {
			doc.title = bb[0].text
		}
		bb = bb[1:]
	}
	doc.blocks = append(doc.blocks, bb...)
	return false
}

// plainTextBody reports a body with no Markdown or HTML structure (no
// heading, list, table, emphasis or tag) whose paragraphs open with a
// known section heading on a line of its own ("Summary\n...").
func plainTextBody(s string) bool {
	if len(s) < 200 || strings.ContainsAny(s, "#*|<`") {
		return false
	}
	headed := false
	for _, para := range strings.Split(s, "\n\n") {
		first, rest, _ := strings.Cut(strings.TrimSpace(para), "\n")
		if strings.HasPrefix(first, "- ") || strings.HasPrefix(first, "1. ") {
			return false
		}
		if rest != "" && classifyHeading(strings.TrimSpace(first)) != "" {
			headed = true
		}
	}
	return headed
}

// appendExportSection appends the blocks of one section-valued export
// field: Markdown text, a list of items ({title|text|...} objects or
// scalars), or an object of sub-sections such as
// lessons: {went_well: [...], went_wrong: [...], got_lucky: [...]}, whose
// keys become headings one level down.
func appendExportSection(doc *rawDoc, val any, level int) {
	switch x := val.(type) {
	case string:
		doc.blocks = append(doc.blocks, markdownBlocks(x, doc, 1)...)
	case []any:
		for _, e := range x {
			if mm, ok := e.(map[string]any); ok {
				t := firstString(mm, "title", "text", "summary", "description", "name", "factor")
				if t != "" {
					doc.blocks = append(doc.blocks, block{kind: bItem, text: collapseSpace(t), checked: -1})
				}
				continue
			}
			if s := scalarString(e); s != "" {
				doc.blocks = append(doc.blocks, block{kind: bItem, text: collapseSpace(s), checked: -1})
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if metaKey(k) != "" && scalarString(x[k]) != "" {
				continue // {start: ..., end: ...}: metadata, read by fields.addMap
			}
			if level < 4 {
				doc.blocks = append(doc.blocks, block{kind: bHeading, level: level + 1, text: sectionHeadingFor(k)})
			}
			appendExportSection(doc, x[k], level+1)
		}
	default:
		if s := scalarString(x); s != "" {
			doc.blocks = append(doc.blocks, block{kind: bPara, text: s, checked: -1})
		}
	}
}

func sectionHeadingFor(k string) string {
	n := normalizeKey(k)
	if n == "" {
		return k
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

func firstString(m map[string]any, names ...string) string {
	for _, n := range names {
		if v, ok := lookup(m, n); ok {
			if mm, isMap := v.(map[string]any); isMap {
				if s := nameOf(mm); s != "" {
					return s
				}
				continue
			}
			if s := scalarString(v); s != "" {
				return s
			}
		}
	}
	return ""
}

func kindName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "list"
	}
	return "number"
}

// noteKeys hold the notes or comments of an incident or issue, where
// tools keep the written review as one long note.
var noteKeys = []string{"notes", "comments", "activity", "activities", "discussion", "discussions"}

// exportNotes appends the long notes of an export (PagerDuty notes, an
// issue's comments, Sentry's activity notes): a note of several lines or
// over 200 bytes is read as Markdown under a "Notes" heading; short
// status notes are left out (the timeline has them).
func exportNotes(doc *rawDoc, m map[string]any) {
	v, ok := lookup(m, noteKeys...)
	if !ok {
		return
	}
	arr, ok := v.([]any)
	if !ok {
		return
	}
	headed := false
	for _, e := range arr {
		em, ok := e.(map[string]any)
		if !ok {
			continue
		}
		text := firstString(em, "content", "body", "text", "note", "message")
		if text == "" {
			if d, ok := em["data"].(map[string]any); ok {
				text = firstString(d, "text", "body", "content", "note")
			}
		}
		if len(text) < 200 && !strings.Contains(strings.TrimSpace(text), "\n") {
			continue
		}
		if !headed {
			doc.blocks = append(doc.blocks, block{kind: bHeading, level: 2, text: "Notes"})
			headed = true
		}
		doc.blocks = append(doc.blocks, markdownBlocks(text, doc, 1)...)
	}
}

// boardMarkdown writes a kanban board's export (Trello: lists and cards
// with idList) as Markdown: the board's description, then each open list
// as a heading and its open cards as items, their descriptions under them
// for lists that are not follow-up lists. It reports whether m was one.
func boardMarkdown(m map[string]any) (md, title string, ok bool) {
	lists, ok1 := m["lists"].([]any)
	cards, ok2 := m["cards"].([]any)
	if !ok1 || !ok2 || len(lists) == 0 || len(cards) == 0 {
		return "", "", false
	}
	byList := map[string][]map[string]any{}
	for _, c := range cards {
		cm, ok := c.(map[string]any)
		if !ok {
			return "", "", false
		}
		id := scalarString(cm["id list"])
		if id == "" {
			return "", "", false
		}
		if b, _ := cm["closed"].(bool); b {
			continue
		}
		byList[id] = append(byList[id], cm)
	}
	var sb strings.Builder
	title = scalarString(m["name"])
	if title != "" {
		sb.WriteString("# " + title + "\n\n")
	}
	if d := scalarString(m["desc"]); d != "" {
		sb.WriteString(d + "\n\n")
	}
	for _, l := range lists {
		lm, ok := l.(map[string]any)
		if !ok {
			continue
		}
		if b, _ := lm["closed"].(bool); b {
			continue
		}
		name := collapseSpace(scalarString(lm["name"]))
		sb.WriteString("## " + name + "\n\n")
		items := classifyHeading(name) == model.SectionActionItems
		for _, cm := range byList[scalarString(lm["id"])] {
			sb.WriteString("- " + collapseSpace(scalarString(cm["name"])) + "\n")
			if d := strings.TrimSpace(scalarString(cm["desc"])); d != "" && !items {
				sb.WriteString("\n" + d + "\n\n")
			}
		}
		sb.WriteString("\n")
	}
	return sb.String(), title, true
}
