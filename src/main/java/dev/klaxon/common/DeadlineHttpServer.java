package dev.klaxon.common;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 server on which a slow client holds no thread, and not for long. Vert.x reads
 * requests on its event loop, so a client that sends a byte every few seconds costs a socket, not
 * a thread (on the JDK's server 72 such clients held the Alertmanager receiver's eight threads and
 * a valid notification waited 8 s; 256 made the status site's summary take 5 s). Every connection
 * is closed {@code deadline} after it opened, at most {@code maxConnections} are open at once, and
 * a request's body is read only when its headers were let through ({@link Handler#screen}), up to
 * {@code maxBody} bytes. What a request does runs on the caller's executor.
 */
public final class DeadlineHttpServer implements AutoCloseable {

    /** A request: its headers (names in any case), the client's address, and its body (empty until read). */
    public record Request(String method, String path, Map<String, String> headers, String client, byte[] body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public static Response text(int status, String contentType, String text) {
            return new Response(status, Map.of("Content-Type", contentType), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public Response with(String header, String value) {
            Map<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            more.putAll(headers);
            more.put(header, value);
            return new Response(status, more, body);
        }
    }

    public interface Handler {
        /** An answer from the headers alone (a refusal), or empty to read the body and {@link #handle} the request. */
        default Optional<Response> screen(Request headersOnly) {
            return Optional.empty();
        }

        Response handle(Request request);

        /** Whether the request is answered on the event loop (from memory, never blocking) rather than on the executor. */
        default boolean inline(Request headersOnly) {
            return false;
        }
    }

    /**
     * @param busy     the answer when the executor refuses the work
     * @param tooLarge the answer to a body over {@code maxBody} bytes
     */
    public record Limits(Duration deadline, long maxBody, int maxConnections, Supplier<Response> busy, Supplier<Response> tooLarge) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final Limits limits;
    private final AtomicInteger connections = new AtomicInteger();

    private DeadlineHttpServer(Vertx vertx, HttpServer server, Limits limits) {
        this.vertx = vertx;
        this.server = server;
        this.limits = limits;
    }

    /**
     * The executor a receiver's requests run on: {@code threads} daemon threads named {@code name} and a queue of 64; past
     * that, the server answers its {@code busy} response.
     */
    public static java.util.concurrent.ThreadPoolExecutor workers(String name, int threads) {
        return new java.util.concurrent.ThreadPoolExecutor(threads, threads, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(64), r -> {
                    Thread thread = new Thread(r, name);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public static DeadlineHttpServer start(Vertx vertx, String host, int port, Limits limits, Executor executor, Handler handler) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setMaxInitialLineLength(4096)
                .setMaxHeaderSize(16 * 1024).setTcpNoDelay(true).setCompressionSupported(false).setHttp2ClearTextEnabled(false);
        HttpServer server = vertx.createHttpServer(options);
        DeadlineHttpServer bounded = new DeadlineHttpServer(vertx, server, limits);
        server.connectionHandler(bounded::opened);
        server.requestHandler(request -> bounded.serve(request, limits, executor, handler));
        try {
            bounded.server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listening on " + host + ":" + port, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return bounded;
    }

    public int port() {
        return server.actualPort();
    }

    private void opened(HttpConnection connection) {
        if (connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            connection.close();
            return;
        }
        long deadline = vertx.setTimer(limits.deadline().toMillis(), id -> connection.close());
        connection.closeHandler(closed -> {
            vertx.cancelTimer(deadline);
            connections.decrementAndGet();
        });
    }

    private void serve(HttpServerRequest request, Limits limits, Executor executor, Handler handler) {
        request.pause();
        Context context = vertx.getOrCreateContext();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach(entry -> headers.putIfAbsent(entry.getKey(), entry.getValue()));
        String client = request.remoteAddress() == null ? "" : request.remoteAddress().host();
        Request headersOnly = new Request(request.method().name(), request.path(), headers, client, new byte[0]);
        Executor chosen = handler.inline(headersOnly) ? Runnable::run : executor;
        run(chosen, limits, request, context, () -> handler.screen(headersOnly).ifPresentOrElse(
                refusal -> context.runOnContext(v -> answer(request, refusal)),
                () -> context.runOnContext(v -> readBody(request, limits, chosen, handler, headersOnly, context))));
    }

    private void readBody(HttpServerRequest request, Limits limits, Executor executor, Handler handler, Request headersOnly, Context context) {
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limits.maxBody()) {
                answer(request, limits.tooLarge().get());
                request.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (request.response().ended()) {
                return;
            }
            Request whole = new Request(headersOnly.method(), headersOnly.path(), headersOnly.headers(), headersOnly.client(), body.getBytes());
            run(executor, limits, request, context, () -> {
                Response response = handler.handle(whole);
                context.runOnContext(v -> answer(request, response));
            });
        });
        request.resume();
    }

    private static void run(Executor executor, Limits limits, HttpServerRequest request, Context context, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    context.runOnContext(v -> answer(request, Response.text(500, "text/plain; charset=utf-8", "failed\n")));
                }
            });
        } catch (RejectedExecutionException e) {
            answer(request, limits.busy().get());
        }
    }

    private static void answer(HttpServerRequest request, Response response) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        var out = request.response().setStatusCode(response.status());
        response.headers().forEach(out::putHeader);
        out.end(Buffer.buffer(response.body()));
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS);
    }
}
