package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.common.LeadershipFence;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DeliveryWorkersTest {

    private static DeliveryWorkers.Send send(String namespace, String channelName, String incident) {
        NotificationChannel channel = new NotificationChannel();
        channel.setMetadata(new ObjectMetaBuilder().withName(channelName).withNamespace(namespace).build());
        channel.setSpec(new NotificationChannelSpec());
        channel.getSpec().setType(NotificationChannelSpec.Type.Email);
        DeliveryBook.Owner owner = new DeliveryBook.Owner("incident", new ResourceID(incident, namespace));
        return new DeliveryWorkers.Send(new DeliveryBook.Key(owner, incident + "-uid", channelName, "page"), channel, null,
                Clock.systemUTC().instant(), 0);
    }

    @Test
    void aTenantsReceiversWhoseNamesNeverResolveDoNotHoldBackAnotherTenantsPage() {
        CountDownLatch dnsAnswers = new CountDownLatch(1);
        // Starting a send to t1's hosts waits on a name server that does not answer.
        DeliveryWorkers.Sender sender = (channel, message) -> {
            if (channel.getMetadata().getName().startsWith("unresolvable")) {
                try {
                    dnsAnswers.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return CompletableFuture.completedFuture("250 OK");
        };
        DeliveryWorkers workers = new DeliveryWorkers(FairDispatch.Limits.DEFAULT, new DeliveryBook(), sender,
                new LeadershipFence(Clock.systemUTC()), Clock.systemUTC(), new SimpleMeterRegistry());
        Set<ResourceID> delivered = ConcurrentHashMap.newKeySet();
        workers.onFinished("incident", delivered::add);
        try {
            for (int i = 0; i < 8; i++) {
                workers.submit(send("t1", "unresolvable-" + i, "t1-outage"));
            }

            workers.submit(send("t2", "pager", "t2-outage"));

            Awaitility.await("t2's page").atMost(Duration.ofSeconds(5)).until(() -> delivered.contains(new ResourceID("t2-outage", "t2")));
            assertThat(delivered).doesNotContain(new ResourceID("t1-outage", "t1"));
        } finally {
            dnsAnswers.countDown();
        }
    }
}
