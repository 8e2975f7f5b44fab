package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LeadershipFenceTest {

    private static final Instant RENEWED = Instant.parse("2026-12-02T10:00:00Z");
    private Instant now = RENEWED;
    private final LeadershipFence fence = new LeadershipFence(new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    private static Lease lease(String holder, Instant renewed) {
        return new LeaseBuilder().withNewSpec().withHolderIdentity(holder)
                .withRenewTime(ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC)).endSpec().build();
    }

    private static HttpRequest request(String method, String path) {
        return new StandardHttpRequest.Builder().uri(URI.create("https://kube.example:6443" + path)).method(method, "application/json", "{}")
                .build();
    }

    private void send(String method, String path) {
        fence.before(null, request(method, path), null);
    }

    @Test
    void withoutLeaderElectionEverythingPasses() {
        assertThat(fence.isHeld()).isTrue();
        assertThatCode(() -> send("POST", "/apis/klaxon.dev/v1alpha1/namespaces/shop/incidents")).doesNotThrowAnyException();
    }

    @Test
    void aLeaderWritesUntilItsLastRenewalIsOlderThanTheRenewDeadline() {
        fence.arm("replica-a", Duration.ofSeconds(10));
        fence.observe(lease("replica-a", RENEWED));
        now = RENEWED.plusSeconds(9);
        assertThat(fence.isHeld()).isTrue();
        assertThatCode(() -> send("PATCH", "/apis/klaxon.dev/v1alpha1/namespaces/shop/incidents/x/status")).doesNotThrowAnyException();

        // Paused (SIGSTOP) for 20 s: it resumes with the renewal it saw last, now too old.
        now = RENEWED.plusSeconds(20);
        assertThat(fence.isHeld()).isFalse();
        assertThatThrownBy(() -> send("POST", "/apis/klaxon.dev/v1alpha1/namespaces/shop/incidents"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("not confirmed as the leader");
        assertThatThrownBy(() -> send("DELETE", "/apis/batch/v1/namespaces/shop/jobs/step")).isInstanceOf(KubernetesClientException.class);
        assertThatCode(() -> send("GET", "/apis/klaxon.dev/v1alpha1/namespaces/shop/incidents")).as("reads pass").doesNotThrowAnyException();
        assertThatCode(() -> send("PUT", "/apis/coordination.k8s.io/v1/namespaces/klaxon-system/leases/klaxon-operator"))
                .as("the elector may still try the Lease").doesNotThrowAnyException();
        assertThatCode(() -> send("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews")).doesNotThrowAnyException();

        fence.observe(lease("replica-a", now));
        assertThat(fence.isHeld()).as("renewed again").isTrue();
    }

    @Test
    void anotherHolderClosesTheFenceAtOnce() {
        fence.arm("replica-a", Duration.ofSeconds(10));
        fence.observe(lease("replica-a", RENEWED));
        fence.observe(lease("replica-b", RENEWED.plusSeconds(1)));
        assertThat(fence.isHeld()).isFalse();
        fence.observe(null);
        assertThat(fence.isHeld()).isFalse();
    }
}
