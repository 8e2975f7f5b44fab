package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes Kubernetes Events about Klaxon objects, so {@code kubectl describe} shows what the
 * operator did and why. Failing to write an Event never fails a reconcile.
 */
@ApplicationScoped
public class EventRecorder {

    public enum Type { Normal, Warning }

    static final String COMPONENT = "klaxon-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    private static String truncate(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max);
    }

    public void record(HasMetadata about, Type type, String reason, String message) {
        String now = Timestamps.format(clock.instant());
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(truncate(about.getMetadata().getName(), 240) + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(about.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(about.getApiVersion())
                        .withKind(about.getKind())
                        .withName(about.getMetadata().getName())
                        .withNamespace(about.getMetadata().getNamespace())
                        .withUid(about.getMetadata().getUid())
                        .withResourceVersion(about.getMetadata().getResourceVersion())
                        .build())
                .withType(type.name())
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, about.getKind(), about.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
