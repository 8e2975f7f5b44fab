package dev.klaxon.alertsource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.common.KlaxonConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The endpoint Alertmanager's webhook_configs post to: {@code POST /alertmanager/<namespace>/<source>},
 * served by every replica (it is not the reconciler's: writes are idempotent, so whichever replica
 * answers, and however often Alertmanager repeats itself, one incident stands for one alert). The
 * body is bounded, the bearer token checked in constant time, and each namespace gets a few
 * notifications at a time, so one tenant's storm cannot starve another's.
 */
@ApplicationScoped
public class AlertmanagerReceiver {

    private static final Logger LOG = Logger.getLogger(AlertmanagerReceiver.class);
    /** A namespace and a source name, each at most 63 characters (a source's name is a label value on its incidents). */
    private static final Pattern PATH = Pattern.compile("^/alertmanager/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)/([a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?)/?$");
    /** Threads reading and handling notifications: a namespace gets at most perNamespaceConcurrency of them. */
    private static final int THREADS = 8;
    /** Seconds a client may take to send its request, and to read the answer: a slow sender cannot hold a thread for long. */
    private static final String REQUEST_SECONDS = "10";

    private final KlaxonConfig.AlertmanagerReceiver settings;
    private final AlertIngestion ingestion;
    private final MeterRegistry registry;
    private final Map<String, Semaphore> perNamespace = new ConcurrentHashMap<>();
    private final FailedAuthentications failures;
    private HttpServer server;
    private ThreadPoolExecutor workers;

    public AlertmanagerReceiver(KlaxonConfig config, AlertIngestion ingestion, MeterRegistry registry, Clock clock) {
        this.settings = config.alertmanager();
        this.ingestion = ingestion;
        this.registry = registry;
        this.failures = new FailedAuthentications(clock);
    }

    void start(@Observes StartupEvent event) throws IOException {
        if (settings.port() <= 0) {
            return;
        }
        ingestion.start();
        // Read once by the JDK's server when it is first used (nothing else in the operator uses it); without them, forever.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", REQUEST_SECONDS));
        workers = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread thread = new Thread(r, "klaxon-alertmanager");
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> {
            throw new java.util.concurrent.RejectedExecutionException("busy");
        });
        server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
        server.setExecutor(command -> {
            try {
                workers.execute(command);
            } catch (java.util.concurrent.RejectedExecutionException busy) {
                count("busy");
                throw busy; // the JDK server closes the connection; Alertmanager retries
            }
        });
        server.createContext("/", this::handle);
        server.start();
        LOG.infof("Alertmanager receiver on %s:%d", settings.host(), server.getAddress().getPort());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop(1);
            workers.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, "only POST", "method");
                return;
            }
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                answer(exchange, 404, "the path is /alertmanager/<namespace>/<alertsource>", "not_found");
                return;
            }
            String client = exchange.getRemoteAddress().getAddress().getHostAddress();
            String namespace = path.group(1);
            if (failures.isBlocked(client, namespace)) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(FailedAuthentications.REFILL.toSeconds()));
                answer(exchange, 429, "too many failed authentications from this address; try again later", "blocked");
                return;
            }
            if (!ingestion.isReady()) {
                exchange.getResponseHeaders().set("Retry-After", "5");
                answer(exchange, 503, "the receiver is starting; Alertmanager will retry", "starting");
                return;
            }
            // Authenticated by the headers alone: an unknown sender's body is never read.
            Optional<AlertSource> source = ingestion.authenticate(namespace, path.group(3), exchange.getRequestHeaders().getFirst("Authorization"));
            if (source.isEmpty()) {
                failures.failed(client, namespace);
                answer(exchange, 401, "unknown AlertSource or wrong bearer token", "unauthorized");
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody(), settings.maxBodySize().asLongValue());
            if (body == null) {
                answer(exchange, 413, "the body is larger than " + settings.maxBodySize().asLongValue() + " bytes: lower max_alerts", "too_large");
                return;
            }
            // Only authenticated namespaces get a slot count: random paths cannot grow this map.
            Semaphore slots = perNamespace.computeIfAbsent(namespace, n -> new Semaphore(settings.perNamespaceConcurrency()));
            if (!slots.tryAcquire()) {
                exchange.getResponseHeaders().set("Retry-After", "5");
                answer(exchange, 429, "this namespace has notifications in progress; try again", "throttled");
                return;
            }
            try {
                AlertIngestion.Outcome outcome = ingestion.receive(source.get(), body);
                answer(exchange, outcome.httpStatus(), outcome.message(), outcome.result());
            } finally {
                slots.release();
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf("An Alertmanager notification failed: %s", e.toString());
            answer(exchange, 500, "the notification could not be recorded; Alertmanager will retry", "failed");
        } finally {
            exchange.close();
        }
    }

    /** At most {@code max} bytes, or null when there are more. */
    private static byte[] readBounded(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return bytes.length > max ? null : bytes;
    }

    private void answer(HttpExchange exchange, int status, String message, String result) {
        count(result);
        try {
            byte[] bytes = ("{\"message\":" + quote(message) + "}\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debugf("Answering Alertmanager failed: %s", e.getMessage());
        }
    }

    private void count(String result) {
        Counter.builder("klaxon.alertmanager.notifications").description("Alertmanager notifications received, by result")
                .tag("result", result).register(registry).increment();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
