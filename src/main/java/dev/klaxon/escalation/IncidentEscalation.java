package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.NotificationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves an incident's escalation on: which levels are due now (each only once: the position
 * reached is kept in {@code status.escalation}), who they page, whether the executives of a
 * SEV1/SEV2 incident are due, and when to look again. Plain, with the time passed in.
 */
public final class IncidentEscalation {

    /** One notification: a level of the policy (or the executives), the people it pages and the channels that carry it. */
    public record Page(NotificationEvent event, String description, List<String> people, List<String> channels) {
    }

    public record Decision(List<Page> pages, Optional<String> stopped, Optional<Instant> wakeAt) {
    }

    private IncidentEscalation() {
    }

    /**
     * @param onCall who is on call in a schedule now (empty: nobody, or no such schedule)
     */
    public static Decision decide(String policyName, EscalationPolicySpec policy, EscalationState state, Instant openedAt,
            Optional<Instant> acknowledgedAt, boolean resolved, Severity severity, Instant now,
            Function<String, Optional<String>> onCall) {
        List<Page> pages = new ArrayList<>();
        if (state.getPolicy() != null && !state.getPolicy().equals(policyName)) {
            // Another policy now: it starts from its own level 1 (the executives were told already).
            Boolean executives = state.getExecutivesNotified();
            state.setRound(null);
            state.setLevel(null);
            state.setStopped(null);
            state.setNextAt(null);
            state.setExecutivesNotified(executives);
            openedAt = now;
        }
        state.setPolicy(policyName);
        // Executives hear of a SEV1/SEV2 also when it is raised after the climb stopped.
        if (!Boolean.TRUE.equals(state.getExecutivesNotified()) && policy.getExecutives() != null
                && (severity == Severity.SEV1 || severity == Severity.SEV2) && !resolved) {
            pages.add(page(NotificationEvent.of(NotificationEvent.Kind.Executives, 1), "Executive notification (" + severity + ")", policy.getExecutives(), onCall));
            state.setExecutivesNotified(true);
        }
        if (state.getStopped() != null) {
            return new Decision(pages, Optional.empty(), Optional.empty());
        }
        if (resolved || acknowledgedAt.isPresent()) {
            // Someone answered: nobody else is paged, even a level that fell due before the
            // operator saw the acknowledgement.
            String why = resolved ? "resolved" : "acknowledged";
            state.setStopped(why);
            state.setNextAt(null);
            return new Decision(pages, Optional.of(why), Optional.empty());
        }
        EscalationPlan plan = new EscalationPlan(openedAt,
                policy.getLevels().stream().map(l -> KlaxonDurations.parse(l.getDelay())).toList(),
                policy.getRepeat() == null ? 0 : policy.getRepeat());
        int round = state.getRound() == null ? 0 : state.getRound();
        int level = state.getLevel() == null ? 0 : state.getLevel();
        for (EscalationPlan.Step step : plan.due(now, Optional.empty())) {
            if (step.isAfter(round, level)) {
                EscalationLevel definition = policy.getLevels().get(step.level() - 1);
                pages.add(page(NotificationEvent.page(policyName, step.round(), step.level()), "Level " + step.level()
                        + (step.round() > 0 ? " (repeat " + step.round() + ")" : ""), definition.getTargets(), onCall));
                state.setRound(step.round());
                state.setLevel(step.level());
                state.setLastNotifiedAt(Timestamps.format(now));
            }
        }
        Optional<EscalationPlan.Step> next = plan.next(now, Optional.empty());
        state.setNextAt(next.map(s -> Timestamps.format(s.at())).orElse(null));
        Optional<String> stopped = Optional.empty();
        if (next.isEmpty() && !now.isBefore(plan.exhaustedAt())) {
            stopped = Optional.of("exhausted: nobody acknowledged after every level"
                    + (policy.getRepeat() != null && policy.getRepeat() > 0 ? " and " + policy.getRepeat() + " repeats" : ""));
        }
        stopped.ifPresent(state::setStopped);
        Optional<Instant> wakeAt = stopped.isPresent() ? Optional.empty()
                : Optional.of(next.map(EscalationPlan.Step::at).orElse(plan.exhaustedAt()));
        return new Decision(pages, stopped, wakeAt);
    }

    private static Page page(NotificationEvent event, String description, EscalationTargets targets, Function<String, Optional<String>> onCall) {
        List<String> people = new ArrayList<>();
        if (targets.getUsers() != null) {
            people.addAll(targets.getUsers());
        }
        if (targets.getSchedules() != null) {
            for (String schedule : targets.getSchedules()) {
                people.add(onCall.apply(schedule).map(user -> user + " (on call in " + schedule + ")")
                        .orElse("nobody (no one on call in " + schedule + ")"));
            }
        }
        return new Page(event, description, people, targets.getChannels() == null ? List.of() : targets.getChannels());
    }
}
