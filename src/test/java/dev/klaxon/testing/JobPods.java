package dev.klaxon.testing;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;

/** The pods kube-controller-manager's Job controller creates for a Job, and how their containers ended on the node. */
public final class JobPods {

    private JobPods() {
    }

    /** The pod the Job controller created for the Job, once it exists (a restricted namespace admits it only if it complies). */
    public static Pod podOf(KubernetesClient admin, String namespace, String job) {
        return Awaitility.await("a pod of Job " + job).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.pods().inNamespace(namespace).withLabel("batch.kubernetes.io/job-name", job).list().getItems(),
                        pods -> !pods.isEmpty())
                .get(0);
    }

    /** How the Job's container ended, once the kubelet has reported it. */
    public static ContainerStateTerminated terminated(KubernetesClient admin, String namespace, String job) {
        return Awaitility.await("the container of Job " + job + " ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> terminatedState(podOf(admin, namespace, job)), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<ContainerStateTerminated> terminatedState(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getState)
                .filter(s -> s != null && s.getTerminated() != null).map(s -> s.getTerminated()).findFirst();
    }
}
