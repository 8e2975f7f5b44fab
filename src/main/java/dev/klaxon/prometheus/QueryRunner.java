package dev.klaxon.prometheus;

import java.time.Instant;
import java.util.List;

/** Runs an instant query at a given evaluation time. */
@FunctionalInterface
public interface QueryRunner {
    List<Sample> query(String promql, Instant time) throws PrometheusException;

    /**
     * The queries of one namespace's objects (its rules, its playbooks' verifications): confined to
     * what that namespace may read where the operator runs in a tenancy mode, the same otherwise.
     */
    default QueryRunner forNamespace(String namespace) {
        return this;
    }
}
