package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Base64;
import java.util.Optional;

/**
 * Channel credentials: keys of Secrets in the operator's namespace that an administrator shared
 * with the channel's namespace through the annotation {@value #SHARED_WITH} ("team-a,team-b" or
 * "*"). Without it a channel could point at any Secret there (the chart's own, another team's)
 * and send its value to a receiver of its choosing. Missing and not shared read the same, so a
 * channel cannot probe which Secrets exist. AlertSources read their bearer token the same way.
 */
public final class ChannelSecrets {

    static final String SHARED_WITH = KlaxonApi.GROUP + "/channel-namespaces";
    static final String DESTINATION = KlaxonApi.GROUP + "/destination";
    /** The channel types a shared Secret is for, e.g. "Slack" or "Email"; without it, any type. */
    static final String CHANNEL_TYPES = KlaxonApi.GROUP + "/channel-types";

    private final KubernetesClient client;

    public ChannelSecrets(KubernetesClient client) {
        this.client = client;
    }

    /** The value, or empty when the key is missing or not shared with {@code channelNamespace}. */
    public Optional<String> value(String channelNamespace, SecretKeyRef ref) {
        return shared(channelNamespace, ref).flatMap(secret -> valueOf(secret, ref));
    }

    private static Optional<String> valueOf(Secret secret, SecretKeyRef ref) {
        return secret.getData() == null || !secret.getData().containsKey(ref.getKey()) ? Optional.empty()
                : Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8).strip());
    }

    /** The Secret, when it exists in the operator's namespace and is shared with {@code channelNamespace}. */
    private Optional<Secret> shared(String channelNamespace, SecretKeyRef ref) {
        Secret secret = client.secrets().inNamespace(client.getNamespace()).withName(ref.getName()).get();
        return secret == null || !sharedWith(secret, channelNamespace) ? Optional.empty() : Optional.of(secret);
    }

    /** What an AlertSource's token Secret must list in {@value #CHANNEL_TYPES} when it lists types at all. */
    public static final String TOKEN_TYPE = "AlertSource";
    /** What a Heartbeat's check-in token Secret must list in {@value #CHANNEL_TYPES} when it lists types at all. */
    public static final String HEARTBEAT_TOKEN_TYPE = "Heartbeat";

    /**
     * An AlertSource's bearer token, from one read of its Secret: the value, or why there is none.
     *
     * @param found   whether the Secret is there, shared with the namespace, with a value (else SecretNotFound)
     * @param problem why it is no token here: missing, shared with more than this namespace, or for other channel types only
     */
    public record Token(Optional<String> value, boolean found, Optional<String> problem) {
        static Token refused(boolean found, String problem) {
            return new Token(Optional.empty(), found, Optional.of(problem));
        }
    }

    /**
     * The token, when the Secret is shared with {@code namespace} alone and, if it lists channel
     * types, lists {@value #TOKEN_TYPE}. Shared with two namespaces, one tenant's Alertmanager
     * could post (and resolve incidents) as the other's; shared for Email channels only, an SMTP
     * password would become a token.
     */
    public Token token(String namespace, SecretKeyRef ref) {
        return token(namespace, ref, TOKEN_TYPE);
    }

    /** As {@link #token(String, SecretKeyRef)}, for the bearer token of {@code type} ({@value #TOKEN_TYPE} or {@value #HEARTBEAT_TOKEN_TYPE}). */
    public Token token(String namespace, SecretKeyRef ref, String type) {
        Optional<Secret> secret = shared(namespace, ref);
        Optional<String> value = secret.flatMap(s -> valueOf(s, ref)).filter(token -> !token.isEmpty());
        if (value.isEmpty()) {
            return Token.refused(false, unavailable(namespace, ref));
        }
        String sharedWith = annotation(secret.get(), SHARED_WITH).orElse("").strip();
        if (!sharedWith.equals(namespace)) {
            return Token.refused(true, "Secret " + ref.getName() + " is shared with \"" + sharedWith + "\" (annotation " + SHARED_WITH
                    + "): a token authenticates the " + type + "s of one namespace, so its Secret is shared with that namespace alone");
        }
        Optional<String> types = annotation(secret.get(), CHANNEL_TYPES);
        if (types.isPresent() && Arrays.stream(types.get().split(",")).map(String::strip).noneMatch(type::equals)) {
            return Token.refused(true, "Secret " + ref.getName() + " is shared for " + types.get().strip() + " channels only (annotation "
                    + CHANNEL_TYPES + "), not for " + type + " tokens (add " + type + ")");
        }
        return new Token(value, true, Optional.empty());
    }

    public String unavailable(String channelNamespace, SecretKeyRef ref) {
        return "Secret " + ref.getName() + " with key " + ref.getKey() + " is not in the operator's namespace " + client.getNamespace()
                + " or not shared with namespace " + channelNamespace + " (annotation " + SHARED_WITH + ")";
    }

    /**
     * Why the channel would send a shared credential somewhere its Secret does not allow, or empty.
     * A Secret shared with a namespace is shared with its destination: a PagerDuty routing key
     * goes to PagerDuty's events API, or to the URL the Secret's annotation {@value #DESTINATION}
     * names; SMTP credentials go only to the {@code host:port} it names, and never without
     * STARTTLS. Otherwise any tenant given a key could point {@code spec.url} or
     * {@code spec.email.host} at a collector of its own. A Secret not available is reported elsewhere.
     */
    Optional<String> misdirected(NotificationChannel channel) {
        NotificationChannelSpec spec = channel.getSpec();
        String namespace = channel.getMetadata().getNamespace();
        if (spec.getType() == NotificationChannelSpec.Type.PagerDuty && spec.getUrl() != null && spec.getRoutingKeySecretRef() != null
                && !spec.getUrl().strip().equals(HttpChannelSender.PAGERDUTY_EVENTS_URL)
                && !destination(namespace, spec.getRoutingKeySecretRef()).map(spec.getUrl().strip()::equals).orElse(true)) {
            return Optional.of("spec.url: the routing key of Secret " + spec.getRoutingKeySecretRef().getName()
                    + " may go only to PagerDuty's events API, or to the URL its annotation " + DESTINATION + " names");
        }
        for (Map.Entry<String, SecretKeyRef> field : references(spec).entrySet()) {
            Optional<String> types = shared(namespace, field.getValue()).flatMap(secret -> annotation(secret, CHANNEL_TYPES));
            if (types.isPresent() && Arrays.stream(types.get().split(",")).map(String::strip).noneMatch(spec.getType().name()::equals)) {
                return Optional.of(field.getKey() + ": Secret " + field.getValue().getName() + " is shared for " + types.get().strip()
                        + " channels only (annotation " + CHANNEL_TYPES + "), not for a " + spec.getType() + " channel");
            }
        }
        var email = spec.getEmail();
        if (spec.getType() == NotificationChannelSpec.Type.Email && email != null) {
            String server = email.getHost() + ":" + email.getPort();
            for (SecretKeyRef ref : new SecretKeyRef[] {email.getUsernameSecretRef(), email.getPasswordSecretRef()}) {
                if (ref == null) {
                    continue;
                }
                if (Boolean.FALSE.equals(email.getStartTls())) {
                    return Optional.of("spec.email.startTls: SMTP credentials are never sent without STARTTLS");
                }
                if (!destination(namespace, ref).map(server::equals).orElse(true)) {
                    return Optional.of("spec.email.host/port: the credentials of Secret " + ref.getName()
                            + " may go only to the server its annotation " + DESTINATION + " names");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The annotation naming where the Secret's values may go: a shared Secret without it has no
     * destination (an empty string), so only the defaults are allowed; empty when the Secret is not available.
     */
    private Optional<String> destination(String channelNamespace, SecretKeyRef ref) {
        return shared(channelNamespace, ref).map(secret -> annotation(secret, DESTINATION).orElse("").strip());
    }

    /** The Secret references of a channel, by field path. */
    static Map<String, SecretKeyRef> references(NotificationChannelSpec spec) {
        Map<String, SecretKeyRef> references = new LinkedHashMap<>();
        references.put("spec.urlSecretRef", spec.getUrlSecretRef());
        references.put("spec.routingKeySecretRef", spec.getRoutingKeySecretRef());
        references.put("spec.signingSecretRef", spec.getSigningSecretRef());
        if (spec.getEmail() != null) {
            references.put("spec.email.usernameSecretRef", spec.getEmail().getUsernameSecretRef());
            references.put("spec.email.passwordSecretRef", spec.getEmail().getPasswordSecretRef());
        }
        references.values().removeIf(java.util.Objects::isNull);
        return references;
    }

    private static Optional<String> annotation(Secret secret, String name) {
        return Optional.ofNullable(secret.getMetadata().getAnnotations()).map(annotations -> annotations.get(name));
    }

    private static boolean sharedWith(Secret secret, String namespace) {
        String shared = annotation(secret, SHARED_WITH).orElse(null);
        return shared != null && Arrays.stream(shared.split(",")).map(String::strip).anyMatch(n -> n.equals("*") || n.equals(namespace));
    }
}
