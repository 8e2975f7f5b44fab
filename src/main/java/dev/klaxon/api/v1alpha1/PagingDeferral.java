package dev.klaxon.api.v1alpha1;

/** Why an incident's first page waits (status.pagingDeferredFor). */
public enum PagingDeferral {
    /** A low-urgency incident outside its policy's support hours: it pages when they begin, and spends no paging budget meanwhile. */
    SupportHours,
    /** Its AlertRule's incidents started paging incident.maxPagedIncidentsPerHour times within the hour. */
    RuleLimit
}
