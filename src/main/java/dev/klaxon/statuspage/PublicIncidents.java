package dev.klaxon.statuspage;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPublication;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.common.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An incident as its status page tells it, brought up to date from the incident: only the public
 * title, impact and the updates marked public ever reach it. The page writes some updates itself
 * (as the guide's StatusBot): the first one, one for a change of public status that came without
 * a public update, and the resolution.
 */
final class PublicIncidents {

    static final String BOT = "StatusBot";
    /** Ids of the updates the page writes itself, and of the ones people posted. */
    private static final String BOT_ID = "b-";
    private static final String PERSON_ID = "u-";
    /** The incident's public updates a page shows: the newest ones. */
    static final int MAX_PUBLIC_UPDATES = 100;

    private PublicIncidents() {
    }

    /** {@code previous} (null when first published) brought up to date with {@code incident}, which is published. */
    static PublicIncident update(PublicIncident previous, Incident incident, List<StatusComponent> components, Instant now) {
        IncidentPublication publication = incident.getSpec().getPublication();
        PublicIncident record = previous != null ? previous : new PublicIncident();
        record.setId(idOf(incident));
        record.setIncident(incident.getMetadata().getName());
        record.setTitle(publication.getTitle());
        record.setImpact(publication.getImpact());
        record.setVisibility(publication.getVisibility());
        record.setSeverity(incident.getStatus() != null && incident.getStatus().getSeverity() != null
                ? incident.getStatus().getSeverity() : incident.getSpec().getSeverity());
        record.setComponents(affected(incident, components));
        if (record.getStartedAt() == null) {
            String detected = incident.getStatus() != null ? incident.getStatus().getDetectedAt() : null;
            record.setStartedAt(detected != null ? detected : Timestamps.format(now));
        }
        boolean open = incident.getSpec().getPhase() == null || incident.getSpec().getPhase().isOpen();
        PublicIncidentStatus status = open ? publication.getStatus() : PublicIncidentStatus.resolved;
        if (open && status == PublicIncidentStatus.resolved) {
            // Said resolved while the incident is not: the page says so only once the incident is.
            status = PublicIncidentStatus.monitoring;
        }
        String time = Timestamps.format(now);
        String shownAt = Timestamps.formatPrecise(now);
        List<PublicUpdate> updates = record.getUpdates();
        String first = "We are investigating reports of " + lowerFirst(publication.getImpact()) + ".";
        String firstId = BOT_ID + digest(record.getId() + "|first");
        if (updates.isEmpty()) {
            updates.add(new PublicUpdate(firstId, PublicIncidentStatus.investigating, first, BOT, time).shownAt(shownAt));
        } else if (updates.get(0).getId().equals(firstId)) {
            // The impact was corrected: so is the sentence that quotes it.
            updates.get(0).setMessage(first);
        }
        // The incident's public updates now, the newest MAX_PUBLIC_UPDATES: one made private again, edited or
        // removed leaves the page (a page is not a place to keep what someone took back).
        List<IncidentUpdate> shown = incident.getSpec().getUpdates().stream().filter(u -> Boolean.TRUE.equals(u.getPublic())).toList();
        shown = shown.subList(Math.max(0, shown.size() - MAX_PUBLIC_UPDATES), shown.size());
        Set<String> current = shown.stream().map(PublicIncidents::idOf).collect(Collectors.toSet());
        updates.removeIf(u -> u.getId().startsWith(PERSON_ID) && !current.contains(u.getId()));
        Set<String> recorded = updates.stream().map(PublicUpdate::getId).collect(Collectors.toSet());
        boolean posted = false;
        for (IncidentUpdate update : shown) {
            String id = idOf(update);
            if (recorded.add(id)) {
                updates.add(new PublicUpdate(id, status, update.getMessage(), update.getAuthor(),
                        update.getTime() != null ? update.getTime() : time).shownAt(shownAt));
                posted = true;
            }
        }
        PublicIncidentStatus last = updates.get(updates.size() - 1).getStatus();
        if (!posted && last != status) {
            updates.add(new PublicUpdate(BOT_ID + digest(record.getId() + "|" + status + "|" + time), status,
                    StatusMessages.of(status, names(record.getComponents(), components)), BOT, time).shownAt(shownAt));
        }
        record.setStatus(status);
        if (status == PublicIncidentStatus.resolved && record.getResolvedAt() == null) {
            String resolved = incident.getStatus() != null ? incident.getStatus().getResolvedAt() : null;
            record.setResolvedAt(resolved != null ? resolved : time);
        } else if (status != PublicIncidentStatus.resolved) {
            record.setResolvedAt(null);
        }
        return record;
    }

    /** A published incident whose Incident is gone (deleted, or no longer published here): resolved now if it was not. */
    static PublicIncident withoutIncident(PublicIncident record, List<StatusComponent> components, Instant now) {
        if (record.getStatus() != PublicIncidentStatus.resolved) {
            String time = Timestamps.format(now);
            String shownAt = Timestamps.formatPrecise(now);
            record.getUpdates().add(new PublicUpdate(BOT_ID + digest(record.getId() + "|gone|" + time), PublicIncidentStatus.resolved,
                    StatusMessages.of(PublicIncidentStatus.resolved, names(record.getComponents(), components)), BOT, time).shownAt(shownAt));
            record.setStatus(PublicIncidentStatus.resolved);
            record.setResolvedAt(time);
        }
        return record;
    }

    private static String idOf(IncidentUpdate update) {
        return PERSON_ID + digest(update.getTime() + "|" + update.getAuthor() + "|" + update.getMessage());
    }

    /** A copy to change, so that the record as it was stays as it was (the page falls back to it). */
    static PublicIncident copy(PublicIncident record) {
        PublicIncident copy = new PublicIncident();
        copy.setId(record.getId());
        copy.setIncident(record.getIncident());
        copy.setTitle(record.getTitle());
        copy.setImpact(record.getImpact());
        copy.setSeverity(record.getSeverity());
        copy.setStatus(record.getStatus());
        copy.setVisibility(record.getVisibility());
        copy.setComponents(new java.util.ArrayList<>(record.getComponents()));
        copy.setStartedAt(record.getStartedAt());
        copy.setResolvedAt(record.getResolvedAt());
        copy.setPostmortem(record.getPostmortem());
        copy.setPostmortemPublishedAt(record.getPostmortemPublishedAt());
        copy.setUpdates(new java.util.ArrayList<>(record.getUpdates().stream().map(u -> new PublicUpdate(u.getId(), u.getStatus(),
                u.getMessage(), u.getAuthor(), u.getTime()).shownAt(u.getShownAt())).toList()));
        return copy;
    }

    static String idOf(Incident incident) {
        return idOfIncident(incident.getMetadata().getUid());
    }

    /** The public id of the incident with this uid. */
    static String idOfIncident(String uid) {
        return "pub-" + uid;
    }

    /** The components whose services (by default their id) the incident names in impact.affectedServices. */
    static List<String> affected(Incident incident, List<StatusComponent> components) {
        List<String> services = incident.getSpec().getImpact() == null || incident.getSpec().getImpact().getAffectedServices() == null
                ? List.of() : incident.getSpec().getImpact().getAffectedServices();
        return components.stream()
                .filter(c -> (c.getServices() == null || c.getServices().isEmpty() ? List.of(c.getId()) : c.getServices()).stream()
                        .anyMatch(services::contains))
                .map(StatusComponent::getId).toList();
    }

    private static List<String> names(List<String> ids, List<StatusComponent> components) {
        return ids.stream().map(id -> components.stream().filter(c -> c.getId().equals(id)).map(StatusComponent::getName)
                .findFirst().orElse(id)).toList();
    }

    /** "Elevated error rates" → "elevated error rates", but "API errors" stays as it is. */
    static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(1))) {
            return text;
        }
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
