package dev.klaxon.api.v1alpha1;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Incident severity, SEV1 (critical) to SEV5 (informational), as in the severity table. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4, SEV5;

    /** Values of Prometheus's conventional {@code severity} label, and the severity each is. */
    private static final Map<String, Severity> PROMETHEUS_LABELS = Map.ofEntries(
            Map.entry("critical", SEV1), Map.entry("page", SEV1),
            Map.entry("error", SEV2), Map.entry("high", SEV2), Map.entry("major", SEV2),
            Map.entry("warning", SEV3), Map.entry("minor", SEV3),
            Map.entry("info", SEV4), Map.entry("low", SEV4),
            Map.entry("none", SEV5));

    /** The severity a Prometheus {@code severity} label value means (case-insensitive), if it is one the table knows. */
    public static Optional<Severity> ofPrometheusLabel(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(PROMETHEUS_LABELS.get(value.strip().toLowerCase(Locale.ROOT)));
    }
}
