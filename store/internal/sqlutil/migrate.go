package sqlutil

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one embedded SQL file, NNNN_name.sql, split into statements.
type Migration struct {
	Version    int
	Name       string
	Statements []string
}

// LoadMigrations reads every *.sql file in dir of fsys, ordered by the
// version number that prefixes its name. Lines starting with "--" are
// comments; statements end with ";". render, when not nil, rewrites each
// file's text (comments already removed) before it is split, e.g. to fill
// in a template.
func LoadMigrations(fsys fs.FS, dir string, render func(name, sql string) (string, error)) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s: name must start with a positive version number and '_'", name)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("store: migrations %s and %s share version %d", prev, name, v)
		}
		seen[v] = name
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: %w", name, err)
		}
		text := StripComments(string(b))
		if render != nil {
			if text, err = render(name, text); err != nil {
				return nil, fmt.Errorf("store: migration %s: %w", name, err)
			}
		}
		out = append(out, Migration{Version: v, Name: name, Statements: SplitStatements(text)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// StripComments drops lines whose first non-blank characters are "--".
func StripComments(sql string) string {
	var b strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// SplitStatements drops "--" comment lines and splits on ";", dropping
// empty statements.
func SplitStatements(sql string) []string {
	var out []string
	for _, st := range strings.Split(StripComments(sql), ";") {
		if st = strings.TrimSpace(st); st != "" {
			out = append(out, st)
		}
	}
	return out
}
