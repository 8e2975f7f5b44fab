package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSla;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PostIncidentReviewSpec;
import dev.klaxon.api.v1alpha1.Responder;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/** The guide's scenario: an API error-rate outage, with P0–P2 action items. */
final class ReviewTestData {

    private ReviewTestData() {
    }

    static Incident apiErrors() {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName("api-errors").withNamespace("shop").build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("API error rate above 5%");
        spec.setCommander("alice@example.com");
        spec.setResponders(new ArrayList<>(List.of(responder("alice@example.com", Responder.Role.incident_commander),
                responder("bob@example.com", Responder.Role.technical_lead))));
        Impact impact = new Impact();
        impact.setAffectedServices(List.of("api", "chat-completions"));
        impact.setAffectedRegions(List.of("us-east-1"));
        impact.setAffectedUsersEstimate(42000L);
        spec.setImpact(impact);
        spec.setRootCause("A config push lowered the connection pool to 5.");
        spec.setContributingFactors(List.of("The canary did not cover pool settings", "Alert threshold | 5% was high"));
        incident.setSpec(spec);
        IncidentStatus status = new IncidentStatus();
        status.setDetectedAt("2026-11-30T14:05:00Z");
        status.setAcknowledgedAt("2026-11-30T14:09:00Z");
        status.setMitigatedAt("2026-11-30T14:40:00Z");
        status.setResolvedAt("2026-11-30T15:05:00Z");
        IncidentSla sla = new IncidentSla();
        sla.setBreaches(1);
        status.setSla(sla);
        status.setTimeline(new ArrayList<>(List.of(new TimelineEntry("2026-11-30T14:05:00Z", "Detected", "alert api-error-rate fired", null),
                new TimelineEntry("2026-11-30T14:09:00Z", "Acknowledged", "alice@example.com acknowledged", null),
                new TimelineEntry("2026-11-30T15:05:00Z", "Resolved", "error rate back under 1%", null))));
        incident.setStatus(status);
        return incident;
    }

    static PostIncidentReview review() {
        PostIncidentReview review = new PostIncidentReview();
        review.setMetadata(new ObjectMetaBuilder().withName("pir-api-errors").withNamespace("shop").withUid("uid-review").build());
        PostIncidentReviewSpec spec = new PostIncidentReviewSpec();
        spec.setIncidentRef("api-errors");
        spec.setFacilitator("carol@example.com");
        spec.setSummary("A config push lowered the API's connection pool; 5xx rose to 12% for an hour.");
        spec.setImpactStartedAt("2026-11-30T13:55:00Z");
        spec.setWhatWentWell(List.of("Paging reached the on-call in 4 minutes"));
        spec.setWhatCouldImprove(List.of("Config pushes need a canary"));
        spec.setActionItems(new ArrayList<>(List.of(
                item("AI-api-errors-1", "Canary config pushes", "bob@example.com", ActionItem.Priority.P0, "2026-12-05T17:00:00Z",
                        ActionItem.Category.tooling),
                item("AI-api-errors-2", "Alert on pool exhaustion", "alice@example.com", ActionItem.Priority.P1, "2026-12-12T17:00:00Z",
                        ActionItem.Category.monitoring),
                item("AI-api-errors-3", "Runbook: pool settings", "carol@example.com", ActionItem.Priority.P2, "2026-12-19T17:00:00Z",
                        ActionItem.Category.documentation))));
        review.setSpec(spec);
        return review;
    }

    static ActionItem item(String id, String title, String owner, ActionItem.Priority priority, String due, ActionItem.Category category) {
        ActionItem item = new ActionItem();
        item.setId(id);
        item.setTitle(title);
        item.setOwner(owner);
        item.setPriority(priority);
        item.setDueDate(due);
        item.setCategory(category);
        return item;
    }

    private static Responder responder(String name, Responder.Role role) {
        Responder responder = new Responder();
        responder.setName(name);
        responder.setRole(role);
        return responder;
    }
}
