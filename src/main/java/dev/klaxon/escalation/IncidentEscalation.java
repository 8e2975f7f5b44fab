package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationRequest;
import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.SupportHours;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Timestamps;
import dev.klaxon.notify.NotificationEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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

    /**
     * One notification: a level of the policy (or the executives), the people it pages (as the
     * timeline says them), the channels that carry it, and the people by name (who get links of
     * their own in it).
     */
    public record Page(NotificationEvent event, String description, List<String> people, List<String> channels, List<String> recipients) {
    }

    /**
     * @param escalatedNow who asked to page the next level now, when that request moved the escalation on
     */
    public record Decision(List<Page> pages, Optional<String> stopped, Optional<Instant> wakeAt, Optional<EscalationRequest> escalatedNow) {
        Decision(List<Page> pages, Optional<String> stopped, Optional<Instant> wakeAt) {
            this(pages, stopped, wakeAt, Optional.empty());
        }
    }

    /** People named per page (status.notifications[].recipients): beyond them, the page still goes out, without their links. */
    static final int MAX_RECIPIENTS = 20;

    private IncidentEscalation() {
    }

    /**
     * @param onCall       who is on call in a schedule now (empty: nobody, or no such schedule)
     * @param escalateNow  a person's request (of this response round) to page the level after the one that paged them now
     */
    public static Decision decide(String policyName, EscalationPolicySpec policy, EscalationState state, Instant openedAt,
            Optional<Instant> acknowledgedAt, boolean resolved, Severity severity, Instant now,
            Function<String, Optional<String>> onCall, Optional<EscalationRequest> escalateNow) {
        List<Page> pages = new ArrayList<>();
        if (state.getPolicy() != null && !state.getPolicy().equals(policyName)) {
            // Another policy now: it starts from its own level 1 (the executives were told already).
            Boolean executives = state.getExecutivesNotified();
            state.setRound(null);
            state.setLevel(null);
            state.setStopped(null);
            state.setNextAt(null);
            state.setExecutivesNotified(executives);
            // Its levels count from now, also in later reconciles (the round's start is the same then): a negative advance.
            long sinceOpened = Duration.between(openedAt, now).toSeconds();
            state.setAdvancedSeconds(sinceOpened > 0 ? -sinceOpened : null);
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
            state.setEndsAt(null);
            return new Decision(pages, Optional.of(why), Optional.empty());
        }
        List<Duration> delays = policy.getLevels().stream().map(l -> KlaxonDurations.parse(l.getDelay())).toList();
        int repeat = policy.getRepeat() == null ? 0 : policy.getRepeat();
        long advanced = state.getAdvancedSeconds() == null ? 0 : state.getAdvancedSeconds();
        EscalationPlan plan = new EscalationPlan(openedAt.minusSeconds(advanced), delays, repeat);
        int round = state.getRound() == null ? 0 : state.getRound();
        int level = state.getLevel() == null ? 0 : state.getLevel();
        // A request acts once: the one honoured last is remembered by when it was asked, also across a switch of policy and back.
        Optional<EscalationRequest> honoured = escalateNow.filter(r -> r.getLevel() != null && r.getLevel() == level
                && (r.getRepeat() == null ? 0 : r.getRepeat()) == round && policyName.equals(r.getPolicy())
                && !java.util.Objects.equals(r.getRequestedAt(), state.getEscalatedNowAt()));
        Optional<EscalationPlan.Step> following = plan.after(round, level);
        if (honoured.isPresent() && following.isPresent()) {
            if (following.get().at().isAfter(now)) {
                // The whole plan moves earlier by what was left of this level's delay: the next level is
                // due now, and the ones after it keep their delays. Whole seconds, rounded up, so the step
                // is due now. (startedAt stays: the rule's paging budget counts from it.)
                Duration left = Duration.between(now, following.get().at());
                advanced += left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
                state.setAdvancedSeconds(advanced);
                plan = new EscalationPlan(openedAt.minusSeconds(advanced), delays, repeat);
            }
            state.setEscalatedNowAt(honoured.get().getRequestedAt());
        } else {
            honoured = Optional.empty();
        }
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
        state.setEndsAt(Timestamps.format(plan.exhaustedAt()));
        Optional<String> stopped = Optional.empty();
        if (next.isEmpty() && !now.isBefore(plan.exhaustedAt())) {
            stopped = Optional.of("exhausted: nobody acknowledged after every level"
                    + (policy.getRepeat() != null && policy.getRepeat() > 0 ? " and " + policy.getRepeat() + " repeats" : ""));
        }
        stopped.ifPresent(state::setStopped);
        Optional<Instant> wakeAt = stopped.isPresent() ? Optional.empty()
                : Optional.of(next.map(EscalationPlan.Step::at).orElse(plan.exhaustedAt()));
        return new Decision(pages, stopped, wakeAt, honoured);
    }

    /**
     * Until when a new incident of {@code severity} waits to be paged: the next opening of the
     * policy's support hours, when it names the severity and {@code now} is outside them; empty
     * when it pages now.
     */
    public static Optional<Instant> waitForSupportHours(EscalationPolicySpec policy, Severity severity, Instant now) {
        SupportHours hours = policy.getSupportHours();
        if (hours == null || hours.getSeverities() == null || !hours.getSeverities().contains(severity) || hours.getWindows() == null
                || hours.getWindows().isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(hours.getTimeZone());
        } catch (java.time.DateTimeException e) {
            return Optional.empty(); // reported on the policy; an unknown zone never keeps a page back
        }
        return TimeWindows.insideAny(hours.getWindows(), now, zone) ? Optional.empty() : TimeWindows.nextOpening(hours.getWindows(), now, zone);
    }

    private static Page page(NotificationEvent event, String description, EscalationTargets targets, Function<String, Optional<String>> onCall) {
        List<String> people = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        if (targets.getUsers() != null) {
            people.addAll(targets.getUsers());
            recipients.addAll(targets.getUsers());
        }
        if (targets.getSchedules() != null) {
            for (String schedule : targets.getSchedules()) {
                Optional<String> user = onCall.apply(schedule);
                user.filter(u -> !recipients.contains(u)).ifPresent(recipients::add);
                people.add(user.map(u -> u + " (on call in " + schedule + ")").orElse("nobody (no one on call in " + schedule + ")"));
            }
        }
        return new Page(event, description, people, targets.getChannels() == null ? List.of() : targets.getChannels(),
                recipients.stream().limit(MAX_RECIPIENTS).toList());
    }
}
