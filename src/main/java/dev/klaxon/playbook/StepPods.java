package dev.klaxon.playbook;

import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a step's pod can never start, read from the kubelet's container status: a Job whose
 * pod waits for an image that is not there would otherwise fail only at the step's timeout.
 */
final class StepPods {

    /** Reasons that no retry changes: the pod spec or the image itself is wrong. */
    static final Set<String> FINAL = Set.of("ErrImageNeverPull", "InvalidImageName", "CreateContainerConfigError");
    /** Reasons that may clear up (a registry hiccup), given a little while. */
    static final Set<String> TRANSIENT = Set.of("ErrImagePull", "ImagePullBackOff", "CreateContainerError");
    /** How long a pod may wait for a transient reason to clear. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private StepPods() {
    }

    /** Why the pods of a Job cannot start, if the kubelet says so. */
    static Optional<String> cannotStart(List<Pod> pods, Instant now) {
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            Instant created = pod.getMetadata().getCreationTimestamp() == null ? now
                    : Timestamps.parse(pod.getMetadata().getCreationTimestamp());
            for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
                ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting == null || waiting.getReason() == null) {
                    continue;
                }
                boolean waitedEnough = !now.isBefore(created.plus(GRACE));
                if (FINAL.contains(waiting.getReason()) || (TRANSIENT.contains(waiting.getReason()) && waitedEnough)) {
                    return Optional.of("its pod cannot start: " + waiting.getReason()
                            + (waiting.getMessage() != null ? " (" + waiting.getMessage() + ")" : ""));
                }
            }
        }
        return Optional.empty();
    }
}
