package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.Severity;
import java.time.Instant;
import java.util.List;

/**
 * Which customer notices an incident owes its namespace's Customers channels. Nothing reaches
 * customers until a person posts a public update (kubectl klaxon note --public): the first one
 * announces the incident, each later one is an update, and the resolution follows only an
 * announced incident. Severity below the channel's threshold is never announced.
 */
public final class CustomerNoticePlan {

    private CustomerNoticePlan() {
    }

    public static void request(List<NotificationRecord> records, IncidentSpec spec, IncidentStatus status,
            List<NotificationChannel> channels, Instant now) {
        List<IncidentUpdate> updates = spec.getUpdates() == null ? List.of()
                : spec.getUpdates().stream().filter(u -> Boolean.TRUE.equals(u.getPublic())).toList();
        for (NotificationChannel channel : channels) {
            NotificationChannelSpec settings = channel.getSpec();
            if (settings.getAudience() != NotificationChannelSpec.Audience.Customers || !severe(spec.getSeverity(), settings)) {
                continue;
            }
            String name = channel.getMetadata().getName();
            for (int i = 0; i < updates.size(); i++) {
                NotificationLedger.request(records, name, i == 0 ? "customer-started" : "customer-update-" + i,
                        updates.get(i).getMessage(), now);
            }
            if (status.getResolvedAt() != null && !updates.isEmpty()) {
                String resolution = spec.getRootCause() != null ? spec.getRootCause() : updates.get(updates.size() - 1).getMessage();
                NotificationLedger.request(records, name, "customer-resolved", resolution, now);
            }
        }
    }

    private static boolean severe(Severity severity, NotificationChannelSpec settings) {
        Severity threshold = settings.getCustomers() != null && settings.getCustomers().getMinSeverity() != null
                ? settings.getCustomers().getMinSeverity() : Severity.SEV2;
        return severity != null && severity.ordinal() <= threshold.ordinal();
    }
}
