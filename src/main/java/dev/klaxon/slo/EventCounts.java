package dev.klaxon.slo;

/** Bad and total events over a span (estimates from rates, so not whole numbers). */
record EventCounts(double bad, double total) {

    static final EventCounts NONE = new EventCounts(0, 0);

    EventCounts plus(EventCounts other) {
        return new EventCounts(bad + other.bad, total + other.total);
    }

    EventCounts times(double fraction) {
        return new EventCounts(bad * fraction, total * fraction);
    }

    /** The share of bad events; empty without events. Never above 1 nor below 0 (rates of separate counters may disagree a little). */
    java.util.OptionalDouble errorRatio() {
        if (!(total > 0) || !Double.isFinite(total) || !Double.isFinite(bad)) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(Math.max(0, Math.min(1, bad / total)));
    }
}
