package dev.klaxon.common;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text from outside (a series' labels, a rendered template, a tenant's title) cut to the bounds
 * the API's schema sets, so that an object the operator writes is never refused for a length.
 */
public final class Text {

    private Text() {
    }

    /** At most {@code max} characters, never splitting a surrogate pair; a cut ends in "…". */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** The first {@code max} characters, as they are (for names and keys, where "…" would not do). */
    public static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Adds {@code name=value} to {@code labels} if it is under {@code maxLabels} and the name fits
     * the schema (a longer name is dropped: cut, two names could become one); the value is cut.
     */
    public static void putLabel(Map<String, String> labels, String name, String value, int maxLabels) {
        if (labels.size() < maxLabels && name != null && value != null && name.length() <= KlaxonApi.MAX_LABEL_NAME) {
            labels.putIfAbsent(name, truncate(value, KlaxonApi.MAX_LABEL_VALUE));
        }
    }

    /** {@link #putLabel} for each of {@code from}, in its order. */
    public static Map<String, String> boundedLabels(Map<String, String> from, int maxLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (from != null) {
            from.forEach((name, value) -> putLabel(labels, name, value, maxLabels));
        }
        return labels;
    }
}
