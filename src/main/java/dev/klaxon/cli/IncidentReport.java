package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
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
 * The period summary of {@code kubectl klaxon report}: incidents detected since a time, by
 * severity and category, MTTA and MTTR (average and p90), SLA breaches. Plain, from the Incident objects.
 *
 * @param mtta seconds from detection to acknowledgment, one per acknowledged incident
 * @param mttr seconds from detection to resolution, one per resolved incident
 */
record IncidentReport(Instant since, int total, Map<String, Integer> bySeverity, Map<String, Integer> byCategory, List<Long> mtta,
                      List<Long> mttr, int slaBreaches) {

    static IncidentReport of(List<Incident> incidents, Instant since) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity.name(), 0);
        }
        Map<String, Integer> byCategory = new TreeMap<>();
        List<Long> mtta = new ArrayList<>();
        List<Long> mttr = new ArrayList<>();
        int total = 0;
        int breaches = 0;
        for (Incident incident : incidents) {
            var status = incident.getStatus();
            if (status == null || status.getDetectedAt() == null || Timestamps.parse(status.getDetectedAt()).isBefore(since)) {
                continue;
            }
            total++;
            bySeverity.merge(String.valueOf(incident.getSpec().getSeverity()), 1, Integer::sum);
            Optional.ofNullable(incident.getSpec().getCategory()).map(IncidentReport::wireName).ifPresent(c -> byCategory.merge(c, 1, Integer::sum));
            Optional.ofNullable(status.getMttaSeconds()).ifPresent(s -> mtta.add(s.longValue()));
            Optional.ofNullable(status.getMttrSeconds()).ifPresent(s -> mttr.add(s.longValue()));
            if (status.getSla() != null && Boolean.TRUE.equals(status.getSla().getBreached())) {
                breaches++;
            }
        }
        return new IncidentReport(since, total, bySeverity, byCategory, List.copyOf(mtta), List.copyOf(mttr), breaches);
    }

    /** The category as users write it (availability, data_integrity), as the incident metrics name it. */
    private static String wireName(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }

    /** The nearest-rank 90th percentile (rank ceil(0.9 n), in integers): the value 90 % of the samples are at or below. */
    static long p90(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((9 * sorted.size() + 9) / 10 - 1);
    }

    static long average(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum() / values.size();
    }

    /** As the bash plugin printed it, line for line. */
    String text(String period) {
        StringBuilder out = new StringBuilder();
        out.append("Incidents detected in the last ").append(period).append(" (since ").append(Timestamps.format(since)).append("): ")
                .append(total).append('\n');
        out.append("By severity:");
        bySeverity.forEach((severity, count) -> out.append(' ').append(severity).append(' ').append(count));
        out.append("\nBy category:");
        byCategory.forEach((category, count) -> out.append(' ').append(category).append(' ').append(count));
        out.append('\n');
        out.append(mtta.isEmpty() ? "MTTA: none acknowledged" : "MTTA: average %ds, p90 %ds (%d acknowledged)".formatted(average(mtta), p90(mtta), mtta.size()));
        out.append('\n');
        out.append(mttr.isEmpty() ? "MTTR: none resolved" : "MTTR: average %ds, p90 %ds (%d resolved)".formatted(average(mttr), p90(mttr), mttr.size()));
        out.append("\nSLA breaches: ").append(slaBreaches).append('\n');
        return out.toString();
    }
}
