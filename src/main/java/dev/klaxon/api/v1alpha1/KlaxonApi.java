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
    public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** Labels on incidents opened by a rule, for kubectl get incidents -l ... */
    public static final String LABEL_RULE = GROUP + "/rule";
    public static final String LABEL_FINGERPRINT = GROUP + "/fingerprint";
    public static final String LABEL_SEVERITY = GROUP + "/severity";
    /** On an incident opened by a re-fired alert: the incident of its previous firing. */
    public static final String ANNOTATION_PREVIOUS_INCIDENT = GROUP + "/previous-incident";
    /** The operator's signature on an object it made (an incident it opened, a step Job): anyone can copy labels, nobody else can sign. */
    public static final String ANNOTATION_PROOF = GROUP + "/proof";
    /** Labels on step Jobs (and their pods): which run, playbook and step they belong to, and whether step or rollback. */
    public static final String LABEL_PLAYBOOK_RUN = GROUP + "/playbook-run";
    public static final String LABEL_PLAYBOOK = GROUP + "/playbook";
    public static final String LABEL_STEP = GROUP + "/step";
    public static final String LABEL_JOB_ROLE = GROUP + "/job-role";
    /** On a ServiceAccount: playbook steps may run as it (set by whoever administers the namespace). */
    public static final String LABEL_STEP_RUNNER = GROUP + "/step-runner";
    /** The user name the operator writes as author of what it does. */
    public static final String OPERATOR_AUTHOR = "klaxon";

    private KlaxonApi() {
    }
}
