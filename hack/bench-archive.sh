#!/usr/bin/env bash
# Archive benchmark (issue 34): 20,000 closed incidents as the operator leaves them, etcd's size in
# use with none, with all of them, and after an operator with the archive on (Debian's PostgreSQL,
# the image's JVM settings in 512 Mi) archived and deleted them, and the rate it did so at. The
# anchor is the middle row: without an archive nothing leaves etcd. Takes about 15 minutes.
# Options: -Dklaxon.benchmark.archive.incidents=20000
set -uo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true; pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true' EXIT
mvn -B -q package -DskipTests || exit 1
mvn -B failsafe:integration-test -Dit.test=ArchiveBenchmarkIT -Dklaxon.benchmark=true "$@" \
  | grep -E '^(=== |etcd in use|[0-9.]+ MiB \||\[ERROR\] )'
exit "${PIPESTATUS[0]}"
