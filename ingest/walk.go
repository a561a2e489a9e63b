package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// knownExtensions are yielded when found in folders.
var knownExtensions = map[string]bool{
	".md": true, ".markdown": true, ".html": true, ".htm": true, ".txt": true,
	".org": true, ".json": true, ".yaml": true, ".yml": true, ".erb": true, ".eml": true,
}

// ErrSymlinkLoop is reported through Walk's onErr for a symlink that
// leads back to a directory being walked.
var ErrSymlinkLoop = errors.New("symlink loop")

// Walk expands files and folders into candidate files, in a deterministic
// order (roots as given, folder entries sorted by name). Explicit file
// arguments are always yielded; inside folders only files with a known
// extension (.md .markdown .html .htm .txt .org .json .yaml .yml .erb) and
// extension-less files whose first bytes look like text are. Hidden
// files and folders (".git", ".DS_Store") and a folder's README,
// LICENSE, CHANGELOG, CONTRIBUTING and the like (repositoryFiles) are
// skipped. Symlinks are
// followed; a link back into the folders being walked is reported as
// ErrSymlinkLoop, and a folder reached twice is walked once.
// Unreadable paths and loops go to onErr(path, err) and the walk goes on.
// An error returned by onFile stops the walk and is returned.
func Walk(roots []string, onFile func(path string, size int64) error, onErr func(path string, err error)) error {
	return WalkRoots(roots, func(_, path string, size int64) error { return onFile(path, size) }, onErr)
}

// WalkRoots is Walk that also tells onFile which of the roots the file
// was found under (for its identity, see NewIdentity).
func WalkRoots(roots []string, onFile func(root, path string, size int64) error, onErr func(path string, err error)) error {
	w := &walker{onErr: onErr, seen: map[string]bool{}}
	for _, root := range roots {
		w.onFile = func(p string, size int64) error { return onFile(root, p, size) }
		st, err := os.Stat(root)
		if err != nil {
			w.report(root, err)
			continue
		}
		if !st.IsDir() {
			if err := w.onFile(root, st.Size()); err != nil {
				return err
			}
			continue
		}
		if err := w.dir(root, nil); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	onFile func(string, int64) error
	onErr  func(string, error)
	seen   map[string]bool // real paths of folders already walked
}

func (w *walker) report(p string, err error) {
	if w.onErr != nil {
		w.onErr(p, unwrapPathError(err))
	}
}

// dir walks one folder; stack holds the real paths of the folders above.
func (w *walker) dir(p string, stack []string) error {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		w.report(p, err)
		return nil
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	for _, s := range stack {
		if s == real {
			w.report(p, fmt.Errorf("%w: leads back to %s", ErrSymlinkLoop, s))
			return nil
		}
	}
	if w.seen[real] {
		return nil
	}
	w.seen[real] = true
	entries, err := os.ReadDir(p)
	if err != nil {
		w.report(p, err)
		// ReadDir may return the entries it read before the error.
	}
	stack = append(stack, real)
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		child := filepath.Join(p, name)
		st, err := os.Stat(child) // follows symlinks
		if err != nil {
			if e.Type()&os.ModeSymlink != 0 && isLoopError(err) {
				w.report(child, fmt.Errorf("%w: %w", ErrSymlinkLoop, unwrapPathError(err)))
			} else {
				w.report(child, err)
			}
			continue
		}
		if st.IsDir() {
			if err := w.dir(child, stack); err != nil {
				return err
			}
			continue
		}
		if !st.Mode().IsRegular() {
			continue
		}
		if !w.candidate(child, name) {
			continue
		}
		if err := w.onFile(child, st.Size()); err != nil {
			return err
		}
	}
	return nil
}

func isLoopError(err error) bool {
	return strings.Contains(err.Error(), "too many levels of symbolic links")
}

// repositoryFiles are the names (lower case, without extension) of the
// files a folder of postmortems keeps beside them that are no postmortem:
// its README, licence, changelog and contribution guide.
var repositoryFiles = map[string]bool{
	"readme": true, "license": true, "licence": true, "copying": true, "changelog": true, "changes": true,
	"contributing": true, "code_of_conduct": true, "code-of-conduct": true, "security": true, "notice": true,
	"authors": true, "maintainers": true, "codeowners": true,
}

// candidate reports whether a file found in a folder should be parsed.
func (w *walker) candidate(p, name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if repositoryFiles[strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))] {
		return false
	}
	if knownExtensions[ext] {
		return true
	}
	if ext != "" {
		return false
	}
	ok, err := sniffsAsText(p)
	if err != nil {
		w.report(p, err)
		return false
	}
	return ok
}

// sniffsAsText reads the first 512 bytes and reports whether they look
// like text: no NUL bytes and valid UTF-8 (a rune cut at the end is fine).
func sniffsAsText(p string) (bool, error) {
	f, err := os.Open(p)
	if err != nil {
		return false, err
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose on close
	buf := make([]byte, 512)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	buf = buf[:n]
	if n == 0 {
		return false, nil
	}
	for _, c := range buf {
		if c == 0 {
			return false, nil
		}
	}
	// Allow a rune cut by the 512-byte window.
	for k := 0; k < utf8.UTFMax && len(buf) > 0 && !utf8.Valid(buf); k++ {
		buf = buf[:len(buf)-1]
	}
	return utf8.Valid(buf), nil
}
