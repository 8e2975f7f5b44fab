package dev.klaxon.alerting;

import dev.klaxon.alerting.AlertState.Phase;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prometheus alert semantics plus incident auto-resolve: Pending until the conditions held for
 * `for`, Firing (kept for `keepFiringFor` after they stop holding), then Resolving until
 * `autoResolve.after` passes without a re-fire. Pure: the caller supplies the time, and calls
 * it only with a successful evaluation, so a Prometheus outage moves nothing; a series that
 * vanished from a successful answer is the rule's noData choice.
 */
public final class AlertStateMachine {

    /** What the caller must act on. */
    public sealed interface Event permits Fired, Resolved, StoppedFiring {
        AlertState alert();
    }

    /** Open (or keep) the alert's incident. */
    public record Fired(AlertState alert) implements Event {
    }

    /** Resolve the alert's incident: it stopped firing at alert.resolvedAt() and stayed quiet for autoResolve.after. */
    public record Resolved(AlertState alert) implements Event {
    }

    /** It stopped firing and auto-resolve is off: the incident stays open for people to resolve. */
    public record StoppedFiring(AlertState alert) implements Event {
    }

    public record Step(Map<String, AlertState> alerts, List<Event> events) {
    }

    private AlertStateMachine() {
    }

    public static Step advance(Map<String, AlertState> current, Map<String, Observation> observed, Instant now, AlertTiming timing) {
        Map<String, AlertState> next = new LinkedHashMap<>();
        List<Event> events = new ArrayList<>();
        Set<String> fingerprints = new LinkedHashSet<>(current.keySet());
        fingerprints.addAll(observed.keySet());
        for (String fp : fingerprints) {
            AlertState state = current.get(fp);
            Observation observation = observed.get(fp);
            if (state != null && observation != null) {
                state = state.withValue(observation.value()).withNoDataSince(null);
            }
            AlertState after;
            // No data is the whole answer being empty (target down, scrape broken, a fresh Prometheus).
            // One series gone while others answer is that series ending (a pod replaced): quiet.
            if (observation == null && state != null && observed.isEmpty() && timing.noData() != AlertRuleSpec.NoData.Resolve) {
                after = withoutData(state, now, timing, events);
            } else {
                after = observation != null && observation.holds()
                        ? whileHolding(state, observation, now, timing, events)
                        : whileQuiet(state, now, timing, events);
            }
            if (after != null) {
                next.put(fp, after);
            }
        }
        return new Step(next, events);
    }

    private static AlertState whileHolding(AlertState state, Observation o, Instant now, AlertTiming timing, List<Event> events) {
        if (state == null) {
            state = new AlertState(o.fingerprint(), o.labels(), o.value(), Phase.Pending, now, null, null, null, null);
        } else if (state.phase() == Phase.Resolving) {
            // Back before its incident resolved: pending again, on the same incident. resolvedAt stays, so
            // blips that never fire again do not keep postponing the auto-resolve.
            state = new AlertState(state.fingerprint(), state.labels(), o.value(), Phase.Pending, now, null, null, state.resolvedAt(),
                    state.incident(), null, keptAttachment(state));
        }
        return switch (state.phase()) {
            case Pending -> elapsed(state.activeAt(), now, timing.forDuration()) ? fire(state, now, events) : state;
            case Firing -> state.withKeepFiringSince(null);
            case Resolving -> throw new IllegalStateException("unreachable");
        };
    }

    /**
     * The query answered nothing at all (target down, scrape broken, a fresh Prometheus): that
     * says nothing about the service, so no alert is resolved for it. Keep holds each alert where
     * it is (a firing one keeps firing, a resolving one waits); Alert counts it as holding. A
     * pending alert that never fired has nothing to keep: it is dropped.
     */
    private static AlertState withoutData(AlertState state, Instant now, AlertTiming timing, List<Event> events) {
        Instant since = state.noDataSince() != null ? state.noDataSince() : now;
        if (timing.noData() == AlertRuleSpec.NoData.Alert) {
            Observation holding = new Observation(state.fingerprint(), state.labels(), state.value(), true);
            AlertState after = whileHolding(state, holding, now, timing, events);
            return after.withNoDataSince(since);
        }
        if (state.phase() == Phase.Pending && state.incident() == null) {
            return null;
        }
        return state.withNoDataSince(since);
    }

    /**
     * The incident an alert is attached to stays its own through a blip (stopping and firing again
     * while that incident is open), so a flapping alert neither joins again nor pages.
     */
    private static Suppressions.Suppression keptAttachment(AlertState state) {
        return state.incident() == null ? state.attachment().orElse(null) : null;
    }

    private static AlertState fire(AlertState pending, Instant now, List<Event> events) {
        AlertState firing = new AlertState(pending.fingerprint(), pending.labels(), pending.value(), Phase.Firing,
                pending.activeAt(), now, null, null, pending.incident(), pending.noDataSince(), keptAttachment(pending));
        events.add(new Fired(firing));
        return firing;
    }

    private static AlertState whileQuiet(AlertState state, Instant now, AlertTiming timing, List<Event> events) {
        if (state == null) {
            return null;
        }
        return switch (state.phase()) {
            case Pending -> state.incident() == null ? null : resolving(state, now, timing, events);
            case Firing -> {
                Instant quietSince = state.keepFiringSince() != null ? state.keepFiringSince() : now;
                if (!elapsed(quietSince, now, timing.keepFiringFor())) {
                    yield state.withKeepFiringSince(quietSince);
                }
                yield resolving(state, now, timing, events);
            }
            case Resolving -> resolveIfDue(state, now, timing, events);
        };
    }

    private static AlertState resolving(AlertState state, Instant now, AlertTiming timing, List<Event> events) {
        Instant stoppedAt = state.resolvedAt() != null ? state.resolvedAt() : now;
        AlertState stopped = new AlertState(state.fingerprint(), state.labels(), state.value(), Phase.Resolving,
                state.activeAt(), state.firingAt(), null, stoppedAt, state.incident(), null, keptAttachment(state));
        if (!timing.autoResolve()) {
            events.add(new StoppedFiring(stopped));
            return null;
        }
        return resolveIfDue(stopped, now, timing, events);
    }

    private static AlertState resolveIfDue(AlertState resolving, Instant now, AlertTiming timing, List<Event> events) {
        if (elapsed(resolving.resolvedAt(), now, timing.autoResolveAfter())) {
            events.add(new Resolved(resolving));
            return null;
        }
        return resolving;
    }

    private static boolean elapsed(Instant since, Instant now, Duration duration) {
        return !now.isBefore(since.plus(duration));
    }
}
