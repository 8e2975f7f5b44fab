#!/usr/bin/env bash
# A real single-node Kubernetes cluster in a network namespace of its own, with no route out:
# etcd, kube-apiserver (server-side apply, RBAC, admission policies, as in production),
# kube-controller-manager, kube-scheduler, and a node (containerd + runc, kubelet, kube-proxy in
# iptables mode, a CNI bridge) that runs real pods from images imported into containerd (nothing
# can be pulled). The host reaches the API server on 127.0.0.1:<port> through a relay over a
# Unix socket; pods reach it through the `kubernetes` Service.
#
#   hack/cluster.sh start DIR [OWNER_PID]   start everything, write DIR/kubeconfig, return when
#                                          the node is Ready; with OWNER_PID, stop by itself
#                                          when that process ends (however it ends)
#   hack/cluster.sh stop DIR                stop what `start DIR` started and remove what it left:
#                                          containers, shims, mounts, cgroups, the namespace
#   hack/cluster.sh load DIR ARCHIVE...     import docker-save image archives into the node
#   hack/cluster.sh expose DIR HOST_PORT NODE_PORT
#                                          make 127.0.0.1:HOST_PORT of the host reachable from
#                                          pods as $NODE_IP:NODE_PORT (e.g. a Prometheus)
#   hack/cluster.sh publish DIR NODE_ADDR:PORT HOST_PORT
#                                          make an address inside the cluster (a pod or Service
#                                          IP) reachable from the host as 127.0.0.1:HOST_PORT
#
# Needs root (network namespaces, containerd, cgroups) and Debian's containerd, runc,
# containernetworking-plugins, iptables, conntrack and socat (installed when missing).
# Used by the tests (one cluster per test run) and by hack/run-local.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|load|expose|publish DIR ..." >&2; exit 2; }
dir=$(realpath -m "$dir")
id=$(printf '%s' "$dir" | sha256sum | cut -c1-8)
ns="klaxon-$id"                  # the network namespace; also the kubelet's cgroup root
NODE_IP=10.250.0.1               # the node's address (a veth inside the namespace)
NODE_NAME=klaxon-node
POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.96.0.0/16
API_PORT_IN_NS=6443
log() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }
IN_NS=(nsenter --net="/run/netns/$ns" --)   # run a command inside the namespace (its mounts stay shared)
in_ns() { "${IN_NS[@]}" "$@"; }

# Starts a daemon (inside the namespace with `in_ns`), records its pid, logs to DIR/NAME.log.
daemon() { # NAME command...
  local name=$1; shift
  "$@" > "$dir/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/$name.pid"
}

kill_pids() { # PID...: TERM to all, then KILL to those still there after 5 s
  local pid
  kill "$@" 2>/dev/null || true
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  kill -9 "$@" 2>/dev/null || true
}

kill_tree() { # PID: its descendants first (container processes under a shim), then itself
  local pid=$1 child
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do kill_tree "$child"; done
  kill -9 "$pid" 2>/dev/null || true
}

