package dev.klaxon.api.v1alpha1;

/** The pattern every duration field in the API uses: Go/Prometheus style, e.g. 30s, 5m, 1h30m. */
public final class Durations {
    /** One or more number+unit pairs; units ms, s, m, h, d, w. */
    public static final String PATTERN = "^([0-9]+(ms|s|m|h|d|w))+$";

    private Durations() {
    }
}
