package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Discovery is what `debrief serve` writes beside the DuckDB file it holds
// (DiscoveryPath), so that other debrief commands on the same machine
// find it: where it listens and a token with read and write scopes that
// is valid while it runs. The file is readable by its owner only.
type Discovery struct {
	URL     string    `json:"url"`
	PID     int       `json:"pid"`
	Token   string    `json:"token"`
	Store   string    `json:"store"`
	Started time.Time `json:"started"`
}

// DiscoveryPath is the discovery file of the DuckDB file db.
func DiscoveryPath(db string) string { return db + ".serve.json" }

// WriteDiscovery writes d for db atomically (mode 0600) and returns a
// function that removes it again (only if it is still d's file).
func WriteDiscovery(db string, d Discovery) (remove func(), err error) {
	p := DiscoveryPath(db)
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), filepath.Base(p)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("discovery file: %w", err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o600), os.Rename(tmp.Name(), p)); err != nil {
		_ = os.Remove(tmp.Name())
		return nil, fmt.Errorf("discovery file %s: %w", p, err)
	}
	return func() {
		if cur, err := readDiscovery(p); err == nil && cur.PID == d.PID && cur.Token == d.Token {
			_ = os.Remove(p)
		}
	}, nil
}

func readDiscovery(p string) (*Discovery, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var d Discovery
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("discovery file %s: %w", p, err)
	}
	return &d, nil
}

// Discover returns the live server that holds the DuckDB file db, or nil
// when there is none: no discovery file, or a stale one (its process is
// gone, or it does not answer /healthz within a second; a crashed server
// leaves such a file behind, and the next serve replaces it).
func Discover(ctx context.Context, db string) (*Discovery, error) {
	d, err := readDiscovery(DiscoveryPath(db))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if d.PID <= 0 || !processAlive(d.PID) {
		return nil, nil
	}
	if !(&Client{URL: d.URL, Token: d.Token}).Healthy(ctx, time.Second) {
		return nil, nil
	}
	return d, nil
}

// Client is a client of the discovered server with its token.
func (d *Discovery) Client() *Client { return &Client{URL: d.URL, Token: d.Token} }
