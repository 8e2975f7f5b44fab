package dev.klaxon.heartbeat;

import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.LeaderElection;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A dead man's switch for Klaxon itself: every period the leader POSTs to the URL in
 * {@code klaxon.dead-mans-switch.secret}, so that something outside the cluster pages when the
 * POSTs stop (the operator down, its leader gone, the cluster's egress cut). Only the leader
 * sends, once a period; on a thread of its own, bounded by a timeout, never retried (the next
 * period is the retry). The URL is a secret (it often carries a key): never logged.
 */
@ApplicationScoped
public class DeadMansSwitch {

    private static final Logger LOG = Logger.getLogger(DeadMansSwitch.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KlaxonConfig.DeadMansSwitch settings;
    private final LeaderElection leadership;
    private final KubernetesClient client;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicLong lastSent = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    private ScheduledExecutorService timer;

    public DeadMansSwitch(KlaxonConfig config, LeaderElection leadership, KubernetesClient client, MeterRegistry registry, Clock clock) {
        this.settings = config.deadMansSwitch();
        this.leadership = leadership;
        this.client = client;
        this.registry = registry;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (settings.secret().isEmpty()) {
            return;
        }
        Gauge.builder("klaxon.dead.mans.switch.last.sent.timestamp.seconds", lastSent, AtomicLong::get)
                .description("When the leader last reached the dead man's switch (0: never, or not the leader)").register(registry);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "klaxon-dead-mans-switch");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.period().toMillis();
        // With a fixed delay, not a fixed rate: a beat that was held up (a slow Secret read, a slow receiver) is not
        // followed by a burst of catch-up beats; the other end sees at most one a period.
        timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One beat, if this replica leads: a POST saying who and when. */
    void beat() {
        if (!leadership.isLeading()) {
            return;
        }
        Instant now = clock.instant();
        String result;
        try {
            Optional<String> url = url();
            if (url.isEmpty()) {
                result = "no_url";
                LOG.warnf("The dead man's switch has no URL: Secret %s (key %s) is missing in the operator's namespace",
                        settings.secret().orElseThrow(), settings.key());
            } else {
                String body = "{\"operator\":\"" + leadership.identity().replace("\"", "") + "\",\"at\":\"" + Timestamps.format(now) + "\"}";
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(TIMEOUT)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                result = response.statusCode() / 100 == 2 ? "sent" : "refused";
                if (result.equals("sent")) {
                    lastSent.set(now.getEpochSecond());
                } else {
                    LOG.warnf("The dead man's switch answered HTTP %d", response.statusCode());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // Not the URL: it may carry a key.
            result = "failed";
            LOG.warnf("The dead man's switch could not be reached: %s", e.getClass().getSimpleName());
        }
        Counter.builder("klaxon.dead.mans.switch.beats").description("The leader's beats to the dead man's switch, by result")
                .tag("result", result).register(registry).increment();
    }

    private Optional<String> url() {
        Secret secret = client.secrets().withName(settings.secret().orElseThrow()).get();
        return Optional.ofNullable(secret).map(Secret::getData).map(data -> data.get(settings.key()))
                .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).strip()).filter(v -> !v.isEmpty());
    }
}
