#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then (after packaging) the *IT tests against a real
# kube-apiserver + etcd + kube-controller-manager on 127.0.0.1. Builds the control-plane
# binaries first if they are not cached yet (see hack/build-control-plane.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
hack/build-control-plane.sh > /dev/null
trap 'hack/cluster.sh stop target/cluster 2>/dev/null || true' EXIT
mvn -B verify "$@"
