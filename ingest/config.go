package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"

	"gopkg.in/yaml.v3"
)

// ConfigFile is the project configuration file. Ingest reads its "teams"
// key, a map from an alias to the team it stands for:
//
//	teams:
//	  search-infra: search
//	  "Indexing": search
//	  dp: data-pipeline
//
// and its "known_teams" key, the organisation's teams: a team a writeup
// names that is none of them (nor an alias) is the known team whose words
// its name contains ("Store Engineering" is store), when exactly one is:
//
//	known_teams: [store, launcher, game-servers]
//
// Other keys belong to other commands (lint) and are left to them. The
// file is found upward from each parsed file's folder; the nearest wins.
const ConfigFile = ".debrief.yml"

// teamConfig is the part of .debrief.yml that ingest reads.
type teamConfig struct {
	Teams      map[string]string `yaml:"teams"`
	KnownTeams []string          `yaml:"known_teams"`
}

var reYAMLLine = regexp.MustCompile(`line (\d+): (.*)`)

// LoadTeamAliases reads the "teams" map of a config file. A "teams" value
// that is not a map of strings is an error naming the file and the line.
func LoadTeamAliases(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	var c teamConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		msg := err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := reYAMLLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, fmt.Errorf("%s:%d: %s", path, n, m[2])
		}
		return nil, fmt.Errorf("%s: %s", path, msg)
	}
	for alias, team := range c.Teams {
		if TeamSlug(alias) == "" || TeamSlug(team) == "" {
			return nil, fmt.Errorf("%s: teams: alias %q -> %q: both must name a team", path, alias, team)
		}
	}
	return KnownTeams(c.Teams, c.KnownTeams, path)
}

// KnownTeams adds the organisation's teams to an alias map, each as its
// own alias: resolveTeam takes the map's teams as the known ones. A team
// that names nothing is an error naming the source.
func KnownTeams(aliases map[string]string, teams []string, source string) (map[string]string, error) {
	if len(teams) == 0 {
		return aliases, nil
	}
	out := make(map[string]string, len(aliases)+len(teams))
	for a, t := range aliases {
		out[a] = t
	}
	for _, t := range teams {
		if TeamSlug(t) == "" {
			return nil, fmt.Errorf("%s: known_teams: %q names no team", source, t)
		}
		out[t] = t
	}
	return out, nil
}

// ConfigFinder finds and caches the team aliases of the .debrief.yml
// nearest to a folder. It is safe for concurrent use; one finder serves a
// whole run.
type ConfigFinder struct {
	mu   sync.Mutex
	dirs map[string]configResult
}

type configResult struct {
	aliases map[string]string
	err     error
}

// NewConfigFinder returns an empty finder.
func NewConfigFinder() *ConfigFinder { return &ConfigFinder{dirs: map[string]configResult{}} }

// TeamAliases returns the aliases of the config file nearest to p (a file
// or a folder), nil when there is none, or the error reading it.
func (c *ConfigFinder) TeamAliases(p string) (map[string]string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	return c.lookup(dir)
}

func (c *ConfigFinder) lookup(dir string) (map[string]string, error) {
	c.mu.Lock()
	r, ok := c.dirs[dir]
	c.mu.Unlock()
	if ok {
		return r.aliases, r.err
	}
	cfg := filepath.Join(dir, ConfigFile)
	if _, err := os.Stat(cfg); err == nil {
		r.aliases, r.err = LoadTeamAliases(cfg)
	} else if !errors.Is(err, fs.ErrNotExist) {
		r.err = fmt.Errorf("%s: %w", cfg, unwrapPathError(err))
	} else if parent := filepath.Dir(dir); parent != dir {
		r.aliases, r.err = c.lookup(parent)
	}
	c.mu.Lock()
	c.dirs[dir] = r
	c.mu.Unlock()
	return r.aliases, r.err
}
