package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestEChartsIsTheVendoredBuild(t *testing.T) {
	js := EChartsJS()
	sum := sha256.Sum256(js)
	note, err := FS.ReadFile("ECHARTS_VERSION.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(note, []byte(hex.EncodeToString(sum[:]))) {
		t.Errorf("echarts.min.js checksum %x is not the one recorded in ECHARTS_VERSION.md", sum)
	}
	if !bytes.Contains(note, []byte("echarts@"+EChartsVersion)) {
		t.Errorf("ECHARTS_VERSION.md does not name version %s", EChartsVersion)
	}
	lic, err := FS.ReadFile("LICENSE-echarts")
	if err != nil || !strings.Contains(string(lic), "Apache License") {
		t.Errorf("LICENSE-echarts missing or not Apache-2.0: %v", err)
	}
}

func TestDashboardAssets(t *testing.T) {
	if !bytes.Contains(DashboardJS(), []byte("data-chart")) || !bytes.Contains(DashboardJS(), []byte("echarts.init")) {
		t.Error("dashboard.js does not initialise data-chart elements")
	}
	if len(StyleCSS()) == 0 {
		t.Error("empty stylesheet")
	}
	// No asset may load anything from the network.
	for _, name := range []string{"dashboard.js", "style.css"} {
		b, _ := FS.ReadFile(name)
		if bytes.Contains(b, []byte("http://")) || bytes.Contains(b, []byte("https://")) || bytes.Contains(b, []byte("@import")) {
			t.Errorf("%s references a remote resource", name)
		}
	}
}
