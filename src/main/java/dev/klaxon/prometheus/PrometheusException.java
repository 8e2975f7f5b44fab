package dev.klaxon.prometheus;

import dev.klaxon.api.v1alpha1.ConditionReason;

/** A query that did not produce a result. Never means "the condition is false". */
public class PrometheusException extends Exception {

    public enum Kind {
        /** Prometheus could not be reached or did not answer in time. */
        Unreachable,
        /** Prometheus answered with an error, e.g. a PromQL parse error; the message is Prometheus's own. */
        QueryFailed,
        /** The answer had more series, or more bytes, than one rule may evaluate. */
        TooManySeries;

        /** The reason of the rule's Ready=False condition. */
        public ConditionReason reason() {
            return switch (this) {
                case Unreachable -> ConditionReason.PrometheusUnreachable;
                case QueryFailed -> ConditionReason.QueryFailed;
                case TooManySeries -> ConditionReason.TooManySeries;
            };
        }

        /** The result tag of klaxon_rule_evaluations_total. */
        public String metricResult() {
            return switch (this) {
                case Unreachable -> "prometheus_unreachable";
                case QueryFailed -> "query_failed";
                case TooManySeries -> "too_many_series";
            };
        }
    }

    private final Kind kind;

    public PrometheusException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PrometheusException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
