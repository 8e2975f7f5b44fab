#!/usr/bin/env bash
# The headline benchmark: 1,000 alerting rules (50 services x 20, interval 10 s) in Prometheus's
# own ruler and in Klaxon, against one Prometheus (scraping every 10 s) and one exporter of
# 50 services x 20 instances, measured one after the other in one run: CPU of Prometheus above
# scraping, of the operator, kube-apiserver and etcd; operator RSS; evaluations done vs due;
# firing alerts vs open incidents. Takes about 8 minutes.
# Options: -Dklaxon.benchmark.seconds=90 -Dklaxon.benchmark.distinct=true (no two rules share a query)
#          -Dklaxon.benchmark.quiet=true (no alert fires: the cost of quiet rules)
#          -Dklaxon.benchmark.threshold=0.093 (about 1,000 open incidents; default 0.095, about 400)
#          -Dklaxon.benchmark.nmt=true (the operator's native memory and largest heap classes)
set -euo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/bench-ruler/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests
mvn -B failsafe:integration-test -Dit.test=RulerBenchmarkIT -Dklaxon.benchmark=true "$@" \
  | sed -n '/^=== /,/^=== end ===/p' | grep -v '^=== end ===$'