stop_daemons() { # NAME...: the recorded daemons, stopped together
  local name pids=()
  for name in "$@"; do
    [ -f "$dir/$name.pid" ] && pids+=("$(cat "$dir/$name.pid")")
    rm -f "$dir/$name.pid"
  done
  [ ${#pids[@]} -eq 0 ] || kill_pids "${pids[@]}"
}

stop() {
  if [ -f "$dir/watchdog.pid" ] && [ "$(cat "$dir/watchdog.pid")" != "${KLAXON_WATCHDOG:-}" ]; then
    kill "$(cat "$dir/watchdog.pid")" 2>/dev/null || true
  fi
  rm -f "$dir/watchdog.pid"
  # First what would restart containers, then the containers (children of their shims), then the rest.
  stop_daemons kubelet kube-proxy network-policies kube-scheduler kube-controller-manager
  local shim
  for shim in $(pgrep -f "containerd-shim.*-address $dir/containerd.sock" 2>/dev/null || true); do kill_tree "$shim"; done
  local relays=() relay
  for relay in "$dir"/relay-*.pid; do [ -f "$relay" ] && relays+=("$(basename "$relay" .pid)"); done
  stop_daemons containerd kube-apiserver etcd "${relays[@]}"
  # Mounts the kubelet and containerd made (volumes, rootfs, the pods' network namespaces).
  local mount
  while read -r mount; do umount -l "$mount" 2>/dev/null || true; done < <(findmnt -rn -o TARGET | grep -F "$dir/" | sort -r)
  # The pods' cgroups, deepest first.
  local root
  for root in /sys/fs/cgroup/*/"$ns" /sys/fs/cgroup/"$ns"; do
    [ -d "$root" ] && find "$root" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  ip netns del "$ns" 2>/dev/null || true
  return 0
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

need_packages() {
  local missing=() tool
  for tool in containerd:containerd runc:runc socat:socat iptables:iptables ipset:ipset conntrack:conntrack nsenter:util-linux curl:curl; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
  done
  [ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A CA, the API server's serving certificate (for 127.0.0.1 through the relay, the node address,
# and the `kubernetes` Service) and the API server's client certificate for kubelets.
pki() {
  local pki="$dir/pki"
  [ -f "$pki/apiserver.crt" ] && return
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=klaxon-test-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  cat > "$pki/apiserver.ext" <<EXT
subjectAltName = DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, IP:127.0.0.1, IP:$NODE_IP, IP:10.96.0.1
extendedKeyUsage = serverAuth
EXT
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
    -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
  printf 'extendedKeyUsage = clientAuth\n' > "$pki/client.ext"
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=kube-apiserver-kubelet-client" \
    -keyout "$pki/kubelet-client.key" -out "$pki/kubelet-client.csr" 2>/dev/null
  openssl x509 -req -in "$pki/kubelet-client.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
    -extfile "$pki/client.ext" -out "$pki/kubelet-client.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
}

kubeconfig() { # FILE SERVER TOKEN
  cat > "$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: klaxon
  cluster:
    server: $2
    certificate-authority: $dir/pki/ca.crt
users:
- name: klaxon-admin
  user:
    token: $3
contexts:
- name: klaxon
  context: {cluster: klaxon, user: klaxon-admin, namespace: default}
current-context: klaxon
KUBECONFIG
}

network() {
  ip netns add "$ns"
  in_ns ip link set lo up
  # The node's interface: one end of a veth pair whose both ends stay inside the namespace.
  in_ns ip link add node0 type veth peer name node0-peer
  in_ns ip addr add "$NODE_IP/24" dev node0
  in_ns ip link set node0-peer up
  in_ns ip link set node0 up
  # A default route into it: components that look for one find it; nothing leaves the namespace.
  in_ns ip route add default dev node0
  in_ns sysctl -qw net.ipv4.ip_forward=1
}

# host 127.0.0.1:PORT -> Unix socket -> ADDR:PORT inside the namespace
relay_in() { # NAME HOST_PORT NS_ADDR NS_PORT
  local sock="$dir/relay-$1.sock"; rm -f "$sock"
  daemon "relay-$1-ns" "${IN_NS[@]}" socat "UNIX-LISTEN:$sock,fork,mode=600" "TCP:$3:$4"
  wait_for "relay-$1-ns" 10 test -S "$sock"
  daemon "relay-$1-host" socat "TCP-LISTEN:$2,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$sock"
}

# NS_ADDR:PORT inside the namespace -> Unix socket -> host 127.0.0.1:PORT
relay_out() { # NAME NS_ADDR NS_PORT HOST_PORT
  local sock="$dir/relay-$1.sock"; rm -f "$sock"
  daemon "relay-$1-host" socat "UNIX-LISTEN:$sock,fork,mode=600" "TCP:127.0.0.1:$4"
  wait_for "relay-$1-host" 10 test -S "$sock"
  daemon "relay-$1-ns" "${IN_NS[@]}" socat "TCP-LISTEN:$3,bind=$2,fork,reuseaddr" "UNIX-CONNECT:$sock"
}

control_plane() { # BIN
  local bin=$1
  log "starting etcd"
  daemon etcd "${IN_NS[@]}" "$bin/etcd" --data-dir "$dir/etcd" --name klaxon \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster klaxon=http://127.0.0.1:2380 --unsafe-no-fsync
  wait_for etcd 30 in_ns curl -sf http://127.0.0.1:2379/health

  log "starting kube-apiserver"
  daemon kube-apiserver "${IN_NS[@]}" "$bin/kube-apiserver" \
    --etcd-servers http://127.0.0.1:2379 \
    --bind-address 0.0.0.0 --advertise-address "$NODE_IP" --secure-port "$API_PORT_IN_NS" \
    --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
    --client-ca-file "$dir/pki/ca.crt" \
    --kubelet-client-certificate "$dir/pki/kubelet-client.crt" --kubelet-client-key "$dir/pki/kubelet-client.key" \
    --token-auth-file "$dir/tokens.csv" \
    --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$dir/pki/sa.key" --service-account-signing-key-file "$dir/pki/sa.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --kubelet-preferred-address-types InternalIP
  wait_for kube-apiserver 90 in_ns kubectl --kubeconfig "$dir/node-kubeconfig" get --raw /readyz

  log "starting kube-controller-manager and kube-scheduler"
  daemon kube-controller-manager "${IN_NS[@]}" "$bin/kube-controller-manager" \
    --kubeconfig "$dir/node-kubeconfig" --authentication-kubeconfig "$dir/node-kubeconfig" --authorization-kubeconfig "$dir/node-kubeconfig" \
    --bind-address 127.0.0.1 --secure-port 10257 --leader-elect=false \
    --service-account-private-key-file "$dir/pki/sa.key" --root-ca-file "$dir/pki/ca.crt" --use-service-account-credentials \
    --controllers '*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route,-persistentvolume-binder,-attachdetach'
  daemon kube-scheduler "${IN_NS[@]}" "$bin/kube-scheduler" \
    --kubeconfig "$dir/node-kubeconfig" --authentication-kubeconfig "$dir/node-kubeconfig" --authorization-kubeconfig "$dir/node-kubeconfig" \
    --bind-address 127.0.0.1 --secure-port 10259 --leader-elect=false
}

node() { # BIN
  local bin=$1
  mkdir -p "$dir/containerd" "$dir/cni/net.d" "$dir/kubelet" "$dir/pod-logs"
  cat > "$dir/containerd/config.toml" <<TOML
version = 2
root = "$dir/containerd/root"
state = "$dir/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "$dir/containerd.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$dir/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  # root here lacks CAP_SYS_RESOURCE: lowering a container's oom_score_adj below ours fails.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$dir/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
TOML
  cat > "$dir/cni/net.d/10-klaxon.conflist" <<CNI
{"cniVersion": "1.0.0", "name": "klaxon", "plugins": [
  {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_CIDR"}]], "routes": [{"dst": "0.0.0.0/0"}], "dataDir": "$dir/cni/ipam"}},
  {"type": "portmap", "capabilities": {"portMappings": true}}]}
CNI
  log "starting containerd"
  daemon containerd "${IN_NS[@]}" containerd --config "$dir/containerd/config.toml"
  wait_for containerd 30 ctr --address "$dir/containerd.sock" version

  local image
  for image in $("$here/images.sh" pause) $("$here/images.sh" step); do load_image "$image"; done

  # The kubelet's cgroup root, in every v1 hierarchy (cpuset needs its cpus and mems copied in).
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/; do
    [ -f "$hierarchy/cgroup.procs" ] || continue
    mkdir -p "$hierarchy$ns"
    if [ -f "$hierarchy/cpuset.cpus" ]; then
      cat "$hierarchy/cpuset.cpus" > "$hierarchy$ns/cpuset.cpus"
      cat "$hierarchy/cpuset.mems" > "$hierarchy$ns/cpuset.mems"
    fi
  done
  printf 'options ndots:1\n' > "$dir/resolv.conf"   # no DNS in the cluster: pods use Service IPs
  cat > "$dir/kubelet/config.yaml" <<KUBELET
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
containerRuntimeEndpoint: unix://$dir/containerd.sock
cgroupDriver: cgroupfs
cgroupRoot: /$ns
failCgroupV1: false
failSwapOn: false
oomScoreAdj: 0
resolvConf: $dir/resolv.conf
podLogsDir: $dir/pod-logs
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $dir/pki/ca.crt}
authorization: {mode: Webhook}
healthzBindAddress: 127.0.0.1
healthzPort: 10248
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
KUBELET
  log "starting kubelet and kube-proxy"
  daemon kubelet "${IN_NS[@]}" "$bin/kubelet" --config "$dir/kubelet/config.yaml" --kubeconfig "$dir/node-kubeconfig" \
    --root-dir "$dir/kubelet" --cert-dir "$dir/kubelet/pki" --hostname-override "$NODE_NAME" --node-ip "$NODE_IP"
  cat > "$dir/kube-proxy.yaml" <<PROXY
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $dir/node-kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
iptables: {localhostNodePorts: false}
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
PROXY
  daemon kube-proxy "${IN_NS[@]}" "$bin/kube-proxy" --config "$dir/kube-proxy.yaml"
}

# The NetworkPolicy enforcer a real cluster has: kube-router with only its firewall (iptables and
# ipsets in the node's namespace; the bridge and kube-proxy stay as they are). It needs the Node
# object, so it starts once the kubelet registered it.
network_policies() { # BIN
  local tool; tool="$(dirname "$(dirname "$1")")/tools/kube-router"
  [ -x "$tool" ] || die "kube-router is missing at $tool (hack/build-control-plane.sh builds it)"
  log "starting kube-router (NetworkPolicy only)"
  daemon network-policies "${IN_NS[@]}" "$tool" --kubeconfig "$dir/node-kubeconfig" --hostname-override "$NODE_NAME" \
    --run-firewall=true --run-router=false --run-service-proxy=false --enable-cni=false \
    --service-cluster-ip-range "$SERVICE_CIDR" --health-port 20244 --metrics-port 0
}

load_image() { # ARCHIVE
  ctr --address "$dir/containerd.sock" -n k8s.io images import "$1" >/dev/null \
    || die "importing $1 failed"
}

start() {
  [ "$(id -u)" = 0 ] || die "the cluster needs root (network namespace, containerd, cgroups)"
  need_packages
  local bin; bin=$("$here/build-control-plane.sh" | tail -n 1)
  stop
  local began=$SECONDS
  mkdir -p "$dir/etcd"
  pki
  local token api_port
  token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # One static admin token (system:masters); ServiceAccount tokens are signed with sa.key.
  echo "$token,klaxon-admin,klaxon-admin,system:masters" > "$dir/tokens.csv"
  kubeconfig "$dir/node-kubeconfig" "https://127.0.0.1:$API_PORT_IN_NS" "$token"
  network
  control_plane "$bin"
  api_port=$(free_port)
  relay_in apiserver "$api_port" 127.0.0.1 "$API_PORT_IN_NS"
  kubeconfig "$dir/kubeconfig" "https://127.0.0.1:$api_port" "$token"
  echo "$api_port" > "$dir/api-port"
  node "$bin"
  # The service-account controller creating "default" shows the controllers run; a Ready node, the rest.
  wait_for kube-controller-manager 60 kubectl --kubeconfig "$dir/kubeconfig" get serviceaccount default -n default
  wait_for kubelet 90 kubectl --kubeconfig "$dir/kubeconfig" wait --for condition=Ready "node/$NODE_NAME" --timeout 1s
  network_policies "$bin"
  wait_for kube-router 30 in_ns curl -sf http://127.0.0.1:20244/healthz
  if [ -n "${3:-}" ]; then
    # A test JVM may end without running its shutdown hooks; this outlives it and cleans up.
    nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; KLAXON_WATCHDOG=$$ exec "$2" stop "$3"' \
      watchdog "$3" "$here/cluster.sh" "$dir" > "$dir/watchdog.log" 2>&1 &
    echo $! > "$dir/watchdog.pid"
  fi
  log "ready after $((SECONDS - began))s (node $NODE_NAME at $NODE_IP): export KUBECONFIG=$dir/kubeconfig"
}

case "$cmd" in
  start) start "$@" ;;
  stop) stop ;;
  load) shift 2; for archive in "$@"; do load_image "$archive"; done ;;
  expose) [ $# -eq 4 ] || die "usage: $0 expose DIR HOST_PORT NODE_PORT"; relay_out "expose-$4" "$NODE_IP" "$4" "$3" ;;
  publish) [ $# -eq 4 ] || die "usage: $0 publish DIR NODE_ADDR:PORT HOST_PORT"; relay_in "publish-$4" "$4" "${3%:*}" "${3##*:}" ;;
  # etcd's HTTP API and metrics, which listen inside the namespace only (benchmarks: hack/bench-archive.sh).
  etcd) [ $# -ge 3 ] || die "usage: $0 etcd DIR PATH [JSON_BODY]"
    if [ $# -ge 4 ]; then in_ns curl -sf -X POST -d "$4" "http://127.0.0.1:2379$3"; else in_ns curl -sf "http://127.0.0.1:2379$3"; fi ;;
  *) echo "usage: $0 start|stop|load|expose|publish|etcd DIR ..." >&2; exit 2 ;;
esac
