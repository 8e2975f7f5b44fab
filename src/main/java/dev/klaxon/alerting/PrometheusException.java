package dev.klaxon.alerting;

/** A query that did not produce a result. Never means "the condition is false". */
public class PrometheusException extends Exception {

    public enum Kind {
        /** Prometheus could not be reached or did not answer in time. */
        Unreachable,
        /** Prometheus answered with an error, e.g. a PromQL parse error; the message is Prometheus's own. */
        QueryFailed
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
