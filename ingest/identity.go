package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
)

// A document without an id of its own is identified by its identity path:
// where the file sits relative to an anchor folder, so that re-ingesting
// it gives the same ID however the ingest root was written ("dir",
// "/abs/dir", "." from inside it, a symlink to it).
//
// The anchor is the nearest folder at or above the (symlink-resolved)
// root that holds a .debrief.yml or a .git: the project. Without one it
// is the root's parent, so the identity path starts with the root
// folder's own name and two roots with the same file names ("teamA/",
// "teamB/") do not collide. A file given as the root is placed in its
// folder the same way. Identity paths are slash separated.

// PathID is the ID of a document without an id of its own whose identity
// path is p: "pm-" and 16 hex digits of the SHA-256 of the cleaned path.
// Before identity paths, IDs were PathID of the path as typed; stores
// written then keep those IDs (see pipeline).
func PathID(p string) string {
	h := sha256.Sum256([]byte(cleanPath(p)))
	return "pm-" + hex.EncodeToString(h[:8])
}

// Identity maps the files found under one ingest root to their identity
// paths.
type Identity struct {
	root   string // as given
	prefix string // the root folder relative to the anchor, slash separated
	file   bool   // the root is a file
}

// NewIdentity resolves an ingest root (a folder or a file).
func NewIdentity(root string) (Identity, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return Identity{}, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return Identity{}, err
	}
	st, err := os.Stat(real)
	if err != nil {
		return Identity{}, err
	}
	id := Identity{root: root, file: !st.IsDir()}
	dir := real
	if id.file {
		dir = filepath.Dir(real)
	}
	anchor := findAnchor(dir)
	rel, err := filepath.Rel(anchor, dir)
	if err != nil {
		return Identity{}, err
	}
	id.prefix = filepath.ToSlash(rel)
	if id.file {
		id.prefix += "/" + filepath.Base(real)
	}
	return id, nil
}

// Path returns the identity path of a file found under the root: Walk's
// path for it, which starts with the root as given.
func (id Identity) Path(file string) string {
	if id.file {
		return cleanPath(id.prefix)
	}
	rel, err := filepath.Rel(id.root, file)
	if err != nil {
		return cleanPath(file)
	}
	return cleanPath(id.prefix + "/" + filepath.ToSlash(rel))
}

// findAnchor returns the nearest folder at or above dir holding a
// .debrief.yml or .git, else dir's parent.
func findAnchor(dir string) string {
	for d := dir; ; {
		for _, marker := range []string{ConfigFile, ".git"} {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return filepath.Dir(dir)
}
