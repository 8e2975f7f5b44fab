package dev.klaxon.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Nothing runs pods on the test control plane (no scheduler, no kubelet), but kube-controller-manager's
 * Job controller does run: it creates each Job's pod and decides the Job's outcome from the pod's
 * status. Tests end a step by writing that pod status, exactly as a kubelet reports a container that
 * exited, and let the real Job controller do the rest.
 */
public final class StandInKubelet {

    private StandInKubelet() {
    }

    /** The pod the Job controller created for the Job, once it exists (a restricted namespace admits it only if it complies). */
    public static Pod podOf(KubernetesClient admin, String namespace, String job) {
        return Awaitility.await("a pod of Job " + job).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.pods().inNamespace(namespace).withLabel("batch.kubernetes.io/job-name", job).list().getItems(),
                        pods -> !pods.isEmpty())
                .get(0);
    }

    /** The Job's container exits with {@code exitCode} (0: success). */
    public static void exit(KubernetesClient admin, String namespace, String job, int exitCode) {
        Pod pod = podOf(admin, namespace, job);
        String now = Instant.now().toString();
        String container = pod.getSpec().getContainers().get(0).getName();
        pod.setStatus(new PodStatusBuilder(pod.getStatus())
                .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .withStartTime(now)
                .withContainerStatuses(List.of())
                .addNewContainerStatus()
                    .withName(container)
                    .withImage(pod.getSpec().getContainers().get(0).getImage())
                    .withImageID("")
                    .withReady(false)
                    .withRestartCount(0)
                    .withNewState().withNewTerminated()
                        .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
                        .withStartedAt(now).withFinishedAt(now)
                    .endTerminated().endState()
                .endContainerStatus()
                .build());
        admin.pods().inNamespace(namespace).resource(pod).updateStatus();
    }
}
