package dev.klaxon.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.generator.annotation.Size;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every list in a status is bounded (issue 28, point 10): 20,000 playbook runs naming one incident
 * once grew its status past what etcd accepts, and from then on no status write succeeded and its
 * escalation stopped. A list bounded by the schema ({@code @Size}) is bounded where it is
 * written; every other one is named here with what bounds it, so a new list cannot arrive
 * unbounded without this test failing.
 */
class StatusListBoundsTest {

    /** Status lists without a schema bound, and what bounds them in code (and which test shows it). */
    private static final Map<String, String> BOUNDED_IN_CODE = Map.ofEntries(
            Map.entry("AlertRuleStatus.alerts", "bytes: evaluation.maxStatusAlertBytes, firing first (StatusAlertsTest)"),
            Map.entry("AlertRuleStatus.alerts[].labels", "within the alerts' byte budget"),
            Map.entry("AlertRuleStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("IncidentStatus.requiredRoles", "the severity matrix's roles (operator configuration)"),
            Map.entry("IncidentStatus.missingRoles", "a subset of requiredRoles"),
            Map.entry("IncidentStatus.timeline", "100 entries: the first 10 and the newest 90 (IncidentLifecycleTest)"),
            Map.entry("IncidentStatus.suggestedPlaybooks", "20 names, the most specific first (PlaybookSuggestionsTest)"),
            Map.entry("IncidentStatus.sharedAlerts", "bytes: evaluation.maxStatusAlertBytes (StormAlerts, StatusAlertsTest)"),
            Map.entry("IncidentStatus.sharedAlerts[].labels", "within the shared alerts' byte budget"),
            Map.entry("MaintenanceWindowStatus.notifications", "the last 3 occurrences' records, 2 per channel of at most 10 (MaintenanceNoticesTest)"),
            Map.entry("MaintenanceWindowStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("ServiceDependencyStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("StatusPageSubscriberStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("ServiceLevelObjectiveStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("IncidentStatus.heldBackAlerts", "bytes: evaluation.maxStatusAlertBytes, the rest counted (AttachedAlertsTest)"),
            Map.entry("IncidentStatus.heldBackAlerts[].labels", "within the held-back alerts' byte budget"),
            Map.entry("IncidentStatus.playbookRuns", "bytes: 128 KiB, the rest counted (PlaybookRunRecordsTest, IncidentBoundsIT)"),
            Map.entry("IncidentStatus.notifications", "bytes: 128 KiB, earlier rounds make room (NotificationLedgerTest)"),
            Map.entry("IncidentStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("OnCallScheduleStatus.upcoming", "50 shifts (OnCallScheduleReconciler.MAX_SHIFTS)"),
            Map.entry("OnCallScheduleStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("PlaybookRunStatus.approvalsBeforeStart", "a subset of spec.approvals (maxItems)"),
            Map.entry("PlaybookRunStatus.steps", "one per step of the snapshot (spec.steps maxItems)"),
            Map.entry("PlaybookRunStatus.transitions", "a few per step of the snapshot and per approval (both maxItems)"),
            Map.entry("PlaybookRunStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("PostIncidentReviewStatus.participants", "spec.participants (maxItems) or the incident's responders (maxItems)"),
            Map.entry("PostIncidentReviewStatus.timeline", "ReviewPrefill.MAX_TIMELINE entries"),
            Map.entry("PostIncidentReviewStatus.contributingFactors", "spec.contributingFactors (maxItems) or the incident's root cause"),
            Map.entry("PostIncidentReviewStatus.overdue", "ids of spec.actionItems (maxItems)"),
            Map.entry("PostIncidentReviewStatus.overdueWarned", "ids of spec.actionItems (maxItems)"),
            Map.entry("PostIncidentReviewStatus.reminded", "ids of spec.actionItems (maxItems)"),
            Map.entry("PostIncidentReviewStatus.notifications", "two notices per action item (maxItems) and channel (maxItems)"),
            Map.entry("PostIncidentReviewStatus.conditions", "one per type (ReadyCondition)"),
            Map.entry("StatusPageStatus.components", "one per spec.components (maxItems)"),
            Map.entry("StatusPageStatus.incidents", "bytes: PageDerivation.MAX_BYTES with history, oldest resolved dropped first (PageDerivationTest)"),
            Map.entry("StatusPageStatus.incidents[].components", "the page's spec.components (maxItems)"),
            Map.entry("StatusPageStatus.incidents[].updates", "the incident's public spec.updates (maxItems), within PageDerivation.MAX_BYTES"),
            Map.entry("StatusPageStatus.maintenances", "50 windows (PublicMaintenances.MAX)"),
            Map.entry("StatusPageStatus.maintenances[].components", "the page's spec.components (maxItems)"),
            Map.entry("StatusPageStatus.history", "bytes: PageDerivation.MAX_BYTES with incidents, ended periods dropped first (PageDerivationTest)"),
            Map.entry("StatusPageStatus.conditions", "one per type (ReadyCondition)"));

    @Test
    void everyStatusListIsBoundedBySchemaOrByCodeThatSaysHow() {
        List<String> withoutSchemaBound = new ArrayList<>();
        for (Class<?> status : List.of(AlertRuleStatus.class, IncidentStatus.class, OnCallScheduleStatus.class, PlaybookRunStatus.class,
                PostIncidentReviewStatus.class, StatusPageStatus.class, MaintenanceWindowStatus.class, ServiceDependencyStatus.class,
                StatusPageSubscriberStatus.class, ServiceLevelObjectiveStatus.class)) {
            walk(status.getSimpleName(), status, withoutSchemaBound, new HashSet<>());
        }

        assertThat(withoutSchemaBound).as("status lists without @Size, each needs a bound in code named in BOUNDED_IN_CODE")
                .containsExactlyInAnyOrderElementsOf(BOUNDED_IN_CODE.keySet());
    }

    static void walk(String path, Class<?> type, List<String> withoutSchemaBound, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String at = path + "." + field.getName();
                Class<?> raw = field.getType();
                if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
                    if (field.getAnnotation(Size.class) == null) {
                        withoutSchemaBound.add(at);
                    }
                    Type[] args = ((ParameterizedType) field.getGenericType()).getActualTypeArguments();
                    Type element = args[args.length - 1];
                    if (element instanceof ParameterizedType p) {
                        element = p.getRawType();
                    }
                    if (element instanceof Class<?> e && e.getPackageName().equals(type.getPackageName())) {
                        walk(at + "[]", e, withoutSchemaBound, seen);
                    }
                } else if (raw.getPackageName().equals(IncidentStatus.class.getPackageName()) && !raw.isEnum()) {
                    walk(at, raw, withoutSchemaBound, seen);
                }
            }
        }
    }
}
