#!/usr/bin/env bash
# Alert-storm benchmark: one rule whose query suddenly answers 5,000 firing series, evaluated by
# the packaged operator against a real Prometheus and API server; first with the default cap on
# open incidents, then with the cap raised to 5,000. Prints time to the first and to all
# incidents, the other rule's latency during the storm, the rule object's size, operator RSS and
# duplicates, and the Lease transitions (none). Takes about 5 minutes.
# Options: -Dklaxon.benchmark.series=5000
#          -Dklaxon.benchmark.operator="-Dklaxon.evaluation.incident-writers=16" (operator settings)
set -euo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests
mvn -B failsafe:integration-test -Dit.test=StormBenchmarkIT -Dklaxon.benchmark=true "$@" \
  | sed -n '/^=== /,/^Lease transitions during the storm/p'
