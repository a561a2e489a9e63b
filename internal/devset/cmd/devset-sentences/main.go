// Command devset-sentences prints the candidate sentences of raw corpus
// files as JSONL {"file","start","end","text"} (start/end are byte offsets
// into the raw file, text is the cleaned span) for labellers to read.
// Its output holds corpus text: never commit it.
//
//	go run ./internal/devset/cmd/devset-sentences [-root DIR] [-n] FILE...
//
// File names are reported relative to -root (default ../shared/corpus) when
// they lie under it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/debrief-dev/debrief/internal/devset"
)

func main() {
	root := flag.String("root", "../shared/corpus", "corpus root; file names are printed relative to it")
	numbered := flag.Bool("n", false, "print 'N<TAB>text' lines (N: candidate number per file, as devset-add expects) instead of JSONL")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: devset-sentences [-root DIR] FILE...")
		os.Exit(2)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	for _, f := range flag.Args() {
		raw, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "devset-sentences:", err)
			os.Exit(1)
		}
		name := f
		if abs, err := filepath.Abs(f); err == nil {
			if r, err := filepath.Abs(*root); err == nil {
				if rel, err := filepath.Rel(r, abs); err == nil && !strings.HasPrefix(rel, "..") {
					name = filepath.ToSlash(rel)
				}
			}
		}
		if *numbered {
			fmt.Printf("@ %s\n", name)
		}
		for i, c := range devset.Candidates(name, raw) {
			if *numbered {
				fmt.Printf("%d\t%s\n", i, c.Text)
				continue
			}
			if err := enc.Encode(c); err != nil {
				fmt.Fprintln(os.Stderr, "devset-sentences:", err)
				os.Exit(1)
			}
		}
	}
}
