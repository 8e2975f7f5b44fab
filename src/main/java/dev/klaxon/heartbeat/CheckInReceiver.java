package dev.klaxon.heartbeat;

import dev.klaxon.api.v1alpha1.Heartbeat;
import dev.klaxon.common.DeadlineHttpServer;
import dev.klaxon.common.DeadlineHttpServer.Request;
import dev.klaxon.common.DeadlineHttpServer.Response;
import dev.klaxon.common.FailedAuthentications;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.notify.BearerTokens;
import dev.klaxon.notify.ChannelSecrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Where cron scripts and CI jobs check in: {@code POST} (or {@code GET}) {@code /heartbeats/<namespace>/<name>}
 * with the heartbeat's bearer token, served by every replica as the Alertmanager receiver is
 * (bounded the same way: a slow client holds no thread, failed authentications block the
 * address, a namespace gets a few check-ins at a time) and recorded by {@link HeartbeatSignals}.
 */
@ApplicationScoped
public class CheckInReceiver {

    private static final Logger LOG = Logger.getLogger(CheckInReceiver.class);
    private static final Pattern PATH = Pattern.compile("^/heartbeats/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)/([a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?)/?$");
    private static final int THREADS = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_CONNECTIONS = 4096;
    /** A check-in says everything in its path and header: a body is read (up to this) and ignored. */
    private static final long MAX_BODY = 4096;

    private final KlaxonConfig.Heartbeats settings;
    private final HeartbeatSignals signals;
    private final BearerTokens tokens;
    private final FailedAuthentications failures;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Vertx vertx;
    private final Map<String, Semaphore> perNamespace = new ConcurrentHashMap<>();
    private DeadlineHttpServer server;
    private ThreadPoolExecutor workers;

    public CheckInReceiver(HeartbeatSignals signals, KlaxonConfig config, MeterRegistry registry, Clock clock, Vertx vertx) {
        this.settings = config.heartbeats();
        this.signals = signals;
        this.tokens = new BearerTokens(signals.client(), clock, ChannelSecrets.HEARTBEAT_TOKEN_TYPE);
        this.failures = new FailedAuthentications(clock);
        this.registry = registry;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (settings.port() <= 0) {
            return;
        }
        workers = DeadlineHttpServer.workers("klaxon-check-ins", THREADS);
        server = DeadlineHttpServer.start(vertx, settings.host(), settings.port(), new DeadlineHttpServer.Limits(DEADLINE, MAX_BODY, MAX_CONNECTIONS,
                () -> answer(503, "busy; check in again", "busy").with("Retry-After", "5"),
                () -> answer(413, "a check-in has no body to speak of", "too_large")), workers, new Handler());
        LOG.infof("Heartbeat check-ins on %s:%d", settings.host(), server.port());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
            workers.shutdownNow();
        }
    }

    private final class Handler implements DeadlineHttpServer.Handler {

        @Override
        public Optional<Response> screen(Request request) {
            if (!"POST".equals(request.method()) && !"GET".equals(request.method())) {
                return Optional.of(answer(405, "POST or GET", "method").with("Allow", "POST, GET"));
            }
            Matcher path = PATH.matcher(request.path());
            if (!path.matches()) {
                return Optional.of(answer(404, "the path is /heartbeats/<namespace>/<heartbeat>", "not_found"));
            }
            if (failures.isBlocked(request.client(), path.group(1))) {
                return Optional.of(answer(429, "too many failed authentications from this address; try again later", "blocked")
                        .with("Retry-After", Long.toString(FailedAuthentications.REFILL.toSeconds())));
            }
            if (!signals.isReady()) {
                return Optional.of(answer(503, "starting; check in again", "starting").with("Retry-After", "5"));
            }
            if (heartbeat(request, path).isEmpty()) {
                failures.failed(request.client(), path.group(1));
                return Optional.of(answer(401, "unknown Heartbeat, not a check-in heartbeat, or wrong bearer token", "unauthorized"));
            }
            return Optional.empty();
        }

        @Override
        public Response handle(Request request) {
            Matcher path = PATH.matcher(request.path());
            Optional<Heartbeat> heartbeat = path.matches() ? heartbeat(request, path) : Optional.empty();
            if (heartbeat.isEmpty()) {
                return answer(401, "unknown Heartbeat, not a check-in heartbeat, or wrong bearer token", "unauthorized");
            }
            String namespace = path.group(1);
            String name = path.group(3);
            Semaphore slots = perNamespace.computeIfAbsent(namespace, n -> new Semaphore(settings.perNamespaceConcurrency()));
            if (!slots.tryAcquire()) {
                return answer(429, "this namespace has check-ins in progress; try again", "throttled").with("Retry-After", "1");
            }
            try {
                Instant recorded = signals.record(heartbeat.get(), clock.instant());
                return answer(202, "checked in (on record: " + recorded + ")", "recorded");
            } catch (RuntimeException e) {
                LOG.errorf("A check-in of Heartbeat %s/%s could not be recorded: %s", namespace, name, e.toString());
                return answer(500, "the check-in could not be recorded; check in again", "failed");
            } finally {
                slots.release();
            }
        }

        private Optional<Heartbeat> heartbeat(Request request, Matcher path) {
            return signals.checkInHeartbeat(path.group(1), path.group(3)).filter(h -> tokens.authorized(path.group(1), h.getSpec().getCheckIn().getTokenSecretRef(),
                            request.header("Authorization").orElse(null)));
        }
    }

    private Response answer(int status, String message, String result) {
        Counter.builder("klaxon.heartbeat.check.ins").description("Heartbeat check-ins received, by result")
                .tag("result", result).register(registry).increment();
        return Response.text(status, "application/json", "{\"message\":\"" + message.replace("\"", "'") + "\"}\n").with("Connection", "close");
    }
}
