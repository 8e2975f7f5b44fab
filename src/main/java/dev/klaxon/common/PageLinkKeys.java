package dev.klaxon.common;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key pair that signs page links. It is derived from the operator's key (an HMAC of
 * a fixed label is the private key's seed), so every replica signs with the same key without a
 * second Secret, and replacing the operator's key replaces it, ending every link in flight. The
 * public key is all the responder site gets: it can check a link, never make one.
 */
public final class PageLinkKeys {

    /** The key of the ConfigMap (klaxon.responder.verify-key-config-map) that carries the public key. */
    public static final String CONFIG_MAP_KEY = "ed25519-public-key";
    static final String SEED_LABEL = "klaxon page links ed25519 v1";

    private PageLinkKeys() {
    }

    public static KeyPair derive(OperatorKey operatorKey) {
        byte[] seed = HexFormat.of().parseHex(operatorKey.sign(SEED_LABEL));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            // The JDK makes an Ed25519 key from 32 random bytes and has no API that takes a seed:
            // a "random" source that yields the seed is that API.
            generator.initialize(NamedParameterSpec.ED25519, new Seed(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** The public key as the ConfigMap carries it: base64 of its X.509 encoding. */
    public static String publicText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PublicKey parsePublic(String text) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 of its X.509 encoding)", e);
        }
    }

    private static final class Seed extends SecureRandom {
        private final byte[] seed;

        Seed(byte[] seed) {
            super(new byte[0]);
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the key generator asked for " + bytes.length + " bytes, not a 32-byte seed");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
