package dev.klaxon.prometheus;

import java.util.Map;

/** One series of an instant-query result: its labels and value. */
public record Sample(Map<String, String> labels, double value) {

    /** A value as people read it: whole numbers without ".0", others as Java prints them. */
    public static String plain(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
