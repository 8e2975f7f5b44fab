#!/usr/bin/env bash
# Rule-evaluation benchmark: 200 AlertRules on a 10s interval, evaluated by the packaged
# operator against a real Prometheus (scraping every second) and a real API server. Prints the
# evaluation-lag percentiles and the metric-change -> Incident latency. Takes about 5 minutes.
# Options: -Dklaxon.benchmark.rules=200 -Dklaxon.benchmark.seconds=90 -Dklaxon.benchmark.flips=20
set -euo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests
mvn -B failsafe:integration-test -Dit.test=AlertingBenchmarkIT -Dklaxon.benchmark=true "$@" \
  | sed -n '/^=== /,/^metric change -> Incident, interval 1s/p'
