#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then (after packaging) the *IT tests against a real
# kube-apiserver + etcd + kube-controller-manager on 127.0.0.1. Builds the control-plane
# binaries first if they are not cached yet (see hack/build-control-plane.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
command -v prometheus >/dev/null || { echo "prometheus is missing: apt-get install -y prometheus" >&2; exit 1; }
command -v chromedriver >/dev/null || { echo "chromium is missing: apt-get install -y chromium chromium-driver" >&2; exit 1; }
command -v prometheus-alertmanager >/dev/null || { echo "alertmanager is missing: apt-get install -y prometheus-alertmanager" >&2; exit 1; }
# The test JVM stops what it starts; this also covers a JVM that was killed.
cleanup() {
  hack/cluster.sh stop target/cluster 2>/dev/null || true
  pkill -f "$PWD/target/prometheus/prometheus.yml" 2>/dev/null || true
  pkill -f "$PWD/target/quarkus-app/quarkus-run.jar" 2>/dev/null || true
  pkill -f "dev.klaxon.statussite.StatusSiteMain" 2>/dev/null || true
  pkill -f "$PWD/target/alertmanager-" 2>/dev/null || true
}
trap cleanup EXIT
mvn -B verify "$@"
