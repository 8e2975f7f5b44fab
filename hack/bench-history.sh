#!/usr/bin/env bash
# History benchmark (issue 27), this build side by side with a baseline revision (default: the
# commit before issue 27): the packaged operator, with the image's JVM settings in 512 Mi, against
# 0, 2,000 and 20,000 closed incidents (final, as the operator leaves them): operator RSS, idle CPU,
# kube-apiserver + etcd idle CPU, start to Ready and to the first rule evaluation; then a burst of
# 10,000 closed incidents created while the operator runs, each opening its review and document,
# as issue 27 measured it (Lease renewals and transitions, exits, every incident observed), for both. Takes about 40 minutes.
# Options: BASELINE=<rev> (empty: none), -Dklaxon.benchmark.history=0,2000,20000,
#          -Dklaxon.lease-burst.incidents=10000
set -uo pipefail
cd "$(dirname "$0")/.."
BASELINE=${BASELINE-9e1e5d5}
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests || exit 1
baseline=()
if [ -n "$BASELINE" ]; then
  # The baseline's application, built from a worktree of that revision.
  rm -rf target/baseline-src && git worktree add -f -q target/baseline-src "$BASELINE" || exit 1
  (cd target/baseline-src && mvn -B -q package -DskipTests) || exit 1
  rm -rf target/baseline && mkdir -p target/baseline && cp -r target/baseline-src/target/quarkus-app target/baseline/
  git worktree remove --force target/baseline-src
  baseline=(-Dklaxon.benchmark.baseline=target/baseline/quarkus-app)
fi
show() { grep -E '^(=== |closed incidents|[0-9,]+ \||\[ERROR\] +LeaseUnderLoadIT)' || true; }
mvn -B failsafe:integration-test -Dit.test=HistoryBenchmarkIT -Dklaxon.benchmark=true "${baseline[@]}" "$@" | show
if [ -n "$BASELINE" ]; then
  mvn -B failsafe:integration-test -Dit.test=LeaseUnderLoadIT -Dklaxon.lease-burst.incidents=10000 -Dklaxon.lease-burst.closed=true \
    -Dklaxon.operator.app=target/baseline/quarkus-app "$@" | show
fi
mvn -B failsafe:integration-test -Dit.test=LeaseUnderLoadIT -Dklaxon.lease-burst.incidents=10000 -Dklaxon.lease-burst.closed=true "$@" | show
