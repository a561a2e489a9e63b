package main

import (
	"fmt"
	"os"

	"github.com/debrief-dev/debrief/auth"
	"github.com/spf13/cobra"
)

func newTokenCmd() *cobra.Command {
	var scopes, name string
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Print a new API token and the line that configures it",
		Long: `Prints a new random bearer token on stdout, and on stderr the line to add to
the server's tokens file (--tokens / $DEBRIEF_TOKENS_FILE) or $DEBRIEF_TOKENS:
its SHA-256, scopes and name. The server keeps only the hash; give the token
to the client (a wiki hook, CI: 'Authorization: Bearer <token>').

Scopes: write (POST /api/v1/postmortems), read (dashboard, GET /api/v1, /metrics
when serve runs with --require-read-token).`,
		Example: `  debrief token --scope write --name wiki
  debrief token --scope read,write --name ci 2>>/etc/debrief/tokens`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sc, err := auth.ParseScopes(scopes)
			if err != nil {
				return usageErr("--scope: %v", err)
			}
			tok, e, err := auth.NewToken(name, sc...)
			if err != nil {
				return err
			}
			fmt.Println(tok)
			fmt.Fprintln(os.Stderr, e.Line())
			return nil
		},
	}
	cmd.Flags().StringVar(&scopes, "scope", "write", "comma-separated scopes: read, write")
	cmd.Flags().StringVar(&name, "name", "", "label for the token (shown in the tokens file)")
	return cmd
}
