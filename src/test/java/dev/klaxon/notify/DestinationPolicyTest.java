package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationPolicyTest {

    private static final List<String> DEFAULT = List.of("127.0.0.0/8", "::1/128", "169.254.0.0/16", "fe80::/10", "0.0.0.0/8");
    private final DestinationPolicy policy = new DestinationPolicy(DEFAULT, URI.create("https://10.96.0.1:443"));

    @Test
    void loopbackLinkLocalAndThisNetworkAreRefusedByDefault() {
        for (String host : new String[] {"127.0.0.1", "127.8.9.10", "localhost", "[::1]", "::1", "169.254.169.254", "fe80::1", "0.0.0.0"}) {
            assertThat(policy.refusal(host, 80)).as(host).contains(DestinationPolicy.REFUSED);
        }
    }

    @Test
    void otherAddressesMayBeReached() {
        for (String host : new String[] {"10.1.2.3", "192.168.1.10", "93.184.216.34", "2001:db8::1", "169.255.0.1"}) {
            assertThat(policy.refusal(host, 443)).as(host).isEmpty();
        }
    }

    @Test
    void theApiServerIsRefusedOnItsPortOnly() {
        assertThat(policy.refusal("10.96.0.1", 443)).contains(DestinationPolicy.REFUSED);
        assertThat(policy.refusal("10.96.0.1", 8080)).isEmpty();
    }

    @Test
    void theDeniedNetworksAreConfigurable() {
        DestinationPolicy clusterAware = new DestinationPolicy(List.of("10.96.0.0/12", "10.244.0.0/16"), URI.create("https://127.0.0.1:6443"));

        assertThat(clusterAware.refusal("10.100.3.4", 80)).isPresent();
        assertThat(clusterAware.refusal("10.244.0.7", 80)).isPresent();
        assertThat(clusterAware.refusal("127.0.0.1", 9000)).as("loopback allowed when not listed").isEmpty();
        assertThat(clusterAware.refusal("127.0.0.1", 6443)).as("but never the API server").isPresent();
        assertThatThrownBy(() -> new DestinationPolicy(List.of("10.0.0.0/33"), URI.create("https://x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultPortsFollowTheScheme() {
        assertThat(DestinationPolicy.port(URI.create("http://hooks.example.com/x"))).isEqualTo(80);
        assertThat(DestinationPolicy.port(URI.create("https://hooks.example.com/x"))).isEqualTo(443);
        assertThat(DestinationPolicy.port(URI.create("https://hooks.example.com:8443/x"))).isEqualTo(8443);
    }
}
