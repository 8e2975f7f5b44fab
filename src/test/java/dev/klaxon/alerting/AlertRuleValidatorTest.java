package dev.klaxon.alerting;

import static dev.klaxon.api.ManifestFixtures.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.common.Problem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertRuleValidatorTest {

    private final AlertRule rule = example("alertrule-api-error-rate.yaml", AlertRule.class);
    private final Playbook playbook = example("playbook-api-high-error-rate.yaml", Playbook.class);

    @Test
    void theExampleRuleIsValidWhenItsPlaybookExists() {
        assertThat(AlertRuleValidator.validate(rule.getSpec(), Optional.of(playbook))).isEmpty();
    }

    @Test
    void aMissingPlaybookIsReported() {
        assertThat(AlertRuleValidator.validate(rule.getSpec(), Optional.empty()))
                .containsExactly(new Problem(ConditionReason.PlaybookNotFound,
                        "spec.incident.playbookRef: Playbook api-high-error-rate does not exist in this namespace"));
    }

    @Test
    void aRuleWithoutPlaybookNeedsNone() {
        AlertRule latency = example("alertrule-api-latency.yaml", AlertRule.class);

        assertThat(AlertRuleValidator.validate(latency.getSpec(), Optional.empty())).isEmpty();
    }

    @Test
    void anIntervalBelowOneSecondIsRefused() {
        rule.getSpec().setInterval("500ms");

        assertThat(AlertRuleValidator.validate(rule.getSpec(), Optional.of(playbook)))
                .extracting(Problem::reason).containsExactly(ConditionReason.InvalidInterval);
    }

    @Test
    void aZeroWindowIsRefused() {
        AlertRule provider = example("alertrule-provider-down.yaml", AlertRule.class);
        provider.getSpec().getConditions().get(1).setWindow("0m");

        assertThat(AlertRuleValidator.validate(provider.getSpec(), Optional.empty()))
                .extracting(Problem::message).containsExactly("spec.conditions[1].window: must be longer than 0s");
    }
}
