package dev.klaxon.testing;

import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.AutoResolve;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** AlertRules for tests that need an incident quickly: evaluated every second, firing at once, never auto-resolved. */
public final class Rules {

    private Rules() {
    }

    /** Fires while {@code query} is above 1. */
    public static AlertRule aboveOne(String namespace, String name, String query, AlertRuleSpec.RuleSeverity severity, Category category) {
        AlertRule rule = new AlertRule();
        rule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.setSeverity(severity);
        spec.setCategory(category);
        spec.setInterval("1s");
        AlertCondition condition = new AlertCondition();
        condition.setType(AlertCondition.Type.Threshold);
        condition.setQuery(query);
        condition.setOperator(ComparisonOperator.gt);
        condition.setThreshold(1.0);
        spec.setConditions(List.of(condition));
        AutoResolve autoResolve = new AutoResolve();
        autoResolve.setEnabled(false);
        spec.setAutoResolve(autoResolve);
        rule.setSpec(spec);
        return rule;
    }
}
