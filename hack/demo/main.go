// The demo service of the tour: a stand-in for an API gateway that serves its own synthetic
// traffic and exposes it in the Prometheus text format on :8080/metrics, as
//
//	http_requests_total{job="api",status="200"|"500"}   counter
//	http_request_duration_seconds{job="api",...}        histogram
//
// DEMO_ERROR_RATE (0..1) and DEMO_LATENCY_SECONDS set how bad it is; a "bad deploy" is a rollout
// that changes them (hack/demo.sh break), and `kubectl rollout undo` brings the previous ones back.
// Standard library only, so the image is this one static binary.
//
// `demo-api receive ADDR FILE` is the tour's pager instead: a webhook receiver on ADDR that
// appends every message it gets to FILE, one JSON document a line.
package main

import (
	"fmt"
	"io"
	"log"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

const requestsPerSecond = 50

var buckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

type stats struct {
	mu       sync.Mutex
	ok, fail uint64
	counts   []uint64 // per bucket, cumulative at render time
	sum      float64
	total    uint64
}

func envFloat(name string, fallback float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil {
		return v
	}
	return fallback
}

func (s *stats) serve(errorRate, latency float64) {
	tick := time.NewTicker(time.Second / requestsPerSecond)
	for range tick.C {
		d := latency * (0.5 + rand.Float64())
		s.mu.Lock()
		if rand.Float64() < errorRate {
			s.fail++
		} else {
			s.ok++
		}
		for i, b := range buckets {
			if d <= b {
				s.counts[i]++
			}
		}
		s.sum += d
		s.total++
		s.mu.Unlock()
	}
}

func (s *stats) metrics(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	fmt.Fprintln(w, "# TYPE http_requests_total counter")
	fmt.Fprintf(w, "http_requests_total{job=\"api\",status=\"200\"} %d\n", s.ok)
	fmt.Fprintf(w, "http_requests_total{job=\"api\",status=\"500\"} %d\n", s.fail)
	fmt.Fprintln(w, "# TYPE http_request_duration_seconds histogram")
	for i, b := range buckets {
		fmt.Fprintf(w, "http_request_duration_seconds_bucket{job=\"api\",le=\"%g\"} %d\n", b, s.counts[i])
	}
	fmt.Fprintf(w, "http_request_duration_seconds_bucket{job=\"api\",le=\"+Inf\"} %d\n", s.total)
	fmt.Fprintf(w, "http_request_duration_seconds_sum{job=\"api\"} %g\n", s.sum)
	fmt.Fprintf(w, "http_request_duration_seconds_count{job=\"api\"} %d\n", s.total)
}

// receive appends each POSTed body to file, one line each, and answers 200.
func receive(addr, file string) {
	out, err := os.OpenFile(file, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		log.Fatal(err)
	}
	var mu sync.Mutex
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil || r.Method != http.MethodPost {
			http.Error(w, "POST a message", http.StatusBadRequest)
			return
		}
		mu.Lock()
		fmt.Fprintf(out, "%s %s %s\n", time.Now().UTC().Format(time.RFC3339), r.URL.Path, body)
		mu.Unlock()
	})
	log.Printf("pager: receiving on %s, writing to %s", addr, file)
	log.Fatal(http.ListenAndServe(addr, nil))
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "receive" {
		receive(os.Args[2], os.Args[3])
		return
	}
	errorRate := envFloat("DEMO_ERROR_RATE", 0)
	latency := envFloat("DEMO_LATENCY_SECONDS", 0.05)
	s := &stats{counts: make([]uint64, len(buckets))}
	go s.serve(errorRate, latency)
	http.HandleFunc("/metrics", s.metrics)
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	log.Printf("demo api: error rate %g, latency %gs, metrics on :8080/metrics", errorRate, latency)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
