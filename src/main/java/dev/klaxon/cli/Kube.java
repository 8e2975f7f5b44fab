package dev.klaxon.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The cluster as kubectl would reach it: the kubeconfig ({@code --kubeconfig}, else $KUBECONFIG or
 * ~/.kube/config), its context ({@code --context}) and namespace ({@code -n}, else the context's),
 * impersonation ({@code --as}, {@code --as-group}). Errors read as kubectl prints them.
 */
final class Kube implements AutoCloseable {

    /** How often a change is computed again when someone else changed the object meanwhile. */
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final String namespace;

    Kube(GlobalOptions options) {
        Config config = options.kubeconfig != null
                ? Config.fromKubeconfig(options.context, new File(options.kubeconfig))
                : Config.autoConfigure(options.context);
        if (options.as != null) {
            config.setImpersonateUsername(options.as);
        }
        if (!options.asGroups.isEmpty()) {
            config.setImpersonateGroups(options.asGroups.toArray(String[]::new));
        }
        this.namespace = options.namespace != null ? options.namespace : config.getNamespace() != null ? config.getNamespace() : "default";
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }

    /** Who the API server takes you for (a SelfSubjectReview, as {@code kubectl auth whoami}). */
    UserInfo whoami() {
        try {
            SelfSubjectReview review = client.resource(new SelfSubjectReview()).create();
            return review.getStatus().getUserInfo();
        } catch (KubernetesClientException e) {
            throw new CliException("cannot tell who you are (SelfSubjectReview failed): " + kubectlMessage(e));
        }
    }

    /** The object, or a "<kind> <name> not found" failure. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        T object = call(() -> client.resources(type).inNamespace(namespace).withName(name).get());
        if (object == null) {
            throw new CliException(HasMetadata.getKind(type).toLowerCase(Locale.ROOT) + " " + name + " not found");
        }
        return object;
    }

    /**
     * Changes an object in one request computed from its current state: a JSON merge patch that
     * carries the resourceVersion it was computed from, so the API server refuses it (409) when
     * someone else changed the object meanwhile, and it is computed again. So two people posting
     * the first note at once both keep theirs.
     *
     * @param change the merge patch for the current object (without metadata.resourceVersion)
     */
    <T extends HasMetadata> T change(Class<T> type, String name, Function<T, Map<String, Object>> change) {
        for (int attempt = 1; ; attempt++) {
            T current = get(type, name);
            Map<String, Object> patch = new LinkedHashMap<>(change.apply(current));
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) patch.getOrDefault("metadata", Map.of()));
            metadata.put("resourceVersion", current.getMetadata().getResourceVersion());
            patch.put("metadata", metadata);
            try {
                return client.resources(type).inNamespace(namespace).withName(name)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw new CliException(kubectlMessage(e));
                }
            }
        }
    }

    <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw new CliException(kubectlMessage(e));
        }
    }

    /** As kubectl prints an API error: "Error from server (Reason): message". */
    static String kubectlMessage(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null) {
            String reason = status.getReason() != null && !status.getReason().isEmpty() ? status.getReason() : "Unknown";
            return "Error from server (" + reason + "): " + status.getMessage();
        }
        // No answer at all (e.g. the server is unreachable): the client's own words, without its stack.
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "Unable to connect to the server: " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
    }

    static List<String> groups(UserInfo user) {
        return user.getGroups() == null ? List.of() : user.getGroups();
    }

    @Override
    public void close() {
        client.close();
    }
}
