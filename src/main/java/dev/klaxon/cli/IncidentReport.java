package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The period summary of {@code kubectl klaxon report}: incidents detected in [since, until), by
 * severity and category, MTTA and MTTR (average and p90), SLA breaches. Made from the Incident
 * objects ({@link #of}) or from the archive's answer to the same question ({@link ArchiveReport}).
 *
 * @param slaBreaches rounds that missed their response target, summed over the incidents
 */
record IncidentReport(Instant since, Instant until, int total, Map<String, Integer> bySeverity, Map<String, Integer> byCategory, Times mtta,
                      Times mttr, int slaBreaches, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Objective> objectives) {

    /**
     * A ServiceLevelObjective as the live report shows it: its budget and state now (as its
     * status last had them), and the incidents it opened in the period.
     */
    record Objective(String name, String service, double objective, String window, String state, Double sli, Double budgetRemaining,
                     int incidents) {
    }

    /** The same report, with the namespace's objectives and their incidents in the period. */
    IncidentReport withObjectives(List<ServiceLevelObjective> slos, List<Incident> incidents) {
        List<Objective> lines = new ArrayList<>();
        for (ServiceLevelObjective slo : slos) {
            if (slo.getSpec() == null) {
                continue;
            }
            String name = slo.getMetadata().getName();
            int opened = (int) incidents.stream()
                    .filter(i -> i.getMetadata() != null && i.getMetadata().getLabels() != null
                            && name.equals(i.getMetadata().getLabels().get(KlaxonApi.LABEL_SLO)))
                    .map(i -> i.getStatus() == null ? null : i.getStatus().getDetectedAt()).filter(java.util.Objects::nonNull)
                    .map(Timestamps::parse).filter(t -> !t.isBefore(since) && t.isBefore(until)).count();
            var status = slo.getStatus();
            lines.add(new Objective(name, slo.getSpec().getService(), slo.getSpec().getObjective(), slo.getSpec().getWindow(),
                    status == null || status.getState() == null ? "Pending" : status.getState().name(), status == null ? null : status.getSli(),
                    status == null ? null : status.getBudgetRemaining(), opened));
        }
        return new IncidentReport(since, until, total, bySeverity, byCategory, mtta, mttr, slaBreaches, List.copyOf(lines));
    }

    /**
     * Seconds from detection to acknowledgment (or resolution) over the incidents that have them.
     *
     * @param p90 the nearest-rank 90th percentile: the value 90 % of the samples are at or below
     */
    record Times(int count, long average, long p90) {

        static final Times NONE = new Times(0, 0, 0);

        static Times of(List<Long> seconds) {
            if (seconds.isEmpty()) {
                return NONE;
            }
            List<Long> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            long sum = sorted.stream().mapToLong(Long::longValue).sum();
            return new Times(sorted.size(), sum / sorted.size(), sorted.get((9 * sorted.size() + 9) / 10 - 1));
        }
    }

    static IncidentReport of(List<Incident> incidents, Instant since, Instant until) {
        Map<String, Integer> bySeverity = severities();
        Map<String, Integer> byCategory = new TreeMap<>();
        List<Long> mtta = new ArrayList<>();
        List<Long> mttr = new ArrayList<>();
        int total = 0;
        int breaches = 0;
        for (Incident incident : incidents) {
            var status = incident.getStatus();
            var annotations = incident.getMetadata() == null ? null : incident.getMetadata().getAnnotations();
            if (status == null || status.getDetectedAt() == null || annotations != null && annotations.containsKey(KlaxonApi.ANNOTATION_RESTORED_FROM)) {
                continue; // not detected yet, or a read-only copy of an archived incident (counted as the original)
            }
            Instant detected = Timestamps.parse(status.getDetectedAt());
            if (detected.isBefore(since) || !detected.isBefore(until)) {
                continue;
            }
            total++;
            // What the operator recorded last, as the archive's incidents view reads it.
            Severity severity = Optional.ofNullable(status.getSeverity()).orElse(incident.getSpec().getSeverity());
            bySeverity.merge(String.valueOf(severity), 1, Integer::sum);
            Optional.ofNullable(incident.getSpec().getCategory()).map(IncidentReport::wireName).ifPresent(c -> byCategory.merge(c, 1, Integer::sum));
            Optional.ofNullable(status.getMttaSeconds()).ifPresent(mtta::add);
            Optional.ofNullable(status.getMttrSeconds()).ifPresent(mttr::add);
            if (status.getSla() != null) {
                // A breach recorded before rounds were counted (breached, no count) is one, as the operator reads it.
                Integer rounds = status.getSla().getBreaches();
                breaches += rounds != null ? rounds : Boolean.TRUE.equals(status.getSla().getBreached()) ? 1 : 0;
            }
        }
        return new IncidentReport(since, until, total, bySeverity, byCategory, Times.of(mtta), Times.of(mttr), breaches, List.of());
    }

    /** Every severity, in order, at zero: a report shows the ones without incidents too. */
    static Map<String, Integer> severities() {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity.name(), 0);
        }
        return bySeverity;
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The category as users write it (availability, data_integrity), as the incident metrics name it. */
    private static String wireName(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }

    /** The report as people read it; {@code heading} says which incidents it counts (e.g. "Incidents detected in the last 30d"). */
    String text(String heading) {
        StringBuilder out = new StringBuilder();
        out.append(heading).append(": ").append(total).append('\n');
        out.append("By severity:");
        bySeverity.forEach((severity, count) -> out.append(' ').append(severity).append(' ').append(count));
        out.append("\nBy category:");
        byCategory.forEach((category, count) -> out.append(' ').append(category).append(' ').append(count));
        out.append('\n');
        out.append(mtta.count() == 0 ? "MTTA: none acknowledged"
                : "MTTA: average %ds, p90 %ds (%d acknowledged)".formatted(mtta.average(), mtta.p90(), mtta.count()));
        out.append('\n');
        out.append(mttr.count() == 0 ? "MTTR: none resolved"
                : "MTTR: average %ds, p90 %ds (%d resolved)".formatted(mttr.average(), mttr.p90(), mttr.count()));
        out.append("\nSLA breaches: ").append(slaBreaches).append('\n');
        if (!objectives.isEmpty()) {
            out.append("Service level objectives (budget left now; incidents opened in the period):\n");
            for (Objective o : objectives) {
                out.append("  %s (%s): %s%% over %s, SLI %s, budget left %s, %s, %d incident(s)%n".formatted(o.name(), o.service(),
                        plain(o.objective()), o.window(), o.sli() == null ? "unknown" : plain(o.sli()) + "%",
                        o.budgetRemaining() == null ? "unknown" : plain(o.budgetRemaining()) + "%", o.state(), o.incidents()));
            }
        }
        return out.toString();
    }
}
