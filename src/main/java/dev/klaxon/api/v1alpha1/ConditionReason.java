package dev.klaxon.api.v1alpha1;

/**
 * The reasons of a {@code Ready} condition, every kind's in one place (the Conditions table of
 * docs/operations.md lists exactly these, which {@code ReasonsDocumentedTest} checks). A Ready=False reason is
 * also the reason of the Warning Event that announces it.
 */
public enum ConditionReason {
    // --- Ready=True, one per kind --------------------------------------------------------------
    /** AlertRule: its conditions are evaluated on its interval. */
    Evaluating,
    /** Incident: its phase is where it asked to be. */
    PhaseAccepted,
    /** Playbook and EscalationPolicy: nothing wrong with it. */
    Valid,
    /** PlaybookRun: it started (or was cancelled before it could). */
    Started,
    /** OnCallSchedule: who is on call now is known. */
    Resolved,
    /** PostIncidentReview: prefilled from its incident. */
    Prefilled,
    /** StatusPage: its components, incidents and maintenance are published. */
    Published,
    /** MaintenanceWindow: its occurrences are known. */
    Scheduled,
    /** AlertSource: Alertmanager may post to it. */
    Receiving,
    /** NotificationChannel: its destination and credentials are usable. */
    Configured,
    /** Heartbeat: its signal is watched. */
    Watching,
    /** ServiceLevelObjective: its SLI is evaluated and its budget kept. */
    Measuring,
    /** StatusPageSubscriber: its confirmation link was sent (Pending), or it is told every update (Confirmed). */
    Subscribed,

    // --- Ready=False ---------------------------------------------------------------------------
    /** AlertRule, ServiceLevelObjective: Prometheus could not be reached or did not answer in time. */
    PrometheusUnreachable,
    /** AlertRule, ServiceLevelObjective: Prometheus answered with an error (its message is the object's). */
    QueryFailed,
    /** AlertRule, ServiceLevelObjective: the answer held more series or bytes than one rule may evaluate. */
    TooManySeries,
    /** AlertRule: evaluating failed for another reason. */
    EvaluationFailed,
    /** AlertRule: opening or updating an incident failed. */
    IncidentWriteFailed,
    /** AlertRule: its interval is out of bounds. */
    InvalidInterval,
    /** AlertRule: a condition's window is out of bounds. */
    InvalidWindow,
    /** A maintenance window names a pager or customer channel to tell of its starts and ends. */
    ChannelNotInternal,
    /** A cluster-wide dependency names a namespace the operator does not watch. */
    NamespaceNotWatched,
    /** AlertRule, PlaybookRun: the Playbook it names does not exist. */
    PlaybookNotFound,
    /** Incident: a phase move that got past the CRD's rule. */
    IllegalPhaseTransition,
    /** Incident: the EscalationPolicy it names does not exist. */
    EscalationPolicyNotFound,
    /** Incident: a page of the current round reached no channel, its fallbacks included, and nobody has acknowledged. */
    PageUndelivered,
    /** Incident: spec.acknowledgedRound is ahead of the current round. */
    AcknowledgedRoundAhead,
    /** Playbook: a step sets a KLAXON_* variable. */
    ReservedEnvVar,
    /** Playbook: a timeout out of bounds. */
    InvalidTimeout,
    /** Playbook: a verification that cannot be evaluated. */
    InvalidVerification,
    /** Playbook: an argument that would interpolate untrusted data. */
    UntrustedArgument,
    /** PlaybookRun, PostIncidentReview: the Incident it names does not exist (yet). */
    IncidentNotFound,
    /** PlaybookRun: its Playbook is not Ready. */
    PlaybookInvalid,
    /** PlaybookRun: an approval names no step of it. */
    UnknownStep,
    /** PlaybookRun: a gated step waits where approvals could be forged. */
    ApprovalPolicyNotEnforced,
    /** PlaybookRun: someone other than the operator changed its status; it stops. */
    StatusTampered,
    /**
     * OnCallSchedule, MaintenanceWindow: an unknown time zone or an impossible date; Heartbeat: its CronJob's schedule cannot be read,
     * or its period is under 1s; EscalationPolicy: its support hours' time zone is unknown (every incident pages at once).
     */
    InvalidSchedule,
    /** MaintenanceWindow: it lasts longer than the administrator allows. */
    TooLong,
    /** MaintenanceWindow: a matcher's regular expression does not compile. */
    InvalidMatcher,
    /** PostIncidentReview: the name of its document is someone else's ConfigMap. */
    DocumentNameTaken,
    /** PostIncidentReview: a PagerDuty or customer channel in spec.channels. */
    ChannelNotForReviews,
    /** StatusPage: its active incidents outgrow the page's budget. */
    PageTooLarge,
    /** AlertSource, NotificationChannel, Heartbeat: the Secret is missing or not shared with the namespace. */
    SecretNotFound,
    /** Heartbeat: its CronJob is not in the namespace. */
    CronJobNotFound,
    /** Heartbeat: the AlertSource its alert arrives through is not in the namespace. */
    AlertSourceNotFound,
    /** A status page component's sloRef names no ServiceLevelObjective: its bars show incident time. */
    ObjectiveNotFound,
    /** AlertSource, Heartbeat: the token Secret is shared with other namespaces or for other channel types. */
    TokenNotForThisNamespace,
    /** AlertSource, Heartbeat: the operator serves no receiver (no check-in port). */
    ReceiverOff,
    /** AlertSource, Heartbeat: its name is longer than 63 characters. */
    NameTooLong,
    /** NotificationChannel: its template does not compile. */
    InvalidTemplate,
    /** NotificationChannel: its destination is in a denied network. */
    DestinationNotAllowed,
    /** StatusPageSubscriber: its page does not exist or takes no subscribers of its kind (email, webhook); it expires unconfirmed. */
    SubscriptionsClosed,
    /** StatusPageSubscriber: the page has spec.subscriptions.maxSubscribers already; it expires unconfirmed. */
    TooManySubscribers,
    /** StatusPageSubscriber: the same address or URL is subscribed (or waiting) already; it expires unconfirmed, nobody is asked twice. */
    AlreadySubscribed,
    /** ServiceLevelObjective: a burn-rate window out of bounds, or a factor its objective can never reach. */
    InvalidBurnRate,
    /** Every kind: reconciling failed in a way nobody planned for; the operator retries. */
    ReconcileFailed
}
