package report

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/quarter"
	"github.com/debrief-dev/debrief/store"
)

// MinSample is the fewest postmortems a share, a change or a trend is
// stated from without a caution: below it the review gives counts, says
// the sample is small and calls no theme rising or falling.
const MinSample = 5

// ErrNoData is returned (wrapped) when the filter selects no dated
// postmortem at all, so there is no quarter to review.
var ErrNoData = errors.New("no dated postmortems")

// EmptyQuarterError refuses to review a quarter without postmortems: such
// a review would only print zeros. Have lists the quarters that have
// postmortems under the same filter, oldest first.
type EmptyQuarterError struct {
	Quarter Quarter
	Scope   string
	Have    []Quarter
}

func (e *EmptyQuarterError) Error() string {
	if len(e.Have) == 0 {
		return fmt.Sprintf("no postmortems are dated in %s for %s, nor in any other quarter", e.Quarter, e.Scope)
	}
	names := make([]string, len(e.Have))
	for i, q := range e.Have {
		names[i] = q.String()
	}
	return fmt.Sprintf("no postmortems are dated in %s for %s; quarters with postmortems: %s",
		e.Quarter, e.Scope, strings.Join(names, ", "))
}

// QuartersWithData returns the quarters in which f selects postmortems,
// oldest first, with their counts. f's dates are ignored.
func QuartersWithData(ctx context.Context, st store.Store, f store.Filter) ([]Quarter, []int, error) {
	f.From, f.To = time.Time{}, time.Time{}
	rows, err := st.Aggregate(ctx, store.AggregateQuery{Filter: f, Measure: store.MeasurePostmortems,
		GroupBy: []store.Dimension{store.DimQuarter}})
	if err != nil {
		return nil, nil, err
	}
	type qn struct {
		q Quarter
		n int
	}
	var list []qn
	for _, row := range rows {
		q, err := quarter.ParseCanonical(key(row, 0))
		if err != nil || row.Value <= 0 {
			continue // undated postmortems have no quarter key
		}
		list = append(list, qn{q, int(row.Value)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].q.Before(list[j].q) })
	qs, ns := make([]Quarter, len(list)), make([]int, len(list))
	for i, x := range list {
		qs[i], ns[i] = x.q, x.n
	}
	return qs, ns, nil
}

// LatestQuarter returns the latest quarter in which f selects
// postmortems; the error wraps ErrNoData when there is none.
func LatestQuarter(ctx context.Context, st store.Store, f store.Filter) (Quarter, error) {
	qs, _, err := QuartersWithData(ctx, st, f)
	if err != nil {
		return Quarter{}, err
	}
	if len(qs) == 0 {
		return Quarter{}, fmt.Errorf("report: %w for %s", ErrNoData, describeFilter(f))
	}
	return qs[len(qs)-1], nil
}
