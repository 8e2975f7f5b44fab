package dev.klaxon.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.ComponentOverride;
import dev.klaxon.api.v1alpha1.ComponentPeriod;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentPublication;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageDerivationTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatusPageSpec spec = spec();
    private StatusPageStatus status;

    @Test
    void severityMapsToComponentStatusAndTheOverallStatusIsTheWorst() {
        assertThat(ComponentStatus.of(Severity.SEV1)).isEqualTo(ComponentStatus.major_outage);
        assertThat(ComponentStatus.of(Severity.SEV2)).isEqualTo(ComponentStatus.partial_outage);
        assertThat(ComponentStatus.of(Severity.SEV3)).isEqualTo(ComponentStatus.degraded);
        assertThat(ComponentStatus.of(Severity.SEV4)).isEqualTo(ComponentStatus.degraded);
        assertThat(ComponentStatus.of(Severity.SEV5)).isEqualTo(ComponentStatus.operational);
        assertThat(ComponentStatus.maintenance.worst(ComponentStatus.degraded)).isEqualTo(ComponentStatus.degraded);
        assertThat(ComponentStatus.partial_outage.worst(ComponentStatus.maintenance)).isEqualTo(ComponentStatus.partial_outage);

        derive(T0, incident("a", Severity.SEV3, "api"), incident("b", Severity.SEV2, "embeddings"), incident("c", Severity.SEV5, "dashboard"));

        assertThat(statusOf("api")).isEqualTo(ComponentStatus.degraded);
        assertThat(statusOf("embeddings")).isEqualTo(ComponentStatus.partial_outage);
        assertThat(statusOf("dashboard")).isEqualTo(ComponentStatus.operational);
        assertThat(status.getStatus()).isEqualTo(ComponentStatus.partial_outage);
        assertThat(status.getActiveIncidents()).isEqualTo(3);

        derive(T0, incident("a", Severity.SEV1, "api"));
        assertThat(status.getStatus()).isEqualTo(ComponentStatus.major_outage);
        assertThat(statusOf("embeddings")).as("incident b is gone").isEqualTo(ComponentStatus.operational);
    }

    @Test
    void aPublishedIncidentShowsOnlyWhatWasPublishedStartingWithTheInvestigatingUpdate() throws Exception {
        Incident incident = incident("checkout", Severity.SEV2, "chat");
        incident.getSpec().setTitle("INTERNAL: db-7 primary lost quorum");
        incident.getSpec().setDescription("internal notes");
        incident.getSpec().setRootCause("secret root cause");
        incident.getSpec().getUpdates().add(update("paged the DBA on call", false, "2026-12-03T10:01:00Z"));
        incident.getSpec().getUpdates().add(update("Some requests fail; we are on it.", true, "2026-12-03T10:02:00Z"));

        derive(T0, incident);

        PublicIncident record = status.getIncidents().get(0);
        assertThat(record.getTitle()).isEqualTo("Elevated error rates");
        assertThat(record.getComponents()).containsExactly("chat");
        assertThat(record.getUpdates()).extracting(PublicUpdate::getMessage).containsExactly(
                "We are investigating reports of elevated error rates on chat.", "Some requests fail; we are on it.");
        assertThat(record.getUpdates().get(0).getAuthor()).isEqualTo("StatusBot");
        assertThat(JSON.writeValueAsString(status)).doesNotContain("INTERNAL", "internal notes", "secret root cause", "DBA");
        assertThat(PublicIncidents.lowerFirst("API errors")).isEqualTo("API errors");
    }

    @Test
    void aChangeOfPublicStatusIsAnUpdateOnceAndResolvingRestoresTheComponents() {
        Incident incident = incident("checkout", Severity.SEV1, "chat");
        derive(T0, incident);
        assertThat(statusOf("chat")).isEqualTo(ComponentStatus.major_outage);

        incident.getSpec().getPublication().setStatus(PublicIncidentStatus.identified);
        derive(T0.plusSeconds(60), incident);
        derive(T0.plusSeconds(61), incident);
        List<PublicUpdate> updates = status.getIncidents().get(0).getUpdates();
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).getStatus()).isEqualTo(PublicIncidentStatus.identified);
        assertThat(updates.get(1).getMessage()).startsWith("We have identified the cause").contains("Affected services: Chat Completions.");

        // A public update posted with a change of status carries it; no StatusBot line then.
        incident.getSpec().getPublication().setStatus(PublicIncidentStatus.monitoring);
        incident.getSpec().getUpdates().add(update("A fix is rolling out.", true, "2026-12-03T10:05:00Z"));
        derive(T0.plusSeconds(300), incident);
        assertThat(status.getIncidents().get(0).getUpdates()).hasSize(3).last()
                .satisfies(u -> assertThat(u.getStatus()).isEqualTo(PublicIncidentStatus.monitoring))
                .satisfies(u -> assertThat(u.getMessage()).isEqualTo("A fix is rolling out."));

        incident.getSpec().setPhase(IncidentPhase.Resolved);
        incident.getStatus().setResolvedAt("2026-12-03T10:20:00Z");
        derive(T0.plus(Duration.ofMinutes(21)), incident);

        PublicIncident resolved = status.getIncidents().get(0);
        assertThat(resolved.getStatus()).isEqualTo(PublicIncidentStatus.resolved);
        assertThat(resolved.getResolvedAt()).isEqualTo("2026-12-03T10:20:00Z");
        assertThat(resolved.getUpdates()).last().satisfies(u -> assertThat(u.getMessage()).startsWith("This incident has been resolved."));
        assertThat(statusOf("chat")).isEqualTo(ComponentStatus.operational);
        assertThat(status.getActiveIncidents()).isZero();
        assertThat(status.getHistory()).singleElement().satisfies(p -> {
            assertThat(p.getComponent()).isEqualTo("chat");
            assertThat(p.getStatus()).isEqualTo(ComponentStatus.major_outage);
            assertThat(p.getFrom()).isEqualTo("2026-12-03T10:00:00Z");
            assertThat(p.getTo()).isEqualTo("2026-12-03T10:21:00Z");
        });
    }

    @Test
    void aPublishedReviewIsTheResolvedIncidentsPostmortemAndStaysWithIt() {
        Incident incident = incident("checkout", Severity.SEV2, "chat");
        Map<String, PageDerivation.Postmortem> postmortems = Map.of("pub-uid-checkout",
                new PageDerivation.Postmortem("A certificate rotation broke payments; we removed the pinning.", "2026-12-05T10:00:00Z"));
        status = PageDerivation.derive(spec, List.of(incident), postmortems, status, T0, PageDerivationTest::size).status();
        assertThat(status.getIncidents().get(0).getPostmortem()).as("not while the incident is active").isNull();

        incident.getSpec().setPhase(IncidentPhase.Resolved);
        status = PageDerivation.derive(spec, List.of(incident), postmortems, status, T0.plusSeconds(60), PageDerivationTest::size).status();
        assertThat(status.getIncidents().get(0).getPostmortem()).startsWith("A certificate rotation");
        assertThat(status.getIncidents().get(0).getPostmortemPublishedAt()).isEqualTo("2026-12-05T10:00:00Z");

        derive(T0.plusSeconds(120));
        assertThat(status.getIncidents().get(0).getPostmortem()).as("the incident and its review deleted").startsWith("A certificate rotation");
    }

    @Test
    void anUpdateMadePrivateAgainOrEditedLeavesThePageAndACorrectedImpactIsQuotedRight() {
        Incident incident = incident("checkout", Severity.SEV2, "chat");
        IncidentUpdate oops = update("root cause: db-7 password expired", true, "2026-12-03T10:01:00Z");
        incident.getSpec().getUpdates().add(oops);
        derive(T0, incident);
        assertThat(status.getIncidents().get(0).getUpdates()).extracting(PublicUpdate::getMessage).contains("root cause: db-7 password expired");

        oops.setPublic(false);
        incident.getSpec().getPublication().setImpact("Errors on chat completions");
        incident.getSpec().getUpdates().add(update("Some requests fail.", true, "2026-12-03T10:02:00Z"));
        derive(T0.plusSeconds(60), incident);
        derive(T0.plusSeconds(61), incident);

        assertThat(status.getIncidents().get(0).getUpdates()).extracting(PublicUpdate::getMessage)
                .containsExactly("We are investigating reports of errors on chat completions.", "Some requests fail.");
    }

    @Test
    void anIncidentSaidResolvedWhileStillOpenShowsAsMonitoring() {
        Incident incident = incident("early", Severity.SEV3, "api");
        incident.getSpec().getPublication().setStatus(PublicIncidentStatus.resolved);
        derive(T0, incident);
        assertThat(status.getIncidents().get(0).getStatus()).isEqualTo(PublicIncidentStatus.monitoring);
        assertThat(statusOf("api")).isEqualTo(ComponentStatus.degraded);
    }

    @Test
    void theHistoryOutlivesTheIncidentAndEndsAfterNinetyDays() {
        derive(T0, incident("gone", Severity.SEV2, "api"));
        derive(T0.plusSeconds(600));

        assertThat(status.getIncidents()).singleElement().satisfies(r -> {
            assertThat(r.getIncident()).isEqualTo("gone");
            assertThat(r.getStatus()).isEqualTo(PublicIncidentStatus.resolved);
            assertThat(r.getResolvedAt()).isEqualTo("2026-12-03T10:10:00Z");
        });
        assertThat(status.getHistory()).extracting(ComponentPeriod::getTo).containsExactly("2026-12-03T10:10:00Z");

        derive(T0.plus(Duration.ofDays(90)));
        assertThat(status.getIncidents()).hasSize(1);
        derive(T0.plus(Duration.ofDays(90)).plusSeconds(601));
        assertThat(status.getIncidents()).isEmpty();
        assertThat(status.getHistory()).isEmpty();
    }

    @Test
    void anOverrideWinsWithWhoAndWhyAndTheSinceTimeHoldsWhileTheStatusDoes() {
        ComponentOverride override = new ComponentOverride();
        override.setComponent("dashboard");
        override.setStatus(ComponentStatus.maintenance);
        override.setReason("database upgrade");
        override.setBy("alice@example.com");
        spec.setOverrides(List.of(override));

        derive(T0);
        derive(T0.plusSeconds(60), incident("minor", Severity.SEV4, "dashboard"));

        assertThat(statusOf("dashboard")).isEqualTo(ComponentStatus.maintenance);
        assertThat(status.getComponents().stream().filter(c -> c.getId().equals("dashboard")).findFirst().orElseThrow())
                .satisfies(c -> assertThat(c.getSince()).isEqualTo("2026-12-03T10:00:00Z"))
                .satisfies(c -> assertThat(c.getCause()).isEqualTo("set by alice@example.com: database upgrade"));
        assertThat(status.getStatus()).isEqualTo(ComponentStatus.maintenance);
    }

    @Test
    void internalIncidentsAreNeitherCountedNorShownInComponents() {
        Incident draft = incident("draft", Severity.SEV1, "api");
        draft.getSpec().getPublication().setVisibility(Visibility.internal);
        derive(T0, draft);
        assertThat(statusOf("api")).isEqualTo(ComponentStatus.operational);
        assertThat(status.getActiveIncidents()).isZero();

        Incident customers = incident("customers", Severity.SEV1, "api");
        customers.getSpec().getPublication().setVisibility(Visibility.customers_only);
        derive(T0, customers);
        assertThat(statusOf("api")).isEqualTo(ComponentStatus.major_outage);
    }

    @Test
    void whenThePageOutgrowsItsBudgetTheOldestResolvedIncidentsGoFirst() {
        for (int i = 0; i < 40; i++) {
            Incident incident = incident("old-" + i, Severity.SEV3, "api");
            for (int u = 0; u < 4; u++) {
                incident.getSpec().getUpdates().add(update("x".repeat(4000) + u, true, T0.plusSeconds(i * 60L + u).toString()));
            }
            incident.getStatus().setDetectedAt(T0.plusSeconds(i * 60L).toString());
            derive(T0.plusSeconds(i * 60L), incident);
            incident.getSpec().setPhase(IncidentPhase.Resolved);
            derive(T0.plusSeconds(i * 60L + 30), incident);
        }
        assertThat(JSON.valueToTree(status.getIncidents()).toString().length() + JSON.valueToTree(status.getHistory()).toString().length())
                .isLessThanOrEqualTo(PageDerivation.MAX_BYTES);
        assertThat(status.getIncidents()).hasSizeLessThan(40).first().satisfies(r -> assertThat(r.getIncident()).isEqualTo("old-39"));
    }

    // ---

    private void derive(Instant now, Incident... published) {
        PageDerivation.Result result = PageDerivation.derive(spec, List.of(published), Map.of(), status, now, PageDerivationTest::size);
        status = result.status();
    }

    private static int size(Object value) {
        return JSON.valueToTree(value).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private ComponentStatus statusOf(String component) {
        return status.getComponents().stream().filter(c -> c.getId().equals(component)).findFirst().orElseThrow().getStatus();
    }

    private static StatusPageSpec spec() {
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Acme Status");
        spec.setComponents(new ArrayList<>(List.of(component("api", "API", List.of()), component("chat", "Chat Completions",
                List.of("chat-completions", "chat")), component("embeddings", "Embeddings", List.of()),
                component("dashboard", "Dashboard", List.of()))));
        return spec;
    }

    private static StatusComponent component(String id, String name, List<String> services) {
        StatusComponent component = new StatusComponent();
        component.setId(id);
        component.setName(name);
        component.setServices(services.isEmpty() ? null : services);
        return component;
    }

    private static Incident incident(String name, Severity severity, String service) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid("uid-" + name).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("internal title of " + name);
        spec.setSeverity(severity);
        Impact impact = new Impact();
        impact.setAffectedServices(List.of(service));
        spec.setImpact(impact);
        IncidentPublication publication = new IncidentPublication();
        publication.setPage("status");
        publication.setTitle("Elevated error rates");
        publication.setImpact("Elevated error rates on " + service);
        spec.setPublication(publication);
        incident.setSpec(spec);
        IncidentStatus status = new IncidentStatus();
        status.setSeverity(severity);
        status.setDetectedAt(T0.toString());
        incident.setStatus(status);
        return incident;
    }

    private static IncidentUpdate update(String message, boolean isPublic, String time) {
        IncidentUpdate update = new IncidentUpdate();
        update.setMessage(message);
        update.setAuthor("alice@example.com");
        update.setTime(time);
        update.setPublic(isPublic);
        return update;
    }
}
