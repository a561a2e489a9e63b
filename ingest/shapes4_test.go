package ingest

import (
	"strings"
	"testing"
)

// Shapes found on the fourth unseen set, written afresh here (other
// wording, other names): owners without a "team" suffix, bylines, stated
// ownership in prose, impact windows beside ticket times, fenced
// checklists, numbered column tables and flat Google Docs lists.

func TestTeamSources4(t *testing.T) {
	for _, c := range []struct {
		name, path, src, want string
	}{
		{"front-matter owner with an organisation word", "a.md",
			"---\ntitle: Slow maps\nowner: Geo Platform\n---\n\n# Slow maps\n\nText.\n", "geo-platform"},
		{"service_owner key", "a.md",
			"---\ntitle: Slow maps\nservice_owner: Mapping Services\n---\n\n# Slow maps\n\nText.\n", "mapping-services"},
		{"responsible under metadata", "a.yaml",
			"metadata:\n  title: Ledger locked\n  responsible: Ledger\nsummary: Ledger on-call unlocked the books after an hour.\n", "ledger"},
		{"bold owner line in the header", "a.md",
			"Maps blank\n==========\n\n**Owner:** Geo Rendering team\n**Severity:** SEV3\n\n## Summary\n\nThe Tiles team helped.\n", "geo-rendering"},
		{"byline in an HTML subtitle", "a.html",
			"<html><body><p class=\"title\">Payouts late</p><p>Merchant Payouts team &middot; INC-77 &middot; draft 2</p><h2>What happened</h2><p>The Ledger team was paged.</p></body></html>", "merchant-payouts"},
		{"lower-case owner in terse notes", "a.txt",
			"INC-9 texts sent twice\nowner: messaging core\nwriteup by ana\n\ntl;dr\n  texts went out twice.\n", "messaging-core"},
		{"a person as owner is no team", "a.txt",
			"INC-9 texts sent twice\nowner: ana\n\ntl;dr\n  texts went out twice.\n", ""},
		{"ownership stated in an e-mail", "a.txt",
			"Subject: [Postmortem] Wrong rates\n\nHi all,\n\nLedger team owns this one. The rates team changed a rule and the rates team reverted it.\n", "ledger"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

func TestDurationSources4(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		minutes         float64
		source          string
	}{
		{"impact fields beat ticket opened/closed", "a.json",
			`{"title": "T", "summary": "S", "opened_at": "2025-03-02T10:10:00Z", "impact_started_at": "2025-03-02T09:55:00Z",` +
				` "impact_ended_at": "2025-03-02T10:40:00Z", "closed_at": "2025-03-02T13:00:00Z"}`, 45, "impact"},
		{"end date and end time in two fields", "a.json",
			`{"title": "T", "summary": "S", "date": "2025-04-10", "start_time": "22:30", "end_date": "2025-04-11",` +
				` "end_time": "00:45", "time_zone": "UTC"}`, 135, "fields"},
		{"window with begin and finish", "a.yaml",
			"title: T\nsummary: S\nwindow:\n  begin: \"2025-05-06 14:00\"\n  finish: \"2025-05-06 15:20\"\n", 80, "fields"},
		{"arrow range in the summary, guard hours elsewhere", "a.txt",
			"texts sent twice\n\ntl;dr\n  texts went out twice. 21:40 -> 23:05 UTC.\n\nwhat broke\n  the quiet-hours guard (no sends 21:00-08:00) used the wrong zone.\n", 85, "impact"},
		{"closing the ticket is not the resolution", "a.md",
			"# T\n\n**Date:** 2025-06-01\n\n## Timeline\n\n- 07:10 resolver errors in the logs\n- 07:30 on-call paged (detected)\n" +
				"- 08:05 error rate at baseline; incident resolved\n- 08:40 monitoring done, incident closed\n", 55, "timeline"},
		{"status page update is not the resolution", "a.md",
			"# T\n\n**Date:** 2025-06-01\n\n## Timeline\n\n- 18:00 certificate expires, handshake failures start\n" +
				"- 18:40 new certificate deployed, errors back to baseline. resolved.\n- 18:55 status page set to resolved\n", 40, "timeline"},
		{"explicit impact start beats an earlier symptom", "a.md",
			"# T\n\n**Date:** 2025-06-01\n\n## Timeline\n\n- 08:00 library upgrade deployed\n- 08:30 one upload fails (a test account)\n" +
				"- 11:00 morning peak; impact starts for most customers\n- 12:15 revert deployed, impact over\n", 75, "timeline"},
		{"healthy entries before the first symptom", "a.md",
			"# T\n\n**Date:** 2025-06-01\n\n## Timeline\n\n- 15:00 vendor announces a key rotation\n- 19:00 nightly batch starts, first files accepted\n" +
				"- 20:10 vendor rotates the key; our uploads are rejected and the batch stalls\n- 22:00 new key installed, last file accepted, incident resolved\n", 110, "timeline"},
		{"'from here' marks the start", "a.md",
			"# T\n\n**Date:** 2025-06-01\n\n## Timeline\n\n- 17:00 supplier uploads the new price file\n- 21:00 loader runs, table emptied\n" +
				"- 21:10 cache refreshed; prices shown as zero from here\n- 23:40 old table restored; impact over\n- 08:00 new file loaded\n", 150, "timeline"},
		{"trouble before the named symptom keeps the earliest entry", "a.md",
			"# T\n\n**Date:** 2025-06-01\n\n## Timeline\n\n- 10:00 we notice builds are not starting as expected\n" +
				"- 11:00 builds wrong again\n- 12:00 back to normal\n", 120, "timeline"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.DurationMinutes != c.minutes || pm.DurationSource != c.source {
			t.Errorf("%s: %.0f min (%s), want %.0f (%s)", c.name, pm.DurationMinutes, pm.DurationSource, c.minutes, c.source)
		}
	}
}

func TestActionShapes4(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		want            []string // item texts
		owners          []string
	}{
		{"checklist in a code fence with aligned columns", "a.md",
			"# T\n\n## Follow-ups\n\n```\n  item                                        owner     status\n" +
				"- [x] Reject feeds without a unit              Ines      done\n" +
				"      field in the adapter\n" +
				"- [ ] Clamp speeds to a sane range             Ines      open\n" +
				"- [ ] Alert on ETA error per region            Tomas     open\n```\n",
			[]string{"Reject feeds without a unit field in the adapter", "Clamp speeds to a sane range", "Alert on ETA error per region"},
			[]string{"Ines", "Ines", "Tomas"}},
		{"numbered column table wrapped in every column", "a.txt",
			"REVIEW\n\n5. CORRECTIVE ACTIONS\n\n No.  Action                                  Owner        Target\n" +
				" 1    Page on the first 401 from any          P. Quist     01 Mar\n      partner endpoint.\n" +
				" 2    Route partner notices to the team       Service      15 Mar\n      queue.                                  Desk\n\n" +
				"6. LESSONS\n\nSilence is costly.\n",
			[]string{"Page on the first 401 from any partner endpoint.", "Route partner notices to the team queue."},
			[]string{"P. Quist", "Service Desk"}},
		{"Google Docs flat nested lists", "a.html",
			`<html><body><h2>Follow-ups</h2><ul class="c3 lst-kix_q-0 start"><li><span>monitor every hostname</span></li></ul>` +
				`<ul class="c4 lst-kix_q-1 start"><li><span>owner Ade, OPS-12</span></li><li><span>alert at 30 days</span></li></ul>` +
				`<ul class="c3 lst-kix_q-0"><li><span>managed certificates for the API</span></li></ul>` +
				`<ul class="c4 lst-kix_q-1 start"><li><span>owner Lin, done</span></li></ul></body></html>`,
			[]string{"monitor every hostname", "managed certificates for the API"}, []string{"Ade", "Lin"}},
		{"Word numbered paragraphs end at a numbered bold heading", "a.html",
			`<html><body><p class=MsoNormal><b>4. Corrective actions</b></p>` +
				`<p class=MsoListParagraph>1. Rotate the partner password. Owner: J. Okafor. Status: Open.</p>` +
				`<p class=MsoListParagraph>2. Page on auth errors. Owner: M. Ruiz. Status: Done.</p>` +
				`<p class=MsoNormal><b>5. Sign-off</b></p><p class=MsoNormal>Reviewed on 3 March.</p></body></html>`,
			[]string{"Rotate the partner password.", "Page on auth errors."}, []string{"J. Okafor", "M. Ruiz"}},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		var got, owners []string
		for _, a := range pm.ActionItems {
			got = append(got, a.Text)
			owners = append(owners, a.Owner)
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") || strings.Join(owners, "|") != strings.Join(c.owners, "|") {
			t.Errorf("%s:\n got %q owners %q\nwant %q owners %q", c.name, got, owners, c.want, c.owners)
		}
	}
}
