#!/usr/bin/env bash
# Runs Klaxon locally: a real control plane (etcd, kube-apiserver, kube-controller-manager),
# Prometheus, the CRDs and the chart's RBAC, the examples, and the operator itself, all on
# 127.0.0.1. The operator authenticates as the chart's ServiceAccount, as in a cluster.
# Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state="${KLAXON_LOCAL_DIR:-${KLAXON_CACHE:-$HOME/.cache/klaxon}/local}"
prometheus_port="${KLAXON_PROMETHEUS_PORT:-9090}"
operator_port="${KLAXON_OPERATOR_PORT:-8080}"
log() { printf '[run-local] %s\n' "$*" >&2; }
die() { printf '[run-local] ERROR: %s\n' "$*" >&2; exit 1; }

command -v kubectl >/dev/null || die "kubectl is missing from PATH"
command -v java >/dev/null || die "java (17+) is missing from PATH"
command -v mvn >/dev/null || die "mvn is missing from PATH"
if ! command -v prometheus >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    log "installing Prometheus from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
  else
    die "prometheus is missing: sudo apt-get install -y prometheus"
  fi
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  hack/cluster.sh stop "$state/cluster" || true
  log "stopped; state kept in $state (delete it for a fresh start)"
}
trap cleanup INT TERM EXIT

helm="$(dirname "$(hack/build-control-plane.sh | tail -n 1)")/../tools/helm"
mkdir -p "$state"
hack/cluster.sh start "$state/cluster"
export KUBECONFIG="$state/cluster/kubeconfig"

log "installing the CRDs, the chart's ServiceAccount and RBAC, and the examples"
kubectl apply --server-side -f crds/ >/dev/null
kubectl wait --for condition=Established crd --all --timeout 60s >/dev/null
kubectl create namespace klaxon-system --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kube_version=$(kubectl get --raw /version | sed -n 's/.*"gitVersion": *"v\([^"]*\)".*/\1/p')
"$helm" template klaxon helm/klaxon --namespace klaxon-system --kube-version "$kube_version" \
  --show-only templates/serviceaccount.yaml --show-only templates/rbac.yaml --show-only templates/leader-election-rbac.yaml --show-only templates/channel-secrets-rbac.yaml \
  | kubectl apply --server-side -f - >/dev/null
# The example playbook's steps run as this ServiceAccount, which opts in with the step-runner label.
kubectl create serviceaccount klaxon-remediation --dry-run=client -o yaml \
  | kubectl label --local -f - klaxon.dev/step-runner=true -o yaml | kubectl apply --server-side -f - >/dev/null
# The example Slack channel's webhook URL; point it at your own with
#   kubectl -n klaxon-system create secret generic slack-oncall --from-literal=url=https://hooks.slack.com/... --dry-run=client -o yaml | kubectl apply -f -
# (shared with the namespace of the examples by the klaxon.dev/channel-namespaces annotation).
kubectl -n klaxon-system get secret slack-oncall >/dev/null 2>&1 \
  || kubectl -n klaxon-system create secret generic slack-oncall --from-literal=url=http://127.0.0.1:9/replace-me >/dev/null
kubectl -n klaxon-system annotate --overwrite secret slack-oncall klaxon.dev/channel-namespaces=default >/dev/null
kubectl apply --server-side -f examples/ >/dev/null
token=$(kubectl create token klaxon --namespace klaxon-system --duration 24h)

log "starting Prometheus on 127.0.0.1:$prometheus_port"
mkdir -p "$state/prometheus"
cat > "$state/prometheus/prometheus.yml" <<PROM
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ["127.0.0.1:$prometheus_port"]}]
  - job_name: klaxon
    metrics_path: /q/metrics
    static_configs: [{targets: ["127.0.0.1:$operator_port"]}]
PROM
prometheus --config.file "$state/prometheus/prometheus.yml" --storage.tsdb.path "$state/prometheus/data" \
  --web.listen-address "127.0.0.1:$prometheus_port" > "$state/prometheus.log" 2>&1 &
pids+=($!)

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
  log "building the operator (mvn package)"
  mvn -B -q package -DskipTests
fi
log "starting the operator on 127.0.0.1:$operator_port (log: $state/operator.log)"
server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
java -Dkubernetes.master="$server" -Dkubernetes.certs.ca.file="$state/cluster/certs/apiserver.crt" \
  -Dkubernetes.auth.token="$token" -Dkubernetes.auth.tryKubeConfig=false -Dkubernetes.auth.tryServiceAccount=false \
  -Dkubernetes.namespace=klaxon-system -Dklaxon.prometheus.url="http://127.0.0.1:$prometheus_port" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$operator_port" \
  -jar target/quarkus-app/quarkus-run.jar > "$state/operator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$operator_port/q/health/ready" >/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 40 "$state/operator.log" >&2; die "the operator exited"; }
  sleep 0.5
done

cat <<USAGE

Klaxon is running locally. In another shell:

  export KUBECONFIG=$KUBECONFIG
  kubectl get klaxon                      # every Klaxon object
  kubectl get incidents                   # the incident list
  kubectl describe playbookrun checkout-eu-outage-rollback
  kubectl apply -f examples/              # or your own rules

Operator:   http://127.0.0.1:$operator_port/q/health  http://127.0.0.1:$operator_port/q/metrics  (log: $state/operator.log)
Prometheus: http://127.0.0.1:$prometheus_port
Press Ctrl-C to stop everything.
USAGE
wait "${pids[@]}"
