package dev.klaxon.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.ComponentPeriod;
import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A status page kept by the packaged operator on the real control plane: an incident published,
 * updated in public and in private, resolved and deleted, with the page's components, public
 * updates and uptime history following; and what the API server refuses.
 */
@OperatorTest(namespace = "statuspage")
class StatusPageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PAGE = "acme-status";
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;

    @BeforeAll
    static void setUp() {
        StatusPage page = ManifestFixtures.example("statuspage-acme.yaml", StatusPage.class);
        page.getMetadata().setNamespace(namespace);
        admin.resource(page).create();
        Await.ready(admin, StatusPage.class, namespace, PAGE, Condition.Status.True);
    }

    @Test
    void aPublishedIncidentDrivesItsComponentsAndItsPublicStoryOutlivesIt() {
        assertThat(kubectl("get", "statuspages")).containsPattern(PAGE + "\\s+operational\\s+6\\s+0");

        Incident incident = incident("chat-errors", Severity.SEV2, "chat-completions");
        admin.resource(incident).create();
        assertThat(Users.plugin(namespace, null, 1, "publish", "chat-errors", "--page", PAGE))
                .contains("--page, --title and --impact are required");
        assertThat(Users.plugin(namespace, null, 0, "publish", "chat-errors", "--page", PAGE, "--title", "Elevated error rates",
                "--impact", "Elevated error rates on Chat Completions")).contains("published on " + PAGE);
        StatusPage page = awaitPage(p -> statusOf(p, "chat-completions") == ComponentStatus.partial_outage);
        assertThat(page.getStatus().getStatus()).isEqualTo(ComponentStatus.partial_outage);
        assertThat(statusOf(page, "api")).isEqualTo(ComponentStatus.operational);
        PublicIncident published = page.getStatus().getIncidents().get(0);
        assertThat(published.getTitle()).isEqualTo("Elevated error rates");
        assertThat(published.getUpdates()).extracting(PublicUpdate::getMessage)
                .containsExactly("We are investigating reports of elevated error rates on Chat Completions.");
        assertThat(kubectl("get", "statuspages")).containsPattern(PAGE + "\\s+partial_outage\\s+6\\s+1");
        assertThat(Users.plugin(namespace, null, 0, "page", PAGE)).contains("Acme Status: partial_outage", "Core Services")
                .containsPattern("Chat Completions\\s+partial_outage").containsPattern("Dashboard\\s+operational")
                .contains("Elevated error rates (investigating");

        addUpdate("the primary of db-7 lost quorum; paging the DBA", false);
        addUpdate("Some chat requests fail. We are working on it.", true);
        Users.plugin(namespace, null, 0, "publish", "chat-errors", "--status", "identified");
        page = awaitPage(p -> p.getStatus().getIncidents().get(0).getUpdates().size() == 3);
        assertThat(page.getStatus().getIncidents().get(0).getUpdates()).extracting(PublicUpdate::getMessage)
                .containsExactly("We are investigating reports of elevated error rates on Chat Completions.",
                        "Some chat requests fail. We are working on it.",
                        "We have identified the cause of this issue and are working on a fix. Affected services: Chat Completions. "
                                + "We will provide updates on our progress.");
        assertThat(admin.getKubernetesSerialization().asJson(page.getStatus())).doesNotContain("db-7", "internal title");

        admin.resources(Incident.class).inNamespace(namespace).withName("chat-errors")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Resolved\"}}");
        page = awaitPage(p -> p.getStatus().getIncidents().get(0).getStatus() == PublicIncidentStatus.resolved);
        assertThat(statusOf(page, "chat-completions")).isEqualTo(ComponentStatus.operational);
        assertThat(page.getStatus().getStatus()).isEqualTo(ComponentStatus.operational);
        assertThat(page.getStatus().getIncidents().get(0).getResolvedAt()).isNotNull();
        assertThat(page.getStatus().getIncidents().get(0).getUpdates()).last()
                .satisfies(u -> assertThat(u.getMessage()).startsWith("This incident has been resolved."));
        assertThat(page.getStatus().getHistory()).singleElement().satisfies(period -> {
            assertThat(period.getComponent()).isEqualTo("chat-completions");
            assertThat(period.getStatus()).isEqualTo(ComponentStatus.partial_outage);
            assertThat(period.getTo()).isNotNull();
        });

        admin.resources(Incident.class).inNamespace(namespace).withName("chat-errors").delete();
        Awaitility.await("incident deleted").atMost(WAIT).until(() -> admin.resources(Incident.class).inNamespace(namespace)
                .withName("chat-errors").get() == null);
        // Another change of the page, after the deletion, must not lose the story.
        admin.resources(StatusPage.class).inNamespace(namespace).withName(PAGE)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"title\":\"Acme Status (EU)\"}}");
        page = awaitPage(p -> p.getMetadata().getGeneration().equals(p.getStatus().getObservedGeneration()));
        assertThat(page.getStatus().getIncidents()).extracting(PublicIncident::getIncident).containsExactly("chat-errors");
        assertThat(page.getStatus().getHistory()).extracting(ComponentPeriod::getComponent).containsExactly("chat-completions");
    }

    @Test
    void theApiServerRefusesAnOverrideOfAComponentThePageDoesNotHave() {
        assertThatThrownBy(() -> admin.resources(StatusPage.class).inNamespace(namespace).withName(PAGE)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"overrides\":[{\"component\":\"billing\",\"status\":\"degraded\","
                        + "\"reason\":\"slow invoices\",\"by\":\"alice@example.com\"}]}}"))
                .hasMessageContaining("every overrides[].component must be the id of one of spec.components");
        assertThatThrownBy(() -> admin.resources(StatusPage.class).inNamespace(namespace).withName(PAGE)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"overrides\":[{\"component\":\"api\",\"status\":\"sideways\","
                        + "\"reason\":\"r\",\"by\":\"alice@example.com\"}]}}"))
                .hasMessageContaining("Unsupported value: \"sideways\"");
    }

    // ---

    private static Incident incident(String name, Severity severity, String service) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("internal title: db-7 quorum loss");
        spec.setSeverity(severity);
        Impact impact = new Impact();
        impact.setAffectedServices(List.of(service));
        spec.setImpact(impact);
        incident.setSpec(spec);
        return incident;
    }

    private static void addUpdate(String message, boolean isPublic) {
        admin.resources(Incident.class).inNamespace(namespace).withName("chat-errors").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/updates/-\",\"value\":{\"message\":\"" + message + "\",\"author\":\"carol@example.com\","
                        + "\"public\":" + isPublic + "}}]");
    }

    private static StatusPage awaitPage(Predicate<StatusPage> condition) {
        return Awaitility.await("status page").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resources(StatusPage.class).inNamespace(namespace).withName(PAGE).get(),
                        p -> p.getStatus() != null && condition.test(p));
    }

    private static ComponentStatus statusOf(StatusPage page, String component) {
        return page.getStatus().getComponents().stream().filter(c -> c.getId().equals(component)).map(ComponentState::getStatus)
                .findFirst().orElse(null);
    }

    private static String kubectl(String... args) {
        return TestCluster.kubectl(namespace, args);
    }
}
