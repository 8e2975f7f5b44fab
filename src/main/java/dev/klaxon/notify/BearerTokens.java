package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.common.Digests;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the bearer token of a request to a receiver (an AlertSource's, a Heartbeat's check-in)
 * against its Secret ({@link ChannelSecrets#token}), read at most every {@link #TTL} per Secret
 * key, compared as digests in constant time: neither the length nor a prefix of the token leaks
 * through timing.
 */
public final class BearerTokens {

    static final Duration TTL = Duration.ofSeconds(10);

    private record CachedToken(Optional<String> token, Instant readAt) {
    }

    private final ChannelSecrets secrets;
    private final Clock clock;
    private final String type;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    /** @param type {@link ChannelSecrets#TOKEN_TYPE} or {@link ChannelSecrets#HEARTBEAT_TOKEN_TYPE} */
    public BearerTokens(KubernetesClient client, Clock clock, String type) {
        this.secrets = new ChannelSecrets(client);
        this.clock = clock;
        this.type = type;
    }

    /** Whether {@code authorization} (the header) is {@code Bearer <the token of ref>} for {@code namespace}. */
    public boolean authorized(String namespace, SecretKeyRef ref, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || ref == null) {
            return false;
        }
        String cacheKey = namespace + "/" + ref.getName() + "/" + ref.getKey();
        Instant now = clock.instant();
        CachedToken cached = tokens.get(cacheKey);
        if (cached == null || cached.readAt().plus(TTL).isBefore(now)) {
            cached = new CachedToken(secrets.token(namespace, ref, type).value(), now);
            tokens.put(cacheKey, cached);
        }
        String given = authorization.substring(7).strip();
        return cached.token().map(token -> MessageDigest.isEqual(Digests.sha256(token), Digests.sha256(given))).orElse(false);
    }
}
