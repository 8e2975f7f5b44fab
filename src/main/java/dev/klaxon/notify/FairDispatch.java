package dev.klaxon.notify;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which send starts next. Sends wait in one queue per namespace and the namespaces are served in
 * turn, so one tenant's backlog never queues another's page behind it. At most
 * {@link Limits#perChannel()} sends to one channel and {@link Limits#perNamespace()} of one
 * namespace are in flight at once, so receivers that never answer hold only their own tenant's
 * slots; {@link Limits#total()} bounds all of them. Within a namespace, channels whose last send
 * failed share a budget of their own ({@link Limits#perNamespace()} more), so a tenant's broken
 * channels, retrying, never hold back its healthy ones. A namespace queues at most
 * {@link Limits#queuedPerNamespace()} sends ({@link #hasRoom}). Plain and thread-safe: the caller
 * runs what {@link #next()} hands out and calls {@link #done} when it finished.
 */
final class FairDispatch<T> {

    record Limits(int perChannel, int perNamespace, int total, int queuedPerNamespace) {
        static final Limits DEFAULT = new Limits(2, 8, 128, 200);
    }

    /** A send handed out to run; {@code failing}: its channel's last send had failed when it started. */
    record Started<T>(String namespace, String channel, T item, boolean failing) {
    }

    /** Channels remembered as failing; past it the longest-failing are forgotten (deleted channels stay in no map for ever). */
    static final int MAX_FAILING = 10_000;

    private final Limits limits;
    /** Iteration order is the turn: a namespace served moves to the back. */
    private final LinkedHashMap<String, ArrayDeque<Started<T>>> queues = new LinkedHashMap<>();
    private final Map<String, Integer> runningByNamespace = new HashMap<>();
    private final Map<String, Integer> runningByChannel = new HashMap<>();
    /** In flight per namespace, of channels whose last send failed. */
    private final Map<String, Integer> runningFailingByNamespace = new HashMap<>();
    /** Channels (namespace/channel) whose last send failed: as many as there are broken channels, at most MAX_FAILING. */
    private final Set<String> failing = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_FAILING;
        }
    });
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
        queues.computeIfAbsent(namespace, n -> new ArrayDeque<>()).add(new Started<>(namespace, channel, item, false));
    }

    /** The next send allowed to start (counted as running), or empty when every waiting one is held by a limit. */
    synchronized Optional<Started<T>> next() {
        if (running >= limits.total()) {
            return Optional.empty();
        }
        for (var entry : queues.entrySet()) {
            String namespace = entry.getKey();
            int failingInFlight = runningFailingByNamespace.getOrDefault(namespace, 0);
            int healthyInFlight = runningByNamespace.getOrDefault(namespace, 0) - failingInFlight;
            for (Iterator<Started<T>> waiting = entry.getValue().iterator(); waiting.hasNext(); ) {
                Started<T> waitingSend = waiting.next();
                boolean isFailing = failing.contains(channelKey(waitingSend));
                if (runningByChannel.getOrDefault(channelKey(waitingSend), 0) >= limits.perChannel()
                        || (isFailing ? failingInFlight : healthyInFlight) >= limits.perNamespace()) {
                    continue;
                }
                waiting.remove();
                ArrayDeque<Started<T>> queue = queues.remove(namespace);
                if (!queue.isEmpty()) {
                    queues.put(namespace, queue); // to the back of the turn
                }
                Started<T> send = new Started<>(namespace, waitingSend.channel(), waitingSend.item(), isFailing);
                runningByNamespace.merge(namespace, 1, Integer::sum);
                runningByChannel.merge(channelKey(send), 1, Integer::sum);
                if (isFailing) {
                    runningFailingByNamespace.merge(namespace, 1, Integer::sum);
                }
                running++;
                return Optional.of(send);
            }
        }
        return Optional.empty();
    }

    /** @param delivered whether the send succeeded: a failed one puts its channel in the failing channels' budget until one succeeds */
    synchronized void done(Started<T> send, boolean delivered) {
        running--;
        runningByNamespace.computeIfPresent(send.namespace(), (n, count) -> count > 1 ? count - 1 : null);
        runningByChannel.computeIfPresent(channelKey(send), (c, count) -> count > 1 ? count - 1 : null);
        if (send.failing()) {
            runningFailingByNamespace.computeIfPresent(send.namespace(), (n, count) -> count > 1 ? count - 1 : null);
        }
        if (delivered) {
            failing.remove(channelKey(send));
        } else {
            failing.add(channelKey(send));
        }
    }

    synchronized int waiting() {
        return queues.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private static String channelKey(Started<?> send) {
        return send.namespace() + "/" + send.channel();
    }
}
