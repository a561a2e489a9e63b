package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/internal/devset"
	"github.com/spf13/cobra"
)

// newTrainCmd wires `debrief train`: the dev split of internal/devset in,
// analysis.Train, the learned layer's weights out (analysis/model.json.gz,
// embedded at the next build).
func newTrainCmd() *cobra.Command {
	var corpus, out string
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train the learned tagging layer on the dev split of the labelled set",
		Long: `Loads the labelled sentences of internal/devset (corpus sentences are read from
--corpus), keeps the dev split only, trains one linear model per label over word
uni/bigrams and rule hits, picks each label's threshold by 5-fold cross-validation
(by document) and keeps a label only when rules+model beat the rules alone.
Prints the cross-validation table and writes the weights to --out (gzipped JSON;
analysis/model.json.gz is embedded in the binary). Deterministic.`,
		Example: `  debrief train --corpus ../shared/corpus --out analysis/model.json.gz`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			exs, err := devset.Load(corpus)
			if err != nil && !errors.Is(err, devset.ErrNoCorpus) {
				return err
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "debrief train: %v; training on written sentences only\n", err)
			}
			var train []analysis.TrainExample
			for _, ex := range exs {
				if ex.Split != devset.SplitDev {
					continue
				}
				g := ex.File
				if g == "" {
					g = ex.ID
				}
				train = append(train, analysis.TrainExample{Text: ex.Text, Labels: ex.Labels, Group: g})
			}
			a, err := analysis.New(analysis.Options{NoModel: true})
			if err != nil {
				return err
			}
			mf, rep, err := analysis.Train(a, train, analysis.TrainOptions{})
			if err != nil {
				return err
			}
			if _, err := fmt.Fprint(cmd.OutOrStdout(), rep.String()); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := analysis.EncodeModel(&buf, mf); err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%d bytes, %d labels)\n", out, buf.Len(), len(mf.Labels))
			return err
		},
	}
	cmd.Flags().StringVar(&corpus, "corpus", "../shared/corpus", "root of the shared corpus the labelled sentences point into")
	cmd.Flags().StringVar(&out, "out", "analysis/model.json.gz", "file to write the weights to")
	return cmd
}
