package dev.klaxon.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook body, version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). Unknown fields are
 * ignored, so a newer Alertmanager still parses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AlertmanagerPayload(String version, String groupKey, Integer truncatedAlerts, String status, String receiver,
                           Map<String, String> groupLabels, Map<String, String> commonLabels, Map<String, String> commonAnnotations,
                           String externalURL, List<Alert> alerts) {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt,
                 String generatorURL, String fingerprint) {

        boolean isFiring() {
            return "firing".equals(status);
        }

        public Map<String, String> labels() {
            return labels == null ? Map.of() : labels;
        }

        public Map<String, String> annotations() {
            return annotations == null ? Map.of() : annotations;
        }
    }

    /** A body that is not version 4's shape. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static AlertmanagerPayload parse(byte[] body) throws Malformed {
        AlertmanagerPayload payload;
        try {
            payload = JSON.readValue(body, AlertmanagerPayload.class);
        } catch (IOException e) {
            throw new Malformed("the body is not Alertmanager's webhook JSON");
        }
        if (payload == null || payload.alerts() == null || payload.status() == null) {
            throw new Malformed("the body has no status or alerts: is this Alertmanager's webhook (version 4)?");
        }
        if (payload.version() != null && !"4".equals(payload.version())) {
            throw new Malformed("webhook version " + payload.version() + " is not supported (4 is)");
        }
        for (Alert alert : payload.alerts()) {
            if (alert == null || alert.status() == null || alert.fingerprint() == null || alert.fingerprint().isBlank()) {
                throw new Malformed("an alert without status or fingerprint");
            }
        }
        return payload;
    }

    boolean isFiring() {
        return "firing".equals(status);
    }

    /** The notification with only the alerts {@code kept} keeps. */
    AlertmanagerPayload keeping(java.util.function.Predicate<Alert> kept) {
        return new AlertmanagerPayload(version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels, commonAnnotations,
                externalURL, alerts.stream().filter(kept).toList());
    }

    /** At most {@code max} alerts, resolutions first: Alertmanager sends each once, and a lost one would leave its incident open for good. */
    AlertmanagerPayload limitedTo(int max) {
        List<Alert> kept = java.util.stream.Stream.concat(alerts.stream().filter(a -> !a.isFiring()), alerts.stream().filter(Alert::isFiring))
                .limit(max).toList();
        return new AlertmanagerPayload(version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels, commonAnnotations,
                externalURL, kept);
    }

    public Map<String, String> commonLabels() {
        return commonLabels == null ? Map.of() : commonLabels;
    }

    public Map<String, String> commonAnnotations() {
        return commonAnnotations == null ? Map.of() : commonAnnotations;
    }
}
