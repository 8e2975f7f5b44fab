package dev.klaxon.prometheus;

import java.time.Instant;
import java.util.List;

/** Runs an instant query at a given evaluation time. */
@FunctionalInterface
public interface QueryRunner {
    List<Sample> query(String promql, Instant time) throws PrometheusException;
}
