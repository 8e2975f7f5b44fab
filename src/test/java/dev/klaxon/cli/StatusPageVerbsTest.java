package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.IncidentPublication;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPageVerbsTest {

    @Test
    void aFirstPublicationNeedsPageTitleAndImpactALaterOneChangesOnlyWhatIsGiven() {
        StatusPageVerbs.Publish options = new StatusPageVerbs.Publish();
        options.name = "checkout";
        options.page = "acme-status";
        assertThatThrownBy(() -> StatusPageVerbs.publication(null, options)).hasMessageContaining("--page, --title and --impact are required");

        options.title = "Elevated errors";
        options.impact = "Errors on checkout";
        assertThat(StatusPageVerbs.publication(null, options))
                .isEqualTo(Map.of("page", "acme-status", "title", "Elevated errors", "impact", "Errors on checkout"));

        StatusPageVerbs.Publish later = new StatusPageVerbs.Publish();
        later.name = "checkout";
        later.status = PublicIncidentStatus.identified;
        later.visibility = "customers_only";
        assertThat(StatusPageVerbs.publication(new IncidentPublication(), later))
                .isEqualTo(Map.of("status", "identified", "visibility", "customers_only"));
        later.visibility = "everyone";
        assertThatThrownBy(() -> StatusPageVerbs.publication(new IncidentPublication(), later)).hasMessageContaining("--visibility must be");
    }

    @Test
    void aPageIsPrintedByGroupInDisplayOrderWithItsActiveIncidents() {
        StatusPage page = new StatusPage();
        page.setMetadata(new ObjectMetaBuilder().withName("acme-status").build());
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Acme Status");
        spec.setComponents(List.of(component("dashboard", "Dashboard", "Web", 4), component("api", "API", "Core Services", 1),
                component("chat", "Chat Completions", "Core Services", 2)));
        page.setSpec(spec);
        StatusPageStatus status = new StatusPageStatus();
        status.setStatus(ComponentStatus.partial_outage);
        status.setComponents(List.of(new ComponentState("dashboard", ComponentStatus.operational, "2026-12-03T09:00:00Z", null),
                new ComponentState("api", ComponentStatus.operational, "2026-12-03T09:00:00Z", null),
                new ComponentState("chat", ComponentStatus.partial_outage, "2026-12-03T10:00:00Z", "incidents chat-errors")));
        PublicIncident incident = new PublicIncident();
        incident.setTitle("Elevated error rates");
        incident.setIncident("chat-errors");
        incident.setStatus(PublicIncidentStatus.identified);
        incident.setVisibility(Visibility.everyone);
        incident.setStartedAt("2026-12-03T10:00:00Z");
        incident.setUpdates(List.of(new PublicUpdate("u-1", PublicIncidentStatus.identified, "We found it.", "StatusBot", "2026-12-03T10:05:00Z")));
        status.setIncidents(List.of(incident));
        page.setStatus(status);

        assertThat(StatusPageVerbs.render(page)).isEqualTo("""
                Acme Status: partial_outage
                Core Services
                  API               operational  since 2026-12-03T09:00:00Z
                  Chat Completions  partial_outage  since 2026-12-03T10:00:00Z
                Web
                  Dashboard         operational  since 2026-12-03T09:00:00Z
                active incidents:
                  Elevated error rates (identified, since 2026-12-03T10:00:00Z, incident chat-errors)
                    latest: We found it.
                """);
    }

    private static StatusComponent component(String id, String name, String group, int order) {
        StatusComponent component = new StatusComponent();
        component.setId(id);
        component.setName(name);
        component.setGroup(group);
        component.setOrder(order);
        return component;
    }
}
