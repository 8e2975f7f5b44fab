package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageSubscriptions;
import dev.klaxon.common.Cidr;
import dev.klaxon.common.DeadlineHttpServer;
import dev.klaxon.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SubscriptionDeskTest {

    private static final String TOKEN = "ab".repeat(32);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final List<String> writes = new ArrayList<>();
    private final SiteSubscriptions cluster = new SiteSubscriptions() {
        @Override
        public Outcome subscribe(String email, String webhook) {
            writes.add("subscribe " + email + " " + webhook);
            return Outcome.done;
        }

        @Override
        public Outcome relay(String subscriber, String purpose, String token) {
            writes.add(purpose + " " + subscriber + " " + token);
            return Outcome.done;
        }
    };
    private final SubscriptionDesk desk = new SubscriptionDesk(SubscriptionDeskTest::page, cluster, new ClientLimits(clock, 2, 60),
            new ClientLimits(clock, 2, 60), List.of(Cidr.parse("10.0.0.0/8")));

    @Test
    void openingALinkShowsAButtonAndOnlyPressingItIsRelayed() {
        DeadlineHttpServer.Response opened = desk.serve(request("GET", "/subscriptions/confirm/acme-status-x1/" + TOKEN, "", Map.of()));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(new String(opened.body(), StandardCharsets.UTF_8)).contains("<form method=\"post\"");
        assertThat(writes).as("a mail scanner opening the link changes nothing").isEmpty();

        assertThat(desk.serve(request("POST", "/subscriptions/confirm/acme-status-x1/" + TOKEN, "", Map.of())).status()).isEqualTo(200);
        assertThat(writes).containsExactly("confirm acme-status-x1 " + TOKEN);
        assertThat(desk.serve(request("POST", "/subscriptions/confirm/acme-status-x1/not-a-token", "", Map.of())).status()).isEqualTo(404);
    }

    @Test
    void anotherSitesFormIsRefusedAndTheSameHostsTaken() {
        assertThat(desk.serve(request("POST", "/subscribe", "email=alice%40example.com", Map.of("Origin", "https://evil.example",
                "Host", "status.example.com"))).status()).isEqualTo(403);
        assertThat(writes).isEmpty();
        assertThat(desk.serve(request("POST", "/subscribe", "email=alice%40example.com", Map.of("Origin", "https://status.example.com",
                "Host", "status.example.com"))).status()).isEqualTo(202);
        assertThat(writes).containsExactly("subscribe alice@example.com null");
        assertThat(desk.serve(request("POST", "/subscribe", "email=bob%40example.com", Map.of("Sec-Fetch-Site", "cross-site", "Origin", "null")))
                .status()).as("a browser says it is another site's form").isEqualTo(403);
        assertThat(desk.serve(request("POST", "/subscribe", "email=bob%40example.com", Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null")))
                .status()).as("this page's own form, sent without a referrer").isEqualTo(202);
    }

    @Test
    void theClientIsWhoTheTrustedProxySaysAndNobodyElseIsBelieved() {
        assertThat(desk.clientOf(request("GET", "/", "", Map.of("X-Forwarded-For", "203.0.113.9, 10.1.1.1"), "10.2.2.2")))
                .isEqualTo("203.0.113.9");
        assertThat(desk.clientOf(request("GET", "/", "", Map.of("X-Forwarded-For", "198.51.100.1"), "203.0.113.9")))
                .as("not a trusted proxy: its header is its own words").isEqualTo("203.0.113.9");
        assertThat(desk.clientOf(request("GET", "/", "", Map.of("X-Forwarded-For", "evil.example"), "10.2.2.2"))).isEqualTo("evil.example");
    }

    @Test
    void eachClientBehindTheProxyHasItsOwnLimit() {
        for (int i = 0; i < 2; i++) {
            assertThat(desk.serve(request("POST", "/subscribe", "email=a" + i + "%40example.com", Map.of("X-Forwarded-For", "203.0.113.1"),
                    "10.0.0.5")).status()).isEqualTo(202);
        }
        assertThat(desk.serve(request("POST", "/subscribe", "email=a9%40example.com", Map.of("X-Forwarded-For", "203.0.113.1"), "10.0.0.5"))
                .status()).isEqualTo(429);
        assertThat(desk.serve(request("POST", "/subscribe", "email=b%40example.com", Map.of("X-Forwarded-For", "203.0.113.2"), "10.0.0.5"))
                .status()).as("another visitor through the same proxy").isEqualTo(202);
    }

    @Test
    void aPageWithoutSubscriptionsTakesNone() {
        SubscriptionDesk closed = new SubscriptionDesk(() -> null, cluster, new ClientLimits(clock), new ClientLimits(clock), List.of());
        assertThat(closed.serve(request("POST", "/subscribe", "email=alice%40example.com", Map.of())).status()).isEqualTo(404);
        assertThat(writes).isEmpty();
    }

    private static DeadlineHttpServer.Request request(String method, String path, String body, Map<String, String> headers) {
        return request(method, path, body, headers, "203.0.113.50");
    }

    private static DeadlineHttpServer.Request request(String method, String path, String body, Map<String, String> headers, String client) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers);
        return new DeadlineHttpServer.Request(method, path, all, client, body.getBytes(StandardCharsets.UTF_8));
    }

    private static StatusPage page() {
        StatusPage page = new StatusPage();
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Acme Status");
        StatusPageSubscriptions subscriptions = new StatusPageSubscriptions();
        subscriptions.setUrl("https://status.example.com");
        subscriptions.setEmailChannel("mailer");
        spec.setSubscriptions(subscriptions);
        page.setSpec(spec);
        return page;
    }
}
