package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadyConditionTest {

    private final List<String> events = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final ReadyCondition ready = new ReadyCondition(clock, new EventRecorder(null, clock) {
        @Override
        public void record(HasMetadata about, Type type, ConditionReason reason, String message) {
            events.add(type + " " + reason + ": " + message);
        }
    });

    @Test
    void anUnexpectedFailureShowsOnTheObjectAndKeepsItsStatus() {
        Incident incident = new Incident();
        incident.getMetadata().setName("checkout");
        incident.getMetadata().setGeneration(3L);
        IncidentStatus status = new IncidentStatus();
        status.setDetectedAt("2026-12-02T09:00:00Z");
        incident.setStatus(status);

        var control = ready.failed(incident, IncidentStatus::new, new IllegalStateException("x".repeat(5000)));

        assertThat(control.getResource()).hasValueSatisfying(r -> {
            assertThat(r.getStatus().getDetectedAt()).as("the rest of the status as it was").isEqualTo("2026-12-02T09:00:00Z");
            assertThat(Conditions.find(r.getStatus(), Condition.READY)).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo(Condition.Status.False);
                assertThat(c.getReason()).isEqualTo("ReconcileFailed");
                assertThat(c.getMessage()).startsWith("the operator could not reconcile this object and retries: xxx").hasSizeLessThan(1200);
            });
        });
        assertThat(events).singleElement().satisfies(e -> assertThat(e).startsWith("Warning ReconcileFailed"));
    }

    @Test
    void anObjectWithoutStatusGetsOne() {
        Incident incident = new Incident();
        incident.getMetadata().setName("fresh");

        var control = ready.failed(incident, IncidentStatus::new, new RuntimeException());

        assertThat(control.getResource()).hasValueSatisfying(r -> assertThat(Conditions.find(r.getStatus(), Condition.READY))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).endsWith("RuntimeException")));
    }
}
