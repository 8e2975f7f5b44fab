package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.Classification;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.QueryRunner;
import dev.klaxon.prometheus.Sample;
import java.time.Instant;
import java.util.OptionalDouble;

/** The severity of one alert of an Auto rule: its classification queries, read for the alert's series, through the severity table. */
final class AlertClassifier {

    private final QueryRunner queries;

    AlertClassifier(QueryRunner queries) {
        this.queries = queries;
    }

    Severity classify(String namespace, Classification classification, AlertState alert, Instant at) throws PrometheusException {
        QueryRunner queries = this.queries.forNamespace(namespace);
        return SeverityClassifier.classify(new SeverityClassifier.Inputs(
                valueFor(queries, classification.getErrorRateQuery(), alert, at),
                valueFor(queries, classification.getUserImpactPercentQuery(), alert, at),
                valueFor(queries, classification.getLatencyMultiplierQuery(), alert, at),
                Boolean.TRUE.equals(classification.getCoreFunctionality()),
                Boolean.TRUE.equals(classification.getSecurityRelated())));
    }

    /**
     * The largest value among the series that carry all of the alert's identifying labels. A
     * failed query fails the evaluation (retried next tick) rather than under-classifying.
     */
    private static OptionalDouble valueFor(QueryRunner queries, String query, AlertState alert, Instant at) throws PrometheusException {
        if (query == null) {
            return OptionalDouble.empty();
        }
        return queries.query(query, at).stream()
                .filter(s -> s.labels().entrySet().containsAll(alert.labels().entrySet()))
                .mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).max();
    }
}
