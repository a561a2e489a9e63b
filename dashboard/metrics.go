package dashboard

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus collectors, in a registry of its own
// (so several servers can live in one process, as in tests), exposed on
// /metrics:
//
//	debrief_http_requests_total{route,method,code}
//	debrief_http_request_duration_seconds{route,method,code}   histogram
//	debrief_ingest_api_documents_total{result}   stored, template, rejected
//	debrief_ingest_api_bytes_total               request body bytes received
//	debrief_ingest_api_errors_total{code}        ingest requests answered 4xx/5xx
//	debrief_store_write_duration_seconds         histogram of store.Put calls
//	debrief_store_write_errors_total
//	debrief_start_time_seconds
//
// plus the Go runtime (go_*) and process (process_*) collectors.
type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	ingestDocs  *prometheus.CounterVec
	ingestBytes prometheus.Counter
	ingestErrs  *prometheus.CounterVec
	storeWrite  prometheus.Histogram
	storeErrs   prometheus.Counter
}

var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "debrief_http_requests_total",
			Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "debrief_http_request_duration_seconds",
			Help:    "HTTP request latency by route, method and status code.",
			Buckets: latencyBuckets,
		}, []string{"route", "method", "code"}),
		ingestDocs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "debrief_ingest_api_documents_total",
			Help: "Documents received by POST /api/v1/postmortems, by result (stored, template, rejected).",
		}, []string{"result"}),
		ingestBytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "debrief_ingest_api_bytes_total",
			Help: "Request body bytes read by POST /api/v1/postmortems.",
		}),
		ingestErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "debrief_ingest_api_errors_total",
			Help: "POST /api/v1/postmortems requests that failed, by status code.",
		}, []string{"code"}),
		storeWrite: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "debrief_store_write_duration_seconds",
			Help:    "Latency of one store write (a bounded batch of documents).",
			Buckets: latencyBuckets,
		}),
		storeErrs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "debrief_store_write_errors_total",
			Help: "Store writes that failed.",
		}),
	}
	start := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "debrief_start_time_seconds",
		Help: "Unix time the dashboard started.",
	})
	start.Set(float64(time.Now().Unix()))
	m.reg.MustRegister(m.requests, m.latency, m.ingestDocs, m.ingestBytes, m.ingestErrs,
		m.storeWrite, m.storeErrs, start,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
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
		code := strconv.Itoa(c.Writer.Status())
		s.metrics.requests.WithLabelValues(route, c.Request.Method, code).Inc()
		s.metrics.latency.WithLabelValues(route, c.Request.Method, code).Observe(d.Seconds())
		s.log.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path,
			"status", c.Writer.Status(), "duration", d)
	}
}

func (s *Server) serveMetrics(c *gin.Context) {
	promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}).ServeHTTP(c.Writer, c.Request)
}
