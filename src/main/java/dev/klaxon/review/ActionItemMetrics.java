package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Locale;

/** klaxon_action_items{status,priority} and klaxon_action_items_overdue, counted from the reviews in the cache when scraped. */
@ApplicationScoped
public class ActionItemMetrics {

    private final MeterRegistry registry;
    private final Clock clock;

    public ActionItemMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void watch(IndexedResourceCache<PostIncidentReview> reviews) {
        for (ActionItem.Status status : ActionItem.Status.values()) {
            for (ActionItem.Priority priority : ActionItem.Priority.values()) {
                Gauge.builder("klaxon.action.items", reviews, cache -> cache.list().flatMap(r -> r.getSpec().getActionItems().stream())
                                .filter(i -> i.getStatus() == status && i.getPriority() == priority).count())
                        .description("Action items of post-incident reviews").tag("status", status.name().toLowerCase(Locale.ROOT))
                        .tag("priority", priority.name()).register(registry);
            }
        }
        Gauge.builder("klaxon.action.items.overdue", reviews, cache -> cache.list().flatMap(r -> r.getSpec().getActionItems().stream())
                        .filter(i -> ActionItemTracker.isOverdue(i, clock.instant())).count())
                .description("Action items open or in progress past their due date").register(registry);
    }
}
