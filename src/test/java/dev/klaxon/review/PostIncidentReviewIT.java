package dev.klaxon.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PostIncidentReviewSpec;
import dev.klaxon.api.v1alpha1.ReviewPhase;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Timestamps;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Post-incident reviews kept by the packaged operator on the real control plane: opened when an
 * incident resolves, prefilled from it, action items tracked until one goes overdue, the document
 * rendered, and the review's states enforced by the API server.
 */
@OperatorTest(namespace = "reviews")
class PostIncidentReviewIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;
    private static TestReceiver receiver;

    @BeforeAll
    static void setUp() {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    @Test
    void aResolvedIncidentGetsAPrefilledReviewWhoseOverdueItemIsWarnedOnceCountedAndToldToTheTeam() throws Exception {
        Channels.webhook(admin, namespace, "team-hook", receiver.url("/team"), 30);
        admin.resource(Policies.oneLevel(namespace, "api-oncall", List.of(), List.of("team-hook"))).create();
        Incident paged = incident("api-errors", Severity.SEV2);
        paged.getSpec().setEscalationPolicyRef("api-oncall");
        paged.getSpec().setPhase(IncidentPhase.Detected); // not yet acknowledged: it pages
        admin.resource(paged).create();
        Awaitility.await("the page").atMost(WAIT).until(() -> !receiver.accepted("/team").isEmpty());
        resolve("api-errors");

        PostIncidentReview review = awaitReview("pir-api-errors", r -> r.getStatus() != null && r.getStatus().getTitle() != null
                && r.getStatus().getMetrics() != null && r.getStatus().getMetrics().getTimeToResolveSeconds() != null);
        assertThat(review.getSpec().getIncidentRef()).isEqualTo("api-errors");
        assertThat(review.getStatus().getTitle()).isEqualTo("Post-Incident Review: API error rate above 5%");
        assertThat(review.getStatus().getImpactSummary()).startsWith("Affected services: api, chat-completions.");
        assertThat(review.getStatus().getParticipants()).containsExactly("alice@example.com");
        assertThat(review.getStatus().getFollowsIncident()).isTrue();
        assertThat(review.getSpec().getChannels()).as("the team that heard about the incident hears about its follow-ups")
                .containsExactly("team-hook");
        assertThat(admin.resources(Incident.class).inNamespace(namespace).withName("api-errors").get().getStatus().getTimeline())
                .anySatisfy(e -> assertThat(e.getMessage()).isEqualTo("post-incident review: pir-api-errors"));

        String soon = Timestamps.format(Instant.now().plusSeconds(4));
        admin.resources(PostIncidentReview.class).inNamespace(namespace).withName("pir-api-errors").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"actionItems\":[{\"id\":\"AI-api-errors-1\",\"title\":\"Canary config pushes\",\"owner\":\"bob@example.com\","
                        + "\"priority\":\"P0\",\"dueDate\":\"" + soon + "\",\"category\":\"tooling\"},"
                        + "{\"id\":\"AI-api-errors-2\",\"title\":\"Alert on pool exhaustion\",\"owner\":\"alice@example.com\","
                        + "\"priority\":\"P1\",\"dueDate\":\"2099-01-01T00:00:00Z\",\"category\":\"monitoring\"}]}}");
        review = awaitReview("pir-api-errors", r -> r.getStatus().getOverdueActionItems() != null && r.getStatus().getOverdueActionItems() == 1);
        assertThat(review.getStatus().getOverdue()).containsExactly("AI-api-errors-1");
        assertThat(review.getStatus().getOpenActionItems()).isEqualTo(2);
        Event overdue = Awaitility.await("ActionItemOverdue").atMost(WAIT).until(() -> admin.v1().events().inNamespace(namespace).list().getItems()
                .stream().filter(e -> "ActionItemOverdue".equals(e.getReason())).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(overdue.getType()).isEqualTo("Warning");
        assertThat(overdue.getMessage()).contains("AI-api-errors-1", "bob@example.com", "Canary config pushes");
        Awaitility.await("overdue gauge").atMost(WAIT).until(() -> operator.metric("klaxon_action_items_overdue") == 1.0);
        TestReceiver.Request told = Awaitility.await("the overdue notice").atMost(WAIT).until(() -> receiver.accepted("/team").stream()
                .filter(r -> "action-item-overdue".equals(r.header("X-Klaxon-Event"))).toList(), l -> !l.isEmpty()).get(0);
        JsonNode notice = new ObjectMapper().readTree(told.body());
        assertThat(notice.get("event").asText()).isEqualTo("action-item-overdue-AI-api-errors-1");
        assertThat(notice.get("actionItem").get("owner").asText()).isEqualTo("bob@example.com");
        assertThat(notice.get("text").asText()).contains("Canary config pushes", "pir-api-errors");
        review = awaitReview("pir-api-errors", r -> r.getStatus().getNotifications() != null && r.getStatus().getNotifications().stream()
                .anyMatch(n -> n.getOutcome() == NotificationRecord.Outcome.Delivered));
        assertThat(review.getStatus().getNotifications()).as("due in seconds: first reminded, then overdue")
                .extracting(NotificationRecord::getEvent)
                .containsExactly("action-item-due-soon-AI-api-errors-1", "action-item-overdue-AI-api-errors-1");
        assertThat(receiver.accepted("/team")).filteredOn(r -> "action-item-due-soon".equals(r.header("X-Klaxon-Event"))).hasSize(1);
        assertThat(operator.metric("klaxon_action_items{status=\"open\",priority=\"P0\"}")).isEqualTo(1.0);

        ConfigMap document = Awaitility.await("document").atMost(WAIT).until(() -> admin.configMaps().inNamespace(namespace)
                .withName("pir-api-errors-document").get(), c -> c != null && c.getData().get("review.md").contains("AI-api-errors-2"));
        assertThat(document.getData().get("review.md")).contains("# Post-Incident Review: API error rate above 5%", "## Metrics",
                "| AI-api-errors-1 | Canary config pushes | bob@example.com | P0 |");
        assertThat(document.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("pir-api-errors"));

        assertThat(Users.plugin(namespace, null, 0, "review", "pir-api-errors")).contains("# Post-Incident Review: API error rate above 5%",
                "**Participants:** alice@example.com", "| Time to Resolve |", "| AI-api-errors-2 | Alert on pool exhaustion |");
        String overdueItems = Users.plugin(namespace, null, 0, "actions", "--overdue");
        assertThat(overdueItems).contains("AI-api-errors-1").doesNotContain("AI-api-errors-2");
        assertThat(Users.plugin(namespace, null, 0, "actions", "--owner", "alice@example.com")).contains("AI-api-errors-2")
                .doesNotContain("AI-api-errors-1");
        assertThat(receiver.accepted("/team")).as("told once, however often the review is reconciled")
                .filteredOn(r -> "action-item-overdue".equals(r.header("X-Klaxon-Event"))).hasSize(1);
    }

    @Test
    void aPagerChannelIsRefusedForActionItems() {
        NotificationChannel pager = new NotificationChannel();
        pager.setMetadata(new ObjectMetaBuilder().withName("pager").withNamespace(namespace).build());
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(NotificationChannelSpec.Type.PagerDuty);
        spec.setRoutingKeySecretRef(new SecretKeyRef("nowhere", "routingKey"));
        pager.setSpec(spec);
        admin.resource(pager).create();
        admin.resource(incident("cache-miss", Severity.SEV5)).create();
        Users.plugin(namespace, null, 0, "review", "create", "cache-miss");
        patch("pir-cache-miss", "{\"spec\":{\"channels\":[\"pager\"]}}");
        PostIncidentReview review = awaitReview("pir-cache-miss", r -> r.getStatus() != null && r.getStatus().getConditions() != null
                && r.getStatus().getConditions().stream().anyMatch(c -> "ChannelNotForReviews".equals(c.getReason())));
        assertThat(review.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getMessage()).contains("pager is a PagerDuty channel"));
    }

    @Test
    void aReviewCanBeOpenedByHandForAnyIncident() {
        admin.resource(incident("minor-glitch", Severity.SEV5)).create();
        assertThat(Users.plugin(namespace, null, 0, "review", "create", "minor-glitch", "--facilitator", "carol@example.com"))
                .contains("postincidentreview pir-minor-glitch created");
        PostIncidentReview review = awaitReview("pir-minor-glitch", r -> r.getStatus() != null && r.getStatus().getTitle() != null);
        assertThat(review.getSpec().getFacilitator()).isEqualTo("carol@example.com");
        assertThat(Users.plugin(namespace, null, 1, "review", "create", "no-such-incident")).contains("not found");
    }

    @Test
    void theApiServerRefusesToPublishAReviewThatIsNotCompleted() {
        admin.resource(incident("db-slow", Severity.SEV3)).create();
        resolve("db-slow");
        awaitReview("pir-db-slow", r -> r.getStatus() != null && r.getStatus().getTitle() != null);

        assertThat(kubectlRefusal("{\"spec\":{\"phase\":\"published\"}}")).contains("only a completed review can be published");
        assertThat(kubectlRefusal("{\"spec\":{\"phase\":\"completed\"}}"))
                .contains("a completed review needs spec.summary, spec.whatWentWell and spec.whatCouldImprove");
        assertThat(kubectlRefusal("{\"spec\":{\"phase\":\"scheduled\"}}")).contains("a scheduled review needs spec.scheduledDate");

        patch("pir-db-slow", "{\"spec\":{\"phase\":\"completed\",\"summary\":\"Slow queries after an index was dropped.\","
                + "\"whatWentWell\":[\"Fast rollback\"],\"whatCouldImprove\":[\"Review schema changes\"]}}");
        patch("pir-db-slow", "{\"spec\":{\"phase\":\"published\"}}");
        PostIncidentReview published = awaitReview("pir-db-slow", r -> r.getStatus().getPublishedAt() != null);
        assertThat(published.getStatus().getFollowsIncident()).isFalse();
        assertThat(kubectlRefusal("{\"spec\":{\"phase\":\"draft\"}}")).contains("a review moves forward only");
    }

    @Test
    void thePluginPrintsATenantsControlCharactersAsEscapesNotToTheTerminal() {
        // A namespace of its own, no operator there: the plugin reads the review, and no count elsewhere changes.
        String own = TestCluster.get().createNamespace("review-text");
        PostIncidentReview review = ManifestFixtures.example("postincidentreview-checkout-eu-outage.yaml", PostIncidentReview.class);
        review.getMetadata().setNamespace(own);
        review.getMetadata().setName("pir-hostile");
        review.getSpec().setIncidentRef("hostile");
        review.getSpec().setSummary("Outage \u001b[2J\u001b]0;pwned\u0007 over \u009b31m");
        review.getSpec().getActionItems().get(0).setTitle("Fix \u001b[8mhidden\u001b[0m \u202eevil");
        admin.resource(review).create();

        String printed = Users.plugin(own, null, 0, "review", "pir-hostile") + Users.plugin(own, null, 0, "actions");

        assertThat(printed).contains("Outage \\x1b[2J\\x1b]0;pwned\\x07 over \\u009b31m", "Fix \\x1b[8mhidden\\x1b[0m \\u202eevil");
        assertThat(printed.chars()).noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == 0x202e);
    }

    @Test
    void aReviewCannotBeBornPublishedAndANameTakenAheadGetsTheIncidentsOwnReviewBesideIt() {
        PostIncidentReview born = new PostIncidentReview();
        born.setMetadata(new ObjectMetaBuilder().withName("pir-born-published").withNamespace(namespace).build());
        born.setSpec(new PostIncidentReviewSpec());
        born.getSpec().setIncidentRef("squatted");
        born.getSpec().setPhase(ReviewPhase.published);
        born.getSpec().setSummary("s");
        born.getSpec().setWhatWentWell(List.of("w"));
        born.getSpec().setWhatCouldImprove(List.of("i"));
        born.getSpec().setPublicSummary("We were hacked (not really)");
        assertThatThrownBy(() -> admin.resource(born).create()).hasMessageContaining("only a completed review can be published");

        PostIncidentReview squat = new PostIncidentReview();
        squat.setMetadata(new ObjectMetaBuilder().withName("pir-squatted").withNamespace(namespace).build());
        squat.setSpec(new PostIncidentReviewSpec());
        squat.getSpec().setIncidentRef("something-else");
        admin.resource(squat).create();
        Incident incident = admin.resource(incident("squatted", Severity.SEV2)).create();
        resolve("squatted");

        String own = "pir-squatted-" + incident.getMetadata().getUid().substring(0, 8);
        PostIncidentReview opened = awaitReview(own, r -> r.getStatus() != null && r.getStatus().getTitle() != null);
        assertThat(opened.getSpec().getIncidentRef()).isEqualTo("squatted");
        assertThat(opened.getMetadata().getAnnotations()).containsKey("klaxon.dev/proof");
        assertThat(admin.resources(PostIncidentReview.class).inNamespace(namespace).withName("pir-squatted").get().getSpec().getIncidentRef())
                .as("the squat is left as it is").isEqualTo("something-else");
    }

    @Test
    void aLowSeverityIncidentGetsNoReviewUnlessSomeoneCreatesOne() {
        admin.resource(incident("typo", Severity.SEV4)).create();
        resolve("typo");
        Awaitility.await("resolved").atMost(WAIT).until(() -> admin.resources(Incident.class).inNamespace(namespace).withName("typo").get()
                .getStatus().getResolvedAt() != null);
        assertThat(admin.resources(PostIncidentReview.class).inNamespace(namespace).withName("pir-typo").get()).isNull();
    }

    // ---

    /** What kubectl says when the API server refuses {@code patch} of pir-db-slow (the test fails when it is accepted). */
    private static String kubectlRefusal(String patch) {
        try {
            TestCluster.kubectl(namespace, "patch", "postincidentreview", "pir-db-slow", "--type", "merge", "-p", patch);
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
        throw new AssertionError("the API server accepted " + patch);
    }

    private static void patch(String review, String patch) {
        admin.resources(PostIncidentReview.class).inNamespace(namespace).withName(review).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private static void resolve(String incident) {
        Awaitility.await("incident recorded").atMost(WAIT).until(() -> admin.resources(Incident.class).inNamespace(namespace).withName(incident)
                .get().getStatus() != null);
        admin.resources(Incident.class).inNamespace(namespace).withName(incident)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Resolved\"}}");
    }

    private static PostIncidentReview awaitReview(String name, Predicate<PostIncidentReview> condition) {
        return Awaitility.await("review " + name).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.resources(PostIncidentReview.class).inNamespace(namespace).withName(name).get(),
                        r -> r != null && condition.test(r));
    }

    private static Incident incident(String name, Severity severity) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle(name.equals("api-errors") ? "API error rate above 5%" : "Incident " + name);
        spec.setSeverity(severity);
        spec.setCommander("alice@example.com");
        dev.klaxon.api.v1alpha1.Impact impact = new dev.klaxon.api.v1alpha1.Impact();
        impact.setAffectedServices(java.util.List.of("api", "chat-completions"));
        spec.setImpact(impact);
        spec.setPhase(IncidentPhase.Investigating);
        incident.setSpec(spec);
        return incident;
    }
}
