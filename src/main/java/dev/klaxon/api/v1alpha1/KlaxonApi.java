package dev.klaxon.api.v1alpha1;

/** Identity of the Klaxon API. */
public final class KlaxonApi {
    public static final String GROUP = "klaxon.dev";
    public static final String VERSION = "v1alpha1";
    /** kubectl category: {@code kubectl get klaxon} lists every Klaxon object. */
    public static final String CATEGORY = "klaxon";

    /** A reference to another object in the namespace: its name, a DNS subdomain (RFC 1123). */
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** A step name: a DNS label (RFC 1123), because it becomes part of a Job name. */
    /** A time as RFC 3339 (what Instant.parse reads): date, time, optional fraction, Z or an offset. */
    public static final String RFC3339_PATTERN =
            "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";
    /** A UTC day as ISO 8601 writes it: YYYY-MM-DD. */
    public static final String DAY_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    // Bounds on everything a tenant writes (CrdBoundsTest), so that the API server refuses an
    // oversized object at the door and no object can grow large enough to hurt the operator.
    /** An object name, a user name, a host or an address. */
    public static final int MAX_NAME = 253;
    /** A label or parameter name. */
    public static final int MAX_LABEL_NAME = 128;
    /** A label value. */
    public static final int MAX_LABEL_VALUE = 1024;
    /** One item of a list of text: a factor, a symptom, an image reference. */
    public static final int MAX_ITEM = 1024;
    /** A description, a root cause, an annotation, an argument. */
    public static final int MAX_TEXT = 4096;
    /** A PromQL expression. */
    public static final int MAX_QUERY = 8192;
    public static final int MAX_URL = 2048;
    /** An RFC 3339 time, a duration or a quantity. */
    public static final int MAX_TIME = 64;
    /** Items in a list or keys in a map that has no bound of its own. */
    public static final int MAX_LIST = 50;
    /** Services one dependency declaration names on either side. */
    public static final int MAX_DEPENDENCY_SERVICES = 50;
    /** Keys of a map are names: the schema cannot bound them, a rule can. */
    public static final String KEYS_ARE_LABEL_NAMES = "self.all(k, size(k) <= " + MAX_LABEL_NAME + ")";

