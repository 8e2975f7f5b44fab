package dev.klaxon.notify;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this process has on its way (handed out, not finished) and what finished but is not yet
 * written to its owner's status (an incident's, or a review's). One lock for both: a send moves from the first to the second
 * at once, so a reconcile never sees it in neither and sends it again.
 */
final class DeliveryBook {

    /** The object whose status holds the notification records: its kind and its name. */
    record Owner(String kind, ResourceID id) {
    }

    /** Outcomes of owners that are never reconciled again (deleted) are forgotten after this. */
    private static final Duration KEEP = Duration.ofHours(1);

    /**
     * One message: a record of an owner's ledger. The UID tells an incident from a later one of
     * the same name, so an outcome never lands on the wrong one.
     */
    record Key(Owner owner, String uid, String channel, String event) {
    }

    /** How a send ended: {@code failure} null when delivered. */
    record Finished(Key key, String answer, DeliveryException failure, Instant at) {
    }

    record View(Set<Key> inFlight, List<Finished> finished) {
    }

    private final Map<Owner, Set<Key>> inFlight = new HashMap<>();
    private final Map<Owner, List<Finished>> finished = new HashMap<>();

    synchronized View of(Owner owner) {
        return new View(Set.copyOf(inFlight.getOrDefault(owner, Set.of())), List.copyOf(finished.getOrDefault(owner, List.of())));
    }

    synchronized void handedOut(Key key) {
        inFlight.computeIfAbsent(key.owner(), i -> new HashSet<>()).add(key);
    }

    synchronized void finished(Finished outcome) {
        finished.values().forEach(list -> list.removeIf(f -> f.at().isBefore(outcome.at().minus(KEEP))));
        finished.values().removeIf(List::isEmpty);
        finished.computeIfAbsent(outcome.key().owner(), i -> new ArrayList<>()).add(outcome);
        Set<Key> mine = inFlight.get(outcome.key().owner());
        if (mine != null && mine.remove(outcome.key()) && mine.isEmpty()) {
            inFlight.remove(outcome.key().owner());
        }
    }

    /** The outcomes are in the owner's status now. */
    synchronized void recorded(Owner owner, List<Finished> outcomes) {
        List<Finished> list = finished.get(owner);
        if (list != null) {
            list.removeAll(outcomes);
            if (list.isEmpty()) {
                finished.remove(owner);
            }
        }
    }
}
