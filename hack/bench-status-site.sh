#!/usr/bin/env bash
# Status-site benchmark: everyone comes to the page during an outage. The packaged operator
# evaluates 200 rules (every 10 s) and keeps a page with three active incidents; the status site
# (its own process, as in its pod) serves summary.json to 32 keep-alive clients for 20 s. Prints
# requests/s and p50/p99/max latency next to the goal (1,000/s, p99 <= 50 ms) and next to
# Python's http.server serving the same bytes from a file, and the operator's evaluations meanwhile.
# Takes about 2 minutes. Options: -Dklaxon.benchmark.clients=32 -Dklaxon.benchmark.seconds=20
#                                 -Dklaxon.benchmark.rules=200
set -euo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests
mvn -B failsafe:integration-test -Dit.test=StatusSiteBenchmarkIT -Dklaxon.benchmark=true "$@" \
  | sed -n '/^=== /,/^operator evaluations/p'
