{{- define "klaxon.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "klaxon.serviceAccountName" -}}
{{- default (include "klaxon.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "klaxon.labels" -}}
app.kubernetes.io/name: klaxon
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "klaxon.selectorLabels" -}}
app.kubernetes.io/name: klaxon
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The rules the operator needs, and nothing more: shared by the ClusterRole and the Roles. */}}
{{- define "klaxon.rules" -}}
# Read the objects it reconciles.
- apiGroups: [klaxon.dev]
  resources: [alertrules, incidents, playbooks, playbookruns, oncallschedules, escalationpolicies, notificationchannels, statuspages, postincidentreviews, alertsources, maintenancewindows, heartbeats, servicedependencies, statuspagesubscribers, servicelevelobjectives]
  verbs: [get, list, watch]
# Open incidents for firing alerts; move them to Resolved, Resolved ones to Closed after the
# reopen window, and raise an Auto severity (documented lifecycle moves on spec.phase and
# spec.severity); mark Closed ones final (the label klaxon.dev/final).
- apiGroups: [klaxon.dev]
  resources: [incidents]
  verbs: [create, patch]
# Mark finished runs, done reviews and ended windows final (the label klaxon.dev/final; incidents: above).
- apiGroups: [klaxon.dev]
  resources: [playbookruns, postincidentreviews, maintenancewindows]
  verbs: [patch]
{{- if or .Values.archive.enabled .Values.archive.expireWithoutArchive }}
# Retention: delete final objects past their retention (archived first, when there is an archive).
- apiGroups: [klaxon.dev]
  resources: [incidents, playbookruns, postincidentreviews, maintenancewindows]
  verbs: [delete]
{{- end }}
# Delete a status page subscriber that unsubscribed, or was not confirmed within a day.
- apiGroups: [klaxon.dev]
  resources: [statuspagesubscribers]
  verbs: [delete]
# Open the post-incident review of an incident that resolved (klaxon.reviews.auto-create).
- apiGroups: [klaxon.dev]
  resources: [postincidentreviews]
  verbs: [create]
# A review's Markdown document, in a ConfigMap the review owns (get: never one that is not its own).
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, create, patch]
# Start the playbook an AlertRule names for the incidents it opens.
- apiGroups: [klaxon.dev]
  resources: [playbookruns]
  verbs: [create]
# Step Jobs are owned by their run (blockOwnerDeletion needs this where the
# OwnerReferencesPermissionEnforcement admission plugin is on).
- apiGroups: [klaxon.dev]
  resources: [playbookruns/finalizers]
  verbs: [update]
# Run playbook steps as Jobs, watch their outcome, stop them on cancel.
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, delete]
# A Heartbeat's CronJob: its last success (and, when a run is missed, that run's Job: jobs get, above).
- apiGroups: [batch]
  resources: [cronjobs]
  verbs: [get, list, watch]
# See whether a step's pod can start (a missing image fails the step at once, not at its timeout).
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch]
# Check that a step's ServiceAccount is labelled klaxon.dev/step-runner=true before using it.
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [get]
# Write what it observed (server-side apply of status).
- apiGroups: [klaxon.dev]
  resources: [alertrules/status, incidents/status, playbooks/status, playbookruns/status, oncallschedules/status, escalationpolicies/status, notificationchannels/status, statuspages/status, postincidentreviews/status, alertsources/status, maintenancewindows/status, heartbeats/status, servicedependencies/status, statuspagesubscribers/status, servicelevelobjectives/status]
  verbs: [get, patch, update]
# Tell people what it did (kubectl describe); a repeat counts on the same Event (get, patch).
- apiGroups: [""]
  resources: [events]
  verbs: [create, get, patch]
{{- end -}}

{{/* The ConfigMap, in the release namespace, with the public key that checks page links. */}}
{{- define "klaxon.pageLinksConfigMap" -}}
{{- printf "%s-page-links" (include "klaxon.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* A CEL expression: each named field of object.<prefix> is as it was in oldObject (set to the same value, or unset in both). */}}
{{- define "klaxon.unchangedFields" -}}
{{- $prefix := .prefix -}}
{{- range $i, $f := .fields -}}
{{- if $i }} && {{ end -}}
(has(object.{{ $prefix }}.{{ $f }}) ? has(oldObject.{{ $prefix }}.{{ $f }}) && object.{{ $prefix }}.{{ $f }} == oldObject.{{ $prefix }}.{{ $f }} : !has(oldObject.{{ $prefix }}.{{ $f }}))
{{- end -}}
{{- end -}}
