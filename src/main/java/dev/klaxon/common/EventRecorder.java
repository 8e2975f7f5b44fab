package dev.klaxon.common;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.EventReason;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
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


    /**
     * Records that something happened to {@code about}. The same happening again (same object,
     * type, reason and message) counts on the one Event, as Kubernetes' own recorders aggregate:
     * its {@code count} and {@code lastTimestamp} move, no new object is written.
     */
    public void record(HasMetadata about, Type type, EventReason reason, String message) {
        record(about, type, reason.name(), message);
    }

    /** The Warning Event of a Ready=False condition: its reason is the condition's. */
    public void record(HasMetadata about, Type type, ConditionReason reason, String message) {
        record(about, type, reason.name(), message);
    }

    private void record(HasMetadata about, Type type, String reason, String message) {
        String now = Timestamps.format(clock.instant());
        String namespace = about.getMetadata().getNamespace();
        // A cluster-scoped object's Events go where kubectl looks for them: the default namespace.
        String eventNamespace = namespace == null ? "default" : namespace;
        String name = Text.cut(about.getMetadata().getName(), 235) + "." + digest(about.getMetadata().getUid(), type, reason, message);
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(eventNamespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(about.getApiVersion())
                        .withKind(about.getKind())
                        .withName(about.getMetadata().getName())
                        .withNamespace(namespace)
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
        var events = client.v1().events().inNamespace(eventNamespace);
        try {
            events.resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.warnf("could not record event %s on %s/%s: %s", reason, about.getKind(), about.getMetadata().getName(), e.getMessage());
                return;
            }
            try {
                Event existing = events.withName(name).get();
                int count = existing == null || existing.getCount() == null ? 2 : existing.getCount() + 1;
                events.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                        client.getKubernetesSerialization().asJson(Map.of("count", count, "lastTimestamp", now)));
            } catch (KubernetesClientException again) {
                LOG.warnf("could not count event %s on %s/%s again: %s", reason, about.getKind(), about.getMetadata().getName(),
                        again.getMessage());
            }
        }
    }

    /** Names one happening: the same object, type, reason and message give the same Event. */
    static String digest(String uid, Type type, String reason, String message) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((uid + "\n" + type + "\n" + reason + "\n" + message)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
