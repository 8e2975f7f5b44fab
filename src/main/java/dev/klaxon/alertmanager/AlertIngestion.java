package dev.klaxon.alertmanager;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.WatchedObjects;
import dev.klaxon.notify.BearerTokens;
import dev.klaxon.notify.ChannelSecrets;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One Alertmanager notification, from its bytes to the incidents it opens and resolves: the
 * source is looked up (in {@link WatchedObjects}), the token checked (a Secret read at
 * most every 10 s per source, {@link BearerTokens}), the body parsed and bounded, and the plan carried out.
 */
@ApplicationScoped
public class AlertIngestion {

    private static final Logger LOG = Logger.getLogger(AlertIngestion.class);
    /** How long a token read from its Secret is trusted before it is read again (a rotated token takes this long). */

    /** What the receiver answers: Alertmanager retries 5xx and 429, and gives up on other 4xx. */
    record Outcome(int httpStatus, String message, String result) {
    }

    private final KubernetesClient client;
    private final AlertSourceIncidents incidents;
    private final MeterRegistry registry;
    private final int maxAlerts;
    private final BearerTokens tokens;
    private final AlertSignals signals;
    private final Clock clock;
    private final WatchedObjects<AlertSource> directory;

    /**
     * @param clientConfig the operator's client settings: this receiver has its own client without the leadership fence,
     *                     because every replica serves Alertmanager and its writes are idempotent and signed, not the leader's alone
     */
    public AlertIngestion(Config clientConfig, KubernetesSerialization serialization, OperatorKey key, Clock clock, MeterRegistry registry,
            KlaxonConfig config, AlertSignals signals, @ConfigProperty(name = "quarkus.operator-sdk.namespaces") String watchedNamespaces) {
        this.signals = signals;
        this.clock = clock;
        this.client = new KubernetesClientBuilder().withKubernetesSerialization(serialization).withConfig(clientConfig).build();
        this.directory = new WatchedObjects<>(client, AlertSource.class, watchedNamespaces);
        this.tokens = new BearerTokens(client, clock, ChannelSecrets.TOKEN_TYPE);
        this.incidents = new AlertSourceIncidents(client, key);
        this.registry = registry;
        this.maxAlerts = config.alertmanager().maxAlerts();
    }

    /** Starts watching the sources: only where a receiver serves them. */
    void start() {
        directory.start();
    }

    /** Whether the sources have been listed: before that a notification is answered 503, which Alertmanager retries. */
    boolean isReady() {
        return directory.isReady() && signals.isReady();
    }

    @PreDestroy
    void close() {
        directory.close();
        client.close();
    }

    /**
     * The source, when it exists and the bearer token is its token. Anything else is empty, the
     * same for every cause (a missing source, a namespace the operator may not read, a wrong token):
     * nobody learns which sources or namespaces exist.
     */
    Optional<AlertSource> authenticate(String namespace, String name, String authorization) {
        return directory.find(namespace, name).filter(source -> authorized(source, authorization));
    }

    /** The notification's alerts, opened and resolved; each alert's failure is its own, and a 500 comes after all were tried. */
    Outcome receive(AlertSource source, byte[] body) {
        String namespace = source.getMetadata().getNamespace();
        String name = source.getMetadata().getName();
        AlertmanagerPayload payload;
        try {
            payload = AlertmanagerPayload.parse(body);
        } catch (AlertmanagerPayload.Malformed e) {
            return new Outcome(400, e.getMessage(), "malformed");
        }
        if (payload.alerts().size() > maxAlerts) {
            alerts("dropped", payload.alerts().size() - maxAlerts);
            LOG.warnf("AlertSource %s/%s: a notification of %d alerts, only %d read (set max_alerts on the receiver)",
                    namespace, name, payload.alerts().size(), maxAlerts);
            payload = payload.limitedTo(maxAlerts);
        }
        Set<String> signalNames = signals.signalNames(namespace, name);
        if (!signalNames.isEmpty()) {
            // A heartbeat's alert (Watchdog) is a signal, not a problem: passed on when firing, never an incident.
            Instant now = clock.instant();
            long lost = payload.alerts().stream().filter(a -> signalNames.contains(a.labels().get("alertname"))).filter(AlertmanagerPayload.Alert::isFiring)
                    .map(a -> a.labels().get("alertname")).distinct().filter(alertname -> !signals.signalled(namespace, name, alertname, now)).count();
            if (lost > 0) {
                return new Outcome(500, lost + " signal(s) could not be recorded; Alertmanager will retry", "failed");
            }
            int all = payload.alerts().size();
            payload = payload.keeping(a -> !signalNames.contains(a.labels().get("alertname")));
            if (payload.alerts().isEmpty()) {
                return new Outcome(200, all + " signal(s) recorded", "accepted");
            }
        }
        List<Incident> known = incidents.of(source);
        AlertmanagerIngest.Plan plan = AlertmanagerIngest.plan(source, payload, known);
        List<String> failures = new java.util.ArrayList<>();
        int resolved = 0;
        for (String incident : plan.resolve()) {
            try {
                if (incidents.resolve(namespace, incident, "Alertmanager reports the alert resolved")) {
                    resolved++;
                }
            } catch (KubernetesClientException e) {
                failures.add("resolving " + incident + ": " + e.getMessage());
            }
        }
        int opened = 0;
        for (AlertmanagerIngest.Opening opening : plan.open()) {
            try {
                incidents.open(source, opening, known);
                opened++;
            } catch (KubernetesClientException e) {
                failures.add("opening the incident of " + opening.key() + ": " + e.getMessage());
            }
        }
        alerts("opened", opened);
        alerts("resolved", resolved);
        if (!failures.isEmpty()) {
            // Alertmanager sends it again; what succeeded is idempotent and decides nothing the second time.
            LOG.warnf("AlertSource %s/%s: %d of the notification's incidents could not be written: %s", namespace, name, failures.size(),
                    failures.get(0));
            return new Outcome(500, failures.size() + " incident(s) could not be written; Alertmanager will retry", "failed");
        }
        return new Outcome(200, opened + " incident(s) opened, " + resolved + " resolved", "accepted");
    }

    private boolean authorized(AlertSource source, String authorization) {
        return source.getSpec() != null && tokens.authorized(source.getMetadata().getNamespace(), source.getSpec().getTokenSecretRef(), authorization);
    }

    private void alerts(String result, int count) {
        if (count > 0) {
            Counter.builder("klaxon.alertmanager.alerts").description("Alertmanager alerts by what they did: opened, resolved, dropped")
                    .tag("result", result).register(registry).increment(count);
        }
    }
}
