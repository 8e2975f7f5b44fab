package dev.klaxon.common;

import io.javaoperatorsdk.operator.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means Klaxon is served: this replica leads and its controllers run with every informer
 * healthy, or it is a stand-by that has seen another replica hold the Lease. A replica that is
 * still electing is not ready, so a single replica is ready only once it works; a stand-by is,
 * so a rolling update (the new pod must be ready before the old one stops) never waits for a
 * Lease the old pod holds. Replaces the operator SDK's check, which needs the controllers started.
 */
@Readiness
@ApplicationScoped
public class OperatorReadiness implements HealthCheck {

    private final Operator operator;
    private final LeaderElection election;

    public OperatorReadiness(Operator operator, LeaderElection election) {
        this.operator = operator;
        this.election = election;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("klaxon-operator");
        if (!election.isLeading()) {
            return response.status(election.isStandbyOf()).withData("role", "stand-by").build();
        }
        if (!election.controllersStarted()) {
            return response.down().withData("role", "leader").withData("controllers", "starting").build();
        }
        var runtime = operator.getRuntimeInfo();
        boolean healthy = runtime.isStarted();
        try {
            for (var controller : runtime.getRegisteredControllers()) {
                var unhealthy = controller.getControllerHealthInfo().unhealthyEventSources();
                if (!unhealthy.isEmpty()) {
                    healthy = false;
                    response.withData(controller.getConfiguration().getName(), "unhealthy: " + String.join(", ", unhealthy.keySet()));
                }
            }
        } catch (RuntimeException e) {
            // The controllers are still starting: their informers do not exist yet.
            healthy = false;
            response.withData("controllers", "starting");
        }
        return response.status(healthy).withData("role", "leader").build();
    }
}
