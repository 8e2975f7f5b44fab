package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.CustomerNotices;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerNoticePlanTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final List<NotificationRecord> records = new ArrayList<>();
    private final IncidentSpec spec = new IncidentSpec();
    private final IncidentStatus status = new IncidentStatus();

    private static NotificationChannel channel(NotificationChannelSpec.Audience audience, Severity minSeverity) {
        NotificationChannel channel = new NotificationChannel();
        channel.getMetadata().setName(audience == NotificationChannelSpec.Audience.Customers ? "customers" : "internal");
        NotificationChannelSpec settings = new NotificationChannelSpec();
        settings.setType(NotificationChannelSpec.Type.Email);
        settings.setAudience(audience);
        CustomerNotices notices = new CustomerNotices();
        notices.setMinSeverity(minSeverity);
        settings.setCustomers(notices);
        channel.setSpec(settings);
        return channel;
    }

    private static IncidentUpdate update(String message, boolean isPublic) {
        IncidentUpdate update = new IncidentUpdate();
        update.setMessage(message);
        update.setPublic(isPublic);
        return update;
    }

    private List<String> events() {
        CustomerNoticePlan.request(records, spec, status, List.of(channel(NotificationChannelSpec.Audience.Customers, Severity.SEV2),
                channel(NotificationChannelSpec.Audience.Internal, Severity.SEV2)), NOW);
        return records.stream().map(r -> r.getChannel() + ":" + r.getEvent()).toList();
    }

    @Test
    void customersHearNothingUntilAPersonPostsAPublicUpdate() {
        spec.setSeverity(Severity.SEV1);
        spec.setUpdates(List.of(update("internal only", false)));

        assertThat(events()).isEmpty();
    }

    @Test
    void theFirstPublicUpdateAnnouncesTheIncidentLaterOnesUpdateAndTheResolutionFollows() {
        spec.setSeverity(Severity.SEV2);
        spec.setUpdates(List.of(update("Checkout fails for some EU customers", true), update("internal", false),
                update("A fix is rolling out", true)));
        status.setResolvedAt("2026-11-26T11:00:00Z");
        spec.setRootCause("A bad deploy of the payment gateway");

        assertThat(events()).containsExactly("customers:customer-started", "customers:customer-update-1", "customers:customer-resolved");
        assertThat(records.get(0).getAbout()).isEqualTo("Checkout fails for some EU customers");
        assertThat(records.get(2).getAbout()).as("the last public update, never the internal root cause").isEqualTo("A fix is rolling out");
        assertThat(events()).as("each once").hasSize(3);
    }

    @Test
    void lessSevereIncidentsAreNotAnnounced() {
        spec.setSeverity(Severity.SEV3);
        spec.setUpdates(List.of(update("Slow search", true)));

        assertThat(events()).isEmpty();
    }
}
