package dev.klaxon.statuspage.site;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicMaintenance;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A StatusPage in the shapes of the Atlassian Statuspage public API v2 ({@code /api/v2/summary.json}
 * and friends): the same field names and values, so existing Statuspage clients and widgets read
 * a Klaxon page unchanged. Built from the page's status alone (what the operator published);
 * {@code audience} decides whether customers-only incidents are included.
 */
public final class StatuspageV2 {

    /** Who is asking: anyone, or a customer with the page's token. */
    public enum Audience { everyone, customers }

    private final StatusPage page;
    private final StatusPageStatus status;
    private final Audience audience;
    private final String url;

    /** @param url the page's public address (for {@code page.url} and incident shortlinks), or null */
    public StatuspageV2(StatusPage page, Audience audience, String url) {
        this.page = page;
        this.status = page.getStatus() != null ? page.getStatus() : new StatusPageStatus();
        this.audience = audience;
        this.url = url;
    }

    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("page", page());
        summary.put("components", components());
        summary.put("incidents", incidents(true));
        summary.put("scheduled_maintenances", maintenances(m -> m.getStatus() != PublicMaintenance.State.completed));
        summary.put("status", indicator());
        return summary;
    }

    public Map<String, Object> status() {
        return ordered("page", page(), "status", indicator());
    }

    public Map<String, Object> componentsDocument() {
        return ordered("page", page(), "components", components());
    }

    public Map<String, Object> incidentsDocument(boolean unresolvedOnly) {
        return ordered("page", page(), "incidents", incidents(unresolvedOnly));
    }

    /** Scheduled maintenances: all of them ({@code state} null), the upcoming ones or the active ones. */
    public Map<String, Object> scheduledMaintenances(PublicMaintenance.State state) {
        return ordered("page", page(), "scheduled_maintenances", maintenances(m -> state == null || m.getStatus() == state));
    }

    private List<Map<String, Object>> maintenances(java.util.function.Predicate<PublicMaintenance> which) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PublicMaintenance maintenance : status.getMaintenances()) {
            if (!which.test(maintenance)) {
                continue;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", maintenance.getId());
            json.put("name", maintenance.getName());
            json.put("status", maintenance.getStatus().name());
            json.put("created_at", maintenance.getCreatedAt() != null ? maintenance.getCreatedAt() : maintenance.getUpdatedAt());
            json.put("updated_at", maintenance.getUpdatedAt());
            json.put("monitoring_at", null);
            json.put("resolved_at", maintenance.getStatus() == PublicMaintenance.State.completed ? maintenance.getScheduledUntil() : null);
            json.put("impact", "maintenance");
            json.put("shortlink", url == null ? null : url + "/incidents/" + maintenance.getId());
            json.put("started_at", maintenance.getScheduledFor());
            json.put("page_id", page.getMetadata().getUid());
            json.put("scheduled_for", maintenance.getScheduledFor());
            json.put("scheduled_until", maintenance.getScheduledUntil());
            json.put("incident_updates", List.of(update(new PublicUpdate(maintenance.getId() + "-" + maintenance.getStatus(), null,
                    maintenance.getName(), null, maintenance.getUpdatedAt()), maintenance.getId(), maintenance.getStatus().name())));
            json.put("components", componentsAmong(maintenance.getComponents()));
            list.add(json);
        }
        return list;
    }

    Map<String, Object> page() {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("id", this.page.getMetadata().getUid());
        page.put("name", this.page.getSpec().getTitle());
        page.put("url", url);
        page.put("time_zone", "Etc/UTC");
        page.put("updated_at", updatedAt());
        return page;
    }

    /** The page's indicator and its words, from the overall status. */
    Map<String, Object> indicator() {
        ComponentStatus overall = status.getStatus() != null ? status.getStatus() : ComponentStatus.operational;
        return switch (overall) {
            case operational -> ordered("indicator", "none", "description", "All Systems Operational");
            case maintenance -> ordered("indicator", "none", "description", "Service Under Maintenance");
            case degraded -> ordered("indicator", "minor", "description", "Minor Service Outage");
            case partial_outage -> ordered("indicator", "major", "description", "Partial System Outage");
            case major_outage -> ordered("indicator", "critical", "description", "Major System Outage");
        };
    }

    /** The components in display order, each group as a component with {@code group: true} listing its members. */
    List<Map<String, Object>> components() {
        List<StatusComponent> ordered = ComponentOrder.sorted(page.getSpec().getComponents());
        List<Map<String, Object>> components = new ArrayList<>();
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            StatusComponent component = ordered.get(i);
            String groupId = component.getGroup() == null ? null : "group-" + slug(component.getGroup());
            components.add(component(component, i + 1, groupId));
            if (groupId != null) {
                Map<String, Object> group = groups.computeIfAbsent(groupId, id -> groupOf(id, component.getGroup()));
                @SuppressWarnings("unchecked")
                List<String> members = (List<String>) group.get("components");
                members.add(component.getId());
                ComponentStatus worst = fromApi((String) group.get("status")).worst(state(component.getId()).getStatus());
                group.put("status", apiStatus(worst));
            }
        }
        int position = components.size();
        for (Map<String, Object> group : groups.values()) {
            group.put("position", ++position);
            components.add(group);
        }
        return components;
    }

    private Map<String, Object> component(StatusComponent component, int position, String groupId) {
        ComponentState state = state(component.getId());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", component.getId());
        json.put("name", component.getName());
        json.put("status", apiStatus(state.getStatus()));
        json.put("created_at", page.getMetadata().getCreationTimestamp());
        json.put("updated_at", state.getSince() != null ? state.getSince() : page.getMetadata().getCreationTimestamp());
        json.put("position", position);
        json.put("description", component.getDescription());
        json.put("showcase", true);
        json.put("start_date", null);
        json.put("group_id", groupId);
        json.put("page_id", page.getMetadata().getUid());
        json.put("group", false);
        json.put("only_show_if_degraded", false);
        return json;
    }

    private Map<String, Object> groupOf(String id, String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("status", apiStatus(ComponentStatus.operational));
        json.put("created_at", page.getMetadata().getCreationTimestamp());
        json.put("updated_at", page.getMetadata().getCreationTimestamp());
        json.put("position", 0);
        json.put("description", null);
        json.put("showcase", false);
        json.put("start_date", null);
        json.put("group_id", null);
        json.put("page_id", page.getMetadata().getUid());
        json.put("group", true);
        json.put("only_show_if_degraded", false);
        json.put("components", new ArrayList<String>());
        return json;
    }

    /** The incidents this audience may see, newest first. */
    List<Map<String, Object>> incidents(boolean unresolvedOnly) {
        return visible().filter(i -> !unresolvedOnly || i.getStatus() != PublicIncidentStatus.resolved).map(this::incident).toList();
    }

    /** The incidents this audience may see: public ones, and customers-only ones for customers; internal ones never. */
    List<PublicIncident> visibleIncidents() {
        return visible().toList();
    }

    private Stream<PublicIncident> visible() {
        return status.getIncidents().stream().filter(i -> i.getVisibility() == Visibility.everyone
                || audience == Audience.customers && i.getVisibility() == Visibility.customers_only);
    }

    private Map<String, Object> incident(PublicIncident incident) {
        List<PublicUpdate> updates = incident.getUpdates();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", incident.getId());
        json.put("name", incident.getTitle());
        boolean postmortem = incident.getPostmortem() != null && incident.getStatus() == PublicIncidentStatus.resolved;
        json.put("status", postmortem ? "postmortem" : incident.getStatus().name());
        json.put("created_at", incident.getStartedAt());
        json.put("updated_at", updates.isEmpty() ? incident.getStartedAt() : updates.get(updates.size() - 1).getTime());
        json.put("monitoring_at", updates.stream().filter(u -> u.getStatus() == PublicIncidentStatus.monitoring).map(PublicUpdate::getTime)
                .findFirst().orElse(null));
        json.put("resolved_at", incident.getResolvedAt());
        json.put("impact", impact(incident.getSeverity()));
        json.put("shortlink", url == null ? null : url + "/incidents/" + incident.getId());
        json.put("started_at", incident.getStartedAt());
        json.put("page_id", page.getMetadata().getUid());
        List<Map<String, Object>> jsonUpdates = new ArrayList<>();
        if (postmortem) {
            jsonUpdates.add(update(new PublicUpdate("postmortem", null, incident.getPostmortem(), null, incident.getPostmortemPublishedAt()),
                    incident.getId(), "postmortem"));
        }
        for (int i = updates.size() - 1; i >= 0; i--) {
            jsonUpdates.add(update(updates.get(i), incident.getId(), updates.get(i).getStatus().name()));
        }
        json.put("incident_updates", jsonUpdates);
        json.put("components", componentsAmong(incident.getComponents()));
        return json;
    }

    /** The page's components with these ids, in the page's order, as Statuspage writes a component. */
    private List<Map<String, Object>> componentsAmong(List<String> ids) {
        List<StatusComponent> all = page.getSpec().getComponents();
        List<Map<String, Object>> components = new ArrayList<>();
        for (StatusComponent component : all) {
            if (ids.contains(component.getId())) {
                components.add(component(component, all.indexOf(component) + 1,
                        component.getGroup() == null ? null : "group-" + slug(component.getGroup())));
            }
        }
        return components;
    }

    private static Map<String, Object> update(PublicUpdate update, String incidentId, String status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", update.getId());
        json.put("status", status);
        json.put("body", update.getMessage());
        json.put("incident_id", incidentId);
        json.put("created_at", update.getTime());
        json.put("updated_at", update.getTime());
        json.put("display_at", update.getTime());
        json.put("affected_components", null);
        json.put("deliver_notifications", true);
        json.put("custom_tweet", null);
        json.put("tweet_id", null);
        return json;
    }

    /** Statuspage's incident impact for a severity: SEV1 critical, SEV2 major, SEV3–4 minor, SEV5 none. */
    static String impact(Severity severity) {
        if (severity == null) {
            return "minor";
        }
        return switch (severity) {
            case SEV1 -> "critical";
            case SEV2 -> "major";
            case SEV3, SEV4 -> "minor";
            case SEV5 -> "none";
        };
    }

    /** Statuspage's name of a component status. */
    static String apiStatus(ComponentStatus status) {
        return switch (status) {
            case operational -> "operational";
            case maintenance -> "under_maintenance";
            case degraded -> "degraded_performance";
            case partial_outage -> "partial_outage";
            case major_outage -> "major_outage";
        };
    }

    private static ComponentStatus fromApi(String status) {
        return Stream.of(ComponentStatus.values()).filter(s -> apiStatus(s).equals(status)).findFirst().orElseThrow();
    }

    private ComponentState state(String id) {
        return status.getComponents().stream().filter(s -> s.getId().equals(id)).findFirst()
                .orElseGet(() -> new ComponentState(id, ComponentStatus.operational, null, null));
    }

    private String updatedAt() {
        return Stream.concat(status.getComponents().stream().map(ComponentState::getSince),
                        visible().flatMap(i -> i.getUpdates().stream()).map(PublicUpdate::getTime))
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(page.getMetadata().getCreationTimestamp());
    }

    /** A map that keeps its keys in the order given: every replica renders the same bytes, so the same ETag. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
