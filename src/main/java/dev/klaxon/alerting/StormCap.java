package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.EventRecorder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rule's cap on open incidents during one evaluation ({@code incident.maxOpenIncidents}):
 * which incidents are its own, and the storm incident the alerts beyond the cap share — opened on
 * first need, with a Warning Event, and told how many alerts it stands for when that changes.
 */
final class StormCap {

    /** What the engine remembers between evaluations: per rule its storm incident, per storm incident the count last written. */
    static final class Memory {
        private final Map<ResourceID, String> incidents = new ConcurrentHashMap<>();
        private final Map<ResourceID, Integer> counts = new ConcurrentHashMap<>();

        void forget(ResourceID rule) {
            String incident = incidents.remove(rule);
            if (incident != null) {
                counts.remove(new ResourceID(incident, rule.getNamespace().orElse(null)));
            }
        }
    }

    private final AlertRule rule;
    private final ResourceID id;
    private final int cap;
    private final IncidentWriter writer;
    private final EventRecorder events;
    private final Memory memory;
    private final Set<String> own = new HashSet<>();
    private int reserved;
    private String shared;

    StormCap(AlertRule rule, Collection<AlertState> alerts, IncidentWriter writer, EventRecorder events, Memory memory) {
        this.rule = rule;
        this.id = ResourceID.fromResource(rule);
        this.cap = IncidentWriter.maxOpenIncidents(rule.getSpec());
        this.writer = writer;
        this.events = events;
        this.memory = memory;
        this.shared = memory.incidents.get(id);
        alerts.stream().map(AlertState::incident).filter(i -> i != null && !i.equals(shared)).forEach(own::add);
    }

    boolean full() {
        return own.size() + reserved >= cap;
    }

    /** An incident of its own is being opened for an alert (or found). */
    void reserve() {
        reserved++;
    }

    /** The incident the alerts beyond the cap share, opened (or found, after a restart) on first need. */
    String shared(Severity severity, Instant at) {
        if (shared == null) {
            shared = writer.ensureStormIncident(rule, severity, 1, at);
            own.remove(shared);
            memory.incidents.put(id, shared);
            events.record(rule, EventRecorder.Type.Warning, EventReason.IncidentCapReached, "the rule has " + cap
                    + " open incidents (incident.maxOpenIncidents): its further alerts share incident " + shared);
        }
        return shared;
    }

    /** Tells the storm's incident how many alerts it stands for, when that changed. */
    void count(Collection<AlertState> alerts) {
        if (shared == null) {
            return;
        }
        int count = (int) alerts.stream().filter(a -> shared.equals(a.incident())).count();
        ResourceID key = new ResourceID(shared, rule.getMetadata().getNamespace());
        Integer told = memory.counts.get(key);
        if (count > 0 && (told == null || told != count)) {
            writer.countStorm(rule.getMetadata().getNamespace(), shared, count);
            memory.counts.put(key, count);
        }
        if (count == 0) {
            memory.forget(id);
        }
    }
}
