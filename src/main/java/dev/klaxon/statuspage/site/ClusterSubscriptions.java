package dev.klaxon.statuspage.site;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberSpec;
import dev.klaxon.common.KubernetesNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The site's two writes, with its own ServiceAccount: create a subscriber of its page, and annotate one with a followed link's token. */
final class ClusterSubscriptions implements SiteSubscriptions {

    private final KubernetesClient client;
    private final String namespace;
    private final String page;

    ClusterSubscriptions(KubernetesClient client, String namespace, String page) {
        this.client = client;
        this.namespace = namespace;
        this.page = page;
    }

    @Override
    public Outcome subscribe(String email, String webhook) {
        StatusPageSubscriber subscriber = new StatusPageSubscriber();
        subscriber.setMetadata(new ObjectMetaBuilder().withGenerateName(KubernetesNames.fit(page, 200) + "-").withNamespace(namespace).build());
        StatusPageSubscriberSpec spec = new StatusPageSubscriberSpec();
        spec.setPage(page);
        spec.setEmail(email);
        spec.setWebhook(webhook);
        subscriber.setSpec(spec);
        try {
            client.resource(subscriber).create();
            return Outcome.done;
        } catch (KubernetesClientException e) {
            // 422: the schema refused the address; 403 with a quota: the namespace has all the subscribers it may.
            if (e.getCode() == 422) {
                return Outcome.refused;
            }
            System.err.println("status-site: making a subscriber failed: HTTP " + e.getCode() + " " + e.getStatus());
            return Outcome.unavailable;
        }
    }

    @Override
    public Outcome relay(String subscriber, String purpose, String token) {
        String annotation = purpose.equals("confirm") ? KlaxonApi.ANNOTATION_CONFIRM : KlaxonApi.ANNOTATION_UNSUBSCRIBE;
        String patch = client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations", Map.of(annotation, token))));
        // A bare merge patch: the client's typed patch reads the object first, and the site may not read subscribers (their addresses).
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().uri(client.getMasterUrl().toString().replaceAll("/+$", "") + "/apis/"
                        + KlaxonApi.GROUP + "/" + KlaxonApi.VERSION + "/namespaces/" + namespace + "/statuspagesubscribers/" + subscriber)
                .method("PATCH", "application/merge-patch+json", patch).build();
        try {
            int code = http.sendAsync(request, String.class).get(10, TimeUnit.SECONDS).code();
            if (code / 100 == 2) {
                return Outcome.done;
            }
            if (code == 404) {
                return Outcome.refused;
            }
            System.err.println("status-site: relaying a followed link failed: HTTP " + code);
            return Outcome.unavailable;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.unavailable;
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("status-site: relaying a followed link failed: " + e.getClass().getSimpleName());
            return Outcome.unavailable;
        }
    }
}
