// Package ingest turns postmortem files into model.Postmortem values.
//
// # Entry points
//
//   - Parse(path, data, opts) parses one file's bytes.
//   - ParseFile(path, opts) reads a file (refusing files over the size
//     limit without reading them) and parses it.
//   - Walk(roots, onFile, onErr) expands files and folders into candidate
//     files, deterministically; WalkRoots also says which root each file
//     was found under, and NewIdentity(root).Path(file) gives its
//     identity path (Options.IDPath).
//   - TeamSlug normalises a team name; LoadTeamAliases and ConfigFinder
//     read the "teams:" aliases of .debrief.yml (Options.Configs).
//
// build runs in stages (stages.go): sections, title, text, metadata,
// dates, timeline, duration, actions, identity; no function of the
// package is over 80 lines (TestFunctionLength).
//
// Errors never repeat the path; callers prefix it. A postmortem template
// (empty sections and placeholders) gives an error wrapping ErrTemplate.
// Non-fatal problems (broken front matter, invalid UTF-8, an unparseable
// date) become Postmortem.Warnings.
//
// # Formats
//
// The format comes from the extension, else from the content:
//
//   - Markdown (.md .markdown .mdx), with optional YAML ("---") or TOML
//     ("+++") front matter, parsed with goldmark (GFM tables, task lists).
//   - Markdown with ERB tags (.html.md.erb); the tags are removed.
//   - HTML (.html .htm): Confluence / Google Docs style exports. Headings,
//     paragraphs, lists (with checkboxes and Confluence <ac:task> lists),
//     tables and <pre> blocks; scripts, styles and navigation are ignored;
//     very deep nesting is flattened. Word's list paragraphs (bullets in
//     <![if !supportLists]> markers) are list items. In an export without headings
//     (Google Docs styles them as paragraphs), a paragraph that is a known
//     section name is a heading.
//   - Plain text (.txt): underlined or ALL-CAPS headings and known section
//     names on their own line ("TEAM: BILLING" is a metadata line, not a
//     heading); list items; lines starting with a time; several "Key:
//     value" in columns on one line; column tables of follow-ups (a header
//     line of column names, rows whose wrapped lines continue them). The
//     pdftotext -layout output of PagerDuty postmortem exports is
//     recognised and its right-hand column (OWNER OF REVIEW PROCESS,
//     IMPACT TIME, DURATION, time zone) read as metadata.
//   - Org-mode (.org, or text with "#+TITLE:"-style keyword lines):
//     keyword lines and "#+PROPERTY: key value" are metadata, "*"
//     outlines headings, "** TODO"/"** DONE" headings checklist items,
//     headings that open with a time timeline entries.
//   - JSON (.json) and YAML (.yaml .yml) exports of incident tools.
//
// Every format is lowered to the same block stream (headings, paragraphs,
// list items, table rows, code) and one builder extracts sections,
// metadata, timeline, action items and sentences from it.
//
// # Metadata field names
//
// Metadata comes from front matter, export fields, "**Key:** value" and
// "Key: value" lines, two-column key/value tables and the PagerDuty
// sidebar; team, times, windows and durations also from "Key: value."
// sentences inside prose ("Here is the writeup. Owning team: Provider
// Portal.", "... Impact window: 09:10 to 10:40 EST."). Keys are matched case-insensitively, with "_", "-", ".", "/"
// and spaces alike and camelCase split ("startedAt" = "started_at").
// Accepted names (see metaAliases in meta.go):
//
//	id        id, slug, uid, incident_id, postmortem_id
//	title     title, name, incident_title, incident_name, headline, subject
//	team      team, team_name, owning_team, owner_team, responsible_team, squad, teams,
//	          owning/responsible squad or group, team_responsible, team_slug,
//	          and nested forms such as [extra] team = "..." or team: {name: ...}
//	services  service(s), affected_service(s), impacted_services, component(s),
//	          affected_components, system(s), affected_systems, product(s)
//	severity  severity, sev, priority, incident_severity, incident_priority,
//	          urgency, severity_level, impact_level
//	date      date, incident_date, date_of_incident, occurred, occurred_on, occurred_at, day
//	started   started_at, start_time, start, started, start_date, incident_start,
//	          begin, began, began_at, fault_occurs, impact_start(ed_at), outage_start,
//	          opened(_at)
//	detected  detected_at, detected, detection_time, first_detected, identified_at,
//	          declared_at, incident_declared, alerted_at, acknowledged_at, created_at,
//	          triggered_at
//	resolved  resolved_at, resolved, resolution_time, end_time, end, ended(_at),
//	          end_date, recovered_at, closed_at, mitigated_at, incident_resolved,
//	          closed, finished(_at), recovered, mitigated
//	duration  duration, duration_minutes, duration_seconds, duration_ms, duration_hours
//	          (numbers; text such as "1h 20m", "01:45", "PT1H30M"), time_to_resolve,
//	          ttr, time_to_recovery, time_to_recover, outage_duration, downtime
//	impact    impact_started, impact_start(ed_at), start_of_impact, impact_began;
//	          impact_ended, impact_end, end_of_impact, impact_resolved, impact_mitigated
//	range     impact_time, time_range, incident_window, impact_window ("A to B"; a zone
//	          written once, after B, is A's too), and window objects:
//	          window: {from, to}, impact: {start, end}
//	authors   author(s), by, written_by, created_by, owner_of_review_process,
//	          postmortem_owner, postmortem_lead, prepared_by, name(s)
//
// Metadata also comes from header tables (a header row of such keys over
// one row of values, as HTML exports write them) and HTML definition
// lists (<dt>Team</dt><dd>...</dd>). A team object is read by its name,
// title, display name, label or slug. Fields of an object come before
// those of objects nested in it.
//
// # Team
//
// Team is a slug (TeamSlug): "Search (indexing)" is search, "Data
// Pipeline team" is data-pipeline, "the crates.io team" is crates-io. It
// is the first of: Options.Team (--team); the {team} of
// Options.TeamFromPath; the team field (a team list's member whose role
// owns the incident, keys that name a group by definition such as
// accountable_unit or resolverGroup); a team-shaped owner field; an
// author that is a team ("The Rust Infrastructure Team", "Ana Lima,
// Ticket Desk (box office team)"); the header's owner line, byline or
// "key: value | key: value" fields; a signature ("— Platform SRE",
// "— Priya (Telehealth, media)"); a statement of ownership in the text
// ("X owns this one", "written by the X team", "This one sits with X",
// "owning team is X"); the writer's role in the signature or e-mail
// header when the writer claims the writeup ("my team", "it was ours":
// "Engineering Manager, Payments"); the team the text names as "the X
// team" more often than any other (a generic "the support team", a
// plural "teams" and ties name no owner). When only such mentions name
// it, or nothing does, the team that owns most of the follow-ups (two
// or more) is used. A stated name is then checked against how the text
// names teams: a squad "inside" a named team is that team, and a formal
// name's leading words or one of its alternatives ("Identity & Access
// Engineering", "Tapline / Ticketing") that the text uses more often as
// a team's proper name ("Identity on-call", "Owner: Identity") are the
// team. The slug then goes through the aliases: the "teams:" map of the
// .debrief.yml nearest to the file (Options.Configs) and
// Options.TeamAliases (--team-alias), compared as slugs; a slug that is
// none of their teams (nor of the file's "known_teams:" list) is the one
// of them whose words, or their abbreviations of four letters or more,
// it contains ("store-engineering" is store). A file name's
// prefix ("acme__2024-...md") is not read as a team by default, since
// nothing says it is one; --team-from-path '{team}__*' says so.
//
// # Duration
//
// DurationMinutes comes from, in order: the impact start and end fields
// (also {customer_facing: {from, to}}, first_*/last_* times under an
// impact key); a stated duration field (it may measure the ticket:
// time_to_resolve); the start and resolve fields, with a timeline
// entry that states the impact's start or end ("rider impact starts",
// "impact over") in their place; stated impact lines ("Impact started at
// 10:05 UTC", "impact began ... and ended at ...", "the incident began
// at 14:02 and was resolved at 15:10", "impact was starting when ...,
// 04:20 IST", an impact window "between 03:45 and 05:15 UTC", "from 15:00
// to 15:40 CEST" or a bare range "14:02–15:10 UTC" in a sentence about
// the impact or a symptom, "From 3:12 PM EDT, ..." with "fully working
// again ... at 4:41 PM"; measured on a stand-in day when nothing dates
// the document; a zone written at both ends stays, one written at one end
// is the other's too); an impact length the prose states ("Impact lasted
// 1h 50m"); the timeline, from the first entry that says the impact
// started ("searches start returning nothing", "first failed logins",
// "customer pain starts here"), else the earliest entry, leaving out the
// leading run of preparatory entries (a change merged, a deploy, a job
// kicked off) when the next entry comes more than 15 minutes after it,
// to the last resolution entry; a timeline that nothing dates (times of
// day, "Sat 21:45", "Mar 02 08:15" without a year) is measured on a
// stand-in day, crossing midnight where the times jump back, its entries
// left undated; the record's opened and closed times; a duration stated
// in the same sections as impact windows ("lasted 3h 05m").
// Postmortem.DurationSource names the source: stated, fields, impact,
// timeline or prose. A writeup without a timeline section reads its
// runs of three or more lines that open with a time (an ops log, a chat
// export) as its timeline.
//
// A blog path in front matter (path / permalink / url / aliases such as
// "2023/10/26/slug") is a publication date, used only when nothing else
// dates the incident.
//
// # Export fields (JSON and YAML)
//
// The incident may be the top-level object, the first element of a list,
// or wrapped as {"incident": {...}} (also postmortem, data, report,
// retrospective, item), up to three deep; the fields beside the wrapper
// are kept and win over the wrapper's ({"incident": {...},
// "body_markdown": "..."}, {"postmortem": {"content": "..."}}). Besides the metadata names above:
//
//	summary       summary, description, overview, what_happened, executive_summary,
//	              background, details, writeup, write_up, narrative
//	impact        impact, customer_impact, user_impact
//	root cause    root_cause, root_causes, cause, causes, root_cause_analysis,
//	              contributing_factors (string or list of strings / {title|text|...})
//	other text    trigger, detection, how_detected, resolution, mitigation, fix,
//	              recovery, remediation, lessons, lessons_learned, learnings,
//	              what_went_well, went_well, what_went_wrong, went_wrong,
//	              where_we_got_lucky, got_lucky, lucky
//	timeline      timeline, events, timeline_events, timeline_entries, log (also one
//	              object down, as the action items): a list of
//	              strings ("14:05 text") or objects with
//	              time | at | timestamp | occurred_at | date | created_at | when and
//	              text | description | event | message | summary | note | title | body
//	action items  action_items, actionitems, follow_ups, followups, actions,
//	              remediations, tasks, corrective_actions, next_steps, follow_up_items,
//	              remediation_items, preventive_actions, todos, todo, action_plan, improvements,
//	              recommendations, work_items, remediation_tasks (at the top, else in an
//	              object it holds: {"review": {"follow_ups": [...]}}):
//	              a list (or a map of lists: {short_term: [...], long_term: [...]}, or a
//	              map of items keyed by their number: {"AI-1": {...}}) of
//	              strings or objects with
//	              title | text | summary | description | name | action | task | item | what,
//	              owner | assignee | assigned_to | responsible | who | dri (string or {name}),
//	              status | state | progress, done | completed | closed (booleans),
//	              url | ticket | link | issue | jira | key | jira_key | issue_key,
//	              due | due_date | deadline | eta | target_date. An empty list leaves
//	              the items of the body.
//	sections      sections: a list of {title|heading|name, body|text|content}
//	body          body_markdown, body, content, markdown, text, postmortem, report,
//	              document: Markdown, parsed like a .md file and appended
//
// Text fields are parsed as Markdown.
//
// # Sections
//
// Headings are mapped to canonical kinds (model.SectionKinds) by the
// sectionRules table in sections.go. Text before the first heading is the
// summary. A sub-heading that names no kind of its own (a timestamp, "May
// 12", "Process improvements") stays inside its parent section. Bold
// labels that name a kind ("- **Key events**", "**Resolution**: ...")
// start sections too. Section.Text is plain text: list items one per line
// prefixed "- " (nested items indented, checklists "- [ ] "), table rows
// one per line with cells joined by " | ", code blocks verbatim.
//
// # Action items
//
// Action items come from checklists, bullets, numbered lists, paragraphs
// and tables of action-item sections, and from exports. In plain text,
// columns aligned with three or more spaces are fields and an indented
// line continues its item:
//
//	[ ] Make the build fail if a dependency    - Hiroshi  - open
//	    raises the minimum version
//
// is one item, owned by Hiroshi, open. Sub-headings of an action-item
// section with no list are one item each, the text under them giving
// owner and status. A paragraph whose lines each end with an owner or a
// status is one item a line (wrapped lines joining the line that ends
// them). Lines that open with an item number
// ("AI-1:", "A2.", "[R3]", a ticket key and two spaces) are one item each,
// the lines after them continuing them, in any format; a number that is
// no ticket is removed from the text. Trailing positional fields after
// " — ", " – ", " - " or " | " are read too ("Add retries — Priya — done
// — OPS-12"), and a bare name in brackets beside a status ("(Ada Ng,
// done)", "(Ada Ng) - done") is the owner. A section not named as action
// items ("Remediation") gives items when nearly all of its lines name an
// owner, or from its tables whose header names the action and its owner
// or status; a first row of such column names is a header even without
// <th>. Items keep their
// list level relative to the list (an indented list is not nested). Owner, status, due date and
// ticket are read from table columns and export fields, from annotations
// anywhere in the text ("(owner: x)", "[done]", "@handle", a ticket key or
// URL), and from a metadata tail at the end of the text, which is then
// removed so that ActionItem.Text keeps only the wording of the action:
//
//	Add alerting - owner: hana, status: open, PLAT-6946   -> "Add alerting"
//	Fix retries (@sam, OPS-12)                            -> "Fix retries"
//	Rotate keys. Owner: dana. Status: open                -> "Rotate keys."
//	Document the runbook https://example.org/issues/9     -> "Document the runbook"
//	Automate deploys (#11957)   (linked to .../11957)     -> "Automate deploys"
//
// Text that is only a URL or key stays as it is, and so do tokens that
// the wording needs ("DONE in PR #5126", "(for example https://...)").
// The values of the tail fill only the fields other rules left empty.
//
// # Dates and identity
//
// A start or resolve field that is only a time of day ("Start: 10:05
// UTC") takes the date field's date. An export's timezone / tz / zone
// field (at the top or one object down) is the zone of its times written
// without one.
//
// Date is the front-matter date, else the start time, else the date most
// of the title, file name and first timeline entry agree on. Times without
// a zone are read in the zone the document states ("All times in CET"),
// else in the start time's zone, else UTC. ID is the front-matter id, else
// PathID of the identity path (Options.IDPath, see NewIdentity): the
// file's path relative to the project folder above the ingest root (the
// nearest one holding .debrief.yml or .git), else to the root's parent.
// Ingesting a folder as "dir", "/abs/dir", "." or through a symlink gives
// the same IDs. Version is the SHA-256 of the bytes.
package ingest
