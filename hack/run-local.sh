#!/usr/bin/env bash
# Runs Klaxon locally as it runs in a cluster: a real single-node cluster (hack/cluster.sh: etcd,
# kube-apiserver, controller-manager, scheduler, containerd, kubelet, kube-proxy) in a network
# namespace of its own; the operator image (built here, no registry) installed with `helm
# install`; Prometheus; the incident archive (Debian's PostgreSQL, docs/archive.md); the examples;
# and the tour's demo api-gateway and pager (README: "A five-minute tour"). Needs root. Ctrl-C
# stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
state="${KLAXON_LOCAL_DIR:-${KLAXON_CACHE:-$HOME/.cache/klaxon}/local}"
prometheus_port="${KLAXON_PROMETHEUS_PORT:-9090}"
operator_port="${KLAXON_OPERATOR_PORT:-8080}"
pager_port="${KLAXON_PAGER_PORT:-9095}"
gateway_port="${KLAXON_GATEWAY_PORT:-18080}"
status_port="${KLAXON_STATUS_PORT:-18081}"
respond_port="${KLAXON_RESPOND_PORT:-18082}"
archive_port="${KLAXON_ARCHIVE_PORT:-15432}"
# PostgreSQL runs as the postgres user, who cannot enter root's home: its data lives where Debian keeps its own.
archive_dir="${KLAXON_ARCHIVE_DIR:-/var/lib/postgresql/klaxon-local}"
log() { printf '[run-local] %s\n' "$*" >&2; }
die() { printf '[run-local] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "the local cluster needs root (network namespace, containerd, cgroups)"
for tool in kubectl java mvn go; do command -v "$tool" >/dev/null || die "$tool is missing from PATH"; done
missing=()
for tool in prometheus:prometheus mmdebstrap:mmdebstrap gcc:gcc; do command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}"); done
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  trap "" PIPE   # keep cleaning up when the terminal or a pipe reading our output is gone
  log "stopping"
  if [ -n "${pg_bin:-}" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" stop -D "$archive_dir" -m fast -w >/dev/null 2>&1 || true; fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  hack/cluster.sh stop "$state/cluster" || true
  log "stopped; state kept in $state and the archive's in $archive_dir (delete both for a fresh start)"
}
trap cleanup INT TERM EXIT

helm="$(dirname "$(hack/build-control-plane.sh | tail -n 1)")/../tools/helm"
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
  log "building the operator (mvn package)"
  mvn -B -q package -DskipTests
fi
mkdir -p "$state"
hack/cluster.sh start "$state/cluster"
export KUBECONFIG="$state/cluster/kubeconfig"
log "building and importing the operator and demo images"
hack/cluster.sh load "$state/cluster" "$(hack/images.sh operator | tail -n 1)" "$(hack/images.sh demo | tail -n 1)"

log "starting the pager (127.0.0.1:$pager_port, messages in $state/pages.log) and Prometheus (127.0.0.1:$prometheus_port)"
(cd hack/demo && CGO_ENABLED=0 go build -buildvcs=false -o "$state/demo-api" .)
"$state/demo-api" receive "127.0.0.1:$pager_port" "$state/pages.log" > "$state/pager.log" 2>&1 &
pids+=($!)
mkdir -p "$state/prometheus"
cat > "$state/prometheus/prometheus.yml" <<PROM
global:
  scrape_interval: 2s
  evaluation_interval: 2s
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ["127.0.0.1:$prometheus_port"]}]
  - job_name: klaxon
    metrics_path: /q/metrics
    static_configs: [{targets: ["127.0.0.1:$operator_port"]}]
  - job_name: api            # the demo api-gateway, relayed out of the cluster
    honor_labels: true
    static_configs: [{targets: ["127.0.0.1:$gateway_port"]}]
PROM
prometheus --config.file "$state/prometheus/prometheus.yml" --storage.tsdb.path "$state/prometheus/data" \
  --web.listen-address "127.0.0.1:$prometheus_port" > "$state/prometheus.log" 2>&1 &
pids+=($!)

# The incident archive: a server of its own (superuser postgres, by peer authentication only), the
# role klaxon and its password kept in $state (root's), set again at every start.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -f "$archive_dir/PG_VERSION" ] && pg_bin="/usr/lib/postgresql/$(cat "$archive_dir/PG_VERSION")/bin"
if [ ! -f "$archive_dir/PG_VERSION" ]; then
  log "creating the archive's PostgreSQL data directory ($archive_dir)"
  install -d -o postgres -g postgres -m 700 "$archive_dir"
  runuser -u postgres -- "$pg_bin/initdb" -D "$archive_dir" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 \
    > "$state/archive-initdb.log"
