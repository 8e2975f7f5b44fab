package dev.klaxon.prometheus;

import dev.klaxon.common.KlaxonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One Prometheus client (one connection pool) for rule evaluation and step verification. */
@ApplicationScoped
public class PrometheusClientProducer {

    @Produces
    @Singleton
    PrometheusClient prometheus(KlaxonConfig config, java.time.Clock clock) {
        var prometheus = config.prometheus();
        return new PrometheusClient(prometheus.url(), prometheus.timeout(), prometheus.bearerTokenFile(), prometheus.caFile(),
                new PrometheusClient.Limits(prometheus.maxBodySize().asLongValue(), prometheus.maxSeries()))
                .withTenantParameter(prometheus.tenantParameter())
                .withHealth(new PrometheusHealth(clock));
    }
}
