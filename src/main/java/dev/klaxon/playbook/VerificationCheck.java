package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.StepVerification;
import dev.klaxon.prometheus.PrometheusException;
import dev.klaxon.prometheus.QueryRunner;
import dev.klaxon.prometheus.Sample;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates a step's verification query. It holds when the query returns data and every series
 * satisfies the comparison: "error rate below 1 %" means for every service the query returns.
 * No data, or no answer from Prometheus, is not "holds".
 */
final class VerificationCheck {

    private final QueryRunner prometheus;

    VerificationCheck(QueryRunner prometheus) {
        this.prometheus = prometheus;
    }

    RunSequencer.VerificationResult check(String namespace, StepVerification verification, Instant at) {
        List<Sample> samples;
        try {
            samples = prometheus.forNamespace(namespace).query(verification.getQuery(), at);
        } catch (PrometheusException e) {
            return new RunSequencer.VerificationResult(false, "query failed: " + e.getMessage());
        }
        if (samples.isEmpty()) {
            return new RunSequencer.VerificationResult(false, "the query returned no data");
        }
        for (Sample sample : samples) {
            if (!verification.getOperator().holds(sample.value(), verification.getThreshold())) {
                return new RunSequencer.VerificationResult(false, "value " + Sample.plain(sample.value())
                        + (sample.labels().isEmpty() ? "" : " of " + sample.labels()) + " is not " + verification.getOperator() + " "
                        + verification.getThreshold());
            }
        }
        return new RunSequencer.VerificationResult(true, "value " + Sample.plain(samples.get(0).value())
                + (samples.size() > 1 ? " (and " + (samples.size() - 1) + " more series)" : "") + " " + verification.getOperator() + " "
                + verification.getThreshold());
    }
}
