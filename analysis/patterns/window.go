package patterns

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Calendar lengths ParseWindow uses.
const (
	Day   = 24 * time.Hour
	Week  = 7 * Day
	Month = 30*Day + 12*time.Hour // 30.5 days: six months is 183 days
	Year  = 365 * Day
)

// ParseWindow parses a time window such as "90d", "12w", "6m", "6mo",
// "1y" or a Go duration ("2160h"). Units: d (days), w (weeks), m or mo
// (months of 30.5 days, so "6m" is RecurrenceOptions' default of 183
// days), y (years of 365 days); the number is a positive integer, or a
// decimal for Go durations. "m" means months here, not minutes: a window
// of minutes makes no sense for incidents.
func ParseWindow(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	units := []struct {
		suffix string
		unit   time.Duration
	}{{"mo", Month}, {"d", Day}, {"w", Week}, {"m", Month}, {"y", Year}}
	for _, u := range units {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n <= 0 {
			break
		}
		return time.Duration(n) * u.unit, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d, nil
	}
	return 0, fmt.Errorf("invalid window %q: want a positive number of days, weeks, months or years such as 90d, 12w, 6m (or 6mo), 1y, or a Go duration such as 2160h", s)
}
