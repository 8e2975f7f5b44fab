package dev.klaxon.archive;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The archive's condition on the operator's health ({@code /q/health/well}, never its liveness or
 * readiness: an archive that is down must not restart the operator or stop it paging): whether
 * the writer's last write succeeded, how many final objects wait, and whether retention is paused
 * and why.
 */
@Wellness
@ApplicationScoped
public class ArchiveHealth implements HealthCheck {

    private final ArchiveStore store;
    private final ArchiveWriter writer;
    private final ArchivePruner pruner;

    public ArchiveHealth(ArchiveStore store, ArchiveWriter writer, ArchivePruner pruner) {
        this.store = store;
        this.writer = writer;
        this.pruner = pruner;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("klaxon-archive");
        if (!store.enabled()) {
            return response.up().withData("archive", "off").build();
        }
        var paused = pruner.pausedBecause();
        return response.status(writer.up() && paused.isEmpty())
                .withData("writes", writer.up() ? "succeeding" : "failing")
                .withData("pending", writer.pending())
                .withData("retention", paused.map(because -> "paused: " + because).orElse("running"))
                .build();
    }
}
