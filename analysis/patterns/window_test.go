package patterns

import (
	"testing"
	"time"
)

func TestParseWindow(t *testing.T) {
	good := []struct {
		in   string
		want time.Duration
	}{
		{"90d", 90 * Day}, {"12w", 84 * Day}, {"6m", 183 * Day}, {"6mo", 183 * Day},
		{"1y", 365 * Day}, {" 2W ", 14 * Day}, {"2160h", 90 * Day}, {"1h30m", 90 * time.Minute},
	}
	for _, tt := range good {
		if got, err := ParseWindow(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseWindow(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "d", "0d", "-3d", "1.5w", "ninety days", "6 months", "3q"} {
		if got, err := ParseWindow(in); err == nil {
			t.Errorf("ParseWindow(%q) = %v, want an error", in, got)
		}
	}
}
