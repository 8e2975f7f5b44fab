package dev.klaxon.statuspage;

import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.MaintenanceWindowStatus;
import dev.klaxon.api.v1alpha1.PublicMaintenance;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.common.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scheduled maintenances a page shows, from the windows published on it: each occurrence a
 * record of its own (scheduled, in progress, completed), kept after it ends and after its window
 * is deleted, as customers' history. Plain, with the time passed in.
 */
final class PublicMaintenances {

    /** What a published window without a title is called on the page. */
    static final String UNTITLED = "Scheduled maintenance";

    static final int MAX = 50;

    private PublicMaintenances() {
    }

    /** @param windows the windows whose spec.publication names this page, with the status their reconciler keeps */
    static List<PublicMaintenance> derive(List<PublicMaintenance> before, List<MaintenanceWindow> windows, List<StatusComponent> components,
            Instant now) {
        Set<String> known = components.stream().map(StatusComponent::getId).collect(Collectors.toSet());
        Map<String, PublicMaintenance> records = new LinkedHashMap<>();
        Map<String, PublicMaintenance> previous = new LinkedHashMap<>();
        before.forEach(r -> previous.put(r.getId(), r));
        for (MaintenanceWindow window : windows) {
            MaintenanceWindowStatus status = window.getStatus();
            if (status == null || status.getPhase() == null || status.getStartsAt() == null || status.getEndsAt() == null) {
                continue;
            }
            PublicMaintenance record = new PublicMaintenance();
            record.setId("mw-" + window.getMetadata().getUid() + "-" + Timestamps.parse(status.getStartsAt()).getEpochSecond());
            record.setWindow(window.getMetadata().getName());
            var publication = window.getSpec().getPublication();
            // The comment is for the team ("rotate the leaked DB password"): only a title is ever public.
            record.setName(publication.getTitle() != null && !publication.getTitle().isBlank() ? publication.getTitle() : UNTITLED);
            // Past its end it is over, whatever a window's status (not updated while the operator was away) still says.
            record.setStatus(!Timestamps.parse(status.getEndsAt()).isAfter(now) ? PublicMaintenance.State.completed
                    : switch (status.getPhase()) {
                        case Active -> PublicMaintenance.State.in_progress;
                        case Scheduled -> PublicMaintenance.State.scheduled;
                        case Ended -> PublicMaintenance.State.completed;
                    });
            record.setScheduledFor(status.getStartsAt());
            record.setScheduledUntil(status.getEndsAt());
            // Only the page's own components: a window cannot put a name on the page that the page does not have.
            record.setComponents(publication.getComponents().stream().filter(known::contains).distinct().toList());
            records.put(record.getId(), withTime(record, previous.get(record.getId()), now));
        }
        for (PublicMaintenance old : before) {
            if (records.containsKey(old.getId())) {
                continue;
            }
            // An occurrence its window no longer shows: it ended (or the window went). One that never began is dropped.
            if (old.getStatus() == PublicMaintenance.State.scheduled && Timestamps.parse(old.getScheduledFor()).isAfter(now)) {
                continue;
            }
            PublicMaintenance done = copy(old);
            done.setStatus(PublicMaintenance.State.completed);
            records.put(done.getId(), withTime(done, old, now));
        }
        Instant oldest = now.minus(PageDerivation.KEPT);
        return new ArrayList<>(records.values().stream()
                .filter(r -> r.getStatus() != PublicMaintenance.State.completed || Timestamps.parse(r.getScheduledUntil()).isAfter(oldest))
                .sorted(Comparator.comparing((PublicMaintenance r) -> r.getStatus() == PublicMaintenance.State.completed)
                        .thenComparing(PublicMaintenance::getScheduledFor, Comparator.reverseOrder()).thenComparing(PublicMaintenance::getId))
                .limit(MAX).toList());
    }

    /** The record with its updatedAt: kept when nothing changed, now when something did. */
    private static PublicMaintenance withTime(PublicMaintenance record, PublicMaintenance before, Instant now) {
        boolean same = before != null && before.getStatus() == record.getStatus() && Objects.equals(before.getName(), record.getName())
                && Objects.equals(before.getScheduledUntil(), record.getScheduledUntil()) && before.getComponents().equals(record.getComponents());
        record.setUpdatedAt(same ? before.getUpdatedAt() : Timestamps.format(now));
        record.setCreatedAt(before != null && before.getCreatedAt() != null ? before.getCreatedAt() : Timestamps.format(now));
        return record;
    }

    private static PublicMaintenance copy(PublicMaintenance from) {
        PublicMaintenance copy = new PublicMaintenance();
        copy.setId(from.getId());
        copy.setWindow(from.getWindow());
        copy.setName(from.getName());
        copy.setStatus(from.getStatus());
        copy.setScheduledFor(from.getScheduledFor());
        copy.setScheduledUntil(from.getScheduledUntil());
        copy.setComponents(new ArrayList<>(from.getComponents()));
        copy.setUpdatedAt(from.getUpdatedAt());
        copy.setCreatedAt(from.getCreatedAt());
        return copy;
    }

    /** The components an in-progress maintenance puts under maintenance. */
    static Set<String> underMaintenance(List<PublicMaintenance> maintenances) {
        return maintenances.stream().filter(m -> m.getStatus() == PublicMaintenance.State.in_progress)
                .flatMap(m -> m.getComponents().stream()).collect(Collectors.toSet());
    }
}
