#!/usr/bin/env bash
# Builds the control plane (kube-apiserver, kube-controller-manager, kube-scheduler, etcd), the
# node (kubelet, kube-proxy), kubectl (for the step image) and helm from their Go modules with the
# local Go toolchain. Nothing prebuilt is downloaded: this machine can only reach package
# registries, and the Go module proxy serves the sources.
#
# Output: $KLAXON_CACHE (default ~/.cache/klaxon)/k8s/<version>-linux-amd64/ and tools/helm.
# Prints the server-binary directory on the last line of stdout. Re-running reuses every
# binary that is already there.
set -euo pipefail

# --- the one place that pins versions -------------------------------------------------------
K8S_VERSION="${K8S_VERSION:-1.34.4}"          # k8s.io/kubernetes v$K8S_VERSION, staging v0.${K8S_VERSION#1.}
ETCD_VERSION="${ETCD_VERSION:-3.6.8}"         # go.etcd.io/etcd/server/v3
HELM_VERSION="${HELM_VERSION:-3.19.0}"        # helm.sh/helm/v3
PROM_LABEL_PROXY_VERSION="${PROM_LABEL_PROXY_VERSION:-0.11.1}"  # github.com/prometheus-community/prom-label-proxy (tenancy tests)
KUBE_ROUTER_VERSION="${KUBE_ROUTER_VERSION:-2.1.0}"  # github.com/cloudnativelabs/kube-router/v2 (the node's NetworkPolicy enforcer)
KREW_VERSION="${KREW_VERSION:-0.4.3}"          # sigs.k8s.io/krew (the plugin manifest's tests)
# ---------------------------------------------------------------------------------------------

CACHE="${KLAXON_CACHE:-$HOME/.cache/klaxon}"
BIN="$CACHE/k8s/${K8S_VERSION}-linux-amd64"
TOOLS="$CACHE/tools"
WORK="$CACHE/gowork"