    /** Labels on incidents opened by a rule, for kubectl get incidents -l ... */
    public static final String LABEL_RULE = GROUP + "/rule";
    public static final String LABEL_FINGERPRINT = GROUP + "/fingerprint";
    /** On an incident an AlertSource opened: the source's name (with the fingerprint, what the operator signs). */
    public static final String LABEL_ALERT_SOURCE = GROUP + "/alert-source";
    public static final String LABEL_SEVERITY = GROUP + "/severity";
    /** On an incident a Heartbeat opened, and on the Lease that holds its check-ins: the heartbeat's name (what the operator signs). */
    public static final String LABEL_HEARTBEAT = GROUP + "/heartbeat";
    /** On an incident a ServiceLevelObjective opened: the objective's name (what the operator signs). */
    public static final String LABEL_SLO = GROUP + "/slo";
    /** On a ServiceLevelObjective's incident: the objective's window (e.g. 30d), for the review's budget sentence. */
    public static final String ANNOTATION_SLO_WINDOW = GROUP + "/slo-window";
    /** On a ServiceLevelObjective's incident: the budget left (percent of the window's) when it opened. */
    public static final String ANNOTATION_SLO_BUDGET_AT_OPEN = GROUP + "/slo-budget-at-open";
    /** On a ServiceLevelObjective's incident: the budget left when the burn stopped and the operator resolved it. */
    public static final String ANNOTATION_SLO_BUDGET_AT_RESOLVE = GROUP + "/slo-budget-at-resolve";
    /** On an incident the operator opened about its own dependencies: what failed (prometheus). */
    public static final String LABEL_WATCHER = GROUP + "/watcher";
    /** On the Lease of a Heartbeat's check-ins (in the operator's namespace): the heartbeat's namespace. */
    public static final String LABEL_HEARTBEAT_NAMESPACE = GROUP + "/heartbeat-namespace";
    /** On an incident opened by a re-fired alert: the incident of its previous firing. */
    public static final String ANNOTATION_PREVIOUS_INCIDENT = GROUP + "/previous-incident";
    /** On an incident the operator opened again because the alert's incident was deleted while it fired: that incident's name. */
    public static final String ANNOTATION_REPLACES_DELETED = GROUP + "/replaces-deleted-incident";
    /** On an alert's incident while the alert's series is missing from Prometheus's answer: since when (RFC 3339). */
    public static final String ANNOTATION_NO_DATA_SINCE = GROUP + "/no-data-since";
    /** On an alert's incident: the playbook its rule names (incident.playbookRef), which the operator starts for it. Signed with the incident. */
    public static final String ANNOTATION_AUTO_RUN_PLAYBOOK = GROUP + "/auto-run-playbook";
    /** On the incident alerts of a storm share (past incident.maxOpenIncidents): how many alerts it stands for, last counted. */
    public static final String ANNOTATION_STORM_ALERTS = GROUP + "/storm-alerts";
    /** The operator's signature on an object it made (an incident it opened, a step Job): anyone can copy labels, nobody else can sign. */
    public static final String ANNOTATION_PROOF = GROUP + "/proof";
    /** On a StatusPageSubscriber, written by the status site: the token of the confirmation link followed (the operator checks it). */
    public static final String ANNOTATION_CONFIRM = GROUP + "/confirm";
    /** On a StatusPageSubscriber, written by the status site: the token of the unsubscribe link followed (the operator checks it). */
    public static final String ANNOTATION_UNSUBSCRIBE = GROUP + "/unsubscribe";
    /**
     * On the channel a status page subscriber's webhook is told through (made by the operator, never stored): its URL is
     * anyone's choice, so klaxon.notify.public-denied-networks apply as well. On any other channel it only refuses more.
     */
    public static final String ANNOTATION_PUBLIC_DESTINATION = GROUP + "/public-destination";
    /** On a final object (with {@link #LABEL_FINAL}): when it became final (RFC 3339); its retention counts from then. */
    public static final String ANNOTATION_FINAL_AT = GROUP + "/final-at";
    /** On an incident an AlertRule opened: the rule's runbook. */
    public static final String ANNOTATION_RUNBOOK_URL = GROUP + "/runbook-url";
    /** Labels on step Jobs (and their pods): which run, playbook and step they belong to, and whether step or rollback. */
    public static final String LABEL_PLAYBOOK_RUN = GROUP + "/playbook-run";
    public static final String LABEL_PLAYBOOK = GROUP + "/playbook";
    public static final String LABEL_STEP = GROUP + "/step";
    public static final String LABEL_JOB_ROLE = GROUP + "/job-role";
    /** On a ServiceAccount: playbook steps may run as it (set by whoever administers the namespace). */
    public static final String LABEL_STEP_RUNNER = GROUP + "/step-runner";
    /**
     * On an object that can no longer change (a Closed incident, a finished run, a done review, an
     * ended window): set by the operator, whose informers select only objects without it, so its
     * memory, start-up and work follow open work, not history. The object stays readable.
     */
    public static final String LABEL_FINAL = GROUP + "/final";
    /**
     * On an Incident {@code kubectl klaxon restore} creates: the UID of the archived incident whose
     * record the operator is to bring back (no reconciler selects such an object). The operator
     * removes it once it has, marking the copy final (or has refused, with a RestoreRefused Event).
     */
    public static final String LABEL_RESTORE_OF = GROUP + "/restore-of";
    /** On a restored incident: the UID of the archived incident it is a read-only copy of (reports leave copies out). Set by the operator. */
    public static final String ANNOTATION_RESTORED_FROM = GROUP + "/restored-from";
    /** On a copy the operator refused to restore (a RestoreRefused Event says why): the UID that was asked for. */
    public static final String ANNOTATION_RESTORE_REFUSED = GROUP + "/restore-refused";
    /** The label selector of the operator's informers for kinds that become final: open work, never a copy waiting to be restored. */
    public static final String NOT_FINAL = "!" + LABEL_FINAL + ",!" + LABEL_RESTORE_OF;
    /** The user name the operator writes as author of what it does. */
    public static final String OPERATOR_AUTHOR = "klaxon";

    private KlaxonApi() {
    }
}
