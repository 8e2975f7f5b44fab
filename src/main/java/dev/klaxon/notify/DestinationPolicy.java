package dev.klaxon.notify;

import dev.klaxon.common.Cidr;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the operator may send a notification. A receiver's address is a tenant's choice, and the
 * operator runs inside the cluster with credentials: without this it would POST to the cloud's
 * metadata service, its own API server or loopback on a tenant's behalf. Refused: every address
 * a receiver's host resolves to in {@code klaxon.notify.denied-networks} (by default loopback,
 * link-local and "this network"), and the API server's own host and port. The refusal never
 * quotes the address (a channel's URL is a secret) and reads the same for every denied network.
 */
final class DestinationPolicy {

    static final String REFUSED = "the receiver's address is in a network notifications may not reach (klaxon.notify.denied-networks)";

    private final List<Cidr> denied;
    private final String apiServerHost;
    private final int apiServerPort;

    DestinationPolicy(List<String> deniedNetworks, URI apiServer) {
        this.denied = deniedNetworks.stream().filter(n -> !n.isBlank()).map(Cidr::parse).toList();
        this.apiServerHost = apiServer.getHost();
        this.apiServerPort = apiServer.getPort() > 0 ? apiServer.getPort() : 443;
    }

    /** Why a receiver at {@code host}:{@code port} may not be reached, or empty when it may. */
    Optional<String> refusal(String host, int port) {
        if (host == null) {
            return Optional.of(REFUSED);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // the send fails by itself, as any unreachable receiver does
        }
        boolean deniedNetwork = Arrays.stream(addresses).anyMatch(a -> denied.stream().anyMatch(n -> n.contains(a)));
        return deniedNetwork || isApiServer(addresses, port) ? Optional.of(REFUSED) : Optional.empty();
    }

    private boolean isApiServer(InetAddress[] addresses, int port) {
        if (port != apiServerPort || apiServerHost == null) {
            return false;
        }
        try {
            List<InetAddress> server = List.of(InetAddress.getAllByName(apiServerHost));
            return Arrays.stream(addresses).anyMatch(server::contains);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The port a URL names, or its scheme's. */
    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}
