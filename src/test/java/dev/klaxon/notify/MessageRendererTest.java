package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.MessageTemplate;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

    private final MessageRenderer renderer = new MessageRenderer();

    private static Incident incident() {
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace("shop");
        incident.getMetadata().setUid("u-1");
        IncidentStatus status = new IncidentStatus();
        status.setDetectedAt("2026-11-26T10:00:00Z");
        incident.setStatus(status);
        return incident;
    }

    private static NotificationChannel channel(MessageTemplate template) {
        NotificationChannel channel = new NotificationChannel();
        channel.getMetadata().setName("slack-oncall");
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(NotificationChannelSpec.Type.Slack);
        spec.setTemplate(template);
        channel.setSpec(spec);
        return channel;
    }

    @Test
    void anOverdueActionItemSaysWhatWhoAndWhenInTheChannelsMarkup() {
        dev.klaxon.api.v1alpha1.PostIncidentReview review = ManifestFixtures.example("postincidentreview-checkout-eu-outage.yaml",
                dev.klaxon.api.v1alpha1.PostIncidentReview.class);
        review.getMetadata().setNamespace("shop");
        review.getMetadata().setUid("u-9");
        dev.klaxon.api.v1alpha1.ActionItem item = review.getSpec().getActionItems().get(0);
        item.setTitle("Page <!channel> on pool exhaustion");
        NotificationEvent event = NotificationEvent.actionItem(NotificationEvent.Kind.ActionItemOverdue, item.getId());

        Message message = renderer.render(review, item, event, channel(null));

        assertThat(message.kind()).isEqualTo(NotificationEvent.Kind.ActionItemOverdue);
        assertThat(message.title()).startsWith("[" + item.getPriority() + "] Action item overdue: ");
        assertThat(message.body()).contains("*Action item overdue*", "*Item:* " + item.getId(), "*Owner:* " + item.getOwner(),
                "*Was due:* " + item.getDueDate(), "shop/" + review.getMetadata().getName()).doesNotContain("<!channel>");
        assertThat(message.deliveryId()).isEqualTo("klaxon-u-9-" + event.key() + "-slack-oncall");
        assertThat(message.facts()).containsEntry("id", item.getId()).containsEntry("title", "Page <!channel> on pool exhaustion");
    }

    @Test
    void thePageIsTheGuidesInternalAlert() {
        Message message = renderer.render(incident(), "escalation-0-1", "Level 1 of platform: paging carol", channel(null));

        assertThat(message.kind()).isEqualTo(NotificationEvent.Kind.Page);
        assertThat(message.title()).isEqualTo("[SEV2] Checkout failing for EU customers");
        assertThat(message.body()).contains("*Incident Alert*", "*Severity:* SEV2", "*Detected At:* 2026-11-26T10:00:00Z",
                "*Paging:* Level 1 of platform: paging carol", "shop/checkout-eu-outage");
        assertThat(message.dedupKey()).isEqualTo("klaxon-u-1");
        assertThat(message.deliveryId()).isEqualTo("klaxon-u-1-escalation-0-1-slack-oncall");
    }

    @Test
    void everyKindCarriesTheSameIncident() {
        for (String event : new String[] {"executives", "acknowledged", "resolved"}) {
            Message message = renderer.render(incident(), event, null, channel(null));
            assertThat(message.kind().template()).isEqualTo(event);
            assertThat(message.title()).contains("SEV2", "Checkout failing for EU customers");
            assertThat(message.body()).contains("checkout-eu-outage");
        }
        assertThat(renderer.render(incident(), "executives", null, channel(null)).body()).contains("EXECUTIVE INCIDENT BRIEFING");
    }

    @Test
    void aChannelMayUseItsOwnWording() {
        MessageTemplate own = new MessageTemplate();
        own.setTitle("{incident.severity} in {incident.namespace}");
        own.setBody("{event}: {incident.title} ({about})");

        Message message = renderer.render(incident(), "resolved", "resolved at noon", channel(own));

        assertThat(message.title()).isEqualTo("SEV2 in shop");
        assertThat(message.body()).isEqualTo("resolved: Checkout failing for EU customers (resolved at noon)");
    }

    @Test
    void incidentDataIsEscapedForSlackAndTeamsButNotTheChannelsOwnMarkup() {
        Incident incident = incident();
        incident.getSpec().setTitle("<!channel> please <https://evil.example|ack> & [click](https://evil.example)");
        MessageTemplate own = new MessageTemplate();
        own.setBody("<!here> {incident.title}");

        Message slack = renderer.render(incident, "escalation-0-1", null, channel(own));
        NotificationChannel teamsChannel = channel(own);
        teamsChannel.getSpec().setType(NotificationChannelSpec.Type.Teams);
        Message teams = renderer.render(incident, "escalation-0-1", null, teamsChannel);
        NotificationChannel webhook = channel(own);
        webhook.getSpec().setType(NotificationChannelSpec.Type.Webhook);

        assertThat(slack.body()).isEqualTo("<!here> &lt;!channel&gt; please &lt;https://evil.example|ack&gt; &amp; [click](https://evil.example)");
        assertThat(teams.body()).isEqualTo("<!here> &lt;!channel&gt; please &lt;https://evil.example|ack&gt; &amp; \\[click\\]\\(https://evil.example\\)");
        assertThat(slack.facts()).as("structured facts stay as they are").containsEntry("title", incident.getSpec().getTitle());
        assertThat(renderer.render(incident, "escalation-0-1", null, webhook).body()).isEqualTo("<!here> " + incident.getSpec().getTitle());
    }

    @Test
    void aChannelWhoseTemplateFailsStillSendsTheBuiltInWording() {
        MessageTemplate broken = new MessageTemplate();
        broken.setBody("{#for i in 100000000}x{/for}");

        Message message = renderer.render(incident(), "escalation-0-1", "Level 1 of platform: paging carol", channel(broken));

        assertThat(renderer.problem(broken)).isPresent();
        assertThat(message.body()).contains("*Incident Alert*", "*Severity:* SEV2");
    }

    @Test
    void aTemplateThatCannotRenderIsFoundBeforeAnythingIsSent() {
        MessageTemplate typo = new MessageTemplate();
        typo.setBody("{incident.titel}");
        MessageTemplate unclosed = new MessageTemplate();
        unclosed.setTitle("{#if incident.commander}x");

        assertThat(renderer.problem(typo)).hasValueSatisfying(p -> assertThat(p).contains("titel"));
        assertThat(renderer.problem(unclosed)).isPresent();
        assertThat(renderer.problem(null)).isEmpty();
        MessageTemplate fine = new MessageTemplate();
        fine.setBody("{incident.title} {about} {event}");
        assertThat(renderer.problem(fine)).isEmpty();
    }

    @Test
    void customerNoticesAreTheGuidesAndCarryTheCompanysSignature() {
        NotificationChannel customers = channel(null);
        dev.klaxon.api.v1alpha1.CustomerNotices notices = new dev.klaxon.api.v1alpha1.CustomerNotices();
        notices.setCompanyName("Example Shop");
        notices.setStatusPageUrl("https://status.example.com");
        customers.getSpec().setCustomers(notices);

        Message started = renderer.render(incident(), "customer-started", "Some payments fail", customers);
        Message update = renderer.render(incident(), "customer-update-2", "A fix is rolling out", customers);
        Message resolved = renderer.render(incident(), "customer-resolved", "A bad deploy", customers);

        assertThat(started.title()).isEqualTo("Service Notification: Checkout failing for EU customers");
        assertThat(started.body()).contains("Dear Customer", "Impact: Some payments fail", "https://status.example.com",
                "Example Shop Operations Team");
        assertThat(update.kind()).isEqualTo(NotificationEvent.Kind.CustomerUpdate);
        assertThat(update.title()).isEqualTo("Service Update: Checkout failing for EU customers");
        assertThat(resolved.title()).isEqualTo("Resolved: Checkout failing for EU customers");
        assertThat(resolved.body()).contains("Resolution:\nA bad deploy");
    }
}
