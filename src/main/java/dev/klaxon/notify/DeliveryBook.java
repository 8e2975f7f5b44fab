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
 * written to its incident's status. One lock for both: a send moves from the first to the second
 * at once, so a reconcile never sees it in neither and sends it again.
 */
final class DeliveryBook {

    /** Outcomes of incidents that are never reconciled again (deleted) are forgotten after this. */
    private static final Duration KEEP = Duration.ofHours(1);

    /**
     * One message: a record of an incident's ledger. The UID tells an incident from a later one of
     * the same name, so an outcome never lands on the wrong one.
     */
    record Key(ResourceID incident, String uid, String channel, String event) {
    }

    /** How a send ended: {@code failure} null when delivered. */
    record Finished(Key key, String answer, DeliveryException failure, Instant at) {
    }

    record View(Set<Key> inFlight, List<Finished> finished) {
    }

    private final Map<ResourceID, Set<Key>> inFlight = new HashMap<>();
    private final Map<ResourceID, List<Finished>> finished = new HashMap<>();

    synchronized View of(ResourceID incident) {
        return new View(Set.copyOf(inFlight.getOrDefault(incident, Set.of())), List.copyOf(finished.getOrDefault(incident, List.of())));
    }

    synchronized void handedOut(Key key) {
        inFlight.computeIfAbsent(key.incident(), i -> new HashSet<>()).add(key);
    }

    synchronized void finished(Finished outcome) {
        finished.values().forEach(list -> list.removeIf(f -> f.at().isBefore(outcome.at().minus(KEEP))));
        finished.values().removeIf(List::isEmpty);
        finished.computeIfAbsent(outcome.key().incident(), i -> new ArrayList<>()).add(outcome);
        Set<Key> mine = inFlight.get(outcome.key().incident());
        if (mine != null && mine.remove(outcome.key()) && mine.isEmpty()) {
            inFlight.remove(outcome.key().incident());
        }
    }

    /** The outcomes are in the incident's status now. */
    synchronized void recorded(ResourceID incident, List<Finished> outcomes) {
        List<Finished> list = finished.get(incident);
        if (list != null) {
            list.removeAll(outcomes);
            if (list.isEmpty()) {
                finished.remove(incident);
            }
        }
    }
}
