package dev.klaxon.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepPodsTest {

    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00Z");

    private static Pod waiting(String reason, String message) {
        return new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp(CREATED.toString()).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("step").withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void aPodSpecTheKubeletRefusesFailsAtOnceWithItsReason() {
        Pod pod = waiting("CreateContainerConfigError", "container has runAsNonRoot and image will run as root");

        assertThat(StepPods.cannotStart(List.of(pod), CREATED.plusSeconds(1)))
                .hasValue("its pod cannot start: CreateContainerConfigError (container has runAsNonRoot and image will run as root)");
    }

    @Test
    void anImageThatCannotBePulledGetsThirtySecondsToAppear() {
        Pod pod = waiting("ImagePullBackOff", "Back-off pulling image \"registry.example/missing:1\"");

        assertThat(StepPods.cannotStart(List.of(pod), CREATED.plusSeconds(29))).isEmpty();
        assertThat(StepPods.cannotStart(List.of(pod), CREATED.plusSeconds(30))).get().asString().contains("ImagePullBackOff");
    }

    @Test
    void aStartingOrRunningPodIsFine() {
        assertThat(StepPods.cannotStart(List.of(waiting("ContainerCreating", null)), CREATED.plusSeconds(300))).isEmpty();
        assertThat(StepPods.cannotStart(List.of(new PodBuilder().withNewMetadata().withName("p").endMetadata().build()), CREATED)).isEmpty();
    }
}