fi
# No newline: the Secret holds the file as it is.
[ -s "$state/archive-password" ] || (umask 077; openssl rand -hex 24 | tr -d '\n' > "$state/archive-password")
log "starting the archive (PostgreSQL, 127.0.0.1:$archive_port)"
runuser -u postgres -- "$pg_bin/postgres" -D "$archive_dir" -p "$archive_port" -k "$archive_dir" \
  -c listen_addresses=127.0.0.1 > "$state/archive.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$archive_port" && break; sleep 1; done
"$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$archive_port" || die "the archive did not start: $state/archive.log"
{ # on stdin, not in the process list
  printf "SELECT 'CREATE ROLE klaxon LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'klaxon')\\gexec\n"
  printf "ALTER ROLE klaxon PASSWORD '%s';\n" "$(cat "$state/archive-password")"
  printf "SELECT 'CREATE DATABASE klaxon OWNER klaxon' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'klaxon')\\gexec\n"
} | runuser -u postgres -- "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$archive_dir" -p "$archive_port" -d postgres > /dev/null

# Pods reach these through the node's address; nothing else of this machine is reachable.
hack/cluster.sh expose "$state/cluster" "$prometheus_port" "$prometheus_port"
hack/cluster.sh expose "$state/cluster" "$pager_port" "$pager_port"
hack/cluster.sh expose "$state/cluster" "$archive_port" "$archive_port"
node_ip=$(kubectl get node -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')

log "installing Klaxon with helm (namespace klaxon-system, restricted Pod Security)"
kubectl apply --server-side -f crds/ >/dev/null
kubectl wait --for condition=Established crd --all --timeout 60s >/dev/null
kubectl create namespace klaxon-system --dry-run=client -o yaml \
  | kubectl label --local -f - pod-security.kubernetes.io/enforce=restricted -o yaml | kubectl apply --server-side -f - >/dev/null
# Channel URLs live in Secrets of the operator's namespace, shared with the namespaces that may use them.
kubectl -n klaxon-system create secret generic tour-pager --from-literal=url="http://$node_ip:$pager_port/page" \
  --dry-run=client -o yaml | kubectl apply -f - >/dev/null
# The example Slack channel's webhook URL; point it at your own with
#   kubectl -n klaxon-system create secret generic slack-oncall --from-literal=url=https://hooks.slack.com/... --dry-run=client -o yaml | kubectl apply -f -
kubectl -n klaxon-system get secret slack-oncall >/dev/null 2>&1 \
  || kubectl -n klaxon-system create secret generic slack-oncall --from-literal=url=http://127.0.0.1:9/replace-me >/dev/null
# The example AlertSource's bearer token (an Alertmanager pointed at it sends the same value).
kubectl -n klaxon-system get secret alertmanager-token >/dev/null 2>&1 \
  || kubectl -n klaxon-system create secret generic alertmanager-token --from-literal=token="$(openssl rand -hex 24)" >/dev/null
kubectl -n klaxon-system create secret generic klaxon-archive --from-literal=username=klaxon \
  --from-file=password="$state/archive-password" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl -n klaxon-system annotate --overwrite secret slack-oncall tour-pager alertmanager-token klaxon.dev/channel-namespaces=default >/dev/null
"$helm" upgrade --install klaxon helm/klaxon --namespace klaxon-system --skip-crds \
  --set image.pullPolicy=Never --set prometheus.url="http://$node_ip:$prometheus_port" \
  --set statusSite.enabled=true --set statusSite.namespace=default --set statusSite.page=acme-status \
  --set statusSite.url="http://127.0.0.1:$status_port" \
  --set responderSite.enabled=true --set responderSite.url="http://127.0.0.1:$respond_port" --set responderSite.replicaCount=1 \
  --set archive.enabled=true --set archive.url="jdbc:postgresql://$node_ip:$archive_port/klaxon" --set archive.port="$archive_port" \
  --wait --timeout 3m >/dev/null
hack/cluster.sh publish "$state/cluster" "$(kubectl -n klaxon-system get service klaxon-metrics -o jsonpath='{.spec.clusterIP}'):8080" "$operator_port"
hack/cluster.sh publish "$state/cluster" "$(kubectl -n default get service klaxon-status-site -o jsonpath='{.spec.clusterIP}'):80" "$status_port"
hack/cluster.sh publish "$state/cluster" "$(kubectl -n klaxon-system get service klaxon-responder-site -o jsonpath='{.spec.clusterIP}'):80" "$respond_port"

log "applying the examples and the tour"
# The example PlaybookRun is left out: the chart's admission policy wants requestedBy to be the
# user who creates a run, which `kubectl klaxon run` fills in. Likewise a MaintenanceWindow's
# createdBy must be its creator: the example's is replaced by who you are.
me="$(kubectl auth whoami -o jsonpath='{.status.userInfo.username}')"
for example in examples/*.yaml; do
  case "$example" in
    examples/playbookrun-rollback.yaml) ;;
    examples/maintenancewindow-*.yaml)
      sed "s/^  createdBy: .*/  createdBy: \"$me\"/" "$example" | kubectl apply --server-side --force-conflicts -f - >/dev/null ;;
    *) kubectl apply --server-side --force-conflicts -f "$example" >/dev/null ;;
  esac
