#!/usr/bin/env bash
# The tour's controls (see the README's "A five-minute tour"), against $KUBECONFIG:
#
#   hack/demo.sh break [NAMESPACE]   roll out a bad version of the api-gateway (30% errors)
#   hack/demo.sh heal [NAMESPACE]    roll it back by hand (what the playbook's approved step does)
#   hack/demo.sh pages               the pages the local receiver got (hack/run-local.sh starts it)
#   hack/demo.sh ack                 acknowledge from the newest page's link, as its person would from a phone:
#                                    open the link (which changes nothing), then press its button (the POST)
#   hack/demo.sh status [NAMESPACE]  incidents, playbook runs and the gateway's rollout
set -euo pipefail
state="${KLAXON_LOCAL_DIR:-${KLAXON_CACHE:-$HOME/.cache/klaxon}/local}"
namespace="${2:-default}"
k() { kubectl --namespace "$namespace" "$@"; }
case "${1:-}" in
  break)
    k set env deployment/api-gateway DEMO_ERROR_RATE=0.3 DEMO_LATENCY_SECONDS=0.4
    # After the change: the Deployment controller copies the change-cause onto the new revision only.
    k annotate deployment/api-gateway kubernetes.io/change-cause="demo: a bad release (30% errors)" --overwrite >/dev/null
    k rollout status deployment/api-gateway --timeout 60s ;;
  heal)
    k rollout undo deployment/api-gateway
    k rollout status deployment/api-gateway --timeout 60s ;;
  pages)
    [ -f "$state/pages.log" ] || { echo "no pages yet ($state/pages.log)"; exit 0; }
    cat "$state/pages.log" ;;
  ack)
    [ -f "$state/pages.log" ] || { echo "no pages yet ($state/pages.log)"; exit 1; }
    link="$(grep -o '"acknowledge":"[^"]*"' "$state/pages.log" | tail -n 1 | cut -d'"' -f4)"
    [ -n "$link" ] || { echo "the pages carry no links: is the responder site on (responderSite.enabled)?"; exit 1; }
    token="${link##*/l/}"
    echo "opening $link"
    curl -fsS "$link" | grep -o '<p class="question">[^<]*' | sed 's/<p class="question">/  the page asks: /'
    echo "pressing its button"
    curl -sS -X POST --data-urlencode "capability=$token" "$link" | grep -o '<p id="notice"[^>]*>[^<]*' | sed 's/<p[^>]*>/  /' ;;
  status)
    k get incidents,playbookruns
    k rollout history deployment/api-gateway ;;
  *) echo "usage: $0 break|heal|pages|ack|status [NAMESPACE]" >&2; exit 2 ;;
esac
