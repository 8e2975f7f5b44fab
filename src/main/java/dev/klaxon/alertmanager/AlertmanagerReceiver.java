package dev.klaxon.alertmanager;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.common.DeadlineHttpServer;
import dev.klaxon.common.FailedAuthentications;
import dev.klaxon.common.DeadlineHttpServer.Request;
import dev.klaxon.common.DeadlineHttpServer.Response;
import dev.klaxon.common.KlaxonConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The endpoint Alertmanager's webhook_configs post to: {@code POST /alertmanager/<namespace>/<source>},
 * served by every replica (it is not the reconciler's: writes are idempotent, so whichever replica
 * answers, and however often Alertmanager repeats itself, one incident stands for one alert). A
 * slow sender holds no thread ({@link DeadlineHttpServer}); the bearer token is checked from the
 * headers before the body is read, the body is bounded, and each namespace gets a few
 * notifications at a time, so one tenant's storm cannot starve another's.
 */
@ApplicationScoped
public class AlertmanagerReceiver {

    private static final Logger LOG = Logger.getLogger(AlertmanagerReceiver.class);
    /** A namespace and a source name, each at most 63 characters (a source's name is a label value on its incidents). */
    private static final Pattern PATH = Pattern.compile("^/alertmanager/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)/([a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?)/?$");
    /** Threads handling notifications: a namespace gets at most perNamespaceConcurrency of them. */
    private static final int THREADS = 8;
    /** A connection's whole life: a sender that has not finished its request by then is cut off. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_CONNECTIONS = 4096;

    private final KlaxonConfig.AlertmanagerReceiver settings;
    private final AlertIngestion ingestion;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final Map<String, Semaphore> perNamespace = new ConcurrentHashMap<>();
    private final FailedAuthentications failures;
    private DeadlineHttpServer server;
    private ThreadPoolExecutor workers;

    public AlertmanagerReceiver(KlaxonConfig config, AlertIngestion ingestion, MeterRegistry registry, Clock clock, Vertx vertx) {
        this.settings = config.alertmanager();
        this.ingestion = ingestion;
        this.registry = registry;
        this.vertx = vertx;
        this.failures = new FailedAuthentications(clock);
    }

    void start(@Observes StartupEvent event) {
        if (settings.port() <= 0) {
            return;
        }
        ingestion.start();
        workers = DeadlineHttpServer.workers("klaxon-alertmanager", THREADS);
        long maxBody = settings.maxBodySize().asLongValue();
        server = DeadlineHttpServer.start(vertx, settings.host(), settings.port(), new DeadlineHttpServer.Limits(DEADLINE, maxBody, MAX_CONNECTIONS,
                () -> answer(503, "the receiver is busy; Alertmanager will retry", "busy").with("Retry-After", "5"),
                () -> answer(413, "the body is larger than " + maxBody + " bytes: lower max_alerts", "too_large")), workers, new Handler());
        LOG.infof("Alertmanager receiver on %s:%d", settings.host(), server.port());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
            workers.shutdownNow();
        }
    }

    private final class Handler implements DeadlineHttpServer.Handler {

        /** Everything decided from the headers: a refusal here never reads the body. */
        @Override
        public Optional<Response> screen(Request request) {
            if (!"POST".equals(request.method())) {
                return Optional.of(answer(405, "only POST", "method").with("Allow", "POST"));
            }
            Matcher path = PATH.matcher(request.path());
            if (!path.matches()) {
                return Optional.of(answer(404, "the path is /alertmanager/<namespace>/<alertsource>", "not_found"));
            }
            String namespace = path.group(1);
            if (failures.isBlocked(request.client(), namespace)) {
                return Optional.of(answer(429, "too many failed authentications from this address; try again later", "blocked")
                        .with("Retry-After", Long.toString(FailedAuthentications.REFILL.toSeconds())));
            }
            if (!ingestion.isReady()) {
                return Optional.of(answer(503, "the receiver is starting; Alertmanager will retry", "starting").with("Retry-After", "5"));
            }
            if (source(request, path).isEmpty()) {
                failures.failed(request.client(), namespace);
                return Optional.of(answer(401, "unknown AlertSource or wrong bearer token", "unauthorized"));
            }
            return Optional.empty();
        }

        @Override
        public Response handle(Request request) {
            Matcher path = PATH.matcher(request.path());
            Optional<AlertSource> source = path.matches() ? source(request, path) : Optional.empty();
            if (source.isEmpty()) {
                return answer(401, "unknown AlertSource or wrong bearer token", "unauthorized");
            }
            // Only authenticated namespaces get a slot count: random paths cannot grow this map.
            Semaphore slots = perNamespace.computeIfAbsent(path.group(1), n -> new Semaphore(settings.perNamespaceConcurrency()));
            if (!slots.tryAcquire()) {
                return answer(429, "this namespace has notifications in progress; try again", "throttled").with("Retry-After", "5");
            }
            try {
                AlertIngestion.Outcome outcome = ingestion.receive(source.get(), request.body());
                return answer(outcome.httpStatus(), outcome.message(), outcome.result());
            } catch (RuntimeException e) {
                LOG.errorf("An Alertmanager notification failed: %s", e.toString());
                return answer(500, "the notification could not be recorded; Alertmanager will retry", "failed");
            } finally {
                slots.release();
            }
        }

        private Optional<AlertSource> source(Request request, Matcher path) {
            return ingestion.authenticate(path.group(1), path.group(3), request.header("Authorization").orElse(null));
        }
    }

    /** An answer, counted by result; every connection carries one request (Alertmanager opens the next). */
    private Response answer(int status, String message, String result) {
        count(result);
        return Response.text(status, "application/json", "{\"message\":" + quote(message) + "}\n").with("Connection", "close");
    }

    private void count(String result) {
        Counter.builder("klaxon.alertmanager.notifications").description("Alertmanager notifications received, by result")
                .tag("result", result).register(registry).increment();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
