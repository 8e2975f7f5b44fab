package dev.klaxon.api.v1alpha1;

/** The pattern every duration field in the API uses: Go/Prometheus style, e.g. 30s, 5m, 1h30m. */
public final class Durations {
    /**
     * One to four number+unit pairs; units ms, s, m, h, d, w. Numbers have at most five digits,
     * so no duration the API accepts overflows when the operator adds it to a time (99999w is
     * nearly two thousand years).
     */
    public static final String PATTERN = "^([0-9]{1,5}(ms|s|m|h|d|w)){1,4}$";

    private Durations() {
    }
}
