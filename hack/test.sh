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
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || { echo "postgresql is missing: apt-get install -y postgresql" >&2; exit 1; }
# Maven and everything its JVMs start (Prometheus, Alertmanager, operators, status sites, the
# cluster's daemons) run in a process group of their own, whose id is Maven's pid: stopping that
# group stops what this script started, also when a test JVM was killed before its own cleanup.
setsid mvn -B verify "$@" &
suite=$!
stop_suite() {
  kill -- -"$suite" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- -"$suite" 2>/dev/null || break; sleep 0.1; done
  kill -9 -- -"$suite" 2>/dev/null || true
  hack/cluster.sh stop target/cluster 2>/dev/null || true   # mounts, cgroups, the namespace, containers
}
trap stop_suite EXIT
trap 'exit 130' INT TERM
wait "$suite"
