package dev.klaxon.common;

import java.util.HexFormat;

/** Names and label values within Kubernetes' length limits, still readable and still unique. */
public final class KubernetesNames {

    /** Label values, and names that end up in labels (Job names do), are at most 63 characters. */
    public static final int LABEL_MAX = 63;

    private KubernetesNames() {
    }

    /** {@code value} itself when it fits in {@code max}; otherwise a prefix of it and a hash of the whole. */
    public static String fit(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        String prefix = value.substring(0, max - 9).replaceAll("[.-]+$", "");
        return prefix + "-" + hash(value);
    }

    /** {@code prefix-suffix}, shortening the prefix (never the suffix) to fit in {@code max}. */
    public static String join(String prefix, String suffix, int max) {
        String whole = prefix + "-" + suffix;
        if (whole.length() <= max) {
            return whole;
        }
        int keep = Math.max(0, max - suffix.length() - 10);
        return (prefix.substring(0, keep).replaceAll("[.-]+$", "") + "-" + hash(whole)).replaceAll("^-", "") + "-" + suffix;
    }

    private static String hash(String value) {
        return HexFormat.of().formatHex(Digests.sha256(value)).substring(0, 8);
    }
}
