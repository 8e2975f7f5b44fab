package dev.klaxon.testing;

import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.PlaybookStep;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Playbooks as the tests write them: each step is a shell script in the step image, so it does what its process does. */
public final class Playbooks {

    private Playbooks() {
    }

    /** A step that runs {@code script} with the shell of the step image. */
    public static PlaybookStep step(String name, String script) {
        PlaybookStep step = new PlaybookStep();
        step.setName(name);
        step.setImage(TestCluster.STEP_IMAGE);
        step.setCommand(List.of("/bin/sh", "-c", script));
        return step;
    }

    /** The step, waiting for an approval before it runs. */
    public static PlaybookStep gated(PlaybookStep step) {
        step.setRequiresApproval(true);
        return step;
    }

    public static Playbook playbook(String namespace, String name, PlaybookStep... steps) {
        Playbook playbook = new Playbook();
        playbook.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        PlaybookSpec spec = new PlaybookSpec();
        spec.setDescription("test playbook " + name);
        spec.setSteps(new ArrayList<>(List.of(steps)));
        playbook.setSpec(spec);
        return playbook;
    }

    /** Waits until the run has a phase and {@code condition} holds for it. */
    public static PlaybookRun awaitRun(KubernetesClient client, String namespace, String name, Predicate<PlaybookRun> condition) {
        return Awaitility.await("run " + name).atMost(Await.TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> client.resources(PlaybookRun.class).inNamespace(namespace).withName(name).get(),
                        r -> r != null && r.getStatus() != null && r.getStatus().getPhase() != null && condition.test(r));
    }

    /** The first Event with {@code reason} about the object named {@code name}, once there is one. */
    public static Event awaitEvent(KubernetesClient client, String namespace, String name, String reason) {
        return Awaitility.await("event " + reason + " of " + name).atMost(Await.TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> client.v1().events().inNamespace(namespace).list().getItems().stream()
                        .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
