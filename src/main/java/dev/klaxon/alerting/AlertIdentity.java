package dev.klaxon.alerting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which alert a result series belongs to: its groupBy labels (or all its labels but the metric
 * name), and a stable fingerprint of them.
 */
public record AlertIdentity(Map<String, String> labels, String fingerprint) {

    public static AlertIdentity of(Map<String, String> seriesLabels, List<String> groupBy) {
        TreeMap<String, String> identifying = new TreeMap<>();
        if (groupBy == null || groupBy.isEmpty()) {
            identifying.putAll(seriesLabels);
            identifying.remove("__name__");
        } else {
            for (String label : groupBy) {
                String value = seriesLabels.get(label);
                if (value != null && !value.isEmpty()) {
                    identifying.put(label, value);
                }
            }
        }
        return new AlertIdentity(Map.copyOf(identifying), fingerprint(identifying));
    }

    static String fingerprint(TreeMap<String, String> labels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // A separator that cannot occur in label names keeps {a="b,c"} apart from {a="b",c=""}.
            labels.forEach((k, v) -> sha.update((k + "\u0000" + v + "\u0001").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
