#!/usr/bin/env bash
# A real, single-node Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver (server-side
# apply, RBAC, admission policies, as in production) and kube-controller-manager (Jobs, garbage
# collection, namespaces, service accounts). No kubelet and no scheduler: pods never run.
#
#   hack/cluster.sh start DIR [OWNER_PID]   start everything, write DIR/kubeconfig, return when
#                                          ready; with OWNER_PID, stop by itself when that
#                                          process ends (however it ends)
#   hack/cluster.sh stop DIR                stop what `start DIR` started
#
# Used by the tests (one cluster per test run) and by hack/run-local.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cmd="${1:-}"; dir="${2:-}"; owner="${3:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
log() { printf '[cluster] %s\n' "$*" >&2; }

stop() {
  if [ -f "$dir/watchdog.pid" ] && [ "$(cat "$dir/watchdog.pid")" != "${KLAXON_WATCHDOG:-}" ]; then
    kill "$(cat "$dir/watchdog.pid")" 2>/dev/null || true
  fi
  rm -f "$dir/watchdog.pid"
  for name in kube-controller-manager kube-apiserver etcd; do
    local pidfile="$dir/$name.pid"
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "no free port found"; return 1
}

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  log "$what did not become ready within ${seconds}s; its log:"; tail -n 30 "$dir/$what.log" >&2 || true
  return 1
}

start() {
  local bin; bin=$("$here/build-control-plane.sh" | tail -n 1)
  mkdir -p "$dir/etcd" "$dir/certs"
  stop
  local etcd_port etcd_peer api_port token
  etcd_port=$(free_port); etcd_peer=$(free_port); api_port=$(free_port)
  token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # One static admin token (system:masters); ServiceAccount tokens are signed with sa.key.
  echo "$token,klaxon-admin,klaxon-admin,system:masters" > "$dir/tokens.csv"
  [ -f "$dir/sa.key" ] || openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null

  log "starting etcd on 127.0.0.1:$etcd_port"
  "$bin/etcd" --data-dir "$dir/etcd" --name klaxon \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "klaxon=http://127.0.0.1:$etcd_peer" --unsafe-no-fsync \
    > "$dir/etcd.log" 2>&1 &
  echo $! > "$dir/etcd.pid"
  wait_for etcd 30 curl -sf "http://127.0.0.1:$etcd_port/health"

  log "starting kube-apiserver on https://127.0.0.1:$api_port"
  "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --cert-dir "$dir/certs" \
    --token-auth-file "$dir/tokens.csv" \
    --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$dir/sa.key" --service-account-signing-key-file "$dir/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    > "$dir/kube-apiserver.log" 2>&1 &
  echo $! > "$dir/kube-apiserver.pid"

  cat > "$dir/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: klaxon
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority: $dir/certs/apiserver.crt
users:
- name: klaxon-admin
  user:
    token: $token
contexts:
- name: klaxon
  context: {cluster: klaxon, user: klaxon-admin, namespace: default}
current-context: klaxon
KUBECONFIG
  wait_for kube-apiserver 90 kubectl --kubeconfig "$dir/kubeconfig" get --raw /readyz

  log "starting kube-controller-manager"
  "$bin/kube-controller-manager" \
    --kubeconfig "$dir/kubeconfig" --authentication-kubeconfig "$dir/kubeconfig" --authorization-kubeconfig "$dir/kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$(free_port)" \
    --leader-elect=false \
    --service-account-private-key-file "$dir/sa.key" \
    --controllers '*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-service-lb-controller,-route,-persistentvolume-binder,-attachdetach' \
    > "$dir/kube-controller-manager.log" 2>&1 &
  echo $! > "$dir/kube-controller-manager.pid"
  # The service-account controller creating "default" in a namespace shows the controllers run.
  wait_for kube-controller-manager 60 kubectl --kubeconfig "$dir/kubeconfig" get serviceaccount default -n default
  if [ -n "$owner" ]; then
    # A test JVM may end without running its shutdown hooks; this outlives it and cleans up.
    nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; KLAXON_WATCHDOG=$$ exec "$2" stop "$3"' \
      watchdog "$owner" "$here/cluster.sh" "$dir" > "$dir/watchdog.log" 2>&1 &
    echo $! > "$dir/watchdog.pid"
  fi
  log "ready: export KUBECONFIG=$dir/kubeconfig"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
