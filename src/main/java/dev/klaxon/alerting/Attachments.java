package dev.klaxon.alerting;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Which rules have alerts attached to which open incidents, after each rule's last evaluation:
 * so an incident finds its attached alerts without reading every rule, and is woken when they
 * change. Holds only rules with attached alerts (cost follows open work).
 */
final class Attachments {

    /** Rule -> (incident -> the fingerprints of its alerts attached to it). */
    private final Map<ResourceID, Map<ResourceID, Set<String>>> byRule = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> wake = incident -> { };

    void onChange(Consumer<ResourceID> wake) {
        this.wake = wake;
    }

    /** The rule was evaluated: each incident whose attached alerts from it changed is woken. */
    void evaluated(ResourceID rule, Collection<AlertState> alerts) {
        Map<ResourceID, Set<String>> now = alerts.stream().filter(a -> a.phase() == AlertState.Phase.Firing && a.incident() == null)
                .filter(a -> a.attachment().isPresent()).collect(Collectors.groupingBy(
                        a -> new ResourceID(a.attachment().get().incident(), a.attachment().get().namespace()),
                        Collectors.mapping(AlertState::fingerprint, Collectors.toSet())));
        Map<ResourceID, Set<String>> before = now.isEmpty() ? byRule.remove(rule) : byRule.put(rule, now);
        changed(before == null ? Map.of() : before, now);
    }

    /** The rule is no longer evaluated: its attachments go. */
    void forget(ResourceID rule) {
        Map<ResourceID, Set<String>> before = byRule.remove(rule);
        if (before != null) {
            changed(before, Map.of());
        }
    }

    /** The rules with alerts attached to the incident. */
    Set<ResourceID> rulesAttachedTo(ResourceID incident) {
        return byRule.entrySet().stream().filter(e -> e.getValue().containsKey(incident)).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private void changed(Map<ResourceID, Set<String>> before, Map<ResourceID, Set<String>> now) {
        Set<ResourceID> incidents = new HashSet<>(before.keySet());
        incidents.addAll(now.keySet());
        incidents.stream().filter(i -> !Objects.equals(before.get(i), now.get(i))).forEach(i -> wake.accept(i));
    }
}
