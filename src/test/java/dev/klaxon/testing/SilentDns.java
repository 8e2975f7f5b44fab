package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A name server that reads every query and never answers: names a tenant gives that never
 * resolve, each lookup held for the resolver's whole timeout (glibc's defaults, 5 s and two
 * attempts). It listens on 127.0.0.77:53, which only root may bind, and writes a resolv.conf
 * naming it for {@link OperatorProcess#resolvingNamesWith}.
 */
public final class SilentDns implements AutoCloseable {

    private static final String ADDRESS = "127.0.0.77";
    private final DatagramSocket socket;
    private final AtomicInteger queries = new AtomicInteger();
    private final Path resolvConf;

    public SilentDns() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ADDRESS), 53));
            resolvConf = TestCluster.PROJECT.resolve("target/silent-dns-resolv.conf");
            Files.writeString(resolvConf, "nameserver " + ADDRESS + "\noptions timeout:5 attempts:2\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) {
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    queries.incrementAndGet();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "silent-dns");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether this process may run it: binding port 53 and a mount namespace of its own need root. */
    public static boolean canRun() {
        return "root".equals(System.getProperty("user.name"));
    }

    public Path resolvConf() {
        return resolvConf;
    }

    /** Queries received (and left unanswered) so far. */
    public int queries() {
        return queries.get();
    }

    @Override
    public void close() {
        socket.close();
    }
}
