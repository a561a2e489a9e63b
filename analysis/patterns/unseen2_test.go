package patterns_test

import (
	"testing"
)

// unseen2Dir is a second evaluation set, written independently of this
// package and after its lexicon and rules were final (see its README):
// held out, never tuned against. Its postmortems are in docs/.
const unseen2Dir = "../../testdata/unseen-patterns-2"

// TestUnseenPatterns2 scores patterns.Build on testdata/unseen-patterns-2
// the same way as TestUnseenPatterns (go test -v -run TestUnseenPatterns2
// logs every figure). Its floors are what the miner scored on the first
// run, before any change made after seeing the set: a regression guard,
// not a target.
func TestUnseenPatterns2(t *testing.T) {
	paths, truth := loadUnseenSet(t, unseen2Dir, 50)
	s := scoreUnseen(t, paths, truth)
	// First run (2026-12-03, commit of this test): certificate expiry 5/5
	// (precision 5/5); config pushed everywhere 2/5 (2/4); kafka disk full
	// 3/3 (3/4); connection pool exhaustion 4/4 (4/5); 2 unplanted
	// clusters; duplicates 0/2 (no pair reported); follow-ups: alert
	// before certificate expiry 4/5 (4/4), stage config through canary
	// 3/5 (3/3), connection pool limits/alerts 0/3; surge dependency found
	// in 1 of its 2 quarters. The lexicon was then changed after looking at
	// this set (config pushed everywhere 5/5, stage config 4/5, 0
	// unplanted clusters): it is no longer held out, and the floors below
	// guard those figures; testdata/unseen-patterns-3 is the held-out set.
	atLeast(t, "cluster certificate expiry", s.clusters["certificate expiry"], 5, 1)
	atLeast(t, "cluster config pushed everywhere", s.clusters["config pushed everywhere without canary"], 5, 1)
	atLeast(t, "cluster kafka disk full", s.clusters["kafka disk full"], 3, 0.75)
	atLeast(t, "cluster connection pool exhaustion", s.clusters["connection pool exhaustion"], 4, 0.8)
	atLeast(t, "follow-up alert before certificate expiry", s.followUps["alert before certificate expiry"], 4, 1)
	atLeast(t, "follow-up stage config through canary", s.followUps["stage config through canary"], 4, 1)
	// h-p9: pool-usage wordings ("85% in use", "waiting clients") in the
	// connection-exhaustion concept: connection pool limits/alerts 3/3
	// (was 0/3).
	atLeast(t, "follow-up connection pool limits/alerts", s.followUps["connection pool limits/alerts"], 3, 1)
	// h-p9: same-day writeups that list no common service qualify on
	// incident evidence (shared clock times and rare terms): duplicates
	// 2/2 (was 0/2).
	s.limits(t, 1, 2, 1)
}