done
# The example playbook's steps run as this ServiceAccount, which opts in with the step-runner label.
kubectl create serviceaccount klaxon-remediation --dry-run=client -o yaml \
  | kubectl label --local -f - klaxon.dev/step-runner=true -o yaml | kubectl apply --server-side -f - >/dev/null
kubectl apply --server-side --force-conflicts -f examples/tour/api-gateway.yaml >/dev/null
kubectl rollout status deployment/api-gateway --timeout 90s >/dev/null
hack/cluster.sh publish "$state/cluster" "$(kubectl get service api-gateway -o jsonpath='{.spec.clusterIP}'):8080" "$gateway_port"
kubectl apply --server-side --force-conflicts -f examples/tour/klaxon.yaml >/dev/null
# Two responders: alice is on call, bob may approve the tour's rollback.
kubectl create role responder --verb=get,list,watch,create,update,patch --resource=playbookruns.klaxon.dev \
  --dry-run=client -o yaml | kubectl apply --server-side -f - >/dev/null
kubectl create rolebinding responder --role=responder --user=alice@example.com --user=bob@example.com \
  --dry-run=client -o yaml | kubectl apply --server-side -f - >/dev/null
kubectl create rolebinding responder-view --clusterrole=view --user=alice@example.com --user=bob@example.com \
  --dry-run=client -o yaml | kubectl apply --server-side -f - >/dev/null

cat <<USAGE

Klaxon is running locally, as a pod installed by helm. In another shell:

  export KUBECONFIG=$KUBECONFIG PATH=\$PATH:$PWD/cli
  kubectl get klaxon                      # every Klaxon object
  kubectl -n klaxon-system logs deploy/klaxon

The five-minute tour (README):
  hack/demo.sh break                      # roll out a bad api-gateway release
  kubectl get incidents -w                # an incident opens within seconds
  hack/demo.sh pages                      # the on-call person's page, with her links
  hack/demo.sh ack                        # alice acknowledges from her page's link (or open it in a browser)
  kubectl klaxon runs                     # the playbook waits for approval
  kubectl klaxon approve <run> rollback-deployment --as bob@example.com
  kubectl get incidents -w                # the rollback heals the gateway, the incident resolves

Status page (examples/statuspage-acme.yaml, served by its own read-only pods): http://127.0.0.1:$status_port/
  kubectl klaxon publish checkout-eu-outage --page acme-status --title "Checkout errors" --impact "Errors at checkout"
  curl -s http://127.0.0.1:$status_port/api/v2/summary.json
Responder site (the links in pages): http://127.0.0.1:$respond_port/
Operator:   http://127.0.0.1:$operator_port/q/health  http://127.0.0.1:$operator_port/q/metrics
Prometheus: http://127.0.0.1:$prometheus_port
The archive (docs/archive.md), closed incidents once final:
  export KLAXON_ARCHIVE_URL=postgresql://127.0.0.1:$archive_port/klaxon PGUSER=klaxon PGPASSWORD=\$(cat $state/archive-password)
  kubectl klaxon report --archive --period $(date -u +%Y)
  psql -h 127.0.0.1 -p $archive_port -U klaxon klaxon -c 'SELECT name, severity, mttr_seconds FROM incidents'
Press Ctrl-C to stop everything.
USAGE
wait "${pids[@]}"
