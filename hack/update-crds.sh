#!/usr/bin/env bash
# Regenerates crds/ and helm/klaxon/crds/ from the Java model (src/main/java/dev/klaxon/api).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q failsafe:integration-test failsafe:verify -Dit.test=CrdFilesIT -Dklaxon.updateCrds=true
git status --short crds helm/klaxon/crds
