package dev.klaxon.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Bodies of type application/x-www-form-urlencoded: the responder site's confirmation form, Slack's interactions, the status site's subscription forms. */
public final class Forms {

    private Forms() {
    }

    /** The fields of the body, each name's first value; a malformed field is no field. */
    public static Map<String, String> fields(byte[] body) {
        Map<String, String> fields = new TreeMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                try {
                    fields.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // A malformed field is no field.
                }
            }
        }
        return fields;
    }
}