log() { printf '[build-control-plane] %s\n' "$*" >&2; }
die() { printf '[build-control-plane] ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "the 'go' command is missing: install Go (1.24 or newer) and put it on PATH"
[ "$(go env GOOS)/$(go env GOARCH)" = linux/amd64 ] || die "only linux/amd64 is supported (go env: $(go env GOOS)/$(go env GOARCH))"
mkdir -p "$BIN" "$TOOLS" "$WORK"
export GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

timed() { local began=$SECONDS; "$@"; log "  done in $((SECONDS - began))s"; }

# A throwaway module per component, so each one gets its own dependency resolution.
module_dir() {
  local d="$WORK/$1"
  mkdir -p "$d"
  [ -f "$d/go.mod" ] || (cd "$d" && go mod init "klaxon.dev/build/$1" >/dev/null 2>&1)
  echo "$d"
}

# `go get` quietly, and again loudly if it failed, so the error shows.
go_get() { go get "$1" >/dev/null 2>&1 || go get "$1" || die "go get $1 failed (is the Go module proxy reachable?)"; }

build_kubernetes() {
  local need=() b
  for b in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl; do [ -x "$BIN/$b" ] || need+=("$b"); done
  [ ${#need[@]} -eq 0 ] && { log "kubernetes v$K8S_VERSION: cached"; return; }
  local d; d=$(module_dir "kubernetes-$K8S_VERSION")
  log "kubernetes v$K8S_VERSION: resolving modules (k8s.io/kubernetes pins its staging modules to ./staging, so they are replaced by their published v0.${K8S_VERSION#1.})"
  local gomod
  gomod=$(cd "$d" && go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$gomod" ] || die "could not download k8s.io/kubernetes@v$K8S_VERSION from the Go module proxy"
  local staging
  staging=$(grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$gomod" | awk '{print $1}' | sort -u)
  [ -n "$staging" ] || die "no staging replacements found in $gomod"
  (
    cd "$d"
    for m in $staging; do go mod edit -replace "$m=$m@v0.${K8S_VERSION#1.}"; done
    go mod edit -require "k8s.io/kubernetes@v$K8S_VERSION"
    for b in "${need[@]}"; do
      log "kubernetes v$K8S_VERSION: building $b (the first build takes several minutes on 2 cores)"
      go_get "k8s.io/kubernetes/cmd/$b@v$K8S_VERSION"
      timed go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${K8S_VERSION#1.}" \
        -o "$BIN/$b" "k8s.io/kubernetes/cmd/$b"
    done
  )
}

build_etcd() {
  [ -x "$BIN/etcd" ] && { log "etcd v$ETCD_VERSION: cached"; return; }
  local d; d=$(module_dir "etcd-$ETCD_VERSION")
  log "etcd v$ETCD_VERSION: building"
  (cd "$d" && go_get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" \
    && timed go build -trimpath -ldflags "-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3)
}

build_helm() {
  [ -x "$TOOLS/helm-$HELM_VERSION" ] && { log "helm v$HELM_VERSION: cached"; return; }
  local d; d=$(module_dir "helm-$HELM_VERSION")
  log "helm v$HELM_VERSION: building"
  (cd "$d" && go_get "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION" \
    && timed go build -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION" \
      -o "$TOOLS/helm-$HELM_VERSION" helm.sh/helm/v3/cmd/helm)
}

build_prom_label_proxy() {
  [ -x "$TOOLS/prom-label-proxy-$PROM_LABEL_PROXY_VERSION" ] && { log "prom-label-proxy v$PROM_LABEL_PROXY_VERSION: cached"; return; }
  local d; d=$(module_dir "prom-label-proxy-$PROM_LABEL_PROXY_VERSION")
  log "prom-label-proxy v$PROM_LABEL_PROXY_VERSION: building"
  (cd "$d" && go_get "github.com/prometheus-community/prom-label-proxy@v$PROM_LABEL_PROXY_VERSION" \
    && timed go build -trimpath -ldflags "-s -w" -o "$TOOLS/prom-label-proxy-$PROM_LABEL_PROXY_VERSION" github.com/prometheus-community/prom-label-proxy)
}

# The node's NetworkPolicy enforcer (kube-router's firewall alone, iptables and ipsets): the CNI
# bridge enforces nothing. (SIG Network's kube-network-policies needs nftables' queue, which the
# kernel of these machines lacks: CONFIG_NFT_QUEUE is not set.)
build_kube_router() {
  [ -x "$TOOLS/kube-router-$KUBE_ROUTER_VERSION" ] && { log "kube-router v$KUBE_ROUTER_VERSION: cached"; return; }
  local d; d=$(module_dir "kube-router-$KUBE_ROUTER_VERSION")
  log "kube-router v$KUBE_ROUTER_VERSION: building"
  (cd "$d" && go_get "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@v$KUBE_ROUTER_VERSION" \
    && timed go build -trimpath -ldflags "-s -w" -o "$TOOLS/kube-router-$KUBE_ROUTER_VERSION" github.com/cloudnativelabs/kube-router/v2/cmd/kube-router)
}

# krew and its manifest validator: the plugin's manifest is checked and installed by the real tool.
build_krew() {
  [ -x "$TOOLS/krew-$KREW_VERSION" ] && [ -x "$TOOLS/validate-krew-manifest-$KREW_VERSION" ] && { log "krew v$KREW_VERSION: cached"; return; }
  local d; d=$(module_dir "krew-$KREW_VERSION")
  log "krew v$KREW_VERSION: building"
  (cd "$d" && go_get "sigs.k8s.io/krew/cmd/krew@v$KREW_VERSION" \
    && timed go build -trimpath -ldflags "-s -w" -o "$TOOLS/krew-$KREW_VERSION" sigs.k8s.io/krew/cmd/krew \
    && timed go build -trimpath -ldflags "-s -w" -o "$TOOLS/validate-krew-manifest-$KREW_VERSION" sigs.k8s.io/krew/cmd/validate-krew-manifest)
}

began=$SECONDS
build_etcd
build_kubernetes
build_helm
ln -sf "helm-$HELM_VERSION" "$TOOLS/helm"
build_prom_label_proxy
ln -sf "prom-label-proxy-$PROM_LABEL_PROXY_VERSION" "$TOOLS/prom-label-proxy"
build_kube_router
ln -sf "kube-router-$KUBE_ROUTER_VERSION" "$TOOLS/kube-router"
build_krew
ln -sf "krew-$KREW_VERSION" "$TOOLS/krew"
ln -sf "validate-krew-manifest-$KREW_VERSION" "$TOOLS/validate-krew-manifest"
log "all binaries ready after $((SECONDS - began))s: $BIN and $TOOLS/helm"
echo "$BIN"
