package dev.klaxon.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.common.Problem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectiveUptimeTest {

    @Test
    void aComponentNamingAnObjectiveTakesItsDaysAndOneNamingNoneThatExistsIsSaid() {
        List<StatusComponent> components = List.of(component("api", "api-availability"), component("web", "web-latency"),
                component("docs", null));
        List<ComponentState> states = components.stream()
                .map(c -> new ComponentState(c.getId(), ComponentStatus.operational, "2026-12-01T00:00:00Z", null)).toList();

        List<Problem> problems = ObjectiveUptime.apply(components, states, Map.of("api-availability", objective("api-availability",
                List.of(99.95, 99.2), "2026-12-04")));

        assertThat(states.get(0).getDailySli()).containsExactly(99.95, 99.2);
        assertThat(states.get(0).getDailySliThrough()).isEqualTo("2026-12-04");
        assertThat(states.get(0).getObjective()).isEqualTo(99.9);
        assertThat(states.get(1).getDailySli()).isNull();
        assertThat(states.get(2).getDailySli()).isNull();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(ConditionReason.ObjectiveNotFound);
            assertThat(p.message()).startsWith("spec.components[1].sloRef: ServiceLevelObjective web-latency does not exist");
        });
    }

    @Test
    void daysOfADayThatIsNoneAreNotShown() {
        List<StatusComponent> components = List.of(component("api", "api-availability"));
        List<ComponentState> states = List.of(new ComponentState("api", ComponentStatus.operational, "2026-12-01T00:00:00Z", null));

        ObjectiveUptime.apply(components, states, Map.of("api-availability", objective("api-availability", List.of(99.95), "2026-13-45")));

        assertThat(states.get(0).getDailySli()).isNull();
    }

    @Test
    void onlyTheObjectiveAndItsDaysWakeAPage() {
        ServiceLevelObjective before = objective("api", List.of(99.95), "2026-12-04");
        ServiceLevelObjective figures = objective("api", List.of(99.95), "2026-12-04");
        figures.getStatus().setBudgetRemaining(12.5);
        figures.getStatus().setEvaluatedAt("2026-12-05T10:00:00Z");
        ServiceLevelObjective nextDay = objective("api", List.of(99.9, 99.95), "2026-12-05");

        assertThat(ObjectiveUptime.changedForPages(figures, ObjectiveUptime.whatAPageShows(before))).isFalse();
        assertThat(ObjectiveUptime.changedForPages(nextDay, ObjectiveUptime.whatAPageShows(before))).isTrue();
    }

    private static StatusComponent component(String id, String sloRef) {
        StatusComponent component = new StatusComponent();
        component.setId(id);
        component.setName(id);
        component.setSloRef(sloRef);
        return component;
    }

    private static ServiceLevelObjective objective(String name, List<Double> days, String through) {
        ServiceLevelObjective slo = new ServiceLevelObjective();
        slo.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").build());
        ServiceLevelObjectiveSpec spec = new ServiceLevelObjectiveSpec();
        spec.setObjective(99.9);
        slo.setSpec(spec);
        ServiceLevelObjectiveStatus status = new ServiceLevelObjectiveStatus();
        status.setDailySli(days);
        status.setDailySliThrough(through);
        slo.setStatus(status);
        return slo;
    }
}
