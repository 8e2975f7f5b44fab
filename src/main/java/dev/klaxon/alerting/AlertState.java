package dev.klaxon.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * Where one alert stands. Persisted in AlertRule status, so a restarted operator continues
 * where the last one stopped.
 *
 * @param activeAt        when the conditions started to hold (Pending)
 * @param firingAt        when it fired
 * @param keepFiringSince while Firing: when the conditions stopped holding (keepFiringFor runs from here)
 * @param resolvedAt      while Resolving: when it stopped firing (autoResolve.after runs from here)
 * @param incident        the open Incident for this alert, once created
 * @param noDataSince     since when its series has been missing from the query's answer (see AlertRuleSpec.NoData)
 * @param held            while firing without an incident: what holds it back (a maintenance window, an open incident it is attached to)
 */
public record AlertState(String fingerprint, Map<String, String> labels, double value, Phase phase, Instant activeAt,
                         Instant firingAt, Instant keepFiringSince, Instant resolvedAt, String incident, Instant noDataSince,
                         Suppressions.Suppression held) {

    /** An alert nothing holds back. */
    public AlertState(String fingerprint, Map<String, String> labels, double value, Phase phase, Instant activeAt,
                      Instant firingAt, Instant keepFiringSince, Instant resolvedAt, String incident, Instant noDataSince) {
        this(fingerprint, labels, value, phase, activeAt, firingAt, keepFiringSince, resolvedAt, incident, noDataSince, null);
    }

    /** An alert with data. */
    public AlertState(String fingerprint, Map<String, String> labels, double value, Phase phase, Instant activeAt,
                      Instant firingAt, Instant keepFiringSince, Instant resolvedAt, String incident) {
        this(fingerprint, labels, value, phase, activeAt, firingAt, keepFiringSince, resolvedAt, incident, null);
    }

    public enum Phase {
        Pending,
        Firing,
        /** Stopped firing; its incident resolves once autoResolve.after has passed without a re-fire. */
        Resolving
    }

    AlertState withValue(double newValue) {
        return new AlertState(fingerprint, labels, newValue, phase, activeAt, firingAt, keepFiringSince, resolvedAt, incident, noDataSince,
                held);
    }

    AlertState withKeepFiringSince(Instant since) {
        return new AlertState(fingerprint, labels, value, phase, activeAt, firingAt, since, resolvedAt, incident, noDataSince, held);
    }

    public AlertState withIncident(String name) {
        return new AlertState(fingerprint, labels, value, phase, activeAt, firingAt, keepFiringSince, resolvedAt, name, noDataSince, null);
    }

    AlertState withNoDataSince(Instant since) {
        return new AlertState(fingerprint, labels, value, phase, activeAt, firingAt, keepFiringSince, resolvedAt, incident, since, held);
    }

    /** Held back by this (null: by nothing). */
    AlertState withHeld(Suppressions.Suppression by) {
        return new AlertState(fingerprint, labels, value, phase, activeAt, firingAt, keepFiringSince, resolvedAt, incident, noDataSince, by);
    }

    /** The open incident the alert is attached to, if it is. */
    java.util.Optional<Suppressions.Attachment> attachment() {
        return held instanceof Suppressions.Attachment a ? java.util.Optional.of(a) : java.util.Optional.empty();
    }
}
