package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.HeldBackAlert;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.Timestamps;
import dev.klaxon.incident.HeldBackAlerts;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The alerts attached to an incident, from the engine's last evaluation of each rule that has
 * some: the most recently fired first, within the byte budget the rules' status lists use.
 */
@ApplicationScoped
public class AttachedAlerts implements HeldBackAlerts {

    private final AlertEngine engine;
    private final long maxBytes;

    public AttachedAlerts(AlertEngine engine, KlaxonConfig config) {
        this.engine = engine;
        this.maxBytes = config.evaluation().maxStatusAlertBytes().asLongValue();
    }

    @Override
    public Optional<Listed> of(Incident incident) {
        ResourceID root = ResourceID.fromResource(incident);
        record Found(ResourceID rule, AlertState alert, Suppressions.Attachment attachment) {
        }
        List<Found> found = new ArrayList<>();
        for (ResourceID rule : engine.attachments().rulesAttachedTo(root)) {
            engine.snapshot(rule).ifPresent(snapshot -> snapshot.alerts().values().stream()
                    .filter(a -> a.phase() == AlertState.Phase.Firing && a.incident() == null)
                    .forEach(a -> a.attachment().filter(at -> at.incident().equals(root.getName())
                            && at.namespace().equals(root.getNamespace().orElse(null))).ifPresent(at -> found.add(new Found(rule, a, at)))));
        }
        if (found.isEmpty()) {
            return engine.settled() ? Optional.of(new Listed(List.of(), 0)) : Optional.empty();
        }
        found.sort(Comparator.comparing((Found f) -> f.alert().firingAt() == null ? Instant.MIN : f.alert().firingAt()).reversed()
                .thenComparing(f -> f.alert().fingerprint()));
        return Optional.of(new Listed(bounded(found.stream().map(f -> {
            HeldBackAlert alert = new HeldBackAlert();
            alert.setNamespace(f.rule().getNamespace().orElse(null));
            alert.setAlertRule(f.rule().getName());
            alert.setLabels(f.alert().labels());
            alert.setFiringAt(f.alert().firingAt() == null ? null : Timestamps.format(f.alert().firingAt()));
            alert.setReason(f.attachment().reason());
            return alert;
        }).toList(), maxBytes), found.size()));
    }

    /** The first of {@code alerts} that fit in {@code maxBytes} as a status list. */
    static List<HeldBackAlert> bounded(List<HeldBackAlert> alerts, long maxBytes) {
        List<HeldBackAlert> listed = new ArrayList<>();
        long bytes = 2;
        for (HeldBackAlert alert : alerts) {
            bytes += StatusAlerts.size(alert) + 1;
            if (bytes > maxBytes) {
                break;
            }
            listed.add(alert);
        }
        return listed;
    }

    @Override
    public void onChange(Consumer<ResourceID> wake) {
        engine.attachments().onChange(wake);
    }

    @Override
    public void released(Incident incident) {
        engine.attachments().rulesAttachedTo(ResourceID.fromResource(incident)).forEach(engine::evaluateSoon);
    }
}
