package dev.klaxon.alerting;

import dev.klaxon.api.v1alpha1.Severity;
import java.util.OptionalDouble;

/**
 * The severity table of the incident-response guide, first match wins. Missing inputs (a
 * query that returned nothing for this alert) count as no impact on that axis.
 */
public final class SeverityClassifier {

    /**
     * @param errorRate        fraction of failing requests, 0..1
     * @param userImpactPercent share of users affected, 0..100
     * @param latencyMultiplier current latency / normal latency
     */
    public record Inputs(OptionalDouble errorRate, OptionalDouble userImpactPercent, OptionalDouble latencyMultiplier,
                         boolean coreFunctionality, boolean securityRelated) {
    }

    private SeverityClassifier() {
    }

    public static Severity classify(Inputs in) {
        double errors = in.errorRate().orElse(0);
        double impact = in.userImpactPercent().orElse(0);
        double latency = in.latencyMultiplier().orElse(1);
        boolean anyImpact = errors > 0 || impact > 0 || latency > 1;
        if (in.securityRelated() && anyImpact) {
            return Severity.SEV1;
        }
        if (errors >= 0.95 || impact >= 95) {
            return Severity.SEV1;
        }
        if (errors >= 0.50 || impact >= 50 || (in.coreFunctionality() && errors >= 0.25)) {
            return Severity.SEV2;
        }
        if (errors >= 0.10 || impact >= 10 || latency >= 5) {
            return Severity.SEV3;
        }
        if (errors >= 0.01 || impact >= 1 || latency >= 2) {
            return Severity.SEV4;
        }
        return Severity.SEV5;
    }

    /** SEV1 is worse than SEV2. */
    public static boolean isWorse(Severity candidate, Severity current) {
        return candidate.ordinal() < current.ordinal();
    }
}
