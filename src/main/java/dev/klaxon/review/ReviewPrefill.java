package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PostIncidentReviewSpec;
import dev.klaxon.api.v1alpha1.PostIncidentReviewStatus;
import dev.klaxon.api.v1alpha1.Responder;
import dev.klaxon.api.v1alpha1.ReviewMetrics;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a review the operator fills in from its incident (the guide's create_review):
 * title, participants, the impact summary, the timeline, root cause and contributing factors,
 * and the four times, all computed from the incident record.
 */
final class ReviewPrefill {

    static final int MAX_TIMELINE = 200;

    private ReviewPrefill() {
    }

    /**
     * Fills {@code status} from {@code incident} and what people wrote in {@code spec}.
     *
     * @param objectives whether the operator opened the incident for a ServiceLevelObjective (its signature holds): only then
     *                   does the summary say what it cost the budget
     */
    static void fill(PostIncidentReviewStatus status, PostIncidentReviewSpec spec, Incident incident, boolean objectives) {
        IncidentStatus record = incident.getStatus() != null ? incident.getStatus() : new IncidentStatus();
        status.setTitle("Post-Incident Review: " + incident.getSpec().getTitle());
        status.setParticipants(spec.getParticipants() != null && !spec.getParticipants().isEmpty() ? spec.getParticipants()
                : participants(incident));
        status.setImpactSummary(impactSummary(incident.getSpec().getImpact(),
                record.getSla() != null && Boolean.TRUE.equals(record.getSla().getBreached())
                        || record.getSla() != null && record.getSla().getBreaches() != null && record.getSla().getBreaches() > 0)
                + (objectives ? budgetSpent(incident).map(spent -> " " + spent).orElse("") : ""));
        List<TimelineEntry> timeline = record.getTimeline() == null ? List.of() : record.getTimeline();
        status.setTimeline(new ArrayList<>(timeline.subList(0, Math.min(MAX_TIMELINE, timeline.size()))));
        status.setRootCause(spec.getRootCause() != null ? spec.getRootCause() : incident.getSpec().getRootCause());
        status.setContributingFactors(spec.getContributingFactors() != null ? spec.getContributingFactors()
                : incident.getSpec().getContributingFactors());
        status.setMetrics(metrics(record, Timestamps.parseWritten(spec.getImpactStartedAt())));
        status.setIncidentUid(incident.getMetadata().getUid());
    }

    /** The responders (commander first), each once. */
    static List<String> participants(Incident incident) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (incident.getSpec().getCommander() != null) {
            names.add(incident.getSpec().getCommander());
        }
        for (Responder responder : incident.getSpec().getResponders()) {
            names.add(responder.getName());
        }
        return new ArrayList<>(names);
    }

    /** The guide's impact summary: services, regions, users, and the SLA breach when there was one. */
    static String impactSummary(Impact impact, boolean slaBreached) {
        Impact given = impact != null ? impact : new Impact();
        String summary = "Affected services: " + join(given.getAffectedServices()) + ". "
                + "Affected regions: " + join(given.getAffectedRegions()) + ". "
                + "Estimated affected users: " + (given.getAffectedUsersEstimate() == null ? "unknown" : given.getAffectedUsersEstimate()) + ".";
        return slaBreached ? summary + " SLA breach occurred." : summary;
    }

    /**
     * What an objective's incident cost its error budget, from the budget left when it opened and
     * when the burn stopped (the operator notes both on the incident): "This incident consumed 4.1 %
     * of the 30d error budget of checkout-availability (71.8 % left when it opened, 67.7 % when it
     * resolved)." Empty for other incidents, or before the burn stopped.
     */
    static Optional<String> budgetSpent(Incident incident) {
        var labels = incident.getMetadata().getLabels();
        var annotations = incident.getMetadata().getAnnotations();
        if (labels == null || annotations == null || !labels.containsKey(KlaxonApi.LABEL_SLO)) {
            return Optional.empty();
        }
        Optional<Double> open = number(annotations.get(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_OPEN));
        Optional<Double> resolved = number(annotations.get(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_RESOLVE));
        if (open.isEmpty() || resolved.isEmpty()) {
            return Optional.empty();
        }
        double spent = Math.max(0, open.get() - resolved.get());
        String window = annotations.getOrDefault(KlaxonApi.ANNOTATION_SLO_WINDOW, "");
        return Optional.of(String.format(Locale.ROOT, "This incident consumed %.1f %% of the %s error budget of %s (%.1f %% left when it opened, "
                + "%.1f %% when it resolved).", spent, window.matches("[0-9]{1,3}[dh]") ? window : "window's",
                labels.get(KlaxonApi.LABEL_SLO), open.get(), resolved.get()));
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.ofNullable(text).map(Double::parseDouble).filter(Double::isFinite);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The four times. Impact starts at {@code impactStartedAt} when people know it began before
     * detection, else at detection; it lasts until mitigation, or resolution when the incident was
     * never marked mitigated. A time whose end has not happened yet is left out.
     */
    static ReviewMetrics metrics(IncidentStatus record, Optional<Instant> impactStartedAt) {
        ReviewMetrics metrics = new ReviewMetrics();
        Optional<Instant> detected = time(record.getDetectedAt());
        if (detected.isEmpty()) {
            return metrics;
        }
        Instant impactStart = impactStartedAt.filter(t -> t.isBefore(detected.get())).orElse(detected.get());
        metrics.setTimeToDetectSeconds(Duration.between(impactStart, detected.get()).toSeconds());
        time(record.getAcknowledgedAt()).ifPresent(t -> metrics.setTimeToRespondSeconds(seconds(detected.get(), t)));
        Optional<Instant> resolved = time(record.getResolvedAt());
        resolved.ifPresent(t -> metrics.setTimeToResolveSeconds(seconds(detected.get(), t)));
        time(record.getMitigatedAt()).or(() -> resolved).ifPresent(t -> metrics.setCustomerImpactSeconds(seconds(impactStart, t)));
        return metrics;
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    private static Optional<Instant> time(String value) {
        return Optional.ofNullable(value).map(Timestamps::parse);
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? "none recorded" : String.join(", ", values);
    }
}
