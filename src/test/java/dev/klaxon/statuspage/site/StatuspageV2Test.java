package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatuspageV2Test {

    private final StatusPage page = page();

    @Test
    void theSummaryHasStatuspagesFieldsAndValues() {
        Map<String, Object> summary = new StatuspageV2(page, StatuspageV2.Audience.everyone, "https://status.acme.test").summary();

        assertThat(summary).containsOnlyKeys("page", "components", "incidents", "scheduled_maintenances", "status");
        assertThat(summary.get("page")).isEqualTo(Map.of("id", "uid-page", "name", "Acme Status", "url", "https://status.acme.test",
                "time_zone", "Etc/UTC", "updated_at", "2026-12-03T10:05:00Z"));
        assertThat(summary.get("status")).isEqualTo(Map.of("indicator", "major", "description", "Partial System Outage"));

        List<Map<String, Object>> components = list(summary.get("components"));
        assertThat(components).extracting(c -> c.get("id")).containsExactly("api", "chat", "dashboard", "group-core-services", "group-web");
        assertThat(components.get(0)).containsOnlyKeys("id", "name", "status", "created_at", "updated_at", "position", "description",
                "showcase", "start_date", "group_id", "page_id", "group", "only_show_if_degraded");
        assertThat(components).extracting(c -> c.get("status"))
                .containsExactly("degraded_performance", "partial_outage", "under_maintenance", "partial_outage", "under_maintenance");
        assertThat(components.get(1)).containsEntry("group_id", "group-core-services").containsEntry("group", false);
        assertThat(components.get(3)).containsEntry("group", true).containsEntry("components", List.of("api", "chat"));

        List<Map<String, Object>> incidents = list(summary.get("incidents"));
        assertThat(incidents).extracting(i -> i.get("id")).containsExactly("pub-open");
        Map<String, Object> incident = incidents.get(0);
        assertThat(incident).containsOnlyKeys("id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at",
                "impact", "shortlink", "started_at", "page_id", "incident_updates", "components");
        assertThat(incident).containsEntry("impact", "major").containsEntry("status", "monitoring")
                .containsEntry("monitoring_at", "2026-12-03T10:05:00Z").containsEntry("shortlink", "https://status.acme.test/incidents/pub-open");
        List<Map<String, Object>> updates = list(incident.get("incident_updates"));
        assertThat(updates).extracting(u -> u.get("body")).containsExactly("A fix is rolling out.", "We are investigating reports of errors.");
        assertThat(updates.get(0)).containsEntry("status", "monitoring").containsEntry("incident_id", "pub-open")
                .containsEntry("display_at", "2026-12-03T10:05:00Z");
        assertThat(list(incident.get("components"))).extracting(c -> c.get("id")).containsExactly("chat");
    }

    @Test
    void scheduledMaintenancesHaveStatuspagesShapeAndAreSplitIntoUpcomingAndActive() {
        page.getStatus().setMaintenances(List.of(maintenance("mw-a-1", dev.klaxon.api.v1alpha1.PublicMaintenance.State.in_progress),
                maintenance("mw-b-2", dev.klaxon.api.v1alpha1.PublicMaintenance.State.scheduled),
                maintenance("mw-c-3", dev.klaxon.api.v1alpha1.PublicMaintenance.State.completed)));
        StatuspageV2 api = new StatuspageV2(page, StatuspageV2.Audience.everyone, null);

        List<Map<String, Object>> all = list(api.scheduledMaintenances(null).get("scheduled_maintenances"));
        assertThat(all).extracting(m -> m.get("id")).containsExactly("mw-a-1", "mw-b-2", "mw-c-3");
        assertThat(all.get(0)).containsOnlyKeys("id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at", "impact",
                "shortlink", "started_at", "page_id", "scheduled_for", "scheduled_until", "incident_updates", "components");
        assertThat(all.get(0)).containsEntry("impact", "maintenance").containsEntry("status", "in_progress")
                .containsEntry("scheduled_for", "2026-12-06T01:00:00Z").containsEntry("scheduled_until", "2026-12-06T03:00:00Z");
        assertThat(list(all.get(0).get("components"))).extracting(c -> c.get("id")).containsExactly("api");
        assertThat(all.get(2)).containsEntry("resolved_at", "2026-12-06T03:00:00Z");
        assertThat(list(api.scheduledMaintenances(dev.klaxon.api.v1alpha1.PublicMaintenance.State.scheduled).get("scheduled_maintenances")))
                .extracting(m -> m.get("id")).containsExactly("mw-b-2");
        assertThat(list(api.scheduledMaintenances(dev.klaxon.api.v1alpha1.PublicMaintenance.State.in_progress).get("scheduled_maintenances")))
                .extracting(m -> m.get("id")).containsExactly("mw-a-1");
        assertThat(list(api.summary().get("scheduled_maintenances"))).as("the summary: upcoming and active")
                .extracting(m -> m.get("id")).containsExactly("mw-a-1", "mw-b-2");
    }

    @Test
    void aMaintenanceHasAShortlinkLikeAnIncidentAndItOpensTheMaintenancesPage() {
        page.getStatus().setMaintenances(List.of(maintenance("mw-c-3", dev.klaxon.api.v1alpha1.PublicMaintenance.State.completed)));
        StatuspageV2 api = new StatuspageV2(page, StatuspageV2.Audience.everyone, "https://status.acme.test");

        // Statuspage clients type shortlink as a string on incidents and scheduled maintenances alike.
        assertThat(list(api.scheduledMaintenances(null).get("scheduled_maintenances")).get(0))
                .containsEntry("shortlink", "https://status.acme.test/incidents/mw-c-3");
        String maintenancePage = new HtmlPages(page, List.of(), "", java.time.Instant.parse("2026-12-07T00:00:00Z"))
                .maintenancePage(page.getStatus().getMaintenances().get(0));
        assertThat(maintenancePage).contains("<h2><a href=\"/incidents/mw-c-3\">Database maintenance</a></h2>", "Completed",
                "<time datetime=\"2026-12-06T03:00:00Z\">");
    }

    @Test
    void theHtmlPageShowsMaintenanceInProgressAndUpcomingButNotCompleted() {
        page.getStatus().setMaintenances(List.of(maintenance("mw-a-1", dev.klaxon.api.v1alpha1.PublicMaintenance.State.in_progress),
                maintenance("mw-c-3", dev.klaxon.api.v1alpha1.PublicMaintenance.State.completed)));
        page.getStatus().getMaintenances().get(1).setName("Old <work>");
        String html = new HtmlPages(page, List.of(), "", java.time.Instant.parse("2026-12-06T02:00:00Z")).index();

        assertThat(html).contains("<h2 id=\"maintenance\">Scheduled maintenance</h2>",
                "<h3><a href=\"/incidents/mw-a-1\">Database maintenance</a></h3>", "In progress",
                "<time datetime=\"2026-12-06T01:00:00Z\">", " · API</p>").doesNotContain("Old &lt;work&gt;");
        page.getStatus().setMaintenances(List.of());
        assertThat(new HtmlPages(page, List.of(), "", java.time.Instant.parse("2026-12-06T02:00:00Z")).index())
                .doesNotContain("Scheduled maintenance");
    }

    private static dev.klaxon.api.v1alpha1.PublicMaintenance maintenance(String id, dev.klaxon.api.v1alpha1.PublicMaintenance.State state) {
        dev.klaxon.api.v1alpha1.PublicMaintenance maintenance = new dev.klaxon.api.v1alpha1.PublicMaintenance();
        maintenance.setId(id);
        maintenance.setName("Database maintenance");
        maintenance.setStatus(state);
        maintenance.setScheduledFor("2026-12-06T01:00:00Z");
        maintenance.setScheduledUntil("2026-12-06T03:00:00Z");
        maintenance.setComponents(List.of("api"));
        maintenance.setUpdatedAt("2026-12-03T10:00:00Z");
        return maintenance;
    }

    @Test
    void customersOnlyIncidentsShowOnlyToCustomersAndInternalOnesNever() {
        StatuspageV2 everyone = new StatuspageV2(page, StatuspageV2.Audience.everyone, null);
        StatuspageV2 customers = new StatuspageV2(page, StatuspageV2.Audience.customers, null);

        assertThat(list(everyone.incidentsDocument(false).get("incidents"))).extracting(i -> i.get("id"))
                .containsExactly("pub-open", "pub-old");
        assertThat(list(customers.incidentsDocument(false).get("incidents"))).extracting(i -> i.get("id"))
                .containsExactly("pub-open", "pub-customers", "pub-old");
        assertThat(list(customers.incidentsDocument(true).get("incidents"))).extracting(i -> i.get("id"))
                .containsExactly("pub-open", "pub-customers");
        assertThat(list(everyone.incidentsDocument(false).get("incidents")).get(1)).containsEntry("impact", "critical")
                .containsEntry("resolved_at", "2026-12-01T11:00:00Z").containsEntry("shortlink", null);
    }

    @Test
    void aResolvedIncidentWithAPostmortemHasStatuspagesPostmortemStatusAndItsTextFirst() {
        PublicIncident old = page.getStatus().getIncidents().get(3);
        old.setPostmortem("We removed certificate pinning.");
        old.setPostmortemPublishedAt("2026-12-04T09:00:00Z");

        Map<String, Object> incident = list(new StatuspageV2(page, StatuspageV2.Audience.everyone, null).incidentsDocument(false)
                .get("incidents")).get(1);

        assertThat(incident).containsEntry("status", "postmortem");
        assertThat(list(incident.get("incident_updates")).get(0)).containsEntry("status", "postmortem")
                .containsEntry("body", "We removed certificate pinning.").containsEntry("created_at", "2026-12-04T09:00:00Z");
    }

    @Test
    void theIndicatorFollowsTheOverallStatus() {
        assertThat(indicatorFor(ComponentStatus.operational)).isEqualTo(Map.of("indicator", "none", "description", "All Systems Operational"));
        assertThat(indicatorFor(ComponentStatus.degraded)).containsEntry("indicator", "minor");
        assertThat(indicatorFor(ComponentStatus.major_outage)).containsEntry("indicator", "critical");
        assertThat(indicatorFor(ComponentStatus.maintenance)).containsEntry("indicator", "none")
                .containsEntry("description", "Service Under Maintenance");
    }

    private Map<String, Object> indicatorFor(ComponentStatus overall) {
        page.getStatus().setStatus(overall);
        return new StatuspageV2(page, StatuspageV2.Audience.everyone, null).indicator();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static StatusPage page() {
        StatusPage page = new StatusPage();
        page.setMetadata(new ObjectMetaBuilder().withName("acme-status").withUid("uid-page").withCreationTimestamp("2026-11-01T00:00:00Z").build());
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Acme Status");
        spec.setComponents(List.of(component("dashboard", "Web", 3), component("api", "Core Services", 1), component("chat", "Core Services", 2)));
        page.setSpec(spec);
        StatusPageStatus status = new StatusPageStatus();
        status.setStatus(ComponentStatus.partial_outage);
        status.setComponents(List.of(new ComponentState("dashboard", ComponentStatus.maintenance, "2026-12-03T09:00:00Z", "set by x: y"),
                new ComponentState("api", ComponentStatus.degraded, "2026-12-03T09:30:00Z", "incidents open"),
                new ComponentState("chat", ComponentStatus.partial_outage, "2026-12-03T10:00:00Z", "incidents open")));
        status.setIncidents(new ArrayList<>(List.of(
                incident("pub-open", Visibility.everyone, Severity.SEV2, PublicIncidentStatus.monitoring, null, "chat"),
                incident("pub-customers", Visibility.customers_only, Severity.SEV3, PublicIncidentStatus.investigating, null, "api"),
                incident("pub-draft", Visibility.internal, Severity.SEV1, PublicIncidentStatus.investigating, null, "api"),
                incident("pub-old", Visibility.everyone, Severity.SEV1, PublicIncidentStatus.resolved, "2026-12-01T11:00:00Z", "api"))));
        page.setStatus(status);
        return page;
    }

    private static StatusComponent component(String id, String group, int order) {
        StatusComponent component = new StatusComponent();
        component.setId(id);
        component.setName(id.toUpperCase());
        component.setGroup(group);
        component.setOrder(order);
        return component;
    }

    private static PublicIncident incident(String id, Visibility visibility, Severity severity, PublicIncidentStatus status, String resolvedAt,
            String component) {
        PublicIncident incident = new PublicIncident();
        incident.setId(id);
        incident.setIncident(id.substring(4));
        incident.setTitle("Errors");
        incident.setVisibility(visibility);
        incident.setSeverity(severity);
        incident.setStatus(status);
        incident.setResolvedAt(resolvedAt);
        incident.setStartedAt("2026-12-03T10:00:00Z");
        incident.setComponents(List.of(component));
        incident.setUpdates(new ArrayList<>(List.of(
                new PublicUpdate("u-1", PublicIncidentStatus.investigating, "We are investigating reports of errors.", "StatusBot",
                        "2026-12-03T10:00:00Z"))));
        if (status == PublicIncidentStatus.monitoring) {
            incident.getUpdates().add(new PublicUpdate("u-2", PublicIncidentStatus.monitoring, "A fix is rolling out.", "alice",
                    "2026-12-03T10:05:00Z"));
        }
        return incident;
    }
}
