package dev.klaxon.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.MaintenanceMatcher;
import dev.klaxon.api.v1alpha1.MaintenanceMatcher.Operator;
import dev.klaxon.api.v1alpha1.MaintenanceMatcher.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WindowMatchersTest {

    private static MaintenanceMatcher matcher(Target on, String name, Operator operator, String value) {
        return new MaintenanceMatcher(on, name, operator, value);
    }

    @Test
    void allMatchersMustHoldAsAlertmanagersDo() {
        WindowMatchers matchers = WindowMatchers.of(List.of(matcher(Target.LABEL, "cluster", Operator.EQUAL, "eu-1"),
                matcher(Target.LABEL, "instance", Operator.MATCHES, "db-[0-9]+"),
                matcher(Target.LABEL, "team", Operator.NOT_EQUAL, "payments")));

        assertThat(matchers.matches("db-latency", Map.of("cluster", "eu-1", "instance", "db-12"), List.of())).isTrue();
        assertThat(matchers.matches("db-latency", Map.of("cluster", "eu-1", "instance", "db-12x"), List.of())).as("anchored").isFalse();
        assertThat(matchers.matches("db-latency", Map.of("cluster", "us-1", "instance", "db-1"), List.of())).isFalse();
        assertThat(matchers.matches("db-latency", Map.of("cluster", "eu-1", "instance", "db-1", "team", "payments"), List.of())).isFalse();
    }

    @Test
    void rulesAndServicesAreMatchedToo() {
        WindowMatchers rule = WindowMatchers.of(List.of(matcher(Target.RULE, null, Operator.MATCHES, "checkout-.*")));
        assertThat(rule.matches("checkout-errors", Map.of(), List.of())).isTrue();
        assertThat(rule.matches("search-errors", Map.of(), List.of())).isFalse();

        WindowMatchers service = WindowMatchers.of(List.of(matcher(Target.SERVICE, null, Operator.EQUAL, "checkout")));
        assertThat(service.matches("any", Map.of(), List.of("cart", "checkout"))).as("any affected service").isTrue();
        assertThat(service.matches("any", Map.of(), List.of())).isFalse();
        WindowMatchers notService = WindowMatchers.of(List.of(matcher(Target.SERVICE, null, Operator.NOT_EQUAL, "checkout")));
        assertThat(notService.matches("any", Map.of(), List.of("cart", "checkout"))).as("none of them may be it").isFalse();
        assertThat(notService.matches("any", Map.of(), List.of())).isTrue();
    }

    @Test
    @Timeout(30)
    void aBadPatternIsNamedAndAPathologicalOneGivesUpQuickly() {
        assertThatThrownBy(() -> WindowMatchers.of(List.of(matcher(Target.LABEL, "a", Operator.EQUAL, "x"),
                matcher(Target.LABEL, "b", Operator.MATCHES, "(unclosed"))))
                .hasMessageStartingWith("spec.matchers[1].value: not a regular expression");

        WindowMatchers evil = WindowMatchers.of(List.of(matcher(Target.LABEL, "instance", Operator.MATCHES, "(a+)+$")));
        String value = "a".repeat(1000) + "!";
        // Without the budget this backtracks for longer than the universe has left; the timeout turns that into a failure.
        assertThat(evil.matches("r", Map.of("instance", value), List.of())).isFalse();
    }
}
