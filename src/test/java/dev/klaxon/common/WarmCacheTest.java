package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.klaxon.api.v1alpha1.Incident;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import dev.klaxon.testing.MovableClock;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WarmCacheTest {

    private static Incident incident(String namespace, String name) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        return incident;
    }

    @Test
    @SuppressWarnings("unchecked")
    void beforeItIsWarmOneListFromTheApiServerAnswersAStormOfQuestions() {
        KubernetesClient client = mock(KubernetesClient.class);
        MixedOperation<Incident, KubernetesResourceList<Incident>, Resource<Incident>> incidents = mock(MixedOperation.class);
        NonNamespaceOperation<Incident, KubernetesResourceList<Incident>, Resource<Incident>> shop = mock(NonNamespaceOperation.class);
        KubernetesResourceList<Incident> answer = mock(KubernetesResourceList.class);
        when(client.resources(Incident.class)).thenReturn(incidents);
        when(incidents.inNamespace("shop")).thenReturn(shop);
        when(shop.list(any(ListOptions.class))).thenReturn(answer);
        when(answer.getItems()).thenReturn(List.of(incident("shop", "db-down")));
        MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));
        WarmCache<Incident> cache = new WarmCache<>(client, Incident.class, null, clock);
        cache.bind(mock(IndexedResourceCache.class));

        for (int alert = 0; alert < 1000; alert++) {
            assertThat(cache.get("shop", "db-down")).isPresent();
        }
        verify(shop, times(1)).list(any(ListOptions.class));

        clock.advance(WarmCache.FRESH);
        assertThat(cache.list("shop")).hasSize(1);
        verify(shop, times(2)).list(any(ListOptions.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onceWarmTheCacheAnswersWithTheNamespacesOwnObjectsOnly() {
        KubernetesClient client = mock(KubernetesClient.class);
        IndexedResourceCache<Incident> informer = mock(IndexedResourceCache.class);
        // With listed namespaces the SDK's per-namespace informers share one item store: a list for one namespace holds others'.
        when(informer.list(eq("shop"), any(Predicate.class))).thenAnswer(i -> Stream.of(incident("shop", "a"), incident("billing", "b")));
        MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));
        WarmCache<Incident> cache = new WarmCache<>(client, Incident.class, null, clock);
        cache.bind(informer);
        assertThat(cache.warm()).isFalse();

        cache.seen();
        assertThat(cache.list("shop")).extracting(i -> i.getMetadata().getName()).containsExactly("a");

        WarmCache<Incident> unseen = new WarmCache<>(client, Incident.class, null, clock);
        unseen.bind(informer);
        assertThat(unseen.warm()).as("first asked now").isFalse();
        clock.advance(WarmCache.WARM_UP.plus(Duration.ofSeconds(1)));
        assertThat(unseen.warm()).as("a minute after it was first asked, even if its controller never reconciled").isTrue();
    }
}
