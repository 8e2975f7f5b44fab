package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operator's signing key: what it signs (a run's status, an incident it opened) carries an
 * HMAC nobody else can compute, so the operator recognises its own records among objects any
 * tenant can write. The key is a Secret in the operator's own namespace (no tenant can read
 * it), made by the first replica that needs it and shared by every replica after that; the
 * chart grants get of single Secrets and create in that one namespace.
 */
@ApplicationScoped
public class OperatorKey {

    static final String KEY = "key";
    private static final String ALGORITHM = "HmacSHA256";

    private final KubernetesClient client;
    private final String secretName;
    private volatile SecretKeySpec key;

    @Inject
    public OperatorKey(KubernetesClient client, KlaxonConfig config) {
        this.client = client;
        this.secretName = config.operatorKeySecret();
    }

    /** For tests and for callers that hold the key already. */
    public OperatorKey(byte[] key) {
        this.client = null;
        this.secretName = null;
        this.key = spec(key);
    }

    /** The HMAC-SHA256 of {@code text}, hex. */
    public String sign(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code signature} is this key's signature of {@code text} (compared in constant time). */
    public boolean verify(String text, String signature) {
        return signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                sign(text).getBytes(StandardCharsets.US_ASCII));
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            current = spec(load());
            key = current;
        }
        return current;
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a signing key needs at least 32 bytes");
        }
        return new SecretKeySpec(key.clone(), ALGORITHM);
    }

    private byte[] load() {
        String namespace = client.getNamespace();
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                secret = client.resource(new SecretBuilder().withNewMetadata().withName(secretName).withNamespace(namespace)
                                .addToLabels("app.kubernetes.io/name", "klaxon").endMetadata()
                                .withType("Opaque").addToData(KEY, Base64.getEncoder().encodeToString(fresh)).build())
                        .create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Another replica made it first: use theirs.
                secret = client.secrets().inNamespace(namespace).withName(secretName).get();
            }
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(KEY);
        if (encoded == null) {
            throw new IllegalStateException("Secret " + namespace + "/" + secretName + " has no data key '" + KEY + "'");
        }
        return Base64.getDecoder().decode(encoded);
    }
}
