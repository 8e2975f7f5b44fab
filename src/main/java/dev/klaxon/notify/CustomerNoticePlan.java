package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Timestamps;
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
                NotificationLedger.request(records, name, i == 0 ? NotificationEvent.of(NotificationEvent.Kind.CustomerStarted, 1).key()
                        : NotificationEvent.customerUpdate(i).key(), updates.get(i).getMessage(), now);
            }
            int round = NotificationEvent.roundOf(status);
            if (status.getResolvedAt() != null && !updates.isEmpty() && (round == 1 || toldSince(records, name, status.getReopenedAt()))) {
                // Only what people marked public: the root cause is internal until someone posts it publicly.
                String resolution = updates.get(updates.size() - 1).getMessage();
                NotificationLedger.request(records, name, NotificationEvent.of(NotificationEvent.Kind.CustomerResolved, round).key(),
                        resolution, now);
            }
        }
    }

    /**
     * Whether customers heard of the incident since it reopened: a reopened round is announced
     * resolved again only when someone told them about it publicly.
     */
    private static boolean toldSince(List<NotificationRecord> records, String channel, String reopenedAt) {
        Instant since = reopenedAt == null ? Instant.EPOCH : Timestamps.parse(reopenedAt);
        return records.stream().filter(r -> channel.equals(r.getChannel()) && r.getRequestedAt() != null)
                .filter(r -> switch (NotificationEvent.parse(r.getEvent()).kind()) {
                    case CustomerStarted, CustomerUpdate -> true;
                    default -> false;
                })
                .anyMatch(r -> !Timestamps.parse(r.getRequestedAt()).isBefore(since));
    }

    private static boolean severe(Severity severity, NotificationChannelSpec settings) {
        Severity threshold = settings.getCustomers() != null && settings.getCustomers().getMinSeverity() != null
                ? settings.getCustomers().getMinSeverity() : Severity.SEV2;
        return severity != null && severity.ordinal() <= threshold.ordinal();
    }
}
