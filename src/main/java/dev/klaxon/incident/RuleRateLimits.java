package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.common.Timestamps;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds back paging and playbook runs of a rule's incidents past the rule's hourly limits
 * ({@code incident.maxPagedIncidentsPerHour}, {@code incident.maxAutoRunsPerHour}). The rule's
 * other incidents come from the incident informer's index, so asking costs no request.
 */
final class RuleRateLimits {

    private static final String BY_RULE = "by-rule";

    private final RuleLimits limits;
    private final RuleBudget paging = new RuleBudget();
    private final RuleBudget runs = new RuleBudget();
    private volatile IndexedResourceCache<Incident> incidents;

    RuleRateLimits(RuleLimits limits) {
        this.limits = limits;
    }

    void index(IndexerResourceCache<Incident> cache) {
        cache.addIndexers(Map.of(BY_RULE, incident -> ruleKey(incident).map(List::of).orElse(List.of())));
        this.incidents = cache;
    }

    /** Empty when the incident may start paging now, else when to ask again. Only asked while it waits to page. */
    Optional<Instant> pagingDeferredUntil(Incident incident, IncidentStatus status, Instant now) {
        return ask(incident, status, now, paging, RuleLimits.Limits::pagedIncidentsPerHour, RuleRateLimits::pagingMember);
    }

    /** Empty when the incident may start its playbook run now, else when to ask again. Only asked while it waits for its run. */
    Optional<Instant> autoRunDeferredUntil(Incident incident, IncidentStatus status, Instant now) {
        return ask(incident, status, now, runs, RuleLimits.Limits::autoRunsPerHour, RuleRateLimits::autoRunMember);
    }

    private Optional<Instant> ask(Incident incident, IncidentStatus status, Instant now, RuleBudget budget,
            Function<RuleLimits.Limits, Integer> perHour, Function<Incident, Optional<RuleBudget.Member>> member) {
        Optional<String> rule = ruleKey(incident);
        Optional<RuleLimits.Limits> ruleLimits = rule.isPresent() ? limits.of(incident) : Optional.empty();
        if (ruleLimits.isEmpty() || incidents == null) {
            return Optional.empty();
        }
        RuleBudget.Member own = new RuleBudget.Member(incident.getMetadata().getName(), roundStart(incident, status), null);
        List<RuleBudget.Member> members = incidents.byIndex(BY_RULE, rule.get()).stream()
                .map(member).flatMap(Optional::stream).toList();
        return budget.ask(rule.get(), own, members, perHour.apply(ruleLimits.get()), now);
    }

    /** Started paging when a level of its round was paged; waits while open with a policy and nobody paged yet. */
    private static Optional<RuleBudget.Member> pagingMember(Incident incident) {
        IncidentStatus status = Objects.requireNonNullElseGet(incident.getStatus(), IncidentStatus::new);
        EscalationState escalation = status.getEscalation();
        Instant roundStart = roundStart(incident, status);
        if (status.getPagingDeferredFor() == dev.klaxon.api.v1alpha1.PagingDeferral.SupportHours) {
            return Optional.empty(); // it waits for its policy's support hours, not for the rule's budget: it holds back no one
        }
        if (escalation != null && escalation.getLevel() != null && escalation.getLevel() > 0) {
            return Optional.of(new RuleBudget.Member(incident.getMetadata().getName(), roundStart,
                    escalation.getStartedAt() != null ? Timestamps.parse(escalation.getStartedAt()) : roundStart));
        }
        boolean waits = IncidentOpener.isOpen(incident) && incident.getSpec().getEscalationPolicyRef() != null
                && (status.getDetectedAt() == null || IncidentLifecycle.roundAcknowledgedAt(status).isEmpty());
        return waits ? Optional.of(new RuleBudget.Member(incident.getMetadata().getName(), roundStart, null)) : Optional.empty();
    }

    private static Optional<RuleBudget.Member> autoRunMember(Incident incident) {
        IncidentStatus status = Objects.requireNonNullElseGet(incident.getStatus(), IncidentStatus::new);
        Instant opened = openedAt(incident, status);
        if (status.getAutoRunStartedAt() != null) {
            return Optional.of(new RuleBudget.Member(incident.getMetadata().getName(), opened, Timestamps.parse(status.getAutoRunStartedAt())));
        }
        var annotations = incident.getMetadata().getAnnotations();
        boolean waits = IncidentOpener.isOpen(incident) && status.getAutoRun() == null && annotations != null
                && annotations.containsKey(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK);
        return waits ? Optional.of(new RuleBudget.Member(incident.getMetadata().getName(), opened, null)) : Optional.empty();
    }

    private static Instant roundStart(Incident incident, IncidentStatus status) {
        return status.getDetectedAt() != null ? IncidentLifecycle.roundStartedAt(status) : openedAt(incident, status);
    }

    private static Instant openedAt(Incident incident, IncidentStatus status) {
        String at = status.getDetectedAt() != null ? status.getDetectedAt() : incident.getMetadata().getCreationTimestamp();
        return at != null ? Timestamps.parse(at) : Instant.EPOCH;
    }


    /** Whether the rules' hourly budgets count this incident (it carries a rule's label). */
    static boolean isCounted(Incident incident) {
        return ruleKey(incident).isPresent();
    }

    private static Optional<String> ruleKey(Incident incident) {
        var labels = incident.getMetadata().getLabels();
        String rule = labels == null ? null : labels.get(KlaxonApi.LABEL_RULE);
        return rule == null ? Optional.empty() : Optional.of(incident.getMetadata().getNamespace() + "/" + rule);
    }
}
