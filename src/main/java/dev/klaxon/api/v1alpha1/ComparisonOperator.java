package dev.klaxon.api.v1alpha1;

/** How a query value is compared with a threshold. */
public enum ComparisonOperator {
    gt, gte, lt, lte, eq, ne
}
