#!/usr/bin/env bash
# Noise benchmark: one outage replayed side by side to Klaxon (the packaged operator, a real
# Prometheus and API server) and to the real Alertmanager: the payments database fails, six
# services that depend on it fire three rules each in waves, an unrelated service fires two rules
# three seconds apart, and the database recovers while one dependent still fails. Klaxon has a
# ServiceDependency and a policy correlating by service; Alertmanager the equivalent inhibition
# rule and group_by [service]. Prints the pages each sent next to one page per alert. About 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests
mvn -B failsafe:integration-test -Dit.test=NoiseBenchmarkIT -Dklaxon.benchmark=true "$@" \
  | sed -n '/^=== noise/,/^one page per alert/p'
