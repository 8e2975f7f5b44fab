package dev.klaxon.notify;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which send starts next. Sends wait in one queue per namespace and the namespaces are served in
 * turn, so one tenant's backlog never queues another's page behind it. At most
 * {@link Limits#perChannel()} sends to one channel and {@link Limits#perNamespace()} of one
 * namespace are in flight at once, so receivers that never answer hold only their own tenant's
 * slots; {@link Limits#total()} bounds all of them. A namespace queues at most
 * {@link Limits#queuedPerNamespace()} sends ({@link #hasRoom}). Plain and thread-safe: the caller
 * runs what {@link #next()} hands out and calls {@link #done} when it finished.
 */
final class FairDispatch<T> {

    record Limits(int perChannel, int perNamespace, int total, int queuedPerNamespace) {
        static final Limits DEFAULT = new Limits(2, 8, 128, 200);
    }

    /** A send handed out to run. */
    record Started<T>(String namespace, String channel, T item) {
    }

    private final Limits limits;
    /** Iteration order is the turn: a namespace served moves to the back. */
    private final LinkedHashMap<String, ArrayDeque<Started<T>>> queues = new LinkedHashMap<>();
    private final Map<String, Integer> runningByNamespace = new HashMap<>();
    private final Map<String, Integer> runningByChannel = new HashMap<>();
    private int running;

    FairDispatch(Limits limits) {
        this.limits = limits;
    }

    /** Whether the namespace may queue another send; when not, its record waits in the ledger instead. */
    synchronized boolean hasRoom(String namespace) {
        ArrayDeque<Started<T>> queue = queues.get(namespace);
        return queue == null || queue.size() < limits.queuedPerNamespace();
    }

    synchronized void add(String namespace, String channel, T item) {
        queues.computeIfAbsent(namespace, n -> new ArrayDeque<>()).add(new Started<>(namespace, channel, item));
    }

    /** The next send allowed to start (counted as running), or empty when every waiting one is held by a limit. */
    synchronized Optional<Started<T>> next() {
        if (running >= limits.total()) {
            return Optional.empty();
        }
        for (var entry : queues.entrySet()) {
            String namespace = entry.getKey();
            if (runningByNamespace.getOrDefault(namespace, 0) >= limits.perNamespace()) {
                continue;
            }
            for (Iterator<Started<T>> waiting = entry.getValue().iterator(); waiting.hasNext(); ) {
                Started<T> send = waiting.next();
                if (runningByChannel.getOrDefault(channelKey(send), 0) >= limits.perChannel()) {
                    continue;
                }
                waiting.remove();
                ArrayDeque<Started<T>> queue = queues.remove(namespace);
                if (!queue.isEmpty()) {
                    queues.put(namespace, queue); // to the back of the turn
                }
                runningByNamespace.merge(namespace, 1, Integer::sum);
                runningByChannel.merge(channelKey(send), 1, Integer::sum);
                running++;
                return Optional.of(send);
            }
        }
        return Optional.empty();
    }

    synchronized void done(Started<T> send) {
        running--;
        runningByNamespace.computeIfPresent(send.namespace(), (n, count) -> count > 1 ? count - 1 : null);
        runningByChannel.computeIfPresent(channelKey(send), (c, count) -> count > 1 ? count - 1 : null);
    }

    synchronized int waiting() {
        return queues.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private static String channelKey(Started<?> send) {
        return send.namespace() + "/" + send.channel();
    }
}
