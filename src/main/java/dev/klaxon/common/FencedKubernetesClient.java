package dev.klaxon.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator's Kubernetes client, configured as Quarkus configures it, with the
 * {@link LeadershipFence} on every request (no write leaves a replica that is not sure it leads)
 * and the {@link ClientRateLimit} (klaxon.kubernetes.qps and burst).
 */
public class FencedKubernetesClient {

    @Produces
    @Singleton
    KubernetesClient kubernetesClient(KubernetesSerialization serialization, Config config, LeadershipFence fence, KlaxonConfig klaxon) {
        ClientRateLimit rateLimit = new ClientRateLimit(klaxon.kubernetes().qps(), klaxon.kubernetes().burst());
        return new KubernetesClientBuilder().withKubernetesSerialization(serialization).withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("klaxon-leadership-fence", fence)
                        .addOrReplaceInterceptor("klaxon-rate-limit", rateLimit))
                .build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }
}
