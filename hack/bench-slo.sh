#!/usr/bin/env bash
# SLO evaluation cost (issue 35): 100 objectives over 30 days of backfilled requests (promtool),
# side by side in one run against one Prometheus: as the recording and alerting rules Sloth
# generates, in Prometheus's ruler (the anchor), and evaluated by Klaxon. Prints the CPU of
# Prometheus and of the operator, evaluations done, page alerts vs incidents, and Klaxon's start
# (30 days of hours read back). Takes about 10 minutes.
# Options: -Dklaxon.benchmark.slos=100 -Dklaxon.benchmark.seconds=120
set -uo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/bench-slo/prometheus.yml" 2>/dev/null || true; pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests || exit 1
mvn -B failsafe:integration-test -Dit.test=SloBenchmarkIT -Dklaxon.benchmark=true "$@" \
  | sed -n '/^=== /,/^=== end ===/p' | grep -v '^=== end ===$'
exit "${PIPESTATUS[0]}"
