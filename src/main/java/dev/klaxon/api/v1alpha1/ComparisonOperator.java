package dev.klaxon.api.v1alpha1;

/** How a query value is compared with a threshold. */
public enum ComparisonOperator {
    gt, gte, lt, lte, eq, ne;

    /** Whether {@code value <operator> threshold} holds; NaN equals nothing, as in PromQL. */
    public boolean holds(double value, double threshold) {
        if (Double.isNaN(value)) {
            return this == ne;
        }
        return switch (this) {
            case gt -> value > threshold;
            case gte -> value >= threshold;
            case lt -> value < threshold;
            case lte -> value <= threshold;
            case eq -> value == threshold;
            case ne -> value != threshold;
        };
    }
}
