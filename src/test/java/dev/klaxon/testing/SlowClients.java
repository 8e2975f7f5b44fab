package dev.klaxon.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Clients that open connections to 127.0.0.1 and send their request a byte every two seconds,
 * as a slowloris attack does: each opens anew when the server closes it. Bounded: {@code count}
 * sockets, one thread.
 */
public final class SlowClients implements AutoCloseable {

    private final int port;
    private final byte[] request;
    private final List<Slow> clients = new ArrayList<>();
    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "slow-clients");
        thread.setDaemon(true);
        return thread;
    });

    private static final class Slow {
        Socket socket;
        int sent;
    }

    public SlowClients(int port, int count, String request) {
        this.port = port;
        this.request = request.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Slow slow = new Slow();
            reopen(slow);
            clients.add(slow);
        }
        dribbler.scheduleWithFixedDelay(this::dribble, 2, 2, TimeUnit.SECONDS);
    }

    /** How many hold a connection now. */
    public synchronized long connected() {
        return clients.stream().filter(c -> c.socket != null && c.socket.isConnected() && !c.socket.isClosed()).count();
    }

    private int rounds;

    /** How many times each has sent its next byte (or connected anew). */
    public synchronized int rounds() {
        return rounds;
    }

    private synchronized void dribble() {
        rounds++;
        for (Slow slow : clients) {
            try {
                if (slow.socket == null || slow.socket.isClosed() || slow.sent >= request.length) {
                    reopen(slow);
                }
                slow.socket.getOutputStream().write(request[slow.sent++]);
                slow.socket.getOutputStream().flush();
            } catch (IOException e) {
                reopen(slow);
            }
        }
    }

    private void reopen(Slow slow) {
        try {
            if (slow.socket != null) {
                slow.socket.close();
            }
            slow.socket = new Socket();
            slow.socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            slow.sent = 0;
        } catch (IOException e) {
            slow.socket = null;
        }
    }

    @Override
    public synchronized void close() {
        dribbler.shutdownNow();
        for (Slow slow : clients) {
            try {
                if (slow.socket != null) {
                    slow.socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
