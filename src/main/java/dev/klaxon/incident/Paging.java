package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationRequest;
import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.Timestamps;
import dev.klaxon.escalation.IncidentEscalation;
import dev.klaxon.escalation.PageFallbacks;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.common.Problem;
import java.util.List;
import java.util.Objects;
import dev.klaxon.api.v1alpha1.PagingDeferral;
import dev.klaxon.notify.NotificationEvent;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pages the levels of an incident's escalation policy that are due: the escalation package
 * decides who, this records it (timeline, Event) and asks the ledger for each channel's page.
 * The first page of a round waits while the incident's rule is over its hourly limit.
 */
final class Paging {

    private final RuleRateLimits limits;
    private final EventRecorder events;

    Paging(RuleRateLimits limits, EventRecorder events) {
        this.limits = limits;
        this.events = events;
    }

    /**
     * @param onCall       who is on call now in a schedule of the incident's namespace
     * @param forCustomers channels that hear only public updates, never pages
     * @return when the next level, or the end of a deferral, is due
     */
    Optional<Instant> page(Incident incident, IncidentStatus status, Instant now, Optional<EscalationPolicy> policy,
            Function<String, Optional<String>> onCall, Predicate<String> forCustomers) {
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        EscalationState state = status.getEscalation() != null ? status.getEscalation() : new EscalationState();
        status.setEscalation(state);
        Optional<Instant> deferred = deferFirstPage(incident, status, state, now, policy.get());
        if (deferred.isPresent()) {
            return deferred;
        }
        Instant startedAt = state.getStartedAt() != null ? Timestamps.parse(state.getStartedAt()) : IncidentLifecycle.roundStartedAt(status);
        String policyName = policy.get().getMetadata().getName();
        int round = IncidentLifecycle.round(status);
        Optional<EscalationRequest> escalateNow = Optional.ofNullable(incident.getSpec().getEscalateNow())
                .filter(r -> r.getRound() != null && r.getRound() == round);
        IncidentEscalation.Decision decision = IncidentEscalation.decide(policyName, policy.get().getSpec(), state, startedAt,
                IncidentLifecycle.roundAcknowledgedAt(status), status.getResolvedAt() != null, incident.getSpec().getSeverity(), now, onCall,
                escalateNow);
        String time = Timestamps.format(now);
        decision.escalatedNow().ifPresent(request -> {
            String message = "Escalating now, before level " + request.getLevel() + "'s delay ran out, at the request of " + request.getBy()
                    + (request.getVia() == null ? "" : " (" + request.getVia() + ")");
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(time, EventReason.EscalatedNow.name(), message, request.getBy()));
            events.record(incident, EventRecorder.Type.Normal, EventReason.EscalatedNow, message);
        });
        for (IncidentEscalation.Page page : decision.pages()) {
            String message = page.description() + " of " + policyName + ": paging "
                    + (page.people().isEmpty() ? "nobody by name" : String.join(", ", page.people()))
                    + (page.channels().isEmpty() ? "" : " via " + String.join(", ", page.channels()));
            EventReason type = page.event().kind() == NotificationEvent.Kind.Executives ? EventReason.ExecutivesNotified : EventReason.Escalated;
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(time, type.name(), message, KlaxonApi.OPERATOR_AUTHOR));
            events.record(incident, EventRecorder.Type.Normal, type, message);
            for (String channel : page.channels()) {
                if (!forCustomers.test(channel)) {
                    NotificationLedger.request(IncidentReconciler.notifications(status), channel, page.event().inRound(round).key(), message,
                            page.recipients(), now);
                }
            }
        }
        decision.stopped().ifPresent(why -> IncidentLifecycle.addToTimeline(status, new TimelineEntry(time, "EscalationStopped",
                "Escalation stopped at level " + state.getLevel() + ": " + why, KlaxonApi.OPERATOR_AUTHOR)));
        return decision.wakeAt();
    }

    /**
     * Sends a page a channel could not deliver through its level's fallback channels, and says
     * when a page of this round reached nobody; both only while nobody has acknowledged or resolved.
     *
     * @return the page that reached nobody, as the incident's problem
     */
    List<Problem> fallBack(Incident incident, IncidentStatus status, Instant now, Optional<EscalationPolicy> policy, Predicate<String> forCustomers) {
        EscalationState state = status.getEscalation();
        if (policy.isEmpty() || state == null || !policy.get().getMetadata().getName().equals(state.getPolicy())
                || status.getResolvedAt() != null || IncidentLifecycle.roundAcknowledgedAt(status).isPresent()) {
            return List.of();
        }
        PageFallbacks.Result result = PageFallbacks.request(IncidentReconciler.notifications(status), state.getPolicy(), policy.get().getSpec(),
                IncidentLifecycle.round(status), forCustomers, now);
        for (String fellBack : result.fellBack()) {
            IncidentLifecycle.addToTimeline(status, new TimelineEntry(Timestamps.format(now), EventReason.PageFellBack.name(), fellBack,
                    KlaxonApi.OPERATOR_AUTHOR));
            events.record(incident, EventRecorder.Type.Warning, EventReason.PageFellBack, fellBack);
        }
        return result.undelivered().stream().map(why -> new Problem(ConditionReason.PageUndelivered, why + "; nobody has acknowledged")).toList();
    }

    /**
     * Holds back the first page of a round while the incident's rule is over its hourly limit;
     * when it may page, its levels count from then. Returns when to ask again.
     */
    private Optional<Instant> deferFirstPage(Incident incident, IncidentStatus status, EscalationState state, Instant now, EscalationPolicy policy) {
        boolean waitsToPage = (state.getLevel() == null || state.getLevel() == 0) && state.getStopped() == null
                && status.getResolvedAt() == null && IncidentLifecycle.roundAcknowledgedAt(status).isEmpty();
        if (!waitsToPage) {
            status.setPagingDeferredUntil(null); // acknowledged or resolved while it waited: nobody is paged
            status.setPagingDeferredFor(null);
            return Optional.empty();
        }
        // Support hours first: an incident they hold back does not spend its rule's paging budget.
        Optional<Instant> bySupportHours = IncidentEscalation.waitForSupportHours(policy.getSpec(), incident.getSpec().getSeverity(), now);
        Optional<Instant> deferred = bySupportHours.isPresent() ? bySupportHours : limits.pagingDeferredUntil(incident, status, now);
        PagingDeferral why = bySupportHours.isPresent() ? PagingDeferral.SupportHours : PagingDeferral.RuleLimit;
        if (deferred.isPresent()) {
            PagingDeferral before = status.getPagingDeferredUntil() == null ? null
                    : Objects.requireNonNullElse(status.getPagingDeferredFor(), PagingDeferral.RuleLimit);
            if (before != why) {
                String message = "Nobody is paged until " + Timestamps.format(deferred.get()) + (why == PagingDeferral.SupportHours
                        ? ": a " + incident.getSpec().getSeverity() + " incident outside the support hours of EscalationPolicy "
                                + policy.getMetadata().getName() + " pages when they begin"
                        : ": the incidents of its AlertRule started paging incident.maxPagedIncidentsPerHour times within the hour");
                IncidentLifecycle.addToTimeline(status, new TimelineEntry(Timestamps.format(now), "PagingDeferred", message, KlaxonApi.OPERATOR_AUTHOR));
                // Waiting for support hours is the policy working as written; a rule over its budget is worth a look.
                events.record(incident, why == PagingDeferral.SupportHours ? EventRecorder.Type.Normal : EventRecorder.Type.Warning,
                        EventReason.PagingDeferred, message);
            }
            status.setPagingDeferredUntil(Timestamps.format(deferred.get()));
            status.setPagingDeferredFor(why);
        } else if (status.getPagingDeferredUntil() != null) {
            // Its levels count from now: neither a deferral's start nor an earlier policy's offset holds any more.
            state.setStartedAt(Timestamps.format(now));
            state.setAdvancedSeconds(null);
            status.setPagingDeferredUntil(null);
            status.setPagingDeferredFor(null);
        }
        return deferred;
    }
}
