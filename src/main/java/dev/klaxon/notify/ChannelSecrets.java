package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Channel credentials: keys of Secrets in the operator's namespace that an administrator shared
 * with the channel's namespace through the annotation {@value #SHARED_WITH} ("team-a,team-b" or
 * "*"). Without it a channel could point at any Secret there (the chart's own, another team's)
 * and send its value to a receiver of its choosing. Missing and not shared read the same, so a
 * channel cannot probe which Secrets exist.
 */
final class ChannelSecrets {

    static final String SHARED_WITH = KlaxonApi.GROUP + "/channel-namespaces";

    private final KubernetesClient client;

    ChannelSecrets(KubernetesClient client) {
        this.client = client;
    }

    /** The value, or empty when the key is missing or not shared with {@code channelNamespace}. */
    Optional<String> value(String channelNamespace, SecretKeyRef ref) {
        Secret secret = client.secrets().inNamespace(client.getNamespace()).withName(ref.getName()).get();
        if (secret == null || !sharedWith(secret, channelNamespace) || secret.getData() == null || !secret.getData().containsKey(ref.getKey())) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8).strip());
    }

    String unavailable(String channelNamespace, SecretKeyRef ref) {
        return "Secret " + ref.getName() + " with key " + ref.getKey() + " is not in the operator's namespace " + client.getNamespace()
                + " or not shared with namespace " + channelNamespace + " (annotation " + SHARED_WITH + ")";
    }

    private static boolean sharedWith(Secret secret, String namespace) {
        String shared = secret.getMetadata().getAnnotations() == null ? null : secret.getMetadata().getAnnotations().get(SHARED_WITH);
        return shared != null && Arrays.stream(shared.split(",")).map(String::strip).anyMatch(n -> n.equals("*") || n.equals(namespace));
    }
}
