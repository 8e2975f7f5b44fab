package dev.klaxon.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many of one rule's incidents may start something (paging, a playbook run) in any hour. The
 * ones that wait go in the order their round began, each as soon as an earlier start is an hour
 * old. Decided from the incidents themselves, so a restarted operator decides alike, plus the
 * starts granted in this process that the cache may not show yet (incidents reconcile in parallel).
 */
final class RuleBudget {

    static final Duration WINDOW = Duration.ofHours(1);

    /**
     * One of the rule's incidents, as its status tells: when its current round began, and when it
     * started the thing counted (null while it waits for it; absent from the list when it neither
     * started nor waits, e.g. it has no escalation policy).
     */
    record Member(String name, Instant roundStart, Instant startedAt) {
        boolean waits() {
            return startedAt == null;
        }
    }

    private static final Comparator<Member> ORDER = Comparator.comparing(Member::roundStart).thenComparing(Member::name);

    /** What this process granted per rule key, by incident name (and round start), not yet seen in every cache. */
    private final Map<String, Map<String, Member>> granted = new HashMap<>();

    /**
     * Asks for {@code own} (which waits) to start now; when it may, the grant is remembered so
     * parallel reconciles of the rule's other incidents count it.
     *
     * @return empty when it may start now, else when to ask again
     */
    synchronized Optional<Instant> ask(String rule, Member own, Collection<Member> fromCache, int perHour, Instant now) {
        Map<String, Member> ours = granted.computeIfAbsent(rule, r -> new HashMap<>());
        ours.values().removeIf(m -> !m.startedAt().isAfter(now.minus(WINDOW)));
        List<Member> members = fromCache.stream().map(m -> {
            Member grant = ours.get(m.name());
            return m.waits() && grant != null && grant.roundStart().equals(m.roundStart()) ? grant : m;
        }).toList();
        Optional<Instant> until = deferredUntil(own, members, perHour, now);
        if (until.isEmpty()) {
            ours.put(own.name(), new Member(own.name(), own.roundStart(), now));
        }
        if (ours.isEmpty()) {
            granted.remove(rule);
        }
        return until;
    }

    /**
     * The decision alone: {@code own} may start when the starts within the last hour plus the
     * members that wait ahead of it stay under {@code perHour}.
     *
     * @return empty when it may start now, else when enough earlier starts will be an hour old
     */
    static Optional<Instant> deferredUntil(Member own, Collection<Member> members, int perHour, Instant now) {
        Instant windowStart = now.minus(WINDOW);
        List<Instant> started = members.stream().filter(m -> !m.name().equals(own.name()) && !m.waits()
                && m.startedAt().isAfter(windowStart)).map(Member::startedAt).sorted().toList();
        long ahead = members.stream().filter(m -> !m.name().equals(own.name()) && m.waits() && ORDER.compare(m, own) < 0).count();
        long over = started.size() + ahead - perHour + 1;
        if (over <= 0) {
            return Optional.empty();
        }
        // The over-th oldest start leaving the hour frees the place; when the wait is longer than
        // the starts we know of, ask again when the newest leaves it.
        Instant freed = over <= started.size() ? started.get((int) over - 1) : started.isEmpty() ? now : started.get(started.size() - 1);
        return Optional.of(freed.plus(WINDOW));
    }
}
