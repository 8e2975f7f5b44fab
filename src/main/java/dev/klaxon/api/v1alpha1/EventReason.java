package dev.klaxon.api.v1alpha1;

/**
 * The reasons of the Events the operator records besides a Ready=False condition's (which uses its
 * {@link ConditionReason}): {@code kubectl get events --field-selector reason=<reason>}. The
 * Events table of docs/operations.md lists exactly these ({@code ReasonsDocumentedTest}).
 */
public enum EventReason {
    // --- AlertRule ----------------------------------------------------------------------------
    /** An alert fired and opened an incident. */
    IncidentOpened,
    /** An alert's incident was resolved because the alert stopped firing. */
    IncidentResolved,
    /** An alert stopped firing. */
    AlertStoppedFiring,
    /** An alert's incident was deleted while the alert fires: a new one was opened. */
    IncidentRecreated,
    /** The rule keeps incident.maxOpenIncidents open incidents: further alerts share one. */
    IncidentCapReached,
    /** A firing alert joined an open incident (a dependency's, a correlated one) instead of opening its own. */
    AlertAttached,
    /** A successful query answered nothing while alerts were firing or pending. */
    NoData,
    /** A playbook run the rule names could not be started. */
    PlaybookRunFailedToStart,
    /** A playbook run waits for the rule's hourly budget. */
    AutoRunDeferred,
    /** Paging waits for the rule's hourly budget. */
    PagingDeferred,

    // --- Heartbeat ----------------------------------------------------------------------------
    /** The signal is overdue: an incident was opened. */
    HeartbeatMissed,
    /** The signal is back: the heartbeat's incident was resolved. */
    HeartbeatResumed,

    // --- ServiceLevelObjective ---------------------------------------------------------------
    /** A burn-rate alert fired: an incident was opened (or its severity raised to the page's). */
    BudgetBurning,
    /** No burn-rate alert fires any more: the objective's incident was resolved. */
    BudgetBurnStopped,

    // --- Incident -----------------------------------------------------------------------------
    /** The incident was opened. */
    Opened,
    /** The incident moved to Acknowledged. */
    Acknowledged,
    /** The incident moved to Resolved. */
    Resolved,
    /** The incident moved to Closed. */
    Closed,
    /** The incident moved to another phase. */
    PhaseChanged,
    /** A resolved incident was reopened. */
    Reopened,
    /** The severity changed. */
    SeverityChanged,
    /** An SLA target of the current round was missed. */
    SlaBreached,
    /** An escalation level paged people or channels. */
    Escalated,
    /** Someone asked to page the next level before the current one's delay ran out (a page's Escalate now link). */
    EscalatedNow,
    /** A page a channel could not deliver went through its level's fallback channels. */
    PageFellBack,
    /** Executives were told, as the severity asks. */
    ExecutivesNotified,
    /** A notification could not be delivered. */
    NotificationFailed,
    /** The automatic review could not be opened. */
    ReviewNotOpened,

    // --- OnCallSchedule -----------------------------------------------------------------------
    /** The person on call changed. */
    Handoff,

    // --- MaintenanceWindow --------------------------------------------------------------------
    /** A window's matchers hold back no rule's alerts. */
    MatchedNothing,

    // --- StatusPageSubscriber -----------------------------------------------------------------
    /** A subscriber followed its confirmation link. */
    SubscriptionConfirmed,
    /** A subscriber followed its unsubscribe link, was not confirmed in time, or was refused before it was asked anything: it is deleted. */
    SubscriberRemoved,

    // --- Incident restored from the archive ----------------------------------------------------
    /** The archived incident's record was brought back into a read-only copy (kubectl klaxon restore). */
    Restored,
    /** A restore asked for an incident the archive does not hold in this namespace, or there is no archive. */
    RestoreRefused,

    // --- Lease (the operator's leader-election Lease: the operator's own Events) ---------------
    /** Retention stopped deleting: the archive is unreachable or failing, so nothing unarchived is deleted. */
    RetentionPaused,
    /** Retention deletes again: the archive took its writes. */
    RetentionResumed,

    // --- PostIncidentReview -------------------------------------------------------------------
    /** An action item is due soon. */
    ActionItemDueSoon,
    /** An action item is overdue. */
    ActionItemOverdue,

    // --- PlaybookRun: each move of the run ("Run" + phase) and of a step ("Step" + phase) -----
    /** An approval was given by someone who does not count or before the run started. */
    ApprovalIgnored,
    RunPending, RunRunning, RunWaitingForApproval, RunSucceeded, RunFailed, RunRolledBack, RunCancelled,
    StepPending, StepWaitingForApproval, StepRunning, StepVerifying, StepSucceeded, StepFailed, StepRollingBack, StepRolledBack,
    StepSkipped, StepCancelled;

    /** The reason of a run's move to {@code phase}. */
    public static EventReason ofRun(PlaybookRunStatus.Phase phase) {
        return valueOf("Run" + phase.name());
    }

    /** The reason of a step's move to {@code phase}. */
    public static EventReason ofStep(StepStatus.Phase phase) {
        return valueOf("Step" + phase.name());
    }
}
