package dashboard

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// metrics counts requests per route and status and sums their latency,
// exposed in the Prometheus text format on /metrics.
type metrics struct {
	mu       sync.Mutex
	requests map[[3]string]uint64   // route, method, code
	seconds  map[[2]string]float64  // route, method
	counts   map[[2]string]uint64   // route, method
	buckets  map[[2]string][]uint64 // cumulative per latencyBuckets
	started  time.Time
}

var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

func newMetrics() *metrics {
	return &metrics{
		requests: map[[3]string]uint64{},
		seconds:  map[[2]string]float64{},
		counts:   map[[2]string]uint64{},
		buckets:  map[[2]string][]uint64{},
		started:  time.Now(),
	}
}

func (m *metrics) observe(route, method string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[3]string{route, method, strconv.Itoa(code)}]++
	k := [2]string{route, method}
	m.seconds[k] += d.Seconds()
	m.counts[k]++
	b := m.buckets[k]
	if b == nil {
		b = make([]uint64, len(latencyBuckets))
		m.buckets[k] = b
	}
	for i, le := range latencyBuckets {
		if d.Seconds() <= le {
			b[i]++
		}
	}
}

// observe records each request in the metrics and logs it.
func (s *Server) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		d := time.Since(start)
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, c.Request.Method, c.Writer.Status(), d)
		s.log.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path,
			"status", c.Writer.Status(), "duration", d)
	}
}

func (s *Server) serveMetrics(c *gin.Context) {
	m := s.metrics
	m.mu.Lock()
	defer m.mu.Unlock()
	w := c.Writer
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintln(w, "# HELP debrief_http_requests_total HTTP requests by route, method and status code.")
	fmt.Fprintln(w, "# TYPE debrief_http_requests_total counter")
	keys := make([][3]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	for _, k := range keys {
		fmt.Fprintf(w, "debrief_http_requests_total{route=%q,method=%q,code=%q} %d\n", k[0], k[1], k[2], m.requests[k])
	}
	fmt.Fprintln(w, "# HELP debrief_http_request_duration_seconds HTTP request latency by route and method.")
	fmt.Fprintln(w, "# TYPE debrief_http_request_duration_seconds histogram")
	dk := make([][2]string, 0, len(m.counts))
	for k := range m.counts {
		dk = append(dk, k)
	}
	sort.Slice(dk, func(i, j int) bool { return fmt.Sprint(dk[i]) < fmt.Sprint(dk[j]) })
	for _, k := range dk {
		for i, le := range latencyBuckets {
			fmt.Fprintf(w, "debrief_http_request_duration_seconds_bucket{route=%q,method=%q,le=%q} %d\n",
				k[0], k[1], strconv.FormatFloat(le, 'g', -1, 64), m.buckets[k][i])
		}
		fmt.Fprintf(w, "debrief_http_request_duration_seconds_bucket{route=%q,method=%q,le=\"+Inf\"} %d\n", k[0], k[1], m.counts[k])
		fmt.Fprintf(w, "debrief_http_request_duration_seconds_sum{route=%q,method=%q} %g\n", k[0], k[1], m.seconds[k])
		fmt.Fprintf(w, "debrief_http_request_duration_seconds_count{route=%q,method=%q} %d\n", k[0], k[1], m.counts[k])
	}
	fmt.Fprintln(w, "# HELP debrief_start_time_seconds Unix time the dashboard started.")
	fmt.Fprintln(w, "# TYPE debrief_start_time_seconds gauge")
	fmt.Fprintf(w, "debrief_start_time_seconds %d\n", m.started.Unix())
}
